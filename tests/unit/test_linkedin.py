"""LinkedIn Connections.csv import: parsing, matching and merging, applying in two writes, and the CLI."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.cli import main
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import Channel, Contact, HowKnown, replace
from infoview_tui.exchange.linkedin import (
    CURRENT_HEADER,
    ImportFileError,
    ImportPlan,
    ParsedConnections,
    RejectedRow,
    RowWarning,
    import_connections,
    normalise_linkedin_url,
    parse_connections,
    plan_import,
    read_connections,
)
from infoview_tui.store import Store

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "linkedin"
SAMPLE = FIXTURES / "connections-sample.csv"
"""An exact copy of ../shared/samples/linkedin-connections.csv (BOM, Notes preamble, CRLF)."""
SHARED_SAMPLE = ROOT.parent / "shared" / "samples" / "linkedin-connections.csv"
OLD_HEADER = "First Name,Last Name,Email Address,Company,Position,Connected On"
PREAMBLE = (
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"',
    "",
)
T0 = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
URL = "https://www.linkedin.com/in/"


def export(
    *rows: str,
    header: str = CURRENT_HEADER,
    preamble: tuple[str, ...] = PREAMBLE,
    newline: str = "\r\n",
    bom: bool = True,
) -> bytes:
    """A Connections.csv the way LinkedIn writes it; rows are raw CSV lines."""
    text = newline.join([*preamble, header, *rows]) + newline
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def row(first: str, last: str, slug: str = "", email: str = "", company: str = "", position: str = "") -> str:
    """One current-format row; a slug becomes a profile link. Values must not need quoting."""
    url = URL + slug if slug else ""
    return f"{first},{last},{url},{email},{company},{position},12 Mar 2024"


def parse(data: bytes) -> ParsedConnections:
    return parse_connections(data, source="Connections.csv")


def plan(data: bytes, existing: list[Contact] | None = None) -> ImportPlan:
    return plan_import(parse(data), existing or [], T0)


def saved(contact: Contact, contact_id: int) -> Contact:
    """An existing contact as the store would hand it out."""
    return replace(contact, id=str(contact_id), created_at=T0, updated_at=T0)


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "infoview.json"


@pytest.fixture
def store(data_path: Path) -> Iterator[Store]:
    opened = Store.open(data_path, clock=FixedClock(T0))
    yield opened
    opened.close()


@pytest.fixture
def writes(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts store writes from now on (each is one whole-file save)."""
    calls: list[int] = []
    real: Callable[[Any], None] = store.storage.write

    def counting(data: Any) -> None:
        calls.append(1)
        real(data)

    monkeypatch.setattr(store.storage, "write", counting)
    return calls


def write_file(tmp_path: Path, data: bytes, name: str = "Connections.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# Parsing ---------------------------------------------------------------------------------------------------


def test_the_sample_export_parses() -> None:
    parsed = parse(SAMPLE.read_bytes())
    assert parsed.header_line == 4 and parsed.has_url
    assert parsed.rejected == [] and parsed.warnings == []
    assert [r.line for r in parsed.rows] == [5, 6, 7, 8, 9]
    maya, luis, priya, jonas, aiko = parsed.rows
    assert (maya.name, maya.email, maya.company, maya.position) == (
        "Maya Okafor",
        "",
        "Northwind Analytics",
        "Data Scientist",
    )
    assert maya.url == URL + "maya-okafor-example"
    assert maya.connected_on == date(2025, 2, 3)
    assert (
        luis.name == "Luis Fernández" and luis.company == "Contoso, Ltd." and luis.email == "luis@example.org"
    )
    assert priya.position == 'Senior Engineer "Platform"'
    assert (jonas.company, jonas.position, jonas.connected_on) == ("", "", date(2026, 1, 5))
    assert aiko.connected_on == date(2024, 3, 12)


def test_the_local_sample_is_an_exact_copy_of_the_shared_one() -> None:
    if not SHARED_SAMPLE.exists():
        pytest.skip("../shared/samples is not beside the repository")
    assert SAMPLE.read_bytes() == SHARED_SAMPLE.read_bytes()
    assert parse(SHARED_SAMPLE.read_bytes()).rows == parse(SAMPLE.read_bytes()).rows


def test_the_sample_keeps_its_byte_order_mark_preamble_and_crlf() -> None:
    raw = SAMPLE.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfNotes:") and b"\r\n" in raw


@pytest.mark.parametrize("preamble_lines", [0, 1, 3, 7])
@pytest.mark.parametrize("bom", [True, False])
def test_the_header_is_found_after_any_preamble(preamble_lines: int, bom: bool) -> None:
    preamble = ("Notes:", *[f"note line {n}" for n in range(preamble_lines - 1)])[:preamble_lines]
    parsed = parse(export(row("Ada", "Lovelace", "ada"), preamble=preamble, bom=bom))
    assert parsed.header_line == preamble_lines + 1
    assert [(r.line, r.name) for r in parsed.rows] == [(preamble_lines + 2, "Ada Lovelace")]


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_line_ends_do_not_matter(newline: str) -> None:
    parsed = parse(export(row("Ada", "Lovelace", "ada"), row("Alan", "Turing", "alan"), newline=newline))
    assert [(r.line, r.name, r.url) for r in parsed.rows] == [
        (5, "Ada Lovelace", URL + "ada"),
        (6, "Alan Turing", URL + "alan"),
    ]


def test_quoted_commas_doubled_quotes_and_line_breaks() -> None:
    parsed = parse(
        export(
            'Grace,Hopper,,,"Navy, US","Rear Admiral ""Amazing Grace""",01 Jan 2020',
            'Ada,Lovelace,,,"Analytical\r\nEngines",Programmer,02 Jan 2020',
            row("Alan", "Turing"),
        )
    )
    grace, ada, _alan = parsed.rows
    assert grace.company == "Navy, US" and grace.position == 'Rear Admiral "Amazing Grace"'
    assert ada.company == "Analytical Engines"  # a quoted line break is read, then the field made one line
    assert [r.line for r in parsed.rows] == [5, 6, 8]  # a row spanning two lines keeps its first line


def test_empty_email_and_company_are_fine() -> None:
    (only,) = parse(export("Ada,Lovelace,,,,,")).rows
    assert (only.url, only.email, only.company, only.position, only.connected_on) == ("", "", "", "", None)


def test_unicode_names_are_kept_and_normalised() -> None:
    decomposed = "Zoe\u0308"  # "Zoë" as e + combining diaeresis
    parsed = parse(export(row(decomposed, "Ødegaard"), row("李", "小龙"), row("Ólafur", "Arnalds")))
    assert [r.name for r in parsed.rows] == ["Zoë Ødegaard", "李 小龙", "Ólafur Arnalds"]
    assert parsed.rows[0].first_name == "Zo\u00eb"  # NFC: one code point for ë, so it matches typed names


def test_the_older_header_without_url() -> None:
    parsed = parse(
        export("Ada,Lovelace,ada@example.org,Analytical,Programmer,12 Mar 2024", header=OLD_HEADER)
    )
    assert not parsed.has_url
    (ada,) = parsed.rows
    assert (ada.url, ada.email, ada.company, ada.connected_on) == (
        "",
        "ada@example.org",
        "Analytical",
        date(2024, 3, 12),
    )


def test_the_header_is_matched_ignoring_case_and_spacing() -> None:
    header = " first name ,LAST  NAME, Url ,email address,COMPANY,Position ,connected on"
    (ada,) = parse(export(row("Ada", "Lovelace", "ada", company="Analytical"), header=header)).rows
    assert (ada.name, ada.url, ada.company) == ("Ada Lovelace", URL + "ada", "Analytical")


def test_columns_are_found_by_name_not_position() -> None:
    header = "Connected On,Position,Company,Email Address,URL,Last Name,First Name"
    (ada,) = parse(export(f"05 Jan 2026,Programmer,Analytical,,{URL}ada,Lovelace,Ada", header=header)).rows
    assert (ada.name, ada.position, ada.company, ada.connected_on) == (
        "Ada Lovelace",
        "Programmer",
        "Analytical",
        date(2026, 1, 5),
    )


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_file_re_saved_by_a_spreadsheet_with_another_separator(delimiter: str) -> None:
    header = CURRENT_HEADER.replace(",", delimiter)
    line = delimiter.join(["Luis", "Fernández", URL + "luis", "", "Contoso, Ltd.", "PM", "17 Nov 2024"])
    (luis,) = parse(export(line, header=header, bom=False)).rows
    assert (luis.name, luis.company, luis.connected_on) == (
        "Luis Fernández",
        "Contoso, Ltd.",
        date(2024, 11, 17),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mar 2024", date(2024, 3, 12)),
        ("3 Feb 2025", date(2025, 2, 3)),
        ("03 feb 2025", date(2025, 2, 3)),
        ("12 March 2024", date(2024, 3, 12)),
        ("1 Sept 2023", date(2023, 9, 1)),
        ("2024-03-12", date(2024, 3, 12)),
        ("", None),
    ],
)
def test_connected_on_dates(text: str, expected: date | None) -> None:
    parsed = parse(export(f"Ada,Lovelace,,,,,{text}"))
    assert parsed.rows[0].connected_on == expected
    assert parsed.warnings == []


@pytest.mark.parametrize(
    "text", ["31 Feb 2024", "yesterday", "Mar 12 2024", "12/03/2024", "2024-13-01", "12 Ma 2024"]
)
def test_a_bad_date_keeps_the_row_without_it_and_warns(text: str) -> None:
    parsed = parse(export(row("Alan", "Turing"), f"Ada,Lovelace,,,,,{text}"))
    assert [r.name for r in parsed.rows] == ["Alan Turing", "Ada Lovelace"]
    assert parsed.rows[1].connected_on is None
    (warning,) = parsed.warnings
    assert warning.line == 6 and repr(text) in warning.message and "not understood" in warning.message


def test_a_row_with_the_wrong_number_of_fields_is_rejected() -> None:
    parsed = parse(export(row("Alan", "Turing"), "Ada,Lovelace,,x,y", row("Grace", "Hopper") + ",extra"))
    assert [r.name for r in parsed.rows] == ["Alan Turing"]
    assert parsed.rejected == [
        RejectedRow(6, "expected 7 fields, found 5"),
        RejectedRow(7, "expected 7 fields, found 8"),
    ]


def test_a_row_without_a_name_is_rejected_but_one_name_is_enough() -> None:
    parsed = parse(export(row("", "", "nobody", company="Acme"), row("Cher", ""), row("", "Prince")))
    assert [r.name for r in parsed.rows] == ["Cher", "Prince"]
    assert parsed.rejected == [RejectedRow(5, "no name")]


def test_blank_lines_are_ignored_and_line_numbers_stay_true() -> None:
    parsed = parse(export("", row("Ada", "Lovelace"), "   ", ",,,,,,", "", row("Alan", "Turing"), ""))
    assert [(r.line, r.name) for r in parsed.rows] == [(6, "Ada Lovelace"), (10, "Alan Turing")]
    assert parsed.rejected == []


def test_a_quote_that_is_never_closed_costs_one_line_not_the_rest_of_the_file() -> None:
    parsed = parse(export(row("Ada", "Lovelace"), 'Alan,"Turing,,,,,12 Mar 2024', row("Grace", "Hopper")))
    assert [r.name for r in parsed.rows] == ["Ada Lovelace", "Grace Hopper"]
    assert [r.line for r in parsed.rejected] == [6]
    assert "quot" in parsed.rejected[0].reason


def test_an_unclosed_quote_early_in_a_big_file_is_one_rejected_line() -> None:
    rows = [row(f"First{n}", f"Last{n}", f"p{n}") for n in range(5000)]
    rows[1] = 'Alan,"Turing,,,,,12 Mar 2024'
    parsed = parse(export(*rows))
    assert len(parsed.rows) == 4999
    assert parsed.rejected == [RejectedRow(6, "a quoted field is never closed")]


def test_no_header_is_an_error_naming_the_expected_header() -> None:
    with pytest.raises(ImportFileError) as error:
        parse(b"name,email\nAda,ada@example.org\n")
    assert "no LinkedIn header found" in str(error.value) and CURRENT_HEADER in str(error.value)


def test_a_header_without_rows_is_an_error() -> None:
    with pytest.raises(ImportFileError, match="no usable rows"):
        parse(export())
    with pytest.raises(ImportFileError, match="no usable rows"):
        parse(export("", ",,,,,,"))


def test_a_file_whose_rows_are_all_rejected_is_an_error_that_says_why() -> None:
    with pytest.raises(ImportFileError) as error:
        parse(export("Ada,Lovelace", row("", "")))
    message = str(error.value)
    assert "no usable rows" in message and "line 5: expected 7 fields, found 2" in message
    assert "line 6: no name" in message and "\n" not in message


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        export(row("Ada", "Lovelace")).replace(b"Ada", b"A\x00a"),
        "First Name,Last Name\nJos\u00e9,M\n".encode("latin-1"),
    ],
    ids=["png", "nul-byte", "latin-1"],
)
def test_binary_or_non_utf8_data_is_not_a_csv_text_file(data: bytes) -> None:
    with pytest.raises(ImportFileError, match=r"Connections\.csv is not a CSV text file"):
        parse(data)


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b" \r\n\n"])
def test_an_empty_file_is_an_error(data: bytes) -> None:
    with pytest.raises(ImportFileError, match="is empty"):
        parse(data)


def test_import_file_error_is_a_value_error() -> None:
    assert issubclass(ImportFileError, ValueError)


# Reading files ---------------------------------------------------------------------------------------------


def test_a_missing_file_or_a_folder_is_an_import_file_error(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="does not exist"):
        read_connections(tmp_path / "nope.csv")
    with pytest.raises(ImportFileError, match="is a folder"):
        read_connections(tmp_path)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user"
)
def test_an_unreadable_file_is_an_import_file_error(tmp_path: Path) -> None:
    path = write_file(tmp_path, export(row("Ada", "Lovelace")))
    path.chmod(0)
    with pytest.raises(ImportFileError, match="permission denied"):
        read_connections(path)


def test_a_permission_error_is_an_import_file_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_file(tmp_path, export(row("Ada", "Lovelace")))

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(ImportFileError, match="permission denied"):
        read_connections(path)


def test_read_connections_names_the_file(tmp_path: Path) -> None:
    path = write_file(tmp_path, b"\x00\x01binary")
    with pytest.raises(ImportFileError) as error:
        read_connections(path)
    assert str(error.value).startswith(f"{path} is not a CSV text file")


# Planning --------------------------------------------------------------------------------------------------


def test_new_connections_become_cold_linkedin_contacts() -> None:
    line = f"Ada,Lovelace, {URL}ada-lovelace/?trk=public , ada@example.org ,Analytical,Programmer,12 Mar 2024"
    result = plan(export(line))
    assert result.to_update == [] and result.unchanged == 0 and result.rejected == []
    (ada,) = result.to_add
    assert ada == Contact(
        name="Ada Lovelace",
        title="Programmer",
        company="Analytical",
        email="ada@example.org",
        linkedin_url=URL + "ada-lovelace",
        how_known=HowKnown.COLD,
        channel=Channel.LINKEDIN,
        connected_on=date(2024, 3, 12),
        created_at=T0,
    )
    assert ada.how_known_label == "Cold via LinkedIn"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f" {URL}ada/ ", URL + "ada"),
        (f"{URL}ada?trk=abc&x=1", URL + "ada"),
        (f"{URL}ada/#about", URL + "ada"),
        (f"{URL}ada", URL + "ada"),
        ("", ""),
    ],
)
def test_profile_links_are_normalised(raw: str, expected: str) -> None:
    assert normalise_linkedin_url(raw) == expected


def test_the_sample_plans_five_new_contacts() -> None:
    result = plan(SAMPLE.read_bytes())
    assert [c.name for c in result.to_add] == [
        "Maya Okafor",
        "Luis Fernández",
        "Priya Raman",
        "Jonas Berg",
        "Aiko Tanaka",
    ]
    assert result.summary() == "Added 5, updated 0, unchanged 0, rejected 0"


def test_an_existing_contact_is_matched_by_link_ignoring_case_scheme_and_slash() -> None:
    existing = [
        saved(
            Contact(
                name="A. Lovelace", linkedin_url="http://LinkedIn.com/in/Ada/", connected_on=date(2024, 3, 12)
            ),
            7,
        )
    ]
    result = plan(export(row("Ada", "Lovelace", "ada")), existing)
    assert result.to_add == [] and result.to_update == [] and result.unchanged == 1


def test_a_newer_export_updates_company_and_title_and_nothing_the_user_wrote() -> None:
    mine = saved(
        Contact(
            name="Ada L.",
            title="Programmer",
            company="Analytical",
            email="ada@home.example",
            linkedin_url=URL + "ada",
            how_known=HowKnown.FRIEND,
            tags=("math", "poetry"),
            notes="Met at the salon.",
            priority=1,
        ),
        3,
    )
    newer = export(f"Ada,Lovelace,{URL}ada,ada@work.example,Babbage & Co,Lead Programmer,12 Mar 2024")
    result = plan(newer, [mine])
    (updated,) = result.to_update
    assert updated == replace(
        mine, company="Babbage & Co", title="Lead Programmer", connected_on=date(2024, 3, 12)
    )
    assert (
        updated.name,
        updated.email,
        updated.notes,
        updated.tags,
        updated.how_known,
        updated.priority,
    ) == (
        "Ada L.",
        "ada@home.example",
        "Met at the salon.",
        ("math", "poetry"),
        HowKnown.FRIEND,
        1,
    )
    assert result.summary() == "Added 0, updated 1, unchanged 0, rejected 0"


def test_empty_fields_are_filled_but_an_empty_export_value_never_clears() -> None:
    mine = saved(
        Contact(name="Ada Lovelace", company="Analytical", title="Programmer", linkedin_url=URL + "ada"), 3
    )
    (updated,) = plan(export(f"Ada,Lovelace,{URL}ada/,ada@example.org,,,12 Mar 2024"), [mine]).to_update
    assert (updated.company, updated.title, updated.linkedin_url) == ("Analytical", "Programmer", URL + "ada")
    assert (updated.email, updated.connected_on) == ("ada@example.org", date(2024, 3, 12))
    no_link = saved(Contact(name="Ada Lovelace", email="ada@example.org"), 4)
    (filled,) = plan(export(f"Ada,Lovelace,{URL}ada/,ada@example.org,,,12 Mar 2024"), [no_link]).to_update
    assert (filled.linkedin_url, filled.company, filled.title) == (URL + "ada", "", "")


def test_a_change_only_in_case_or_spacing_is_not_an_update() -> None:
    mine = saved(
        Contact(name="Ada Lovelace", company="IBM", title="Staff  Engineer", linkedin_url=URL + "ada"), 3
    )
    mine = replace(mine, connected_on=date(2024, 3, 12))
    result = plan(export(row("Ada", "Lovelace", "ada", company="ibm", position="staff engineer")), [mine])
    assert result.to_update == [] and result.unchanged == 1


def test_matching_by_email_when_there_is_no_link() -> None:
    mine = saved(Contact(name="Countess of Lovelace", email="Ada@Example.org"), 4)
    data = export("Ada,Lovelace,ADA@example.ORG,Analytical,Programmer,12 Mar 2024", header=OLD_HEADER)
    result = plan(data, [mine])
    assert result.to_add == []
    (updated,) = result.to_update
    assert updated.id == "4" and updated.name == "Countess of Lovelace" and updated.company == "Analytical"


def test_matching_by_name_and_company_when_link_and_email_are_missing() -> None:
    mine = saved(Contact(name="ada  LOVELACE", company="Analytical Engines"), 5)
    data = export("Ada,Lovelace,,Analytical  engines,Programmer,12 Mar 2024", header=OLD_HEADER)
    result = plan(data, [mine])
    assert result.to_add == []
    (updated,) = result.to_update
    assert (updated.id, updated.title, updated.company) == ("5", "Programmer", "Analytical Engines")


def test_same_name_and_company_with_different_profile_links_are_two_people() -> None:
    mine = saved(Contact(name="John Smith", company="Acme", linkedin_url=URL + "john-smith-1"), 5)
    result = plan(export(row("John", "Smith", "john-smith-2", company="Acme")), [mine])
    assert [c.linkedin_url for c in result.to_add] == [URL + "john-smith-2"]
    assert result.unchanged == 0


def test_an_archived_contact_is_matched_and_not_added_again() -> None:
    gone = saved(Contact(name="Ada Lovelace", linkedin_url=URL + "ada", archived=True), 9)
    gone = replace(gone, connected_on=date(2024, 3, 12))
    result = plan(export(row("Ada", "Lovelace", "ada")), [gone])
    assert result.to_add == [] and result.unchanged == 1
    moved = plan(export(row("Ada", "Lovelace", "ada", company="Elsewhere")), [gone])
    assert [(c.id, c.company, c.archived) for c in moved.to_update] == [("9", "Elsewhere", True)]


def test_the_same_person_twice_in_one_file_is_added_once() -> None:
    data = export(
        row("Ada", "Lovelace", "ada", company="Analytical"),
        row("Alan", "Turing", "alan"),
        f"Ada,Lovelace,{URL}ADA/,ada@example.org,Other Co,Other title,12 Mar 2024",  # same link
        "Alan,Turing,,alan@example.org,,,",  # no link: name and (empty) company
        "Grace,Hopper,,grace@example.org,,,",
        "G.,Hopper,,Grace@Example.org,,,",  # same email
    )
    result = plan(data)
    assert [(c.name, c.email, c.company) for c in result.to_add] == [
        ("Ada Lovelace", "ada@example.org", "Analytical"),  # the first row wins; the second only fills
        ("Alan Turing", "alan@example.org", ""),
        ("Grace Hopper", "grace@example.org", ""),
    ]
    assert [str(w) for w in result.warnings] == [
        "line 7: same person as line 5; merged into it",
        "line 8: same person as line 6; merged into it",
        "line 10: same person as line 9; merged into it",
    ]


def test_duplicates_of_an_existing_contact_in_the_file_count_once() -> None:
    mine = saved(Contact(name="Ada Lovelace", linkedin_url=URL + "ada", connected_on=date(2024, 3, 12)), 2)
    result = plan(export(row("Ada", "Lovelace", "ada"), row("Ada", "Lovelace", "ada")), [mine])
    assert (len(result.to_add), len(result.to_update), result.unchanged, len(result.warnings)) == (0, 0, 1, 1)


def test_the_summary_spells_out_rejected_rows_and_warnings() -> None:
    existing = [
        saved(Contact(name="Kept One", linkedin_url=URL + "kept-1", connected_on=date(2024, 3, 12)), 1),
        saved(Contact(name="Kept Two", linkedin_url=URL + "kept-2", connected_on=date(2024, 3, 12)), 2),
        saved(Contact(name="Moved On", linkedin_url=URL + "moved", company="Old"), 3),
    ]
    data = export(
        row("New", "One", "new-1"),
        row("New", "Two", "new-2"),
        row("New", "Three", "new-3"),
        row("Kept", "One", "kept-1"),
        row("Kept", "Two", "kept-2"),
        row("", "", "nobody"),
        row("Moved", "On", "moved", company="New"),
    )
    result = plan(data, existing)
    assert result.summary() == "Added 3, updated 1, unchanged 2, rejected 1 (line 10: no name)"


def test_a_long_summary_is_cut_short() -> None:
    rejected = [RejectedRow(n, "no name") for n in range(5, 10)]
    warnings = [RowWarning(12, "date 'x' not understood")]
    text = ImportPlan(rejected=rejected, warnings=warnings).summary()
    assert text == (
        "Added 0, updated 0, unchanged 0, rejected 5 (line 5: no name; line 6: no name; line 7: no name; "
        "and 2 more); 1 warning (line 12: date 'x' not understood)"
    )


def test_planning_changes_nothing_it_is_given() -> None:
    existing = [saved(Contact(name="Ada Lovelace", linkedin_url=URL + "ada"), 1)]
    before = list(existing)
    plan(export(row("Ada", "Lovelace", "ada", company="New")), existing)
    assert existing == before


# Applying to the store -------------------------------------------------------------------------------------


def test_import_adds_and_updates_in_at_most_two_writes(
    tmp_path: Path, store: Store, data_path: Path, writes: list[int]
) -> None:
    first = import_connections(store.contacts, write_file(tmp_path, SAMPLE.read_bytes()), T0)
    assert len(writes) == 1  # only additions
    assert [c.id for c in first.to_add] == [
        c.id for c in store.contacts.all()
    ]  # the plan has the saved contacts
    mine = store.contacts.all()[0]
    store.contacts.update(replace(mine, notes="Ask about forecasting.", tags=("data",)))
    writes.clear()

    newer = SAMPLE.read_bytes().replace(b"Northwind Analytics,Data Scientist", b"Contoso,Lead Data Scientist")
    newer = newer.replace(
        b"05 Jan 2026\r\n", b"05 Jan 2026\r\n" + row("New", "Person", "new").encode() + b"\r\n"
    )
    second = import_connections(store.contacts, write_file(tmp_path, newer, "newer.csv"), T0)
    assert second.summary() == "Added 1, updated 1, unchanged 4, rejected 0"
    assert len(writes) == 2  # one add_many, one update_many
    assert store.flush()
    store.close()

    with Store.open(data_path, read_only=True) as reopened:
        contacts = reopened.contacts.all()
    assert len(contacts) == 6
    maya = contacts[0]
    assert (maya.company, maya.title, maya.notes, maya.tags) == (
        "Contoso",
        "Lead Data Scientist",
        "Ask about forecasting.",
        ("data",),
    )
    assert (maya.how_known, maya.channel) == (HowKnown.COLD, Channel.LINKEDIN)


def test_reimporting_the_same_file_changes_nothing_and_writes_nothing(
    tmp_path: Path, store: Store, writes: list[int]
) -> None:
    path = write_file(tmp_path, SAMPLE.read_bytes())
    import_connections(store.contacts, path, T0)
    writes.clear()
    again = import_connections(store.contacts, path, T0)
    assert (len(again.to_add), len(again.to_update), again.unchanged) == (0, 0, 5)
    assert again.summary() == "Added 0, updated 0, unchanged 5, rejected 0"
    assert writes == [] and len(store.contacts) == 5


def test_a_bad_file_leaves_the_store_untouched(
    tmp_path: Path, store: Store, data_path: Path, writes: list[int]
) -> None:
    import_connections(store.contacts, write_file(tmp_path, SAMPLE.read_bytes()), T0)
    assert store.flush()
    before = data_path.read_bytes()
    writes.clear()
    for bad in (b"\x89PNG\r\n\x1a\n\x00\x00binary", b"", b"name,email\n"):
        with pytest.raises(ImportFileError):
            import_connections(store.contacts, write_file(tmp_path, bad, "bad.csv"), T0)
    with pytest.raises(ImportFileError):
        import_connections(store.contacts, tmp_path / "missing.csv", T0)
    assert writes == []
    assert store.flush() and data_path.read_bytes() == before
    assert len(store.contacts) == 5


def generated_export(count: int) -> bytes:
    rows = [
        f"First{n},Lást{n},{URL}person-{n},{'' if n % 3 else f'p{n}@example.org'},"
        f'"Company {n % 97}, Inc.",Role {n % 13},{1 + n % 28:02d} Mar 2024'
        for n in range(count)
    ]
    return export(*rows)


def test_ten_thousand_rows_import_quickly_in_one_write(
    tmp_path: Path, store: Store, data_path: Path, writes: list[int]
) -> None:
    path = write_file(tmp_path, generated_export(10_000))
    started = time.perf_counter()
    result = import_connections(store.contacts, path, T0)
    assert store.flush(timeout=30)
    elapsed = time.perf_counter() - started
    assert len(result.to_add) == 10_000 and result.rejected == []
    assert len(writes) <= 2
    print(f"10,000 rows imported and written in {elapsed:.2f} s")  # a figure, not a bound: busy machines vary

    writes.clear()
    again = import_connections(store.contacts, path, T0)
    assert again.unchanged == 10_000 and writes == []
    store.close()
    with Store.open(data_path, read_only=True) as reopened:
        assert len(reopened.contacts) == 10_000
        assert reopened.contacts.get(result.to_add[-1].id) is not None


# The command line ------------------------------------------------------------------------------------------


def test_cli_import_prints_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d.json"
    source = write_file(tmp_path, SAMPLE.read_bytes())
    assert main(["import", "linkedin", str(source), "--data", str(data)]) == 0
    out, err = capsys.readouterr()
    assert out == "Added 5, updated 0, unchanged 0, rejected 0\n" and err == ""
    assert main(["--data", str(data), "import", "linkedin", str(source)]) == 0  # --data before works too
    assert capsys.readouterr().out == "Added 0, updated 0, unchanged 5, rejected 0\n"
    assert main(["import", "--data", str(data), "linkedin", str(source)]) == 0
    capsys.readouterr()
    with Store.open(data, read_only=True) as store:
        assert [c.name for c in store.contacts.all()][1] == "Luis Fernández"


def test_cli_import_prints_one_line_per_rejected_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_file(
        tmp_path,
        export(row("Ada", "Lovelace", "ada"), "Alan,Turing,x", row("", ""), "Grace,Hopper,,,,,someday"),
    )
    assert main(["import", "linkedin", str(source), "--data", str(tmp_path / "d.json")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Added 2, updated 0, unchanged 0, rejected 2 (line 6: expected 7 fields")
    assert lines[1:] == [
        "line 6: expected 7 fields, found 3",
        "line 7: no name",
        "line 8: date 'someday' not understood (expected like '12 Mar 2024'); kept without it",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02binary", "is not a CSV text file"),
        (b"name,email\nAda,ada@example.org\n", "no LinkedIn header found"),
        (None, "does not exist"),
    ],
)
def test_cli_import_of_a_bad_file_is_a_one_line_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    data = tmp_path / "d.json"
    source = tmp_path / "Connections.csv"
    if content is not None:
        source.write_bytes(content)
    assert main(["import", "linkedin", str(source), "--data", str(data)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("infoview-tui: ") and message in err and err.count("\n") == 1
    assert "Traceback" not in err
    assert not data.exists(), "a refused file never creates the data file"


def test_cli_import_needs_a_source_and_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["import"], ["import", "linkedin"], ["import", "facebook", "x.csv"]):
        with pytest.raises(SystemExit) as done:
            main([*argv, "--data", str(tmp_path / "d.json")])
        assert done.value.code == 1
        assert "(see --help)" in capsys.readouterr().err


def test_cli_import_while_the_app_has_the_file_open_is_a_data_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d.json"
    source = write_file(tmp_path, SAMPLE.read_bytes())
    with Store.open(data):
        assert main(["import", "linkedin", str(source), "--data", str(data)]) == 2
    assert "Traceback" not in capsys.readouterr().err


# Untrusted files: profile links, emails and control characters --------------------------------------------

HOSTILE_LINKS = ["--gpu-launcher=xcalc", "file:///etc/passwd", "javascript:alert(1)", "https://e.example/a b"]


def hostile_export() -> bytes:
    rows = [f"Eve{i},Mallory,{link},,Acme,Spy,12 Mar 2024" for i, link in enumerate(HOSTILE_LINKS)]
    rows += [
        "Ann,Ok,linkedin.com/in/ann-ok,ann@example.com,Acme,PM,12 Mar 2024",  # pasted bare: like the form
        'Zed\x1b]52;c;QUJD\x07,Esc\u202e,,not-an-email,"Acme\x1b[2J\x85 Corp",Head\x01 of Data,12 Mar 2024',
    ]
    return export(*rows)


def test_import_drops_links_the_contact_form_would_refuse_and_says_which() -> None:
    parsed = parse(hostile_export())
    urls = [r.url for r in parsed.rows]
    assert urls == ["", "", "", "", "https://linkedin.com/in/ann-ok", ""]
    messages = {w.line: w.message for w in parsed.warnings}
    for line, link in enumerate(HOSTILE_LINKS, 5):
        assert (
            messages[line] == f"profile link {link!r} is not a web address (https://…); imported without it"
        )


def test_import_strips_control_characters_from_every_field_and_drops_a_bad_email() -> None:
    parsed = parse(hostile_export())
    zed = parsed.rows[-1]
    assert (zed.first_name, zed.last_name, zed.company, zed.position) == (
        "Zed ]52;c;QUJD",
        "Esc",
        "Acme [2J Corp",
        "Head of Data",
    )
    assert zed.email == ""
    bad_email = RowWarning(10, "email 'not-an-email' does not look like an address; imported without it")
    assert bad_email in parsed.warnings
    text = repr(parsed.rows)
    assert not any(ch in text for ch in ("\\x1b", "\\x01", "\\x85", "\\u202e", "\\x07"))


def test_an_over_long_field_is_cut_with_a_warning() -> None:
    parsed = parse(export(f"Ann,Ok,,,{'A' * 600},PM,12 Mar 2024"))
    assert parsed.rows[0].company == "A" * 500
    assert parsed.warnings == [RowWarning(5, "company cut to 500 characters")]


def test_cli_and_summary_report_each_dropped_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "Connections.csv"
    source.write_bytes(hostile_export())
    data = tmp_path / "d.json"
    assert main(["import", "linkedin", str(source), "--data", str(data)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Added 6, updated 0, unchanged 0, rejected 0; 5 warnings (line 5: profile link")
    dropped = (
        "line 6: profile link 'file:///etc/passwd' is not a web address (https://…); imported without it"
    )
    assert dropped in out
    with Store.open(data, read_only=True) as store:
        assert {c.linkedin_url for c in store.contacts.all()} == {"", "https://linkedin.com/in/ann-ok"}
