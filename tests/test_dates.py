"""Calendar dates: every form a due date may be typed in, what it means, and what is refused."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmtui.dates import DateReading, describe_due, format_due, parse_due, read_date
from pmtui.timeparse import TimeParseError

#: A Friday.
TODAY = date(2024, 5, 10)
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September")
MONTH_NAMES += ("October", "November", "December")
IN_RANGE = st.dates(date(1900, 1, 1), date(2200, 12, 31))


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2024-05-20", date(2024, 5, 20)),
        ("2024/5/20", date(2024, 5, 20)),
        ("today", TODAY),
        ("Tomorrow", date(2024, 5, 11)),
        ("+0d", TODAY),
        ("+1d", date(2024, 5, 11)),
        ("+7d", date(2024, 5, 17)),
        ("+10d", date(2024, 5, 20)),
        ("+3 days", date(2024, 5, 13)),
        ("+2w", date(2024, 5, 24)),
        ("+1 week", date(2024, 5, 17)),
        ("mon", date(2024, 5, 13)),
        ("Thursday", date(2024, 5, 16)),
        ("thurs", date(2024, 5, 16)),
        ("sat", date(2024, 5, 11)),
        ("fri", date(2024, 5, 17)),  # on a Friday: next week's (today is "today")
        ("friday", date(2024, 5, 17)),
        ("10 May", TODAY),  # a date without a year: the next one on or after today
        ("May 10", TODAY),
        ("9 May", date(2025, 5, 9)),
        ("20th of May", date(2024, 5, 20)),
        ("Sept 3", date(2024, 9, 3)),
        ("29 Feb", date(2028, 2, 29)),
        ("10 May 2024", TODAY),
        ("10 May, 2024", TODAY),
        ("May 10, 2024", TODAY),
        ("May 10th 2024", TODAY),
        ("10-May-2024", TODAY),
        ("Fri 2024-05-17", date(2024, 5, 17)),
        ("Friday, May 17, 2024", date(2024, 5, 17)),
        ("13/06/2024", date(2024, 6, 13)),
        ("06/13/2024", date(2024, 6, 13)),
        ("13.06.2024", date(2024, 6, 13)),
        ("06/06/2024", date(2024, 6, 6)),
        ("**2024-05-20**", date(2024, 5, 20)),
        ("  20 May,  ", date(2024, 5, 20)),
    ],
)
def test_each_due_date_form_and_what_it_means(text: str, due: date) -> None:
    assert parse_due(text, TODAY) == due


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no date given"),
        ("soon", "'soon' is not a due date pmtui can read (try 2024-05-20, 20 May, fri, +7d or tomorrow)"),
        ("05/06/2024", "'05/06/2024' is ambiguous: 2024-06-05 or 2024-05-06?"),
        ("01/02/2024", "'01/02/2024' is ambiguous: 2024-02-01 or 2024-01-02?"),
        ("05/06/24", "'05/06/24': write the year in full"),
        ("10 May 24", "'10 May 24': write the year in full"),
        ("May 10, 24", "'May 10, 24': write the year in full"),
        ("2023-02-29", "'2023-02-29' is not a real date (day is out of range for month)"),
        ("31 Apr", "'31 Apr' is not a real date (day is out of range for month)"),
        ("1899-12-31", "'1899-12-31': year 1899 is outside the range pmtui reads (1900-2200)"),
        ("1 Jan 2201", "'1 Jan 2201': year 2201 is outside the range pmtui reads (1900-2200)"),
        ("9999-12-31", "'9999-12-31': year 9999 is outside the range pmtui reads (1900-2200)"),
        ("+80000d", "'+80000d': year 2243 is outside the range pmtui reads (1900-2200)"),
        ("+99999999999d", "'+99999999999d' is too far from today"),
        pytest.param("+" + "9" * 5000 + "d", f"'+{'9' * 36}...' is too far from today", id="+999...d"),
        (
            "-3d",
            "'-3d': a due date counts forward from today; for a date in the past write it out (2024-05-07)",
        ),
        (
            "next fri",
            "'next fri' reads two ways: 2024-05-17 or 2024-05-24? Write fri for the first, or the date",
        ),
        ("Sat 2024-05-17", "'Sat 2024-05-17': 2024-05-17 is a Friday, not a Saturday"),
        (
            "in 3 days",
            "'in 3 days' is not a due date pmtui can read (try 2024-05-20, 20 May, fri, +7d or tomorrow)",
        ),
        ("2024-05-20 14:00", "'2024-05-20 14:00' is not a due date pmtui can read"),
    ],
)
def test_what_is_refused_and_the_one_line_reason(text: str, reason: str) -> None:
    with pytest.raises(TimeParseError) as refused:
        parse_due(text, TODAY)
    assert str(refused.value).startswith(reason)
    assert "\n" not in str(refused.value)


def test_a_named_day_past_the_last_year_pmtui_reads_is_refused() -> None:
    with pytest.raises(TimeParseError, match="'tomorrow': year 2201 is outside the range pmtui reads"):
        parse_due("tomorrow", date(2200, 12, 31))


@pytest.mark.parametrize(
    ("due", "hint"),
    [
        (TODAY, "→ Fri 2024-05-10, today"),
        (date(2024, 5, 11), "→ Sat 2024-05-11, tomorrow"),
        (date(2024, 5, 9), "→ Thu 2024-05-09, yesterday"),
        (date(2024, 5, 17), "→ Fri 2024-05-17, in 7 days"),
        (date(2024, 5, 7), "→ Tue 2024-05-07, 3 days ago"),
    ],
)
def test_the_hint_under_the_field_names_the_day_and_how_far_it_is(due: date, hint: str) -> None:
    assert describe_due(due, TODAY) == hint


# ------------------------------------------------------------ the reader's options (the importer's rules)


def test_a_date_without_a_year_needs_one_from_the_caller() -> None:
    with pytest.raises(TimeParseError, match="'Oct 29' has no year"):
        read_date("Oct 29")
    assert read_date("Oct 29", default_year=2021) == DateReading(date(2021, 10, 29))
    assert read_date("Oct 29", not_before=date(2021, 11, 1)).value == date(2022, 10, 29)
    with pytest.raises(TimeParseError, match="'29 Feb' is not a real date in 2023"):
        read_date("29 Feb", default_year=2023)


@pytest.mark.parametrize(
    ("text", "value", "guessed"),
    [
        ("01/03/2025", date(2025, 3, 1), "'01/03/2025': read day first, as 2025-03-01 (not 2025-01-03)"),
        ("February 24th, 15", date(2015, 2, 24), "'February 24th, 15': the year 15 read as 2015"),
        (
            "Monday, May 14th, 2023",
            date(2023, 5, 14),
            "'Monday, May 14th, 2023': 2023-05-14 is a Sunday, not a Monday; the date was kept",
        ),
        ("January23, 2021", date(2021, 1, 23), None),
        ("06/May/2022", date(2022, 5, 6), None),
        ("5th of August,", date(2021, 8, 5), None),
    ],
)
def test_guesses_are_read_only_when_asked_for_and_say_what_was_guessed(
    text: str, value: date, guessed: str | None
) -> None:
    assert read_date(text, default_year=2021, guess=True) == DateReading(value, guessed)
    if guessed is not None:
        with pytest.raises(TimeParseError):
            read_date(text, default_year=2021)


@pytest.mark.parametrize("text", ["October 21, 2025 - Redis Overload", "(All times US/Pacific)", "05/06/24"])
def test_guessing_never_reads_text_around_a_date_or_a_two_digit_numeric_year(text: str) -> None:
    with pytest.raises(TimeParseError):
        read_date(text, default_year=2021, guess=True)


# ------------------------------------------------------------ properties


@given(IN_RANGE, IN_RANGE)
def test_an_iso_date_and_the_shown_form_read_back_as_themselves(due: date, today: date) -> None:
    assert parse_due(due.isoformat(), today) == due
    assert parse_due(format_due(due), today) == due
    assert format_due(due) in describe_due(due, today)
    assert parse_due(f"{due.day} {MONTH_NAMES[due.month - 1]} {due.year}", today) == due
    assert parse_due(f"{MONTH_NAMES[due.month - 1][:3]} {due.day}, {due.year}", today) == due


@given(IN_RANGE)
def test_a_numeric_date_is_read_only_when_it_reads_one_way(due: date) -> None:
    text = f"{due.day:02d}/{due.month:02d}/{due.year}"
    if due.day > 12 or due.day == due.month:
        assert parse_due(text, TODAY) == due
    else:
        swapped = date(due.year, due.day, due.month)
        with pytest.raises(TimeParseError, match=re.escape(f"{due.isoformat()} or {swapped.isoformat()}?")):
            parse_due(text, TODAY)


@given(IN_RANGE, st.dates(date(1900, 1, 1), date(2199, 12, 31)))
def test_a_date_without_a_year_is_the_next_one_on_or_after_today(due: date, today: date) -> None:
    read = parse_due(f"{due.day} {MONTH_NAMES[due.month - 1]}", today)
    assert (read.month, read.day) == (due.month, due.day)
    assert today <= read <= today + timedelta(days=366 if (due.month, due.day) != (2, 29) else 8 * 366)


@given(st.dates(date(1900, 1, 1), date(2200, 12, 24)), st.integers(0, 6))
def test_a_weekday_is_the_next_one_strictly_after_today(today: date, weekday: int) -> None:
    name = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[weekday]
    read = parse_due(name, today)
    assert read.weekday() == weekday
    assert today < read <= today + timedelta(days=7)


@given(st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.integers(0, 3000))
def test_counted_days_and_weeks_add_to_today(today: date, count: int) -> None:
    assert parse_due(f"+{count}d", today) == today + timedelta(days=count)
    assert parse_due(f"+{count // 7}w", today) == today + timedelta(weeks=count // 7)
