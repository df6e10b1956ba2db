"""Provides our command-palette commands: go to a section, open a contact or interview by name, export."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from infoview_tui.agenda import Section
from infoview_tui.dates import fmt_local

if TYPE_CHECKING:
    from infoview_tui.app import InfoviewApp

MAX_RECORD_HITS = 40


class InfoviewCommands(Provider):
    """`go to: …`, `open contact: …`, `open interview: …`, `export: …`."""

    @property
    def infoview(self) -> InfoviewApp:
        return cast("InfoviewApp", self.app)

    def _static_commands(self) -> list[tuple[str, str, object]]:
        app = self.infoview
        commands: list[tuple[str, str, object]] = [
            (f"go to: {s.value} {s.title}", f"Switch to the {s.title} section (key {s.value})", partial(app.run_open, s))
            for s in Section
        ]
        commands.append(
            ("export: JSON backup", "Write a complete JSON backup next to the data file", app.action_export_json)
        )
        commands.append(
            ("import: LinkedIn connections", "Add contacts from LinkedIn's Connections.csv", app.action_import_linkedin)
        )
        commands.append(("help: keys and data file", "Show every key and where your data lives", app.action_help))
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._static_commands():
            yield DiscoveryHit(title, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._static_commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)  # type: ignore[arg-type]
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
            score = matcher.match(title) or 0.1
            yield Hit(
                score,
                matcher.highlight(title),
                partial(app.run_open, Section.IDENTIFY, contact.id),
                text=title,
                help=" · ".join(p for p in (contact.title, contact.company) if p) or None,
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
                matcher.match(title) or 0.1,
                matcher.highlight(title),
                partial(app.run_open, section, interview.id),
                text=title,
                help=interview.stage.label,
            )
            found += 1
            if found >= MAX_RECORD_HITS:
                break
