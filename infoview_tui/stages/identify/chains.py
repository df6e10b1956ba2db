"""Provides where each introduction led: chains from a first contact through introductions and referrals to
further calls, drawn as an indented tree, with how many conversations each first contact led to and the
thank-you the person who started a chain is owed once it led to a conversation.

Pure core (no Textual). One pass builds a parent → children map, a second walks it without recursion, so a
10,000-contact file takes a few milliseconds and a chain of any depth cannot overflow the stack.

Who is under whom:
- a contact under the contact who introduced them (`Contact.introduced_by_id`; for a contact without one, an
  `IntroRequest` whose `result_contact_id` they are counts instead);
- an introduction you asked for and that has not reached a contact yet (`IntroRequest` asked, or introduced
  but not added) under the person you asked;
- a referral noted during a call and not yet added as a contact (`NoteKind.REFERRAL` not in
  `FollowUp.referral_note_ids`) under the person who gave it; once added, the new contact is introduced by
  them, so it stays in the same place.

A reference to a contact no longer in the file (removed, or a tombstone from another copy) shows as
"(removed contact)"; the people it introduced stay together under it. Archived contacts stay in their chains,
marked "(archived)": the history is still true, but the thank-you is not suggested to an archived first
contact. A loop (A introduced B, B introduced A) is cut where it closes: the chain starts at the loop's
oldest contact (smallest id) and the repeat is shown once as "↺ … (shown above)".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import NamedTuple

from infoview_tui.domain.models import (
    Contact,
    Interview,
    IntroRequest,
    IntroStatus,
    NoteKind,
    RecordId,
    Stage,
    replace,
)
from infoview_tui.domain.names import greeting_name

__all__ = [
    "REMOVED",
    "Chain",
    "ChainLine",
    "LineKind",
    "ThankYou",
    "build_chains",
    "chain_index",
    "mark_thanked",
    "thank_you_message",
]

REMOVED = "(removed contact)"
"""How a reference to a contact no longer in the file is shown."""
MAX_INDENT = 12
"""Deeper levels stop indenting (and say their level) so a very long chain still fits 80 columns."""


class LineKind(str, Enum):
    """What one line of a chain is."""

    CONTACT = "contact"
    REMOVED = "removed"
    REFERRAL = "referral"
    """A referral noted in a call, not added as a contact yet."""
    ASKED = "asked"
    """An introduction asked for (or made) that has not reached a contact yet."""


class ChainLine(NamedTuple):
    """One person (or pending introduction) in a chain, in the order the tree is drawn (a named tuple: a
    10,000-contact file draws thousands, and a tuple is made several times faster than a frozen dataclass)."""

    depth: int
    prefix: str
    """The tree drawing before the name ('├─ ', '│  └─ '); '' for the first contact."""
    kind: LineKind
    name: str
    contact_id: RecordId | None = None
    parent: int = -1
    """Index of the line above it in the tree (-1 for the first contact)."""
    conversations: int = 0
    """Conversations held with this person (calls conducted, followed up or reflected on)."""
    planned: bool = False
    """A call with them is scheduled or being prepared."""
    archived: bool = False
    repeat: bool = False
    """Already shown higher up: the chain loops back here."""
    detail: str = ""
    """What a pending line is ('referral noted in a call, not added yet')."""

    @property
    def status(self) -> str:
        """The words after the name: conversations held, a call planned, archived, pending or repeated."""
        if self.repeat:
            return "(shown above: the introductions loop)"
        if self.kind in (LineKind.REFERRAL, LineKind.ASKED):
            return f"({self.detail})"
        words = []
        if self.conversations:
            words.append(f"{self.conversations} conversation{'s' if self.conversations != 1 else ''}")
        elif self.planned:
            words.append("call planned")
        elif self.kind is LineKind.CONTACT and self.depth:
            words.append("no call yet")
        if self.archived:
            words.append("archived")
        if self.depth > MAX_INDENT:
            words.append(f"level {self.depth}")
        return f"({', '.join(words)})" if words else ""

    @property
    def marker(self) -> str:
        """A sign in front of the name, so the kind never depends on colour: ↺ repeat, @ referral, ? asked."""
        if self.repeat:
            return "↺ "
        return {LineKind.REFERRAL: "@ ", LineKind.ASKED: "? "}.get(self.kind, "")

    @property
    def text(self) -> str:
        """The whole line as plain text."""
        status = self.status
        return f"{self.prefix}{self.marker}{self.name}{' ' + status if status else ''}"


@dataclass(frozen=True, slots=True)
class ThankYou:
    """A thank-you owed to the person who started a chain: it led to a conversation with `person_name`."""

    starter_id: RecordId
    starter_name: str
    person_id: RecordId
    person_name: str
    through: tuple[str, ...] = ()
    """The people between them, first to last (empty when the starter introduced the person directly)."""

    @property
    def label(self) -> str:
        """'Tell Henrik their introduction to Siobhán led to a conversation'."""
        first = self.through[0] if self.through else self.person_name
        tail = f" (and on to {self.person_name})" if self.through else ""
        return f"Tell {self.starter_name} their introduction to {first}{tail} led to a conversation"


@dataclass(frozen=True, slots=True)
class Chain:
    """Everyone one first contact led to, as lines of an indented tree."""

    lines: tuple[ChainLine, ...]
    led_to: int
    """Conversations held with people down the chain (not with the first contact)."""
    people: int
    """Contacts reached through the first contact."""
    thank_yous: tuple[ThankYou, ...] = ()

    @property
    def root(self) -> ChainLine:
        return self.lines[0]

    @property
    def depth(self) -> int:
        """Levels below the first contact (1: direct introductions only)."""
        return max(line.depth for line in self.lines)

    @property
    def pending(self) -> int:
        """Introductions asked for and referrals noted that have not reached a contact yet."""
        return sum(line.kind in (LineKind.REFERRAL, LineKind.ASKED) for line in self.lines)

    @property
    def summary(self) -> str:
        """The heading's words: 'led to 2 conversations · 3 people · 1 pending'."""
        conv = f"{self.led_to} conversation{'s' if self.led_to != 1 else ''}"
        ppl = f"{self.people} {'person' if self.people == 1 else 'people'}"
        more = f" · {self.pending} pending" if self.pending else ""
        return f"led to {conv} · {ppl}{more}"


_Child = tuple[LineKind, str, RecordId | None, str]
"""(kind, name, contact id, detail) of one line to draw under someone: a plain tuple, made 10,000 times."""
_SORT_KIND = {LineKind.CONTACT: 0, LineKind.REMOVED: 1, LineKind.REFERRAL: 2, LineKind.ASKED: 2}


def _order(child: _Child) -> tuple[int, str, str]:
    """People first, then what is still pending; each by name."""
    return (_SORT_KIND[child[0]], child[1].casefold(), child[2] or "")


def _short(text: str, limit: int = 44) -> str:
    """A note on one line, cut to `limit` characters (the marker typed before it left out)."""
    line = " ".join(text[: limit * 2].split()).lstrip("@ ")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _intro_parents(intros: Iterable[IntroRequest]) -> tuple[dict[RecordId, RecordId], list[IntroRequest]]:
    """(result contact → person asked, for made introductions; the asks still pending)."""
    made: dict[RecordId, RecordId] = {}
    pending: list[IntroRequest] = []
    for intro in intros:
        if intro.status is IntroStatus.DECLINED:
            continue
        if intro.status is IntroStatus.INTRODUCED and intro.result_contact_id:
            if intro.result_contact_id != intro.via_contact_id:
                made.setdefault(intro.result_contact_id, intro.via_contact_id)
        else:
            pending.append(intro)
    return made, pending


def build_chains(
    contacts: Iterable[Contact], interviews: Iterable[Interview], intros: Iterable[IntroRequest]
) -> list[Chain]:
    """Every chain of introductions, the ones that led to most conversations first (then most people, then by
    the first contact's name). A first contact with nobody under them is not a chain."""
    by_id = {c.id: c for c in contacts}
    held: dict[RecordId, int] = {}
    planned: set[RecordId] = set()
    children: dict[RecordId, list[_Child]] = defaultdict(list)
    referral, cancelled = NoteKind.REFERRAL, Stage.CANCELLED
    for iv in interviews:
        if iv.stage.after_call:
            held[iv.contact_id] = held.get(iv.contact_id, 0) + 1
        elif iv.stage is not cancelled:
            planned.add(iv.contact_id)
        for note in iv.notes:
            if note.kind is referral and note.id not in iv.follow_up.referral_note_ids:
                children[iv.contact_id].append(
                    (LineKind.REFERRAL, _short(note.text), None, "referral, not added yet")
                )

    made, pending = _intro_parents(intros)
    parent_of: dict[RecordId, RecordId] = {}
    contact_kind = LineKind.CONTACT
    for contact in by_id.values():
        parent = contact.introduced_by_id
        if parent is None and made:
            parent = made.get(contact.id)
        if parent and parent != contact.id:
            parent_of[contact.id] = parent
            children[parent].append((contact_kind, contact.name, contact.id, ""))
    for intro in pending:
        detail = "introduced, not added yet" if intro.status is IntroStatus.INTRODUCED else "asked"
        children[intro.via_contact_id].append((LineKind.ASKED, intro.target, None, detail))
    for intro in intros:
        result = intro.result_contact_id
        if intro.status is IntroStatus.INTRODUCED and result and result not in by_id:
            children[intro.via_contact_id].append((LineKind.REMOVED, REMOVED, result, ""))
    for kids in children.values():
        if len(kids) > 1:
            kids.sort(key=_order)

    roots = [key for key in children if key not in by_id or key not in parent_of]
    roots.sort(key=lambda key: (key in by_id, key))
    visited: set[RecordId] = set()
    chains = [_walk(root, by_id, children, held, planned, visited) for root in roots]
    for key in sorted(children):  # what is left is in a loop (or hangs under one): start at the loop
        if key in visited or key not in by_id:
            continue
        chains.append(_walk(_loop_start(key, parent_of), by_id, children, held, planned, visited))
    chains.sort(key=lambda ch: (-ch.led_to, -ch.people, ch.root.name.casefold(), ch.root.contact_id or ""))
    return chains


def _loop_start(key: RecordId, parent_of: dict[RecordId, RecordId]) -> RecordId:
    """The smallest id in the loop found by climbing from `key` (every climb from a leftover ends in one)."""
    seen: set[RecordId] = set()
    while key not in seen:
        seen.add(key)
        key = parent_of[key]
    loop = [key]
    step = parent_of[key]
    while step != key:
        loop.append(step)
        step = parent_of[step]
    return min(loop)


def _walk(
    root: RecordId,
    by_id: dict[RecordId, Contact],
    children: dict[RecordId, list[_Child]],
    held: dict[RecordId, int],
    planned: set[RecordId],
    visited: set[RecordId],
) -> Chain:
    """One chain's lines in drawing order, walked with an explicit stack."""
    start = by_id.get(root)
    lines: list[ChainLine] = [
        ChainLine(
            0,
            "",
            LineKind.CONTACT if start else LineKind.REMOVED,
            start.name if start else REMOVED,
            root,
            -1,
            held.get(root, 0),
            root in planned,
            bool(start and start.archived),
        )
    ]
    visited.add(root)
    stack: list[tuple[_Child, int, str, bool]] = []  # child, parent line, parent's child prefix, is last
    kids = children.get(root, ())
    last_index = len(kids) - 1
    for i in range(last_index, -1, -1):
        stack.append((kids[i], 0, "", i == last_index))
    led_to = people = 0
    thanks: list[ThankYou] = []
    thank_starter = start is not None and not start.archived
    contact_kind = LineKind.CONTACT
    while stack:
        (kind, name, key, detail), parent, prefix, last = stack.pop()
        depth = lines[parent].depth + 1
        contact = by_id.get(key) if key is not None and kind is contact_kind else None
        repeat = contact is not None and key in visited
        conversations = held.get(contact.id, 0) if contact is not None and not repeat else 0
        lines.append(
            ChainLine(
                depth,
                prefix + ("└─ " if last else "├─ "),
                kind,
                name,
                key,
                parent,
                conversations,
                contact is not None and not repeat and key in planned,
                contact is not None and contact.archived,
                repeat,
                detail,
            )
        )
        if contact is None or repeat:
            continue
        visited.add(contact.id)
        people += 1
        led_to += conversations
        if conversations and thank_starter and start and contact.chain_thanked_at is None:
            thanks.append(ThankYou(start.id, start.name, contact.id, contact.name, _through(lines, parent)))
        kids = children.get(contact.id, ())
        if kids:
            deeper = prefix + ("   " if last else "│  ") if depth <= MAX_INDENT else prefix
            here = len(lines) - 1
            last_index = len(kids) - 1
            for i in range(last_index, -1, -1):
                stack.append((kids[i], here, deeper, i == last_index))
    return Chain(tuple(lines), led_to, people, tuple(thanks))


def _through(lines: list[ChainLine], index: int) -> tuple[str, ...]:
    """The names from the first contact's direct introduction down to line `index` (the first contact left out)."""
    names: list[str] = []
    while index > 0:
        names.append(lines[index].name)
        index = lines[index].parent
    return tuple(reversed(names))


def chain_index(chains: Iterable[Chain]) -> dict[RecordId, tuple[int, int]]:
    """contact id → (chain, line) where the contact is first drawn, to open the view on a given person."""
    found: dict[RecordId, tuple[int, int]] = {}
    for c, chain in enumerate(chains):
        for i, line in enumerate(chain.lines):
            if line.contact_id and line.kind is LineKind.CONTACT and not line.repeat:
                found.setdefault(line.contact_id, (c, i))
    return found


def thank_you_message(thanks: ThankYou, *, sender_name: str = "") -> str:
    """A short note telling the person who started a chain that it led to a conversation.

    Opens with their introduction (the checker's connection cue), says where it led, and ends with a question,
    so it passes `outreach.check` once your profile gives the name to sign with.
    """
    hello = f"Hi {greeting_name(thanks.starter_name)},"
    sender = " ".join(sender_name.split()) or "[your name]"
    if thanks.through:
        path = " → ".join((*thanks.through, thanks.person_name))
        body = (
            f"Your introduction to {thanks.through[0]} kept going: it led me on to {thanks.person_name} "
            f"({path}), and we have now had a conversation."
        )
    else:
        body = f"Your introduction to {thanks.person_name} led to a conversation, and it helped me a lot."
    ask = "Thank you for making it happen. Could I tell you what I learned over a short coffee sometime?"
    return f"{hello}\n\n{body} {ask}\n\nThank you again,\n{sender}"


def mark_thanked(person: Contact, now: datetime) -> Contact:
    """The contact with the chain's thank-you recorded as sent, so it is no longer suggested."""
    return replace(person, chain_thanked_at=now)
