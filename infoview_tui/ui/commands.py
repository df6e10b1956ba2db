"""Provides our command-palette commands: go to a section, open a contact or interview by name, export.

Exports (JSON backup, calendar, contacts CSV, Markdown records, one interview's prep sheet or record) are
written into `exports/` beside the data file by `exchange.export_files.write_export`, the code the
`infoview-tui export` command uses; the toast names the file, or says why it could not be written.

Record hits show names from the data file: their display and help are plain `Content` (never markup), and
they are matched and highlighted by substring, not by the palette's fuzzy matcher (see `widgets.plain`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

from infoview_tui.domain import lifecycle as lc
from infoview_tui.domain.dates import fmt_local
from infoview_tui.domain.models import Interview, RecordId
from infoview_tui.exchange.guard import Problem
from infoview_tui.exchange.snapshot import Snapshot
from infoview_tui.stages.agenda import Section
from infoview_tui.stages.conduct.call import is_conducted
from infoview_tui.ui.screens.base import InterviewScreen, SectionScreen
from infoview_tui.ui.widgets.plain import highlight_substring, notify, palette_help, plain
from infoview_tui.ui.widgets.record_table import RecordTable

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


# Exports to files ----------------------------------------------------------------------------------------

FILE_EXPORTS = (
    (
        "export: calendar (.ics)",
        "ics",
        "Interviews, and thank-you, 3B/7B and check-in reminders as events with alarms",
    ),
    ("export: contacts CSV", "csv", "Every contact with its latest outreach, for a spreadsheet"),
    (
        "export: Markdown records",
        "markdown",
        "Every conversation held, one Markdown file each, in exports/markdown/",
    ),
)
"""Palette title, `write_export` format and help, for the exports of the whole data file."""


def export_folder(app: InfoviewApp) -> Path:
    """Where palette exports go: `exports/` beside the data file (as the JSON backup)."""
    return app.data_path.parent / "exports"


def run_export(app: InfoviewApp, fmt: str, interview_id: RecordId | None = None) -> None:
    """Write one export off the UI thread; the toast names the file, or says why it failed."""
    records = Snapshot.of(app.store)
    now = app.store.clock.now().astimezone()
    folder = export_folder(app)

    def write() -> None:
        from infoview_tui.exchange.export_files import write_export
        from infoview_tui.exchange.markdown_parts import UnknownInterviewError

        problems: list[Problem] = []
        try:
            path = write_export(records, fmt, folder, now, problems, interview_id=interview_id)
        except OSError as exc:
            message = f"Export failed: cannot write to {folder}: {exc.strerror or exc}"
            app.call_from_thread(notify, app, message, severity="error", timeout=12)
            return
        except UnknownInterviewError:
            app.call_from_thread(
                notify, app, "Export failed: that interview is no longer there.", severity="error"
            )
            return
        except (OverflowError, ValueError) as exc:
            message = f"Export failed: a value in the data file cannot be exported ({exc})"
            app.call_from_thread(notify, app, message, severity="error", timeout=12)
            return
        left_out = len(dict.fromkeys(str(p) for p in problems))
        note = f" ({left_out} unusable values left out; `infoview-tui export` lists them)" if left_out else ""
        app.call_from_thread(notify, app, f"Exported to {path}{note}", timeout=10)

    app.run_worker(write, thread=True, exit_on_error=False, group="export")


def selected_interview(app: InfoviewApp) -> Interview | None:
    """The interview the screen under the palette is about: the one open, the highlighted row of Prepare,
    Follow up or Reflect, else the next one to prepare."""
    screens = [s for s in app.screen_stack if not isinstance(s, CommandPalette)]
    screen = screens[-1] if screens else None
    store = app.store
    if isinstance(screen, InterviewScreen):
        return store.interviews.get(screen.interview_id)
    if isinstance(screen, SectionScreen) and screen.SECTION in (
        Section.PREPARE,
        Section.FOLLOW_UP,
        Section.REFLECT,
    ):
        tables = list(screen.query(RecordTable))
        key = tables[0].cursor_key if tables else None
        if key is not None and key.isdigit():
            return store.interviews.get(key)
    upcoming = lc.to_prepare(store.interviews.all())
    return upcoming[0] if upcoming else None


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
        commands += [
            (title, help_text, partial(run_export, app, fmt)) for title, fmt, help_text in FILE_EXPORTS
        ]
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

    def _interview_export(self) -> tuple[str, str, Callable[[], object]] | None:
        """'export: prep sheet for Ada Lovelace' (or her Markdown record once the call is over), for the
        interview the screen is about; the title holds a name from the data file."""
        app = self.infoview
        interview = selected_interview(app)
        if interview is None:
            return None
        contact = app.store.contacts.get(interview.contact_id)
        name = contact.name if contact is not None else "(unknown contact)"
        held = is_conducted(interview)
        title = f"export: {'Markdown record' if held else 'prep sheet'} for {name}"
        help_text = f"{fmt_local(interview.scheduled_at)} · into exports/ beside the data file"
        return title, help_text, partial(run_export, app, "markdown", interview.id)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._static_commands():
            yield DiscoveryHit(plain(title), callback, text=title, help=palette_help(help_text))
        one = self._interview_export()
        if one is not None:
            title, help_text, callback = one
            yield DiscoveryHit(
                plain(title, one_line=True), callback, text=title, help=palette_help(help_text)
            )

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
        one = self._interview_export()
        if one is not None:  # fuzzy on our words only; the name is matched as a substring (never markup)
            title, help_text, callback = one
            fixed = title.partition(" for ")[0]
            found_in_title = bool(query.strip()) and query.strip().casefold() in title.casefold()
            score = max(matcher.match(fixed), 0.4 if found_in_title else 0.0)  # below "open …" hits
            if score > 0:
                yield Hit(
                    score,
                    highlight_substring(title, query.strip())
                    if found_in_title
                    else plain(title, one_line=True),
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
