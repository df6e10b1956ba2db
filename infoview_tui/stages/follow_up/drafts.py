"""Provides what a conducted call leaves to do: the thank-you draft, a mailto link, a LinkedIn connection
note, what each interview still owes, names pulled from referral notes and a date to check in.

The thank-you draft is written from the call itself: something specific you learned (an insight note, else
your reflection's takeaways), the advice you will act on (the first action note, phrased "I'm going to …"),
and thanks, never a request for a job. It always stays under `THANK_YOU_WORD_LIMIT` words: long notes are
trimmed on a word boundary with "…", and notes that mention jobs or hiring are passed over when choosing.

Pure functions over records: no Textual and no TinyDB import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote

from infoview_tui.domain.dates import humanize_delta
from infoview_tui.domain.models import Contact, Interview, Note, NoteKind, Profile, QuestionCategory, RecordId
from infoview_tui.domain.names import greeting_name, short_name
from infoview_tui.stages.conduct.call import is_conducted
from infoview_tui.stages.identify.outreach import WORD_LIMIT, check, count_words

__all__ = [
    "ADVICE_PLACEHOLDER",
    "CHECKIN_AFTER",
    "CHECKIN_SUBJECT",
    "CHECKIN_WORD_LIMIT",
    "LEARNED_PLACEHOLDER",
    "LINKEDIN_NOTE_LIMIT",
    "THANK_YOU_WORD_LIMIT",
    "THEIR_ADVICE_PLACEHOLDER",
    "ActionItem",
    "action_items",
    "checkin_draft",
    "completed_since",
    "linkedin_note",
    "mailto_url",
    "owed",
    "referral_company",
    "referral_name",
    "suggest_checkin",
    "thank_you_draft",
    "thank_you_subject",
]

THANK_YOU_WORD_LIMIT = 150
"""The draft is always fewer words than this."""
LINKEDIN_NOTE_LIMIT = 300
"""LinkedIn's limit for the note sent with a connection request, in characters."""
CHECKIN_AFTER = timedelta(weeks=3)
LEARNED_PLACEHOLDER = "[something specific you learned]"
ADVICE_PLACEHOLDER = "[the advice you'll act on]"
NAME_PLACEHOLDER = "[your name]"
REFERRAL_FALLBACK_CHARS = 60

_LEARNED_WORDS = 30
"""Words an insight (or two, together) may take before the overall limit trims further."""
_ADVICE_WORDS = 25


# Small text helpers ----------------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _first_name(contact: Contact | None) -> str:
    """The name a note uses for them: 'Aisha' for 'Aisha Bello', 'Hopper' for 'Dr. Grace Hopper'."""
    return short_name(contact.name if contact else "")


def _greeting_name(contact: Contact | None) -> str:
    """'Aisha' for 'Aisha Bello'; 'Dr. Hopper' for 'Dr. Grace Hopper'; a placeholder without a name."""
    return greeting_name(contact.name if contact else "")


def _words_cut(text: str, max_words: int) -> str:
    """At most `max_words` words, ending in '…' when cut (the ellipsis rides on the last word)."""
    words = text.split()
    if len(words) <= max_words:
        return " ".join(words)
    if max_words <= 0:
        return ""
    kept = " ".join(words[:max_words]).rstrip(" ,;:.–—-")
    return kept + "…"


def _chars_cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut on a word boundary where there is one, ending in '…' when cut."""
    text = _one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.–—-") + "…"


def _clause(text: str) -> str:
    """A note as a clause to follow 'I'm going to' or a colon: no trailing full stop, first word lowercased
    when it is an ordinary capitalised word (not 'I', an acronym or a quote)."""
    text = _one_line(text).rstrip(" .;:")
    first = text.split(" ", 1)[0] if text else ""
    ordinary = first == "A" or (len(first) > 1 and first[0].isupper() and first[1:].islower())
    if ordinary and first not in ("I'm", "I've", "I'll", "I'd"):
        text = text[0].lower() + text[1:]
    return text


_ADVERB = r"(?:always|often|usually|really|also|never|just|still|sometimes|actually|mostly|only)\s+"


def _subject_pattern(name: str) -> re.Pattern[str]:
    """he/she (or their first name) as a subject, with a contraction or the verb that follows."""
    who = "she|he" + (f"|{re.escape(name)}" if name else "")
    return re.compile(
        rf"(?<![\w'’])({who})(?:['’](s|d|ll))?(?![\w'’])(?:(\s+(?:{_ADVERB})?)([A-Za-z]+(?:n['’]t)?))?",
        re.IGNORECASE,
    )


_SUBJECT = _subject_pattern("")
_OBJECT = re.compile(
    r"(?<![\w'’])(him|hers|his|herself|himself|her)(?![\w'’])(?=(\s*)([\w'’]*))", re.IGNORECASE
)
_VERBS = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
    "says": "say",
    "goes": "go",
}
_NOT_VERBS = frozenset(
    {"always", "sometimes", "perhaps", "afterwards", "thus", "less", "plus", "this", "us", "its", "as"}
)
_AFTER_OBJECT = frozenset(
    {
        "",
        "a",
        "about",
        "after",
        "and",
        "an",
        "as",
        "at",
        "before",
        "but",
        "by",
        "for",
        "from",
        "if",
        "in",
        "into",
        "of",
        "on",
        "or",
        "that",
        "the",
        "to",
        "too",
        "when",
        "with",
        "what",
        "how",
        "why",
        "so",
        "my",
        "our",
        "some",
        "these",
        "those",
        "back",
        "over",
    }
)
"""Words after 'her' that make it the object ('send her my draft' → 'send you my draft'), not 'your'."""


def _like(original: str, word: str) -> str:
    """`word` capitalised as `original` was."""
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def _present(verb: str) -> str:
    """A third-person verb after 'you': 'thinks' → 'think', 'tries' → 'try', 'is' → 'are'."""
    lower = verb.lower()
    if lower in _VERBS:
        return _like(verb, _VERBS[lower])
    if lower in _NOT_VERBS or len(lower) < 3 or not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
        return verb
    if lower.endswith("ies") and len(lower) > 4:
        return verb[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return verb[:-2]
    return verb[:-1]


def _subject(match: re.Match[str]) -> str:
    pronoun, contraction, space, verb = match.group(1), match.group(2), match.group(3), match.group(4)
    if pronoun.lower() not in ("she", "he"):  # their name, which is never lowercase
        pronoun = "you" if match.start() else "You"
    if contraction:
        short = contraction.lower()
        if short == "s":
            short = "ve" if (verb or "").lower() in ("been", "got", "had", "done", "seen") else "re"
        head = _like(pronoun, "you") + "'" + short
        return head + (space + verb if verb else "")
    head = _like(pronoun, "you")
    return head + (space + _present(verb) if verb else "")


def _object(match: re.Match[str]) -> str:
    word = match.group(1)
    lower = word.lower()
    if lower in ("him", "hers"):
        return _like(word, "you" if lower == "him" else "yours")
    if lower in ("herself", "himself"):
        return _like(word, "yourself")
    if lower == "his":
        return _like(word, "your")
    following = match.group(3).lower()
    gap = match.group(2)
    return _like(word, "you" if (following in _AFTER_OBJECT or "\n" in gap) else "your")


def _second_person(text: str, first: str) -> str:
    """A note about them, written to them: 'Send Aisha my draft' → 'send you my draft', 'Aisha's point' →
    'your point', 'the most valuable method for her team' → 'for your team', 'she thinks' → 'you think'.

    Notes taken in a call with one person use he/she for that person, so those pronouns become "you".
    """
    subject = _SUBJECT
    if first and len(first) >= 2:
        name = re.escape(first)
        text = re.sub(rf"(?<!\w){name}['’]s(?!\w)", "your", text)
        subject = _subject_pattern(first)
    text = subject.sub(_subject, text)
    return _OBJECT.sub(_object, text)


_WILL_PREFIX = re.compile(
    r"^(?:i\s+will|i['’]ll|i\s+am\s+going\s+to|i['’]m\s+going\s+to|to)\s+", re.IGNORECASE
)


def _no_job_talk(text: str) -> bool:
    return not check(text).job_phrases


def _mentions_thanks(text: str) -> bool:
    return re.search(r"\bthank", text, re.IGNORECASE) is not None


# The thank-you --------------------------------------------------------------------------------------------


def _learned(interview: Interview, insight_note_ids: Iterable[RecordId] | None) -> list[str]:
    """What you learned: the chosen insights, else the first one or two without job talk, else takeaways."""
    if insight_note_ids is not None:
        wanted = set(insight_note_ids)
        chosen = [n.text for n in interview.notes if n.id in wanted and n.text.strip()]
        if chosen:
            return chosen
    insights = [n.text for n in interview.notes if n.kind is NoteKind.INSIGHT and n.text.strip()]
    clean = [t for t in insights if _no_job_talk(t)]
    if clean:
        return clean[:2]
    takeaways = interview.reflection.takeaways.strip()
    if takeaways and _no_job_talk(takeaways):
        first_sentence = re.split(r"(?<=[.!?])\s+", _one_line(takeaways), maxsplit=1)[0]
        return [first_sentence]
    return []


def _advice(interview: Interview) -> str:
    """The first action note you took (not the reminder to send this very thank-you), else a next step."""
    actions = [n.text for n in interview.notes if n.kind is NoteKind.ACTION and n.text.strip()]
    actions += [step.text for step in interview.reflection.next_steps if step.text.strip()]
    for text in actions:
        if _no_job_talk(text) and not _mentions_thanks(text):
            return _WILL_PREFIX.sub("", _one_line(text))
    return ""


def _when_phrase(interview: Interview, now: datetime | None) -> str:
    """' today' or ' yesterday' (with `now`), ' on Tuesday' within the week, else ' on 3 November'."""
    ended = interview.call.ended_at
    if ended is None:
        return ""
    tz = now.tzinfo if now is not None else None
    day = ended.astimezone(tz).date()
    if now is not None:
        today = now.astimezone(tz).date()
        if day == today:
            return " today"
        if day == today - timedelta(days=1):
            return " yesterday"
        if not 0 < (today - day).days < 7:
            return f" on {day.day} {day:%B}"
    return f" on {day:%A}"


def _thanks_sentence(interview: Interview, now: datetime | None) -> str:
    """Thanks for the time they gave: the length the call was scheduled for, not what the clock measured
    (a clock started late or paused would thank them for '7 minutes' of a half-hour call)."""
    minutes = interview.duration_minutes
    when = _when_phrase(interview, now)
    if is_conducted(interview) and minutes >= 1:
        noun = "minute" if minutes == 1 else "minutes"
        return f"Thank you for the {minutes} {noun} you gave me{when}; I really appreciated your time."
    return f"Thank you for taking the time to talk with me{when}; I really appreciated it."


def _end(text: str) -> str:
    """A sentence's end: a full stop unless it already ends in one (or '…', '?', '!')."""
    return text if text.endswith((".", "…", "?", "!")) else text + "."


def _compose(greeting: str, thanks: str, learned: str, advice: str, sender: str) -> str:
    paragraphs = [
        f"Hi {greeting},",
        f"{thanks} One thing that has stuck with me: {_end(learned)}",
        f"Your advice was really helpful, and I'm going to {_end(advice)}",
        "Thank you again for being so generous with your experience. I'll let you know how it goes.",
        f"Best wishes,\n{sender}",
    ]
    return "\n\n".join(paragraphs)


def _join_learned(items: list[str], budget: int) -> str:
    """The things learned that fit whole in `budget` words, joined by "; and"; at least the first, trimmed."""
    kept = [items[0]]
    used = count_words(items[0])
    for item in items[1:]:
        words = count_words(item) + 1
        if used + words > budget:
            break
        kept.append(item)
        used += words
    if len(kept) == 1:
        return _words_cut(items[0], budget)
    return "; and ".join(kept)


def thank_you_draft(
    interview: Interview,
    contact: Contact | None,
    sender_name: str = "",
    insight_note_ids: Iterable[RecordId] | None = None,
    *,
    now: datetime | None = None,
) -> str:
    """A thank-you email body written from the call's notes, always under 150 words.

    Something specific you learned comes from the notes in `insight_note_ids` when given, else the first
    one or two insight notes, else the first sentence of the reflection's takeaways, else a
    `[something specific you learned]` placeholder. The advice you will act on is the first action note (or
    reflection next step) that is not about sending this thank-you, phrased "I'm going to …", else an
    `[the advice you'll act on]` placeholder. Notes that mention jobs or hiring are passed over when choosing
    automatically. The person's first name in a note becomes "you". With `now`, the call is placed as
    "today" or "yesterday"; otherwise by its weekday. Long notes are trimmed on a word with "…".
    """
    first = _first_name(contact)
    learned_items = [_clause(_second_person(t, first)) for t in _learned(interview, insight_note_ids)]
    learned_items = [t for t in learned_items if t] or [LEARNED_PLACEHOLDER]
    advice = _clause(_second_person(_advice(interview), first)) or ADVICE_PLACEHOLDER
    sender = _words_cut(_one_line(sender_name), 8) or NAME_PLACEHOLDER
    greeting = _words_cut(_greeting_name(contact), 3)
    thanks = _thanks_sentence(interview, now)

    room = THANK_YOU_WORD_LIMIT - 1 - count_words(_compose(greeting, thanks, "", "", sender))
    learned_budget = min(_LEARNED_WORDS, count_words(_join_learned(learned_items, _LEARNED_WORDS)))
    advice_budget = min(_ADVICE_WORDS, count_words(advice))
    while learned_budget + advice_budget > room and max(learned_budget, advice_budget) > 1:
        if learned_budget >= advice_budget:
            learned_budget -= 1
        else:
            advice_budget -= 1
    learned = _join_learned(learned_items, learned_budget)
    return _compose(greeting, thanks, learned, _words_cut(advice, advice_budget), sender)


def thank_you_subject(interview: Interview, contact: Contact | None) -> str:
    """'Thank you for the conversation, Aisha'."""
    greeting = _greeting_name(contact) if contact and contact.name.strip() else ""
    return f"Thank you for the conversation, {greeting}" if greeting else "Thank you for the conversation"


# The check-in ---------------------------------------------------------------------------------------------

CHECKIN_WORD_LIMIT = WORD_LIMIT
"""The check-in passes the same checker as a request: at most this many words."""
CHECKIN_SUBJECT = "What I did with your advice"
THEIR_ADVICE_PLACEHOLDER = "[the advice they gave you]"
_DONE_ITEMS = 3
_DONE_WORDS = 12
_CHECKIN_ADVICE_WORDS = 22

_PAST = {
    "apply": "applied",
    "ask": "asked",
    "be": "been",
    "build": "built",
    "buy": "bought",
    "come": "come",
    "do": "done",
    "draft": "drafted",
    "e-mail": "e-mailed",
    "email": "emailed",
    "find": "found",
    "finish": "finished",
    "forward": "forwarded",
    "get": "got",
    "give": "given",
    "go": "gone",
    "intro": "introduced",
    "keep": "kept",
    "lend": "lent",
    "make": "made",
    "meet": "met",
    "pay": "paid",
    "put": "put",
    "read": "read",
    "rewrite": "rewritten",
    "run": "run",
    "say": "said",
    "see": "seen",
    "send": "sent",
    "set": "set",
    "show": "shown",
    "sign": "signed",
    "spend": "spent",
    "take": "taken",
    "teach": "taught",
    "tell": "told",
    "think": "thought",
    "try": "tried",
    "write": "written",
}
"""Irregular past participles, and a few regular verbs the rule below would not spot."""
_REGULAR = re.compile(
    r"(?:add|book|call|check|clean|collect|connect|contact|create|decide|follow|help|introduce|join|learn|list|"
    r"look|map|message|note|open|practise|practice|prepare|publish|reach|record|register|research|review|"
    r"schedule|share|start|study|subscribe|test|update|upload|visit|volunteer|watch|work)",
)


def _done_clause(text: str) -> str:
    """An action item, done: 'send you my draft' → 'sent you my draft'; left as it was when its first word is
    not a verb this knows (a list line reads fine either way)."""
    first, _, rest = text.partition(" ")
    lower = first.lower()
    if lower in _PAST:
        verb = _PAST[lower]
    elif _REGULAR.fullmatch(lower):
        verb = lower + ("d" if lower.endswith("e") else "ed")
        if lower == "study":
            verb = "studied"
    else:
        return text
    return f"{verb} {rest}".strip()


def _owed_to_them(text: str, contact: Contact | None) -> bool:
    from infoview_tui.stages.follow_up.promises import is_promise  # promises builds on this module

    return is_promise(text, contact)


_LABEL = re.compile(r"^\s*(?:advice|tip|suggested|suggestion)\s*:\s*", re.IGNORECASE)


def _their_advice(interview: Interview) -> list[str]:
    """What they told you: notes taken under an advice question, then insight notes; no job talk. A label
    typed in front ("Advice: …") is dropped."""
    advice = [
        n.text
        for n in interview.notes
        if n.tiara is QuestionCategory.ADVICE and n.kind is not NoteKind.ACTION
    ]
    insights = [n.text for n in interview.notes if n.kind is NoteKind.INSIGHT and n.text not in advice]
    return [_LABEL.sub("", t) for t in (*advice, *insights) if t.strip() and _no_job_talk(t)]


def completed_since(interview: Interview) -> list[ActionItem]:
    """The action items (promises and next steps) ticked done, in the order they were done (undated last)."""
    done = [item for item in action_items(interview) if item.done]
    return sorted(done, key=lambda i: (i.done_at is None, i.done_at or datetime.min.replace(tzinfo=UTC)))


def checkin_draft(interview: Interview, contact: Contact | None, profile: Profile, now: datetime) -> str:
    """A check-in ("what I did with your advice"), written to them like the other drafts: when you spoke,
    the advice they gave (a note under an advice question, else an insight), the action items you have done
    since (at most three, as "I've sent you …"; else the first still open, "I'm still working on …"), and a
    closing question. It is built to pass the request checker: connection first, no job talk, a question at
    the end, under `CHECKIN_WORD_LIMIT` words; without advice noted it leaves a placeholder to fill in.
    """
    first = _first_name(contact)
    greeting = _words_cut(_greeting_name(contact), 3)
    company = _chars_cut(contact.company, 40) if contact and contact.company.strip() else ""
    when = _when_phrase(interview, now) or " recently"
    opener = (
        f"We spoke{when} about your work{' at ' + company if company else ''}, and I wanted to tell you "
        "what I did with your advice."
    )
    advice_notes = _their_advice(interview)
    advice = (
        _words_cut(_clause(_second_person(advice_notes[0], first)), _CHECKIN_ADVICE_WORDS)
        if advice_notes
        else THEIR_ADVICE_PLACEHOLDER
    )
    told = f"You told me: {_end(advice)}"
    done = [
        item
        for item in completed_since(interview)
        if _no_job_talk(item.text) and not _mentions_thanks(item.text)
    ]
    if done:
        lines = [
            "- " + _words_cut(_done_clause(_clause(_second_person(item.text, first))), _DONE_WORDS)
            for item in done[:_DONE_ITEMS]
        ]
        progress = "Since then I've:\n" + "\n".join(lines)
    else:
        still = [i for i in action_items(interview) if not i.done and _no_job_talk(i.text)]
        still.sort(key=lambda i: not _owed_to_them(i.text, contact))  # a promise to them first
        progress = (
            f"Next, I'm going to {_end(_words_cut(_clause(_second_person(still[0].text, first)), _DONE_WORDS))}"
            if still
            else "I've been putting it into practice."
        )
    question = "What would you suggest I focus on next?"
    sender = _words_cut(_one_line(profile.name), 8) or NAME_PLACEHOLDER
    draft = f"Hi {greeting},\n\n{opener} {told}\n\n{progress}\n\n{question}\n\nBest wishes,\n{sender}"
    while count_words(draft) > CHECKIN_WORD_LIMIT and "\n- " in draft and len(done) > 1:
        done = done[:-1]  # fewer done items before anything is cut mid-sentence
        lines = lines[:-1]
        progress = "Since then I've:\n" + "\n".join(lines)
        draft = f"Hi {greeting},\n\n{opener} {told}\n\n{progress}\n\n{question}\n\nBest wishes,\n{sender}"
    return draft


# mailto ---------------------------------------------------------------------------------------------------


def mailto_url(to: str, subject: str, body: str) -> str:
    """A `mailto:` link (RFC 6068) that opens the draft in the mail program.

    Subject and body are percent-encoded as UTF-8 with nothing left bare (`&`, `?`, `#`, `+`, `%`, spaces);
    line breaks in the body become %0D%0A, and in the subject (a header line) spaces. The addresses keep `@`
    (and `,` between several), everything else is encoded.
    """
    addresses = ",".join(quote(a.strip(), safe="@") for a in to.split(",") if a.strip())
    params = []
    subject_line = " ".join(subject.splitlines()).strip()
    if subject_line:
        params.append("subject=" + quote(subject_line, safe=""))
    if body:
        crlf = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
        params.append("body=" + quote(crlf, safe=""))
    return f"mailto:{addresses}" + ("?" + "&".join(params) if params else "")


# LinkedIn -------------------------------------------------------------------------------------------------


def linkedin_note(interview: Interview, contact: Contact | None, sender_name: str = "") -> str:
    """A short, personal note for a connection request: at most `LINKEDIN_NOTE_LIMIT` (300) characters.

    Thanks them for the conversation about their work (at their company), names one thing you learned when
    it fits, and says you'd like to stay in touch. LinkedIn shows your name, so without `sender_name` the
    note has no signature.
    """
    first = _first_name(contact)
    hello = f"Hi {_chars_cut(_greeting_name(contact), 40)}," if contact and contact.name.strip() else "Hi,"
    company = _chars_cut(contact.company, 50) if contact and contact.company.strip() else ""
    work = f"your work at {company}" if company else "your work"
    sender = _chars_cut(sender_name, 40)
    base = f"{hello} thank you again for talking with me about {work}."
    tail = " I'd love to stay in touch." + (f" {sender}" if sender else "")
    note = base + tail
    learned = _learned(interview, None)
    if learned:
        frame = f"{base} One thing that stuck with me: {{}}.{tail}"
        room = LINKEDIN_NOTE_LIMIT - len(frame.format(""))
        if room >= 25:
            point = _chars_cut(_clause(_second_person(learned[0], first)), min(room, 120))
            note = frame.format(point)
    return _chars_cut(note, LINKEDIN_NOTE_LIMIT)


# What is still owed -------------------------------------------------------------------------------------


def _span(delta: timedelta) -> str:
    """'5 h', '1 day', '20 min': humanize_delta without its direction."""
    text = humanize_delta(abs(delta))
    return text[3:] if text.startswith("in ") else text


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def open_referrals(interview: Interview) -> list[Note]:
    """Referral notes not yet turned into contacts."""
    done = set(interview.follow_up.referral_note_ids)
    return [n for n in interview.notes if n.kind is NoteKind.REFERRAL and n.id not in done]


@dataclass(frozen=True, slots=True)
class ActionItem:
    """Something you said you would do: an action note from the call (`note_id`) or a next step from the
    reflection (`step_index`). Exactly one of the two is set."""

    text: str
    note_id: RecordId | None = None
    step_index: int | None = None
    due: date | None = None
    done: bool = False
    done_at: datetime | None = None
    """When it was ticked (None while owed, or for a step ticked before dates were kept)."""

    @property
    def source(self) -> str:
        return "from the call" if self.note_id is not None else "next step"


def action_items(interview: Interview) -> list[ActionItem]:
    """The interview's action items: the action notes taken during the call (in call order), then the
    reflection's next steps. Both count as owed until ticked, whichever way they were written down."""
    notes = sorted(
        (n for n in interview.notes if n.kind is NoteKind.ACTION), key=lambda n: (n.offset_s, n.id)
    )
    items = [
        ActionItem(n.text, note_id=n.id, due=n.due, done=n.done_at is not None, done_at=n.done_at)
        for n in notes
    ]
    items += [
        ActionItem(s.text, step_index=i, due=s.due, done=s.done, done_at=s.done_at)
        for i, s in enumerate(interview.reflection.next_steps)
    ]
    return items


def open_action_count(interview: Interview) -> int:
    """Action items not done yet: the call's action notes and the reflection's next steps."""
    return sum(1 for item in action_items(interview) if not item.done)


def owed(interview: Interview, now: datetime) -> list[str]:
    """What a conducted interview still owes, in this order: the thank-you ('due in 5 h' / 'overdue by 1
    day'), 'connect on LinkedIn', referrals to add as contacts, open action items, the next check-in.
    Empty for an interview whose call has not ended, or when nothing is owed."""
    if not is_conducted(interview):
        return []
    items: list[str] = []
    due = interview.thank_you_due
    if due is not None:
        if now <= due:
            items.append(f"thank-you due in {_span(due - now)}")
        else:
            items.append(f"thank-you overdue by {_span(now - due)}")
    if interview.follow_up.linkedin_connected_at is None:
        items.append("connect on LinkedIn")
    referrals = len(open_referrals(interview))
    if referrals:
        target = "a contact" if referrals == 1 else "contacts"
        items.append(f"{_plural(referrals, 'referral', 'referrals')} to add as {target}")
    actions = open_action_count(interview)
    if actions:
        items.append(_plural(actions, "action item", "action items"))
    checkin = interview.follow_up.next_checkin
    if checkin is not None:
        items.append(f"check in on {checkin:%a %d %b}")
    return items


# Referral notes -------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[\w'’.\-]+|[^\w\s]")
_LEAD_INS = (
    "talk to",
    "talk with",
    "speak to",
    "speak with",
    "reach out to",
    "get in touch with",
    "introduce me to",
    "intro me to",
    "intro to",
    "introduction to",
    "connect with",
    "connect me with",
    "contact",
    "email",
    "e-mail",
    "message",
    "ask",
    "meet",
    "try",
    "call",
    "suggested",
    "suggests",
    "recommended",
    "recommends",
    "mentioned",
)
_LEAD_IN_WORDS = sorted((tuple(p.split()) for p in _LEAD_INS), key=len, reverse=True)
_FILLERS = {"also", "and", "maybe", "perhaps", "plus", "referral", "ref", "intro", ":", "-", "–", "—"}
_PARTICLES = {
    "de",
    "da",
    "di",
    "du",
    "del",
    "della",
    "der",
    "den",
    "van",
    "von",
    "la",
    "le",
    "bin",
    "al",
    "dos",
    "das",
    "ter",
    "ten",
    "y",
}
_NOT_NAMES = {
    "i",
    "i'm",
    "i'll",
    "i'd",
    "she",
    "he",
    "they",
    "we",
    "you",
    "her",
    "his",
    "their",
    "the",
    "a",
    "an",
    "someone",
    "somebody",
    "anyone",
    "maybe",
    "also",
    "and",
    "talk",
    "ask",
    "email",
    "contact",
    "meet",
    "try",
    "call",
    "suggested",
    "recommended",
    "mentioned",
    "referral",
    "ref",
    "intro",
    "perhaps",
    "great",
    "good",
    "plus",
    "him",
    "them",
}
_TITLES_KEEP_DOT = {"dr.", "prof.", "mr.", "mrs.", "ms.", "mx.", "st.", "jr.", "sr."}
_COMPANY_JOINERS = {"&", "and", "of", "for", "de", "du", "der", "la", "le", "y", "+"}


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


def _name_at(tokens: list[str], start: int) -> str:
    """The run of capitalised words (with particles such as 'van' or 'de' inside it) from `start`."""
    parts: list[str] = []
    i = start
    while i < len(tokens) and len(parts) < 4:
        token = tokens[i]
        keep_dot = token.casefold() in _TITLES_KEEP_DOT
        word = token if keep_dot else re.sub(r"['’]s$", "", token.rstrip("."))
        if word and _capitalised(word) and word.casefold() not in _NOT_NAMES:
            parts.append(word)
            if token.endswith(".") and not keep_dot:
                break  # "… Okafor." ends the sentence
        elif parts and token.casefold() in _PARTICLES and i + 1 < len(tokens) and _capitalised(tokens[i + 1]):
            parts.append(token)
        else:
            break
        i += 1
    if parts and parts[-1].casefold() in _TITLES_KEEP_DOT:
        parts.pop()
    return " ".join(parts)


def _strip_marker(text: str) -> str:
    return re.sub(r"^\s*[@!*]\s*", "", _one_line(text))


def referral_name(note_text: str) -> str:
    """A best-effort person's name from a referral note.

    'talk to Maya Okafor at Northwind' gives 'Maya Okafor'; '@ Grace (Navy) — great on policy' gives 'Grace';
    'Kenji will ask Maya Okafor (CTO)' gives 'Maya Okafor'. Tried in order: a capitalised name after a
    lead-in ('talk to', 'ask', 'suggested' …) anywhere; one at the start (after 'also', 'maybe' …); the first
    capitalised name anywhere. Without one, the whole note cut to 60 characters is returned.
    """
    text = _strip_marker(note_text)
    tokens = _tokens(text)
    lowered = [t.casefold() for t in tokens]
    for i in range(len(tokens)):
        for words in _LEAD_IN_WORDS:
            if tuple(lowered[i : i + len(words)]) == words:
                name = _name_at(tokens, i + len(words))
                if name:
                    return name
    start = 0
    while start < len(tokens) and lowered[start] in _FILLERS:
        start += 1
    for i in range(start, len(tokens)):
        name = _name_at(tokens, i)
        if name:
            return name
    return _chars_cut(text, REFERRAL_FALLBACK_CHARS)


def referral_company(note_text: str) -> str:
    """Where the referred person works, best effort: 'Northwind' from '… at Northwind', 'Lumen Health' from
    '… (Research Manager, Lumen Health)'; '' when the note does not say."""
    text = _strip_marker(note_text)
    tokens = _tokens(text)
    for i, token in enumerate(tokens):
        if token.casefold() != "at":
            continue
        j = i + 1
        if j < len(tokens) and tokens[j].casefold() == "the":
            j += 1
        company = _company_at(tokens, j)
        if company:
            return company
    match = re.search(r"\(([^()]*),\s*([^(),]+)\)", text)
    if match:
        tail = _tokens(match.group(2))
        company = _company_at(tail, 0)
        if company and len(company) == len(" ".join(tail)):
            return company
    return ""


def _company_at(tokens: list[str], start: int) -> str:
    parts: list[str] = []
    i = start
    while i < len(tokens) and len(parts) < 6:
        token = tokens[i]
        if (
            _capitalised(token)
            or (token[:1].isdigit() and parts)
            or (
                parts
                and token.casefold() in _COMPANY_JOINERS
                and i + 1 < len(tokens)
                and _capitalised(tokens[i + 1])
            )
        ):
            parts.append(token)
        else:
            break
        i += 1
    return " ".join(parts).rstrip(".") if parts else ""


# Check-ins ------------------------------------------------------------------------------------------------


def suggest_checkin(ended_at: datetime) -> date:
    """About three weeks after the call, moved forward to a Monday when it lands on a weekend."""
    day = (ended_at.astimezone() if ended_at.tzinfo is not None else ended_at).date() + CHECKIN_AFTER
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day
