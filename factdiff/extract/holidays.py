"""Named holidays from ``lexicons/holidays.toml``: fixed days, n-th weekdays of a month,
days counted from Western or Orthodox Easter (``dateutil.easter``), or from another holiday.
The ``holidays`` package lists only public holidays, by country: Halloween, Valentine's Day,
Groundhog Day, Black Friday, Cyber Monday and Earth Day are in no country's list, so these
rules stay (issue 15)."""
from __future__ import annotations

import datetime as dt
import functools
from typing import Optional

from dateutil.easter import EASTER_ORTHODOX, easter

from .. import lexicon
from . import lunisolar
from .text import tokenize

_WD = {day: n for n, day in enumerate(lexicon.WEEKDAY_ABBREVIATIONS)}


def nth_weekday(year: int, month: int, weekday: int, n: int) -> Optional[dt.date]:
    """The n-th ``weekday`` (0 = Monday) of a month; n = -1 for the last. None if none."""
    if n > 0:
        first = dt.date(year, month, 1)
        d = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        return d if d.month == month else None
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


@functools.lru_cache(maxsize=None)
def table() -> dict[tuple[str, ...], str]:
    """Holiday name (as a tuple of lower-case words, "'s" split off) -> holiday key."""
    out: dict[tuple[str, ...], str] = {}
    for key, entry in lexicon.load("holidays").items():
        for name in entry["names"]:
            for variant in {name, name.replace("'s", "s"), name.replace("'s", ""), name.replace("'", ""),
                            name.replace("saint ", "st "), name.replace("st. ", "st ")}:
                words = tuple(t.lower for t in tokenize(variant))
                out.setdefault(words, key)
    return out


@functools.lru_cache(maxsize=None)
def first_words() -> frozenset:
    return frozenset(k[0] for k in table())


def fixed_day(key: str) -> Optional[tuple[int, int]]:
    """(month, day) of a holiday on the same day every year, else None."""
    rule = lexicon.load("holidays")[key]["rule"].split()
    if len(rule) == 1 and "-" in rule[0] and rule[0][:2].isdigit():
        month, day = rule[0].split("-")
        return int(month), int(day)
    return None


_ISLAMIC_EPOCH = 227015  # the ordinal of 1 Muharram AH 1 (16 July 622, Julian)


def _fixed_from_islamic(y: int, m: int, d: int) -> int:
    """The tabular Islamic calendar (30-year cycle, leap years 2, 5, 7, 10, 13, 16, 18, 21, 24,
    26, 29): a proleptic Gregorian ordinal."""
    return d + 29 * (m - 1) + (6 * m - 1) // 11 + (y - 1) * 354 + (3 + 11 * y) // 30 + _ISLAMIC_EPOCH - 1


def islamic_days(year: int, month: int, day: int) -> list[dt.date]:
    """The Gregorian dates in ``year`` of an Islamic month and day (none, one or two)."""
    ay = (30 * (dt.date(year, 1, 1).toordinal() - _ISLAMIC_EPOCH) + 10646) // 10631
    out = []
    for y in (ay, ay + 1):
        g = dt.date.fromordinal(_fixed_from_islamic(y, month, day))
        if g.year == year:
            out.append(g)
    return out


@functools.lru_cache(maxsize=4096)
def dates_in(key: str, year: int) -> tuple:
    """Every day of ``year`` that is this holiday (a lunar one can fall twice)."""
    rule = lexicon.load("holidays")[key]["rule"].split()
    if not 1 <= year <= 9998:
        return ()
    try:
        if rule[0] == "islamic":
            return tuple(islamic_days(year, int(rule[1]), int(rule[2])))
        if rule[0] == "hindu":
            at = rule[3] if len(rule) > 3 else "sunrise"
            return tuple(lunisolar.hindu_days(year, int(rule[1]), int(rule[2]), at))
        if rule[0] == "nakshatra":
            return tuple(lunisolar.nakshatra_days(year, int(rule[1]), int(rule[2])))
    except (ValueError, OverflowError):
        return ()
    d = date_of(key, year)
    return (d,) if d is not None else ()


@functools.lru_cache(maxsize=4096)
def date_of(key: str, year: int) -> Optional[dt.date]:
    """The holiday in ``year`` (its first day there, for a lunar one)."""
    rule = lexicon.load("holidays")[key]["rule"].split()
    try:
        if rule[0] in ("islamic", "hindu", "nakshatra"):
            days = dates_in(key, year)
            return days[0] if days else None
        if rule[0] == "sankranti":
            d = lunisolar.sankranti_day(year, int(rule[1]))
            return d + dt.timedelta(days=int(rule[2])) if d is not None and len(rule) > 2 else d
        if rule[0] == "chinese":
            return lunisolar.chinese_new_year(year)
        if rule[0] == "every365":
            base = dt.date.fromisoformat(rule[1])
            d = base + dt.timedelta(days=365 * (year - base.year))
            return d if d.year == year else None
        if rule[0] == "nth":
            d = nth_weekday(year, int(rule[3]), _WD[rule[2]], int(rule[1]))
            if d is not None and len(rule) > 4:
                d += dt.timedelta(days=int(rule[4]))
            return d
        if rule[0] == "easter":
            return easter(year) + dt.timedelta(days=int(rule[1]))
        if rule[0] == "orthodox":
            return easter(year, EASTER_ORTHODOX) + dt.timedelta(days=int(rule[1]))
        if len(rule) == 2:
            day = date_of(rule[0], year)
            return day + dt.timedelta(days=int(rule[1])) if day else None
        month, day = rule[0].split("-")
        d = dt.date(year, int(month), int(day))
        if len(rule) == 3 and d.weekday() == _WD[rule[1]]:
            d += dt.timedelta(days=int(rule[2]))  # "04-27 sun -1": a Sunday's holiday is kept the day before
        return d
    except (ValueError, KeyError, OverflowError):
        return None
