"""Extraction accuracy on the Recognizers-Text and Duckling spec suites, next to quantulum3.

``python -m factdiff.evaluate.extraction`` (also part of ``make eval``) runs
``factdiff.extract`` and ``quantulum3.parser.parse`` over every case of
``../shared/dev-data/extraction/*.jsonl`` and prints, per suite, value recall, value+unit
recall, the share of expected-empty cases left empty, and cases per second.

Matching rules (one expected item is matched by at most one mention, greedily):

* Cases with ``reference_passes: false`` or ``latent: true`` are skipped.
* Span: a mention must overlap the expected character span.
* Value: equal within 1e-6 relative (1e-9 absolute). An expected point value also matches
  a finite end of an interval mention ("more than 30" holds 30). An expected range
  ``[low, high]`` must match both ends; an open end (``None``) matches an open end of ours
  (``-inf``/``inf``, or the floor 0 that "under 6" gets).
* Unit: the suites' unit names are mapped (``SUITE_UNITS``) to our canonical units
  (``lexicons/units.toml`` names, ISO 4217 codes, ``percent``, ``ordinal``); both sides are
  converted to the dimension's base unit before the values are compared, so Duckling's
  "0.5 kg" = 500 g and "1.5 hours" = 90 minutes match. Temperatures are never converted
  (each scale is its own dimension). An item without a unit (plain numbers) is matched on
  value alone; a share read as a percentage matches its fraction ("three fifths" = 60
  percent = 0.6). "value recall" accepts the number as written or the converted value;
  "value+unit recall" needs the converted value in the right unit.
* Items without a numeric value (a unit named alone, "the last one", "percentage") are not
  figures: they are counted as out of scope (column ``oos``) and left out of recall.
* Expected-empty cases: left empty when no mention has the kind the suite tests (a
  currency suite is judged on money mentions, a date suite on dates...).
* Dates: day-grain items are Recognizers ``date``/``datetimeV2.date`` items and Duckling
  items of grain ``day``. One matches a date mention with the same ISO date (or one of the
  Recognizers alternatives); a Duckling day interval matches a mention of its first day,
  or a month mention that contains it ("early March" read as 2013-03). Recognizers
  DateExtractor items carry no value and match any overlapping date mention. Items whose
  value is not a date ("not resolved", year 0001) are out of scope. A case is date-free
  when none of its expected items bears a calendar date (Recognizers: only durations,
  sets, times and time ranges; Duckling: nothing expected); it is left empty when we give
  no date mention. The reference date is the case's own, else the suite's usual one.
* Conventions: an underspecified date ("friday", "Aug 8", "the 15th") is read the way the
  suite reads it: ``prefer="future"`` for Duckling (its reference is "now" and it looks
  ahead), our news default ``prefer="past"`` for Recognizers (whose listed alternatives hold
  the future reading). The Duckling figure under the news convention is printed as well.
* Halves: every case belongs to half A or half B by a stable hash of its id (``half_of``).
  Tune on A only; B says whether a rule generalises. Both are printed.
* Throughput: both extractors are warmed up once (quantulum3 loads its unit list), then
  timed once on the same cases (each case is seen once, as in use; a second pass would
  profit from quantulum3's caches and from ours). Our holiday caches start empty.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import json
import math
import re
import sys
import time
import warnings
from pathlib import Path
from typing import Optional

from .. import extract
from ..extract import holidays, lunisolar
from ..extract.units import currency_tables, unit_table
from . import DEFAULT_DATA

FILES = ("recognizers_number.jsonl", "recognizers_numberwithunit.jsonl",
         "duckling_numeral_quantity.jsonl", "recognizers_datetime.jsonl", "duckling_time.jsonl")
NUMERIC_FILES = FILES[:3]
DATE_FILES = FILES[3:]
DEFAULT_REFERENCE = {"recognizers": "2016-11-07", "duckling": "2013-02-12"}

# Suite unit name -> our canonical unit(s) with the multiplier from the suite's unit to ours.
# Physical units are named as in lexicons/units.toml; currencies by ISO 4217 code.
SUITE_UNITS: dict[str, list[tuple[str, float]]] = {
    "dollar": [("USD", 1.0)], "unnamed": [("USD", 1.0)], "united states dollar": [("USD", 1.0)],
    # Duckling's AmountOfMoney JSON names its ambiguous currencies "$", "£" and "unknown" (bucks)
    "$": [("USD", 1.0)], "£": [("GBP", 1.0)], "unknown": [("USD", 1.0)],
    "pence": [("GBP", 0.01)],
    "pound": [("GBP", 1.0), ("pound", 1.0)], "euro": [("EUR", 1.0)],
    "japanese yen": [("JPY", 1.0)], "chinese yuan": [("CNY", 1.0)],
    "australian dollar": [("AUD", 1.0)], "canadian dollar": [("CAD", 1.0)],
    "mexican peso": [("MXN", 1.0)], "swiss franc": [("CHF", 1.0)],
    "franc": [("CHF", 1.0), ("FRF", 1.0), ("BEF", 1.0), ("XOF", 1.0), ("XAF", 1.0)],
    "finnish markka": [("FIM", 1.0)], "georgian lari": [("GEL", 1.0)], "lao kip": [("LAK", 1.0)],
    "sri lankan rupee": [("LKR", 1.0)], "bitcoin": [("XBT", 1.0)], "satoshi": [("XBT", 1e-8)],
    "dinar": [(c, 1.0) for c in ("KWD", "BHD", "IQD", "JOD", "LYD", "TND", "DZD", "RSD", "MKD")],
    "%": [("percent", 1.0)], "ordinal": [("ordinal", 1.0)],
    "c": [("degree Celsius", 1.0)], "celsius": [("degree Celsius", 1.0)],
    "f": [("degree Fahrenheit", 1.0)], "k": [("kelvin", 1.0)], "kelvin": [("kelvin", 1.0)],
    "r": [("degree Rankine", 1.0)],
    "pts": [("ESP", 1.0)], "fahrenheit": [("degree Fahrenheit", 1.0)],
    "degree": [("degree", 1.0)],
    "m": [("metre", 1.0)], "ton": [("ton", 1.0), ("tonne", 1.0)], "metric ton": [("tonne", 1.0)],
    "megabit": [("megabit", 1.0)], "dram": [("dram", 1.0)],
    # Recognizers-Text's English lists name some units only by their family: the currencies of
    # CurrencyIsoCodeList's "special main unit" entries (Rial, Krone, Ruble, Peso...: no one
    # country's), the minor units of several currencies, and the VolumeSuffixList and
    # WeightSuffixList entries "Volume unit" and "Weight unit". Each takes every unit its spec
    # list names.
    "riyal": [(c, 1.0) for c in ("SAR", "QAR", "OMR", "YER", "IRR")],
    "krone": [(c, 1.0) for c in ("NOK", "DKK", "SEK", "ISK")], "krona": [(c, 1.0) for c in ("SEK", "ISK")],
    "som": [(c, 1.0) for c in ("KGS", "UZS")],
    "rupee": [(c, 1.0) for c in ("INR", "PKR", "NPR", "LKR", "MUR", "SCR")],
    "ruble": [(c, 1.0) for c in ("RUB", "BYN", "BYR")],
    "peso": [(c, 1.0) for c in ("MXN", "ARS", "CLP", "COP", "CUP", "DOP", "PHP", "UYU")],
    "shilling": [(c, 1.0) for c in ("KES", "UGX", "TZS", "SOS")],
    "manat": [(c, 1.0) for c in ("AZN", "TMT")],
    "dirham": [(c, 1.0) for c in ("AED", "MAD")],
    "volume unit": [(u, 1.0) for u in ("fluid dram", "gill", "quart", "minim", "barrel", "cord", "peck",
                                       "bushel", "hogshead")],
    "weight unit": [(u, 1.0) for u in ("pennyweight", "grain", "long ton", "hundredweight", "stone",
                                       "dram")],
}
# The minor units Recognizers-Text names without their currency, and the currencies whose
# fraction each is (its Base-Currency.yaml CurrencyFractionList, parts per unit from
# CurrencyFractionNumList; our lexicon reads the fils as hundredths of the dirham and rial, as
# ISO 4217 has them): "5 cents" is 0.05 of any of them.
_FRACTION_CODES = {
    "cent": ("USD", "EUR", "AWG", "AUD", "BSD", "BBD", "BZD", "BMD", "SGD", "CAD", "KYD", "NZD", "ERN", "FJD",
             "GYD", "HKD", "JMD", "KES", "ZAR", "LRD", "MUR", "NAD", "SCR", "SLL", "SBD", "SOS", "LKR", "SRD",
             "SZL", "TWD", "TZS", "TTD", "UGX", "CHF", "MYR", "GBP", "UAH"),  # UAH: Duckling's kopiyka is a cent
    "penny": ("GBP", "SHP", "FKP", "GIP", "IMP", "JEP", "USD"),
    "sen": ("BND", "KHR", "IDR", "JPY", "MYR"),
    "centime": ("XOF", "BIF", "XAF", "KMF", "CDF", "DJF", "XPF", "GNF", "HTG", "MAD", "RWF", "CHF", "EUR"),
    "centavo": ("ARS", "BOB", "BRL", "CVE", "CLP", "COP", "CUC", "CUP", "DOP", "GTQ", "HNL", "MXN", "MZN", "NIO"),
    "piastre": ("EGP", "JOD", "LBP", "SSP", "SDG", "SYP"),
    "øre": ("DKK", "NOK", "SEK", "ISK"), "öre": ("SEK",),
    "paisa": ("INR", "NPR", "PKR", "BDT"),
    "kopek": ("RUB", "PRB", "UAH", "BYN"),
    "céntimo": ("CRC", "PYG", "PEN", "VES", "EUR"), "centésimo": ("PAB", "UYU"), "cêntimo": ("AOA", "STN"),
    "ban": ("RON", "MDL"),
}
SUITE_UNITS.update({name: [(c, 0.01) for c in codes] for name, codes in _FRACTION_CODES.items()})
SUITE_UNITS["fils"] = [(c, 0.001) for c in ("BHD", "IQD", "KWD")] + [(c, 0.01) for c in ("AED", "YER")]

# Kinds a suite is about: an expected-empty case is left empty when no mention has them.
SUITE_KINDS = {
    "recognizers/Number/NumberModel": ("count", "ratio", "number"),
    "recognizers/Number/OrdinalModel": ("ordinal",),
    "recognizers/Number/PercentModel": ("percent",),
    "recognizers/Number/NumberRangeModel": ("range",),
    "recognizers/NumberWithUnit/DimensionModel": ("quantity",),
    "recognizers/NumberWithUnit/CurrencyModel": ("money",),
    "recognizers/NumberWithUnit/AgeModel": ("age",),
    "recognizers/NumberWithUnit/TemperatureModel": ("temperature",),
    "duckling/Numeral": ("count", "ratio", "number", "quantity", "money", "percent", "duration"),
    "duckling/Ordinal": ("ordinal",),
    "duckling/Quantity": ("quantity",), "duckling/Distance": ("quantity",),
    "duckling/Volume": ("quantity",), "duckling/Temperature": ("temperature",),
    "duckling/Duration": ("duration",), "duckling/AmountOfMoney": ("money",),
}
_NO_DATE_TYPES = ("datetimeV2.duration", "datetimeV2.set", "datetimeV2.time", "datetimeV2.timerange")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")


# --- a uniform view of what an extractor found ------------------------------------------------

class Found:
    __slots__ = ("start", "end", "kind", "low", "high", "unit_key", "factor", "date", "subject", "dimension")

    def __init__(self, start, end, kind, low=None, high=None, unit_key=None, factor=1.0, date=None,
                 subject=None, dimension=None):
        self.start, self.end, self.kind, self.low, self.high = start, end, kind, low, high
        self.unit_key, self.factor, self.date, self.subject, self.dimension = unit_key, factor, date, subject, dimension


@functools.lru_cache(maxsize=None)
def _our_units() -> dict[str, tuple[str, float]]:
    """Canonical unit name (and every surface) -> (dimension key, factor to base)."""
    out: dict[str, tuple[str, float]] = {}
    for surface, (name, dim, factor) in unit_table().items():
        key = "degree" if name == "degree" else dim
        out.setdefault(name.lower(), (key, factor))
        out.setdefault(surface.lower(), (key, factor))
    _, codes, words = currency_tables()
    for code in codes:
        out.setdefault(code.lower(), (f"currency:{code}", 1.0))
    for word, (code, factor) in words.items():
        out.setdefault(word, (f"currency:{code}", factor))
    out["percent"] = ("percent", 1.0)
    out["percentage"] = ("percent", 1.0)
    out["ordinal"] = ("ordinal", 1.0)
    return out


def _unit_key(name: str) -> Optional[tuple[str, float]]:
    """Our canonical unit (or ISO code) -> (dimension key, factor to base)."""
    if name is None:
        return None
    if re.fullmatch(r"[A-Z]{3}", name):
        return f"currency:{name}", 1.0
    table = _our_units()
    low = name.lower()
    if low in table:
        return table[low]
    if low.endswith("s") and low[:-1] in table:
        return table[low[:-1]]
    return (f"unit:{low}", 1.0)


def _expected_keys(unit: Optional[str], suite: str) -> list[tuple[str, float]]:
    """Suite unit name -> [(dimension key, factor from the suite's unit to base)]."""
    if unit is None:
        return []
    low = unit.lower()
    alts = SUITE_UNITS.get(low)
    if low == "pound" and "Currency" not in suite and "Money" not in suite:
        alts = [("pound", 1.0)]
    if alts is None and " per " in low:
        return _per_keys(*low.split(" per ", 1))
    if alts is None:
        alts = [(unit, 1.0)]
    out = []
    for name, mult in alts:
        key = _unit_key(name)
        if key:
            out.append((key[0], key[1] * mult))
    return out


def _per_keys(top: str, bottom: str) -> list[tuple[str, float]]:
    """A compound suite unit ("Kilometer per millisecond") as ``units.match_unit`` builds it."""
    a, b = _unit_key(top), _unit_key(bottom)
    if a is None or b is None or a[0].startswith("unit:") or b[0].startswith("unit:"):
        return []
    if a[0] == "length" and b[0] == "time":
        return [("speed", a[1] / b[1] * 3.6)]
    return [(f"{a[0]}/{b[0]}", a[1] / b[1])]


def _from_mention(m) -> Found:
    if m.kind == "money":
        key, factor = f"currency:{m.unit}", 1.0
    elif m.kind == "percent":
        key, factor = "percent", 1.0
    elif m.kind == "ordinal":
        key, factor = "ordinal", 1.0
    elif m.unit and m.kind in ("quantity", "duration"):
        key = "degree" if m.unit == "degree" else (m.dimension or f"unit:{m.unit}")
        factor = m.factor
    else:
        key, factor = None, 1.0
    return Found(m.start, m.end, m.kind, m.low, m.high, key, factor, m.date, m.subject, m.dimension)


def _from_quantulum(q) -> Found:
    unit = q.unit
    entity = unit.entity.name if unit.entity else ""
    low = high = q.value
    if entity == "currency":
        code = getattr(unit, "currency_code", None)
        return Found(q.span[0], q.span[1], "money", low, high, f"currency:{code}" if code else None)
    if unit.name == "dimensionless":
        return Found(q.span[0], q.span[1], "count", low, high)
    if unit.name in ("percentage", "percent"):
        return Found(q.span[0], q.span[1], "percent", low, high, "percent")
    key = _unit_key(unit.name)
    kind = "duration" if entity == "time" else "quantity"
    dim = key[0] if key else None
    return Found(q.span[0], q.span[1], kind, low, high, key[0] if key else None, key[1] if key else 1.0,
                 dimension=dim)


# --- matching ------------------------------------------------------------------------------

def _close(a, b) -> bool:
    if a is None or b is None:
        return False
    if math.isinf(a) or math.isinf(b):
        return a == b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _overlap(f: Found, e: dict) -> bool:
    return f.start < e["end"] and e["start"] < f.end


def _value_match(f: Found, e: dict, factor_e: float = 1.0, factor_f: float = 1.0) -> bool:
    v = e["value"]
    lo = None if f.low is None else f.low * factor_f
    hi = None if f.high is None else f.high * factor_f
    if isinstance(v, list):
        el, eh = v[0], v[1]
        ok_lo = (el is None and (lo is None or lo == -math.inf or lo == 0)) or \
                (el is not None and _close(el * factor_e, lo))
        ok_hi = (eh is None and (hi is None or hi == math.inf)) or \
                (eh is not None and _close(eh * factor_e, hi))
        return ok_lo and ok_hi
    target = v * factor_e
    return _close(target, lo) or _close(target, hi)


def _scorable(e: dict) -> bool:
    v = e.get("value")
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, list) and len(v) == 2 and any(isinstance(x, (int, float)) for x in v)


def _match_numeric(found: list[Found], e: dict, suite: str, with_unit: bool, used: set) -> bool:
    keys = _expected_keys(e.get("unit"), suite)
    for k, f in enumerate(found):
        if k in used or not _overlap(f, e):
            continue
        ok = False
        if keys:
            for key, factor in keys:
                if key == f.unit_key and _value_match(f, e, factor, f.factor):
                    ok = True
                    break
            if not ok and not with_unit:
                ok = _value_match(f, e)
        else:
            ok = _value_match(f, e) or (f.kind == "percent" and _value_match(f, e, 100.0))
        if ok:
            used.add(k)
            return True
    return False


def _month_contains(month: str, first: str, last: str) -> bool:
    return len(month) == 7 and first.startswith(month) and last[:7] in (month, _next_month(month))


def _next_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return f"{y:04d}-{m:02d}"


def _is_day_item(e: dict, suite: str) -> bool:
    if suite.startswith("duckling"):
        return e.get("grain") == "day"
    return e.get("type") in ("date", "datetimeV2.date")


def _date_values(e: dict) -> Optional[list]:
    """Acceptable ISO values of a day-grain item; [] for 'any date' (no value); None: out of scope."""
    v = e.get("value")
    if v is None and e.get("type") == "date":
        return []
    if isinstance(v, list):
        if len(v) == 2 and isinstance(v[0], str) and _ISO_DAY.match(v[0][:10]):
            return [("range", v[0][:10], (v[1] or v[0])[:10])]
        return None
    if not isinstance(v, str) or not _ISO_DAY.match(v[:10]) or v.startswith("0001"):
        return None
    vals = [v[:10]]
    for alt in e.get("alternatives") or []:
        if isinstance(alt, str) and _ISO_DAY.match(alt[:10]):
            vals.append(alt[:10])
    return vals


def _match_date(found: list[Found], e: dict, values: list, used: set) -> bool:
    for k, f in enumerate(found):
        if k in used or f.kind != "date" or not _overlap(f, e) or not f.date:
            continue
        ok = not values
        for v in values:
            if isinstance(v, tuple):
                _, first, end = v
                last = (dt.date.fromisoformat(end) - dt.timedelta(days=1)).isoformat() if end > first else first
                ok = ok or f.date == first or _month_contains(f.date, first, last)
            else:
                ok = ok or f.date == v
        if ok:
            used.add(k)
            return True
    return False


def _left_empty(found: list[Found], suite: str) -> bool:
    kinds = SUITE_KINDS.get(suite)
    if kinds is None:  # date suites
        return not any(f.kind == "date" for f in found)
    for f in found:
        if "range" in kinds and f.kind not in ("date", "time", "role", "ordinal") and f.low is not None \
                and f.high is not None and f.low != f.high:
            return False
        if "age" in kinds and f.subject == "age":
            return False
        if "temperature" in kinds and ((f.dimension or "").startswith("temperature") or f.unit_key == "degree"
                                       and f.dimension != "angle"):
            return False
        if f.kind in kinds and not (f.kind == "quantity" and "temperature" in kinds):
            if f.kind == "quantity" and suite.startswith("recognizers") and \
                    (f.dimension == "time" or (f.dimension or "").startswith("temperature") or f.unit_key == "degree"):
                continue  # the dimension model reads no ages or temperatures
            return False
    return True


def half_of(case_id: str) -> str:
    """The fixed half ("A" or "B") of a case: the parity of the first byte of its id's SHA-1."""
    return "AB"[hashlib.sha1(case_id.encode("utf-8")).digest()[0] & 1]


# --- running -------------------------------------------------------------------------------

def load_cases(data: Path) -> list[dict]:
    cases = []
    for name in FILES:
        path = data / "extraction" / name
        if not path.exists():
            continue
        for line in path.open(encoding="utf-8"):
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("reference_passes") is False or r.get("latent"):
                continue
            r["file"] = name
            cases.append(r)
    return cases


def _reference(case: dict) -> str:
    ref = case.get("reference_datetime")
    if ref:
        return ref[:10]
    return DEFAULT_REFERENCE["duckling" if case["suite"].startswith("duckling") else "recognizers"]


def _prefer(case: dict) -> str:
    """The suite's convention for underspecified dates: Duckling reads "friday", "Aug 8" or
    "on the first" as the next one; Recognizers lists the past reading as its value and the
    future one as an alternative, so our news default ("past") is used there."""
    return "future" if case["suite"].startswith("duckling") else "past"


def run_ours(cases: list[dict], prefer: Optional[str] = None) -> tuple[list[list[Found]], float]:
    extract("warm up: 3 km on 5 May 2015", published="2015-05-06")
    for cache in (holidays.dates_in, holidays.date_of, lunisolar.lunar_months):
        cache.cache_clear()
    t0 = time.perf_counter()
    out = [[_from_mention(m) for m in extract(c["text"], published=_reference(c), prefer=prefer or _prefer(c))]
           for c in cases]
    return out, time.perf_counter() - t0


def run_quantulum(cases: list[dict]) -> tuple[Optional[list[list[Found]]], float]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser  # noqa: PLC0415 - the optional eval extra: its columns, if there

            parser.parse("warm up: 3 km")
    except Exception:  # pragma: no cover - quantulum3 missing
        print("quantulum3 is not installed (pip install 'factdiff[eval]'): its columns are left out", file=sys.stderr)
        return None, 0.0
    out = []
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for c in cases:
            try:
                qs = parser.parse(c["text"])
            except Exception:
                qs = []
            out.append([_from_quantulum(q) for q in qs])
    return out, time.perf_counter() - t0


class Tally:
    def __init__(self):
        self.cases = self.items = self.value = self.value_unit = self.oos = 0
        self.empty = self.empty_ok = 0
        self.day = self.day_ok = self.free = self.free_ok = 0

    def add(self, other: "Tally") -> None:
        for k, v in vars(other).items():
            setattr(self, k, getattr(self, k) + v)


def score(cases: list[dict], found: list[list[Found]], misses: Optional[list] = None) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    for case, fs in zip(cases, found):
        suite = case["suite"]
        t = tallies.setdefault(suite, Tally())
        t.cases += 1
        expected = case["expected"]
        if not expected:
            t.empty += 1
            ok = _left_empty(fs, suite)
            t.empty_ok += ok
            if not ok and misses is not None:
                misses.append((suite, "not empty", case["text"], None, fs))
        if case["file"] in DATE_FILES:
            dated = [e for e in expected if suite.startswith("duckling") or e.get("type") not in _NO_DATE_TYPES]
            if not dated:
                t.free += 1
                ok = _left_empty(fs, suite)
                t.free_ok += ok
                if not ok and misses is not None and expected:
                    misses.append((suite, "date-free has date", case["text"], None, fs))
            used: set = set()
            for e in expected:
                if not _is_day_item(e, suite):
                    continue
                values = _date_values(e)
                if values is None:
                    t.oos += 1
                    continue
                t.day += 1
                ok = _match_date(fs, e, values, used)
                t.day_ok += ok
                if not ok and misses is not None:
                    misses.append((suite, "date", case["text"], e, fs))
            continue
        used_v: set = set()
        used_u: set = set()
        for e in expected:
            if not _scorable(e):
                t.oos += 1
                continue
            t.items += 1
            v = _match_numeric(fs, e, suite, False, used_v)
            u = _match_numeric(fs, e, suite, True, used_u)
            t.value += v
            t.value_unit += u
            if not u and misses is not None:
                misses.append((suite, "value" if not v else "unit", case["text"], e, fs))
    return tallies


def _pct(a: int, b: int) -> str:
    return f"{a / b:6.3f}" if b else "     -"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--misses", type=int, default=0, help="print this many of our misses")
    ap.add_argument("--suite", default="", help="only print misses of suites containing this")
    ap.add_argument("--half", choices=("A", "B"), default="A", help="only print misses of this half")
    ap.add_argument("--no-quantulum", action="store_true")
    args = ap.parse_args(argv)
    cases = load_cases(args.data)
    if not cases:
        print(f"(no extraction data under {args.data})")
        return 0
    ours, t_ours = run_ours(cases)
    theirs, t_theirs = (None, 0.0) if args.no_quantulum else run_quantulum(cases)
    misses: list = []
    ts = score(cases, ours)
    tq = score(cases, theirs) if theirs is not None else {}
    file_of = {c["suite"]: c["file"] for c in cases}
    _print_suites(ts, tq, file_of)
    _print_numbers(cases, ours, theirs, ts, tq, file_of, misses, args.half)
    _print_dates(cases, ts, file_of)
    n = len(cases)
    rate = n / t_ours if t_ours else 0
    qrate = n / t_theirs if t_theirs else 0
    print(f"throughput on {n} cases: factdiff {rate:,.0f} cases/s, quantulum3 {qrate:,.0f} cases/s"
          + (f" ({rate / qrate:.1f}x)" if qrate else ""))
    _print_misses(misses, args.misses, args.suite)
    return 0


def _sum(tallies) -> Tally:
    out = Tally()
    for t in tallies:
        out.add(t)
    return out


def _print_suites(ts: dict, tq: dict, file_of: dict) -> None:
    """One line per suite, in the order of FILES."""
    print("value = value recall, v+u = value+unit recall, empty = expected-empty cases left empty,")
    print("day = day-grain date recall, free = date-free cases with no date; q: quantulum3")
    print(f"{'suite':46} {'cases':>5} {'items':>5} {'oos':>4} {'value':>6} {'v+u':>6} {'q v':>6} "
          f"{'q v+u':>6} {'empty':>6} {'q emp':>6} {'day':>6} {'free':>6}")
    for s in sorted(ts, key=lambda s: (FILES.index(file_of[s]), s)):
        t = ts[s]
        q = tq.get(s, Tally())
        print(f"{s:46} {t.cases:5d} {t.items:5d} {t.oos:4d} {_pct(t.value, t.items)} {_pct(t.value_unit, t.items)} "
              f"{_pct(q.value, q.items)} {_pct(q.value_unit, q.items)} {_pct(t.empty_ok, t.empty)} "
              f"{_pct(q.empty_ok, q.empty)} {_pct(t.day_ok, t.day)} {_pct(t.free_ok, t.free)}")


def _print_numbers(cases: list, ours: list, theirs, ts: dict, tq: dict, file_of: dict, misses, half_shown: str) -> None:
    """Value and value+unit recall of numbers and quantities, in all and per half."""
    total = _sum(ts[s] for s in ts if file_of[s] in NUMERIC_FILES)
    qtotal = _sum(tq.get(s, Tally()) for s in ts if file_of[s] in NUMERIC_FILES)
    print()
    print(f"numbers and quantities, all items: value {_pct(total.value, total.items).strip()}, "
          f"value+unit {_pct(total.value_unit, total.items).strip()} ({total.items} items); "
          f"quantulum3 value {_pct(qtotal.value, qtotal.items).strip()}, "
          f"value+unit {_pct(qtotal.value_unit, qtotal.items).strip()}")
    for half in "AB":
        picked = [k for k, c in enumerate(cases) if half_of(c["id"]) == half and c["file"] in NUMERIC_FILES]
        sub = [cases[k] for k in picked]
        h = _sum(score(sub, [ours[k] for k in picked], misses if half == half_shown else None).values())
        hq = _sum(score(sub, [theirs[k] for k in picked]).values()) if theirs is not None else Tally()
        print(f"  half {half}: value {_pct(h.value, h.items).strip()}, "
              f"value+unit {_pct(h.value_unit, h.items).strip()} "
              f"({h.items} items); quantulum3 value {_pct(hq.value, hq.items).strip()}, "
              f"value+unit {_pct(hq.value_unit, hq.items).strip()}")


def _print_dates(cases: list, ts: dict, file_of: dict) -> None:
    """Day-grain recall and date-free cases, in all and per file."""
    dates = _sum(ts[s] for s in ts if ts[s].day or ts[s].free)
    print(f"dates: day-grain recall {_pct(dates.day_ok, dates.day).strip()} ({dates.day} items), "
          f"date-free left empty {_pct(dates.free_ok, dates.free).strip()} ({dates.free} cases)")
    for f in DATE_FILES:
        t = _sum(ts[s] for s in ts if file_of[s] == f)
        print(f"  {f:34} day-grain recall {_pct(t.day_ok, t.day).strip()} ({t.day}), "
              f"date-free left empty {_pct(t.free_ok, t.free).strip()} ({t.free})")
    duck = [c for c in cases if c["file"] == "duckling_time.jsonl"]
    if duck:
        news, _ = run_ours(duck, prefer="past")
        t = _sum(score(duck, news).values())
        print(f"  {'duckling_time.jsonl, news convention':34} day-grain recall {_pct(t.day_ok, t.day).strip()} "
              f"({t.day}): underspecified dates read as past ones, as factdiff does on news")


def _print_misses(misses: list, most: int, suite_part: str) -> None:
    shown = 0
    for suite, what, text, e, fs in misses:
        if shown >= most or suite_part not in suite:
            continue
        shown += 1
        got = [(text[f.start:f.end], f.kind, f.low, f.high, f.unit_key, f.date) for f in fs]
        exp = e and {k: e.get(k) for k in ("span", "value", "unit", "alternatives") if e.get(k) is not None}
        print(f"MISS[{suite.split('/')[-1]}:{what}] {text[:120]!r}\n    expected {exp}\n    got {got}")

if __name__ == "__main__":
    raise SystemExit(main())
