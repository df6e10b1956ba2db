"""Tests for infoview_tui.store.merge: each rule of merging two copies of the data file, on plain documents
with ULID-style string ids, `updated_at`/`updated_by` stamps and tombstones (the data contract)."""

from __future__ import annotations

import copy
from typing import Any

from infoview_tui.store.merge import merge_document, merge_tables

Tables = dict[str, dict[str, Any]]

ANA = "01JDAAAAAAAAAAAAAAAAAAAAAA"
BO = "01JDBBBBBBBBBBBBBBBBBBBBBB"
IV = "01JDCCCCCCCCCCCCCCCCCCCCCC"
N1 = "01JDNNNNNNNNNNNNNNNNNNNN01"
T0 = "2026-11-20T09:00:00+00:00"
T0B = "2026-11-21T09:00:00+00:00"
T1 = "2026-11-28T14:02:00+00:00"
T2 = "2026-11-28T15:30:00+00:00"
T3 = "2026-11-29T08:00:00+00:00"

BASE: Tables = {
    "meta": {"1": {"schema_version": 2, "profile": {"name": "Sam"}}},
    "contacts": {
        ANA: {
            "name": "Ana",
            "company": "Acme",
            "title": "Analyst",
            "updated_at": T0,
            "updated_by": "desk-0001",
        },
        BO: {"name": "Bo", "updated_at": T0, "updated_by": "desk-0001"},
    },
    "interviews": {
        IV: {
            "contact_id": ANA,
            "hope_to_learn": "how they hire",
            "questions": [{"text": "Q1", "question_id": "Q-1"}, {"text": "Q2"}],
            "notes": [{"id": N1, "text": "hello", "offset_s": 10.0, "question_index": 0}],
            "updated_at": T0,
            "updated_by": "desk-0001",
        }
    },
    # The last edit before the copies went apart: both hold it as it is, so the base is their ancestor.
    "goals": {
        "01JDGGGGGGGGGGGGGGGGGGGGGG": {"title": "Data jobs", "updated_at": T0B, "updated_by": "desk-0001"}
    },
}


def fork() -> tuple[Tables, Tables, Tables]:
    """Base, ours and theirs as three independent copies of BASE."""
    return copy.deepcopy(BASE), copy.deepcopy(BASE), copy.deepcopy(BASE)


def edit(doc: dict[str, Any], when: str, by: str, **changes: Any) -> None:
    doc.update(changes, updated_at=when, updated_by=by)


def both_ways(base: Tables | None, ours: Tables, theirs: Tables) -> Tables:
    """The merge, checked to give the same data either way round and to be idempotent; returns it."""
    one = merge_tables(base, ours, theirs).tables
    other = merge_tables(base, theirs, ours).tables
    assert one == other
    assert merge_tables(base, one, theirs).tables == one
    assert merge_tables(base, one, ours).tables == one
    return one


def test_nothing_changed_on_either_side_is_ours_unchanged() -> None:
    base, ours, theirs = fork()
    result = merge_tables(base, ours, theirs)
    assert result.tables == ours
    assert not result.report.changed and not result.report.conflicts
    assert result.tables["contacts"][ANA] is ours["contacts"][ANA]  # unchanged documents are shared


def test_records_only_one_side_has_are_kept_with_a_name_in_the_report() -> None:
    base, ours, theirs = fork()
    ours["contacts"]["01JDOURS"] = {"name": "Ours New", "updated_at": T1}
    theirs["contacts"]["01JDTHEIRS"] = {"name": "Theirs New", "updated_at": T1}
    merged = both_ways(base, ours, theirs)
    assert {d["name"] for d in merged["contacts"].values()} == {"Ana", "Bo", "Ours New", "Theirs New"}
    report = merge_tables(base, ours, theirs).report
    assert report.added == 1 and report.names["added"] == ["Theirs New"]


def test_the_same_id_on_both_sides_is_the_same_record_merged_field_by_field() -> None:
    base, ours, theirs = fork()
    edit(ours["contacts"][ANA], T1, "laptop-3f2a", email="ana@acme.test")
    edit(theirs["contacts"][ANA], T2, "desk-0001", company="Globex")
    merged = both_ways(base, ours, theirs)["contacts"]
    assert len(merged) == 2  # no renumbering: one Ana
    assert merged[ANA]["email"] == "ana@acme.test" and merged[ANA]["company"] == "Globex"
    assert "merged" not in merged[ANA]  # different fields: nothing to set aside
    assert merged[ANA]["updated_at"] == T2 and merged[ANA]["updated_by"] == "desk-0001"


def test_a_record_only_they_changed_takes_their_version() -> None:
    base, ours, theirs = fork()
    edit(theirs["contacts"][ANA], T1, "desk-0001", company="Globex")
    result = merge_tables(base, ours, theirs)
    assert result.tables["contacts"][ANA] is theirs["contacts"][ANA]
    assert result.report.updated == 1 and result.report.names["updated"] == ["Ana"]


def test_a_field_both_changed_takes_the_later_change_and_notes_the_other_on_the_record() -> None:
    base, ours, theirs = fork()
    edit(ours["contacts"][ANA], T2, "desk-0001", title="Analytics lead")
    edit(theirs["contacts"][ANA], T1, "laptop-3f2a", title="Data lead")
    ours["meta"]["1"]["computers"] = {"desk-0001": "sam-desktop"}  # each app names itself on open
    theirs["meta"]["1"]["computers"] = {"laptop-3f2a": "sam-laptop"}
    both = both_ways(base, ours, theirs)
    merged = both["contacts"][ANA]
    assert merged["title"] == "Analytics lead"
    assert merged["merged"] == [
        "Title on sam-laptop: 'Data lead' (kept 'Analytics lead' from 2026-11-28 15:30)"
    ]
    assert both["meta"]["1"]["computers"] == {"desk-0001": "sam-desktop", "laptop-3f2a": "sam-laptop"}
    report = merge_tables(base, ours, theirs).report
    assert report.conflicts == [f"contacts {ANA}: title"] and report.set_aside == merged["merged"]


def test_a_computer_no_header_names_is_shown_by_the_end_of_its_id() -> None:
    base, ours, theirs = fork()
    edit(ours["contacts"][ANA], T2, "01JDMACHINE000000000000DESK", title="Analytics lead")
    edit(theirs["contacts"][ANA], T1, "01JDMACHINE0000000000LAPTOP", title="Data lead")
    [line] = merge_tables(base, ours, theirs).tables["contacts"][ANA]["merged"]
    assert line.startswith("Title on computer …APTOP: 'Data lead'")


def test_a_tie_in_time_goes_to_the_greater_machine_id_then_to_the_greater_value() -> None:
    base, ours, theirs = fork()
    edit(ours["contacts"][ANA], T1, "aaa", title="From aaa")
    edit(theirs["contacts"][ANA], T1, "zzz", title="From zzz")
    assert both_ways(base, ours, theirs)["contacts"][ANA]["title"] == "From zzz"
    edit(ours["contacts"][ANA], T1, "same", title="Alpha")
    edit(theirs["contacts"][ANA], T1, "same", title="Beta")
    assert both_ways(base, ours, theirs)["contacts"][ANA]["title"] == "Beta"


def test_a_tombstone_wins_over_an_older_edit() -> None:
    base, ours, theirs = fork()
    edit(ours["contacts"][BO], T1, "laptop-3f2a", notes="met at the fair")
    theirs["contacts"][BO] = {"deleted": True, "updated_at": T2, "updated_by": "desk-0001"}
    merged = both_ways(base, ours, theirs)
    assert merged["contacts"][BO]["deleted"] is True
    report = merge_tables(base, ours, theirs).report
    assert report.removed == 1 and report.names["removed"] == ["Bo"]


def test_an_edit_after_the_removal_revives_the_record_and_says_so() -> None:
    base, ours, theirs = fork()
    ours["contacts"][BO] = {"deleted": True, "updated_at": T1, "updated_by": "desk-0001"}
    edit(theirs["contacts"][BO], T2, "laptop-3f2a", notes="met at the fair")
    merged = both_ways(base, ours, theirs)
    assert merged["contacts"][BO]["notes"] == "met at the fair" and "deleted" not in merged["contacts"][BO]
    report = merge_tables(base, ours, theirs).report
    assert report.revived == 1 and "brought back" in report.summary()


def test_a_removal_of_a_record_the_other_side_left_alone_stands() -> None:
    base, ours, theirs = fork()
    ours["contacts"][BO] = {"deleted": True, "updated_at": T1, "updated_by": "desk-0001"}
    assert both_ways(base, ours, theirs)["contacts"][BO]["deleted"] is True


def test_archiving_is_a_field_change_like_any_other() -> None:
    base, ours, theirs = fork()
    edit(ours["contacts"][BO], T1, "desk-0001", archived=True)
    edit(theirs["contacts"][BO], T2, "laptop-3f2a", email="bo@x.test")
    merged = both_ways(base, ours, theirs)["contacts"][BO]
    assert merged["archived"] is True and merged["email"] == "bo@x.test"


def test_notes_both_sides_took_are_unioned_by_id_and_keep_pointing_at_their_question() -> None:
    base, ours, theirs = fork()
    o_iv, t_iv = ours["interviews"][IV], theirs["interviews"][IV]
    o_iv["notes"].append({"id": "N-OURS", "text": "ours two", "offset_s": 20.0, "question_index": 1})
    edit(o_iv, T1, "desk-0001")
    t_iv["questions"].insert(0, {"text": "Q0", "question_id": "Q-0"})  # theirs' positions shift by one
    t_iv["notes"][0]["question_index"] = 1
    t_iv["notes"].append({"id": "N-THEIRS", "text": "on Q0", "offset_s": 30.0, "question_index": 0})
    edit(t_iv, T2, "laptop-3f2a")
    merged = both_ways(base, ours, theirs)["interviews"][IV]
    questions = [q["text"] for q in merged["questions"]]
    assert sorted(questions) == ["Q0", "Q1", "Q2"]
    by_text = {n["text"]: n for n in merged["notes"]}
    assert set(by_text) == {"hello", "ours two", "on Q0"}
    assert questions[by_text["hello"]["question_index"]] == "Q1"
    assert questions[by_text["ours two"]["question_index"]] == "Q2"
    assert questions[by_text["on Q0"]["question_index"]] == "Q0"


def test_a_note_one_side_deleted_stays_deleted_unless_the_other_edited_it() -> None:
    base, ours, theirs = fork()
    edit(ours["interviews"][IV], T1, "desk-0001", notes=[])
    edit(theirs["interviews"][IV], T2, "laptop-3f2a", research_person="read their blog")
    merged = both_ways(base, ours, theirs)["interviews"][IV]
    assert not merged.get("notes") and merged["research_person"] == "read their blog"

    theirs["interviews"][IV]["notes"][0]["text"] = "hello, edited"
    merged = both_ways(base, ours, theirs)["interviews"][IV]
    assert [n["text"] for n in merged["notes"]] == ["hello, edited"]


def test_a_note_both_edited_keeps_the_later_text_and_notes_the_other() -> None:
    base, ours, theirs = fork()
    ours["interviews"][IV]["notes"][0]["text"] = "hello from ours"
    edit(ours["interviews"][IV], T1, "desk-0001")
    theirs["interviews"][IV]["notes"][0]["text"] = "hello from theirs"
    edit(theirs["interviews"][IV], T2, "laptop-3f2a")
    merged = both_ways(base, ours, theirs)["interviews"][IV]
    assert merged["notes"][0]["text"] == "hello from theirs"
    assert merged["merged"] == [
        "Note text on desk-0001: 'hello from ours' (kept 'hello from theirs' from 2026-11-28 15:30)"
    ]


def test_tags_next_steps_and_goal_ids_are_unioned() -> None:
    base, ours, theirs = fork()
    edit(ours["contacts"][ANA], T1, "desk-0001", tags=["data"])
    edit(theirs["contacts"][ANA], T2, "laptop-3f2a", tags=["climate"])
    ours["interviews"][IV]["reflection"] = {"next_steps": [{"text": "Read the report"}], "goal_ids": ["G1"]}
    edit(ours["interviews"][IV], T1, "desk-0001")
    theirs["interviews"][IV]["reflection"] = {"next_steps": [{"text": "Email Dana"}], "goal_ids": ["G2"]}
    edit(theirs["interviews"][IV], T2, "laptop-3f2a")
    merged = both_ways(base, ours, theirs)
    assert sorted(merged["contacts"][ANA]["tags"]) == ["climate", "data"]
    reflection = merged["interviews"][IV]["reflection"]
    assert sorted(s["text"] for s in reflection["next_steps"]) == ["Email Dana", "Read the report"]
    assert sorted(reflection["goal_ids"]) == ["G1", "G2"]


def test_the_header_is_merged_key_by_key() -> None:
    base, ours, theirs = fork()
    ours["meta"]["1"]["profile"] = {"name": "Sam", "email": "sam@x.test"}
    theirs["meta"]["1"]["profile"] = {"name": "Sam", "intro": "a student"}
    merged = both_ways(base, ours, theirs)["meta"]["1"]
    assert merged["profile"] == {"name": "Sam", "email": "sam@x.test", "intro": "a student"}


def test_the_header_is_no_record_and_the_computers_names_are_a_union_both_ways() -> None:
    for base in (fork()[0], None):
        _b, ours, theirs = fork()
        ours["meta"]["1"]["computers"] = {"desk-0001": "sam-desktop"}
        theirs["meta"]["1"]["computers"] = {"laptop-3f2a": "sam-laptop"}
        result = merge_tables(base, ours, theirs)
        assert result.tables["meta"]["1"]["computers"] == {
            "desk-0001": "sam-desktop",
            "laptop-3f2a": "sam-laptop",
        }
        report = result.report
        assert report.summary() == merge_tables(base, ours, ours).report.summary()  # nothing to tell the user
        assert report.conflicts == [] and report.header_changed and report.changed  # but it must be written
        assert merge_tables(base, theirs, ours).tables == result.tables


def test_two_way_with_no_base_keeps_everything_and_settles_differences_by_time() -> None:
    _base, ours, theirs = fork()
    edit(ours["contacts"][ANA], T1, "desk-0001", title="Old title")
    edit(theirs["contacts"][ANA], T2, "laptop-3f2a", title="New title")
    ours["contacts"]["01JDOURS"] = {"name": "Ours New", "updated_at": T1}
    merged = both_ways(None, ours, theirs)
    assert merged["contacts"][ANA]["title"] == "New title"
    assert merged["contacts"][ANA]["merged"] == [
        "Title on desk-0001: 'Old title' (kept 'New title' from 2026-11-28 15:30)"
    ]
    assert "01JDOURS" in merged["contacts"]


def test_a_base_that_shares_no_records_with_the_other_copy_is_not_used() -> None:
    _base, ours, theirs = fork()
    unrelated: Tables = {"contacts": {"01JDSOMEONEELSE": {"name": "X", "updated_at": T0}}}
    edit(ours["contacts"][ANA], T1, "desk-0001", title="Ours")
    edit(theirs["contacts"][ANA], T2, "laptop-3f2a", title="Theirs")
    assert merge_tables(unrelated, ours, theirs).tables == merge_tables(None, ours, theirs).tables


def test_a_base_newer_than_a_side_never_reverts_a_change() -> None:
    """The other copy forked before our last save: the base is not its ancestor, so our change stays."""
    base, ours, theirs = fork()
    edit(ours["contacts"][ANA], T2, "desk-0001", title="Lead")
    base["contacts"][ANA] = copy.deepcopy(ours["contacts"][ANA])  # what we last wrote
    theirs["contacts"][ANA]["updated_at"] = T1  # theirs is an older state of Ana, untouched since
    merged = both_ways(base, ours, theirs)["contacts"][ANA]
    assert merged["title"] == "Lead"


def test_merge_does_not_change_its_inputs() -> None:
    base, ours, theirs = fork()
    edit(ours["contacts"][ANA], T1, "desk-0001", title="A")
    edit(theirs["contacts"][ANA], T2, "laptop-3f2a", title="B")
    ours["interviews"][IV]["notes"].append({"id": "X", "text": "x", "offset_s": 1.0, "question_index": 1})
    snapshots = [copy.deepcopy(t) for t in (base, ours, theirs)]
    merge_tables(base, ours, theirs)
    assert [base, ours, theirs] == snapshots


def test_merge_document_for_a_stale_save() -> None:
    """A form that read a contact before an outside merge saves its copy: their new email survives."""
    before = {"name": "Ana", "email": "old@x.test", "updated_at": T0}
    current = {"name": "Ana", "email": "new@x.test", "updated_at": T1}
    saved = {"name": "Ana", "email": "old@x.test", "notes": "typed in the form", "updated_at": T2}
    merged, set_aside = merge_document("contacts", before, saved, current)
    assert merged == {"name": "Ana", "email": "new@x.test", "notes": "typed in the form", "updated_at": T2}
    assert set_aside == []


def test_a_copy_forked_before_our_last_save_never_silently_loses_our_edit() -> None:
    """A sync tool's conflict copy made from an older state: our last write is no ancestor of it."""
    base, ours, theirs = fork()
    edit(ours["contacts"][ANA], T1, "desk-0001", title="Lead")
    base = copy.deepcopy(ours)  # what this machine last wrote
    edit(theirs["contacts"][ANA], T2, "laptop-3f2a", archived=True)
    merged = both_ways(base, ours, theirs)["contacts"][ANA]
    assert merged["title"] == "Lead" or any("'Lead'" in line for line in merged["merged"])
