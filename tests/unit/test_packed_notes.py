"""An interview holds its call notes packed (`models.Notes`): read back, they are the notes it was given,
every field intact; they compare, hash, slice and pickle as a sequence of notes; a file's notes survive a
store round trip unchanged; and packed they take a fraction of the memory the note objects do."""

from __future__ import annotations

import pickle
import tracemalloc
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.ids import new_id
from infoview_tui.domain.models import (
    Contact,
    Interview,
    Note,
    NoteKind,
    Notes,
    QuestionCategory,
    replace,
)
from infoview_tui.store import Store, codec

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def every_field(n: int) -> Note:
    """A note with every field away from its default."""
    return Note(
        text=f"Note {n}: Zoë said [b]ship[/b] \u202e",
        offset_s=60.5 * n,
        id=f"note-{n}",
        question_index=n,
        kind=NoteKind.ACTION,
        tiara=QuestionCategory.ADVICE,
        created_at=NOW + timedelta(seconds=n),
        done_at=NOW + timedelta(days=1),
        due=date(2026, 12, 5),
    )


def test_an_interview_packs_its_notes_and_gives_back_every_field() -> None:
    notes = (every_field(1), Note(text="plain", offset_s=0.0, id="n2"), every_field(3))
    interview = Interview(contact_id="c", notes=notes)
    assert type(interview.notes) is Notes
    assert tuple(interview.notes) == notes
    assert [n.text for n in interview.notes] == [n.text for n in notes]
    assert interview.notes[-1] == notes[-1] and interview.notes[1:] == notes[1:]
    assert list(reversed(interview.notes)) == list(reversed(notes))
    assert len(interview.notes) == 3 and bool(interview.notes)
    assert interview.notes.index(notes[1]) == 1 and notes[2] in interview.notes


def test_no_notes_stay_the_empty_tuple_whatever_they_were_given_as() -> None:
    assert Interview(contact_id="c").notes == ()
    assert type(Interview(contact_id="c", notes=[]).notes) is tuple
    emptied = replace(Interview(contact_id="c", notes=(every_field(1),)), notes=())
    assert emptied.notes == () and not emptied.notes


def test_replacing_the_notes_with_a_tuple_packs_them_again() -> None:
    interview = Interview(contact_id="c", notes=(every_field(1),))
    added = replace(interview, notes=(*interview.notes, every_field(2)))
    assert type(added.notes) is Notes
    assert [n.id for n in added.notes] == [every_field(1).id, every_field(2).id]
    assert interview.notes == (every_field(1),)  # the first interview is unchanged


def test_times_keep_their_instant_and_a_time_without_a_zone_stays_without_one() -> None:
    paris = timezone(timedelta(hours=1))
    naive = datetime(2026, 11, 30, 9, 0)
    interview = Interview(
        contact_id="c",
        notes=(
            Note(text="a", offset_s=1.0, created_at=datetime(2026, 11, 30, 10, 0, tzinfo=paris)),
            Note(text="b", offset_s=2.0, created_at=naive),
        ),
    )
    aware, plain = interview.notes
    assert (
        aware.created_at == NOW
        and aware.created_at is not None
        and aware.created_at.utcoffset() == timedelta(0)
    )
    assert plain.created_at == naive and plain.created_at is not None and plain.created_at.tzinfo is None


def test_equal_notes_make_equal_interviews_with_equal_hashes() -> None:
    one = Interview(contact_id="c", id="i", notes=(every_field(1), every_field(2)))
    two = Interview(contact_id="c", id="i", notes=[every_field(1), every_field(2)])
    other = Interview(contact_id="c", id="i", notes=(every_field(1), replace(every_field(2), text="changed")))
    assert one == two and hash(one) == hash(two)
    assert one != other and one.notes != other.notes
    assert equal(one.notes, [every_field(1), every_field(2)]) and not equal(one.notes, (every_field(1),))
    assert equal((every_field(1), every_field(2)), one.notes)  # from the tuple's side too
    assert not equal(one.notes, "not notes")


def equal(left: object, right: object) -> bool:
    return left == right


def test_packed_notes_pickle_and_show_their_notes() -> None:
    interview = Interview(contact_id="c", notes=(every_field(1),))
    assert pickle.loads(pickle.dumps(interview.notes)) == interview.notes
    assert "Note 1: Zoë said" in repr(interview.notes)


def test_a_files_notes_survive_a_store_round_trip_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "infoview.json"
    clock = FixedClock(NOW)
    notes = tuple(every_field(n) for n in range(5))
    with Store.open(path, clock=clock) as store:
        contact = store.contacts.add(Contact(name="Ada"))
        saved = store.interviews.add(Interview(contact_id=contact.id, notes=notes))
        written = codec.to_doc(saved)
    with Store.open(path, clock=clock) as store:
        loaded = store.interviews.get(saved.id)
        assert loaded is not None and type(loaded.notes) is Notes
        assert tuple(loaded.notes) == notes
        assert codec.to_doc(loaded) == written
        assert written["notes"][0]["due"] == "2026-12-05" and written["notes"][0]["kind"] == "action"


@pytest.mark.parametrize("count", [1_000])
def test_packed_notes_take_a_fraction_of_the_note_objects_memory(count: int) -> None:
    def measured(pack: bool) -> int:
        tracemalloc.start()
        try:
            notes = tuple(
                Note(
                    text=f"They said the best teams write things down, point {n}.",
                    offset_s=float(n),
                    id=new_id(NOW),
                    created_at=NOW + timedelta(seconds=n),
                )
                for n in range(count)
            )
            held = Notes(notes) if pack else notes
            del notes
            size, _ = tracemalloc.get_traced_memory()
            assert held
            return size
        finally:
            tracemalloc.stop()

    packed, objects = measured(True), measured(False)
    assert packed * 2 < objects, (packed, objects)


def test_a_lone_surrogate_in_a_note_is_packed_as_a_replacement_character() -> None:
    """A lone surrogate has no UTF-8 form: packing would raise, and building the interview with it."""
    interview = Interview(contact_id="c", notes=(Note(text="lone \ud800 here", offset_s=1.0, id="n\udc80"),))
    assert [(n.text, n.id) for n in interview.notes] == [("lone \ufffd here", "n\ufffd")]


@pytest.mark.parametrize(
    "odd",
    [
        {"question_index": 2**64},
        {"question_index": -(2**63) - 1},
        {"created_at": datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))},
        {"done_at": datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5)))},
    ],
    ids=["int past 64 bits", "int below -2**63", "year 1 east of UTC", "year 9999 west of UTC"],
)
def test_notes_msgpack_cannot_hold_are_kept_as_a_tuple(odd: dict[str, object]) -> None:
    """A hand edit can put values in a note that MessagePack has no form for; the interview keeps those notes
    as they are instead of raising (which refused the whole file)."""
    notes = (
        Note(text="kept", offset_s=1.0, id="n1"),
        replace(Note(text="odd", offset_s=2.0, id="n2"), **odd),
    )
    interview = Interview(contact_id="c", notes=notes)
    assert type(interview.notes) is tuple and interview.notes == notes
    assert replace(interview, notes=(*interview.notes, every_field(3))).notes[-1] == every_field(3)


def test_a_file_with_a_note_msgpack_cannot_hold_opens(tmp_path: Path) -> None:
    path = tmp_path / "infoview.json"
    with Store.open(path, clock=FixedClock(NOW)) as store:
        contact = store.contacts.add(Contact(name="Ada"))
        saved = store.interviews.add(Interview(contact_id=contact.id, notes=(every_field(1),)))
    path.write_text(
        path.read_text(encoding="utf-8").replace('"question_index": 1', f'"question_index": {2**64}'),
        encoding="utf-8",
    )
    with Store.open(path, clock=FixedClock(NOW)) as store:
        store.load_all(prime=False)
        loaded = store.interviews.get(saved.id)
        assert loaded is not None and loaded.notes[0].question_index == 2**64
