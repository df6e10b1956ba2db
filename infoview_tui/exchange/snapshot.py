"""Provides `Snapshot`, the records an export reads, built once by the caller from the store.

Exporters take a `Snapshot`, never the Store: they cannot write, and a test can hand them records
without opening a data file. `Snapshot.of(store)` reads every collection once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol, TypeVar

from infoview_tui.domain.models import Contact, Goal, Interview, IntroRequest, Outreach, Question, RecordId

__all__ = ["Readable", "Snapshot", "Source"]

R_co = TypeVar("R_co", covariant=True)


class Readable(Protocol[R_co]):
    """One collection that can list its records: `infoview_tui.store.Collection` is one."""

    def all(self) -> Iterable[R_co]: ...


class Source(Protocol):
    """A store with a readable collection per kind of record: `infoview_tui.store.Store` is one."""

    @property
    def contacts(self) -> Readable[Contact]: ...

    @property
    def outreach(self) -> Readable[Outreach]: ...

    @property
    def interviews(self) -> Readable[Interview]: ...

    @property
    def questions(self) -> Readable[Question]: ...

    @property
    def goals(self) -> Readable[Goal]: ...

    @property
    def intros(self) -> Readable[IntroRequest]: ...


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Every record an export may read, as tuples (records are frozen, so nothing here can change)."""

    contacts: tuple[Contact, ...] = ()
    outreach: tuple[Outreach, ...] = ()
    interviews: tuple[Interview, ...] = ()
    questions: tuple[Question, ...] = ()
    goals: tuple[Goal, ...] = ()
    intros: tuple[IntroRequest, ...] = ()

    @classmethod
    def of(cls, source: Source) -> Snapshot:
        """Read each collection of `source` once."""
        return cls(
            contacts=tuple(source.contacts.all()),
            outreach=tuple(source.outreach.all()),
            interviews=tuple(source.interviews.all()),
            questions=tuple(source.questions.all()),
            goals=tuple(source.goals.all()),
            intros=tuple(source.intros.all()),
        )

    def contact_map(self) -> Mapping[RecordId, Contact]:
        """Contacts by id."""
        return {c.id: c for c in self.contacts}

    def goal_map(self) -> Mapping[RecordId, Goal]:
        """Goals by id."""
        return {g.id: g for g in self.goals}

    def interview(self, interview_id: RecordId) -> Interview | None:
        """The interview with that id, or None."""
        return next((iv for iv in self.interviews if iv.id == interview_id), None)
