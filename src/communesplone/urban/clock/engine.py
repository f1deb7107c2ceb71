"""The legal clock of a permit file: its CoDT deadlines, derived from its dated events.

Pure Python so the rules can be tested and explained without a site; every delay comes
from the ruleset in force at the deposit date. Each deadline carries a French sentence
showing how its date was reached, because agents must be able to justify it.
"""

from collections.abc import Iterable
from communesplone.core.calendar import MONTHS
from communesplone.core.calendar import WorkingCalendar
from communesplone.urban.clock.rulesets import current_ruleset
from communesplone.urban.clock.rulesets import Ruleset
from communesplone.urban.clock.rulesets import ruleset_for
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta


EVENT_TYPES = frozenset(
    {
        "deposit",
        "incomplete",
        "complements",
        "acknowledgement",
        "announcement",
        "inquiry",
        "opinion_request",
        "opinion",
        "fd_opinion_request",
        "fd_opinion",
        "extension",
        "decision",
        "notification",
    }
)
PUBLICITIES = frozenset({"none", "announcement", "inquiry"})
OUTCOMES = frozenset({"granted", "refused"})

OPEN = "open"
MET = "met"
MISSED = "missed"
NOT_APPLICABLE = "not_applicable"

COMPLETENESS_TITLE = "Complétude du dossier"
DECISION_TITLE = "Décision du Collège"
FD_OPINION_TITLE = "Avis du fonctionnaire délégué"
NO_DEPOSIT = "Pas encore de dépôt."
NOT_DECIDED = "Pas de délai de décision du Collège pour cette procédure."
WAITING_ACKNOWLEDGEMENT = "En attente de l'accusé de réception (complétude)."

# What a publicity event is called in deadlines: (id, title, explanation noun).
PUBLICITY_KINDS = {
    "announcement": ("announcement_end", "Fin de l'annonce de projet", "Annonce de projet"),
    "inquiry": ("inquiry_end", "Fin de l'enquête publique", "Enquête publique"),
}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

# Legal deadlines move only off weekends and public holidays, never off the
# commune's own closing days: no closing days here.
_CALENDAR = WorkingCalendar()


def _as_date(value):
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class ClockEvent:
    """A dated step of the file, reduced to what the legal clock needs."""

    id: str
    event_type: str
    date: date
    publicity: str | None = None
    opinions_requested: bool = False
    fd_opinion_required: bool = False
    start: date | None = None
    body: str = ""
    request_id: str = ""
    outcome: str | None = None

    def __post_init__(self):
        if self.event_type not in EVENT_TYPES:
            raise ValueError(f"Type d'événement inconnu : {self.event_type!r}")
        if self.date is None:
            raise ValueError(f"Événement sans date : {self.id!r}")
        if self.publicity not in PUBLICITIES | {None}:
            raise ValueError(f"Mesure de publicité inconnue : {self.publicity!r}")
        if self.outcome not in OUTCOMES | {None}:
            raise ValueError(f"Décision inconnue : {self.outcome!r}")
        # Dates stored as datetimes would not compare with dates.
        object.__setattr__(self, "date", _as_date(self.date))
        object.__setattr__(self, "start", _as_date(self.start))

    @property
    def first_day(self) -> date:
        """First day of an inquiry or announcement."""
        return self.start or self.date


@dataclass(frozen=True)
class Deadline:
    """One legal deadline of the file, with the derivation of its date in French."""

    id: str
    title: str
    due: date | None
    status: str
    explanation: str
    met_on: date | None = None

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
            "explanation": self.explanation,
            "met_on": self.met_on.isoformat() if self.met_on else None,
        }


# Day arithmetic


def _moved(day: date) -> tuple[date, list[str]]:
    """`day` moved off weekends and public holidays, with why each skipped day is closed."""
    reasons = []
    while (why := _CALENDAR.why_closed(day)) is not None:
        if why not in reasons:
            reasons.append(why)
        day += timedelta(days=1)
    return day, reasons


def _moved_text(raw: date, due: date, reasons: list[str], word: str = "reporté") -> str:
    if raw == due:
        return ""
    return f", {word} au {WEEKDAYS[due.weekday()]} {due.isoformat()} ({', '.join(reasons)})"


def _in_period(day: date, period) -> bool:
    start, end = period
    point = (day.month, day.day)
    if start <= end:
        return start <= point <= end
    return point >= start or point <= end  # across New Year


def _suspended(day: date, ruleset: Ruleset) -> bool:
    return any(_in_period(day, period) for period in ruleset.suspensions)


def _count_days(start: date, days: int, ruleset: Ruleset) -> tuple[date, int]:
    """The `days`-th counted day from `start` included, and how many days were suspended."""
    day = start
    counted = suspended = 0
    while True:
        if _suspended(day, ruleset):
            suspended += 1
        else:
            counted += 1
            if counted == days:
                return day, suspended
        day += timedelta(days=1)


def _month_day_text(month: int, day: int) -> str:
    return f"{'1er' if day == 1 else day} {MONTHS[month - 1]}"


def _periods_text(start: date, end: date, ruleset: Ruleset) -> str:
    """The suspension periods touched between `start` and `end`, e.g. « 16 juillet – 15 août »."""
    days = [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
    return ", ".join(
        f"{_month_day_text(*period[0])} – {_month_day_text(*period[1])}"
        for period in ruleset.suspensions
        if any(_in_period(day, period) for day in days)
    )


# Reading the events


def _of_type(events: list[ClockEvent], event_type: str) -> list[ClockEvent]:
    return [event for event in events if event.event_type == event_type]


def _deposit_date(events: list[ClockEvent]) -> date | None:
    deposits = _of_type(events, "deposit")
    return deposits[0].date if deposits else None


def _second_incomplete(events: list[ClockEvent]) -> ClockEvent | None:
    incompletes = _of_type(events, "incomplete")
    return incompletes[1] if len(incompletes) > 1 else None


def _sorted(events: Iterable[ClockEvent]) -> list[ClockEvent]:
    return sorted(events, key=lambda event: event.date)  # stable: same day keeps order


@dataclass(frozen=True)
class _Completeness:
    deadline: Deadline
    base: date
    due: date
    answer: ClockEvent | None  # latest acknowledgement or incomplete in time
    second_incomplete: ClockEvent | None


def _completeness(ruleset: Ruleset, events: list[ClockEvent], deposit: date, on: date):
    complements = _of_type(events, "complements")
    if complements:
        base = complements[-1].date
        derivation = f"Compléments reçus le {base.isoformat()}"
    else:
        base = deposit
        derivation = f"Dépôt le {base.isoformat()}"
    raw = base + timedelta(days=ruleset.completeness_days)
    due, reasons = _moved(raw)
    derivation += (
        f" + {ruleset.completeness_days} jours = {raw.isoformat()}"
        f"{_moved_text(raw, due, reasons)}. Règles : {ruleset.title}."
    )
    answers = [
        event
        for event in events
        if event.event_type in ("acknowledgement", "incomplete") and base <= event.date <= due
    ]
    answer = answers[-1] if answers else None
    second = _second_incomplete(events)
    if second is not None:
        status, met_on = MET, second.date
        outcome = f"Dossier irrecevable : deuxième incomplétude le {second.date.isoformat()}."
    elif answer is not None and answer.event_type == "acknowledgement":
        status, met_on = MET, answer.date
        outcome = f"Accusé de réception envoyé le {answer.date.isoformat()}."
    elif answer is not None:
        status, met_on = MET, answer.date
        outcome = f"Dossier déclaré incomplet le {answer.date.isoformat()}."
    elif on > due:
        status, met_on = MISSED, None
        late = [
            event
            for event in events
            if event.event_type in ("acknowledgement", "incomplete") and event.date > due
        ]
        outcome = (
            f"Ni accusé de réception ni incomplétude au {due.isoformat()} : dossier réputé complet."
        )
        if late:
            outcome += f" Courrier du {late[0].date.isoformat()} hors délai."
    else:
        status, met_on = OPEN, None
        outcome = "En attente de l'accusé de réception ou de la demande de compléments."
    deadline = Deadline(
        id="completeness",
        title=COMPLETENESS_TITLE,
        due=due,
        status=status,
        explanation=f"{derivation} {outcome}",
        met_on=met_on,
    )
    return _Completeness(deadline, base, due, answer, second)


@dataclass(frozen=True)
class _Publicity:
    deadline: Deadline
    event: ClockEvent
    noun: str
    suspended: int


def _publicities(ruleset: Ruleset, events: list[ClockEvent], on: date) -> list[_Publicity]:
    result = []
    for kind in ("announcement", "inquiry"):
        base_id, title, noun = PUBLICITY_KINDS[kind]
        days = ruleset.announcement_days if kind == "announcement" else ruleset.inquiry_days
        of_kind = _of_type(events, kind)
        several = len(of_kind) > 1
        for event in of_kind:
            start = event.first_day
            raw, suspended = _count_days(start, days, ruleset)
            end, reasons = _moved(raw)
            text = f"{noun} du {start.isoformat()} : {days} jours comptés à partir du premier jour"
            if suspended:
                text += f", {suspended} jours suspendus ({_periods_text(start, raw, ruleset)})"
            text += f", fin le {raw.isoformat()}{_moved_text(raw, end, reasons, 'reportée')}."
            deadline = Deadline(
                id=f"{base_id}:{event.id}" if several else base_id,
                title=f"{title} (début le {start.isoformat()})" if several else title,
                due=end,
                status=MET if on > end else OPEN,
                explanation=text,
            )
            result.append(_Publicity(deadline, event, noun, suspended))
    return result


def _answered(
    request: ClockEvent, due: date, answers: list[ClockEvent], on: date, derivation: str
) -> tuple[str, date | None, str]:
    """Status, met_on and explanation of an opinion deadline given the matching answers."""
    after_request = [answer for answer in answers if answer.date >= request.date]
    in_time = [answer for answer in after_request if answer.date <= due]
    if in_time:
        met_on = in_time[0].date
        return MET, met_on, f"{derivation} Avis reçu le {met_on.isoformat()}."
    if on > due:
        text = f"{derivation} Pas d'avis au {due.isoformat()} : avis réputé favorable."
        if after_request:
            text += f" Avis reçu le {after_request[0].date.isoformat()}, hors délai."
        return MISSED, None, text
    return OPEN, None, f"{derivation} En attente de l'avis."


def _answers(opinion: ClockEvent, request: ClockEvent) -> bool:
    """An opinion answers the request it names, or else a request to the same body."""
    if opinion.request_id:
        return opinion.request_id == request.id
    return opinion.body == request.body


def _opinion_deadline(request, events, on, title, deadline_id, answer_type, days):
    raw = request.date + timedelta(days=days)
    due, reasons = _moved(raw)
    derivation = (
        f"Demande d'avis envoyée le {request.date.isoformat()} + {days} jours = "
        f"{raw.isoformat()}{_moved_text(raw, due, reasons)}."
    )
    if answer_type == "opinion":
        answers = [answer for answer in _of_type(events, "opinion") if _answers(answer, request)]
    else:
        answers = _of_type(events, answer_type)
    status, met_on, text = _answered(request, due, answers, on, derivation)
    return Deadline(deadline_id, title, due, status, text, met_on)


def _opinions(ruleset: Ruleset, events: list[ClockEvent], on: date) -> list[Deadline]:
    return [
        _opinion_deadline(
            request,
            events,
            on,
            title=f"Avis : {request.body or 'instance consultée'}",
            deadline_id=f"opinion:{request.id}",
            answer_type="opinion",
            days=ruleset.opinion_days,
        )
        for request in _of_type(events, "opinion_request")
    ]


def _fd_opinions(ruleset: Ruleset, events: list[ClockEvent], on: date) -> list[Deadline]:
    requests = _of_type(events, "fd_opinion_request")
    several = len(requests) > 1
    return [
        _opinion_deadline(
            request,
            events,
            on,
            title=FD_OPINION_TITLE,
            deadline_id=f"fd_opinion:{request.id}" if several else "fd_opinion",
            answer_type="fd_opinion",
            days=ruleset.fd_opinion_days,
        )
        for request in requests
    ]


def _decision_days(ruleset: Ruleset, acknowledgement: ClockEvent | None) -> tuple[int, str]:
    """The decision delay set by the acknowledgement's procedure, and why in French."""
    if acknowledgement is None:
        return ruleset.decision_days["base"], "sans mesures de publicité ni avis"
    publicity = acknowledgement.publicity in ("announcement", "inquiry")
    opinions = acknowledgement.opinions_requested
    fd = acknowledgement.fd_opinion_required
    reasons = []
    if publicity:
        reasons.append(PUBLICITY_KINDS[acknowledgement.publicity][2].lower())
    if opinions:
        reasons.append("avis d'instances")
    if fd:
        reasons.append("avis du fonctionnaire délégué")
    if fd and (publicity or opinions):
        return ruleset.decision_days["fd_and_other"], ", ".join(reasons)
    if reasons:
        return ruleset.decision_days["one_group"], ", ".join(reasons)
    return ruleset.decision_days["base"], "sans mesures de publicité ni avis"


def _decision(ruleset, procedure, events, on, completeness: _Completeness, publicities):
    def waiting(text):
        return Deadline("decision", DECISION_TITLE, None, OPEN, text)

    if procedure not in ruleset.decided_procedures:
        return Deadline("decision", DECISION_TITLE, None, NOT_APPLICABLE, NOT_DECIDED)
    if completeness.second_incomplete is not None:
        second = completeness.second_incomplete.date.isoformat()
        return Deadline(
            "decision",
            DECISION_TITLE,
            None,
            NOT_APPLICABLE,
            f"Dossier irrecevable : deuxième incomplétude le {second}.",
        )
    answer = completeness.answer
    if answer is not None and answer.event_type == "acknowledgement":
        trigger, acknowledgement = answer.date, answer
        derivation = f"AR envoyé le {trigger.isoformat()}"
    elif answer is not None:
        return waiting(
            f"Dossier incomplet le {answer.date.isoformat()} : en attente des compléments."
        )
    elif on > completeness.due:
        trigger, acknowledgement = completeness.due, None
        derivation = f"Dossier réputé complet : pas d'accusé de réception au {trigger.isoformat()}"
    else:
        return waiting(WAITING_ACKNOWLEDGEMENT)

    days, why = _decision_days(ruleset, acknowledgement)
    derivation += f" + {days} jours ({why})"
    suspended = sum(publicity.suspended for publicity in publicities)
    if suspended:
        which = ", ".join(
            f"{publicity.noun.lower()} du {publicity.event.first_day.isoformat()}"
            for publicity in publicities
            if publicity.suspended
        )
        derivation += f" + {suspended} jours suspendus ({which})"
    unextended, _ = _moved(trigger + timedelta(days=days + suspended))
    extensions = _of_type(events, "extension")
    granted = [event for event in extensions if event.date <= unextended]
    extra = ruleset.extension_days if granted else 0
    if granted:
        derivation += f" + {extra} jours (prorogation du {granted[0].date.isoformat()})"
    raw = trigger + timedelta(days=days + suspended + extra)
    due, reasons = _moved(raw)
    text = f"{derivation} = {raw.isoformat()}{_moved_text(raw, due, reasons)}."
    if extensions and not granted:
        text += (
            f" Prorogation du {extensions[0].date.isoformat()} ignorée : "
            f"postérieure à l'échéance du {unextended.isoformat()}."
        )
    decisions = _of_type(events, "decision")
    in_time = [event for event in decisions if event.date <= due]
    if in_time:
        status, met_on = MET, in_time[0].date
        text += f" Décision le {met_on.isoformat()}."
    elif on > due:
        status, met_on = MISSED, None
        if decisions:
            text += f" Décision le {decisions[0].date.isoformat()}, après l'échéance."
        else:
            text += f" Aucune décision au {due.isoformat()} : délai dépassé."
    else:
        status, met_on = OPEN, None
    text += f" Règles : {ruleset.title}."
    return Deadline("decision", DECISION_TITLE, due, status, text, met_on)


def _check_procedure(ruleset: Ruleset, procedure: str):
    if procedure not in ruleset.procedures:
        raise ValueError(f"Procédure inconnue : {procedure!r}")


# Public API


def inadmissible(events: Iterable[ClockEvent]) -> bool:
    """A second incompleteness makes the file inadmissible (irrecevable)."""
    return _second_incomplete(_sorted(events)) is not None


def deemed_complete(procedure: str, events: Iterable[ClockEvent], on: date) -> bool:
    """True once the completeness delay has passed without acknowledgement nor incompleteness."""
    events = _sorted(events)
    deposit = _deposit_date(events)
    if deposit is None:
        return False
    ruleset = ruleset_for(deposit)
    _check_procedure(ruleset, procedure)
    completeness = _completeness(ruleset, events, deposit, _as_date(on))
    return (
        completeness.second_incomplete is None
        and completeness.answer is None
        and completeness.due < _as_date(on)
    )


def compute_deadlines(procedure: str, events: Iterable[ClockEvent], on: date) -> list[Deadline]:
    """The legal deadlines of a file as seen on day `on` (inclusive: due today is open).

    Order: completeness, announcement end(s), inquiry end(s), opinions by request date,
    opinion(s) of the fonctionnaire délégué, decision.
    """
    on = _as_date(on)
    events = _sorted(events)
    deposit = _deposit_date(events)
    if deposit is None:
        _check_procedure(current_ruleset(), procedure)
        return [
            Deadline("completeness", COMPLETENESS_TITLE, None, NOT_APPLICABLE, NO_DEPOSIT),
            Deadline("decision", DECISION_TITLE, None, NOT_APPLICABLE, NO_DEPOSIT),
        ]
    ruleset = ruleset_for(deposit)
    _check_procedure(ruleset, procedure)
    completeness = _completeness(ruleset, events, deposit, on)
    publicities = _publicities(ruleset, events, on)
    return [
        completeness.deadline,
        *(publicity.deadline for publicity in publicities),
        *_opinions(ruleset, events, on),
        *_fd_opinions(ruleset, events, on),
        _decision(ruleset, procedure, events, on, completeness, publicities),
    ]
