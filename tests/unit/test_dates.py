"""Tests for infoview_tui.domain.dates: the clock, business days and 3B7, typed times and days, and deltas."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_tui.domain.dates import (
    EXAMPLES,
    FOLLOW_UP_BUSINESS_DAYS,
    MAX_INPUT,
    NUDGE_OTHER_BUSINESS_DAYS,
    DateParseError,
    FixedClock,
    ParsedWhen,
    add_business_days,
    humanize_delta,
    nudge_dates,
    parse_day,
    parse_when,
    zone_named,
    zone_problem,
)

TZ = timezone(timedelta(hours=-5), "EST")
NEW_YORK = ZoneInfo("America/New_York")

# March 2026: Wed 4, Thu 5, Fri 6, Sat 7, Sun 8 (US DST starts), Mon 9, Tue 10, Wed 11, ... Tue 17.
WED = datetime(2026, 3, 4, 9, 0, tzinfo=TZ)
FRI = datetime(2026, 3, 6, 10, 30, tzinfo=TZ)
SAT = datetime(2026, 3, 7, 11, 0, tzinfo=TZ)
SUN = datetime(2026, 3, 8, 11, 0, tzinfo=TZ)
MON = datetime(2026, 3, 9, 8, 15, tzinfo=TZ)


def at(day: int, hour: int, minute: int = 0, month: int = 3, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


# --- the clock ---------------------------------------------------------------------------------------


def test_reference_weekdays_are_what_the_tests_assume() -> None:
    assert [d.strftime("%a") for d in (WED, FRI, SAT, SUN, MON)] == ["Wed", "Fri", "Sat", "Sun", "Mon"]


def test_fixed_clock_only_moves_when_told() -> None:
    clock = FixedClock(WED)
    assert clock.now() == WED
    assert clock.now() == WED
    assert clock.advance(minutes=90) == WED + timedelta(minutes=90)
    assert clock.now() == WED + timedelta(minutes=90)
    clock.set(FRI)
    assert clock.now() == FRI


def test_fixed_clock_refuses_a_naive_start() -> None:
    with pytest.raises(ValueError, match="aware"):
        FixedClock(datetime(2026, 3, 4, 9, 0))


# --- business days and 3B7 -------------------------------------------------------------------------


def test_constants_are_three_and_seven() -> None:
    assert (NUDGE_OTHER_BUSINESS_DAYS, FOLLOW_UP_BUSINESS_DAYS) == (3, 7)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (WED, 0, WED),
        (WED, 1, at(5, 9)),  # Thu
        (WED, 2, at(6, 9)),  # Fri
        (WED, 3, at(9, 9)),  # skips Sat and Sun: Mon
        (FRI, 1, at(9, 10, 30)),  # Fri + 1 = Mon
        (SAT, 1, at(9, 11)),  # Sat + 1 = Mon
        (SUN, 1, at(9, 11)),  # Sun + 1 = Mon
        (MON, 5, at(16, 8, 15)),  # a whole week
        (MON, 10, at(23, 8, 15)),  # two whole weeks
    ],
)
def test_add_business_days(start: datetime, days: int, expected: datetime) -> None:
    result = add_business_days(start, days)
    assert result == expected
    assert result.weekday() < 5 or days == 0
    assert result.time() == start.time()


def test_add_business_days_zero_on_a_weekend_stays_put() -> None:
    assert add_business_days(SAT, 0) == SAT


def test_add_business_days_never_lands_on_a_weekend() -> None:
    for offset in range(7):
        start = WED + timedelta(days=offset)
        for days in range(1, 15):
            assert add_business_days(start, days).weekday() < 5


def _business_days_one_by_one(start: datetime, days: int) -> datetime:
    """The rule as written down: step a day at a time, counting Monday to Friday."""
    current, added = start, 0
    while added < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


@settings(max_examples=400, deadline=None)
@given(
    start=st.datetimes(
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2090, 12, 31),
        timezones=st.sampled_from(
            [UTC, TZ, NEW_YORK, ZoneInfo("Europe/Copenhagen"), ZoneInfo("Asia/Kolkata")]
        ),
    ),
    days=st.integers(min_value=-3, max_value=60),
)
def test_add_business_days_in_one_step_is_the_day_by_day_count(start: datetime, days: int) -> None:
    """The closed form (the Dashboard's plan runs it twice per waiting request) agrees with stepping day by day,
    in zones with and without daylight saving time."""
    expected = _business_days_one_by_one(start, days)
    result = add_business_days(start, days)
    assert result == expected
    assert (result.replace(tzinfo=None), result.tzinfo, result.fold) == (
        expected.replace(tzinfo=None),
        expected.tzinfo,
        expected.fold,
    )


def test_nudge_dates_friday_send() -> None:
    three_b, seven_b = nudge_dates(FRI)
    # Mon 9, Tue 10, Wed 11 -> 3B on Wednesday.
    assert three_b == at(11, 10, 30)
    assert three_b.strftime("%A") == "Wednesday"
    # Mon 9 .. Fri 13 (5), Mon 16 (6), Tue 17 (7) -> 7B on the Tuesday of the week after next.
    assert seven_b == at(17, 10, 30)
    assert seven_b.strftime("%A") == "Tuesday"


@pytest.mark.parametrize("sent", [SAT, SUN], ids=["saturday", "sunday"])
def test_nudge_dates_weekend_send_counts_from_monday(sent: datetime) -> None:
    three_b, seven_b = nudge_dates(sent)
    assert three_b.date() == date(2026, 3, 11)  # Wed
    assert seven_b.date() == date(2026, 3, 17)  # Tue
    assert three_b.time() == seven_b.time() == sent.time()


def test_nudge_dates_midweek_send() -> None:
    assert nudge_dates(WED) == (at(9, 9), at(13, 9))  # Mon, then Fri of next week
    assert nudge_dates(MON) == (at(12, 8, 15), at(18, 8, 15))  # Thu, then Wed of next week


def test_nudge_dates_keep_the_wall_clock_time_across_a_dst_change() -> None:
    sent = datetime(2026, 3, 6, 10, 0, tzinfo=NEW_YORK)  # EST; DST starts Sun 8 March
    three_b, seven_b = nudge_dates(sent)
    assert (three_b.date(), three_b.hour, three_b.minute) == (date(2026, 3, 11), 10, 0)
    assert three_b.utcoffset() == timedelta(hours=-4)
    assert sent.utcoffset() == timedelta(hours=-5)
    assert seven_b.date() == date(2026, 3, 17)


# --- parse_when: the examples ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tue 3pm", at(10, 15)),  # from Wednesday: next Tuesday
        ("tomorrow 10am", at(5, 10)),
        ("2026-12-01 14:30", at(1, 14, 30, month=12)),
        ("in 2 hours", at(4, 11)),
        ("in 90 min", at(4, 10, 30)),
        ("next fri 9:30", at(6, 9, 30)),  # the next Friday after today
        ("fri at noon", at(6, 12)),
        ("today 4pm", at(4, 16)),
        # Variations people type.
        ("Tue 3PM", at(10, 15)),
        ("  tomorrow   10am ", at(5, 10)),
        ("tomorrow at 10:15am", at(5, 10, 15)),
        ("tmrw 10am", at(5, 10)),
        ("tuesday 3:30pm", at(10, 15, 30)),
        ("fri, 2pm", at(6, 14)),
        ("tonight 8", at(4, 20)),
        ("3pm", at(4, 15)),
        ("14:30", at(4, 14, 30)),
        ("noon", at(4, 12)),
        ("in an hour", at(4, 10)),
        ("in half an hour", at(4, 9, 30)),
        ("in 2 days", at(6, 9)),
        ("in 1 week", at(11, 9)),
        ("now", WED),
    ],
)
def test_parse_when_examples(text: str, expected: datetime) -> None:
    result = parse_when(text, FixedClock(WED).now())
    assert isinstance(result, ParsedWhen)
    assert result.when == expected
    assert result.when.tzinfo is not None
    assert result.when.utcoffset() == timedelta(hours=-5)
    assert result.questions == ()
    assert not result.needs_confirmation


def test_parse_when_relative_times_drop_seconds() -> None:
    now = datetime(2026, 3, 4, 9, 0, 42, 123456, tzinfo=TZ)
    assert parse_when("in 2 hours", now).when == at(4, 11)
    assert parse_when("in 90 min", now).when == at(4, 10, 30)
    assert parse_when("now", now).when == at(4, 9)


def test_parse_when_weekday_is_today_when_it_is_still_ahead() -> None:
    tuesday_morning = at(10, 9)
    result = parse_when("tue 3pm", tuesday_morning)
    assert result.when == at(10, 15)
    assert result.questions == ()


def test_parse_when_next_weekday_from_the_same_weekday_is_a_week_later() -> None:
    assert parse_when("next fri 9:30", FRI).when == at(13, 9, 30)
    assert parse_when("fri 11am", FRI).when == at(6, 11)


def test_parse_when_uses_the_zone_of_now_with_dst() -> None:
    saturday = datetime(2026, 3, 7, 12, 0, tzinfo=NEW_YORK)  # EST
    result = parse_when("tomorrow 10am", saturday)  # Sunday 8 March: EDT
    assert (result.when.date(), result.when.hour) == (date(2026, 3, 8), 10)
    assert result.when.utcoffset() == timedelta(hours=-4)
    assert result.when == datetime(2026, 3, 8, 14, 0, tzinfo=UTC)


# --- parse_when: readings it questions -------------------------------------------------------------


def test_parse_when_questions_a_time_in_the_past() -> None:
    result = parse_when("today 8am", WED)
    assert result.when == at(4, 8)
    assert result.needs_confirmation
    assert any("in the past" in q for q in result.questions)


def test_parse_when_same_weekday_already_past_is_questioned() -> None:
    tuesday_evening = at(10, 16)
    result = parse_when("tue 3pm", tuesday_evening)
    assert result.when == at(10, 15)
    assert any("in the past" in q for q in result.questions)


def test_parse_when_allows_a_minute_of_slack_before_calling_it_past() -> None:
    now = datetime(2026, 3, 4, 9, 0, 50, tzinfo=TZ)
    assert parse_when("9:00am", now).questions == ()
    assert parse_when("8:58am", now).needs_confirmation


@pytest.mark.parametrize("text", ["tue 3", "fri 3", "tomorrow 5", "tue 3:30"])
def test_parse_when_questions_an_early_hour_without_am_pm(text: str) -> None:
    result = parse_when(text, WED)
    assert result.when.hour in (3, 5)
    assert result.needs_confirmation
    question = " ".join(result.questions)
    assert "am or pm" in question
    assert f"{result.when.hour + 12}:" in question  # offers the afternoon reading


def test_parse_when_tue_3_reads_an_hour_not_a_day_of_month() -> None:
    result = parse_when("tue 3", WED)
    assert result.when == at(10, 3)
    assert len(result.questions) == 1


def test_parse_when_does_not_question_a_clear_am_pm() -> None:
    assert parse_when("tue 3am", WED).questions == ()
    assert parse_when("tue 3pm", WED).questions == ()
    assert parse_when("tue 9", WED).questions == ()  # 9 o'clock is a plausible morning


def test_parse_when_questions_an_ambiguous_slash_date() -> None:
    result = parse_when("03/04 10am", WED)
    assert result.when == at(4, 10)  # read month/day
    assert result.needs_confirmation
    question = " ".join(result.questions)
    assert "03/04" in question
    assert "month/day or day/month" in question
    assert "2026-12-01" in question  # says how to be sure


def test_parse_when_slash_date_that_can_only_be_one_way_is_not_questioned() -> None:
    result = parse_when("12/25 10am", WED)
    assert result.when == at(25, 10, month=12)
    assert result.questions == ()


def test_parse_when_can_raise_several_questions_at_once() -> None:
    result = parse_when("03/02 3:30", WED)  # ambiguous date, early hour, and in the past
    text = " ".join(result.questions)
    assert len(result.questions) == 3
    assert "am or pm" in text and "month/day" in text and "in the past" in text


# --- parse_when: rejections ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "banana",
        "tomorrow",
        "today",
        "next fri",
        "2026-12-01",
        "xyz 3pm",
        "a" * 1000,
        "tomorrow " + "10am " * 200,
        "明天 3pm",
        "🙂",
        "3pm 🙂 banana",
    ],
    ids=lambda t: repr(t[:20]),
)
def test_parse_when_rejects_with_a_helpful_message(text: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_when(text, WED)
    message = str(info.value)
    assert EXAMPLES in message
    assert "'tue 3pm'" in message


def test_parse_when_error_is_a_value_error() -> None:
    assert issubclass(DateParseError, ValueError)


def test_parse_when_messages_say_what_is_wrong() -> None:
    def message(text: str) -> str:
        with pytest.raises(DateParseError) as info:
            parse_when(text, WED)
        return str(info.value)

    assert message("").startswith("Type a date and time")
    assert "too long" in message("x" * (MAX_INPUT + 1))
    assert message("tomorrow").startswith("Add a time")
    assert "Add a time of day to '2026-12-01'" in message("2026-12-01")
    assert "what is 'xyz'?" in message("xyz 3pm")
    assert "'明天'" in message("明天 3pm")
    assert "banana" in message("banana")


def test_parse_when_rejects_unknown_units_and_two_days() -> None:
    with pytest.raises(DateParseError, match="parsecs"):
        parse_when("in 2 parsecs", WED)
    with pytest.raises(DateParseError, match="two different days"):
        parse_when("tue 2026-12-01 3pm", WED)


def test_parse_when_accepts_input_up_to_the_limit() -> None:
    text = "tomorrow 10am"
    padded = text + " " * (MAX_INPUT * 3)  # trailing blanks are trimmed, not counted
    assert parse_when(padded, WED).when == at(5, 10)


# --- parse_day ---------------------------------------------------------------------------------------

TODAY = date(2026, 3, 4)  # Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("today", TODAY),
        ("Today", TODAY),
        ("tomorrow", date(2026, 3, 5)),
        ("tmrw", date(2026, 3, 5)),
        ("fri", date(2026, 3, 6)),
        ("friday", date(2026, 3, 6)),
        ("wed", TODAY),
        ("next wed", date(2026, 3, 11)),
        ("next fri", date(2026, 3, 6)),
        ("mon", date(2026, 3, 9)),
        ("in 2 weeks", date(2026, 3, 18)),
        ("in 3 days", date(2026, 3, 7)),
        ("in a week", date(2026, 3, 11)),
        ("Dec 1", date(2026, 12, 1)),
        ("1 December 2027", date(2027, 12, 1)),
        ("  2026-12-01  ", date(2026, 12, 1)),
    ],
)
def test_parse_day(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "  ", "banana", "xyz 12", "明天", "🙂"])
def test_parse_day_rejects(text: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_day(text, TODAY)
    assert "2026-12-01" in str(info.value)


# --- humanize_delta ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(0), "in under a minute"),
        (timedelta(seconds=59), "in under a minute"),
        (timedelta(seconds=-30), "under a minute ago"),
        (timedelta(minutes=1), "in 1 min"),
        (timedelta(minutes=5, seconds=59), "in 5 min"),
        (timedelta(minutes=-45), "45 min ago"),
        (timedelta(minutes=59, seconds=59), "in 59 min"),
        (timedelta(hours=1), "in 1 h"),
        (timedelta(hours=2, minutes=5), "in 2 h 5 min"),
        (timedelta(minutes=-90), "1 h 30 min ago"),
        (timedelta(hours=2, minutes=59), "in 2 h 59 min"),
        (timedelta(hours=3, minutes=5), "in 3 h"),  # from 3 hours on, minutes are noise
        (timedelta(hours=-5, minutes=-40), "5 h ago"),
        (timedelta(hours=23, minutes=59), "in 23 h"),
        (timedelta(days=1), "in 1 day"),
        (timedelta(days=1, hours=20), "in 1 day"),
        (timedelta(days=-3), "3 days ago"),
        (timedelta(days=400), "in 400 days"),
    ],
)
def test_humanize_delta(delta: timedelta, expected: str) -> None:
    assert humanize_delta(delta) == expected


# --- DST: times a clock change skips or repeats (issue 11) -------------------------------------------------

BEFORE_SPRING = datetime(2026, 3, 1, 12, 0, tzinfo=NEW_YORK)
"""A week before US clocks go forward (Sun 8 March 2026, 02:00 → 03:00) and long before they go back
(Sun 1 November 2026, 02:00 → 01:00)."""


def test_a_time_in_the_spring_gap_is_questioned_with_both_readings() -> None:
    result = parse_when("2026-03-08 2:30am", BEFORE_SPRING)
    assert result.needs_confirmation
    (question,) = result.questions
    assert "02:30 does not exist on Sun 08 Mar" in question
    assert "01:30 EST (UTC-05:00)" in question and "03:30 EDT (UTC-04:00)" in question
    # The reading offered is a real instant (never a wall time that does not exist), shown as such.
    assert result.when == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert (result.when.hour, result.when.minute, result.when.utcoffset()) == (3, 30, timedelta(hours=-4))


def test_a_time_in_the_autumn_overlap_is_questioned_and_says_how_to_pick_the_second() -> None:
    result = parse_when("2026-11-01 1:30am", BEFORE_SPRING)
    (question,) = result.questions
    assert "01:30 happens twice on Sun 01 Nov" in question
    assert "01:30 EDT (UTC-04:00)" in question and "01:30 EST (UTC-05:00)" in question
    assert "60 minutes later" in question and "Type '01:30 EST' for the second" in question
    assert result.when == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # the first: EDT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-01 1:30am EST", datetime(2026, 11, 1, 6, 30, tzinfo=UTC)),
        ("2026-11-01 1:30am edt", datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
        ("2026-11-01 01:30am -05:00", datetime(2026, 11, 1, 6, 30, tzinfo=UTC)),
    ],
)
def test_naming_the_reading_of_a_repeated_time_needs_no_question(text: str, expected: datetime) -> None:
    result = parse_when(text, BEFORE_SPRING)
    assert result.when == expected
    assert result.questions == ()


def test_a_zone_name_that_is_neither_reading_is_refused() -> None:
    with pytest.raises(DateParseError, match="what is 'cet'"):
        parse_when("2026-11-01 1:30am cet", BEFORE_SPRING)
    with pytest.raises(DateParseError, match="what is 'est'"):
        parse_when("2026-03-10 10am est", BEFORE_SPRING)  # EDT by then


def test_ordinary_times_around_a_clock_change_are_not_questioned() -> None:
    for text, hour_utc in (("2026-03-08 3:30am", 7), ("2026-03-08 1:30am", 6), ("2026-11-01 4am", 9)):
        result = parse_when(text, BEFORE_SPRING)
        assert result.questions == (), text
        assert result.when.astimezone(UTC).hour == hour_utc, text


def test_in_n_days_landing_in_a_gap_is_questioned_but_in_n_hours_counts_real_time() -> None:
    saturday_0230 = datetime(2026, 3, 7, 2, 30, tzinfo=NEW_YORK)
    by_day = parse_when("in 1 day", saturday_0230)
    assert by_day.needs_confirmation and "does not exist" in by_day.questions[0]
    night = datetime(2026, 3, 8, 1, 30, tzinfo=NEW_YORK)  # EST; the clocks jump half an hour later
    by_hours = parse_when("in 2 hours", night)
    assert by_hours.when.astimezone(UTC) - night.astimezone(UTC) == timedelta(hours=2)
    assert (by_hours.when.hour, by_hours.questions) == (4, ())  # 04:30 EDT, not 03:30


def test_dst_questions_work_with_the_machine_zone_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's clock falls back to dateutil's tzlocal (a POSIX TZ rule, Windows), which gives one offset for
    both folds of a skipped time."""
    import time

    from dateutil import tz as du_tz

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        now = datetime(2026, 3, 1, 12, 0, tzinfo=du_tz.tzlocal())
        gap = parse_when("2026-03-08 2:30am", now)
        assert "does not exist" in " ".join(gap.questions)
        assert gap.when.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
        overlap = parse_when("2026-11-01 1:30am", now)
        assert "happens twice" in " ".join(overlap.questions)
        assert parse_when("2026-11-01 1:30am est", now).when.astimezone(UTC).hour == 6
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


@pytest.mark.parametrize(
    ("tz", "kind"),
    [
        ("America/New_York", "ZoneInfo"),
        (":America/New_York", "ZoneInfo"),
        ("EST5EDT,M3.2.0,M11.1.0", "tzlocal"),
    ],
)
def test_the_system_clock_keeps_the_machine_zone_and_its_clock_changes(
    monkeypatch: pytest.MonkeyPatch, tz: str, kind: str
) -> None:
    """A zone name in TZ (or /etc/localtime) is read with zoneinfo; a POSIX rule falls back to tzlocal.
    Either way times across a clock change get the right offset."""
    import time

    from infoview_tui.domain import dates

    monkeypatch.setenv("TZ", tz)
    time.tzset()
    dates._local_zone.cache_clear()
    try:
        zone = dates.SystemClock().now().tzinfo
        assert type(zone).__name__ == kind
        assert datetime(2026, 1, 15, 12, tzinfo=zone).utcoffset() == timedelta(hours=-5)
        assert datetime(2026, 7, 15, 12, tzinfo=zone).utcoffset() == timedelta(hours=-4)
        gap = parse_when("2026-03-08 2:30am", datetime(2026, 3, 1, 12, 0, tzinfo=zone))
        assert "does not exist" in " ".join(gap.questions)
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
        dates._local_zone.cache_clear()


def test_a_zone_only_the_pip_database_knows_is_read_as_the_c_library_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Times shown with a bare `astimezone()` follow the C library: the clock must not use a zone the system
    does not have (zoneinfo would find it in the tzdata package)."""
    import time
    import zoneinfo

    from infoview_tui.domain import dates

    monkeypatch.setenv("TZ", "America/New_York")
    monkeypatch.setattr(zoneinfo, "TZPATH", ())  # as on a system without zone files
    time.tzset()
    dates._local_zone.cache_clear()
    try:
        assert type(dates.SystemClock().now().tzinfo).__name__ == "tzlocal"
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
        dates._local_zone.cache_clear()


@pytest.mark.skipif(not Path("/etc/localtime").exists(), reason="no /etc/localtime here")
def test_reading_the_clock_imports_no_dateutil_where_the_zone_is_known() -> None:
    """dateutil's tz module took ~11 ms of every start; the machine's zone file needs only zoneinfo."""
    code = (
        "import sys\n"
        "from infoview_tui.domain.dates import SystemClock\n"
        "SystemClock().now()\n"
        "print('dateutil' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TZ"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


# --- ambiguous dates whose first reading has passed ------------------------------------------------------


def test_an_ambiguous_date_whose_month_day_reading_has_passed_uses_the_other_and_asks() -> None:
    late_november = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    result = parse_when("01/12 3pm", late_november)
    assert result.when == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # 1 December, not last January
    (question,) = result.questions
    assert "01 December or 12 January" in question and "12 January has passed" in question


def test_an_ambiguous_date_with_both_readings_past_takes_next_year_and_asks() -> None:
    result = parse_when("03/02 10am", datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    assert result.when == datetime(2027, 3, 2, 10, 0, tzinfo=UTC)  # not 268 days ago
    (question,) = result.questions
    assert "02 March 2027 or 03 February 2027" in question and "both have passed this year" in question


# --- a date typed without a year, read relative to now (issue 13) -------------------------------------------

LATE_NOVEMBER = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected", "asks"),
    [
        ("01/12 3pm", datetime(2026, 12, 1, 15, 0, tzinfo=UTC), True),  # the case: not 12 January
        ("1/12 3pm", datetime(2026, 12, 1, 15, 0, tzinfo=UTC), True),
        ("12/01 3pm", datetime(2026, 12, 1, 15, 0, tzinfo=UTC), True),
        ("01.12 15:00", datetime(2026, 12, 1, 15, 0, tzinfo=UTC), True),
        ("31/01 3pm", datetime(2027, 1, 31, 15, 0, tzinfo=UTC), False),  # day first only: readable, next year
        ("31.01 3pm", datetime(2027, 1, 31, 15, 0, tzinfo=UTC), False),
        ("dec 1 3pm", datetime(2026, 12, 1, 15, 0, tzinfo=UTC), False),  # already ahead: unchanged
        ("jan 5 2pm", datetime(2027, 1, 5, 14, 0, tzinfo=UTC), False),  # the coming 5 January
        ("5 jan 2pm", datetime(2027, 1, 5, 14, 0, tzinfo=UTC), False),
        ("03/04 10am", datetime(2027, 3, 4, 10, 0, tzinfo=UTC), True),  # both readings passed this year
        ("13/12 10am", datetime(2026, 12, 13, 10, 0, tzinfo=UTC), False),
    ],
)
def test_a_date_without_a_year_is_never_read_months_in_the_past(
    text: str, expected: datetime, asks: bool
) -> None:
    result = parse_when(text, LATE_NOVEMBER)
    assert result.when == expected
    assert result.when >= LATE_NOVEMBER
    assert bool(result.questions) is asks
    assert not any("in the past" in q for q in result.questions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/12/2027 3pm", datetime(2027, 1, 12, 15, 0, tzinfo=UTC)),  # a year typed is honoured
        ("2026-01-05 14:00", datetime(2026, 1, 5, 14, 0, tzinfo=UTC)),
        ("jan 5 2026 2pm", datetime(2026, 1, 5, 14, 0, tzinfo=UTC)),
        ("31/1/2026 3pm", datetime(2026, 1, 31, 15, 0, tzinfo=UTC)),
    ],
)
def test_a_typed_year_is_honoured_even_in_the_past(text: str, expected: datetime) -> None:
    assert parse_when(text, LATE_NOVEMBER).when == expected


def test_a_year_less_date_just_passed_stays_and_is_questioned() -> None:
    result = parse_when("nov 20 3pm", LATE_NOVEMBER)  # nine days ago: a slip, not next November
    assert result.when == datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    assert any("in the past" in q for q in result.questions)


def test_earlier_today_is_today_not_next_year() -> None:
    result = parse_when("29/11 9am", LATE_NOVEMBER)
    assert result.when == datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    assert any("in the past" in q for q in result.questions)


def test_looking_back_prefers_the_reading_already_passed() -> None:
    """When a message was sent (`ahead=False`): this year's date, the reading already passed."""
    assert parse_when("01/12 3pm", LATE_NOVEMBER, ahead=False).when == datetime(
        2026, 1, 12, 15, 0, tzinfo=UTC
    )
    assert parse_when("jan 5 2pm", LATE_NOVEMBER, ahead=False).when == datetime(2026, 1, 5, 14, 0, tzinfo=UTC)
    assert parse_when("dec 1 3pm", LATE_NOVEMBER, ahead=False).when == datetime(
        2026, 12, 1, 15, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("text", "ahead", "behind"),
    [
        ("01/12", date(2026, 12, 1), date(2026, 1, 12)),
        ("1/12 3pm", date(2026, 12, 1), date(2026, 1, 12)),
        ("12/01", date(2026, 12, 1), date(2026, 1, 12)),
        ("31/01", date(2027, 1, 31), date(2026, 1, 31)),
        ("dec 1", date(2026, 12, 1), date(2026, 12, 1)),
        ("jan 5", date(2027, 1, 5), date(2026, 1, 5)),
        ("03/04", date(2027, 3, 4), date(2026, 3, 4)),
        ("01/12/2027", date(2027, 1, 12), date(2027, 1, 12)),
        ("2026-01-05", date(2026, 1, 5), date(2026, 1, 5)),
        ("fri", date(2026, 12, 4), date(2026, 12, 4)),
    ],
)
def test_parse_day_reads_ahead_for_due_dates_and_as_typed_for_searches(
    text: str, ahead: date, behind: date
) -> None:
    today = LATE_NOVEMBER.date()
    assert parse_day(text, today, ahead=True) == ahead
    assert parse_day(text, today) == behind


# --- far away: a message, never an OverflowError ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["in 9999999 days", "in 99999999999999 weeks", "in 11000 days", "0001-01-01 10:00", "9999-12-31 23:59"],
)
def test_parse_when_refuses_a_time_too_far_away(text: str) -> None:
    with pytest.raises(DateParseError, match="too far away"):
        parse_when(text, WED)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("in 1e400 days", "the next 10 years"),
        ("in 9999999 days", "the next 10 years"),
        ("0001-01-01 10:00", "the last"),
    ],
)
def test_too_far_away_says_which_way(text: str, span: str) -> None:
    """'in 1e400 days' was read by dateutil as some year before 1900 and told to stay within the last 100 years."""
    with pytest.raises(DateParseError, match=f"within {span}"):
        parse_when(text, WED)


@pytest.mark.parametrize("text", ["in 9999999 days", "in 99999999999 weeks", "0001-01-01", "9999-12-31"])
def test_parse_day_refuses_a_day_too_far_away(text: str) -> None:
    with pytest.raises(DateParseError, match="too far away"):
        parse_day(text, TODAY)


def test_parse_day_still_reads_days_within_ten_years() -> None:
    assert parse_day("in 500 weeks", TODAY) == TODAY + timedelta(weeks=500)
    assert parse_day("2030-01-01", TODAY) == date(2030, 1, 1)


# --- time zones by name -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "A" * 300,
        "../../etc/passwd",
        "Europe/\x00Berlin",
        "Europe",
        "/etc/localtime",
        "Europe/Berlin/",
        "zone.tab",
        "Nowhere/Special",
        " Europe/Berlin",
        "-Europe",
    ],
    ids=lambda n: repr(n[:20]),
)
def test_a_bad_zone_name_is_a_message_not_an_os_error(name: str) -> None:
    assert zone_named(name) is None
    problem = zone_problem(name)
    assert problem is not None and problem.startswith("Unknown time zone") and "\x00" not in problem
    assert len(problem) < 160


def test_real_zone_names_are_found() -> None:
    assert zone_named("America/New_York") == NEW_YORK
    assert zone_problem("Europe/Berlin") is None and zone_problem("") is None


def test_a_day_too_long_ago_says_so() -> None:
    with pytest.raises(DateParseError, match="within the last 100 years"):
        parse_day("1900-01-01", TODAY)
    with pytest.raises(DateParseError, match="within the last 100 years"):
        parse_when("0001-01-01 10:00", WED)


@pytest.mark.parametrize("typed", ["2/3/4", "31/12/5", "2.3.202", "2-3-4", "1/1/0"])
def test_a_year_of_one_or_three_digits_is_refused_not_dropped(typed: str) -> None:
    """dateutil dropped such a year without a word: '2/3/4' was the next 3 February."""
    with pytest.raises(DateParseError, match=r"2 or 4 digits \('2/3/2027'\) or leave it out"):
        parse_day(typed, WED.date(), ahead=True)
    with pytest.raises(DateParseError, match=rf"'{typed}' in '{typed} 10am': type the year with 2 or 4"):
        parse_when(f"{typed} 10am", WED)


@pytest.mark.parametrize(
    ("typed", "day"),
    [("2/3/04", date(2004, 2, 3)), ("3/4/2027", date(2027, 3, 4)), ("2026-3-5", date(2026, 3, 5))],
)
def test_a_year_of_two_or_four_digits_is_still_read(typed: str, day: date) -> None:
    assert parse_day(typed, WED.date(), ahead=True) == day
