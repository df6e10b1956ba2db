"""Follow-up helpers: the thank-you draft from the notes, mailto links, the LinkedIn note, what is owed,
names from referral notes and the check-in date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from infoview_tui.domain.models import (
    Action,
    CallRecord,
    Contact,
    FollowUp,
    Interview,
    Note,
    NoteKind,
    Reflection,
    Stage,
    TimeSpan,
    replace,
)
from infoview_tui.stages.follow_up.drafts import (
    ADVICE_PLACEHOLDER,
    LEARNED_PLACEHOLDER,
    LINKEDIN_NOTE_LIMIT,
    THANK_YOU_WORD_LIMIT,
    action_items,
    linkedin_note,
    mailto_url,
    open_action_count,
    owed,
    referral_company,
    referral_name,
    suggest_checkin,
    thank_you_draft,
    thank_you_subject,
)
from infoview_tui.stages.identify.outreach import check, count_words

START = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)  # a Tuesday
END = START + timedelta(minutes=25, seconds=20)
NOW = END + timedelta(hours=19)  # Wednesday morning

AISHA = Contact(
    name="Aisha Bello", id="1", company="Carbonly", industry="Climate tech", email="aisha@carbonly.example"
)


def conducted(
    *notes: Note,
    call: CallRecord | None = None,
    follow_up: FollowUp | None = None,
    reflection: Reflection | None = None,
) -> Interview:
    """Aisha's interview, held START to END, with these notes; call, follow-up, reflection as given."""
    return Interview(
        contact_id=AISHA.id,
        id="7",
        scheduled_at=START,
        stage=Stage.CONDUCTED,
        call=CallRecord(spans=(TimeSpan(START, END),), ended_at=END) if call is None else call,
        notes=notes,
        follow_up=FollowUp() if follow_up is None else follow_up,
        reflection=Reflection() if reflection is None else reflection,
    )


def note(note_id: int, text: str, kind: NoteKind = NoteKind.NOTE) -> Note:
    return Note(text=text, offset_s=60.0 * note_id, id=str(note_id), kind=kind)


CARBONLY_NOTES = (
    note(1, "Joined late from the train"),
    note(2, "EU rules are the real market driver: follow the regulation, not the VC hype", NoteKind.INSIGHT),
    note(3, "Build a small emissions calculator on public EEA data and share it with Aisha", NoteKind.ACTION),
    note(4, "Talk to Jonas Becker (Head of Product, Rivet Climate)", NoteKind.REFERRAL),
    note(5, "Hiring managers care more about curiosity than credentials", NoteKind.INSIGHT),
)


# The thank-you draft --------------------------------------------------------------------------------------


def test_draft_is_written_from_the_insight_and_the_action() -> None:
    draft = thank_you_draft(conducted(*CARBONLY_NOTES), AISHA, "Sam Rivera", now=NOW)
    assert draft.startswith("Hi Aisha,\n\n")
    assert "the 30 minutes you gave me yesterday" in draft  # the scheduled half hour, not the 25 clocked
    assert "EU rules are the real market driver: follow the regulation, not the VC hype." in draft
    assert (
        "I'm going to build a small emissions calculator on public EEA data and share it with you." in draft
    )
    assert draft.endswith("Best wishes,\nSam Rivera")
    assert count_words(draft) < THANK_YOU_WORD_LIMIT


def test_draft_never_asks_for_a_job() -> None:
    draft = thank_you_draft(conducted(*CARBONLY_NOTES), AISHA, "Sam")
    result = check(draft)
    assert result.job_phrases == []
    assert "Hiring managers" not in draft  # the insight that mentions hiring is passed over
    assert result.placeholders == []


def test_a_chosen_insight_is_used() -> None:
    notes = CARBONLY_NOTES + (
        note(6, "A small, finished project beats a big unfinished one", NoteKind.INSIGHT),
    )
    draft = thank_you_draft(conducted(*notes), AISHA, "Sam", insight_note_ids=["6"])
    assert "a small, finished project beats a big unfinished one." in draft
    assert "EU rules" not in draft


def test_first_two_insights_without_job_talk() -> None:
    notes = (
        note(1, "Research ops is an underrated way in", NoteKind.INSIGHT),
        note(2, "Mixed methods is the differentiator", NoteKind.INSIGHT),
        note(3, "A third insight that is left out", NoteKind.INSIGHT),
    )
    draft = thank_you_draft(conducted(*notes), AISHA)
    assert "research ops is an underrated way in; and mixed methods is the differentiator." in draft
    assert "third" not in draft


def test_takeaways_stand_in_when_there_is_no_insight() -> None:
    reflection = Reflection(takeaways="My background transfers better than I thought. The gap is domain.")
    draft = thank_you_draft(conducted(note(1, "plain note"), reflection=reflection), AISHA)
    assert "stuck with me: my background transfers better than I thought." in draft
    assert "The gap" not in draft


def test_placeholders_when_there_are_no_notes() -> None:
    draft = thank_you_draft(conducted(), AISHA)
    assert LEARNED_PLACEHOLDER in draft and ADVICE_PLACEHOLDER in draft
    assert draft.endswith("Best wishes,\n[your name]")
    assert {LEARNED_PLACEHOLDER, ADVICE_PLACEHOLDER, "[your name]"} <= set(check(draft).placeholders)


def test_the_reminder_to_send_the_thank_you_is_not_the_advice() -> None:
    notes = (
        note(1, "Send the thank-you today and connect on LinkedIn", NoteKind.ACTION),
        note(2, "Finish the dbt Fundamentals course", NoteKind.ACTION),
    )
    draft = thank_you_draft(conducted(*notes), AISHA)
    assert "I'm going to finish the dbt Fundamentals course." in draft


def test_a_reflection_next_step_when_no_action_note() -> None:
    reflection = Reflection(takeaways="x", next_steps=(Action("I will read 'Thinking in Systems'"),))
    draft = thank_you_draft(conducted(reflection=reflection), AISHA)
    assert "I'm going to read 'Thinking in Systems'." in draft


@pytest.mark.parametrize("words", [200, 5_000])
def test_under_150_words_with_huge_notes(words: int) -> None:
    huge = " ".join(["remarkably"] * words)
    notes = (
        note(1, "Insight " + huge, NoteKind.INSIGHT),
        note(2, "Second insight " + huge, NoteKind.INSIGHT),
        note(3, "Do " + huge, NoteKind.ACTION),
    )
    draft = thank_you_draft(conducted(*notes), AISHA, "Sam " + huge, insight_note_ids=["1", "2"])
    assert count_words(draft) < THANK_YOU_WORD_LIMIT
    assert "…" in draft
    assert "Hi Aisha," in draft and "I'm going to do remarkably" in draft and "Best wishes," in draft


def test_greeting_uses_a_title_and_surname() -> None:
    prof = Contact(name="Prof. Henrik Sørensen", id="2")
    assert thank_you_draft(conducted(), prof).startswith("Hi Prof. Sørensen,")
    assert thank_you_subject(conducted(), prof) == "Thank you for the conversation, Prof. Sørensen"


def test_not_ended_call_has_no_length_and_a_weekday_without_now() -> None:
    not_held = conducted(call=CallRecord())
    assert "Thank you for taking the time to talk with me; " in thank_you_draft(not_held, AISHA)
    assert "you gave me on Tuesday" in thank_you_draft(conducted(), AISHA)


def test_subject() -> None:
    assert thank_you_subject(conducted(), AISHA) == "Thank you for the conversation, Aisha"
    assert thank_you_subject(conducted(), None) == "Thank you for the conversation"


# mailto ---------------------------------------------------------------------------------------------------


def test_mailto_encodes_everything_in_subject_and_body() -> None:
    body = "Hi Zoë,\nA&B? #1 + 100% done\r\nbye"
    url = mailto_url("zoe.chen@lumen.example", "Thanks & more? #1 + 5%", body)
    assert url.startswith("mailto:zoe.chen@lumen.example?subject=")
    query = url.split("?", 1)[1]
    assert set(query) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%=&-_.~")
    assert "subject=Thanks%20%26%20more%3F%20%231%20%2B%205%25" in query
    assert "Zo%C3%AB%2C%0D%0AA%26B%3F%20%231%20%2B%20100%25%20done%0D%0Abye" in query
    assert "%0D%0D" not in query and "%0A%0A" not in query  # CRLF not doubled
    parsed = parse_qs(query, keep_blank_values=True)
    assert parsed["body"] == ["Hi Zoë,\r\nA&B? #1 + 100% done\r\nbye"]
    assert parsed["subject"] == ["Thanks & more? #1 + 5%"]


def test_mailto_address_keeps_the_at_sign_and_quotes_the_rest() -> None:
    url = mailto_url("ana+news@exämple.com", "", "")
    assert url == "mailto:ana%2Bnews@ex%C3%A4mple.com"
    assert unquote(urlsplit(url).path) == "ana+news@exämple.com"
    assert mailto_url("a@x.com, b@y.com", "Hi", "") == "mailto:a@x.com,b@y.com?subject=Hi"


def test_mailto_subject_is_one_line() -> None:
    assert mailto_url("a@x.com", "one\ntwo", "") == "mailto:a@x.com?subject=one%20two"


def test_mailto_of_a_draft_round_trips() -> None:
    draft = thank_you_draft(conducted(*CARBONLY_NOTES), AISHA, "Sam")
    url = mailto_url(AISHA.email, thank_you_subject(conducted(), AISHA), draft)
    parsed = parse_qs(url.split("?", 1)[1])
    assert parsed["body"] == [draft.replace("\n", "\r\n")]


# LinkedIn -------------------------------------------------------------------------------------------------


def test_linkedin_note_is_personal_and_short() -> None:
    text = linkedin_note(conducted(*CARBONLY_NOTES), AISHA, "Sam")
    assert len(text) <= LINKEDIN_NOTE_LIMIT == 300
    assert text.startswith("Hi Aisha, thank you again for talking with me about your work at Carbonly.")
    assert "EU rules are the real market driver" in text
    assert text.endswith("I'd love to stay in touch. Sam")
    assert check(text).job_phrases == []


def test_linkedin_note_never_passes_300_characters() -> None:
    long_name = Contact(name="Ana " + "Maria " * 80, id="3", company="Very Long Company " * 30)
    notes = (note(1, "insight " * 400, NoteKind.INSIGHT),)
    text = linkedin_note(conducted(*notes), long_name, "Sam " * 100)
    assert len(text) <= LINKEDIN_NOTE_LIMIT
    assert (
        linkedin_note(conducted(), None)
        == "Hi, thank you again for talking with me about your work. I'd love to stay in touch."
    )


# What is owed ---------------------------------------------------------------------------------------------


def test_owed_lists_everything_in_order() -> None:
    interview = conducted(
        *CARBONLY_NOTES,
        note(6, "Someone at Northwind", NoteKind.REFERRAL),
        follow_up=FollowUp(next_checkin=date(2026, 12, 7), referral_note_ids=("6",)),
    )
    assert owed(interview, END + timedelta(hours=19)) == [
        "thank-you due in 5 h",
        "connect on LinkedIn",
        "1 referral to add as a contact",
        "1 action item",
        "check in on Mon 07 Dec",
    ]


def test_owed_when_the_thank_you_is_late() -> None:
    interview = conducted(note(1, "a", NoteKind.REFERRAL), note(2, "b", NoteKind.REFERRAL))
    assert owed(interview, END + timedelta(hours=48)) == [
        "thank-you overdue by 1 day",
        "connect on LinkedIn",
        "2 referrals to add as contacts",
    ]


def test_owed_counts_open_action_notes_and_next_steps() -> None:
    reflection = Reflection(takeaways="t", next_steps=(Action("a", done=True), Action("b"), Action("c")))
    interview = conducted(note(1, "x", NoteKind.ACTION), reflection=reflection)
    assert "3 action items" in owed(interview, NOW)
    assert open_action_count(interview) == 3


def test_a_ticked_action_note_is_no_longer_owed() -> None:
    ticked = replace(note(3, "send the deck", NoteKind.ACTION), done_at=NOW)
    interview = conducted(note(2, "read the paper", NoteKind.ACTION), ticked)
    assert "1 action item" in owed(interview, NOW)
    items = action_items(interview)
    assert [(i.text, i.done, i.done_at, i.source) for i in items] == [
        ("read the paper", False, None, "from the call"),
        ("send the deck", True, NOW, "from the call"),
    ]
    all_done = conducted(ticked)
    assert not any("action item" in line for line in owed(all_done, NOW))


def test_action_items_list_call_notes_in_call_order_then_next_steps() -> None:
    late = Note("later one", offset_s=900.0, id="1", kind=NoteKind.ACTION)
    early = Note("early one", offset_s=30.0, id="2", kind=NoteKind.ACTION)
    steps = (Action("step", due=date(2026, 12, 1)),)
    interview = conducted(late, early, note(3, "plain"), reflection=Reflection(next_steps=steps))
    assert [(i.text, i.note_id, i.step_index, i.due) for i in action_items(interview)] == [
        ("early one", "2", None, None),
        ("later one", "1", None, None),
        ("step", None, 0, date(2026, 12, 1)),
    ]


def test_nothing_owed() -> None:
    done = conducted(
        note(1, "Talk to Maya", NoteKind.REFERRAL),
        follow_up=FollowUp(thank_you_sent_at=NOW, linkedin_connected_at=NOW, referral_note_ids=("1",)),
    )
    assert owed(done, NOW) == []
    assert owed(conducted(call=CallRecord()), NOW) == []  # not held yet


# Referral notes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "company"),
    [
        ("talk to Maya Okafor at Northwind", "Maya Okafor", "Northwind"),
        ("@ Grace (Navy) — great on policy", "Grace", ""),
        (
            "Talk to Mads Jensen (Research Manager, Lumen Health); she'll intro by email",
            "Mads Jensen",
            "Lumen Health",
        ),
        ("Also Rania Haddad, freelance UXR in health; find her in the ResearchOps Slack", "Rania Haddad", ""),
        (
            "Suggested Mikkel Andersen at the Danish Energy Agency; works on the model",
            "Mikkel Andersen",
            "Danish Energy Agency",
        ),
        ("Kenji will ask Maya Okafor (CTO) whether they're open to a chat", "Maya Okafor", ""),
        (
            "Ludwig van Beethoven at Harbor & Rail Logistics.",
            "Ludwig van Beethoven",
            "Harbor & Rail Logistics",
        ),
        ("Zoë Ó Briain at Øresund University runs the meetup", "Zoë Ó Briain", "Øresund University"),
        ("talk to her colleague Maya at Northwind", "Maya", "Northwind"),
        ("Talk to Dr. Jane Smith at NHS", "Dr. Jane Smith", "NHS"),
        ("meet at 3pm with someone from finance", "meet at 3pm with someone from finance", ""),
    ],
)
def test_referral_name_and_company(text: str, name: str, company: str) -> None:
    assert referral_name(text) == name
    assert referral_company(text) == company


def test_referral_name_falls_back_to_the_note_cut_to_60() -> None:
    text = "someone in the finance team who moved over from the audit side a couple of years ago"
    found = referral_name(text)
    assert len(found) <= 60 and found.endswith("…") and text.startswith(found[:-1])


# Check-ins ------------------------------------------------------------------------------------------------


def test_suggest_checkin_is_three_weeks_later_on_a_weekday() -> None:
    assert suggest_checkin(END) == date(2026, 12, 15)  # Tuesday + 21 days
    saturday_end = datetime(2026, 11, 7, 10, 0, tzinfo=UTC)  # three weeks on is a Saturday
    assert suggest_checkin(saturday_end) == date(2026, 11, 30)
    for offset in range(14):
        day = suggest_checkin(START + timedelta(days=offset))
        assert day.weekday() < 5
        assert 21 <= (day - (START + timedelta(days=offset)).date()).days <= 23
