"""Units and currencies after (or before) a number, from the lexicons.

The table is ours (``lexicons/units.toml``) so that lookup costs nothing at start-up; a test
checks its conversion factors against pint. Where our table has no entry for a token that
looks like a unit abbreviation, quantulum3's much larger unit list is consulted, lazily.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

from .. import lexicon
from .text import Token

# Short surfaces that are also English words or letters: only a unit when glued ("5m", "3in").
_GLUED_ONLY = {"m", "s", "h", "g", "t", "l", "j", "w", "in", "mi", "ha", "min", "b", "p", "mb",
               "gal", "cup", "hr", "yr", "wk", "sec", "kb", "gb", "tb", "kw", "gw", "mw"}


@dataclass(frozen=True)
class Unit:
    name: str
    dimension: str
    factor: float
    tokens: int  # how many tokens the surface took


@functools.lru_cache(maxsize=None)
def _unit_table() -> dict[str, tuple[str, str, float]]:
    table: dict[str, tuple[str, str, float]] = {}
    for dimension, entries in lexicon.load("units").items():
        for surface, (name, factor) in entries.items():
            table[surface] = (name, dimension, float(factor))
    return table


@functools.lru_cache(maxsize=None)
def _max_words() -> int:
    return max(len(s.split()) for s in _unit_table())


def match_unit(toks: list[Token], j: int, glued: bool) -> Optional[Unit]:
    """The unit whose surface starts at token ``j`` (longest first)."""
    table = _unit_table()
    for n in range(min(_max_words(), len(toks) - j), 0, -1):
        words = [t.text for t in toks[j:j + n]]
        # multi-token surfaces must be written with single spaces ("km/h" is three tokens glued)
        joined_glued = "".join(words)
        joined_space = " ".join(words)
        contiguous = all(toks[k].end == toks[k + 1].start for k in range(j, j + n - 1))
        candidates = [joined_glued] if contiguous else []
        candidates.append(joined_space)
        for cand in candidates:
            hit = _lookup(cand, table)
            if hit is None:
                continue
            name, dimension, factor = hit
            bare = cand.lower()
            if (bare in _GLUED_ONLY or len(bare) == 1) and not glued:
                continue
            return Unit(name, dimension, factor, n)
    return None


def _lookup(surface: str, table) -> Optional[tuple[str, str, float]]:
    if surface in table:
        return table[surface]
    low = surface.lower()
    if low in table and (len(low) > 2 or surface.islower()):
        return table[low]
    parts = low.split(" ")
    sing = " ".join(parts[:-1] + [lexicon.singular(parts[-1])]) if parts[-1] not in ("feet", "inches") else low
    if sing != low and sing in table and len(sing) > 2:
        return table[sing]
    return None


# --- currencies --------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _currency_tables():
    c = lexicon.load("currencies")
    return c["symbols"], frozenset(c["codes"]["codes"]), {k: (v[0], float(v[1])) for k, v in c["words"].items()}


def currency_prefix(toks: list[Token], i: int) -> Optional[tuple[str, int]]:
    """("USD", j) for "$", "US$", "US $", "EUR", "€" starting at ``i``; j is the next token."""
    symbols, codes, _ = _currency_tables()
    for n in (3, 2, 1):
        if i + n > len(toks):
            continue
        chunk = toks[i:i + n]
        if any(chunk[k].end != chunk[k + 1].start for k in range(n - 1)) and n > 1:
            # "US $ 5" (spaced) is allowed only for a code followed by a symbol
            if not (n == 2 and chunk[0].text in ("US", "U.S.") and chunk[1].text == "$"):
                continue
        text = "".join(t.text for t in chunk)
        if text in symbols:
            return symbols[text], i + n
        if n == 1 and text in codes:
            return ("CNY" if text == "RMB" else text), i + 1
    return None


def currency_suffix(toks: list[Token], j: int) -> Optional[tuple[str, float, int]]:
    """("EUR", 1.0, j') for "euros", "pence", "US dollars", "EUR" after a number."""
    _, codes, words = _currency_tables()
    for n in (3, 2, 1):
        if j + n > len(toks):
            continue
        text = " ".join(t.lower for t in toks[j:j + n])
        sing = " ".join(text.split()[:-1] + [lexicon.singular(text.split()[-1])])
        for cand in (text, sing):
            if cand in words:
                code, factor = words[cand]
                if cand in ("pound", "p") and n == 1:
                    continue  # "pounds" is a weight unless "£" or "sterling" says otherwise
                return code, factor, j + n
        if n == 1 and toks[j].text in codes:
            return toks[j].text, 1.0, j + 1
    return None


# --- quantulum3, for units our table does not know -----------------------------------------

@functools.lru_cache(maxsize=None)
def _quantulum_surfaces() -> dict[str, tuple[str, str]]:
    """Surface -> (unit name, entity) from quantulum3's unit list. Costs ~3 s the first time:
    only called for a token that looks like a unit abbreviation and is not in our table."""
    try:
        from quantulum3 import load  # noqa: PLC0415 - deliberately lazy
        units = load.units("en_US")
    except Exception:  # pragma: no cover - quantulum3 missing or broken: no fallback
        return {}
    table: dict[str, tuple[str, str]] = {}
    for name, unit in getattr(units, "names", {}).items():
        for surface in list(getattr(unit, "surfaces", [])) + list(getattr(unit, "symbols", [])):
            table.setdefault(surface, (unit.name, unit.entity.name))
    return table


def quantulum_unit(token: str) -> Optional[Unit]:
    """A unit from quantulum3's list for an abbreviation-like token ("kJ", "GHz", "psi")."""
    if not (1 < len(token) <= 5) or not token.isalpha():
        return None
    if token.lower() in lexicon.stopwords() or (token.islower() and any(v in token for v in "aeiou") and len(token) > 3):
        return None
    hit = _quantulum_surfaces().get(token)
    if not hit or hit[1] in ("dimensionless", "currency", "time"):
        return None
    return Unit(hit[0], hit[1], 1.0, 1)
