"""What the tz database says about its zones: canonical names and the abbreviations in use.

zoneinfo answers "what is the offset at this instant"; pmtui also needs to know
which name a legacy alias stands for (`Cuba` is America/Havana) and which
abbreviations and offsets a zone uses around a date (Los Angeles is PST at
UTC-08:00 in winter, PDT at UTC-07:00 in summer). Both come from the same
database zoneinfo reads: the system's first (zoneinfo.TZPATH), then the tzdata
package.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import zoneinfo
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo


class Usage(NamedTuple):
    """A zone's abbreviation and offset at one instant."""

    when: datetime
    name: str
    offset: timedelta


def _database_texts(filename: str) -> list[str]:
    """A file of the tz database from every copy zoneinfo may read, in zoneinfo's order."""
    texts = []
    for directory in zoneinfo.TZPATH:
        try:
            texts.append(Path(directory, filename).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
    with contextlib.suppress(
        ImportError, OSError, UnicodeDecodeError
    ):  # no tzdata package: the system's only
        texts.append(importlib.resources.files("tzdata.zoneinfo").joinpath(filename).read_text("utf-8"))
    return texts


@lru_cache(maxsize=1)
def _catalogue() -> tuple[dict[str, str | None], frozenset[str]]:
    """Each name's link target (None for a zone), and the names the per-country tables list.

    A link whose name a country table lists (Europe/Oslo, linked to Europe/Berlin
    since 2022) is a place in its own right and keeps its name; a link no table
    lists (Cuba, US/Eastern, Asia/Calcutta) is a legacy spelling of its target.
    """
    targets: dict[str, str | None] = {}
    for text in _database_texts("tzdata.zi"):
        for line in text.splitlines():
            fields = line.split()
            if len(fields) >= 2 and fields[0] == "Z":
                targets.setdefault(fields[1], None)
            elif len(fields) >= 3 and fields[0] == "L":
                targets.setdefault(fields[2], fields[1])
    listed = {
        line.split("\t")[2]
        for table in ("zone1970.tab", "zone.tab")
        for text in _database_texts(table)
        for line in text.splitlines()
        if line and not line.startswith("#") and line.count("\t") >= 2
    }
    return targets, frozenset(listed)


@lru_cache(maxsize=1024)
def canonical_name(name: str) -> str:
    """The name a zone is shown and saved by: `Cuba` -> America/Havana, `Etc/UTC` -> UTC.

    Names the database does not describe are returned unchanged.
    """
    targets, listed = _catalogue()
    current, seen = name, {name}
    while current not in listed:
        target = targets.get(current)
        if target is None or target in seen:
            break
        seen.add(target)
        current = target
    return "UTC" if current == "Etc/UTC" else current


@lru_cache(maxsize=1)
def _keys_by_folded_name() -> dict[str, str]:
    return {key.casefold(): key for key in zoneinfo.available_timezones()}


def find_key(text: str) -> str | None:
    """The zoneinfo key for a name typed in any case (`america/new_york`), or None."""
    key = _keys_by_folded_name().get(text.casefold())
    if key is not None:
        return key
    try:
        ZoneInfo(text)
    except (ValueError, KeyError, OSError):
        return None
    return text


@lru_cache(maxsize=1024)
def usages(zone_name: str, year: int) -> tuple[Usage, ...]:
    """The zone's abbreviation and offset on the 1st and 15th of each month, `year` - 1 to `year` + 1.

    Twice a month catches every season a zone keeps for more than a fortnight.
    """
    zone = ZoneInfo(zone_name)
    year = min(max(year, 2), 9997)
    found = []
    for each_year in (year - 1, year, year + 1):
        for month in range(1, 13):
            for day in (1, 15):
                when = datetime(each_year, month, day, 12, tzinfo=timezone.utc)
                local = when.astimezone(zone)
                found.append(Usage(when, local.tzname() or "", local.utcoffset() or timedelta(0)))
    return tuple(found)


def nearest_usage(
    zone_name: str, near: datetime, *, name: str = "", offset: timedelta | None = None
) -> Usage | None:
    """The zone's usage of abbreviation `name` (or of `offset`) nearest to `near`, within a year of it."""
    anchor = near.replace(tzinfo=timezone.utc) if near.tzinfo is None else near
    matches = [
        usage
        for usage in usages(zone_name, near.year)
        if (not name or usage.name.upper() == name.upper()) and (offset is None or usage.offset == offset)
    ]
    return min(matches, key=lambda usage: abs(usage.when - anchor)) if matches else None


@lru_cache(maxsize=1)
def _world_abbreviations() -> dict[str, frozenset[timedelta]]:
    """Every lettered abbreviation any zone showed in January or July 1970-2037, with its offsets."""
    found: dict[str, set[timedelta]] = {}
    for key in zoneinfo.available_timezones():
        try:
            zone = ZoneInfo(key)
        except (ValueError, KeyError, OSError):
            continue
        for year in range(1970, 2038):
            for month in (1, 7):
                local = datetime(year, month, 15, 12, tzinfo=timezone.utc).astimezone(zone)
                name = local.tzname() or ""
                if name[:1].isalpha():
                    found.setdefault(name.upper(), set()).add(local.utcoffset() or timedelta(0))
    return {name: frozenset(offsets) for name, offsets in found.items()}


def world_offsets(name: str) -> frozenset[timedelta]:
    """The offsets the abbreviation `name` has meant in any zone since 1970 (empty if none)."""
    return _world_abbreviations().get(name.upper(), frozenset())


def place_name(zone_name: str) -> str:
    """How a sentence names a zone: `America/Los_Angeles` -> Los Angeles, `UTC` -> UTC."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")
