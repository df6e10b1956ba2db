"""Tests for infoview_tui.store.codec: records to JSON-ready documents and back."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import msgspec
import pytest

from infoview_tui.domain.models import (
    Action,
    CallRecord,
    Channel,
    Checklist,
    ChosenQuestion,
    Contact,
    FollowUp,
    Goal,
    HowKnown,
    Interview,
    IntroRequest,
    IntroStatus,
    Medium,
    Note,
    NoteKind,
    Outreach,
    OutreachStatus,
    Question,
    QuestionCategory,
    Reflection,
    Stage,
    TimeSpan,
)
from infoview_tui.store import codec
from infoview_tui.store.codec import DecodeError, encode, from_doc, to_doc

PLUS2 = timezone(timedelta(hours=2))
MINUS7 = timezone(timedelta(hours=-7))
T = datetime(2026, 3, 4, 15, 30, 12, 345678, tzinfo=PLUS2)


def full_contact() -> Contact:
    return Contact(
        name="Zoë Ångström",
        id="7",
        title="Staff Engineer",
        company="Café Ltd",
        industry="Food tech",
        email="zoe@example.com",
        linkedin_url="https://www.linkedin.com/in/zoe",
        how_known=HowKnown.INTRODUCTION,
        introduced_by_id="3",
        introduced_by_name="Prof. Ngũgĩ",
        channel=Channel.LINKEDIN,
        connected_on=date(2025, 11, 30),
        tags=("design", "remote", "🙂"),
        notes="Met at a meetup.\nLikes tea.",
        priority=1,
        archived=True,
        created_at=T,
        updated_at=T.astimezone(MINUS7) + timedelta(hours=1),
    )


def full_interview() -> Interview:
    return Interview(
        contact_id="7",
        id="4",
        outreach_id="2",
        scheduled_at=T + timedelta(days=2),
        duration_minutes=45,
        medium=Medium.IN_PERSON,
        location="Café on Main St",
        their_timezone="Asia/Tokyo",
        stage=Stage.REFLECTED,
        hope_to_learn="How teams work",
        research_person="Wrote a blog",
        research_company="Series B",
        questions=(
            ChosenQuestion(
                text="What led you to your current role?",
                question_id="1",
                category=QuestionCategory.STARTER,
                must_ask=True,
                asked=True,
                asked_offset_s=65.5,
                usefulness=5,
            ),
            ChosenQuestion(
                text="Who else do you think I should talk to?", category=QuestionCategory.RESOURCES
            ),
        ),
        call=CallRecord(
            spans=(
                TimeSpan(start=T + timedelta(days=2), end=T + timedelta(days=2, minutes=20)),
                TimeSpan(start=T + timedelta(days=2, minutes=25), end=T + timedelta(days=2, minutes=40)),
            ),
            ended_at=T + timedelta(days=2, minutes=40),
        ),
        notes=(
            Note(
                text="Loves the job",
                offset_s=70.0,
                id="1",
                question_index=0,
                created_at=T + timedelta(days=2),
            ),
            Note(
                text="Talk to Sam at Acme",
                offset_s=1500.25,
                id="2",
                question_index=1,
                kind=NoteKind.REFERRAL,
                tiara=QuestionCategory.RESOURCES,
                created_at=T + timedelta(days=2, minutes=30),
            ),
        ),
        follow_up=FollowUp(
            thank_you_draft="Thank you!",
            thank_you_sent_at=T + timedelta(days=3),
            linkedin_note="Great to meet",
            linkedin_connected_at=T + timedelta(days=3, hours=1),
            next_checkin=date(2026, 6, 1),
            checkin_note="Share the project",
            referral_note_ids=("2",),
        ),
        reflection=Reflection(
            takeaways="Team matters",
            surprises="Less coding than expected",
            goal_ids=("1", "2"),
            changed_direction=False,
            next_steps=(Action("Build a demo", due=date(2026, 4, 1)), Action("Read the book", done=True)),
            interest=4,
            written_at=T + timedelta(days=4),
            updated_at=T + timedelta(days=5),
        ),
        checklist=Checklist(researched_person=True, questions_chosen=True, link_tested=True),
        sequence=3,
        created_at=T,
        updated_at=T + timedelta(days=5),
    )


def all_records() -> list[Any]:
    return [
        full_contact(),
        Contact(name="Minimal", id="1"),
        IntroRequest(
            via_contact_id="3",
            target="Someone at Acme",
            id="2",
            asked_at=T,
            status=IntroStatus.INTRODUCED,
            result_contact_id="7",
            note="Sent an email",
        ),
        Outreach(
            contact_id="7",
            sent_at=T,
            id="2",
            channel=Channel.TWITTER,
            message="Hi — could we talk?",
            status=OutreachStatus.SCHEDULED,
            responded_at=T + timedelta(days=1),
            nudged_at=T + timedelta(hours=5),
            interview_id="4",
        ),
        Outreach(contact_id="1", sent_at=T, id="3"),
        full_interview(),
        Interview(contact_id="1", id="9"),
        Question(
            text="What trends are changing your field?",
            id="11",
            category=QuestionCategory.TRENDS,
            builtin=True,
            times_used=4,
            rating_total=17,
            rating_count=4,
            archived=True,
        ),
        Goal(title="Move into UX research", id="5", description="By next year", active=False, created_at=T),
    ]


# --- round trips ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("record", all_records(), ids=lambda r: f"{type(r).__name__}-{r.id}")
def test_round_trip_every_model(record: Any) -> None:
    doc = to_doc(record)
    assert "id" not in doc
    # The document survives real JSON, as it does on disk.
    back = from_doc(type(record), json.loads(json.dumps(doc)), record.id)
    assert back == record
    assert type(back) is type(record)


def test_round_trip_keeps_types_of_nested_values() -> None:
    original = full_interview()
    back = from_doc(Interview, json.loads(json.dumps(to_doc(original))), "4")
    assert isinstance(back.questions, tuple) and isinstance(back.questions[0], ChosenQuestion)
    assert back.questions[0].category is QuestionCategory.STARTER
    assert isinstance(back.call, CallRecord) and isinstance(back.call.spans, tuple)
    assert all(isinstance(s, TimeSpan) for s in back.call.spans)
    assert back.notes[1].kind is NoteKind.REFERRAL and back.notes[1].tiara is QuestionCategory.RESOURCES
    assert back.notes[0].tiara is None
    assert isinstance(back.notes[0].offset_s, float)
    assert back.follow_up.referral_note_ids == ("2",)
    assert back.follow_up.next_checkin == date(2026, 6, 1)
    assert back.reflection.next_steps[0] == Action("Build a demo", due=date(2026, 4, 1))
    assert back.reflection.changed_direction is False
    assert back.checklist.done_count == 3
    assert back.medium is Medium.IN_PERSON and back.stage is Stage.REFLECTED


def test_round_trip_contact_enums_tags_and_dates() -> None:
    back = from_doc(Contact, json.loads(json.dumps(to_doc(full_contact()))), "7")
    assert back.how_known is HowKnown.INTRODUCTION
    assert back.channel is Channel.LINKEDIN
    assert back.tags == ("design", "remote", "🙂")
    assert back.connected_on == date(2025, 11, 30)
    assert type(back.connected_on) is date


def test_datetimes_are_stored_in_utc_with_offset_and_come_back_aware_and_equal() -> None:
    contact = full_contact()
    doc = to_doc(contact)
    assert doc["created_at"] == "2026-03-04T13:30:12.345678+00:00"
    assert doc["updated_at"].endswith("+00:00")
    back = from_doc(Contact, doc, "7")
    for name in ("created_at", "updated_at"):
        value = getattr(back, name)
        assert value.tzinfo is not None
        assert value.utcoffset() == timedelta(0)
        assert value == getattr(contact, name)


def test_encode_values() -> None:
    assert encode(None) is None
    assert encode(True) is True
    assert encode(3) == 3
    assert encode(2.5) == 2.5
    assert encode("é") == "é"
    assert encode(HowKnown.FORMER_COLLEAGUE) == "former_colleague"
    assert encode(date(2026, 12, 1)) == "2026-12-01"
    assert encode(("a", "b")) == ["a", "b"]
    assert encode([Channel.EMAIL, None]) == ["email", None]
    assert encode(TimeSpan(start=datetime(2026, 1, 1, tzinfo=UTC))) == {
        "start": "2026-01-01T00:00:00+00:00",
        "end": None,
    }


def test_encoded_enums_are_plain_strings() -> None:
    doc = to_doc(full_contact())
    assert type(doc["how_known"]) is str
    assert type(doc["channel"]) is str
    assert json.dumps(doc)  # nothing that JSON cannot hold


def test_encode_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        encode(datetime(2026, 3, 4, 9, 0))
    with pytest.raises(ValueError, match="naive"):
        to_doc(Contact(name="A", created_at=datetime(2026, 3, 4, 9, 0)))
    with pytest.raises(ValueError, match="naive"):
        to_doc(Interview(contact_id="1", call=CallRecord(spans=(TimeSpan(datetime(2026, 3, 4, 9, 0)),))))


def test_encode_refuses_unknown_types() -> None:
    with pytest.raises(TypeError):
        encode({"a": 1})
    with pytest.raises(TypeError):
        encode(object())


# --- tolerant decoding ---------------------------------------------------------------------------------


def test_unknown_keys_are_ignored() -> None:
    doc = to_doc(full_contact())
    doc["favourite_colour"] = "green"
    doc["nested"] = {"x": [1, 2]}
    assert from_doc(Contact, doc, "7") == full_contact()
    interview_doc = to_doc(full_interview())
    interview_doc["call"]["future_field"] = 1
    interview_doc["notes"][0]["mood"] = "happy"
    assert from_doc(Interview, interview_doc, "4") == full_interview()


def test_missing_keys_take_their_defaults() -> None:
    contact = from_doc(Contact, {"name": "Ana"}, "12")
    assert contact == Contact(name="Ana", id="12")
    assert contact.how_known is HowKnown.COLD
    assert contact.tags == ()
    assert contact.priority == 2

    interview = from_doc(Interview, {"contact_id": "3", "notes": [{"text": "hi", "offset_s": 1}]}, "2")
    assert interview.duration_minutes == 30
    assert interview.call == CallRecord()
    assert interview.follow_up == FollowUp()
    (note,) = interview.notes
    assert note == Note(text="hi", offset_s=1.0, id=note.id) and note.id  # a missing note id is made up


def test_id_comes_from_the_document_key() -> None:
    doc = to_doc(full_contact())
    doc["id"] = "999"  # a stray id inside the document does not win
    assert from_doc(Contact, doc, "42").id == "42"


def test_naive_stored_datetime_is_read_as_utc() -> None:
    outreach = from_doc(Outreach, {"contact_id": "1", "sent_at": "2026-03-04T09:00:00"}, "1")
    assert outreach.sent_at == datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


def test_int_is_accepted_where_a_float_is_expected() -> None:
    note = from_doc(Interview, {"contact_id": "1", "notes": [{"text": "x", "offset_s": 5}]}, "1").notes[0]
    assert note.offset_s == 5.0 and isinstance(note.offset_s, float)


# --- wrong shapes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "doc"),
    [
        (Contact, {"name": 123}),
        (Contact, {"name": None}),
        (Contact, {"name": "A", "priority": "high"}),
        (Contact, {"name": "A", "priority": 1.5}),
        (Contact, {"name": "A", "priority": True}),  # a bool is not an int here
        (Contact, {"name": "A", "archived": 1}),
        (Contact, {"name": "A", "how_known": "friend of a friend"}),
        (Contact, {"name": "A", "channel": "myspace"}),
        (Contact, {"name": "A", "channel": ["email"]}),  # unhashable: not a member either
        (Contact, {"name": "A", "how_known": {"cold": True}}),
        (Contact, {"name": "A", "tags": "design"}),
        (Contact, {"name": "A", "tags": [1, 2]}),
        (Contact, {"name": "A", "created_at": 1700000000}),
        (Contact, {"name": "A", "created_at": "yesterday"}),
        (Contact, {"name": "A", "connected_on": "2026-13-45"}),
        (Contact, {"name": "A", "connected_on": 20260101}),
        (Contact, {}),  # the name is required
        (Contact, ["not", "an", "object"]),
        (Contact, "Ana"),
        (Outreach, {"contact_id": "1"}),  # sent_at is required
        (Interview, {"contact_id": 1}),  # a v1 number where a v2 id (a string) belongs
        (Interview, {"contact_id": "1", "call": "running"}),
        (Interview, {"contact_id": "1", "call": {"spans": [{"end": None}]}}),
        (Interview, {"contact_id": "1", "notes": [{"text": "x", "offset_s": "1"}]}),
        (Interview, {"contact_id": "1", "questions": {"0": {"text": "x"}}}),
        (Interview, {"contact_id": "1", "reflection": {"next_steps": [{"due": "soon", "text": "x"}]}}),
        (Question, {"text": "Q", "category": "tiara"}),
        (Goal, {"title": "G", "active": "yes"}),
        (IntroRequest, {"via_contact_id": "1", "target": "x", "status": "maybe"}),
    ],
)
def test_wrong_types_raise_decode_error(cls: type, doc: Any) -> None:
    with pytest.raises(DecodeError) as info:
        from_doc(cls, doc, "5")
    assert f"{cls.__name__} 5" in str(info.value)


def test_decode_error_is_a_value_error() -> None:
    assert issubclass(codec.DecodeError, ValueError)


def test_every_top_level_model_has_a_decoder() -> None:
    for record in all_records():
        assert "id" in record.__struct_fields__
        # A minimal document built from the encoded record decodes again.
        assert from_doc(type(record), to_doc(record), "1").id == "1"


# --- the fast path (msgspec) -------------------------------------------------------------------------------


def test_the_fast_path_builds_every_demo_record_exactly_as_the_strict_decoders_do(tmp_path: Any) -> None:
    """Every document of the demo goes through msgspec (none falls back), and each record equals, field for
    field and type for type, what the decoders written here make of it."""
    from infoview_tui.demo import populate_demo
    from infoview_tui.domain.dates import FixedClock
    from infoview_tui.store import Store

    clock = FixedClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    with Store.open(tmp_path / "demo.json", clock=clock) as store:
        populate_demo(store, clock.now())
        records = [r for c in store.all_collections().values() for r in c.all()]
    assert len(records) > 50
    for record in records:
        kind, doc = type(record), to_doc(record)
        fast = codec._fast_decode(kind, {**doc, "id": record.id})
        strict = codec._record_decoder_cached(kind)(doc, id=record.id)
        assert fast is not None, record
        assert fast == strict == record
        assert _types(fast) == _types(strict)


def _types(value: Any) -> Any:
    """The value's shape with the type of every leaf (an int where a float belongs would show here)."""
    if isinstance(value, msgspec.Struct):
        return {name: _types(getattr(value, name)) for name in value.__struct_fields__}
    if isinstance(value, tuple):
        return [_types(v) for v in value]
    return type(value).__name__, getattr(value, "tzinfo", None)


def test_a_naive_time_deep_in_a_record_is_read_as_utc_through_the_fast_path() -> None:
    doc = {"contact_id": "1", "notes": [{"text": "x", "offset_s": 5, "created_at": "2026-03-04T09:00:00"}]}
    note = from_doc(Interview, doc, "1").notes[0]
    assert note.created_at == datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    assert note.offset_s == 5.0 and isinstance(note.offset_s, float)


def test_what_msgspec_refuses_the_strict_decoders_still_accept() -> None:
    doc = {"contact_id": "1", "notes": [{"text": "x", "offset_s": 1, "due": "2026-03-04T09:00:00+00:00"}]}
    assert codec._fast_decode(Interview, {**doc, "id": "1"}) is None  # a date written with its time
    assert from_doc(Interview, doc, "1").notes[0].due == date(2026, 3, 4)


def _apart(text: str) -> str:
    """An equal string that is another object (as a JSON parse makes one per occurrence)."""
    return "".join(list(text))


def test_values_that_repeat_across_records_are_held_once() -> None:
    """Companies, roles, who saved, references, tags and the chosen questions repeat from record to record:
    the fast path keeps one string per value (~6 MiB at 10,000 contacts), and the records stay equal."""

    def contact_doc() -> dict[str, Any]:
        return {
            "name": _apart("Ana"),
            "company": _apart("Acme Energy"),
            "title": _apart("Engineer"),
            "industry": _apart("Energy"),
            "tags": [_apart("climate")],
            "updated_by": _apart("laptop"),
        }

    first = from_doc(Contact, contact_doc(), "01J0000000000000000000000A")
    second = from_doc(Contact, contact_doc(), "01J0000000000000000000000B")
    for name in ("company", "title", "industry", "updated_by"):
        assert getattr(first, name) is getattr(second, name), name
    assert first.tags[0] is second.tags[0]
    assert first.name == second.name  # names are not shared on purpose: they rarely repeat

    def interview_doc() -> dict[str, Any]:
        return {
            "contact_id": _apart("01J0000000000000000000000A"),
            "questions": [{"text": _apart("What surprised you?"), "question_id": _apart("q-surprise")}],
        }

    stored = interview_doc()
    one = from_doc(Interview, stored, "01J0000000000000000000000C")
    two = from_doc(Interview, interview_doc(), "01J0000000000000000000000D")
    assert one.contact_id is two.contact_id
    assert one.questions[0].text is two.questions[0].text
    assert one.questions[0].question_id is two.questions[0].question_id
    assert one.questions[0] == ChosenQuestion(text="What surprised you?", question_id="q-surprise")
    assert stored == interview_doc()  # the stored document is left as it was


def test_call_notes_stored_without_ids_get_their_own_stable_ids(tmp_path: Path) -> None:
    """Notes are edited and deleted by id: notes a hand edit stored without one all had the id "", so editing
    one rewrote them all and deleting one deleted them all. Each now gets an id of its own, the same at every
    reading of the file, and editing one leaves the others as they were, also after a save and a reopen."""
    from infoview_tui.domain import lifecycle as lc
    from infoview_tui.domain.dates import FixedClock
    from infoview_tui.store import Store

    doc = {
        "contact_id": "c1",
        "notes": [
            {"text": "first", "offset_s": 1.0},
            {"text": "second", "offset_s": 2.0, "created_at": "2026-11-01T10:00:00+00:00"},
            {"text": "kept", "offset_s": 3.0, "id": "01M8MR7YP8P2P9W4K1EC8076KK"},
        ],
    }
    interview = from_doc(Interview, doc, "01M8MR7YP8P2P9W4K1EC8076KH")
    ids = [note.id for note in interview.notes]
    assert all(ids) and len(set(ids)) == 3 and ids[2] == "01M8MR7YP8P2P9W4K1EC8076KK"
    assert [note.id for note in from_doc(Interview, doc, "01M8MR7YP8P2P9W4K1EC8076KH").notes] == ids
    empty = {"contact_id": "c1", "notes": [{"text": "blank id", "offset_s": 1.0, "id": ""}]}
    assert from_doc(Interview, empty, "01M8MR7YP8P2P9W4K1EC8076KH").notes[0].id  # an empty id counts as none

    path = tmp_path / "infoview.json"
    clock = FixedClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    with Store.open(path, clock=clock) as store:
        saved = store.interviews.add(Interview(contact_id="c1", notes=(Note("x", 1.0, id="n"),)))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["interviews"][saved.id]["notes"] = doc["notes"]  # as a hand edit leaves it
    path.write_text(json.dumps(data), encoding="utf-8")
    with Store.open(path, clock=clock) as store:
        loaded = store.interviews[saved.id]
        first = loaded.notes[0].id
        lc.apply(store, lc.reword_note(loaded, first, "first, reworded"))
    with Store.open(path, clock=clock) as store:
        notes = store.interviews[saved.id].notes
        assert [n.text for n in notes] == ["first, reworded", "second", "kept"]
        assert notes[0].id == first
        lc.apply(store, lc.remove_note(store.interviews[saved.id], notes[1].id))
        assert [n.text for n in store.interviews[saved.id].notes] == ["first, reworded", "kept"]
