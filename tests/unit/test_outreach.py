"""Outreach: request templates, the live checker, 3B7 states, colleagues at a company, response rate."""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from infoview_tui.domain.models import (
    CallRecord,
    Channel,
    Contact,
    HowKnown,
    Interview,
    Outreach,
    OutreachStatus,
    Route,
    Stage,
    TimeSpan,
    replace,
)
from infoview_tui.stages.agenda import build_agenda
from infoview_tui.stages.identify.nudges import NudgeState, nudge, nudge_state
from infoview_tui.stages.identify.outreach import (
    SCAN_LIMIT,
    STRICT_WORD_LIMIT,
    WORD_LIMIT,
    CheckResult,
    ResponseRate,
    Template,
    check,
    colleagues_at_company,
    company_key,
    count_words,
    default_template,
    fill,
    follow_up_message,
    request_label,
    request_status,
    response_rate,
    split_sign_off,
)

ROOT = Path(__file__).resolve().parents[2]

GOOD = (
    "Hi Ada,\n\n"
    "Grace Hopper suggested I reach out to you. I'm a data analyst exploring product design, and she spoke "
    "highly of your work at Engines.\n\n"
    "Would you have 20 minutes for a call next week?\n\n"
    "Thanks,\nAna"
)

# --- templates ------------------------------------------------------------------------------------

KNOWN_KINDS = [h for h in HowKnown if h.route is Route.KNOWN]
COLD_CHANNELS = [
    Channel.LINKEDIN,
    Channel.INDEED,
    Channel.GLASSDOOR,
    Channel.ANGELLIST,
    Channel.QUORA,
    Channel.TWITTER,
]


def known(how: HowKnown) -> Contact:
    return Contact(name="Ada Lovelace", id="1", company="Engines Ltd", how_known=how)


def introduced(by: str = "Grace Hopper") -> Contact:
    return Contact(
        name="Ada Lovelace", id="2", company="Engines", how_known=HowKnown.INTRODUCTION, introduced_by_name=by
    )


def cold(channel: Channel | None) -> Contact:
    return Contact(name="Ada Lovelace", id="3", company="Engines", how_known=HowKnown.COLD, channel=channel)


def only_placeholders_missing(result: CheckResult) -> None:
    """The message passes the checker apart from its [placeholders]."""
    assert result.placeholders, "a template without sender details leaves [your name] to fill"
    assert all(p.startswith("[") and p.endswith("]") for p in result.placeholders)
    assert result.problems == [f"Fill in {p}" for p in result.placeholders]
    assert not result.over_limit and not result.job_phrases
    assert result.connection_first and result.ends_with_question


@pytest.mark.parametrize("how", KNOWN_KINDS, ids=lambda h: h.value)
def test_known_template_for_each_way_you_know_someone(how: HowKnown) -> None:
    contact = known(how)
    assert default_template(contact) is Template.KNOWN
    message = fill(Template.KNOWN, contact)
    assert message.startswith("Hi Ada,\n")
    assert "Engines Ltd" in message
    assert message.rstrip().endswith("[your name]")
    result = check(message, strict=True)
    only_placeholders_missing(result)
    assert "[your name]" in result.placeholders


@pytest.mark.parametrize("how", KNOWN_KINDS, ids=lambda h: h.value)
def test_known_openers_differ_and_say_how_you_know_them(how: HowKnown) -> None:
    openers = {fill(Template.KNOWN, known(h)).split("\n")[2].split(".")[0] for h in KNOWN_KINDS}
    assert len(openers) == len(KNOWN_KINDS)
    cue = {
        HowKnown.FRIEND: "caught up",
        HowKnown.FAMILY: "family",
        HowKnown.CLASSMATE: "classmates",
        HowKnown.FORMER_COLLEAGUE: "worked together",
        HowKnown.MENTOR: "mentored",
        HowKnown.PROFESSOR: "student in your",
    }[how]
    assert cue in fill(Template.KNOWN, known(how))


def test_introduction_template_names_the_introducer_from_the_contact() -> None:
    contact = introduced()
    assert default_template(contact) is Template.INTRODUCTION
    message = fill(Template.INTRODUCTION, contact)
    assert message.startswith("Hi Ada,\n")
    first_line = message.split("\n")[2]
    assert first_line.startswith("Grace Hopper suggested I reach out to you.")  # the connection comes first
    assert "Grace spoke highly of your work at Engines" in message
    only_placeholders_missing(check(message, strict=True))


def test_introduction_template_prefers_the_introducer_passed_in() -> None:
    message = fill(Template.INTRODUCTION, introduced("Someone Else"), introducer_name="Prof. Alan Turing")
    assert "Prof. Alan Turing suggested I reach out" in message
    assert "Someone Else" not in message
    only_placeholders_missing(check(message, strict=True))


def test_introduction_template_without_an_introducer_leaves_a_placeholder() -> None:
    message = fill(Template.INTRODUCTION, introduced(""))
    assert "[who introduced you] suggested I reach out" in message
    assert "They spoke highly" in message
    result = check(message)
    assert "[who introduced you]" in result.placeholders
    only_placeholders_missing(result)


@pytest.mark.parametrize("channel", COLD_CHANNELS, ids=lambda c: c.value)
def test_cold_template_says_where_you_found_them(channel: Channel) -> None:
    contact = cold(channel)
    assert default_template(contact) is Template.COLD
    message = fill(Template.COLD, contact)
    assert message.startswith("Hi Ada,\n")
    assert f"on {channel.label}" in message
    assert "[what you admire about their work]" in message
    only_placeholders_missing(check(message, strict=True))


@pytest.mark.parametrize("channel", [None, Channel.EMAIL, Channel.PHONE, Channel.OTHER, Channel.IN_PERSON])
def test_cold_template_without_a_place_to_name(channel: Channel | None) -> None:
    message = fill(Template.COLD, cold(channel))
    if channel is Channel.IN_PERSON:
        assert "We met briefly at [the event]" in message
    else:
        assert "through [where you found them]" in message
    only_placeholders_missing(check(message, strict=True))


def test_the_three_templates_are_distinct_for_the_same_person() -> None:
    contact = cold(Channel.LINKEDIN)
    messages = {fill(t, contact, sender_name="Ana") for t in Template}
    assert len(messages) == 3
    bodies = {m.split("\n")[2][:40] for m in messages}
    assert len(bodies) == 3


@pytest.mark.parametrize("template", list(Template), ids=lambda t: t.value)
def test_every_template_fits_the_seed_advice(template: Template) -> None:
    for contact in [known(HowKnown.FRIEND), introduced(), cold(Channel.LINKEDIN), Contact(name="Bo")]:
        about = "I'm a data analyst exploring design"
        message = fill(template, contact, sender_name="Ana Lopez", about_me=about)
        result = check(message, strict=True)
        assert result.word_count < 75
        assert not result.job_phrases
        assert result.connection_first and result.ends_with_question
        assert "20" in message and "minutes" in message  # asks for 20–30 minutes
        assert message.endswith("\nAna Lopez")
        assert "[your name]" not in message
        assert "I'm a data analyst exploring design." in message  # a full stop is added


def test_filled_known_template_with_details_passes_the_checker() -> None:
    about = "I'm moving into design!"
    message = fill(Template.KNOWN, known(HowKnown.FRIEND), sender_name="Ana", about_me=about)
    result = check(message, strict=True)
    assert result.ok, result.problems
    assert "I'm moving into design! You were the first person I thought of to ask." in message


def test_templates_with_sender_details_leave_only_what_we_cannot_know() -> None:
    message = fill(Template.INTRODUCTION, introduced(), sender_name="Ana", about_me="I'm a data analyst.")
    assert check(message).ok
    message = fill(Template.COLD, cold(Channel.LINKEDIN), sender_name="Ana", about_me="I'm a data analyst.")
    assert check(message).placeholders == ["[what you admire about their work]"]


def test_greeting_uses_the_first_name_or_title_and_surname() -> None:
    assert fill(Template.KNOWN, Contact(name="  María José García ")).startswith("Hi María,")
    assert fill(Template.COLD, Contact(name="Dr. Grace Hopper")).startswith("Hi Dr. Hopper,")
    assert fill(Template.COLD, Contact(name="Prof Turing")).startswith("Hi Prof Turing,")
    nameless = fill(Template.COLD, Contact(name=" "))
    assert nameless.startswith("Hi [their name],")
    assert "[their name]" in check(nameless).placeholders


def test_no_company_means_no_dangling_at() -> None:
    message = fill(Template.KNOWN, Contact(name="Ada", how_known=HowKnown.FRIEND))
    assert "your work." in message and " at ." not in message


def test_template_labels_and_routes() -> None:
    assert [t.label for t in Template] == [
        "A request to someone you know",
        "A request after an introduction",
        "A cold request",
    ]
    assert [t.route for t in Template] == [Route.KNOWN, Route.INTRODUCTION, Route.COLD]


# --- the checker: words ---------------------------------------------------------------------------


def message_of(words: int) -> str:
    """A good message with exactly `words` words."""
    head = "We met at PyCon last spring."
    tail = "Would you have 20 minutes next week?"
    filler = words - len(head.split()) - len(tail.split())
    assert filler >= 0
    return " ".join([head, *(["really"] * filler), tail])


@pytest.mark.parametrize(
    ("words", "strict", "over"),
    [(100, False, False), (101, False, True), (75, True, False), (76, True, True), (76, False, False)],
)
def test_word_limit_is_100_or_75_for_the_strict_style(words: int, strict: bool, over: bool) -> None:
    result = check(message_of(words), strict=strict)
    assert result.word_count == words
    assert result.word_limit == (STRICT_WORD_LIMIT if strict else WORD_LIMIT)
    assert result.over_limit is over
    assert result.ok is not over
    if over:
        assert result.problems == [f"{words} words: aim for {result.word_limit} or fewer"]


def test_word_count_counts_whitespace_separated_words() -> None:
    assert count_words("") == 0
    assert count_words("   \n\t ") == 0
    assert count_words("Hi Ada,\n\nWe met — at PyCon\u00a02024.") == 8  # the dash is a word, as in editors
    assert check("Hi   there\n\nfriend").word_count == 3


def test_word_count_of_a_long_paste_matches_split() -> None:
    text = ("I’m a data analyst;\tcafé\u00a0au lait\n\n" * 5000)[: SCAN_LIMIT * 3]
    assert len(text) > SCAN_LIMIT
    assert count_words(text) == len(text.split())
    assert count_words("x" * (SCAN_LIMIT + 5)) == 1
    assert count_words(" " * (SCAN_LIMIT + 5)) == 0
    assert count_words("😀 " * SCAN_LIMIT) == SCAN_LIMIT


def test_big_counts_are_shown_with_separators() -> None:
    result = check("word " * 12345)
    assert result.problems[0] == "12,345 words: aim for 100 or fewer"


# --- the checker: job requests --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Do you know of a job on your team?", "job"),
        ("I am looking for jobs in design.", "jobs"),
        ("Are there any openings at Engines?", "openings"),
        ("Is there an opening for an analyst?", "opening"),
        ("Are there positions open on your team?", "positions open"),
        ("Is a position available?", "position available"),
        ("Do you have open roles?", "open roles"),
        ("I saw the open position on your site.", "open position"),
        ("Is your team HIRING this year?", "hiring"),
        ("Would you hire me?", "hire me"),
        ("Is there a vacancy?", "vacancy"),
        ("I saw two vacancies.", "vacancies"),
        ("Is there an internship opening?", "internship opening"),
        ("Any internship positions this summer?", "internship positions"),
        ("Could you give me a referral for a role?", "referral for a role"),
        ("Could you refer me for the position?", "refer me for the position"),
        ("An employee referral would help.", "employee referral"),
        ("How do I apply?", "apply"),
        ("I plan to apply for the analyst post.", "apply for"),
        ("I want to apply to your company.", "apply to"),
        ("I am applying for the analyst post.", "applying for"),
        ("I applied to Engines last month.", "applied to"),
        ("Here is my application for the post.", "my application for"),  # overlapping matches merge
        ("Did my application reach you?", "my application"),
        ("I attached my resume.", "attached my resume"),
        ("My CV is below.", "my cv is below"),
        ("Please see my résumé.", "my résumé"),
        ("Here is a résumé.", "résumé"),
        ("Resume attached.", "resume attached"),
        ("Are there opportunities at your company?", "opportunities at your company"),
    ],
)
def test_each_job_phrase_is_flagged(text: str, phrase: str) -> None:
    result = check(f"We met at PyCon. {text} Would you have 20 minutes?")
    assert result.job_phrases == [phrase]
    assert f"Mentions '{phrase}': ask to learn about their work, not for a job" in result.problems
    assert not result.ok


@pytest.mark.parametrize(
    "text",
    [
        "What led you to your current role?",
        "How has your role changed? Which roles does your team have?",
        "I use the jobsite app and I'm jobless-adjacent, ha.",
        "Your keynote was eye-opening.",
        "I loved the opening of your talk.",
        "I'd like to apply what I learn to my own projects.",
        "Who would you hire first on a new team?",
        "Could you suggest a referral to someone else I should talk to?",
        "What are the applications of this research?",
        "Your computer vision (CV) work is great.",
        "I'll resume my studies in the fall.",
        "Are you available next week? I'm open to any time.",
        "How do you position yourself in a crowded market?",
    ],
)
def test_no_false_positives_for_role_and_other_innocent_words(text: str) -> None:
    assert check(f"We met at PyCon. {text} Would you have 20 minutes?").job_phrases == []


def test_job_phrases_are_distinct_in_order_and_lowercased() -> None:
    result = check("Any JOBS? Hiring? jobs, Jobs and hiring again. Job.")
    assert result.job_phrases == ["jobs", "hiring", "job"]


# --- the checker: connection first ----------------------------------------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        "We met at the design meetup in May.",
        "Grace Hopper introduced us last week.",
        "Prof. Turing suggested I reach out to you.",
        "Dr. Liskov recommended I talk to you.",
        "I found you through the alumni directory.",
        "I came across your article on design systems.",
        "As a fellow Wildcat, I wanted to say hello.",
        "I'm an alum of your program.",
        "We were classmates at State.",
        "Your former colleague Sam gave me your name.",
        "We have a mutual friend, Sam.",
        "I loved your talk at PyCon.",
        "I saw your profile on LinkedIn.",
        "I read your answers on Quora.",
        "I'm a friend of Sam's.",
        "I was a student in your statistics class.",
        "I'm following up on my note from last week.",
    ],
)
def test_connection_cues_in_the_first_sentence(opening: str) -> None:
    assert check(f"Hi Ada,\n\n{opening} Would you have 20 minutes?").connection_first


def test_connection_must_come_first_not_last() -> None:
    filler = " ".join(["I am exploring design and would love to learn about it."] * 4)  # 44 words
    late = f"Hi Ada,\n\n{filler} We met at PyCon. Would you have 20 minutes?"
    result = check(late)
    assert not result.connection_first
    assert "Say how you are connected first" in result.problems
    assert check(f"Hi Ada,\n\nWe met at PyCon. {filler} Would you have 20 minutes?").connection_first


def test_a_long_first_sentence_still_counts_as_first() -> None:
    sentence = "Because " + "really " * 34 + "long stories start somewhere, we met at PyCon."
    assert check(f"Hi Ada, {sentence} Would you have 20 minutes?").connection_first


def test_within_the_first_30_words_counts_even_after_a_short_first_sentence() -> None:
    assert check("Hello! My name is Ana. I came across your profile on LinkedIn. Coffee?").connection_first


def test_going_through_a_change_is_not_a_connection() -> None:
    assert not check("Hi Ada, I'm going through a career change. Would you have 20 minutes?").connection_first
    assert check("Hi Ada, I found your name through the alumni office. Coffee?").connection_first


def test_an_empty_message_is_not_ok() -> None:
    result = check("")
    assert result.word_count == 0 and not result.over_limit
    assert not result.connection_first and not result.ends_with_question
    assert not result.ok


# --- the checker: ends with a question ------------------------------------------------------------


@pytest.mark.parametrize(
    "ending",
    [
        "Would you have 20 minutes next week?",
        "Would you have 20 minutes next week?\n\nThanks,\nAna",
        "Would you have 20 minutes next week?\n\nThanks, Ana",
        "Would you have 20 minutes next week?\n\nBest regards,\nAna Lopez\nProduct designer | Acme\n"
        "ana@example.com\n(555) 123-4567",
        "Would you have 20 minutes next week?\nThank you so much for considering it!\nBest,\nAna",
        "Would you have 20 minutes next week?\n\nCheers!\n— Ana",
        "Would you have 20 minutes next week?\n\nAna Lopez",
        "Would you have 20 minutes next week?\n\n[your name]",
        "Would you have 20 minutes next week? 🙂",
        "Would you have 20 minutes next week?)",
        'Would you have "20 minutes" next week?"\n\nWarmly,\nAna',
        "Would you have 20 minutes next week？",
        "Would you have 20 minutes next week?\u200d\ufe0f  \n\n",
        "Would you have 20 minutes next week?\n\nLooking forward to hearing from you,\nAna",
    ],
)
def test_ends_with_a_question_ignoring_the_sign_off(ending: str) -> None:
    result = check(f"Hi Ada,\n\nWe met at PyCon.\n\n{ending}")
    assert result.ends_with_question


@pytest.mark.parametrize(
    "ending",
    [
        "Let me know if you have 20 minutes.",
        "Would you have 20 minutes? Let me know.",
        "Let me know if you have 20 minutes.\n\nThanks,\nAna",
        "Would you have 20 minutes next week? I would really appreciate it and it would mean a lot.\nAna",
        "Would you have 20 minutes next week?\nlet me know",
    ],
)
def test_does_not_end_with_a_question(ending: str) -> None:
    result = check(f"Hi Ada,\n\nWe met at PyCon.\n\n{ending}")
    assert not result.ends_with_question
    assert "End with a question, e.g. 'Would you have 20 minutes next week?'" in result.problems


def test_split_sign_off() -> None:
    assert split_sign_off("Coffee?\n\nBest,\nAna") == ("Coffee?\n\n", ["Best,", "Ana"])
    assert split_sign_off("Coffee?") == ("Coffee?", [])
    assert split_sign_off("Thanks,\nAna") == ("Thanks,\n", ["Ana"])  # something must remain above
    assert split_sign_off("Coffee?\nIs that ok?") == ("Coffee?\nIs that ok?", [])


def test_right_to_left_question_mark_counts() -> None:
    assert check("التقينا في المؤتمر. هل لديك عشرون دقيقة؟").ends_with_question


# --- the checker: placeholders --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("Thanks, [your name]", "[your name]"),
        ("I admire {their project}.", "{their project}"),
        ("I work at <company>.", "<company>"),
        ("I loved your talk on XXX.", "XXX"),
        ("I loved your talk on xxxx.", "xxxx"),
        ("TODO: add a line about me.", "TODO"),
    ],
)
def test_each_placeholder_style_is_flagged(text: str, placeholder: str) -> None:
    result = check(f"We met at PyCon. {text} Would you have 20 minutes?")
    assert result.placeholders == [placeholder]
    assert f"Fill in {placeholder}" in result.problems


@pytest.mark.parametrize(
    "text",
    [
        "Write to me at <ana@example.com>.",
        "My site is <https://example.com/ana>.",
        "See [my portfolio](https://example.com).",
        "My checklist: [ ] done.",
        "Extra XXXL sizes, and TODOs aside.",
        "I <3 your work.",
    ],
)
def test_things_that_are_not_placeholders(text: str) -> None:
    assert check(f"We met at PyCon. {text} Would you have 20 minutes?").placeholders == []


def test_placeholders_are_distinct_and_in_order() -> None:
    result = check("[a] {b} [a] <c> TODO [a]")
    assert result.placeholders == ["[a]", "{b}", "<c>", "TODO"]


# --- the checker: the result ----------------------------------------------------------------------


def test_a_good_message_is_ok() -> None:
    result = check(GOOD)
    assert result == CheckResult(
        word_count=len(GOOD.split()),
        word_limit=100,
        over_limit=False,
        job_phrases=[],
        connection_first=True,
        ends_with_question=True,
        placeholders=[],
    )
    assert result.ok and result.problems == []


def test_problems_are_sentences_in_a_stable_order() -> None:
    bad = "I am exploring design. " * 10 + "Are you hiring? " + "more words " * 40
    bad += "We met once.\n\n[your name]"
    result = check(bad, strict=True)
    assert result.problems == [
        f"{result.word_count} words: aim for 75 or fewer",
        "Mentions 'hiring': ask to learn about their work, not for a job",
        "Say how you are connected first",
        "End with a question, e.g. 'Would you have 20 minutes next week?'",
        "Fill in [your name]",
    ]


def test_check_result_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        check(GOOD).word_count = 3  # type: ignore[misc]  # the assignment mypy refuses is the point


# --- the checker: speed and odd input -------------------------------------------------------------


def best_of(runs: int, text: str, strict: bool = False) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        check(text, strict=strict)
        best = min(best, time.perf_counter() - start)
    return best


def test_a_150_word_message_is_checked_in_under_a_millisecond() -> None:
    message = message_of(150).replace("really", "really [x] job", 3)
    assert check(message).word_count > 150
    assert best_of(50, message) < 0.001


def test_a_1_mb_paste_is_checked_quickly_and_correctly() -> None:
    paragraph = GOOD.replace("Thanks,\nAna", "I’d love to hear about your work. ") + "\n\n"
    paste = (paragraph * (1_000_000 // len(paragraph) + 1))[:1_000_000]
    start = time.perf_counter()
    result = check(paste)
    assert time.perf_counter() - start < 3.0  # linear: ~0.1 s; a backtracking pattern takes minutes on 1 MB
    assert result.word_count == len(paste.split())
    assert result.over_limit and result.connection_first and result.job_phrases == []
    assert best_of(3, paste) < 0.5


@pytest.mark.parametrize(
    "unit",
    [
        "a",
        " ",
        "\n",
        "[",
        "[aaaa",
        "<" + "a" * 79,
        "{",
        "?",
        ".",
        "job ",
        "apply ",
        "referral for " + " " * 50,
        "Thanks,\n",
        "Hi ",
        "through ",
        "XXXX",
        "😀",
        "👩\u200d💻\ufe0f ",
        "שלום עולם ",
        "مرحبا بالعالم؟ ",
        "\x00\x01\x1b[31m\x7f",
        "e\u0301",
        "\ud800",
        "\u202e\u2066",
    ],
    ids=repr,
)
def test_pathological_pastes_are_handled_quickly(unit: str) -> None:
    paste = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    start = time.perf_counter()
    result = check(paste, strict=True)
    assert (
        time.perf_counter() - start < 3.0
    )  # see above: a guard against backtracking, generous for a busy machine
    assert result.word_count >= 0
    assert isinstance(result.problems, list)


def test_odd_unicode_in_a_normal_message() -> None:
    message = (
        "Hi Ada 👋,\n\nWe met at PyCon \u202eRTL\u202c שלום and I loved your talk 🎤. "
        "\x00\x07 Would you have 20 minutes next week? 🙏🏽\n\nThanks,\nAna"
    )
    result = check(message)
    assert result.connection_first and result.ends_with_question
    assert result.word_count == len(message.split())
    assert result.ok


# --- follow-up (7B) -------------------------------------------------------------------------------


def test_follow_up_is_short_polite_and_passes_the_checker() -> None:
    contact = cold(Channel.LINKEDIN)
    original = fill(Template.COLD, contact, sender_name="Ana Lopez", about_me="I'm a data analyst.")
    message = follow_up_message(contact, original)
    assert message.startswith("Hi Ada,\n")
    assert "following up" in message and "Engines" in message
    assert message.endswith("\nAna Lopez")
    result = check(message, strict=True)
    assert result.ok, result.problems
    assert result.word_count < 60


@pytest.mark.parametrize(
    ("original", "name"),
    [
        ("Coffee?\n\nBest, Ana", "Ana"),
        ("Coffee?\n\nThanks so much!\nAna Lopez\nana@example.com", "Ana Lopez"),
        ("Coffee?\n\n— Bo", "Bo"),
        ("Coffee?\n\nThanks,\n[your name]", "[your name]"),
        ("", "[your name]"),
        ("Coffee?", "[your name]"),
    ],
)
def test_follow_up_signs_with_the_name_from_the_original(original: str, name: str) -> None:
    message = follow_up_message(Contact(name="Ada"), original)
    assert message.endswith(f"\n{name}")
    assert "your work," in message  # no company: no dangling "at"


# --- colleagues at the same company (3B) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme", "ACME, Inc."),
        ("Acme Inc", "acme  inc."),
        ("Acme LLC", "Acme Ltd"),
        ("Acme GmbH", "The Acme Company"),
        ("Foo GmbH & Co. KG", "foo"),
        ("Nestlé S.A.", "Nestle"),
        ("Coca-Cola", "Coca Cola Co."),
        ("Amazon.com, Inc.", "amazon"),
        ("L'Oréal", "LOreal"),
    ],
)
def test_company_names_are_normalised(a: str, b: str) -> None:
    assert company_key(a) == company_key(b) != ""


def test_different_companies_stay_different() -> None:
    assert company_key("Acme") != company_key("Acme Robotics")
    assert company_key("Inc.") == "inc"  # a name made only of a suffix is kept
    assert company_key("  ") == ""


def test_colleagues_at_company() -> None:
    ada = Contact(name="Ada", id="1", company="Acme, Inc.")
    people = [
        ada,
        Contact(name="zoe", id="2", company="ACME", priority=2),
        Contact(name="Bob", id="3", company="Acme LLC", priority=2),
        Contact(name="Cy", id="4", company="acme", priority=1),
        Contact(name="Old", id="5", company="Acme", archived=True),
        Contact(name="Elsewhere", id="6", company="Acme Robotics"),
        Contact(name="Nobody", id="7", company=""),
        replace(ada, name="Ada (edited)"),  # the same record, edited: still Ada
    ]
    assert [c.name for c in colleagues_at_company(ada, people)] == ["Cy", "Bob", "zoe"]


def test_colleagues_of_an_unsaved_contact_and_of_none() -> None:
    draft = Contact(name="Draft", company="Acme")
    people = [draft, Contact(name="Bob", id="3", company="Acme"), Contact(name="Other draft", company="Acme")]
    assert [c.name for c in colleagues_at_company(draft, people)] == ["Bob", "Other draft"]
    assert colleagues_at_company(Contact(name="Free", id="9"), people) == []
    assert colleagues_at_company(Contact(name="Spaces", id="9", company="   "), people) == []


# --- 3B7 states -----------------------------------------------------------------------------------

TZ = timezone(timedelta(hours=-5), "EST")
FRIDAY = datetime(2026, 3, 6, 10, 30, tzinfo=TZ)
THREE_B = datetime(2026, 3, 11, 10, 30, tzinfo=TZ)  # Wednesday: Mon, Tue, Wed
SEVEN_B = datetime(2026, 3, 17, 10, 30, tzinfo=TZ)  # Tuesday a week later: Mon … Fri, Mon, Tue
SECOND = timedelta(seconds=1)


def sent_friday(
    status: OutreachStatus = OutreachStatus.SENT,
    nudged_at: datetime | None = None,
    interview_id: str | None = None,
) -> Outreach:
    return Outreach(
        contact_id="1", id="1", sent_at=FRIDAY, status=status, nudged_at=nudged_at, interview_id=interview_id
    )


def test_reference_days_are_what_the_tests_assume() -> None:
    assert [d.strftime("%a") for d in (FRIDAY, THREE_B, SEVEN_B)] == ["Fri", "Wed", "Tue"]


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (FRIDAY, NudgeState.WAITING),
        (datetime(2026, 3, 7, 12, 0, tzinfo=TZ), NudgeState.WAITING),  # Saturday
        (datetime(2026, 3, 9, 18, 0, tzinfo=TZ), NudgeState.WAITING),  # Monday
        (THREE_B - SECOND, NudgeState.WAITING),
        (THREE_B, NudgeState.TRY_COLLEAGUE),
        (THREE_B + SECOND, NudgeState.TRY_COLLEAGUE),
        (SEVEN_B - SECOND, NudgeState.TRY_COLLEAGUE),
        (SEVEN_B, NudgeState.FOLLOW_UP),
        (SEVEN_B + timedelta(days=30), NudgeState.FOLLOW_UP),
        (SEVEN_B.astimezone(UTC), NudgeState.FOLLOW_UP),  # the same instant in another zone
    ],
)
def test_nudge_state_for_a_friday_send(now: datetime, state: NudgeState) -> None:
    assert nudge_state(sent_friday(), now) is state


def test_nudge_state_agrees_with_the_dashboard() -> None:
    ada = Contact(name="Ada", id="1")
    for now in (THREE_B - SECOND, THREE_B, SEVEN_B - SECOND, SEVEN_B):
        item = build_agenda([ada], [sent_friday()], [], now).waiting[0]
        assert item.due is nudge_state(sent_friday(), now).due


def test_followed_up_and_closed_states() -> None:
    later = SEVEN_B + timedelta(days=1)
    assert nudge_state(sent_friday(nudged_at=SEVEN_B), later) is NudgeState.FOLLOWED_UP
    for status in set(OutreachStatus) - {OutreachStatus.SENT}:
        assert nudge_state(sent_friday(status=status, nudged_at=SEVEN_B), later) is NudgeState.CLOSED
        assert nudge_state(sent_friday(status=status), FRIDAY) is NudgeState.CLOSED
    assert nudge_state(None, later) is NudgeState.NONE


def test_a_nudge_carries_both_dates_and_whether_3b_has_come() -> None:
    waiting = nudge(sent_friday(), THREE_B - SECOND)
    assert (waiting.three_b, waiting.seven_b) == (THREE_B, SEVEN_B)
    assert waiting.state is NudgeState.WAITING and not waiting.past_three_b
    # Past 3B even after the one follow-up went out: the details still list colleagues to try.
    followed = nudge(sent_friday(nudged_at=SEVEN_B), SEVEN_B + SECOND)
    assert followed.state is NudgeState.FOLLOWED_UP and followed.past_three_b


def test_the_table_label_is_the_3b7_state_or_the_closed_requests_status() -> None:
    assert request_label(None, FRIDAY) == "not contacted"
    assert request_label(sent_friday(), FRIDAY) == "awaiting reply"
    assert request_label(sent_friday(), THREE_B) == "3B: try a colleague"
    assert request_label(sent_friday(), SEVEN_B) == "7B: follow up once"
    assert request_label(sent_friday(nudged_at=SEVEN_B), SEVEN_B) == "followed up"
    assert request_label(sent_friday(status=OutreachStatus.REPLIED), SEVEN_B) == "Replied"
    assert request_label(sent_friday(status=OutreachStatus.SCHEDULED), FRIDAY) == "Scheduled"


def test_nudge_state_labels_and_due() -> None:
    assert {s for s in NudgeState if s.due} == {NudgeState.TRY_COLLEAGUE, NudgeState.FOLLOW_UP}
    assert NudgeState.TRY_COLLEAGUE.label.startswith("3B")
    assert NudgeState.FOLLOW_UP.label.startswith("7B")
    assert all(s.label for s in NudgeState)


# --- response rate --------------------------------------------------------------------------------


def requests(**counts: int) -> list[Outreach]:
    items = []
    for status, count in counts.items():
        items += [Outreach(contact_id="1", sent_at=FRIDAY, status=OutreachStatus(status))] * count
    return items


NORMAL = "Most busy people never answer cold requests; that is normal, not a verdict on you."


def test_response_rate_with_nothing_sent() -> None:
    rate = response_rate([])
    assert (rate.sent, rate.replied, rate.declined, rate.rate) == (0, 0, 0, None)
    assert rate.message.startswith("No requests sent yet.")
    assert "normal" in rate.message


def test_response_rate_counts_scheduled_as_replied() -> None:
    rate = response_rate(requests(replied=2, scheduled=1, no_reply=9))
    assert rate == ResponseRate(12, 3, 0, 0.25, f"3 of 12 replied (25%). {NORMAL}")
    assert rate.responded == 3


def test_response_rate_counts_a_no_as_a_response() -> None:
    rate = response_rate(requests(replied=3, declined=1, no_reply=3, sent=5))
    assert (rate.sent, rate.replied, rate.declined, rate.responded) == (12, 3, 1, 4)
    assert rate.rate == pytest.approx(4 / 12)
    assert rate.message == f"4 of 12 replied (33%): 3 yes, 1 no; 5 still waiting. {NORMAL}"


def test_response_rate_with_no_replies_yet() -> None:
    assert response_rate(requests(sent=1)).message == f"No replies yet to 1 request. {NORMAL}"
    rate = response_rate(iter(requests(sent=2, no_reply=2)))  # any iterable
    assert rate.rate == 0.0
    assert rate.message == f"No replies yet to 4 requests. {NORMAL}"


def test_response_rate_all_replied() -> None:
    assert response_rate(requests(replied=1)).message == f"1 of 1 replied (100%). {NORMAL}"


def _call_with(interview_id: str, *, ended: bool, stage: Stage = Stage.SCHEDULED) -> Interview:
    """An interview whose 30-minute call, when `ended`, finished a day after FRIDAY."""
    start = FRIDAY + timedelta(days=1)
    end = start + timedelta(minutes=30)
    call = CallRecord(spans=(TimeSpan(start, end),), ended_at=end) if ended else CallRecord()
    return Interview(contact_id="1", id=interview_id, call=call, stage=Stage.CONDUCTED if ended else stage)


def test_a_scheduled_request_reads_conducted_once_the_call_is_held() -> None:
    """The status follows the interview it led to: held -> Conducted, called off -> Cancelled."""
    request = sent_friday(status=OutreachStatus.SCHEDULED, interview_id="7")
    assert request_status(request, None) == "Scheduled"
    assert request_status(request, _call_with("7", ended=False)) == "Scheduled"
    assert request_status(request, _call_with("7", ended=True)) == "Conducted"
    assert request_status(request, _call_with("7", ended=False, stage=Stage.CANCELLED)) == "Cancelled"
    assert (
        request_status(sent_friday(status=OutreachStatus.REPLIED), _call_with("7", ended=True)) == "Replied"
    )
    # Another interview's call says nothing about this request.
    assert request_status(request, _call_with("8", ended=True)) == "Scheduled"
    assert request_label(request, SEVEN_B, _call_with("7", ended=True)) == "Conducted"
    assert request_label(request, SEVEN_B) == "Scheduled"
