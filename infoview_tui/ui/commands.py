"""Provides our command-palette commands: go to a section, open a contact or interview by name, export.

Record hits show names from the data file: their display and help are plain `Content` (never markup), and
they are matched and highlighted by substring, not by the palette's fuzzy matcher (see `widgets.plain`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from infoview_tui.domain.dates import fmt_local
from infoview_tui.stages.agenda import Section
from infoview_tui.ui.widgets.plain import highlight_substring, palette_help, plain

if TYPE_CHECKING:
    from infoview_tui.ui.app import InfoviewApp

MAX_RECORD_HITS = 40


def _record_score(name: str, needle: str) -> float:
    """How well a record's name matches what was typed: a whole-name or leading match ranks first."""
    folded = name.casefold()
    if folded == needle:
        return 1.0
    if folded.startswith(needle):
        return 0.9
    return 0.5 + 0.3 * min(1.0, len(needle) / max(1, len(folded)))


class InfoviewCommands(Provider):
    """`go to: …`, `open contact: …`, `open interview: …`, `export: …`."""

    @property
    def infoview(self) -> InfoviewApp:
        return cast("InfoviewApp", self.app)

    def _static_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.infoview
        commands: list[tuple[str, str, Callable[[], object]]] = [
            (
                f"go to: {s.value} {s.title}",
                f"Switch to the {s.title} section (key {s.value})",
                partial(app.run_open, s),
            )
            for s in Section
        ]
        commands.append(
            (
                "export: JSON backup",
                "Write a complete JSON backup next to the data file",
                app.action_export_json,
            )
        )
        commands.append(
            (
                "import: LinkedIn connections",
                "Add contacts from LinkedIn's Connections.csv",
                app.action_import_linkedin,
            )
        )
        commands.append(
            (
                "Edit your profile",
                "Your name and one-line introduction, for every message and the opening script",
                app.action_edit_profile,
            )
        )
        commands.append(
            ("help: keys and data file", "Show every key and where your data lives", app.action_help)
        )
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._static_commands():
            yield DiscoveryHit(plain(title), callback, text=title, help=palette_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._static_commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),  # markup-ok: our own fixed titles; fuzzy matching suits them
                    callback,
                    text=title,
                    help=palette_help(help_text),
                )
        needle = query.strip().casefold()
        if len(needle) < 2:
            return
        app = self.infoview
        store = app.store
        found = 0
        for contact in store.contacts.all():
            if contact.archived or needle not in contact.name.casefold():
                continue
            title = f"open contact: {contact.name}"
            role = " · ".join(p for p in (contact.title, contact.company) if p)
            yield Hit(
                _record_score(contact.name, needle),
                highlight_substring(title, query),
                partial(app.run_open, Section.IDENTIFY, contact.id),
                text=title,
                help=palette_help(role) if role else None,
            )
            found += 1
            if found >= MAX_RECORD_HITS:
                break
        names = {c.id: c.name for c in store.contacts.all()}
        found = 0
        for interview in store.interviews.all():
            name = names.get(interview.contact_id, "")
            if needle not in name.casefold():
                continue
            section = Section.PREPARE if interview.stage.before_call else Section.REFLECT
            title = f"open interview: {name} {fmt_local(interview.scheduled_at)}"
            yield Hit(
                _record_score(name, needle) - 0.05,
                highlight_substring(title, query),
                partial(app.run_open, section, interview.id),
                text=title,
                help=palette_help(interview.stage.label),
            )
            found += 1
            if found >= MAX_RECORD_HITS:
                break
