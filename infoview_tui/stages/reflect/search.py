"""Provides full-text search over conducted interviews: their notes, reflections, the person and the goals.

`SearchIndex.build(interviews, contacts, goals)` folds each conducted interview's text (notes; reflection
takeaways, surprises and next steps; the contact's name, company, title and industry; the titles of the
reflection's goals) into words and keeps an inverted index word → interview ids, with the vocabulary sorted
for prefix look-ups. `search("clim pol")` then intersects a few sets: every word must match (AND), the last
one as a prefix so results appear as you type (unless the query ends with a space). Matching ignores case
and accents ("sorensen" finds "Sørensen", "cafe" finds "Café"). About 2,000 interviews with 29,000 notes
build in well under a second and answer in a fraction of a millisecond; the test suite measures it.

Filters (goal, company, industry, interest, a date range, a TIARA tag or a kind of note) narrow the matches;
an empty query with filters filters only. `tiara=` keeps interviews with a note tagged with that TIARA
category during the call, `kind=` those with a note of that kind (insight, action, referral, note);
`match_tiara("tr")` and `match_kind("insights")` read what the user typed (any case, a prefix, a plural) and
raise `FilterError` with a message naming the choices. Results are interview ids, newest call first. Only interviews whose call has ended are
indexed. `update(interview, contact)` refreshes one interview after an edit.

Pure core: no Textual and no TinyDB import.
"""

from __future__ import annotations

import bisect
import heapq
import re
import time
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, TypeVar

from infoview_tui.domain.models import Contact, Goal, Interview, Note, NoteKind, QuestionCategory, RecordId
from infoview_tui.stages.conduct.call import TIARA, is_conducted
from infoview_tui.stages.identify.outreach import company_key

__all__ = [
    "FilterError",
    "IndexBuilder",
    "SearchIndex",
    "fold",
    "match_kind",
    "match_tiara",
    "newest_first",
    "note_matches",
    "query_terms",
    "snippet",
    "words",
]

_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "’": "'",
        "‘": "'",
    }
)
"""Letters that NFKD does not split into a base letter and an accent."""
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
"""A run of letters and digits, with inner apostrophes kept (O'Connor, they'd)."""
_MAX_PREFIX_CACHE = 256


_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")
"""Runs of ASCII and of other characters: each folds on its own (NFKD decomposes character by character, and
the combining marks whose order it may change are dropped), so a long note with one "é" or "’" folds at the
speed of `str.lower` and the rare runs are folded once and remembered."""


@lru_cache(maxsize=4096)
def _fold_run(run: str) -> str:
    decomposed = unicodedata.normalize("NFKD", run.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().translate(_SPECIAL)


def _fold_match(match: re.Match[str]) -> str:
    run = match.group()
    return run.lower() if run.isascii() else _fold_run(run)


def fold(text: str) -> str:
    """Lowercase, accents removed (NFKD, combining marks dropped) and ø, ł, ß, æ… spelled in ASCII."""
    if text.isascii():
        return text.lower()
    return _RUNS.sub(_fold_match, text)


def words(text: str) -> set[str]:
    """The distinct indexed words of a text: folded; a word with an apostrophe also as its parts
    ("o'connor" gives "oconnor", "o" and "connor")."""
    found: set[str] = set()
    for word in _WORD.findall(fold(text)):
        if "'" in word:
            found.add(word.replace("'", ""))
            found.update(word.split("'"))
        else:
            found.add(word)
    return found


def query_terms(query: str) -> tuple[list[str], bool]:
    """The query's words, folded (an apostrophe joins: "o'connor" is "oconnor"), and whether the last one
    is a prefix (it is unless the query ends with whitespace)."""
    terms = [w.replace("'", "") for w in _WORD.findall(fold(query))]
    return terms, bool(terms) and not query[-1:].isspace()


T = TypeVar("T")


class FilterError(ValueError):
    """A `tiara:` or `kind:` value that names nothing; the message says what it takes."""


def _choose(value: str, choices: dict[str, T], what: str) -> T:
    """The choice `value` names: its name or a prefix of it, any case or accents, a plural 's' allowed."""
    wanted = fold(value.strip())
    names = ", ".join(choices)
    if not wanted:
        raise FilterError(f"{what}: takes {names}")
    for attempt in (wanted, wanted.removesuffix("s")):
        if attempt in choices:
            return choices[attempt]
        found = [name for name in choices if name.startswith(attempt)]
        if len(found) == 1:
            return choices[found[0]]
        if len(found) > 1:
            raise FilterError(f"{what}:{value} could be {' or '.join(found)}")
    raise FilterError(f"{what}:{value} is not one of {names}")


def match_tiara(value: str) -> QuestionCategory:
    """The TIARA category typed after `tiara:` ('trends', 'Tr', 'assignment'); FilterError otherwise."""
    return _choose(value, {c.value: c for c in TIARA}, "tiara")


def match_kind(value: str) -> NoteKind:
    """The kind of note typed after `kind:` ('insight', 'ACTIONS', 'ref'); FilterError otherwise."""
    order = (NoteKind.INSIGHT, NoteKind.ACTION, NoteKind.REFERRAL, NoteKind.NOTE)
    return _choose(value, {k.value: k for k in order}, "kind")


def note_matches(note: Note, tiara: QuestionCategory | None = None, kind: NoteKind | None = None) -> bool:
    """True when the note has this TIARA tag and this kind (None: any)."""
    return (tiara is None or note.tiara is tiara) and (kind is None or note.kind is kind)


def _call_time(interview: Interview) -> datetime | None:
    return interview.call.started_at or interview.scheduled_at or interview.call.ended_at


def _when(interview: Interview) -> float:
    when = _call_time(interview)
    return when.timestamp() if when is not None else float("-inf")


def newest_first(interviews: Iterable[Interview]) -> list[Interview]:
    """The conducted interviews, newest call first: what `SearchIndex.search("")` lists, without an index."""
    return sorted(
        (iv for iv in interviews if is_conducted(iv)), key=lambda iv: (_when(iv), iv.id), reverse=True
    )


Posting = tuple[int, ...] | int
"""The slots of the interviews a word is in: a tuple while there are at most `_FEW`, then a bitmask."""
_FEW = 8
"""Up to this many interviews a posting is a tuple (~100 bytes); past it a bitmask (~1 bit an interview)."""


def _mask(posting: Posting) -> int:
    """A posting as a bitmask."""
    if isinstance(posting, int):
        return posting
    mask = 0
    for slot in posting:
        mask |= 1 << slot
    return mask


def _slots(mask: int) -> Iterator[int]:
    """The bits set in a (non-negative) bitmask, as slot numbers."""
    if mask <= 0:
        return
    bits = bin(mask)  # '0b1…', most significant bit first
    top = len(bits) - 1
    at = bits.find("1", 2)
    while at != -1:
        yield top - at
        at = bits.find("1", at + 1)


@dataclass(frozen=True, slots=True)
class _Meta:
    """What the filters and the ordering need for one interview."""

    when: float
    day: date | None
    goal_ids: frozenset[RecordId]
    company: str
    industry: str
    interest: int | None
    tiaras: frozenset[QuestionCategory]
    kinds: frozenset[NoteKind]


R = TypeVar("R", Contact, Goal)


def _as_list(items: Iterable[R] | Mapping[RecordId, R]) -> list[R]:
    """The records themselves, whether given as a sequence or as the store's id -> record mapping."""
    return list(items.values()) if isinstance(items, Mapping) else list(items)


class SearchIndex:
    """An inverted index over conducted interviews: build once, `update` after edits, `search` as you type."""

    def __init__(self) -> None:
        self._postings: dict[str, Posting] = {}
        """Word -> the interviews that use it, by slot (see `_slot_of`): a short tuple of slots while few do,
        then a bitmask (an int, bit n for slot n). As sets, the postings of common words took ~16 MiB at
        10,000 contacts; as bitmasks, ~0.3 MiB."""
        self._slot_of: dict[RecordId, int] = {}
        """Each indexed interview's small number, the bit its words' postings set."""
        self._ids: list[RecordId | None] = []
        """Slot -> interview id (None while the slot is free)."""
        self._free: list[int] = []
        """Slots freed by `remove`, as a heap: the lowest is reused first, so bitmasks stay short."""
        self._source_of: dict[RecordId, tuple[Interview, Contact | None, Mapping[RecordId, str]]] = {}
        """What each interview's words were read from (the records and the goal titles of the time), so
        `remove` reads the same words again to take them out. The records are the store's own objects: the
        words themselves, kept per interview, were ~2 MiB at 10,000 contacts (as sets, ~27 MiB)."""
        self._meta: dict[RecordId, _Meta] = {}
        self._goal_titles: dict[RecordId, str] = {}
        self._vocab: list[str] | None = []
        self._rank: dict[RecordId, int] | None = {}
        self._newest_first: list[RecordId] = []
        self._prefix_cache: dict[str, int] = {}
        self._sets: dict[frozenset[Any], Any] = {}
        """One object per distinct set the interviews' filters hold (goals, TIARA tags, note kinds)."""

    # Building -------------------------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        interviews: Iterable[Interview],
        contacts: Iterable[Contact] | Mapping[RecordId, Contact],
        goals: Iterable[Goal] | Mapping[RecordId, Goal] = (),
    ) -> SearchIndex:
        """Index every interview whose call has ended."""
        builder = IndexBuilder(interviews, contacts, goals)
        builder.advance(float("inf"))
        return builder.index

    def set_goals(self, goals: Iterable[Goal] | Mapping[RecordId, Goal]) -> None:
        """Take new goal titles: the interviews tied to a goal whose title changed (or that came or went) are
        indexed again, so they are found by the new title and no longer by the old one."""
        old, titles = self._goal_titles, {g.id: g.title for g in _as_list(goals)}
        self._goal_titles = titles
        changed = {gid for gid in old.keys() | titles.keys() if old.get(gid) != titles.get(gid)}
        if not changed:
            return
        tied = [
            (iv, who)
            for iv, who, _ in self._source_of.values()
            if changed.intersection(iv.reflection.goal_ids)
        ]
        for interview, contact in tied:
            self.update(interview, contact)

    @staticmethod
    def _text(
        interview: Interview,
        contact: Contact | None,
        goal_titles: Mapping[RecordId, str],
        notes: Sequence[Note] | None = None,
    ) -> str:
        """Every word the interview is found by; `notes` are its notes when the caller unpacked them already."""
        reflection = interview.reflection
        parts = [n.text for n in (interview.notes if notes is None else notes)]
        parts += [reflection.takeaways, reflection.surprises]
        parts += [step.text for step in reflection.next_steps]
        if contact is not None:
            parts += [contact.name, contact.company, contact.title, contact.industry]
        parts += [goal_titles.get(g, "") for g in reflection.goal_ids]
        return "\n".join(parts)

    def _add(self, interview: Interview, contact: Contact | None) -> None:
        titles = self._goal_titles  # replaced whole by `set_goals`, never changed in place
        notes = tuple(interview.notes)  # unpacked once (`Notes`) for the words, the tags and the kinds
        found = words(self._text(interview, contact, titles, notes))
        iid = interview.id
        self._source_of[iid] = (interview, contact, titles)
        slot = heapq.heappop(self._free) if self._free else len(self._ids)
        if slot == len(self._ids):
            self._ids.append(iid)
        else:
            self._ids[slot] = iid
        self._slot_of[iid] = slot
        bit = 1 << slot
        postings = self._postings
        for word in found:
            ids = postings.get(word)
            if ids is None:
                postings[word] = (slot,)
                if self._vocab is not None:
                    bisect.insort(self._vocab, word)
            elif isinstance(ids, int):
                postings[word] = ids | bit
            elif len(ids) < _FEW:
                postings[word] = (*ids, slot)
            else:
                postings[word] = _mask(ids) | bit
        when = _call_time(interview)
        shared = self._sets.setdefault  # few distinct sets: one object each (a frozenset is 216 bytes)
        goal_ids = frozenset(interview.reflection.goal_ids)
        tiaras = frozenset(n.tiara for n in notes if n.tiara is not None)
        kinds = frozenset(n.kind for n in notes)
        self._meta[iid] = _Meta(
            when=_when(interview),
            day=when.astimezone().date() if when is not None else None,
            goal_ids=shared(goal_ids, goal_ids),
            company=company_key(contact.company) if contact is not None else "",
            industry=fold(" ".join(contact.industry.split())) if contact is not None else "",
            interest=interview.reflection.interest,
            tiaras=shared(tiaras, tiaras),
            kinds=shared(kinds, kinds),
        )

    def remove(self, interview_id: RecordId) -> None:
        """Forget one interview (deleted, or no longer conducted)."""
        source = self._source_of.pop(interview_id, None)
        if source is None:
            return
        old = words(self._text(*source))
        slot = self._slot_of.pop(interview_id)
        self._ids[slot] = None
        heapq.heappush(self._free, slot)
        keep = ~(1 << slot)
        postings = self._postings
        for word in old:
            ids = postings.get(word)
            if ids is None:
                continue
            rest: Posting = ids & keep if isinstance(ids, int) else tuple(s for s in ids if s != slot)
            if rest:
                postings[word] = rest
            else:
                del postings[word]
                self._vocab = None
        self._meta.pop(interview_id, None)
        self._rank = None
        self._prefix_cache.clear()

    def update(self, interview: Interview, contact: Contact | None) -> None:
        """Re-index one interview after an edit (or drop it when its call has not ended)."""
        self.remove(interview.id)
        if is_conducted(interview):
            self._add(interview, contact)
        self._rank = None
        self._prefix_cache.clear()

    def __len__(self) -> int:
        return len(self._meta)

    def __contains__(self, interview_id: object) -> bool:
        return interview_id in self._meta

    # Searching ------------------------------------------------------------------------------------------
    def _sorted_vocab(self) -> list[str]:
        if self._vocab is None:
            self._vocab = sorted(self._postings)
        return self._vocab

    def _ranks(self) -> dict[RecordId, int]:
        if self._rank is None:
            self._newest_first = sorted(self._meta, key=lambda i: (self._meta[i].when, i), reverse=True)
            self._rank = {iid: n for n, iid in enumerate(self._newest_first)}
        return self._rank

    def _with_prefix(self, prefix: str) -> int:
        """The bitmask of interviews with a word starting with `prefix`."""
        cached = self._prefix_cache.get(prefix)
        if cached is not None:
            return cached
        vocab = self._sorted_vocab()
        start = bisect.bisect_left(vocab, prefix)
        end = bisect.bisect_left(vocab, prefix + "\U0010ffff", start)
        postings = self._postings
        found = 0
        for word in vocab[start:end]:
            found |= _mask(postings[word])
        if len(self._prefix_cache) >= _MAX_PREFIX_CACHE:
            self._prefix_cache.clear()
        self._prefix_cache[prefix] = found
        return found

    def _interviews(self, mask: int) -> set[RecordId]:
        """The interview ids of the slots set in `mask`."""
        ids = self._ids
        return {iid for slot in _slots(mask) if (iid := ids[slot]) is not None}

    def search(
        self,
        query: str,
        *,
        goal_id: RecordId | None = None,
        company: str | None = None,
        industry: str | None = None,
        min_interest: int | None = None,
        since: date | None = None,
        until: date | None = None,
        tiara: QuestionCategory | None = None,
        kind: NoteKind | None = None,
        limit: int | None = None,
    ) -> list[RecordId]:
        """Interview ids whose text has every word of `query` (the last as a prefix), newest call first.

        `company` matches the contact's company as the Identify screen compares them ("Acme, Inc." is
        "ACME"); `industry` ignores case and accents; `min_interest` keeps reflections rated at least that
        (1–5); `since`/`until` are inclusive local dates of the call; `tiara`/`kind` keep interviews with a
        call note so tagged / of that kind. An empty query returns every indexed interview that passes the
        filters.
        """
        terms, last_is_prefix = query_terms(query)
        ranks = self._ranks()
        if terms:
            postings = self._postings
            mask = -1  # every bit
            for term in terms[:-1] if last_is_prefix else terms:
                mask &= _mask(postings.get(term, 0))
            if last_is_prefix and mask:
                mask &= self._with_prefix(terms[-1])
            found = self._interviews(mask)
        else:
            found = set(ranks)
        filters = (goal_id, company, industry, min_interest, since, until, tiara, kind)
        if any(f is not None for f in filters):
            found = self._filtered(found, goal_id, company, industry, min_interest, since, until)
            if tiara is not None or kind is not None:
                found = {
                    i
                    for i in found
                    if (tiara is None or tiara in self._meta[i].tiaras)
                    and (kind is None or kind in self._meta[i].kinds)
                }
        if len(found) * 2 > len(ranks):
            ordered = [i for i in self._newest_first if i in found]
        else:
            ordered = sorted(found, key=ranks.__getitem__)
        return ordered[:limit] if limit is not None else ordered

    def _filtered(
        self,
        ids: set[RecordId],
        goal_id: RecordId | None,
        company: str | None,
        industry: str | None,
        min_interest: int | None,
        since: date | None,
        until: date | None,
    ) -> set[RecordId]:
        company_wanted = company_key(company) if company is not None else None
        industry_wanted = fold(" ".join(industry.split())) if industry is not None else None
        kept = set()
        for iid in ids:
            meta = self._meta[iid]
            if goal_id is not None and goal_id not in meta.goal_ids:
                continue
            if company_wanted is not None and meta.company != company_wanted:
                continue
            if industry_wanted is not None and meta.industry != industry_wanted:
                continue
            if min_interest is not None and (meta.interest is None or meta.interest < min_interest):
                continue
            if since is not None and (meta.day is None or meta.day < since):
                continue
            if until is not None and (meta.day is None or meta.day > until):
                continue
            kept.add(iid)
        return kept


class IndexBuilder:
    """Builds a `SearchIndex` a slice at a time, so a screen keeps answering keys while its index grows
    (about half a second of work at 2,000 interviews): call `advance` until it returns True, then use `index`."""

    def __init__(
        self,
        interviews: Iterable[Interview],
        contacts: Iterable[Contact] | Mapping[RecordId, Contact],
        goals: Iterable[Goal] | Mapping[RecordId, Goal] = (),
    ) -> None:
        self.index = SearchIndex()
        """The index being built; complete once `advance` has returned True."""
        self.index._vocab = None  # sorted once at the first prefix search, not word by word
        self.index._goal_titles = {g.id: g.title for g in _as_list(goals)}
        self._contacts = {c.id: c for c in _as_list(contacts)}
        self._todo: Iterator[Interview] = iter(list(interviews))
        self.done = False
        """Every interview is in the index."""

    def advance(self, budget: float) -> bool:
        """Index interviews for about `budget` seconds (at least one); True once every interview is in."""
        if self.done:
            return True
        deadline = time.perf_counter() + budget
        index, contacts = self.index, self._contacts
        for interview in self._todo:
            if is_conducted(interview):
                index._add(interview, contacts.get(interview.contact_id))
            if time.perf_counter() >= deadline:
                return False
        index._rank = None
        # Sort the vocabulary and the newest-first order now, in the builder's time, not in the first keystroke's.
        index._sorted_vocab()
        index._ranks()
        self.done = True
        return True


# Snippets -------------------------------------------------------------------------------------------------


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original character."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        piece = fold(ch)
        out.append(piece)
        where.extend([i] * len(piece))
    return "".join(out), where


def _match_positions(folded: str, terms: list[str]) -> dict[str, int]:
    """Where each term first starts a word in `folded` (apostrophes inside words ignored)."""
    found: dict[str, int] = {}
    for term in terms:
        if term in found:
            continue
        pattern = r"(?<![^\W_])" + r"'?".join(re.escape(ch) for ch in term)
        match = re.search(pattern, folded)
        if match:
            found[term] = match.start()
    return found


def _window(text: str, start: int, end: int, width: int) -> str:
    """About `width` characters of `text` around [start, end), cut on spaces, '…' where cut."""
    if len(text) <= width:
        return text
    room = width - 2  # two ellipses at most
    left = max(0, min(start - room // 3, len(text) - room))
    right = min(len(text), left + room)
    if left > 0:
        space = text.find(" ", left, start)
        if space != -1:
            left = space + 1
    if right < len(text):
        space = text.rfind(" ", max(end, left + 1), right)
        if space != -1:
            right = space
    piece = text[left:right].strip()
    return ("…" if left > 0 else "") + piece + ("…" if right < len(text) else "")


def snippet(
    interview: Interview,
    query: str,
    width: int = 80,
    *,
    tiara: QuestionCategory | None = None,
    kind: NoteKind | None = None,
) -> str:
    """One line for a results list: the note or reflection text that matches the most query words (the
    first such), around the first match, at most `width` characters. With no text matching (the query
    matched the person or a goal) or an empty query, the start of the takeaways or of the first note.

    With `tiara` or `kind`, only the call notes so tagged are candidates (the first one when no word matches
    it), so `kind:action` shows an action item."""
    reflection = interview.reflection
    filtered = tiara is not None or kind is not None
    texts = [n.text for n in interview.notes if note_matches(n, tiara, kind)]
    if not filtered:
        texts += [reflection.takeaways, reflection.surprises]
        texts += [step.text for step in reflection.next_steps]
    texts = [" ".join(t.split()) for t in texts if t.strip()]
    terms, _ = query_terms(query)
    best: tuple[int, str, int, int] | None = None
    if terms:
        for text in texts:
            folded, where = _folded_with_map(text)
            found = _match_positions(folded, terms)
            if not found:
                continue
            if best is None or len(found) > best[0]:
                first_term = min(found, key=found.__getitem__)
                pos = found[first_term]
                end = min(pos + len(first_term), len(where))
                best = (len(found), text, where[pos], where[end - 1] + 1)
                if len(found) == len(set(terms)):
                    break
    if best is not None:
        return _window(best[1], best[2], best[3], width)
    fallback = (texts[0] if texts else "") if filtered else ""
    fallback = fallback or " ".join(reflection.takeaways.split()) or (texts[0] if texts else "")
    return _window(fallback, 0, 0, width)
