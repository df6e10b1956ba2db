"""Provides outreach help: request templates, a live message checker, request labels and the response rate.

A request for an informational interview works best when it says how you are connected first, stays brief
(under 100 words), asks for 20–30 minutes to learn about the person's work, never asks for a job, and ends
with a question. `fill` writes such a message for each of the seed's three routes, `check` tells you as you
type where a draft falls short. The 3B7 clock (when to try a colleague, when to send the one follow-up) is in
`nudges`.

Pure functions over records: no Textual and no TinyDB import, so everything here is testable on its own.
`check` is called on every keystroke, so it is linear in the message and fast even on a huge paste:
every regex starts with a literal or is applied to a bounded slice, and none has nested unbounded
repetition.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from itertools import islice

from infoview_tui.domain.models import (
    Channel,
    Contact,
    HowKnown,
    Interview,
    Outreach,
    OutreachStatus,
    RecordId,
    Route,
    Stage,
)
from infoview_tui.domain.names import greeting_name
from infoview_tui.domain.profile import intro_sentence
from infoview_tui.stages.conduct.call import is_conducted
from infoview_tui.stages.identify.nudges import NudgeState, nudge_state

WORD_LIMIT = 100
"""The seed's limit for a request: 100 words or fewer (101 is over)."""
STRICT_WORD_LIMIT = 75
"""The stricter style's limit."""
SCAN_LIMIT = 20_000
"""Job phrases and placeholders are looked for in the first this many characters (about 3,500 words).
A longer text is far over the word limit anyway; the word count itself always covers the whole text."""
MAX_LISTED = 20
"""At most this many distinct job phrases, and placeholders, are reported."""

# --- templates ------------------------------------------------------------------------------------


class Template(str, Enum):
    """The three kinds of request, one per route; the value is the route's."""

    KNOWN = "known"
    INTRODUCTION = "introduction"
    COLD = "cold"

    @property
    def label(self) -> str:
        return {
            "known": "A request to someone you know",
            "introduction": "A request after an introduction",
            "cold": "A cold request",
        }[self.value]

    @property
    def route(self) -> Route:
        return Route(self.value)


def default_template(contact: Contact) -> Template:
    """The template for the contact's route."""
    return Template(contact.route.value)


def _sentence(text: str) -> str:
    """A line typed by the user, whitespace tidied, with a full stop unless it already ends a sentence."""
    text = " ".join(text.split())
    if text and text[-1] not in ".!?…":
        text += "."
    return text


def _at_company(contact: Contact) -> str:
    company = " ".join(contact.company.split())
    return f" at {company}" if company else ""


_KNOWN_OPENERS = {
    HowKnown.FRIEND: "It's been too long since we caught up, and I hope you're doing well.",
    HowKnown.FAMILY: (
        "I know we usually talk about family things, but I could use your advice on something else."
    ),
    HowKnown.CLASSMATE: "It's been a while since we were classmates at [school], and I hope you're well.",
    HowKnown.FORMER_COLLEAGUE: (
        "It's been a while since we worked together at [where], and I hope you're well."
    ),
    HowKnown.MENTOR: "I still lean on the advice you gave me when you mentored me, and I hope you're well.",
    HowKnown.PROFESSOR: "I was a student in your [course] class [when], and I hope the term is going well.",
}
_KNOWN_FALLBACK = "I hope you've been well since we last spoke."

_CHANNEL_PHRASES = {
    Channel.QUORA: "your answers on Quora",
    Channel.TWITTER: "your posts on Twitter",
}


def _cold_opener(contact: Contact) -> str:
    admire = "[what you admire about their work]"
    channel = contact.channel
    if channel is Channel.IN_PERSON:
        return f"We met briefly at [the event], and I was struck by {admire}."
    if channel in (Channel.LINKEDIN, Channel.INDEED, Channel.GLASSDOOR, Channel.ANGELLIST):
        return f"I came across your profile on {channel.label} and was struck by {admire}."
    if channel in _CHANNEL_PHRASES:
        return f"I came across {_CHANNEL_PHRASES[channel]} and was struck by {admire}."
    return f"I came across your work through [where you found them] and was struck by {admire}."


def fill(
    template: Template,
    contact: Contact,
    *,
    sender_name: str = "",
    about_me: str = "",
    introducer_name: str = "",
) -> str:
    """A request for an informational interview, filled from the contact.

    Anything not known is left as a `[placeholder]` that `check` reports, e.g. `[your name]`. The message
    says how you are connected first, asks for 20–30 minutes to learn about the person's work (never for a
    job), ends with a question and stays under 75 words plus whatever `about_me` adds.
    """
    hello = f"Hi {greeting_name(contact.name)},"
    sender = " ".join(sender_name.split()) or "[your name]"
    about = intro_sentence(about_me)
    at_company = _at_company(contact)
    if template is Template.KNOWN:
        opener = _KNOWN_OPENERS.get(contact.how_known, _KNOWN_FALLBACK)
        if about:
            exploring = f"{about} You were the first person I thought of to ask."
        else:
            exploring = (
                "I've been exploring [the field you're curious about], "
                "and you were the first person I thought of to ask."
            )
        body = f"{opener} {exploring} I'd love to hear how you got into your work{at_company}."
        ask = "Would you have 20 to 30 minutes for a call or a coffee in the next few weeks?"
        sign_off = "Thanks,"
    elif template is Template.INTRODUCTION:
        introducer = " ".join((introducer_name or contact.introduced_by_name).split())
        if introducer:
            first = f"{introducer} suggested I reach out to you."
            second = f"{introducer.split()[0]} spoke highly of your work{at_company}"
        else:
            first = "[who introduced you] suggested I reach out to you."
            second = f"They spoke highly of your work{at_company}"
        about = about or "[One line about you and what you're exploring.]"
        body = (
            f"{first} {about} {second}, "
            "and I'd love to hear how you got into it and what a typical week looks like."
        )
        ask = "Would you have 20 to 30 minutes sometime in the next few weeks to chat?"
        sign_off = "Best,"
    else:
        about = about or "[One line about you and what you're exploring.]"
        body = (
            f"{_cold_opener(contact)} {about} I'd be grateful to hear how you got into your work{at_company} "
            "and what you've learned along the way."
        )
        ask = "Would you have 20 minutes for a call in the next few weeks, whenever suits you?"
        sign_off = "Thank you,"
    return f"{hello}\n\n{body}\n\n{ask}\n\n{sign_off}\n{sender}"


def follow_up_message(contact: Contact, original: str, sender_name: str = "") -> str:
    """The one polite 7B follow-up to the same person, signed with your profile's name (else the name in
    the original's sign-off).

    It is meant to be sent as a reply in the original thread, so it does not repeat the request; it still
    passes `check` (a follow-up on your own note counts as the connection).
    """
    sender = " ".join(sender_name.split()) or _signature_name(original) or "[your name]"
    return (
        f"Hi {greeting_name(contact.name)},\n\n"
        "I'm following up on my note from last week in case it got buried. "
        f"I'd still love to hear about your work{_at_company(contact)}, "
        "and no worries at all if now isn't a good time.\n\n"
        "Would 20 minutes sometime in the next few weeks work for you?\n\n"
        f"Thanks again,\n{sender}"
    )


_INTRO_OPENERS = {
    **_KNOWN_OPENERS,
    HowKnown.PROFESSOR: "I was a student in your class, and I hope the term is going well.",
}


def intro_request_message(via: Contact, target: str, *, sender_name: str = "", about_me: str = "") -> str:
    """Asking someone who knows you (a mentor or professor is best) to introduce you to `target`.

    Step 1 of the guide: the warmest way to reach someone new. It says how you know them first, who you
    would like to meet and why (to learn about their work, never a job), offers a note they can forward,
    and ends with the question; it passes `check` once your profile fills the name and introduction.
    """
    hello = f"Hi {greeting_name(via.name)},"
    sender = " ".join(sender_name.split()) or "[your name]"
    about = intro_sentence(about_me) or "I've been exploring [the field you're curious about]."
    who = " ".join(target.split()) or "[whom you'd like to meet]"
    opener = _INTRO_OPENERS.get(via.how_known, _KNOWN_FALLBACK)
    body = (
        f"{opener} {about} I'd love 20 minutes with {who} to learn how they got into their work "
        "and what it is really like."
    )
    ask = "If it helps, I can write a short note you could forward. Would you be comfortable introducing us?"
    return f"{hello}\n\n{body}\n\n{ask}\n\nThank you,\n{sender}"


# --- the checker ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What `check` found in a draft; `problems` says it in sentences."""

    word_count: int
    word_limit: int
    over_limit: bool
    job_phrases: list[str]
    """Distinct mentions of jobs, openings or hiring, lowercased, in order of first appearance."""
    connection_first: bool
    ends_with_question: bool
    placeholders: list[str]
    """Distinct unfilled `[…]`, `{…}`, `<…>`, XXX and TODO, as written, in order."""

    @property
    def problems(self) -> list[str]:
        found: list[str] = []
        if self.over_limit:
            found.append(f"{self.word_count:,} words: aim for {self.word_limit} or fewer")
        for phrase in self.job_phrases:
            found.append(f"Mentions '{phrase}': ask to learn about their work, not for a job")
        if not self.connection_first:
            found.append("Say how you are connected first")
        if not self.ends_with_question:
            found.append("End with a question, e.g. 'Would you have 20 minutes next week?'")
        for placeholder in self.placeholders:
            found.append(f"Fill in {placeholder}")
        return found

    @property
    def ok(self) -> bool:
        return not self.problems


def _term(prefix: str, tail: str) -> re.Pattern[str]:
    """A pattern starting with a literal (so the regex engine searches for it fast) at a word start."""
    literal = re.escape(prefix)
    return re.compile(rf"{literal}(?<!\w{literal}){tail}")


_DET = r"(?:(?:a|an|the|any|that|this|one|your)\s+)?"
_POST = r"(?:roles?|positions?|jobs?|openings?)"


@functools.cache
def _job_patterns() -> tuple[re.Pattern[str], ...]:
    """Phrases that ask for a job (compiled at first use: ~10 ms a start would pay)."""
    return (
        _term("job", r"s?\b"),
        _term("hiring", r"\b"),
        _term("hire", r"\s+me\b"),
        _term("vacanc", r"(?:y|ies)\b"),
        _term(
            "opening",
            r"s?\b(?<!eye-opening)(?<!eye-openings)"
            r"(?!\s+(?:of|up|remarks?|keynote|act|line|night|ceremony|statement|session)\b)",
        ),
        _term("position", r"s?\s+(?:open|available)\b"),
        _term("open", r"\s+(?:roles?|positions?|reqs?|headcount)\b"),
        _term("available", r"\s+(?:roles?|positions?)\b"),
        _term("internship", r"s?\s+(?:openings?|positions?|roles?|spots?|opportunit(?:y|ies))\b"),
        _term("referral", rf"s?\s+(?:for|to)\s+{_DET}{_POST}\b"),
        _term("refer", rf"\s+me\s+(?:for|to)\s+{_DET}{_POST}\b"),
        _term("employee", r"\s+referrals?\b"),
        _term(
            "apply",  # "apply for", "apply to a/the/your…", "…apply?" but not "apply what I learn"
            rf"(?:\s+(?:for|at)\b|\s+to(?=\s+(?:(?:a|an|the|any|that|this|one|your)\b|{_POST}\b))|(?=\s*[?!.]))",
        ),
        _term("applying", r"\s+(?:for|to|at)\b"),
        _term("applied", r"\s+(?:for|to|at)\b"),
        _term("application", r"s?\s+for\b"),
        _term("my", r"\s+(?:application|resume|résumé|resumé|cv|curriculum\s+vitae)\b"),
        _term("résum", r"[eé]s?\b"),
        _term("resumé", r"s?\b"),
        _term("resume", r"s?\s+(?:is\s+)?(?:attached|enclosed|below)\b"),
        _term("cv", r"s?\s+(?:is\s+)?(?:attached|enclosed|below)\b"),
        _term("attached", r"\s+(?:(?:is|are|my|a|an)\s+)?(?:resume|résumé|cv)\b"),
        _term("curriculum", r"\s+vitae\b"),
        _term(
            "opportunit",
            r"(?:y|ies)\s+(?:at|on|with|in)\s+your\s+(?:company|team|firm|organi[sz]ation|group|department)\b",
        ),
    )


@functools.cache
def _placeholder_patterns() -> tuple[re.Pattern[str], ...]:
    """Template gaps left in a draft: [name], {company}, <role>, XXX, TODO."""
    return (
        re.compile(r"\[[^\[\]\n]{1,80}\](?!\()"),  # not a Markdown link's text
        re.compile(r"\{[^{}\n]{1,80}\}"),
        re.compile(r"<(?![^<>\n]{0,80}(?:@|://))[^<>\n]{1,80}>"),  # not <ana@example.com> or <https://…>
        _term("XXX", r"X*\b"),
        _term("xxx", r"x*\b"),
        _term("TODO", r"\b"),
    )


@functools.cache
def _connection_cues() -> re.Pattern[str]:
    """Words that show how you know the person (or how you found them)."""
    return re.compile(
        r"""\b(?:
            we(?:'ve|’ve|\s+have)?\s+(?:met|spoke|talked|chatted|worked|were|studied|connected)
          | met\s+(?:you|at|in|during|through|briefly|last)
          | since\s+we | caught\s+up | catch\s+up | last\s+saw
          | introduc(?:ed|tion|ing)
          | suggested | recommended | referred\s+me | pointed\s+me | gave\s+me\s+your
          | passed\s+(?:along|on)\s+your | shared\s+your
          | found\s+(?:you|your) | c(?:ame|ome|oming)\s+across
          | i\s+(?:saw|read|heard|watched|listened\s+to|enjoyed|loved)\s+(?:your|you)
          | (?:heard|saw)\s+you\s+(?:speak|present)
          | fellows? | alum(?:n(?:a|ae|i|us))? | classmates? | colleagues? | teammates? | roommates?
          | co-?workers? | mentor(?:ed|s)? | mentee
          | your\s+(?:former\s+)?student | student\s+(?:in|of)\s+your
          | worked\s+(?:together|with\s+you|alongside)
          | mutual | friends? | family | cousin | aunt | uncle | neighbou?rs?
          | your\s+(?:\w+\s+){0,3}?(?:class|course|seminar|lecture|workshop)
          | your\s+(?:recent\s+|latest\s+|new\s+)?(?:posts?|articles?|talks?|blog|newsletter|podcast|paper|book
              |profile|answers?|thread|interview|presentation|panel|webinar|episode|essay|video|comment|keynote)
          | (?:on|via|through|from)\s+(?:linkedin|indeed|glassdoor|angel\s?list|wellfound|quora|twitter|x\.com
              |github|medium|substack|youtube|reddit|slack|discord|handshake|meetup)
          | follow(?:ing)?\s+up\s+on\s+my
          | same\s+(?:school|team|program|programme|company|university|college|bootcamp|class|club)
          | (?<!go\ )(?<!going\ )(?<!went\ )(?<!gone\ )(?<!been\ )(?<!me\ )(?<!us\ )through
        )\b""",
        re.VERBOSE,
    )


CONNECTION_WINDOW_WORDS = 30
"""The connection must show within the first sentence or the first this many words."""
_ABBREVIATIONS = {"dr.", "prof.", "mr.", "mrs.", "ms.", "mx.", "st.", "e.g.", "i.e.", "vs.", "jr.", "sr."}


@functools.cache
def _greeting() -> re.Pattern[str]:
    """A greeting opening a message."""
    return re.compile(
        r"(?:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening))\b", re.IGNORECASE
    )


@functools.cache
def _valediction() -> re.Pattern[str]:
    """A closing such as 'Thanks,' or 'Best regards', and what follows it on the line."""
    return re.compile(
        r"""(?:thanks|thank\s+you|many\s+thanks|best|best\s+wishes|(?:best|kind|kindest|warm|warmest)\s+regards
          | all\s+the\s+best|all\s+best|regards|warmly|warm\s+wishes|cheers|sincerely
          | yours(?:\s+(?:sincerely|truly))?
          | respectfully|take\s+care|with\s+(?:thanks|gratitude|appreciation)|gratefully|talk\s+soon
          | looking\s+forward\s+to\s+(?:hearing\s+from\s+you|it)|hope\s+to\s+hear\s+from\s+you
        )\b(?P<rest>[^\n]{0,80})""",
        re.IGNORECASE | re.VERBOSE,
    )


_SIGN_OFF_TAIL = 2000
"""Only the end of a message is searched for its sign-off."""
_QUESTION_MARKS = "?？؟⸮"
_CLOSERS = ")]}\"'’”»›*_~`"
"""Characters that may follow a sentence's last mark: closing brackets and quotes, Markdown emphasis."""


def count_words(text: str) -> int:
    """Whitespace-separated words, as word processors count them.

    Up to `SCAN_LIMIT` characters this is exactly `len(text.split())`. A longer paste is counted at the byte
    level to stay fast; there ASCII whitespace, U+0085 and the no-break space separate words, and the rare
    typographic spaces above U+00FF (thin, ideographic…) join them.
    """
    if len(text) <= SCAN_LIMIT:
        return len(text.split())
    # One byte per character: every character above U+00FF becomes "?", a word character.
    marked = text.encode("latin-1", "replace").translate(_WORD_TABLE)
    if b" " not in marked:
        return 1 if marked else 0
    return marked.count(b"a ") + marked.endswith(b"a")


_SPACE_BYTES = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0"
"""What str.split() treats as whitespace, up to U+00FF."""
_WORD_TABLE = bytes(32 if byte in _SPACE_BYTES else ord("a") for byte in range(256))


_MAX_MATCHES = 500
"""Matches read per pattern: enough to find every distinct phrase in any real message, bounded on a paste."""


def _collect(patterns: Iterable[re.Pattern[str]], text: str, *, lower: bool) -> list[str]:
    """Distinct matches of any pattern, in order of position, overlapping matches merged into one."""
    spans = sorted(m.span() for pattern in patterns for m in islice(pattern.finditer(text), _MAX_MATCHES))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    found: list[str] = []
    seen: set[str] = set()
    for start, end in merged:
        piece = text[start:end]
        if piece[:1] in "[{<" and not piece[1:-1].strip():
            continue  # "[ ]" is a checkbox, not a placeholder
        key = " ".join(piece.split())
        if lower:
            key = key.lower()
        if key not in seen:
            seen.add(key)
            found.append(key)
            if len(found) >= MAX_LISTED:
                break
    return found


def _connection_first(text: str) -> bool:
    head = text[:4000]
    words = head.split()[: CONNECTION_WINDOW_WORDS * 2]
    if not words:
        return False
    start = 0
    if _greeting().match(words[0]):  # "Hi Ada!" is not the first sentence
        first_line = head.lstrip().split("\n", 1)[0]
        greeting_words = len(first_line.split())
        if greeting_words <= 4 and greeting_words < len(words):
            start = greeting_words
    sentence_end = len(words)
    for index in range(start, len(words)):
        word = words[index].rstrip(_CLOSERS)
        if word and word[-1] in ".!?" and word.lower() not in _ABBREVIATIONS:
            sentence_end = index + 1
            break
    window = " ".join(words[: max(CONNECTION_WINDOW_WORDS, sentence_end)])
    return _connection_cues().search(window.lower()) is not None


def _is_signature_line(line: str) -> bool:
    return len(line.split()) <= 6 and not line.endswith(tuple(_QUESTION_MARKS))


def _looks_like_name(line: str) -> bool:
    if line[:1] in "-—–[":
        return True
    words = line.split()
    return 0 < len(words) <= 4 and line[-1] not in ".!?:;," and all(w[:1].isupper() for w in words)


def split_sign_off(message: str) -> tuple[str, list[str]]:
    """The message without its trailing sign-off ("Thanks,\\nAna"), and the sign-off's lines.

    A sign-off is a closing such as "Thanks," or "Best regards" (with a name on the same line or up to a few
    short lines after it), or a bare name on the last line. A line ending in a question is never a sign-off.
    """
    tail_start = max(0, len(message) - _SIGN_OFF_TAIL)
    tail = message[tail_start:]
    lines = tail.split("\n")
    offsets: list[int] = []
    position = tail_start
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 2:
        return message, []
    cut: int | None = None
    for j in range(len(filled) - 1, max(0, len(filled) - 7), -1):
        line = lines[filled[j]].strip()
        if line.endswith(tuple(_QUESTION_MARKS)):
            break
        if _valediction().fullmatch(line):
            cut = j
        elif not _is_signature_line(line):
            break
    if cut is None:
        last = lines[filled[-1]].strip()
        if not _looks_like_name(last):
            return message, []
        cut = len(filled) - 1
    sign_off = [lines[i].strip() for i in filled[cut:]]
    return message[: offsets[filled[cut]]], sign_off


def _signature_name(message: str) -> str:
    """The sender's name from a message's sign-off, or '' when there is none or it is a placeholder."""
    _, sign_off = split_sign_off(message)
    candidates: list[str] = []
    for line in sign_off:
        match = _valediction().fullmatch(line)
        if match:
            rest = match.group("rest")
            if rest[:1] in ",—–-":
                candidates.append(rest.lstrip(",—–- "))
        else:
            candidates.append(line.lstrip("-—– "))
    for candidate in candidates:
        words = candidate.split()
        if (
            0 < len(words) <= 4
            and not any(ch in candidate for ch in "[]{}<>@/")
            and not any(ch.isdigit() for ch in candidate)
        ):
            return " ".join(words)
    return ""


def _ends_with_question(message: str) -> bool:
    body, _ = split_sign_off(message)
    index = len(body) - 1
    lowest = max(-1, index - 200)
    while index > lowest:
        char = body[index]
        if char in _QUESTION_MARKS:
            return True
        decoration = char.isspace() or char in _CLOSERS or unicodedata.category(char)[0] in "SCZ"
        if decoration or char == "\ufe0f":  # Z: spaces, C: control and format (ZWJ), S: emoji; VS16 is Mn
            index -= 1  # trailing quotes, brackets, emoji and control characters
            continue
        return False
    return False


def check(message: str, *, strict: bool = False) -> CheckResult:
    """What a draft request still needs: brevity, no job request, connection first, a closing question.

    Fast enough to run on every keystroke (well under a millisecond for a normal message; a 1 MB paste takes
    a few milliseconds because job phrases and placeholders are only looked for in the first `SCAN_LIMIT`
    characters).
    """
    limit = STRICT_WORD_LIMIT if strict else WORD_LIMIT
    words = count_words(message)
    scanned = message[:SCAN_LIMIT]
    return CheckResult(
        word_count=words,
        word_limit=limit,
        over_limit=words > limit,
        job_phrases=_collect(_job_patterns(), scanned.lower(), lower=True),
        connection_first=_connection_first(message),
        ends_with_question=_ends_with_question(message),
        placeholders=_collect(_placeholder_patterns(), scanned, lower=False),
    )


# --- 3B7 and the response rate --------------------------------------------------------------------

_COMPANY_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "plc",
        "gmbh",
        "mbh",
        "ag",
        "kg",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "oyj",
        "ab",
        "asa",
        "pty",
        "pte",
        "pvt",
        "kk",
    ]
)


_COMPANY_DROP = re.compile(r"\.(?:com|net|org|io|ai|co)\b|[.'’]")  # "Amazon.com" is Amazon
_COMPANY_PUNCT = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=16384)
def company_key(company: str) -> str:
    """A company name for comparing: casefolded; accents, punctuation, a web suffix (.com) and legal suffixes
    (Inc, Ltd, LLC, GmbH…) removed; a leading "The" dropped. "Acme, Inc." and "ACME" give the same key."""
    text = company.casefold()
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    tokens = _COMPANY_PUNCT.sub(" ", _COMPANY_DROP.sub("", text)).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in _COMPANY_SUFFIXES:
        tokens.pop()
    return " ".join(tokens)


def colleagues_at_company(contact: Contact, contacts: Iterable[Contact]) -> list[Contact]:
    """Other people at the contact's company, for 3B: not archived, highest priority first, then by name."""
    key = company_key(contact.company)
    if not key:
        return []
    found = [
        other
        for other in contacts
        if not other.archived
        and other is not contact
        and not (contact.id and other.id == contact.id)
        and company_key(other.company) == key
    ]
    return sorted(found, key=lambda c: (c.priority, c.name.casefold(), c.id))


CONDUCTED = "Conducted"
CALL_CANCELLED = "Cancelled"


def request_status(request: Outreach, interview: Interview | None) -> str:
    """A request's status as it reads now: the stored status, except that a request that led to an interview
    follows that interview once it is past "Scheduled" (held: "Conducted"; called off: "Cancelled").

    The one rule the Identify table and the CSV export share: the stored status stops at SCHEDULED, so on its
    own it would still say "Scheduled" after the call. `interview` is the one the request led to, or None;
    any other interview is ignored.
    """
    if (
        request.status is OutreachStatus.SCHEDULED
        and interview is not None
        and interview.id == request.interview_id
    ):
        if is_conducted(interview):
            return CONDUCTED
        if interview.stage is Stage.CANCELLED:
            return CALL_CANCELLED
    return request.status.label


def request_label(latest: Outreach | None, now: datetime, interview: Interview | None = None) -> str:
    """What the contact table says about someone's latest request: its 3B7 state, or once it is closed
    its status ("Replied", "Scheduled", "Conducted"…, see `request_status`)."""
    state = nudge_state(latest, now)
    if state is NudgeState.CLOSED and latest is not None:
        return request_status(latest, interview)
    return state.label


NORMAL_SILENCE = "Most busy people never answer cold requests; that is normal, not a verdict on you."
WARM_SILENCE = (
    "People you know or were introduced to can still take a week or two; one follow-up at 7B is fine."
)
"""Said instead of NORMAL_SILENCE when none of the requests was cold: it would not be true of them."""


@dataclass(frozen=True, slots=True)
class ResponseRate:
    """How many requests got an answer.

    `replied` counts yes answers (REPLIED and SCHEDULED), `declined` the no-thanks; both are responses, so
    `rate` is (replied + declined) / sent, or None when nothing was sent.
    """

    sent: int
    replied: int
    declined: int
    rate: float | None
    message: str

    @property
    def responded(self) -> int:
        return self.replied + self.declined


def response_rate(
    outreach_list: Iterable[Outreach], cold_contact_ids: Collection[RecordId] | None = None
) -> ResponseRate:
    """The share of requests that got any answer, with a plain word that silence is normal.

    With `cold_contact_ids` (the contacts reached cold), the word about cold requests is said only when
    some request went to one of them; without it, every request is taken as possibly cold.
    """
    sent = replied = declined = waiting = 0
    cold = cold_contact_ids
    any_cold = cold is None
    for item in outreach_list:
        sent += 1
        if cold is not None and item.contact_id in cold:
            any_cold = True
        if item.status in (OutreachStatus.REPLIED, OutreachStatus.SCHEDULED):
            replied += 1
        elif item.status is OutreachStatus.DECLINED:
            declined += 1
        elif item.status is OutreachStatus.SENT:
            waiting += 1
    if sent == 0:
        message = (
            "No requests sent yet. Expect many to go unanswered: busy people often don't reply, "
            "and that is normal."
        )
        return ResponseRate(0, 0, 0, None, message)
    responded = replied + declined
    rate = responded / sent
    requests = "request" if sent == 1 else "requests"
    if responded == 0:
        summary = f"No replies yet to {sent} {requests}"
    else:
        summary = f"{responded} of {sent} replied ({rate:.0%})"
        if declined:
            summary += f": {replied} yes, {declined} no"
    if waiting and responded:
        summary += f"; {waiting} still waiting"
    return ResponseRate(
        sent, replied, declined, rate, f"{summary}. {NORMAL_SILENCE if any_cold else WARM_SILENCE}"
    )
