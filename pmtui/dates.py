"""Calendar dates as people write them: due dates typed in the editor, dates found in reports.

One reader, `read_date`, knows every written form; the importer's looser rules
are its options, not a second reader. `parse_due` adds the short forms of a due
date, counted from today. The forms are a fixed list (README, "Times people
type"); nothing else is read, and nothing is guessed unless the caller asks for
guesses and is told what was guessed.

A due date names a day to come, so a date without a year is the next one on or
after today ("10 May" typed on 10 May is today), and a weekday is the next one
after today ("fri" typed on a Friday is a week away: today is "today").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from pmtui.model import check_year
from pmtui.timeparse import TimeParseError, clean

#: Month names as written: full, three letters, or "Sept"; for finding dates in text too.
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
#: Weekday names as written: full, three letters, or "Tues", "Thur(s)".
WEEKDAYS = (
    r"(?:monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu"
    r"|friday|fri|saturday|sat|sunday|sun)"
)
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINAL = r"(?:st|nd|rd|th)?"
_WRITTEN = re.compile(
    rf"""(?:(?P<weekday>{WEEKDAYS})\.?,?\s+)?(?:
        (?P<iso_y>\d{{4}})(?P<iso_sep>[-/.])(?P<iso_m>\d{{1,2}})(?P=iso_sep)(?P<iso_d>\d{{1,2}})
      | (?P<num_a>\d{{1,2}})(?P<num_sep>[-/.])(?P<num_b>\d{{1,2}})(?P=num_sep)(?P<num_y>\d{{4}}|\d{{2}})
      | (?P<dm_d>\d{{1,2}}){_ORDINAL}(?:\s+of\s+|\s*[-/]\s*|\s+)(?P<dm_m>{MONTHS})\.?
        (?:(?:,?\s+|\s*[-/]\s*)(?P<dm_y>\d{{4}}|\d{{2}}))?
      | (?P<md_m>{MONTHS})\.?\s*(?P<md_d>\d{{1,2}}){_ORDINAL}(?:,?\s+(?P<md_y>\d{{4}})|,\s*(?P<md_yy>\d{{2}}))?
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_COUNT = re.compile(r"([+-])\s*(\d+)\s*(d|days?|w|weeks?)", re.IGNORECASE)
_NEXT_WEEKDAY = re.compile(rf"next\s+({WEEKDAYS})", re.IGNORECASE)


class DateReading(NamedTuple):
    """A date read from text, and what was guessed to read it (None when nothing was)."""

    value: date
    guessed: str | None = None


def read_date(
    text: str, *, default_year: int | None = None, not_before: date | None = None, guess: bool = False
) -> DateReading:
    """Read one written date; raise TimeParseError with the reason when it is not one.

    Forms: `2024-05-20` (also `2024/05/20`), `20/05/2024` (also with `.` or `-`)
    when only one of day-first and month-first is a date, `20 May 2024`,
    `20th of May 2024`, `20-May-2024`, `May 20, 2024`, `May 20th 2024`; month
    names in full or three letters; a leading weekday (`Fri 2024-05-17`,
    `Friday, May 17, 2024`) must agree with the date.

    A date written without a year takes `default_year` (the importer: the
    incident's year) or is the next one on or after `not_before` (a due date);
    with neither it is refused. With `guess`, what a strict reader refuses but
    has one likely reading is read, and `guessed` says how: an ambiguous numeric
    date is read day first, a two-digit year after a month name is 20xx, and a
    weekday that disagrees with the date is ignored.
    """
    cleaned = _normalised(text)
    match = _WRITTEN.fullmatch(cleaned)
    if match is None:
        raise TimeParseError(
            f"{_quoted(cleaned)} is not a date pmtui can read (try 2024-05-20 or 20 May 2024)"
        )
    return _reading(match, cleaned, default_year, not_before, guess)


def parse_due(text: str, today: date) -> date:
    """A task's due date from what was typed in the task dialog, counted from `today`.

    Besides `read_date`'s forms (strict: no guesses): `today`, `tomorrow`;
    `+3d`, `+2w` (also `+3 days`, `+2 weeks`); a weekday (`fri`, `friday`), the
    next one after today; a date without a year, the next one on or after
    today. `-3d` is refused: a due date is counted forward; a past one is
    written out.
    """
    cleaned = _normalised(text)
    word = cleaned.casefold()
    if not word:
        raise TimeParseError("no date given")
    count = _COUNT.fullmatch(word)
    if count:
        return _counted(cleaned, count, today)
    named = _named_day(word, today)
    if named is not None:
        _check_year(named.year, cleaned)
        return named
    coming = _NEXT_WEEKDAY.fullmatch(word)
    if coming:
        soon = _next_weekday(coming.group(1), today)
        raise TimeParseError(
            f"{_quoted(cleaned)} reads two ways: {soon.isoformat()} or {(soon + timedelta(days=7)).isoformat()}? "
            f"Write {coming.group(1)} for the first, or the date"
        )
    match = _WRITTEN.fullmatch(cleaned)
    if match is None:
        raise TimeParseError(
            f"{_quoted(cleaned)} is not a due date pmtui can read (try 2024-05-20, 20 May, fri, +7d or tomorrow)"
        )
    return _reading(match, cleaned, None, today, False).value


def format_due(value: date) -> str:
    """`Fri 2024-05-17`: how a due date is shown; `parse_due` reads it back."""
    return f"{_DAY_NAMES[value.weekday()][:3]} {value.isoformat()}"


def describe_due(value: date, today: date) -> str:
    """The hint under a due-date field: `→ Fri 2024-05-17, in 7 days`, `..., today`, `..., 3 days ago`."""
    days = (value - today).days
    named = {0: "today", 1: "tomorrow", -1: "yesterday"}
    when = named.get(days) or (f"in {days} days" if days > 0 else f"{-days} days ago")
    return f"→ {format_due(value)}, {when}"


def _normalised(text: str) -> str:
    """The shared cleaner, then the comma or full stop a date in a sentence ends with."""
    return clean(text).rstrip(",.").strip()


def _quoted(text: str) -> str:
    """The text as typed, cut short: a reason stays one line even for a runaway paste."""
    return repr(text if len(text) <= 40 else f"{text[:37]}...")


def _counted(cleaned: str, count: re.Match[str], today: date) -> date:
    sign, number, unit = count.groups()
    try:
        delta = timedelta(days=int(number) * (7 if unit.casefold().startswith("w") else 1))
        value = today + delta if sign == "+" else today - delta
    except (OverflowError, ValueError):  # beyond datetime's years, or more digits than int() reads
        raise TimeParseError(f"{_quoted(cleaned)} is too far from today") from None
    _check_year(value.year, cleaned)
    if sign == "-":
        raise TimeParseError(
            f"{_quoted(cleaned)}: a due date counts forward from today; "
            f"for a date in the past write it out ({value.isoformat()})"
        )
    return value


def _named_day(word: str, today: date) -> date | None:
    """`today`, `tomorrow`, or a weekday (the next one after today); None for any other word."""
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    return _next_weekday(word, today) if re.fullmatch(WEEKDAYS, word) else None


def _next_weekday(name: str, today: date) -> date:
    wanted = _weekday_number(name)
    return today + timedelta(days=(wanted - today.weekday() - 1) % 7 + 1)


def _weekday_number(name: str) -> int:
    return next(i for i, day in enumerate(_DAY_NAMES) if day.casefold().startswith(name.casefold()[:3]))


def _reading(
    match: re.Match[str], cleaned: str, default_year: int | None, not_before: date | None, guess: bool
) -> DateReading:
    guesses: list[str] = []
    day, month, year = _parts(match, cleaned, guess, guesses)
    if year is None:
        value = _without_year(cleaned, day, month, default_year, not_before)
        _check_year(value.year, cleaned)
    else:
        _check_year(year, cleaned)
        try:
            value = date(year, month, day)
        except ValueError as error:
            raise TimeParseError(f"{_quoted(cleaned)} is not a real date ({error})") from None
    written_day = match.group("weekday")
    if written_day and _weekday_number(written_day) != value.weekday():
        said = _DAY_NAMES[_weekday_number(written_day)]
        mismatch = f"{value.isoformat()} is a {_DAY_NAMES[value.weekday()]}, not a {said}"
        if not guess:
            raise TimeParseError(f"{_quoted(cleaned)}: {mismatch}")
        guesses.append(f"{mismatch}; the date was kept")
    return DateReading(value, f"{_quoted(cleaned)}: " + "; ".join(guesses) if guesses else None)


def _parts(
    match: re.Match[str], cleaned: str, guess: bool, guesses: list[str]
) -> tuple[int, int, int | None]:
    """Day, month and year (None when not written) of a matched form."""
    if match.group("iso_y"):
        return int(match.group("iso_d")), int(match.group("iso_m")), int(match.group("iso_y"))
    if match.group("num_a"):
        if len(match.group("num_y")) == 2:
            raise TimeParseError(f"{_quoted(cleaned)}: write the year in full")
        first, second, year = int(match.group("num_a")), int(match.group("num_b")), int(match.group("num_y"))
        _check_year(year, cleaned)
        if first <= 12 and second <= 12 and first != second:
            day_first, month_first = date(year, second, first), date(year, first, second)
            if not guess:
                raise TimeParseError(
                    f"{_quoted(cleaned)} is ambiguous: {day_first.isoformat()} or {month_first.isoformat()}?"
                )
            guesses.append(f"read day first, as {day_first.isoformat()} (not {month_first.isoformat()})")
        if second > 12 >= first:
            return second, first, year
        return first, second, year
    day, month = (
        (match.group("dm_d"), match.group("dm_m"))
        if match.group("dm_d")
        else (match.group("md_d"), match.group("md_m"))
    )
    year_text = match.group("dm_y") or match.group("md_y") or match.group("md_yy")
    if year_text is not None and len(year_text) == 2:
        if not guess:
            raise TimeParseError(f"{_quoted(cleaned)}: write the year in full")
        guesses.append(f"the year {year_text} read as 20{year_text}")
        year_text = f"20{year_text}"
    return int(day), _MONTH_NUMBERS[month.casefold()[:3]], int(year_text) if year_text else None


def _without_year(
    cleaned: str, day: int, month: int, default_year: int | None, not_before: date | None
) -> date:
    try:
        date(2000, month, day)  # a leap year: any day of the month that exists at all
    except ValueError as error:
        raise TimeParseError(f"{_quoted(cleaned)} is not a real date ({error})") from None
    if not_before is not None:
        for year in range(not_before.year, not_before.year + 9):  # 29 Feb can be 8 years away
            try:
                value = date(year, month, day)
            except ValueError:
                continue
            if value >= not_before:
                return value
    if default_year is None:
        raise TimeParseError(f"{_quoted(cleaned)} has no year")
    try:
        return date(default_year, month, day)
    except ValueError:
        raise TimeParseError(f"{_quoted(cleaned)} is not a real date in {default_year}") from None


def _check_year(year: int, cleaned: str) -> None:
    try:
        check_year(date(year, 1, 1))
    except ValueError as error:  # check_year's reason; date() itself refuses the year 0
        raise TimeParseError(f"{_quoted(cleaned)}: {error}") from None
