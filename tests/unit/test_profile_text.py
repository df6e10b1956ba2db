"""Every message, script and draft speaks with your profile; notes become words addressed to the person."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from infoview_tui.domain.models import (
    CallRecord,
    Contact,
    HowKnown,
    Interview,
    Note,
    NoteKind,
    Outreach,
    OutreachStatus,
    Profile,
    TimeSpan,
)
from infoview_tui.domain.profile import intro_sentence
from infoview_tui.stages.conduct.call import opening_script, reintroduction
from infoview_tui.stages.follow_up.drafts import _second_person, linkedin_note, thank_you_draft
from infoview_tui.stages.identify.outreach import (
    NORMAL_SILENCE,
    WARM_SILENCE,
    Template,
    check,
    fill,
    follow_up_message,
    intro_request_message,
    response_rate,
)

ANA = Profile(name="Ana Lee", intro="I'm a third-year economics student exploring product design")
START = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
AISHA = Contact(name="Aisha Bello", id="1", company="Carbonly", how_known=HowKnown.COLD)


def held(*notes: Note, minutes_clocked: int = 7, scheduled: int = 30) -> Interview:
    end = START + timedelta(minutes=minutes_clocked)
    return Interview(
        contact_id="1",
        scheduled_at=START,
        duration_minutes=scheduled,
        call=CallRecord(spans=(TimeSpan(START, end),), ended_at=end),
        notes=notes,
    )


@pytest.mark.parametrize("template", list(Template))
def test_every_request_template_signs_and_introduces_with_the_profile(template: Template) -> None:
    contact = Contact(name="Bo Chen", company="Acme", how_known=HowKnown.MENTOR, introduced_by_name="Cy Dee")
    message = fill(template, contact, sender_name=ANA.name, about_me=ANA.intro)
    assert message.endswith("\nAna Lee")
    assert "I'm a third-year economics student exploring product design." in message
    assert "[your name]" not in message and "[One line about you" not in message


@pytest.mark.parametrize("how", [HowKnown.MENTOR, HowKnown.PROFESSOR])
def test_intro_request_to_a_mentor_or_professor_passes_the_checker(how: HowKnown) -> None:
    mentor = Contact(name="Dr. Grace Hopper", how_known=how)
    message = intro_request_message(
        mentor, "someone in data at Fjord Payments", sender_name=ANA.name, about_me=ANA.intro
    )
    result = check(message)
    assert result.ok and result.placeholders == [], result.problems
    assert message.startswith("Hi Dr. Hopper,")
    assert "someone in data at Fjord Payments" in message and message.endswith("Thank you,\nAna Lee")


def test_intro_request_without_a_profile_leaves_placeholders_the_checker_names() -> None:
    message = intro_request_message(Contact(name="Bo", how_known=HowKnown.MENTOR), "")
    placeholders = check(message).placeholders
    assert "[your name]" in placeholders and "[whom you'd like to meet]" in placeholders


def test_the_7b_follow_up_signs_with_the_profile_and_passes_the_checker() -> None:
    unsigned = "Hi Aisha,\n\nWould you have 20 minutes?\n\nThanks,\n[your name]"
    message = follow_up_message(AISHA, unsigned, ANA.name)
    result = check(message)
    assert result.ok and result.placeholders == [], result.problems
    assert message.endswith("Thanks again,\nAna Lee")
    # without a profile, the name in the original's sign-off is still used
    assert follow_up_message(AISHA, "Hi,\n\nA note?\n\nThanks,\nSam Rivera").endswith("\nSam Rivera")


def test_opening_script_reintroduces_you_from_the_profile() -> None:
    interview = Interview(contact_id="1", hope_to_learn="How regulation shapes the market")
    line = opening_script(interview, AISHA, ANA)[1]
    assert line == (
        "A quick reminder of who I am: I'm Ana Lee. I'm a third-year economics student exploring product design."
    )
    assert (
        opening_script(interview, AISHA)[1] == "A quick reminder of who I am: [your one-line introduction]."
    )
    assert (
        "I'm Ana Lee, [your one-line introduction]"
        in opening_script(interview, AISHA, Profile(name="Ana Lee"))[1]
    )


def test_thank_you_and_linkedin_note_use_the_profile_name_and_the_scheduled_length() -> None:
    interview = held(
        Note(
            "She says the most valuable method for her team is talking to customers",
            60,
            "1",
            kind=NoteKind.INSIGHT,
        )
    )
    draft = thank_you_draft(interview, AISHA, ANA.name, now=START + timedelta(hours=3))
    assert "Thank you for the 30 minutes you gave me today" in draft  # scheduled, not the 7 clocked
    assert "you say the most valuable method for your team is talking to customers" in draft
    assert " her " not in draft and draft.endswith("Best wishes,\nAna Lee")
    note = linkedin_note(interview, AISHA, ANA.name)
    assert note.endswith("Ana Lee") and "for your team" in note and len(note) <= 300


@pytest.mark.parametrize(
    ("note", "written_to_them"),
    [
        (
            "Interviews are the most valuable method for her team",
            "Interviews are the most valuable method for your team",
        ),
        ("He thinks I should send him my portfolio", "You think I should send you my portfolio"),
        (
            "She's been there six years and she tries every new tool",
            "You've been there six years and you try every new tool",
        ),
        ("his advice: she's right that SQL comes first", "your advice: you're right that SQL comes first"),
        (
            "Aisha's team uses Figma and Aisha does research first",
            "your team uses Figma and you do research first",
        ),
        ("he always asks why", "you always ask why"),
        ("Ask her about it", "Ask you about it"),
        ("The regulation is what matters", "The regulation is what matters"),
    ],
)
def test_third_person_notes_are_rewritten_to_the_person(note: str, written_to_them: str) -> None:
    assert _second_person(note, "Aisha") == written_to_them


def test_the_word_about_cold_silence_is_said_only_when_a_request_was_cold() -> None:
    sent = datetime(2026, 11, 20, tzinfo=UTC)
    warm = [
        Outreach(contact_id="2", sent_at=sent),
        Outreach(contact_id="3", sent_at=sent, status=OutreachStatus.REPLIED),
    ]
    assert WARM_SILENCE in response_rate(warm, cold_contact_ids={"1"}).message
    assert NORMAL_SILENCE not in response_rate(warm, cold_contact_ids={"1"}).message
    cold = [*warm, Outreach(contact_id="1", sent_at=sent)]
    assert NORMAL_SILENCE in response_rate(cold, cold_contact_ids={"1"}).message
    assert NORMAL_SILENCE in response_rate(warm).message  # a caller that cannot tell keeps the old word


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("a student exploring data careers", "I'm a student exploring data careers."),
        ("MBA candidate at Leeds", "I'm MBA candidate at Leeds."),
        ("I study economics at Leeds", "I study economics at Leeds."),
        ("i'm a career changer from teaching", "I'm a career changer from teaching."),
        ("my background is in nursing!", "My background is in nursing!"),
        ("   ", ""),
    ],
)
def test_the_introduction_reads_as_a_sentence_in_every_message(typed: str, sentence: str) -> None:
    """Typed as a fragment in the profile, it still reads as 'I'm …' where messages quote it."""
    assert intro_sentence(typed) == sentence
    if sentence:
        profile = Profile(name="Sam Lee", intro=typed)
        assert f"I'm Sam Lee. {sentence}" in reintroduction(profile)
