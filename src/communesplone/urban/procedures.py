"""The procedures of the current ruleset: their titles and reference acronyms."""

from communesplone.urban.clock import ruleset_for
from datetime import date
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def procedures() -> dict:
    return ruleset_for(date.today()).procedures


def acronym(procedure: str) -> str:
    return procedures()[procedure]["acronym"]


@provider(IVocabularyFactory)
def procedure_vocabulary(context):
    return SimpleVocabulary(
        [SimpleTerm(pid, pid, info["title"]) for pid, info in procedures().items()]
    )
