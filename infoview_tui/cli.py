"""Provides the `infoview-tui` command: argument parsing and subcommands.

The store is opened here and handed to the app, so tests can build both on a temporary file. Exit codes:
0 success, 1 user error (one clear line on stderr), 2 a problem with the data file. Never a traceback.

Exports and a hand-edited file: the calendar, Markdown and CSV exports leave out a value they cannot use (a
time in year 1 or 9999, an absurd call length; see `export_guard`), print one `warning:` line per value on
stderr naming the record, and exit 0. The JSON backup must stay faithful, so it refuses instead: exit 2 and
one line naming the first such record.
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from infoview_tui import __version__
from infoview_tui.config import DATA_ENV, resolve_data_path
from infoview_tui.domain.dates import Clock, SystemClock, humanize_delta
from infoview_tui.domain.models import RecordId
from infoview_tui.domain.safe_text import strip_controls
from infoview_tui.store import DataFileError, Store, StoreError

if TYPE_CHECKING:
    from infoview_tui.exchange.guard import Problem
    from infoview_tui.exchange.ics import Reminders
    from infoview_tui.stages.agenda import AgendaItem

EXIT_OK = 0
EXIT_USER = 1
EXIT_DATA = 2
EXPORT_FORMATS = ("json", "csv", "ics", "markdown")
AGENDA_DAYS = (0, 366)
"""`agenda --days N`: 0 is the rest of today; a year ahead is as far as a reminder list makes sense."""
MARKDOWN_NEEDS_FOLDER = (
    "--format markdown without --interview writes one file per conducted interview: "
    "add -o DIR for the folder (see `infoview-tui export --help`)"
)


class UserError(Exception):
    """Something the user asked for that cannot be done; the message says why."""


class _Parser(argparse.ArgumentParser):
    """argparse that exits with code 1 (a user error) and one line, not 2 and a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER, f"{self.prog}: {message} (see --help)\n")


def _add_data_option(parser: argparse.ArgumentParser, top: bool, data_path: Path) -> None:
    parser.add_argument(
        "--data",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help=f"data file to use (also ${DATA_ENV}); now: {data_path}",
    )


def build_parser() -> argparse.ArgumentParser:
    """The full command line."""
    data_path = resolve_data_path()  # once: each subcommand's --data help names it
    parser = _Parser(
        prog="infoview-tui",
        description="Informational interviews, end to end: identify, prepare, conduct, follow up, reflect.",
        epilog=f"Data file: {data_path} (choose another with --data PATH or ${DATA_ENV}).",
    )
    parser.add_argument("--version", action="version", version=f"infoview-tui {__version__}")
    _add_data_option(parser, top=True, data_path=data_path)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a temporary copy of the sample data (your file is untouched)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", help="write a realistic sample data set into the data file and exit")
    _add_data_option(demo, top=False, data_path=data_path)
    demo.add_argument("--size", type=int, metavar="N", help="scale to N contacts (for benchmarks)")
    demo.add_argument("--force", action="store_true", help="replace a data file that already has data")

    export = sub.add_parser("export", help="write a backup or an export of the data file")
    _add_data_option(export, top=False, data_path=data_path)
    export.add_argument(
        "--format",
        choices=list(EXPORT_FORMATS),
        default="json",
        help="json: a complete backup; csv: the contacts, for spreadsheets; ics: a calendar file with your "
        "interviews, thank-yous owed, 3B/7B reminders and check-ins as events with alarms (see --reminders; "
        "import it again after changes: it updates, not duplicates); markdown: with --interview ID, one interview: the prep sheet for an "
        "interview not yet held, the full record (questions with their notes, follow-up, reflection) for one "
        "whose call has ended; without --interview, every conducted interview, one file each, into the "
        "folder given with -o DIR (default json)",
    )
    export.add_argument(
        "--interview",
        type=_record_id,
        metavar="ID",
        help="one interview for --format markdown: its prep sheet if the call has not happened yet, else "
        "its record",
    )
    export.add_argument(
        "--reminders",
        choices=["events", "todos"],
        help="for --format ics: how thank-yous, 3B/7B nudges and check-ins are written: events (the default) "
        "are short events with an alarm, kept by every calendar (Google Calendar and Outlook drop to-dos on "
        "import); todos are VTODOs with an alarm, for Apple Reminders, Thunderbird or Evolution",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output; for --format markdown without --interview, the "
        "folder DIR to write the files into (created if missing)",
    )

    agenda = sub.add_parser(
        "agenda",
        help="print what is due today and in the next days, as the Dashboard shows it (for cron, a status "
        "bar or notify-send: nothing is printed when nothing is due)",
        description="Print what is due now or falls due within the next days: one line each, under the "
        "Dashboard's headings. Prints nothing and exits 0 when nothing is due.",
    )
    _add_data_option(agenda, top=False, data_path=data_path)
    agenda.add_argument(
        "--days",
        type=int,
        default=7,
        metavar="N",
        help="look N days ahead (default 7, as the Dashboard; 0 means the rest of today)",
    )
    agenda.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list of objects (section, group, kind, when as ISO 8601 with offset, title, "
        "detail, record_id, due, overdue) instead of text",
    )

    profile = sub.add_parser(
        "profile",
        help="show who you are, or set it: the name and one-line introduction every message signs with",
        description="With no options, print your profile. With options, change those fields (an empty "
        "value clears one) and keep the rest.",
    )
    _add_data_option(profile, top=False, data_path=data_path)
    profile.add_argument("--name", metavar="NAME", help="your name, as messages are signed")
    profile.add_argument(
        "--intro", metavar="TEXT", help='one line about you, e.g. "I\'m a third-year economics student."'
    )
    profile.add_argument("--email", metavar="ADDRESS", help="your email address")
    profile.add_argument("--linkedin", metavar="URL", help="your LinkedIn profile address")
    profile.add_argument("--field", metavar="TEXT", help="your school or field")

    merge = sub.add_parser(
        "merge",
        help="merge another copy of the data file into it (a sync tool's conflict copy, a copy from "
        "another computer); --dry-run only says what it would do",
        description="Merge OTHER into the data file: records only it has are added, records only it changed "
        "are updated, a field both copies changed takes the later change and keeps the other under the "
        "record's 'merged' note; nothing is lost. A backup is made first. A conflict copy beside the data "
        "file is moved into backups/ once merged.",
    )
    _add_data_option(merge, top=False, data_path=data_path)
    merge.add_argument("other", nargs="?", metavar="OTHER.json", help="the other copy to merge in")
    merge.add_argument("--dry-run", action="store_true", help="print what would change; change nothing")
    merge.add_argument(
        "--git-driver",
        nargs=3,
        metavar=("BASE", "OURS", "THEIRS"),
        help="run as git's merge driver (%%O %%A %%B): merge THEIRS into OURS in place",
    )

    imports = sub.add_parser("import", help="import contacts from another service's export")
    _add_data_option(imports, top=False, data_path=data_path)
    sources = imports.add_subparsers(dest="source", metavar="SOURCE", required=True, parser_class=_Parser)
    linkedin = sources.add_parser(
        "linkedin",
        help="LinkedIn's Connections.csv (Settings > Data privacy > Get a copy of your data)",
        description="Add your LinkedIn connections as cold contacts found via LinkedIn. People already in "
        "your contacts are matched by profile link, email, or name and company; only their company and "
        "title follow the export, and an empty link, email or connection date is filled in.",
    )
    _add_data_option(linkedin, top=False, data_path=data_path)
    linkedin.add_argument("file", metavar="FILE", help="the Connections.csv file from LinkedIn's export")
    _add_sync_parsers(sub, data_path)
    return parser


# git: the merge driver and `sync` (store/gitsync.py) --------------------------------------------------------


def _add_sync_parsers(sub: argparse._SubParsersAction[_Parser], data_path: Path) -> None:
    """`sync [--init]` (the git merge driver is `merge --git-driver`)."""
    sync = sub.add_parser(
        "sync",
        help="commit the data file, bring in the other computer's changes from the git remote, and push",
        description="The data file's folder must be in a git repository set up with --init (once on each "
        "computer). sync commits the data file, fetches and merges the remote's changes (the data file is "
        "merged record by record) and pushes. Only git talks to the remote you set up. Refused while the "
        "app has the file open.",
    )
    _add_data_option(sync, top=False, data_path=data_path)
    sync.add_argument(
        "--init",
        action="store_true",
        help="set the repository up: .gitattributes and the repository's config name the merge driver; "
        ".gitignore keeps backups, the lock and temp files out (safe to run again)",
    )


def _cmd_sync(path: Path, init: bool) -> int:
    from infoview_tui.config import machine_name
    from infoview_tui.store.gitsync import init_sync, sync

    if init:
        for line in init_sync(path):
            print(line)
        return EXIT_OK
    when = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z")
    sync(path, f"{machine_name()} {when}", say=lambda line: print(line, flush=True))
    return EXIT_OK


def _fail(code: int, message: str) -> int:
    print(f"infoview-tui: {message}", file=sys.stderr)
    return code


def _warn(problems: list[Problem]) -> None:
    """One `warning:` line on stderr per value an export left out (each value once)."""
    for line in dict.fromkeys(str(p) for p in problems):
        print(f"infoview-tui: warning: {line}", file=sys.stderr)


def _unusable_value(store: Store, exc: Exception) -> DataFileError:
    """An export failed on a value it cannot use: the error names the record (found by `first_problem`)."""
    from infoview_tui.exchange.guard import first_problem

    records = (r for collection in store.all_collections().values() for r in collection.all())
    problem = first_problem(records)
    what = problem.what if problem is not None else f"a value is out of range ({exc})"
    return DataFileError(f"cannot export {store.path}: {what}; correct it in the file or restore a backup.")


def _tell(store: Store) -> None:
    """Print, once, what the store noticed about the file (a folder others may write to, outside changes)."""
    for line in [*store.notices, *(change.message for change in store.changes)]:
        print(f"infoview-tui: {line}", file=sys.stderr)


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run the command line; returns the exit code. `clock` is for tests (commands that tell the time)."""
    _printable_output()
    args = build_parser().parse_args(argv)
    path = resolve_data_path(args.data)
    try:
        if args.command == "demo":
            return _cmd_demo(path, args.size, args.force)
        if args.command == "export":
            return _cmd_export(path, args.format, args.output, args.interview, args.reminders)
        if args.command == "agenda":
            return _cmd_agenda(path, args.days, args.json, clock)
        if args.command == "profile":
            return _cmd_profile(path, args)
        if args.command == "merge":
            return _cmd_merge(path, args)
        if args.command == "sync":
            return _cmd_sync(path, args.init)
        if args.command == "import":
            return _cmd_import_linkedin(path, Path(args.file).expanduser())
        if args.demo:
            return _run_demo_app()
        return _run_app(path)
    except UserError as exc:
        return _fail(EXIT_USER, str(exc))
    except StoreError as exc:
        return _fail(EXIT_DATA, str(exc))
    except KeyboardInterrupt:
        return _fail(EXIT_USER, "interrupted")
    except OSError as exc:  # a file-system error no check above foresaw: still one line, never a traceback
        where = exc.filename or path
        return _fail(EXIT_DATA, f"cannot use {where}: {exc.strerror or exc}")


def _printable_output() -> None:
    """Print what cannot be encoded as an escape instead of raising: a file name that is not UTF-8 reaches
    Python with a lone surrogate in it, and printing it (`merge`'s "Merged … into …", any message naming a
    path) ended the command with a traceback under a strict UTF-8 output, after its work was done."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) == "strict":
            reconfigure(errors="backslashreplace")


def _cmd_merge(path: Path, args: argparse.Namespace) -> int:
    from infoview_tui.cli_merge import run_merge
    from infoview_tui.store.gitsync import run_git_driver

    if args.git_driver:
        if args.other or args.dry_run:
            raise UserError("--git-driver takes BASE OURS THEIRS and nothing else")
        base, ours, theirs = (Path(p) for p in args.git_driver)
        return run_git_driver(base, ours, theirs)
    if not args.other:
        raise UserError("name the other copy to merge in: infoview-tui merge OTHER.json [--dry-run]")
    return run_merge(path, Path(args.other).expanduser(), dry_run=args.dry_run)


def _cmd_demo(path: Path, size: int | None, force: bool) -> int:
    from infoview_tui.demo import populate_demo

    if size is not None and not 1 <= size <= 200_000:
        raise UserError("--size must be between 1 and 200000")
    with Store.open(path) as store:
        if not store.is_empty and not force:
            raise UserError(f"{path} already has data; add --force to replace it (a backup is kept).")
        if not store.is_empty:
            store.reset()
        summary = populate_demo(store, store.clock.now(), size=size)
        if not store.flush(timeout=120):
            raise DataFileError(f"Could not write {path}: {store.last_error}")
    from infoview_tui.store.dashboard_cache import remember

    remember(store)  # as the app does when it closes the file: its first start shows the Dashboard at once
    _tell(store)
    print(
        f"Wrote a demo data set to {path}: {summary.contacts} contacts, {summary.outreach} outreach, "
        f"{summary.interviews} interviews, {summary.goals} goals."
    )
    return EXIT_OK


def _agenda_until(now: datetime, days: int) -> datetime:
    """The end of the window: `days` days from now, as the Dashboard counts; with 0, the end of today."""
    if days > 0:
        return now + timedelta(days=days)
    local = now.astimezone()
    return datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), tzinfo=local.tzinfo)


def _agenda_line(item: AgendaItem, now: datetime) -> str:
    """One item as the Dashboard writes it: mark, when, title, detail; control characters removed."""
    mark = "●" if item.due else "○"
    when = humanize_delta(item.when - now) if item.when is not None else ""
    line = f"  {mark} {when:<16}{strip_controls(item.title)}  {strip_controls(item.detail)}"
    return line.rstrip()


def _agenda_json(groups: dict[str, list[AgendaItem]]) -> str:
    """The items as a JSON list; `when` is ISO 8601 with the local offset (null when unknown)."""
    rows = [
        {
            "section": item.section.title,
            "group": heading,
            "kind": item.kind.value,
            "when": item.when.astimezone().isoformat() if item.when is not None else None,
            "title": item.title,
            "detail": item.detail,
            "record_id": item.record_id,
            "due": item.due,
            "overdue": item.overdue,
        }
        for heading, items in groups.items()
        for item in items
    ]
    # ensure_ascii: every character outside ASCII (and any control character) is escaped, so the JSON is
    # faithful to the data and still safe to print in a terminal.
    return json.dumps(rows, indent=2, ensure_ascii=True) + "\n"


def _cmd_agenda(path: Path, days: int, as_json: bool, clock: Clock | None) -> int:
    """What is due now or by `days` ahead; nothing on stdout (exit 0) when nothing is due or no file yet."""
    from infoview_tui.stages.agenda import build_agenda

    low, high = AGENDA_DAYS
    if not low <= days <= high:
        raise UserError(f"--days must be between {low} and {high}")
    if not path.exists():
        return EXIT_OK
    with Store.open(path, clock=clock, read_only=True) as store:
        now = store.clock.now()
        until = _agenda_until(now, days)
        try:
            agenda = build_agenda(
                store.contacts.all(), store.outreach.all(), store.interviews.all(), now, until - now
            )
            groups = agenda.due_by(now, until)
            if not groups:
                return EXIT_OK
            if as_json:
                text = _agenda_json(groups)
            else:
                blocks = [
                    "\n".join([f"{heading} ({len(items)})", *(_agenda_line(i, now) for i in items)])
                    for heading, items in groups.items()
                ]
                text = "\n\n".join(blocks) + "\n"
        except (OverflowError, ValueError) as exc:  # a hand-edited time in year 1 or 9999
            from infoview_tui.exchange.guard import first_problem

            records = (r for collection in store.all_collections().values() for r in collection.all())
            problem = first_problem(records)
            what = problem.what if problem is not None else f"a value is out of range ({exc})"
            raise DataFileError(f"cannot read the agenda from {store.path}: {what}") from None
    sys.stdout.write(text)
    return EXIT_OK


def _cmd_import_linkedin(path: Path, source: Path) -> int:
    from infoview_tui.exchange.linkedin import ImportFileError, apply_plan, plan_import, read_connections

    try:
        parsed = read_connections(source)  # before the store opens: a bad file never creates or locks it
    except ImportFileError as exc:
        raise UserError(str(exc)) from None
    with Store.open(path) as store:
        plan = apply_plan(store.contacts, plan_import(parsed, store.contacts.all(), store.clock.now()))
        if not store.flush(timeout=120):
            raise DataFileError(f"Could not write {path}: {store.last_error}")
    _tell(store)
    print(plan.summary())
    for item in [*plan.rejected, *plan.warnings]:
        print(item)
    return EXIT_OK


PROFILE_OPTIONS = {
    "name": "--name",
    "intro": "--intro",
    "email": "--email",
    "linkedin_url": "--linkedin",
    "school_or_field": "--field",
}


def _cmd_profile(path: Path, args: argparse.Namespace) -> int:
    """Print the profile, or change the fields given (checked before the file is touched)."""
    from infoview_tui.domain.models import Profile
    from infoview_tui.domain.profile import describe, edit_profile

    given = {
        "name": args.name,
        "intro": args.intro,
        "email": args.email,
        "linkedin_url": args.linkedin,
        "school_or_field": args.field,
    }
    if all(value is None for value in given.values()):
        if not path.exists():
            profile = Profile()
        else:
            with Store.open(path, read_only=True) as store:
                profile = store.profile
        if profile.is_empty:
            print("No profile yet. Set it with: infoview-tui profile --name NAME --intro TEXT")
        else:
            print("\n".join(strip_controls(line) for line in describe(profile)))
        return EXIT_OK
    _checked, problems = edit_profile(Profile(), **given)
    if problems:
        key, problem = next(iter(problems.items()))
        raise UserError(f"{PROFILE_OPTIONS[key]}: {problem}")
    with Store.open(path) as store:
        profile, _ = edit_profile(store.profile, **given)
        store.save_profile(profile)
        if not store.flush(timeout=120):
            raise DataFileError(f"Could not write {path}: {store.last_error}")
    _tell(store)
    print("\n".join(strip_controls(line) for line in describe(profile)))
    return EXIT_OK


def _record_id(value: str) -> str:
    """A record id as typed (a ULID: case does not matter in Crockford base32), or argparse's error."""
    from infoview_tui.domain.ids import is_id

    record_id = value.strip().upper()
    if not is_id(record_id):
        raise argparse.ArgumentTypeError(f"{value!r} is not a record id (26 letters and digits, a ULID)")
    return record_id


def _check_export_options(fmt: str, interview_id: RecordId | None, output: str | None = None) -> None:
    """Option combinations that cannot work, refused before the data file is opened."""
    if fmt != "markdown" and interview_id is not None:
        raise UserError(f"--interview works with --format markdown, not {fmt}")
    if fmt == "markdown" and interview_id is None:
        if not output:
            raise UserError(MARKDOWN_NEEDS_FOLDER)
        folder = Path(output).expanduser()
        if folder.exists() and not folder.is_dir():
            raise UserError(
                f"{folder} is a file; --format markdown without --interview writes one file per conducted "
                "interview into a folder: give a folder for -o"
            )


def _export_markdown_folder(path: Path, folder: Path) -> int:
    """Every conducted interview, one Markdown file each, into `folder`."""
    from infoview_tui.exchange.interview_markdown import export_all
    from infoview_tui.exchange.snapshot import Snapshot

    if not path.exists():
        raise UserError(f"there is no data file at {path} yet; nothing to export.")
    store = Store.open(path, read_only=True)
    problems: list[Problem] = []
    try:
        written = export_all(Snapshot.of(store), folder, store.clock.now(), problems)
    except OSError as exc:
        raise UserError(f"cannot write to {folder}: {exc.strerror or exc}") from None
    except (OverflowError, ValueError) as exc:  # export_guard should have caught it: still never a traceback
        raise _unusable_value(store, exc) from None
    _warn(problems)
    if written:
        noun = "interview" if len(written) == 1 else "interviews"
        print(f"Exported {len(written)} conducted {noun} from {path} to {folder}", file=sys.stderr)
    else:
        print(f"No conducted interviews in {path} yet; {folder} is ready for them.", file=sys.stderr)
    return EXIT_OK


def _export_data(
    store: Store,
    fmt: str,
    interview_id: RecordId | None,
    problems: list[Problem],
    reminders: Reminders = "events",
) -> str | bytes:
    """The export as text, or bytes for formats with their own encoding and line ends (ics).

    Values the calendar or Markdown export left out are added to `problems`; a value that still makes an
    export fail (the JSON backup keeps everything as stored) becomes a DataFileError naming the record.
    """
    from infoview_tui.exchange.export_files import render_export
    from infoview_tui.exchange.json_backup import export_json
    from infoview_tui.exchange.markdown_parts import UnknownInterviewError
    from infoview_tui.exchange.snapshot import Snapshot

    if fmt == "markdown" and interview_id is None:  # every conducted interview goes to a folder
        raise UserError(MARKDOWN_NEEDS_FOLDER)
    try:
        if fmt == "json":
            return export_json(store.export_dict())
        return render_export(
            Snapshot.of(store),
            fmt,
            store.clock.now(),
            problems,
            interview_id=interview_id,
            reminders=reminders,
        )
    except UnknownInterviewError:
        raise UserError(f"there is no interview with id {interview_id} in {store.path}") from None
    except (OverflowError, ValueError) as exc:
        raise _unusable_value(store, exc) from None


def _cmd_export(
    path: Path,
    fmt: str,
    output: str | None,
    interview_id: RecordId | None = None,
    reminders: str | None = None,
) -> int:
    from infoview_tui.fileio import atomic_write_text

    _check_export_options(fmt, interview_id, output)
    if reminders is not None and fmt != "ics":
        raise UserError(f"--reminders works with --format ics, not {fmt}")
    style: Reminders = "todos" if reminders == "todos" else "events"
    if fmt == "markdown" and interview_id is None and output:
        return _export_markdown_folder(path, Path(output).expanduser())
    if not path.exists():
        raise UserError(f"there is no data file at {path} yet; nothing to export.")
    store = Store.open(path, read_only=True)
    problems: list[Problem] = []
    data = _export_data(store, fmt, interview_id, problems, style)
    _warn(problems)
    if output:
        target = Path(output).expanduser()
        # atomic_write_text encodes UTF-8 and writes in binary mode: UTF-8 bytes (ics) survive exactly.
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        try:
            atomic_write_text(target, text)
        except OSError as exc:
            raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
        print(f"Exported {path} to {target}", file=sys.stderr)
    elif isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)
    return EXIT_OK


def unsaved_message(path: Path, error: BaseException | None, rescued: Path | None) -> str:
    """What to say when the app closed with changes the data file could not take: where they are kept and the
    one command that puts them back."""
    said = f"some changes could not be saved to {path}: {error}."
    if rescued is None:
        return said + " No other place could take them either (is the disk full?)."
    return (
        f"{said} Everything you changed is kept in {rescued}. Once {path} can be written again, "
        f"`infoview-tui --data {shlex.quote(str(path))} merge {shlex.quote(str(rescued))}` puts it back."
    )


def _run_app(path: Path, *, demo: bool = False) -> int:
    from infoview_tui import allocator
    from infoview_tui.store.dashboard_cache import QuickStart, remember

    allocator.limit_arenas()  # before the first thread (QuickStart's) starts
    quick = QuickStart(path)  # reads the file and its Dashboard snapshot while the app is imported
    from infoview_tui.ui.app import InfoviewApp

    store = Store.open(path, clock=SystemClock(), preload=False)
    app = InfoviewApp(store, demo=demo, quick=quick)
    try:
        app.run()
    finally:
        saved = store.close()
    if store.set_aside is not None:
        print(
            f"infoview-tui: the notebook was open read-only; what you changed is saved in {store.set_aside}. "
            "Merge it once the other computer is done with the file.",
            file=sys.stderr,
        )
    if saved and not app.load_error and not demo and store.set_aside is None:
        remember(store)  # the next start shows the Dashboard before reading the whole file
    if app.load_error:
        return _fail(EXIT_DATA, app.load_error)
    if not saved:
        from infoview_tui.store.storage import newest_backup

        newest = newest_backup(store.path)
        hint = f" The newest good backup is {newest}." if newest else ""
        return _fail(EXIT_DATA, unsaved_message(store.path, store.last_error, store.rescued) + hint)
    if app.return_code not in (None, 0):
        return int(app.return_code or 0)
    return EXIT_OK


def _run_demo_app() -> int:
    from infoview_tui.demo import populate_demo

    folder = Path(tempfile.mkdtemp(prefix="infoview-demo-"))
    try:
        path = folder / "infoview.json"
        with Store.open(path) as store:
            populate_demo(store, store.clock.now())
        return _run_app(path, demo=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
