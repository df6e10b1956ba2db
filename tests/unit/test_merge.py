"""Tests for infoview_tui.store.merge: the three-way merge of two copies of the data file."""

from __future__ import annotations

import copy
from typing import Any

from infoview_tui.store.merge import merge_document, merge_tables

Tables = dict[str, dict[str, Any]]

BASE: Tables = {
    "meta": {"1": {"schema_version": 1}},
    "contacts": {"1": {"name": "Ana", "company": "Acme"}, "2": {"name": "Bo"}},
    "interviews": {
        "1": {
            "contact_id": 1,
            "hope_to_learn": "how they hire",
            "questions": [{"text": "Q1"}, {"text": "Q2"}],
            "notes": [{"text": "hello", "offset_s": 10.0, "id": 1, "question_index": 0}],
        }
    },
}


def fork() -> tuple[Tables, Tables, Tables]:
    """Base, ours and theirs as three independent copies of BASE."""
    return copy.deepcopy(BASE), copy.deepcopy(BASE), copy.deepcopy(BASE)


def test_nothing_changed_on_either_side_is_ours_unchanged() -> None:
    base, ours, theirs = fork()
    result = merge_tables(base, ours, theirs)
    assert result.tables == ours
    assert not result.report.changed and not result.report.conflicts
    assert result.tables["contacts"]["1"] is ours["contacts"]["1"]  # unchanged documents are shared


def test_records_only_one_side_added_are_both_kept() -> None:
    base, ours, theirs = fork()
    ours["contacts"]["3"] = {"name": "Ours New"}
    theirs["contacts"]["4"] = {"name": "Theirs New"}
    result = merge_tables(base, ours, theirs)
    assert {d["name"] for d in result.tables["contacts"].values()} == {"Ana", "Bo", "Ours New", "Theirs New"}
    assert result.report.added == 1


def test_a_record_missing_from_their_copy_is_kept() -> None:
    """An old copy synced back lacks what was added since: that must not delete it."""
    base, ours, theirs = fork()
    del theirs["contacts"]["2"]
    assert merge_tables(base, ours, theirs).tables["contacts"]["2"] == {"name": "Bo"}


def test_our_deletion_stands_when_they_left_the_record_alone_but_not_when_they_changed_it() -> None:
    base, ours, theirs = fork()
    del ours["contacts"]["2"]
    assert "2" not in merge_tables(base, ours, theirs).tables["contacts"]
    theirs["contacts"]["2"] = {"name": "Bo", "notes": "met at the fair"}
    assert merge_tables(base, ours, theirs).tables["contacts"]["2"]["notes"] == "met at the fair"


def test_a_record_only_they_changed_takes_their_version() -> None:
    base, ours, theirs = fork()
    theirs["contacts"]["1"] = {"name": "Ana", "company": "Globex"}
    result = merge_tables(base, ours, theirs)
    assert result.tables["contacts"]["1"]["company"] == "Globex"
    assert result.report.updated == 1


def test_a_record_both_changed_in_different_fields_keeps_both_changes() -> None:
    base, ours, theirs = fork()
    ours["contacts"]["1"] = {"name": "Ana", "company": "Acme", "email": "ana@acme.test"}
    theirs["contacts"]["1"] = {"name": "Ana", "company": "Globex"}
    result = merge_tables(base, ours, theirs)
    assert result.tables["contacts"]["1"] == {"name": "Ana", "company": "Globex", "email": "ana@acme.test"}
    assert result.report.combined == 1 and not result.report.conflicts


def test_a_field_both_set_differently_keeps_ours_and_is_reported() -> None:
    base, ours, theirs = fork()
    ours["contacts"]["1"]["company"] = "Initech"
    theirs["contacts"]["1"]["company"] = "Globex"
    result = merge_tables(base, ours, theirs)
    assert result.tables["contacts"]["1"]["company"] == "Initech"
    assert result.report.conflicts == ["contacts 1: company"]


def test_tags_both_changed_are_unioned() -> None:
    base, ours, theirs = fork()
    base["contacts"]["1"]["tags"] = ["a"]
    ours["contacts"]["1"]["tags"] = ["a", "ours"]
    theirs["contacts"]["1"]["tags"] = ["theirs"]  # they removed "a": not honoured, nothing is dropped
    merged = merge_tables(base, ours, theirs).tables["contacts"]["1"]["tags"]
    assert merged == ["a", "ours", "theirs"]


def test_notes_taken_on_both_sides_are_unioned_with_unique_ids_and_right_question_indexes() -> None:
    base, ours, theirs = fork()
    ours_iv, theirs_iv = ours["interviews"]["1"], theirs["interviews"]["1"]
    ours_iv["notes"].append({"text": "ours two", "offset_s": 20.0, "id": 2, "question_index": 1})
    theirs_iv["questions"].insert(0, {"text": "Q0"})  # theirs' indexes shift by one
    theirs_iv["notes"][0]["question_index"] = 1
    theirs_iv["notes"].append({"text": "theirs two", "offset_s": 25.0, "id": 2, "question_index": 2})
    theirs_iv["notes"].append({"text": "on Q0", "offset_s": 30.0, "id": 3, "question_index": 0})
    merged = merge_tables(base, ours, theirs).tables["interviews"]["1"]
    questions = [q["text"] for q in merged["questions"]]
    assert questions == ["Q1", "Q2", "Q0"]
    by_text = {n["text"]: n for n in merged["notes"]}
    assert set(by_text) == {"hello", "ours two", "theirs two", "on Q0"}
    assert len({n["id"] for n in merged["notes"]}) == 4  # theirs' clashing id 2 got a new one
    assert questions[by_text["hello"]["question_index"]] == "Q1"
    assert questions[by_text["theirs two"]["question_index"]] == "Q2"
    assert questions[by_text["on Q0"]["question_index"]] == "Q0"
    assert questions[by_text["ours two"]["question_index"]] == "Q2"


def test_a_note_we_deleted_stays_deleted_and_one_they_edited_is_kept() -> None:
    base, ours, theirs = fork()
    ours["interviews"]["1"]["notes"] = []
    ours["interviews"]["1"]["hope_to_learn"] = "changed"  # so both sides changed the record
    theirs["interviews"]["1"]["research_person"] = "read their blog"
    merged = merge_tables(base, ours, theirs).tables["interviews"]["1"]
    assert merged["notes"] == []
    assert merged["research_person"] == "read their blog" and merged["hope_to_learn"] == "changed"

    theirs["interviews"]["1"]["notes"][0] = {**theirs["interviews"]["1"]["notes"][0], "text": "hello, edited"}
    merged = merge_tables(base, ours, theirs).tables["interviews"]["1"]
    assert [n["text"] for n in merged["notes"]] == ["hello, edited"]


def test_records_both_made_under_one_id_are_both_kept_and_their_references_follow() -> None:
    base, ours, theirs = fork()
    ours["contacts"]["3"] = {"name": "Ours Three"}
    theirs["contacts"]["3"] = {"name": "Theirs Three"}
    theirs["outreach"] = {"1": {"contact_id": 3, "sent_at": "2026-11-20T09:00:00+00:00"}}
    theirs["contacts"]["2"] = {"name": "Bo", "introduced_by_id": 3}
    result = merge_tables(base, ours, theirs)
    contacts = result.tables["contacts"]
    assert contacts["3"] == {"name": "Ours Three"}
    new_id = next(int(k) for k, d in contacts.items() if d["name"] == "Theirs Three")
    assert new_id == 4
    assert result.tables["outreach"]["1"]["contact_id"] == new_id
    assert contacts["2"]["introduced_by_id"] == new_id
    assert result.report.renumbered == 1


def test_the_same_record_made_on_both_sides_is_kept_once() -> None:
    base, ours, theirs = fork()
    ours["contacts"]["3"] = {"name": "Same"}
    theirs["contacts"]["3"] = {"name": "Same"}
    assert merge_tables(base, ours, theirs).tables["contacts"] == {**base["contacts"], "3": {"name": "Same"}}


def test_updated_at_changed_on_both_sides_takes_the_later_time_without_a_conflict() -> None:
    base, ours, theirs = fork()
    ours["contacts"]["1"].update(email="a@x.test", updated_at="2026-11-25T09:00:00+00:00")
    theirs["contacts"]["1"].update(title="CTO", updated_at="2026-11-25T10:00:00+00:00")
    result = merge_tables(base, ours, theirs)
    assert result.tables["contacts"]["1"]["updated_at"] == "2026-11-25T10:00:00+00:00"
    assert not result.report.conflicts


def test_tables_only_their_copy_has_are_kept() -> None:
    base, ours, theirs = fork()
    theirs["goals"] = {"1": {"title": "Climate work"}}
    assert merge_tables(base, ours, theirs).tables["goals"] == {"1": {"title": "Climate work"}}


def test_merge_does_not_change_its_inputs() -> None:
    base, ours, theirs = fork()
    ours["interviews"]["1"]["notes"].append({"text": "x", "offset_s": 1.0, "id": 2})
    theirs["interviews"]["1"]["notes"].append({"text": "y", "offset_s": 2.0, "id": 2})
    theirs["contacts"]["3"] = {"name": "T"}
    ours["contacts"]["3"] = {"name": "O"}
    snapshots = [copy.deepcopy(t) for t in (base, ours, theirs)]
    merge_tables(base, ours, theirs)
    assert [base, ours, theirs] == snapshots


def test_merge_document_for_a_stale_save() -> None:
    """A form that read a contact before an outside merge saves its copy: their new email survives."""
    before = {"name": "Ana", "email": "old@x.test"}
    current = {"name": "Ana", "email": "new@x.test"}
    saved = {"name": "Ana", "email": "old@x.test", "notes": "typed in the form"}
    merged, kept_ours = merge_document("contacts", before, saved, current)
    assert merged == {"name": "Ana", "email": "new@x.test", "notes": "typed in the form"}
    assert kept_ours == []
