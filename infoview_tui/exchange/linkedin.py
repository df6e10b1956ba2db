"""Provides the import of LinkedIn's "Connections.csv" export into your contacts.

Three steps, each usable on its own: `parse_connections` turns the file's bytes into rows (or refuses the
file with an `ImportFileError` whose message is fit to show), `plan_import` works out what to add and what to
update without touching anything, and `apply_plan` writes the plan through the contacts collection it is
given (a `ContactBook`, such as `Store.contacts`) with at most two writes.
`import_connections` runs all three on a path.

What the parser accepts, because LinkedIn's exports vary:

- a UTF-8 byte-order mark, and a "Notes:" preamble of any length before the header (the header line is
  searched for, never found by skipping a fixed number of lines);
- the current header `First Name,Last Name,URL,Email Address,Company,Position,Connected On` and the older
  one without `URL`, matched by column name ignoring case and spacing, in any order; extra columns are
  ignored;
- CRLF, LF or CR line ends, quoted commas, doubled quotes and quoted line breaks; `;` or tab as the
  separator (a spreadsheet re-saved it), found from the header line;
- `Connected On` as `12 Mar 2024` (English month names, abbreviated or full) or `2024-03-12`.

Row by row: blank lines (and rows whose every field is empty) are skipped silently; a row with the wrong
number of fields, broken quoting, or neither a first nor a last name is rejected with its line number and a
reason; a date that cannot be read keeps the row, without `connected_on`, and adds a warning.

The file may come from anyone, so every field is cleaned like a form field (`validation.clean_line`: control
characters, ESC sequences and bidi overrides dropped, one line, at most `validation.MAX_FIELD` characters; a
cut adds a warning). A profile link must pass the contact form's check (`validation.check_url`: http(s) with a
host) and `safe_text.openable_url`; an email must pass `validation.check_email`. A value that fails is dropped
(the row is kept without it) and a warning names it, so `--gpu-launcher=…`, `file:///etc/passwd` or
`javascript:…` never reaches the browser. A file that is
not UTF-8 text, has no LinkedIn header, or has no usable row raises `ImportFileError`; it is never a silent
success.

Matching (see `plan_import`) never overwrites what you wrote: only company and title follow the export, and
empty link, email and connection date are filled in.

This module imports neither Textual nor TinyDB; the store is only a type here.
"""

from __future__ import annotations

import csv
import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from infoview_tui.domain.models import Channel, Contact, HowKnown, replace
from infoview_tui.domain.safe_text import openable_url
from infoview_tui.domain.validation import MAX_FIELD, check_email, check_url, clean_line, normalise_url

__all__ = [
    "CURRENT_HEADER",
    "MAX_FILE_BYTES",
    "ConnectionRow",
    "ContactBook",
    "ImportFileError",
    "ImportPlan",
    "ParsedConnections",
    "RejectedRow",
    "RowWarning",
    "apply_plan",
    "import_connections",
    "normalise_linkedin_url",
    "parse_connections",
    "plan_import",
    "read_connections",
]

CURRENT_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
"""The header of LinkedIn's export since 2020; older exports lack `URL`."""
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Anything bigger is not a Connections.csv (LinkedIn caps connections at 30,000, about 4 MB)."""
SUMMARY_DETAILS = 3
"""How many rejected rows or warnings `ImportPlan.summary` spells out before "and N more"."""

_FIRST, _LAST, _URL, _EMAIL, _COMPANY, _POSITION, _CONNECTED = (
    "first name",
    "last name",
    "url",
    "email address",
    "company",
    "position",
    "connected on",
)
_REQUIRED_COLUMNS = (_FIRST, _LAST, _EMAIL, _COMPANY, _POSITION, _CONNECTED)
_DELIMITERS = (",", ";", "\t")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
"""English, whatever the locale: `strptime("%b")` would follow the user's locale."""
_LINKEDIN_DATE = re.compile(r"(\d{1,2})[ \-]([A-Za-z]{3,9})\.?[ \-](\d{4})")
"""`12 Mar 2024`; the month name is at least three letters, so it names one month."""
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ImportFileError(ValueError):
    """The file cannot be imported at all; the message says why, in words fit for the user."""


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row of the file that was not imported."""

    line: int
    """1-based line number in the file (the first line of the row, if a quoted field spans lines)."""
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RowWarning:
    """A row that was imported, with something the user may want to check."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class ConnectionRow:
    """One connection as it appears in the file, fields stripped and NFC-normalised."""

    line: int
    first_name: str
    last_name: str
    url: str
    email: str
    company: str
    position: str
    connected_on: date | None

    @property
    def name(self) -> str:
        return " ".join(f"{self.first_name} {self.last_name}".split())


@dataclass(frozen=True, slots=True)
class ParsedConnections:
    """What `parse_connections` read: usable rows, rejected rows and warnings, each with its line."""

    rows: list[ConnectionRow]
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)
    header_line: int = 0
    has_url: bool = True
    """False for the older export without a URL column."""


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import will do (or, returned by `apply_plan`, did): nothing here has touched the store."""

    to_add: list[Contact] = field(default_factory=list)
    to_update: list[Contact] = field(default_factory=list)
    """Existing contacts in their new version (same id)."""
    unchanged: int = 0
    """Existing contacts that matched a row and needed no change."""
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)
    """Rows imported with a caveat: an unreadable date, or the same person twice in the file."""

    def summary(self) -> str:
        """One line: "Added 3, updated 1, unchanged 2, rejected 1 (line 9: no name)"."""
        text = (
            f"Added {len(self.to_add)}, updated {len(self.to_update)}, unchanged {self.unchanged}, "
            f"rejected {len(self.rejected)}"
        )
        if self.rejected:
            text += f" ({_details(self.rejected)})"
        if self.warnings:
            plural = "" if len(self.warnings) == 1 else "s"
            text += f"; {len(self.warnings)} warning{plural} ({_details(self.warnings)})"
        return text


def _details(items: list[RejectedRow] | list[RowWarning]) -> str:
    shown = "; ".join(str(item) for item in items[:SUMMARY_DETAILS])
    more = len(items) - SUMMARY_DETAILS
    return shown + (f"; and {more} more" if more > 0 else "")


# Parsing ---------------------------------------------------------------------------------------------------


def _clean(value: str) -> str:
    """A field as stored: one line, no control characters, NFC, at most MAX_FIELD characters."""
    return unicodedata.normalize("NFC", clean_line(value))


def _was_cut(value: str) -> bool:
    return len(" ".join(value.split())) > MAX_FIELD


def _profile_url(raw: str) -> tuple[str, str | None]:
    """The profile link as stored, or "" and a warning when the file's value is not a web address."""
    value = normalise_url(normalise_linkedin_url(clean_line(raw, MAX_FIELD)))
    if not value or (check_url(value) is None and openable_url(value) is not None):
        return value, None
    return "", f"profile link {_short(raw.strip())} is not a web address (https://…); imported without it"


def _email(raw: str) -> tuple[str, str | None]:
    """The email as stored, or "" and a warning when the file's value does not look like one."""
    value = _clean(raw)
    if check_email(value) is None:
        return value, None
    return "", f"email {_short(raw.strip())} does not look like an address; imported without it"


def _column_name(value: str) -> str:
    return " ".join(value.replace("\ufeff", "").split()).casefold()


@dataclass(frozen=True, slots=True)
class _Header:
    columns: dict[str, int]
    """Normalised column name -> position."""
    count: int
    delimiter: str


def _header(line: str) -> _Header | None:
    """The header's layout when `line` is a LinkedIn header, else None.

    Besides commas, `;` and tabs are accepted: a spreadsheet in a European locale re-saves CSV with `;`.
    """
    if "first" not in line.casefold():  # cheap test first: most lines are data
        return None
    for delimiter in _DELIMITERS:
        try:
            fields = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            continue
        columns: dict[str, int] = {}
        for index, name in enumerate(fields):
            columns.setdefault(_column_name(name), index)
        if all(c in columns for c in _REQUIRED_COLUMNS):
            return _Header(columns, len(fields), delimiter)
    return None


def _parse_date(value: str) -> date | None:
    """`12 Mar 2024` or `2024-03-12`; None when it is neither (the caller warns)."""
    try:
        if _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
        match = _LINKEDIN_DATE.fullmatch(value)
        if match is None:
            return None
        day, month_name, year = match.groups()
        month_name = month_name.casefold()
        month = next((n for n, m in enumerate(_MONTHS, 1) if m.startswith(month_name)), 0)
        return date(int(year), month, int(day)) if month else None
    except ValueError:  # 31 Feb 2024, 2024-13-01
        return None


def _short(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


def _records(lines: list[str], start: int, delimiter: str) -> Iterator[tuple[int, list[str] | str]]:
    """(1-based line, fields) per record from `lines[start:]`, or (line, reason) for broken quoting.

    Each record gets its own strict reader, so a stray quote costs one rejected line instead of silently
    swallowing the rest of the file into one field.
    """
    index = start
    while index < len(lines):
        reader = csv.reader((lines[i] for i in range(index, len(lines))), delimiter=delimiter, strict=True)
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            unclosed = "end of data" in str(exc) or "field limit" in str(
                exc
            )  # read on to the end of the file
            reason = "a quoted field is never closed" if unclosed else f"broken quoting ({exc})"
            yield index + 1, reason
            index += 1
            continue
        yield index + 1, fields
        index += max(1, reader.line_num)


def parse_connections(data: bytes, *, source: str = "the file") -> ParsedConnections:
    """Read LinkedIn's Connections.csv; raises ImportFileError when nothing in it can be imported.

    `source` names the file in error messages.
    """
    if b"\x00" in data:
        raise ImportFileError(f"{source} is not a CSV text file (it has binary data).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{source} is not a CSV text file in UTF-8 (from a spreadsheet, save it as 'CSV UTF-8')."
        ) from None
    if not text.strip():
        raise ImportFileError(f"{source} is empty; export Connections.csv from LinkedIn and try again.")
    lines = _split_lines(text)
    found = next(((i, header) for i, line in enumerate(lines) if (header := _header(line))), None)
    if found is None:
        raise ImportFileError(f"{source}: no LinkedIn header found (expected '{CURRENT_HEADER}').")
    header_index, header = found
    columns, expected = header.columns, header.count
    url_column = columns.get(_URL)
    rows: list[ConnectionRow] = []
    rejected: list[RejectedRow] = []
    warnings: list[RowWarning] = []
    for line_no, record in _records(lines, header_index + 1, header.delimiter):
        if isinstance(record, str):
            rejected.append(RejectedRow(line_no, record))
            continue
        if not any(f.strip() for f in record):
            continue  # a blank line, or a row of empty fields
        if len(record) != expected:
            rejected.append(RejectedRow(line_no, f"expected {expected} fields, found {len(record)}"))
            continue
        fields = {name: record[index] for name, index in columns.items() if index < len(record)}
        first, last = _clean(fields[_FIRST]), _clean(fields[_LAST])
        if not first and not last:
            rejected.append(RejectedRow(line_no, "no name"))
            continue
        raw_date = record[columns[_CONNECTED]].strip()
        connected_on = _parse_date(raw_date) if raw_date else None
        if raw_date and connected_on is None:
            warnings.append(
                RowWarning(
                    line_no,
                    f"date {_short(raw_date)} not understood (expected like '12 Mar 2024'); kept without it",
                )
            )
        url, url_problem = _profile_url(fields[_URL]) if url_column is not None else ("", None)
        email, email_problem = _email(fields[_EMAIL])
        cut = [name for name in (_FIRST, _LAST, _COMPANY, _POSITION) if _was_cut(fields[name])]
        for problem in (url_problem, email_problem):
            if problem:
                warnings.append(RowWarning(line_no, problem))
        if cut:
            warnings.append(RowWarning(line_no, f"{', '.join(cut)} cut to {MAX_FIELD} characters"))
        rows.append(
            ConnectionRow(
                line=line_no,
                first_name=first,
                last_name=last,
                url=url,
                email=email,
                company=_clean(fields[_COMPANY]),
                position=_clean(fields[_POSITION]),
                connected_on=connected_on,
            )
        )
    if not rows:
        why = f" ({_details(rejected)})" if rejected else ""
        raise ImportFileError(f"{source}: found the LinkedIn header but no usable rows{why}.")
    return ParsedConnections(rows, rejected, warnings, header_index + 1, url_column is not None)


def _split_lines(text: str) -> list[str]:
    """Physical lines with their ends kept; only \\r\\n, \\n and \\r end a line (not U+2028 and friends)."""
    return re.findall(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$", text)


def read_connections(path: Path) -> ParsedConnections:
    """Read and parse a file; every OS problem becomes an ImportFileError naming the file."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError
        if size > MAX_FILE_BYTES:
            raise ImportFileError(
                f"{path} is {size // (1024 * 1024)} MB, too big to be LinkedIn's Connections.csv."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder; name the Connections.csv file inside it.") from None
    except PermissionError:
        raise ImportFileError(f"cannot read {path}: permission denied.") from None
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror or exc}.") from None
    return parse_connections(data, source=str(path))


# Planning --------------------------------------------------------------------------------------------------


def normalise_linkedin_url(url: str) -> str:
    """A profile link as stored: stripped, without query string, fragment or trailing slash."""
    url = url.strip()
    for mark in ("?", "#"):
        url = url.split(mark, 1)[0]
    return url.rstrip("/")


def _url_key(url: str) -> str:
    """Case, scheme and `www.` do not tell two profiles apart."""
    key = normalise_linkedin_url(url).casefold()
    for prefix in ("https://", "http://"):
        key = key.removeprefix(prefix)
    return key.removeprefix("www.")


def _text_key(value: str) -> str:
    return unicodedata.normalize("NFC", " ".join(value.split()).casefold())


def _email_key(email: str) -> str:
    return email.strip().casefold()


def _name_key(contact: Contact) -> str:
    name = _text_key(contact.name)
    return f"{name}\x1f{_text_key(contact.company)}" if name else ""


@dataclass(slots=True)
class _Slot:
    """One person during planning: an existing contact (original set) or a new one from the file."""

    current: Contact
    original: Contact | None = None
    first_line: int | None = None
    """The file line that first matched this person; None while no row has."""


class _Matcher:
    """Finds the person a row belongs to: by profile link, then email, then name and company."""

    def __init__(self) -> None:
        self.slots: list[_Slot] = []
        self._by_url: dict[str, int] = {}
        self._by_email: dict[str, int] = {}
        self._by_name: dict[str, int] = {}

    def add(self, slot: _Slot) -> int:
        self.slots.append(slot)
        number = len(self.slots) - 1
        self.index(number)
        return number

    def index(self, number: int) -> None:
        contact = self.slots[number].current
        for keys, key in (
            (self._by_url, _url_key(contact.linkedin_url)),
            (self._by_email, _email_key(contact.email)),
            (self._by_name, _name_key(contact)),
        ):
            if key:
                keys.setdefault(key, number)  # two stored contacts with one key: the older one wins

    def find(self, contact: Contact) -> int | None:
        url = _url_key(contact.linkedin_url)
        if url and (number := self._by_url.get(url)) is not None:
            return number
        for keys, key in ((self._by_email, _email_key(contact.email)), (self._by_name, _name_key(contact))):
            number = keys.get(key) if key else None
            if number is not None:
                theirs = _url_key(self.slots[number].current.linkedin_url)
                if not (url and theirs and theirs != url):  # two different profiles: two people
                    return number
        return None


def _same_text(a: str, b: str) -> bool:
    return _text_key(a) == _text_key(b)


def _merge(current: Contact, incoming: Contact, *, follow_export: bool) -> Contact:
    """`current` with what the export adds; company and title change only when `follow_export`."""
    changes: dict[str, object] = {}
    for name in ("company", "title"):
        new, old = getattr(incoming, name), getattr(current, name)
        if new and (not old.strip() or (follow_export and not _same_text(new, old))):
            changes[name] = new
    for name in ("linkedin_url", "email"):
        if getattr(incoming, name) and not getattr(current, name).strip():
            changes[name] = getattr(incoming, name)
    if incoming.connected_on is not None and current.connected_on is None:
        changes["connected_on"] = incoming.connected_on
    return replace(current, **changes) if changes else current


def _contact_from(row: ConnectionRow, now: datetime) -> Contact:
    return Contact(
        name=row.name,
        title=row.position,
        company=row.company,
        email=row.email,
        linkedin_url=row.url,
        how_known=HowKnown.COLD,
        channel=Channel.LINKEDIN,
        connected_on=row.connected_on,
        created_at=now,
    )


def plan_import(parsed: ParsedConnections, existing: Iterable[Contact], now: datetime) -> ImportPlan:
    """What importing `parsed` into `existing` would change; touches nothing.

    A row matches a contact (archived ones too) by LinkedIn link (case-insensitive, ignoring scheme, `www.`,
    query and trailing slash), else by email (case-insensitive), else by name and company (case and spacing
    ignored); an email or name match is refused when both sides have different profile links. Rows match
    each other the same way, so a person listed twice is added once (later rows only fill empty fields;
    a warning names both lines).

    For a matched contact the user's words are kept: company and title follow the export when it has a
    non-empty value that differs other than in case or spacing; link, email and connection date are filled
    only where empty. Name, notes, tags, how-known, channel and priority are never touched. New contacts are
    cold contacts found via LinkedIn, created at `now`.
    """
    matcher = _Matcher()
    for contact in existing:
        matcher.add(_Slot(current=contact, original=contact))
    touched: list[int] = []
    warnings = list(parsed.warnings)
    for row in parsed.rows:
        incoming = _contact_from(row, now)
        number = matcher.find(incoming)
        if number is None:
            number = matcher.add(_Slot(current=incoming, first_line=row.line))
            touched.append(number)
            continue
        slot = matcher.slots[number]
        if slot.first_line is not None:
            warnings.append(RowWarning(row.line, f"same person as line {slot.first_line}; merged into it"))
            slot.current = _merge(slot.current, incoming, follow_export=False)
        else:
            slot.first_line = row.line
            slot.current = _merge(slot.current, incoming, follow_export=True)
            touched.append(number)
        matcher.index(number)  # a filled-in email or link now finds this person too
    to_add: list[Contact] = []
    to_update: list[Contact] = []
    unchanged = 0
    for number in touched:
        slot = matcher.slots[number]
        if slot.original is None:
            to_add.append(slot.current)
        elif slot.current != slot.original:
            to_update.append(slot.current)
        else:
            unchanged += 1
    warnings.sort(key=lambda w: w.line)
    return ImportPlan(to_add, to_update, unchanged, list(parsed.rejected), warnings)


# Applying --------------------------------------------------------------------------------------------------


class ContactBook(Protocol):
    """The only part of a store an import needs: `infoview_tui.store.Store.contacts` is one."""

    def all(self) -> list[Contact]: ...

    def add_many(self, records: Iterable[Contact], /) -> list[Contact]: ...

    def update_many(self, records: Iterable[Contact], /) -> list[Contact]: ...


def apply_plan(contacts: ContactBook, plan: ImportPlan) -> ImportPlan:
    """Write a plan to `contacts` with one `add_many` and one `update_many` (empty batches skipped).

    Returns the plan with the saved contacts (ids and timestamps set).
    """
    added = contacts.add_many(plan.to_add) if plan.to_add else []
    updated = contacts.update_many(plan.to_update) if plan.to_update else []
    return dataclasses.replace(plan, to_add=added, to_update=updated)


def import_connections(contacts: ContactBook, path: Path, now: datetime) -> ImportPlan:
    """Read, plan and apply LinkedIn's Connections.csv at `path`: at most two writes, none on error.

    Raises ImportFileError (the file cannot be read or has nothing to import); `contacts` is untouched then.
    """
    parsed = read_connections(path)
    return apply_plan(contacts, plan_import(parsed, contacts.all(), now))
