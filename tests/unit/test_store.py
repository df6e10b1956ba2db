"""Tests for infoview_tui.store.Store: typed CRUD, persistence, the starter bank, the lock, refusals, backups."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.ids import builtin_question_id, is_id
from infoview_tui.domain.models import (
    STARTER_QUESTIONS,
    CallRecord,
    Channel,
    ChosenQuestion,
    Contact,
    Goal,
    HowKnown,
    Interview,
    IntroRequest,
    IntroStatus,
    Note,
    Outreach,
    OutreachStatus,
    Question,
    QuestionCategory,
    Stage,
    TimeSpan,
    replace,
)
from infoview_tui.store import SCHEMA_VERSION, DataFileError, Store, StoreError, StoreLockedError, storage
from infoview_tui.store.storage import backup_dir, base_path

ROOT = Path(__file__).resolve().parents[2]
LOCAL = timezone(timedelta(hours=-5))
T0 = datetime(2026, 3, 4, 9, 0, tzinfo=LOCAL)
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "infoview.json"


@pytest.fixture
def store(path: Path, clock: FixedClock) -> Iterator[Store]:
    opened = Store.open(path, clock=clock)
    yield opened
    opened.close()


def backups(path: Path) -> list[Path]:
    """The backups of `path` (not the merge base the writer keeps beside them)."""
    folder = backup_dir(path)
    return sorted(p for p in folder.iterdir() if p != base_path(path)) if folder.exists() else []


def write_json(path: Path, data: Any) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, indent=1).encode()
    path.write_bytes(raw)
    return raw


def v1(**tables: Any) -> dict[str, Any]:
    return {"meta": {"1": {"schema_version": 1}}, **tables}


# --- a new file ------------------------------------------------------------------------------------------


def test_new_file_is_created_with_header_and_starter_bank(path: Path, clock: FixedClock) -> None:
    assert not path.exists()
    with Store.open(path, clock=clock) as store:
        assert store.flush()
        assert store.is_empty
        assert store.migrated_from == SCHEMA_VERSION
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 2
    assert "created_by" in data["meta"]["1"]
    assert len(data["questions"]) == 13


def test_starter_question_bank(store: Store) -> None:
    questions = store.questions.all()
    assert len(questions) == len(STARTER_QUESTIONS) == 13
    texts = [q.text for q in questions]
    assert texts[:3] == [
        "What led you to your current role?",
        "What has been a favorite project you worked on?",
        "What's something you wish you could change about your role or job?",
    ]
    assert all(q.category is QuestionCategory.STARTER for q in questions[:3])
    assert "Who else do you think I should talk to?" in texts
    assert all(q.builtin for q in questions)
    # Fixed ids, the same on every machine (and sorted in the bank's order)
    assert [q.id for q in questions] == [builtin_question_id(i, q.text) for i, q in enumerate(questions)]
    assert {q.category for q in questions} == {
        QuestionCategory.STARTER,
        QuestionCategory.TRENDS,
        QuestionCategory.INSIGHTS,
        QuestionCategory.ADVICE,
        QuestionCategory.RESOURCES,
        QuestionCategory.ASSIGNMENTS,
    }


def test_starter_bank_is_seeded_once(path: Path, clock: FixedClock) -> None:
    Store.open(path, clock=clock).close()
    Store.open(path, clock=clock).close()
    with Store.open(path, clock=clock) as store:
        assert len(store.questions) == 13


def test_open_expands_home(clock: FixedClock) -> None:
    """'~' means the (test-isolated) home folder."""
    with Store.open(Path("~/infoview.json"), clock=clock) as store:
        assert store.path == Path(os.environ["HOME"]) / "infoview.json"
        assert store.flush()
    assert (Path(os.environ["HOME"]) / "infoview.json").exists()


# --- CRUD for every collection ---------------------------------------------------------------------------

CASES: dict[str, tuple[Callable[[], Any], Callable[[Any], Any]]] = {
    "contacts": (
        lambda: Contact(name="Zoë", company="Café", how_known=HowKnown.MENTOR, tags=("a", "b")),
        lambda r: replace(r, title="CTO", tags=("c",)),
    ),
    "outreach": (
        lambda: Outreach(contact_id="1", sent_at=T0, channel=Channel.LINKEDIN, message="Hi"),
        lambda r: replace(r, status=OutreachStatus.REPLIED, responded_at=T0 + timedelta(days=1)),
    ),
    "interviews": (
        lambda: Interview(
            contact_id="1",
            scheduled_at=T0 + timedelta(days=3),
            questions=(ChosenQuestion("Q1", question_id="1", must_ask=True),),
        ),
        lambda r: replace(
            r,
            stage=Stage.CONDUCTED,
            call=CallRecord(
                spans=(TimeSpan(T0, T0 + timedelta(minutes=30)),), ended_at=T0 + timedelta(minutes=30)
            ),
            notes=(Note("Good point", 65.0, id="1", question_index=0),),
        ),
    ),
    "questions": (
        lambda: Question(text="What surprised you?", category=QuestionCategory.INSIGHTS),
        lambda r: replace(r, times_used=2, rating_total=9, rating_count=2),
    ),
    "goals": (
        lambda: Goal(title="Move into research", description="Within a year"),
        lambda r: replace(r, active=False),
    ),
    "intros": (
        lambda: IntroRequest(via_contact_id="1", target="Someone at Acme", asked_at=T0),
        lambda r: replace(r, status=IntroStatus.INTRODUCED, result_contact_id="2"),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_crud(name: str, path: Path, clock: FixedClock) -> None:
    make, change = CASES[name]
    with Store.open(path, clock=clock) as store:
        collection = store.all_collections()[name]
        before = len(collection)
        existing = {r.id for r in collection.all()}

        added = collection.add(make())
        assert is_id(added.id) and added.id not in existing
        assert collection.get(added.id) == added
        assert collection.all()[-1] == added
        assert len(collection) == before + 1

        clock.advance(hours=1)
        changed = collection.update(change(added))
        assert changed.id == added.id
        assert collection.get(added.id) == changed
        assert collection.get(added.id) != added
        assert len(collection) == before + 1

        many = collection.add_many([make(), make(), make()])
        assert [r.id for r in many] == sorted(r.id for r in many) and many[0].id > added.id  # time-ordered
        assert all(collection.get(r.id) == r for r in many)

        updated = collection.update_many([change(r) for r in many[:2]])
        assert [collection.get(r.id) for r in many[:2]] == updated
        assert collection.get(many[2].id) == many[2]

        collection.remove(many[1].id)
        assert collection.get(many[1].id) is None
        assert len(collection) == before + 3
        assert [r.id for r in collection.all()][-3:] == [added.id, many[0].id, many[2].id]

        assert collection.get(None) is None
        assert collection.get("9999") is None
        expected = {r.id: r for r in collection.all()}
        assert store.flush()

    with Store.open(path, clock=clock) as reopened:
        collection = reopened.all_collections()[name]
        assert {r.id: r for r in collection.all()} == expected


@pytest.mark.parametrize("name", list(CASES))
def test_update_of_a_missing_record_raises_key_error(name: str, store: Store) -> None:
    make, _ = CASES[name]
    collection = store.all_collections()[name]
    ghost = replace(make(), id="9999")
    with pytest.raises(KeyError):
        collection.update(ghost)
    with pytest.raises(KeyError):
        collection.update_many([ghost])
    assert collection.get("9999") is None
    with pytest.raises(KeyError, match="9999 does not exist"):
        collection["9999"]


def test_update_many_is_all_or_nothing(store: Store) -> None:
    a = store.goals.add(Goal(title="A"))
    with pytest.raises(KeyError):
        store.goals.update_many([replace(a, title="A2"), Goal(title="ghost", id="77")])
    assert store.goals.get(a.id) == a


def test_add_stamps_created_and_updated_at(store: Store, clock: FixedClock) -> None:
    contact = store.contacts.add(Contact(name="Ana"))
    assert contact.created_at == T0 and contact.updated_at == T0
    clock.advance(minutes=5)
    later = store.contacts.update(replace(contact, title="Lead"))
    assert later.created_at == T0
    assert later.updated_at == T0 + timedelta(minutes=5)
    goal = store.goals.add(Goal(title="G"))
    assert goal.created_at == T0 + timedelta(minutes=5)
    kept = store.contacts.add(Contact(name="Old", created_at=T0 - timedelta(days=9)))
    assert kept.created_at == T0 - timedelta(days=9)  # an explicit created_at is kept


def test_records_persist_across_close_and_reopen(path: Path, clock: FixedClock) -> None:
    with Store.open(path, clock=clock) as store:
        ana = store.contacts.add(
            Contact(
                name="Ana Núñez",
                how_known=HowKnown.COLD,
                channel=Channel.INDEED,
                connected_on=date(2026, 1, 2),
            )
        )
        sent = store.outreach.add(Outreach(contact_id=ana.id, sent_at=T0))
        interview = store.interviews.add(
            Interview(contact_id=ana.id, outreach_id=sent.id, scheduled_at=T0 + timedelta(days=2))
        )
        store.outreach.update(replace(sent, status=OutreachStatus.SCHEDULED, interview_id=interview.id))
    with Store.open(path, clock=clock) as store:
        assert store.contacts.get(ana.id) == ana == store.contacts[ana.id]
        created = store.contacts[ana.id].created_at
        assert created is not None and created.tzinfo is not None
        assert store.outreach[sent.id].status is OutreachStatus.SCHEDULED
        assert store.outreach[sent.id].interview_id == interview.id
        assert store.interviews.get(interview.id) == interview
        assert not store.is_empty


def test_close_writes_everything_without_an_explicit_flush(path: Path, clock: FixedClock) -> None:
    store = Store.open(path, clock=clock)
    store.contacts.add_many(Contact(name=f"Person {i}") for i in range(50))
    assert store.close() is True
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["contacts"]) == 50


def test_file_on_disk_is_user_only(path: Path, store: Store) -> None:
    store.contacts.add(Contact(name="A"))
    assert store.flush()
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


# --- the single-writer lock ----------------------------------------------------------------------------


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


OPEN_IN_CHILD = """
    import sys
    from pathlib import Path
    from infoview_tui.store import Store, StoreLockedError
    try:
        store = Store.open(Path(sys.argv[1]), read_only=sys.argv[2] == "ro")
    except StoreLockedError as exc:
        print("LOCKED", exc)
        sys.exit(3)
    print("OPENED", len(store.contacts), len(store.questions))
    store.close()
"""


def test_second_open_in_the_same_process_is_refused(path: Path, store: Store, clock: FixedClock) -> None:
    with pytest.raises(StoreLockedError) as info:
        Store.open(path, clock=clock)
    assert str(path) in str(info.value)
    assert "already open" in str(info.value)
    assert isinstance(info.value, StoreError)
    store.contacts.add(Contact(name="Still writable"))  # the first store is unaffected
    assert store.flush()


def test_lock_is_released_on_close(path: Path, clock: FixedClock) -> None:
    first = Store.open(path, clock=clock)
    first.close()
    second = Store.open(path, clock=clock)
    second.close()


def test_lock_holds_across_processes(path: Path, store: Store) -> None:
    store.contacts.add(Contact(name="Ana"))
    assert store.flush()
    child = run_python(OPEN_IN_CHILD, str(path), "rw")
    assert child.returncode == 3, child.stderr
    assert child.stdout.startswith("LOCKED")
    assert str(path) in child.stdout

    # Read-only opens are allowed while another process writes.
    reader = run_python(OPEN_IN_CHILD, str(path), "ro")
    assert reader.returncode == 0, reader.stderr
    assert reader.stdout.split() == ["OPENED", "1", "13"]


def test_lock_is_free_for_another_process_after_close(path: Path, clock: FixedClock) -> None:
    Store.open(path, clock=clock).close()
    child = run_python(OPEN_IN_CHILD, str(path), "rw")
    assert child.returncode == 0, child.stderr
    assert child.stdout.split() == ["OPENED", "0", "13"]


LOCK_IN_CHILD = """
    import os, sys
    from pathlib import Path
    from infoview_tui.store import Store
    store = Store.open(Path(sys.argv[1]))
    mode = os.stat(sys.argv[1] + ".lock").st_mode & 0o777
    print(oct(mode), "filelock" in sys.modules)
    store.close()
"""


def test_the_lock_is_private_and_taken_without_the_lock_library(path: Path) -> None:
    """On POSIX the lock is one flock: a start does not pay filelock's ~20 ms import, and the file is 0600."""
    child = run_python(LOCK_IN_CHILD, str(path))
    assert child.returncode == 0, child.stderr
    assert child.stdout.split() == ["0o600", "False"]


@pytest.mark.parametrize("code", ["ENOLCK", "ENOTSUP", "EOPNOTSUPP"])  # Linux; macOS says ENOTSUP
def test_a_file_system_without_locks_gets_a_clear_message(
    path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    import errno
    import fcntl

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(getattr(errno, code), "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with pytest.raises(DataFileError, match="without file locks") as info:
        Store.open(path, clock=clock)
    assert str(path.parent) in str(info.value)
    assert not path.exists()  # nothing was written


def test_the_portable_lock_refuses_a_second_writer_too(
    path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where there is no flock (Windows), filelock keeps the same promise."""
    from infoview_tui.store import lock

    monkeypatch.setattr(lock, "_has_flock", lambda: False)
    first = Store.open(path, clock=clock)
    assert type(first._lock._lock).__name__ == "_PortableLock"  # type: ignore[union-attr]
    with pytest.raises(StoreLockedError, match="already open"):
        Store.open(path, clock=clock)
    first.close()
    Store.open(path, clock=clock).close()


def test_read_only_open_works_while_locked_and_refuses_writes(
    path: Path, store: Store, clock: FixedClock
) -> None:
    ana = store.contacts.add(Contact(name="Ana"))
    assert store.flush()
    before = path.read_bytes()

    reader = Store.open(path, clock=clock, read_only=True)
    try:
        assert reader.read_only
        assert reader.contacts.get(ana.id) == ana
        assert len(reader.questions) == 13
        with pytest.raises(DataFileError, match="read-only"):
            reader.contacts.add(Contact(name="Nope"))
        with pytest.raises(DataFileError, match="read-only"):
            reader.contacts.update(replace(ana, name="Changed"))
        assert reader.flush() is True
    finally:
        assert reader.close() is True
    assert path.read_bytes() == before
    assert backups(path) == []

    # Closing the reader did not release the writer's lock.
    with pytest.raises(StoreLockedError):
        Store.open(path, clock=clock)


def test_read_only_open_of_a_missing_file_creates_nothing(path: Path, clock: FixedClock) -> None:
    with Store.open(path, clock=clock, read_only=True) as reader:
        assert reader.is_empty
        assert len(reader.questions) == 0
    assert not path.exists()


# --- files it refuses ------------------------------------------------------------------------------------


def assert_refused(path: Path, clock: FixedClock, *phrases: str) -> str:
    before = path.read_bytes()
    with pytest.raises(DataFileError) as info:
        Store.open(path, clock=clock)
    message = str(info.value)
    assert str(path) in message
    for phrase in phrases:
        assert phrase in message
    assert path.read_bytes() == before
    assert backups(path) == []
    # A refused open does not keep the lock.
    path.write_bytes(json.dumps(v1()).encode())
    Store.open(path, clock=clock).close()
    return message


def test_newer_schema_is_refused_and_untouched(path: Path, clock: FixedClock) -> None:
    write_json(
        path, {"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}, "contacts": {"1": {"name": "Ana"}}}
    )
    message = assert_refused(path, clock, "newer", "upgrade")
    assert f"schema {SCHEMA_VERSION + 1}" in message


def test_newer_schema_is_refused_read_only_too(path: Path, clock: FixedClock) -> None:
    raw = write_json(path, {"meta": {"1": {"schema_version": 99}}})
    with pytest.raises(DataFileError, match="newer"):
        Store.open(path, clock=clock, read_only=True)
    assert path.read_bytes() == raw


def test_unknown_tables_are_refused(path: Path, clock: FixedClock) -> None:
    write_json(path, v1(contacts={}, invoices={"1": {"total": 3}}))
    assert_refused(path, clock, "not an infoview-tui data file")


def test_foreign_tinydb_file_is_refused(path: Path, clock: FixedClock) -> None:
    write_json(path, {"_default": {"1": {"anything": "else"}}})
    assert_refused(path, clock, "not an infoview-tui data file")


def test_damaged_header_is_refused(path: Path, clock: FixedClock) -> None:
    write_json(path, {"meta": {"1": {"schema_version": "one"}}, "contacts": {}})
    assert_refused(path, clock, "damaged header")


@pytest.mark.parametrize("key", ["x", " 1", "\u0661"])
def test_a_header_entry_that_is_not_a_number_is_refused_with_a_message(
    path: Path, clock: FixedClock, key: str
) -> None:
    """A hand edit: the file opened, and the first write of its header (every start announces itself there)
    ended the app with a traceback from TinyDB (found by a review)."""
    write_json(path, {"meta": {"1": {"schema_version": SCHEMA_VERSION}, key: {"a": 1}}, "contacts": {}})
    assert_refused(path, clock, "damaged header", "is not a number")


@pytest.mark.parametrize(
    "tables",
    [
        v1(contacts={"1": {"name": 5}}),
        v1(contacts={"1": {"title": "no name"}}),
        v1(contacts={"1": {"name": "A", "how_known": "acquaintance"}}),
        v1(outreach={"1": {"contact_id": 1, "sent_at": "last week"}}),
        v1(interviews={"1": {"contact_id": 1, "notes": "free text"}}),
        v1(questions={"1": {"text": ["a", "list"]}}),
        v1(goals={"x": {"title": "G"}}),
    ],
    ids=["name-int", "no-name", "bad-enum", "bad-datetime", "bad-nested", "bad-question", "bad-id"],
)
def test_record_of_the_wrong_shape_is_refused(path: Path, clock: FixedClock, tables: dict[str, Any]) -> None:
    write_json(path, tables)
    assert_refused(path, clock, "does not fit", "left untouched")


def test_wrong_shape_message_names_the_newest_backup(path: Path, clock: FixedClock) -> None:
    with Store.open(path, clock=clock) as store:
        store.contacts.add(Contact(name="A"))
    with Store.open(path, clock=clock) as store:
        store.contacts.add(Contact(name="B"))  # backs up the first version
    [backup] = backups(path)
    write_json(path, v1(contacts={"1": {"name": 5}}))
    with pytest.raises(DataFileError) as info:
        Store.open(path, clock=clock)
    assert str(backup) in str(info.value)


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe\x00garbage", b"[]"])
def test_unreadable_files_are_refused_untouched(path: Path, clock: FixedClock, content: bytes) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(DataFileError) as info:
        Store.open(path, clock=clock)
    assert str(path) in str(info.value)
    assert path.read_bytes() == content
    assert backups(path) == []


# --- backups ---------------------------------------------------------------------------------------------


def test_no_backup_when_nothing_is_written(path: Path, clock: FixedClock) -> None:
    Store.open(path, clock=clock).close()  # creates the file; nothing to back up yet
    assert backups(path) == []
    clock.advance(hours=1)
    with Store.open(path, clock=clock) as store:
        store.contacts.all()
        store.questions.get(store.questions.all()[0].id)
    assert backups(path) == []


def test_backup_is_made_before_the_first_write_of_a_run(path: Path, clock: FixedClock) -> None:
    with Store.open(path, clock=clock) as store:
        store.contacts.add(Contact(name="First run"))
    first_version = path.read_bytes()

    clock.advance(days=1)
    with Store.open(path, clock=clock) as store:
        store.contacts.add(Contact(name="Second run"))
        assert store.flush()
        [backup] = backups(path)
        assert backup.parent.name == "backups"
        assert backup.read_bytes() == first_version
        assert "20260305-" in backup.name  # named from the store's clock
        store.contacts.add(Contact(name="Second run, again"))
        assert store.flush()
        assert backups(path) == [backup]  # one backup per run, not per write

    clock.advance(days=1)
    second_version = path.read_bytes()
    with Store.open(path, clock=clock) as store:
        store.goals.add(Goal(title="G"))
    assert len(backups(path)) == 2
    assert backups(path)[-1].read_bytes() == second_version


# --- export_dict -----------------------------------------------------------------------------------------


def test_export_dict(store: Store, clock: FixedClock) -> None:
    ana = store.contacts.add(Contact(name="Ana", tags=("x",)))
    store.outreach.add(Outreach(contact_id=ana.id, sent_at=clock.now()))
    store.interviews.add(Interview(contact_id=ana.id, scheduled_at=clock.now() + timedelta(days=1)))
    store.goals.add(Goal(title="G"))

    exported = store.export_dict()
    assert exported["schema_version"] == SCHEMA_VERSION
    for name in ("contacts", "outreach", "interviews", "questions", "goals"):
        assert isinstance(exported[name], list), name
        assert all(is_id(item["id"]) for item in exported[name]), name
        assert all(item["updated_by"] == store.machine_id for item in exported[name]), name
    assert len(exported["contacts"]) == 1
    assert len(exported["questions"]) == 13
    assert exported["contacts"][0]["name"] == "Ana"
    assert exported["contacts"][0]["tags"] == ["x"]
    assert exported["contacts"][0]["how_known"] == "cold"

    stamps = [
        exported["contacts"][0]["created_at"],
        exported["contacts"][0]["updated_at"],
        exported["outreach"][0]["sent_at"],
        exported["interviews"][0]["scheduled_at"],
        exported["goals"][0]["created_at"],
    ]
    for stamp in stamps:
        assert ISO_WITH_OFFSET.match(stamp), stamp
        assert datetime.fromisoformat(stamp).tzinfo is not None
    assert datetime.fromisoformat(exported["outreach"][0]["sent_at"]) == T0
    assert json.loads(json.dumps(exported)) == exported  # plain JSON types only


# --- failed saves ----------------------------------------------------------------------------------------


def test_failed_save_is_reported_kept_and_retried(
    path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:

    errors: list[BaseException] = []
    reported = threading.Event()

    def on_error(exc: BaseException) -> None:
        errors.append(exc)
        reported.set()

    def broken_write(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    real_write = storage.write_atomic
    store = Store.open(path, clock=clock, on_error=on_error)
    try:
        assert store.flush()
        before = path.read_bytes()
        monkeypatch.setattr(storage, "write_atomic", broken_write)
        ana = store.contacts.add(Contact(name="Ana"))
        assert reported.wait(5)
        assert "No space left" in str(errors[0])
        assert store.flush(timeout=5) is False
        assert isinstance(store.last_error, OSError)
        assert store.contacts.get(ana.id) == ana  # still served from memory
        assert path.read_bytes() == before

        monkeypatch.setattr(storage, "write_atomic", real_write)
        bo = store.contacts.add(Contact(name="Bo"))
        assert store.flush(timeout=5) is True
        assert store.last_error is None
        names = {doc["name"] for doc in json.loads(path.read_text(encoding="utf-8"))["contacts"].values()}
        assert names == {ana.name, bo.name}
    finally:
        monkeypatch.setattr(storage, "write_atomic", real_write)
        store.close()


def test_close_reports_false_when_changes_could_not_be_saved(
    path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:

    real_write = storage.write_atomic
    store = Store.open(path, clock=clock, on_error=lambda exc: None)
    assert store.flush()
    before = path.read_bytes()

    def broken_write(*args: Any, **kwargs: Any) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(storage, "write_atomic", broken_write)
    store.contacts.add(Contact(name="Unsaved"))
    assert store.close() is False
    assert path.read_bytes() == before
    # The lock is released even so: the file can be opened again.
    monkeypatch.setattr(storage, "write_atomic", real_write)
    with Store.open(path, clock=clock) as again:
        assert [c.name for c in again.contacts.all()] == []


def test_set_error_handler_replaces_the_handler(
    path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:

    real_write = storage.write_atomic
    heard: list[str] = []
    reported = threading.Event()
    store = Store.open(path, clock=clock, on_error=lambda exc: heard.append("old"))
    assert store.flush()

    def new_handler(exc: BaseException) -> None:
        heard.append("new")
        reported.set()

    store.set_error_handler(new_handler)

    def broken_write(*args: Any, **kwargs: Any) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(storage, "write_atomic", broken_write)
    store.goals.add(Goal(title="G"))
    assert reported.wait(5)
    monkeypatch.setattr(storage, "write_atomic", real_write)
    assert store.flush(timeout=5)
    store.close()
    assert heard == ["new"]


# --- a refused file leaves no lock file of ours beside it ----------------------------------------------------


def test_a_refused_file_leaves_no_lock_file_beside_it(tmp_path: Path, clock: FixedClock) -> None:
    foreign = tmp_path / "report.txt"
    foreign.write_text("Quarterly report\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        Store.open(foreign, clock=clock)  # preload: refused at open
    late = Store.open(
        foreign, clock=clock, preload=False
    )  # the app's way: refused by the load after start-up
    with pytest.raises(DataFileError):
        late.load_all()
    late.close()
    read_only = tmp_path / "kept.json"
    Store.open(read_only, clock=clock).close()
    (tmp_path / "kept.json.lock").unlink()
    read_only.chmod(0o444)
    with pytest.raises(DataFileError, match="read-only"):
        Store.open(read_only, clock=clock)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".lock")) == []
    assert foreign.read_text(encoding="utf-8") == "Quarterly report\n"


def test_a_lock_file_that_was_there_before_stays_and_a_used_file_keeps_its_own(
    tmp_path: Path, clock: FixedClock
) -> None:
    foreign = tmp_path / "notes.txt"
    foreign.write_text("not ours", encoding="utf-8")
    earlier = tmp_path / "notes.txt.lock"
    earlier.write_text("", encoding="utf-8")
    with pytest.raises(DataFileError):
        Store.open(foreign, clock=clock)
    assert earlier.exists()
    ours = tmp_path / "infoview.json"
    Store.open(ours, clock=clock).close()
    assert (tmp_path / "infoview.json.lock").exists()  # a file in use keeps its lock file, as before
