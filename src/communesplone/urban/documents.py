"""The urbanism module's letters and what they may ask of a permit file.

Letters are read by citizens: every value is French prose, dates are written out
(« 3 mars 2026 ») and nothing is shown that the person generating the letter may not see.
"""

from collective.documentgenerator.helper import DXDocumentGenerationHelperView
from communesplone.core.calendar import french_date
from communesplone.urban.clock import ruleset_for
from communesplone.urban.clock.rulesets import current_ruleset
from communesplone.urban.deadlines import permit_deadlines
from datetime import date
from functools import cached_property
from pathlib import Path
from plone import api

import re


TEMPLATES = Path(__file__).parent / "templates"
PERMIT_TEMPLATES = (
    (
        "accuse-de-reception",
        "Accusé de réception",
        TEMPLATES / "accuse-de-reception.odt",
        ["odt", "pdf"],
        ["Permit"],
    ),
    (
        "pieces-manquantes",
        "Relevé des pièces manquantes",
        TEMPLATES / "pieces-manquantes.odt",
        ["odt", "pdf"],
        ["Permit"],
    ),
    (
        "notification-decision",
        "Notification de la décision",
        TEMPLATES / "notification-decision.odt",
        ["odt", "pdf"],
        ["Permit"],
    ),
    (
        "avis-enquete",
        "Avis d'enquête publique",
        TEMPLATES / "avis-enquete.odt",
        ["odt", "pdf"],
        ["Permit"],
    ),
)

RECORD = "communesplone.commune."
MISSING_NOTE = "Pièces à vérifier"
NO_APPLICANT = "Au demandeur"
DEFAULT_PLACE = (
    "Administration communale, service de l'urbanisme, aux heures d'ouverture des bureaux"
)
OUTCOMES = {"granted": "Octroi", "refused": "Refus"}
# Procedures whose permit allows works (and so comes with obligations before they start).
WORKS_PROCEDURES = ("pu", "purb")
# Inquiry or announcement: (deadline id of its end, heading, noun in a sentence).
PUBLICITY = {
    "inquiry": ("inquiry_end", "Avis d'enquête publique", "enquête publique"),
    "announcement": ("announcement_end", "Annonce de projet", "annonce de projet"),
}
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
VOWELS = "aeiouyàâäéèêëîïôöûüAEIOUYÀÂÄÉÈÊËÎÏÔÖÛÜ"


def _french(value) -> str:
    return french_date(value) if value else ""


def _french_dates(text: str) -> str:
    """The clock's explanations use ISO dates; a letter writes them out."""
    return ISO_DATE.sub(lambda match: french_date(date.fromisoformat(match.group(0))), text)


def _enumeration(items) -> str:
    """« A », « A et B », « A, B et C »."""
    items = [item for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} et {items[-1]}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class PermitDocumentHelper(DXDocumentGenerationHelperView):
    """`view` in permit letters: the file's facts in French, as its reader may see them.

    Every method returns text ("" when the file does not say) or a list of texts, so a
    template only prints, loops and tests for emptiness.
    """

    # The commune

    def _record(self, name: str) -> str:
        return api.portal.get_registry_record(RECORD + name, default=None) or ""

    def today(self) -> str:
        return french_date(date.today())

    def commune_name(self) -> str:
        return self._record("commune_name") or "la commune"

    def letterhead(self) -> str:
        """« Commune de Valmont », « Commune d'Andenne »; the administration if unnamed."""
        name = self._record("commune_name")
        if not name:
            return "Administration communale"
        return f"Commune d'{name}" if name[0] in VOWELS else f"Commune de {name}"

    def commune_address(self) -> str:
        return self._record("address")

    def commune_email(self) -> str:
        return self._record("email")

    def place_and_date(self) -> str:
        """The date line of a letter: « Valmont, le 3 mars 2026 »."""
        name = self._record("commune_name")
        return f"{name}, le {self.today()}" if name else f"Le {self.today()}"

    # The file

    @property
    def permit(self):
        return self.real_context

    def reference(self) -> str:
        return self.permit.reference or ""

    def subject(self) -> str:
        return self.permit.title or ""

    @cached_property
    def _ruleset(self):
        """The law of the deposit day, as the legal clock uses it."""
        deposit = self._first("deposit")
        return ruleset_for(deposit.date) if deposit else current_ruleset()

    def procedure_title(self) -> str:
        """« Permis d'urbanisme »."""
        procedure = self.permit.procedure
        return self._ruleset.procedures.get(procedure, {}).get("title", procedure or "")

    def procedure_name(self) -> str:
        """The procedure inside a sentence: « votre demande de permis d'urbanisme »."""
        return _lower_first(self.procedure_title())

    def work_locations(self) -> list:
        """The addresses of the works, without the street code kept after « ; »."""
        lines = (line.split(";")[0].strip() for line in self.permit.work_locations or ())
        return [line for line in lines if line]

    def work_locations_text(self) -> str:
        return " – ".join(self.work_locations())

    def parcels(self) -> list:
        return list(self.permit.parcels or ())

    def parcels_text(self) -> str:
        return ", ".join(self.parcels())

    def property_text(self) -> str:
        """Where the works are: « Rue Haute, 12 (parcelle cadastrale 62063B0421/02C000) »."""
        locations, parcels = self.work_locations_text(), self.parcels()
        if parcels:
            noun = "parcelles cadastrales" if len(parcels) > 1 else "parcelle cadastrale"
            parcels_text = f"{noun} {self.parcels_text()}"
            return f"{locations} ({parcels_text})" if locations else parcels_text
        return locations or "non précisé"

    @cached_property
    def _applicant_names(self) -> tuple:
        """Names of the applicants the reader may see, in the file's order: one query."""
        uids = list(self.permit.applicants or ())
        if not uids:
            return ()
        titles = {brain.UID: brain.Title for brain in api.content.find(UID=uids)}
        return tuple(titles[uid] for uid in uids if uid in titles)

    def applicants(self) -> list:
        return list(self._applicant_names)

    def applicants_text(self) -> str:
        return _enumeration(self._applicant_names) or "le demandeur"

    def applicants_label(self) -> str:
        return "Demandeurs" if len(self._applicant_names) > 1 else "Demandeur"

    def recipients(self) -> list:
        """The address block: one line per applicant (a letter always has a recipient)."""
        return self.applicants() or [NO_APPLICANT]

    def folder_manager_name(self) -> str:
        userid = self.permit.folder_manager
        user = api.user.get(userid=userid) if userid else None
        if user is None:
            return ""
        return user.getProperty("fullname") or user.getId()

    # Events

    @cached_property
    def _events(self) -> list:
        return self.permit.events()

    def _of_type(self, *kinds) -> list:
        return [event for event in self._events if event.event_type in kinds]

    def _first(self, *kinds):
        found = self._of_type(*kinds)
        return found[0] if found else None

    def _latest(self, *kinds):
        found = self._of_type(*kinds)
        return found[-1] if found else None

    def _date_of(self, event) -> str:
        return _french(event.date) if event is not None else ""

    def deposit_date(self) -> str:
        return self._date_of(self._first("deposit"))

    def acknowledgement_date(self) -> str:
        return self._date_of(self._latest("acknowledgement"))

    # The acknowledgement and the decision deadline

    @cached_property
    def _deadlines(self) -> list:
        return permit_deadlines(self.permit)

    def _deadline(self, *ids):
        for deadline in self._deadlines:
            if deadline.id in ids:
                return deadline
        return None

    def decision_due(self) -> str:
        """The day the Collège must send its decision by, as the legal clock computes it."""
        deadline = self._deadline("decision")
        return _french(deadline.due) if deadline else ""

    def decision_explanation(self) -> str:
        """How the decision date was reached (or why there is none), dates written out."""
        deadline = self._deadline("decision")
        return _french_dates(deadline.explanation) if deadline else ""

    def publicity(self) -> str:
        """The publicity the acknowledgement decided: « enquête publique », « aucune »."""
        acknowledgement = self._latest("acknowledgement")
        kind = acknowledgement.publicity if acknowledgement is not None else None
        return PUBLICITY[kind][2] if kind in PUBLICITY else "aucune"

    def opinions_requested(self) -> bool:
        acknowledgement = self._latest("acknowledgement")
        return bool(acknowledgement is not None and acknowledgement.opinions_requested)

    def fd_opinion_required(self) -> bool:
        acknowledgement = self._latest("acknowledgement")
        return bool(acknowledgement is not None and acknowledgement.fd_opinion_required)

    def acknowledgement_measures(self) -> list:
        """What the instruction of the file includes, one line each, for the applicant."""
        acknowledgement = self._latest("acknowledgement")
        kind = acknowledgement.publicity if acknowledgement is not None else None
        measures = []
        if kind == "inquiry":
            measures.append(f"une enquête publique de {self._ruleset.inquiry_days} jours")
        elif kind == "announcement":
            measures.append(f"une annonce de projet de {self._ruleset.announcement_days} jours")
        if self.opinions_requested():
            measures.append("la consultation des services et commissions dont l'avis est requis")
        if self.fd_opinion_required():
            measures.append("l'avis obligatoire du fonctionnaire délégué")
        return measures or ["aucune mesure particulière de publicité ni demande d'avis"]

    # Missing documents

    def incomplete_date(self) -> str:
        """The day the file was found incomplete; today for a letter written beforehand."""
        return self._date_of(self._latest("incomplete")) or self.today()

    def incomplete_comment(self) -> str:
        event = self._latest("incomplete")
        return (event.comment or "").strip() if event is not None else ""

    def _listed_missing(self) -> list:
        event = self._latest("incomplete")
        return list(getattr(event, "missing_documents", None) or ()) if event else []

    def missing_documents(self) -> list:
        """The labels of the documents the applicant must still send.

        The latest « Dossier incomplet » step may name them: its `missing_documents` is a
        list of ids of the procedure's checklist; they are printed in the checklist's
        order, an id the checklist does not know as it is. When the step names none, the
        whole checklist of the procedure is printed and `missing_documents_note()` says
        « Pièces à vérifier », so the agent strikes out what was provided before sending.
        """
        checklist = self._ruleset.checklist.get(self.permit.procedure, [])
        listed = self._listed_missing()
        if not listed:
            return [item["label"] for item in checklist]
        known = [item["label"] for item in checklist if item["id"] in listed]
        ids = {item["id"] for item in checklist}
        return known + [value for value in listed if value not in ids]

    def missing_documents_note(self) -> str:
        """« Pièces à vérifier » when the list is the whole checklist, else ""."""
        return "" if self._listed_missing() else MISSING_NOTE

    # The decision

    def decision_date(self) -> str:
        return self._date_of(self._latest("decision"))

    def outcome(self) -> str:
        """« Octroi » or « Refus » ("" before the decision)."""
        decision = self._latest("decision")
        return OUTCOMES.get(decision.outcome, "") if decision is not None else ""

    def granted(self) -> bool:
        decision = self._latest("decision")
        return decision is not None and decision.outcome == "granted"

    def implementation_notice(self) -> str:
        """What a granted permit asks before the works start ("" when nothing is built)."""
        if not self.granted() or self.permit.procedure not in WORKS_PROCEDURES:
            return ""
        return (
            "Nous attirons votre attention sur les obligations qui accompagnent la mise en "
            "œuvre du permis, en particulier l'affichage sur le terrain d'un avis indiquant "
            "que le permis a été délivré et l'information de la commune avant le début des "
            "travaux, selon les modalités précisées dans la décision."
        )

    def decision_sentence(self) -> str:
        decision = self._latest("decision")
        if decision is None:
            return "Le Collège communal n'a pas encore statué sur votre demande."
        verb = "d'accorder" if decision.outcome == "granted" else "de refuser"
        return (
            f"En séance du {french_date(decision.date)}, le Collège communal "
            f"a décidé {verb} votre demande."
        )

    # Inquiry or announcement

    def _inquiry(self):
        return self._latest(*PUBLICITY)

    def inquiry_heading(self) -> str:
        """« Avis d'enquête publique », or « Annonce de projet » for an announcement."""
        event = self._inquiry()
        return PUBLICITY[event.event_type][1] if event is not None else PUBLICITY["inquiry"][1]

    def inquiry_kind(self) -> str:
        event = self._inquiry()
        return PUBLICITY[event.event_type][2] if event is not None else PUBLICITY["inquiry"][2]

    def inquiry_start(self) -> str:
        event = self._inquiry()
        return _french(event.start or event.date) if event is not None else ""

    def inquiry_end(self) -> str:
        """The last day, from the legal clock (suspensions and holidays included)."""
        event = self._inquiry()
        if event is None:
            return ""
        base = PUBLICITY[event.event_type][0]
        deadline = self._deadline(f"{base}:{event.getId()}", base)
        return _french(deadline.due) if deadline else ""

    def inquiry_place(self) -> str:
        """Where to consult the file and bring claims, as the step records it."""
        event = self._inquiry()
        place = (event.place or "").strip() if event is not None else ""
        return place.rstrip(".") or DEFAULT_PLACE

    def objection_text(self) -> str:
        """How and until when to object, for the notice."""
        email = self.commune_email()
        by_email = f"par courrier électronique ({email})" if email else "par courrier électronique"
        end = self.inquiry_end()
        until = f" au plus tard le {end}" if end else ""
        return (
            "Les réclamations et observations écrites sont adressées au Collège communal"
            f"{until}, par courrier postal, {by_email} ou remises contre récépissé "
            "au lieu de consultation du dossier."
        )

    def claims(self) -> int:
        event = self._inquiry()
        return (event.claims or 0) if event is not None else 0

    def inquiry_summary(self) -> str:
        """What the inquiry gave, for the decision letter ("" without inquiry)."""
        event = self._inquiry()
        if event is None:
            return ""
        kind, count = self.inquiry_kind(), self.claims()
        period = f"Organisée du {self.inquiry_start()} au {self.inquiry_end()}, l'{kind}"
        if not count:
            return f"{period} n'a donné lieu à aucune réclamation."
        plural = "réclamations" if count > 1 else "réclamation"
        return f"{period} a donné lieu à {count} {plural}."
