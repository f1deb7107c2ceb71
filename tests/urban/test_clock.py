"""The CoDT legal clock: dated scenarios whose expected dates were computed by hand.

Plain functions, no Plone fixture: the clock must work (and be checked) outside a site.
"""

from communesplone.urban.clock import ClockEvent
from communesplone.urban.clock import compute_deadlines
from communesplone.urban.clock import Deadline
from communesplone.urban.clock import deemed_complete
from communesplone.urban.clock import inadmissible
from communesplone.urban.clock import load_ruleset
from communesplone.urban.clock import ruleset_for
from communesplone.urban.clock import RulesetError
from communesplone.urban.clock.rulesets import RULES_DIR
from datetime import date
from datetime import datetime

import json
import pytest
import subprocess
import sys


D = date.fromisoformat


def deposit(day, id="depot"):
    return ClockEvent(id, "deposit", D(day))


def ack(day, publicity="none", opinions=False, fd=False, id="ar"):
    return ClockEvent(
        id,
        "acknowledgement",
        D(day),
        publicity=publicity,
        opinions_requested=opinions,
        fd_opinion_required=fd,
    )


def event(event_type, day, id=None, **fields):
    if "start" in fields:
        fields["start"] = D(fields["start"])
    return ClockEvent(id or f"{event_type}-{day}", event_type, D(day), **fields)


def get(deadlines, deadline_id) -> Deadline:
    (found,) = [deadline for deadline in deadlines if deadline.id == deadline_id]
    return found


def clock(events, on, procedure="pu"):
    return compute_deadlines(procedure, events, D(on))


# Rulesets


@pytest.mark.parametrize(
    "deposit_day, ruleset_id",
    [
        ("2010-01-04", "codt-2017-06-01"),  # before the first ruleset: the first one
        ("2017-06-01", "codt-2017-06-01"),
        ("2024-03-29", "codt-2017-06-01"),
        ("2024-03-31", "codt-2017-06-01"),
        ("2024-04-01", "codt-2024-04-01"),
        ("2024-04-02", "codt-2024-04-01"),
        ("2030-01-01", "codt-2024-04-01"),
    ],
)
def test_ruleset_chosen_by_deposit_date(deposit_day, ruleset_id):
    assert ruleset_for(D(deposit_day)).id == ruleset_id


def test_ruleset_for_accepts_a_datetime():
    assert ruleset_for(datetime(2024, 4, 1, 9, 30)).id == "codt-2024-04-01"


def test_the_two_law_versions():
    old = ruleset_for(D("2024-03-29"))
    new = ruleset_for(D("2024-04-02"))
    assert (old.completeness_days, old.extension_days, old.fd_opinion_days) == (20, 30, 35)
    assert (new.completeness_days, new.extension_days, new.fd_opinion_days) == (30, 20, 30)
    assert new.title == "CoDT (dépôts à partir du 1er avril 2024)"
    assert new.effective_from == D("2024-04-01")
    assert old.effective_from == D("2017-06-01")
    for ruleset in (old, new):
        assert ruleset.decision_days == {"base": 30, "one_group": 75, "fd_and_other": 115}
        assert (ruleset.opinion_days, ruleset.inquiry_days, ruleset.announcement_days) == (
            30,
            15,
            15,
        )
        assert ruleset.suspensions == [((7, 16), (8, 15)), ((12, 24), (1, 1))]
        assert ruleset.decided_procedures == ["pu", "purb", "cu2"]
        assert ruleset.env3_declaration_days == 15


def test_procedures_and_checklists():
    ruleset = ruleset_for(D("2025-01-06"))
    acronyms = {pid: info["acronym"] for pid, info in ruleset.procedures.items()}
    assert acronyms == {
        "pu": "PU",
        "purb": "PURB",
        "cu1": "CU1",
        "cu2": "CU2",
        "notary": "NOT",
        "declaration": "DU",
        "env1": "PE1",
        "env2": "PE2",
        "env3": "DE3",
        "unique": "PUN",
    }
    assert ruleset.procedures["pu"]["title"] == "Permis d'urbanisme"
    assert set(ruleset.checklist) == set(ruleset.procedures)
    for items in ruleset.checklist.values():
        assert len(items) >= 3
        assert len({item["id"] for item in items}) == len(items)
        assert all(item["label"] for item in items)
    assert "Plan de situation du bien" in [item["label"] for item in ruleset.checklist["pu"]]


def write_ruleset(tmp_path, change):
    data = json.loads((RULES_DIR / "codt-2024-04-01.json").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "codt-broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_shipped_ruleset_loads(tmp_path):
    ruleset = load_ruleset(write_ruleset(tmp_path, lambda data: None))
    assert ruleset.id == "codt-2024-04-01"
    assert ruleset.completeness_days == 30


def test_a_ruleset_with_a_missing_key_is_rejected(tmp_path):
    path = write_ruleset(tmp_path, lambda data: data.pop("completeness_days"))
    with pytest.raises(RulesetError) as raised:
        load_ruleset(path)
    message = str(raised.value)
    assert "codt-broken.json" in message
    assert "'completeness_days' is a required property" in message


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda data: data.update(inquiry_days="quinze"), "inquiry_days"),
        (lambda data: data["decision_days"].pop("one_group"), "decision_days"),
        (lambda data: data["suspensions"][0].update({"from": "16/07"}), "suspensions/0/from"),
        (lambda data: data["suspensions"][1].update({"to": "02-30"}), "suspensions/1/to"),
        (lambda data: data.update(effective_from="2024-13-01"), "effective_from"),
        (lambda data: data["decided_procedures"].append("pv"), "decided_procedures"),
        (lambda data: data["checklist"].pop("cu1"), "checklist"),
        (lambda data: data["checklist"]["pu"][0].pop("label"), "checklist/pu/0"),
    ],
)
def test_a_bad_ruleset_says_where(tmp_path, change, where):
    with pytest.raises(RulesetError, match=f"codt-broken.json.*\\({where}\\)"):
        load_ruleset(write_ruleset(tmp_path, change))


def test_a_malformed_json_file_is_rejected(tmp_path):
    path = tmp_path / "codt-broken.json"
    path.write_text('{"id": "codt",', encoding="utf-8")
    with pytest.raises(RulesetError, match="JSON mal formé"):
        load_ruleset(path)


# Completeness


@pytest.mark.parametrize(
    "deposit_day, due, rules",
    [
        # 2024-03-29 (old law) + 20 days = Thursday 2024-04-18.
        ("2024-03-29", "2024-04-18", "CoDT (dépôts du 1er juin 2017 au 31 mars 2024)"),
        # 2024-04-02 (new law) + 30 days = Thursday 2024-05-02.
        ("2024-04-02", "2024-05-02", "CoDT (dépôts à partir du 1er avril 2024)"),
    ],
)
def test_completeness_depends_on_the_law_of_the_deposit(deposit_day, due, rules):
    completeness = get(clock([deposit(deposit_day)], "2024-04-10"), "completeness")
    assert completeness.due == D(due)
    assert completeness.status == "open"
    assert completeness.title == "Complétude du dossier"
    assert f"Dépôt le {deposit_day}" in completeness.explanation
    assert rules in completeness.explanation


def test_completeness_moved_off_easter():
    # 2025-03-21 + 30 = Sunday 2025-04-20 (Easter), Monday 21 is Easter Monday.
    completeness = get(clock([deposit("2025-03-21")], "2025-03-25"), "completeness")
    assert completeness.due == D("2025-04-22")
    assert "= 2025-04-20, reporté au mardi 2025-04-22" in completeness.explanation
    assert "dimanche, jour férié (Lundi de Pâques)" in completeness.explanation


def test_completeness_moved_off_armistice():
    # 2025-10-12 + 30 = Tuesday 2025-11-11 (Armistice).
    completeness = get(clock([deposit("2025-10-12")], "2025-10-20"), "completeness")
    assert completeness.due == D("2025-11-12")
    assert "jour férié (Jour de l'Armistice)" in completeness.explanation


def test_completeness_restarts_from_the_complements():
    events = [
        deposit("2025-02-03"),
        event("incomplete", "2025-02-20"),
        event("complements", "2025-03-10"),
        ack("2025-03-25"),
    ]
    completeness = get(clock(events, "2025-04-01"), "completeness")
    # 2025-03-10 + 30 = Wednesday 2025-04-09.
    assert completeness.due == D("2025-04-09")
    assert completeness.status == "met"
    assert completeness.met_on == D("2025-03-25")
    assert "Compléments reçus le 2025-03-10 + 30 jours = 2025-04-09." in completeness.explanation
    assert not inadmissible(events)


def test_acknowledgement_on_the_due_day_is_in_time():
    events = [deposit("2025-02-10"), ack("2025-03-12")]
    completeness = get(clock(events, "2025-03-20"), "completeness")
    assert (completeness.due, completeness.status) == (D("2025-03-12"), "met")


def test_incomplete_file_waits_for_complements():
    events = [deposit("2025-02-03"), event("incomplete", "2025-02-20")]
    deadlines = clock(events, "2025-03-20")
    completeness = get(deadlines, "completeness")
    # 2025-02-03 + 30 = Wednesday 2025-03-05.
    assert (completeness.due, completeness.status) == (D("2025-03-05"), "met")
    assert completeness.met_on == D("2025-02-20")
    decision = get(deadlines, "decision")
    assert (decision.due, decision.status) == (None, "open")
    assert "en attente des compléments" in decision.explanation
    assert not deemed_complete("pu", events, D("2025-03-20"))


def test_second_incompleteness_makes_the_file_inadmissible():
    events = [
        deposit("2025-02-03"),
        event("incomplete", "2025-02-20"),
        event("complements", "2025-03-10"),
        event("incomplete", "2025-03-25"),
    ]
    assert inadmissible(events)
    deadlines = clock(events, "2025-05-01")
    completeness = get(deadlines, "completeness")
    assert (completeness.due, completeness.status) == (D("2025-04-09"), "met")
    assert completeness.met_on == D("2025-03-25")
    decision = get(deadlines, "decision")
    assert (decision.due, decision.status) == (None, "not_applicable")
    assert decision.explanation == "Dossier irrecevable : deuxième incomplétude le 2025-03-25."
    assert not deemed_complete("pu", events, D("2025-05-01"))


# Deemed complete


def test_waiting_for_the_acknowledgement():
    events = [deposit("2025-02-10")]
    deadlines = clock(events, "2025-03-12")  # the due day itself: still open
    assert get(deadlines, "completeness").status == "open"
    decision = get(deadlines, "decision")
    assert (decision.due, decision.status) == (None, "open")
    assert decision.explanation == "En attente de l'accusé de réception (complétude)."
    assert not deemed_complete("pu", events, D("2025-03-12"))


def test_deemed_complete_without_acknowledgement():
    events = [deposit("2025-02-10")]
    assert deemed_complete("pu", events, D("2025-03-13"))
    deadlines = clock(events, "2025-03-13")
    completeness = get(deadlines, "completeness")
    # 2025-02-10 + 30 = Wednesday 2025-03-12, passed on the 13th.
    assert (completeness.due, completeness.status) == (D("2025-03-12"), "missed")
    assert "dossier réputé complet" in completeness.explanation
    decision = get(deadlines, "decision")
    # 2025-03-12 + 30 = Friday 2025-04-11.
    assert (decision.due, decision.status) == (D("2025-04-11"), "open")
    assert decision.explanation.startswith(
        "Dossier réputé complet : pas d'accusé de réception au 2025-03-12 + 30 jours"
    )


def test_a_late_acknowledgement_does_not_change_the_deemed_complete_clock():
    events = [deposit("2025-02-10"), ack("2025-03-20", publicity="inquiry", fd=True)]
    deadlines = clock(events, "2025-03-21")
    assert "hors délai" in get(deadlines, "completeness").explanation
    assert get(deadlines, "decision").due == D("2025-04-11")


def test_deemed_complete_decision_missed():
    decision = get(clock([deposit("2025-02-10")], "2025-04-14"), "decision")
    assert (decision.due, decision.status) == (D("2025-04-11"), "missed")
    assert "Aucune décision au 2025-04-11" in decision.explanation


# Decision delay: 30, 75, 115 days


def test_decision_in_30_days_moved_off_easter_weekend():
    events = [deposit("2025-03-03"), ack("2025-03-20")]
    decision = get(clock(events, "2025-04-01"), "decision")
    # 2025-03-20 + 30 = Saturday 2025-04-19, then Easter Sunday and Easter Monday.
    assert (decision.due, decision.status) == (D("2025-04-22"), "open")
    assert "AR envoyé le 2025-03-20 + 30 jours" in decision.explanation
    assert (
        "= 2025-04-19, reporté au mardi 2025-04-22 "
        "(samedi, dimanche, jour férié (Lundi de Pâques))" in decision.explanation
    )
    assert "Règles : CoDT (dépôts à partir du 1er avril 2024)." in decision.explanation


@pytest.mark.parametrize(
    "flags",
    [
        {"opinions": True},
        {"publicity": "announcement"},
        {"publicity": "inquiry"},
        {"fd": True},
    ],
)
def test_decision_in_75_days_for_one_group(flags):
    events = [deposit("2025-03-03"), ack("2025-03-20", **flags)]
    decision = get(clock(events, "2025-04-01"), "decision")
    # 2025-03-20 + 75 = Tuesday 2025-06-03.
    assert decision.due == D("2025-06-03")
    assert "+ 75 jours" in decision.explanation


@pytest.mark.parametrize(
    "flags",
    [
        {"fd": True, "opinions": True},
        {"fd": True, "publicity": "announcement"},
        {"fd": True, "publicity": "inquiry", "opinions": True},
    ],
)
def test_decision_in_115_days_with_the_fd_and_another_group(flags):
    events = [deposit("2025-03-03"), ack("2025-03-20", **flags)]
    decision = get(clock(events, "2025-04-01"), "decision")
    # 2025-03-20 + 115 = Sunday 2025-07-13, moved to Monday 2025-07-14.
    assert decision.due == D("2025-07-14")
    assert "+ 115 jours" in decision.explanation
    assert "reporté au lundi 2025-07-14 (dimanche)" in decision.explanation


def test_decision_with_inquiry_and_extension_new_law():
    events = [
        deposit("2025-03-03"),
        ack("2025-03-20", publicity="inquiry"),
        event("inquiry", "2025-04-03", id="enquete", start="2025-04-07"),
        event("extension", "2025-05-15"),
    ]
    deadlines = clock(events, "2025-05-20")
    inquiry = get(deadlines, "inquiry_end")
    # 15 days from 2025-04-07 included: 2025-04-21, Easter Monday.
    assert (inquiry.due, inquiry.status) == (D("2025-04-22"), "met")
    assert "fin le 2025-04-21, reportée au mardi 2025-04-22 (jour férié (Lundi de Pâques))" in (
        inquiry.explanation
    )
    assert "suspendus" not in inquiry.explanation
    decision = get(deadlines, "decision")
    # 2025-03-20 + 75 + 20 = Monday 2025-06-23.
    assert (decision.due, decision.status) == (D("2025-06-23"), "open")
    assert decision.explanation.startswith(
        "AR envoyé le 2025-03-20 + 75 jours (enquête publique) + 20 jours "
        "(prorogation du 2025-05-15) = 2025-06-23."
    )


def test_decision_with_extension_old_law():
    events = [
        deposit("2024-03-04"),
        ack("2024-03-20", publicity="inquiry"),
        event("inquiry", "2024-04-08"),
        event("extension", "2024-05-10"),
    ]
    deadlines = clock(events, "2024-05-20")
    # Old law: completeness 2024-03-04 + 20 = Sunday 2024-03-24, moved to Monday the 25th.
    assert get(deadlines, "completeness").due == D("2024-03-25")
    assert get(deadlines, "inquiry_end").due == D("2024-04-22")
    decision = get(deadlines, "decision")
    # 2024-03-20 + 75 + 30 = Wednesday 2024-07-03.
    assert decision.due == D("2024-07-03")
    assert "+ 30 jours (prorogation du 2024-05-10)" in decision.explanation
    assert "CoDT (dépôts du 1er juin 2017 au 31 mars 2024)" in decision.explanation


@pytest.mark.parametrize(
    "extension_day, due",
    [
        ("2025-06-03", "2025-06-23"),  # on the unextended due day: still in time, + 20
        ("2025-06-04", "2025-06-03"),  # too late: ignored
    ],
)
def test_extension_must_come_before_the_unextended_due_date(extension_day, due):
    events = [
        deposit("2025-03-03"),
        ack("2025-03-20", opinions=True),
        event("extension", extension_day),
    ]
    decision = get(clock(events, "2025-06-04"), "decision")
    assert decision.due == D(due)
    if extension_day == "2025-06-04":
        assert "Prorogation du 2025-06-04 ignorée" in decision.explanation


@pytest.mark.parametrize(
    "on, decision_day, status, met_on, text",
    [
        ("2025-05-02", None, "open", None, None),
        ("2025-06-03", None, "open", None, None),  # the due day itself
        ("2025-06-04", None, "missed", None, "Aucune décision au 2025-06-03"),
        ("2025-06-04", "2025-05-30", "met", "2025-05-30", "Décision le 2025-05-30."),
        ("2025-06-04", "2025-06-03", "met", "2025-06-03", "Décision le 2025-06-03."),
        ("2025-06-12", "2025-06-10", "missed", None, "Décision le 2025-06-10, après l'échéance."),
    ],
)
def test_decision_status(on, decision_day, status, met_on, text):
    events = [deposit("2025-03-03"), ack("2025-03-20", opinions=True)]
    if decision_day:
        events.append(event("decision", decision_day, outcome="granted"))
    decision = get(clock(events, on), "decision")
    assert decision.due == D("2025-06-03")
    assert decision.status == status
    assert decision.met_on == (D(met_on) if met_on else None)
    if text:
        assert text in decision.explanation


# Inquiries and announcements, suspension periods


@pytest.mark.parametrize(
    "kind, start, end, suspended, moved",
    [
        # Summer: 10-15 July counted (6), 16 July-15 August suspended (31),
        # 16-24 August counted (9); Sunday 24 moved to Monday.
        ("inquiry", "2025-07-10", "2025-08-24", 31, "lundi 2025-08-25 (dimanche)"),
        # Starts inside the summer suspension: 20 July-15 August (27) not counted,
        # 16-30 August counted; Saturday 30 moved to Monday 1 September.
        ("inquiry", "2025-07-20", "2025-08-30", 27, "lundi 2025-09-01 (samedi, dimanche)"),
        # Christmas across the year: 15-23 December (9), 24 December-1 January (9),
        # 2-7 January (6).
        ("inquiry", "2025-12-15", "2026-01-07", 9, None),
        ("inquiry", "2025-12-20", "2026-01-12", 9, None),
        # Announcement over New Year: 20-23 December (4), then 2-12 January (11);
        # Sunday 12 moved to Monday 13.
        ("announcement", "2024-12-20", "2025-01-12", 9, "lundi 2025-01-13 (dimanche)"),
        # No suspension: 28 October + 14 = Armistice, moved to Wednesday.
        (
            "inquiry",
            "2025-10-28",
            "2025-11-11",
            0,
            "mercredi 2025-11-12 (jour férié (Jour de l'Armistice))",
        ),
        ("announcement", "2025-04-01", "2025-04-15", 0, None),
    ],
)
def test_publicity_end(kind, start, end, suspended, moved):
    events = [deposit("2024-11-04"), event(kind, start, start=start)]
    deadline = get(clock(events, start), f"{kind}_end")
    due = moved.split()[1] if moved else end
    assert deadline.due == D(due)
    assert deadline.status == "open"
    assert f"du {start} : 15 jours comptés" in deadline.explanation
    if suspended:
        assert f", {suspended} jours suspendus (" in deadline.explanation
    else:
        assert "suspendus" not in deadline.explanation
    if moved:
        assert deadline.explanation.endswith(f"fin le {end}, reportée au {moved}.")
    else:
        assert deadline.explanation.endswith(f"fin le {end}.")


def test_inquiry_explanation_in_summer():
    events = [deposit("2025-05-19"), event("inquiry", "2025-07-01", start="2025-07-10")]
    inquiry = get(clock(events, "2025-07-10"), "inquiry_end")
    assert inquiry.title == "Fin de l'enquête publique"
    assert inquiry.explanation == (
        "Enquête publique du 2025-07-10 : 15 jours comptés à partir du premier jour, "
        "31 jours suspendus (16 juillet – 15 août), fin le 2025-08-24, "
        "reportée au lundi 2025-08-25 (dimanche)."
    )


def test_christmas_suspension_is_named():
    events = [deposit("2025-11-03"), event("inquiry", "2025-12-15")]
    inquiry = get(clock(events, "2025-12-15"), "inquiry_end")
    assert "9 jours suspendus (24 décembre – 1er janvier)" in inquiry.explanation


def test_inquiry_start_defaults_to_the_event_date():
    events = [deposit("2025-09-01"), event("inquiry", "2025-10-28")]
    assert get(clock(events, "2025-10-28"), "inquiry_end").due == D("2025-11-12")


@pytest.mark.parametrize(
    "on, status",
    [("2025-08-25", "open"), ("2025-08-26", "met")],
)
def test_inquiry_is_over_the_day_after_its_end(on, status):
    events = [deposit("2025-05-19"), event("inquiry", "2025-07-10")]
    assert get(clock(events, on), "inquiry_end").status == status


def test_decision_adds_the_suspended_days_of_every_inquiry():
    events = [
        deposit("2025-05-19"),
        ack("2025-06-02", publicity="inquiry"),
        event("inquiry", "2025-07-10", id="enquete-1"),
        event("inquiry", "2025-12-15", id="enquete-2"),
    ]
    deadlines = clock(events, "2025-06-10")
    assert [deadline.id for deadline in deadlines] == [
        "completeness",
        "inquiry_end:enquete-1",
        "inquiry_end:enquete-2",
        "decision",
    ]
    assert get(deadlines, "inquiry_end:enquete-1").due == D("2025-08-25")
    assert get(deadlines, "inquiry_end:enquete-2").due == D("2026-01-07")
    decision = get(deadlines, "decision")
    # 2025-06-02 + 75 + 31 + 9 = Thursday 2025-09-25.
    assert decision.due == D("2025-09-25")
    assert (
        "+ 40 jours suspendus (enquête publique du 2025-07-10, enquête publique du 2025-12-15)"
        in decision.explanation
    )


def test_decision_after_a_summer_inquiry():
    events = [
        deposit("2025-05-19"),
        ack("2025-06-02", publicity="inquiry"),
        event("inquiry", "2025-07-01", start="2025-07-10"),
    ]
    decision = get(clock(events, "2025-06-10"), "decision")
    # 2025-06-02 + 75 + 31 = Tuesday 2025-09-16.
    assert decision.due == D("2025-09-16")
    assert "+ 75 jours (enquête publique) + 31 jours suspendus" in decision.explanation


# Opinions


def test_opinion_moved_off_christmas():
    events = [
        deposit("2025-10-20"),
        event("opinion_request", "2025-11-25", id="avis-srwt", body="SPW Mobilité"),
    ]
    opinion = get(clock(events, "2025-12-01"), "opinion:avis-srwt")
    # 2025-11-25 + 30 = Thursday 2025-12-25 (Christmas), moved to Friday 26.
    assert opinion.title == "Avis : SPW Mobilité"
    assert (opinion.due, opinion.status) == (D("2025-12-26"), "open")
    assert "reporté au vendredi 2025-12-26 (jour férié (Noël))" in opinion.explanation


@pytest.mark.parametrize(
    "answer, on, status, met_on",
    [
        # Matched by request id, whatever its body says.
        ({"request_id": "avis-srwt", "body": "SPW"}, "2025-12-30", "met", "2025-12-10"),
        # Matched by body when no request id is given.
        ({"body": "SPW Mobilité"}, "2025-12-30", "met", "2025-12-10"),
        # Another body or another request: not an answer.
        ({"body": "Pompiers"}, "2025-12-30", "missed", None),
        ({"request_id": "autre", "body": "SPW Mobilité"}, "2025-12-30", "missed", None),
        ({"body": "Pompiers"}, "2025-12-26", "open", None),
    ],
)
def test_opinion_answer(answer, on, status, met_on):
    events = [
        deposit("2025-10-20"),
        event("opinion_request", "2025-11-25", id="avis-srwt", body="SPW Mobilité"),
        event("opinion", "2025-12-10", id="reponse", **answer),
    ]
    opinion = get(clock(events, on), "opinion:avis-srwt")
    assert opinion.due == D("2025-12-26")
    assert opinion.status == status
    assert opinion.met_on == (D(met_on) if met_on else None)
    if status == "missed":
        assert "avis réputé favorable" in opinion.explanation


def test_late_opinion_is_missed_and_said():
    events = [
        deposit("2025-10-20"),
        event("opinion_request", "2025-11-25", id="avis-srwt", body="SPW Mobilité"),
        event("opinion", "2025-12-29", body="SPW Mobilité"),
    ]
    opinion = get(clock(events, "2026-01-05"), "opinion:avis-srwt")
    assert opinion.status == "missed"
    assert "Avis reçu le 2025-12-29, hors délai." in opinion.explanation


@pytest.mark.parametrize(
    "deposit_day, request_day, due, reason",
    [
        # New law: 2025-06-21 + 30 = Monday 2025-07-21, national holiday.
        ("2025-05-05", "2025-06-21", "2025-07-22", "jour férié (Fête nationale)"),
        # Old law: 2024-06-16 + 35 = Sunday 2024-07-21 (also the national holiday).
        ("2024-03-01", "2024-06-16", "2024-07-22", "dimanche"),
    ],
)
def test_fd_opinion_delay_depends_on_the_law(deposit_day, request_day, due, reason):
    events = [deposit(deposit_day), event("fd_opinion_request", request_day)]
    fd = get(clock(events, request_day), "fd_opinion")
    assert fd.title == "Avis du fonctionnaire délégué"
    assert (fd.due, fd.status) == (D(due), "open")
    assert reason in fd.explanation


@pytest.mark.parametrize(
    "answer_day, on, status, met_on",
    [
        ("2025-07-15", "2025-07-23", "met", "2025-07-15"),
        ("2025-07-22", "2025-07-23", "met", "2025-07-22"),
        ("2025-06-20", "2025-07-23", "missed", None),  # before the request: not an answer
        (None, "2025-07-22", "open", None),
        (None, "2025-07-23", "missed", None),
    ],
)
def test_fd_opinion_met_or_deemed_favourable(answer_day, on, status, met_on):
    events = [deposit("2025-05-05"), event("fd_opinion_request", "2025-06-21")]
    if answer_day:
        events.append(event("fd_opinion", answer_day))
    fd = get(clock(events, on), "fd_opinion")
    assert fd.due == D("2025-07-22")
    assert fd.status == status
    assert fd.met_on == (D(met_on) if met_on else None)
    if status == "missed":
        assert "Pas d'avis au 2025-07-22 : avis réputé favorable." in fd.explanation


def test_no_fd_opinion_deadline_without_request():
    ids = [deadline.id for deadline in clock([deposit("2025-05-05")], "2025-05-06")]
    assert ids == ["completeness", "decision"]


# Procedures, order, no deposit


def test_order_of_the_deadlines():
    events = [
        deposit("2025-03-03"),
        ack("2025-03-20", publicity="inquiry", opinions=True, fd=True),
        event("fd_opinion_request", "2025-03-21", id="fd"),
        event("opinion_request", "2025-03-28", id="avis-pompiers", body="Zone de secours"),
        event("opinion_request", "2025-03-24", id="avis-srwt", body="SPW Mobilité"),
        event("inquiry", "2025-04-03", id="enquete", start="2025-04-07"),
        event("announcement", "2025-03-25", id="annonce"),
    ]
    deadlines = clock(events, "2025-04-01")
    assert [deadline.id for deadline in deadlines] == [
        "completeness",
        "announcement_end",
        "inquiry_end",
        "opinion:avis-srwt",
        "opinion:avis-pompiers",
        "fd_opinion",
        "decision",
    ]
    # 2025-03-24 + 30 = Wednesday 2025-04-23; 2025-03-28 + 30 = Sunday 2025-04-27.
    assert get(deadlines, "opinion:avis-srwt").due == D("2025-04-23")
    assert get(deadlines, "opinion:avis-pompiers").due == D("2025-04-28")
    # 2025-03-21 + 30 = Sunday 2025-04-20, then Easter Monday.
    assert get(deadlines, "fd_opinion").due == D("2025-04-22")
    # 2025-03-20 + 115 = Sunday 2025-07-13.
    assert get(deadlines, "decision").due == D("2025-07-14")


@pytest.mark.parametrize("procedure", ["cu1", "notary", "declaration", "env1", "env3", "unique"])
def test_no_college_decision_deadline_for_other_procedures(procedure):
    events = [deposit("2025-02-10"), ack("2025-02-20")]
    deadlines = clock(events, "2025-03-01", procedure=procedure)
    assert get(deadlines, "completeness").status == "met"
    decision = get(deadlines, "decision")
    assert (decision.due, decision.status) == (None, "not_applicable")
    assert decision.explanation == "Pas de délai de décision du Collège pour cette procédure."


@pytest.mark.parametrize("procedure", ["purb", "cu2"])
def test_college_decision_for_purb_and_cu2(procedure):
    events = [deposit("2025-03-03"), ack("2025-03-20", opinions=True)]
    assert get(clock(events, "2025-04-01", procedure=procedure), "decision").due == D("2025-06-03")


def test_no_deposit_yet():
    deadlines = clock([ack("2025-03-20")], "2025-04-01")
    assert [deadline.as_dict() for deadline in deadlines] == [
        {
            "id": "completeness",
            "title": "Complétude du dossier",
            "due": None,
            "status": "not_applicable",
            "explanation": "Pas encore de dépôt.",
            "met_on": None,
        },
        {
            "id": "decision",
            "title": "Décision du Collège",
            "due": None,
            "status": "not_applicable",
            "explanation": "Pas encore de dépôt.",
            "met_on": None,
        },
    ]
    assert not deemed_complete("pu", [], D("2025-04-01"))


def test_unknown_procedure_is_an_error():
    with pytest.raises(ValueError, match="Procédure inconnue"):
        clock([deposit("2025-03-03")], "2025-04-01", procedure="pv")


def test_unknown_event_type_is_an_error():
    with pytest.raises(ValueError, match="Type d'événement inconnu"):
        ClockEvent("x", "visit", D("2025-03-03"))


def test_as_dict_serialises_dates():
    events = [deposit("2025-03-03"), ack("2025-03-20")]
    assert get(clock(events, "2025-04-01"), "completeness").as_dict() == {
        "id": "completeness",
        "title": "Complétude du dossier",
        "due": "2025-04-02",
        "status": "met",
        "explanation": (
            "Dépôt le 2025-03-03 + 30 jours = 2025-04-02. "
            "Règles : CoDT (dépôts à partir du 1er avril 2024). "
            "Accusé de réception envoyé le 2025-03-20."
        ),
        "met_on": "2025-03-20",
    }


def test_the_clock_imports_without_zope():
    code = (
        "import sys, communesplone.urban.clock\n"
        "bad = sorted(name for name in sys.modules\n"
        "             if name.startswith(('Zope', 'Products', 'plone', 'ZODB', 'OFS')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
