"""The v1→v2 migration: numbered ids become ULIDs, every reference follows, and it is deterministic.

Tested on a hand-made v1 file with every kind of reference (tests/fixtures/v1/every-reference.json, dangling
ones included) and on the demo data as today's main wrote it at schema 1 (tests/fixtures/v1/demo-schema1.json).
"""

from __future__ import annotations

import copy
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.ids import builtin_question_id, id_time_ms, is_id
from infoview_tui.domain.models import STARTER_QUESTIONS
from infoview_tui.store import SCHEMA_VERSION, Store
from infoview_tui.store.migrations import MIGRATIONS, dangling_id, migrate, migrated_id
from infoview_tui.store.storage import backup_dir

FIXTURES = Path(__file__).parent.parent / "fixtures" / "v1"
EVERY = FIXTURES / "every-reference.json"
DEMO = FIXTURES / "demo-schema1.json"
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

Tables = dict[str, dict[str, Any]]


def load(path: Path) -> Tables:
    tables: Tables = json.loads(path.read_text(encoding="utf-8"))
    return tables


def v2(path: Path) -> Tables:
    migrated, start = migrate(load(path))
    assert start == 1 and migrated["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 2
    return migrated


def by(table: dict[str, Any], field: str, value: Any) -> tuple[str, dict[str, Any]]:
    """The one (id, document) whose `field` is `value`."""
    [found] = [(k, d) for k, d in table.items() if d.get(field) == value]
    return found


def ms(iso: str) -> int:
    return int(datetime.fromisoformat(iso).timestamp() * 1000)


# The hand-made file: every reference kind -----------------------------------------------------------------


def test_every_key_becomes_a_ulid_dated_by_the_record() -> None:
    tables = v2(EVERY)
    for name in ("contacts", "intros", "outreach", "interviews", "questions", "goals"):
        assert tables[name] and all(is_id(k) for k in tables[name]), name
        assert list(tables[name]) == sorted(tables[name]), name  # stored in id order
    amara_id, amara = by(tables["contacts"], "name", "Amara Okafor")
    assert id_time_ms(amara_id) == ms(amara["created_at"])
    outreach_id, outreach = by(tables["outreach"], "channel", "email")
    assert id_time_ms(outreach_id) == ms(outreach["sent_at"])  # outreach is dated by when it was sent
    intro_id, intro = by(tables["intros"], "status", "introduced")
    assert id_time_ms(intro_id) == ms(intro["asked_at"])
    undated_id, _ = by(tables["contacts"], "name", "No Dates Person")
    assert id_time_ms(undated_id) == 0


def test_every_reference_follows_its_record() -> None:
    t = v2(EVERY)
    contacts, intros, outreach, interviews = t["contacts"], t["intros"], t["outreach"], t["interviews"]
    amara_id, _ = by(contacts, "name", "Amara Okafor")
    jose_id, jose = by(contacts, "name", "José Martín")
    ingrid_id, _ = by(contacts, "name", "Ingrid Larsen")
    assert jose["introduced_by_id"] == amara_id
    _, intro = by(intros, "status", "introduced")
    assert (intro["via_contact_id"], intro["result_contact_id"]) == (amara_id, jose_id)
    _, asked = by(intros, "status", "asked")
    assert asked["via_contact_id"] == amara_id
    out_id, out = by(outreach, "channel", "email")
    held_id, held = by(interviews, "stage", "reflected")
    assert out["contact_id"] == jose_id and out["interview_id"] == held_id
    assert held["contact_id"] == jose_id and held["outreach_id"] == out_id
    later_id, later = by(interviews, "scheduled_at", "2026-12-01T15:00:00+00:00")
    assert later["contact_id"] == ingrid_id

    # Question ratings point at the bank; a builtin takes its fixed id on every machine.
    bank = t["questions"]
    own_id, _ = by(bank, "text", "How do you pick which pilots to run?")
    first = held["questions"]
    assert first[0]["question_id"] == builtin_question_id(0, STARTER_QUESTIONS[0][1]) in bank
    assert first[1]["question_id"] == own_id
    assert "question_id" not in first[3]
    assert {
        builtin_question_id(0, STARTER_QUESTIONS[0][1]),
        builtin_question_id(1, STARTER_QUESTIONS[1][1]),
    } < set(bank)

    # Notes get ids of their own (dated when taken); referrals and goals follow.
    notes = held["notes"]
    assert all(is_id(n["id"]) for n in notes) and len({n["id"] for n in notes}) == 3
    assert id_time_ms(notes[0]["id"]) == ms(notes[0]["created_at"])
    referral = notes[1]
    assert held["follow_up"]["referral_note_ids"][0] == referral["id"]
    goal_ids = held["reflection"]["goal_ids"]
    assert goal_ids[:2] == [
        by(t["goals"], "title", "Move into climate-tech product")[0],
        by(t["goals"], "title", "Learn how policy teams hire")[0],
    ]
    # The other call's note 1 is another note: numbers were only unique within one interview.
    assert later["notes"][0]["id"] not in {n["id"] for n in notes}
    assert later_id != held_id


def test_dangling_references_stay_dangling_and_visible() -> None:
    """A reference to a record the file does not have gets the id that record would have had without a
    time (dated 0): it matches no record, so it shows as missing, and the same old number gives the same id
    on every machine."""
    t = v2(EVERY)
    _, ingrid = by(t["contacts"], "name", "Ingrid Larsen")
    assert ingrid["introduced_by_id"] == dangling_id("contacts", 7) not in t["contacts"]
    _, lost = by(t["outreach"], "channel", "linkedin")
    assert lost["contact_id"] == dangling_id("contacts", 9) not in t["contacts"]
    assert id_time_ms(lost["contact_id"]) == 0
    _, held = by(t["interviews"], "stage", "reflected")
    assert held["questions"][2]["question_id"] == dangling_id("questions", 40) not in t["questions"]
    assert held["reflection"]["goal_ids"][2] == dangling_id("goals", 8) not in t["goals"]
    missing_note = held["follow_up"]["referral_note_ids"][1]
    assert is_id(missing_note) and missing_note not in {n["id"] for n in held["notes"]}
    assert id_time_ms(missing_note) == 0


def test_the_same_file_migrates_to_the_same_ids_every_time() -> None:
    """Two machines migrating the same old file (or two copies of it) agree on every id, so a merge
    matches the records up."""
    assert v2(EVERY) == v2(EVERY)
    assert v2(DEMO) == v2(DEMO)


def test_two_copies_edited_apart_keep_the_same_ids() -> None:
    ours, theirs = load(EVERY), load(EVERY)
    theirs["contacts"]["2"]["name"] = "José Martín García"
    theirs["contacts"]["2"]["updated_at"] = "2026-11-01T10:00:00+00:00"
    theirs["interviews"]["1"]["notes"][0]["text"] = "Started in strategy consulting"
    theirs["contacts"]["5"] = {"name": "Only Theirs", "created_at": "2026-11-02T10:00:00+00:00"}
    a, _ = migrate(ours)
    b, _ = migrate(theirs)
    assert set(a["contacts"]) < set(b["contacts"])
    for name in ("intros", "outreach", "interviews", "questions", "goals"):
        assert set(a[name]) == set(b[name]), name
    note_ids = [[n["id"] for n in iv.get("notes", [])] for iv in a["interviews"].values()]
    assert note_ids == [[n["id"] for n in iv.get("notes", [])] for iv in b["interviews"].values()]


def test_migrating_is_idempotent_and_does_not_touch_its_input() -> None:
    raw = load(EVERY)
    kept = copy.deepcopy(raw)
    once, _ = migrate(raw)
    assert raw == kept
    twice, start = migrate(copy.deepcopy(once))
    assert start == 2 and twice == once
    assert MIGRATIONS[1](copy.deepcopy(once)) == once  # the step itself leaves ULID keys alone


def test_migrated_ids_keep_the_order_records_were_added_in_within_one_moment() -> None:
    assert migrated_id("contacts", 1) < migrated_id("contacts", 2) < migrated_id("contacts", 10)
    assert migrated_id("contacts", 2, ms=5) > migrated_id("contacts", 900)


# Through the store -----------------------------------------------------------------------------------------


@pytest.fixture
def copy_of(tmp_path: Path) -> Any:
    def make(source: Path) -> Path:
        target = tmp_path / "data" / "infoview.json"
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
        return target

    return make


def test_the_hand_made_file_opens_and_every_reference_resolves(copy_of: Any) -> None:
    path = copy_of(EVERY)
    with Store.open(path, clock=FixedClock(NOW), machine_id="TEST") as store:
        assert store.migrated_from == 1
        jose = next(c for c in store.contacts.all() if c.name == "José Martín")
        amara = store.contacts[jose.introduced_by_id or ""]
        assert amara.name == "Amara Okafor"
        [held] = [iv for iv in store.interviews.all() if iv.stage.value == "reflected"]
        assert store.contacts[held.contact_id] == jose
        assert store.outreach[held.outreach_id or ""].interview_id == held.id
        assert [store.goals[g].title for g in held.reflection.goal_ids[:2]] == [
            "Move into climate-tech product",
            "Learn how policy teams hire",
        ]
        assert store.goals.get(held.reflection.goal_ids[2]) is None  # dangling, as it was
        assert held.follow_up.referral_note_ids[0] == held.notes[1].id
        assert held.questions[0].question_id is not None
        assert store.questions[held.questions[0].question_id].text == held.questions[0].text


def test_the_first_save_writes_schema_2_after_backing_up_the_v1_file(copy_of: Any) -> None:
    path = copy_of(EVERY)
    raw = path.read_bytes()
    with Store.open(path, clock=FixedClock(NOW), machine_id="TEST") as store:
        ids = {name: [r.id for r in c.all()] for name, c in store.all_collections().items()}
        store.goals.add(store.goals.all()[0].__class__(title="A new goal"))
        assert store.flush()
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert on_disk["meta"]["1"]["schema_version"] == 2
    [backup] = list(backup_dir(path).iterdir())
    assert backup.read_bytes() == raw
    with Store.open(path, clock=FixedClock(NOW), machine_id="TEST") as again:
        assert again.migrated_from == 2
        for name, collection in again.all_collections().items():
            assert [r.id for r in collection.all()][: len(ids[name])] == ids[name], name


def test_the_demo_written_by_the_schema_1_release_migrates_whole(copy_of: Any) -> None:
    """The demo data as today's main wrote it: same counts, and every reference points at a record."""
    old = load(DEMO)
    path = copy_of(DEMO)
    with Store.open(path, clock=FixedClock(NOW), machine_id="TEST") as store:
        assert store.migrated_from == 1
        for name, collection in store.all_collections().items():
            assert len(collection) == len(old[name]), name
        contacts = {c.id for c in store.contacts.all()}
        goals = {g.id for g in store.goals.all()}
        bank = {q.id for q in store.questions.all()}
        for contact in store.contacts.all():
            assert contact.introduced_by_id is None or contact.introduced_by_id in contacts
        for intro in store.intros.all():
            assert intro.via_contact_id in contacts
            assert intro.result_contact_id is None or intro.result_contact_id in contacts
        for item in store.outreach.all():
            assert item.contact_id in contacts
            if item.interview_id is not None:
                assert store.interviews[item.interview_id].outreach_id == item.id
        for iv in store.interviews.all():
            assert iv.contact_id in contacts
            assert iv.outreach_id is None or store.outreach[iv.outreach_id].contact_id == iv.contact_id
            assert {q.question_id for q in iv.questions if q.question_id is not None} <= bank
            assert set(iv.reflection.goal_ids) <= goals
            note_ids = [n.id for n in iv.notes]
            assert all(is_id(n) for n in note_ids) and len(set(note_ids)) == len(note_ids)
            assert set(iv.follow_up.referral_note_ids) <= set(note_ids)
        starter = {builtin_question_id(i, text) for i, (_c, text) in enumerate(STARTER_QUESTIONS)}
        assert starter <= bank  # the builtins took their fixed ids
        # Names and words are untouched.
        assert sorted(c.name for c in store.contacts.all()) == sorted(
            d["name"] for d in old["contacts"].values()
        )
