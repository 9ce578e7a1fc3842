"""Fuzz factdiff's library face: ``factdiff.extract``, ``factdiff.check_texts`` and the decoding
of files never raise, and every mention they return lies inside its text.

    python tools/fuzz.py --inputs 1000000 --jobs 2     # `make fuzz`
    python tools/fuzz.py --replay build/fuzz-failures/<name>.bin

The inputs are Hypothesis strategies (news-like text built from every word of the lexicons,
numbers written every way, Unicode oddities and arbitrary Unicode, surrogates included),
driven by random bytes through ``fuzz_one_input``: each call is one input, nothing is
remembered between calls, so a run of millions keeps flat memory. Every input that gets past
generation is counted (``inputs`` below); a failing one is saved under ``build/fuzz-failures/``
with its traceback and can be replayed. ``tests/test_properties.py`` runs the same properties
on a few hundred examples inside ``make test``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import json
import math
import multiprocessing
import os
import random
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
FAILURES = ROOT / "build" / "fuzz-failures"

# --- what the inputs are made of -----------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def vocabulary() -> tuple:
    """Every key, string and list item of every lexicon: the words the extractor reacts to."""
    import tomllib

    words: set = set()

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                words.add(str(k))
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str):
            words.add(node)

    for f in sorted((ROOT / "factdiff" / "lexicons").glob("*.toml")):
        with open(f, "rb") as fh:
            walk(tomllib.load(fh))
    for w in list(words):
        for part in w.split():
            words.add(part)
    return tuple(sorted(w for w in words if w and len(w) < 40))


NEWS_WORDS = (
    "killed", "died", "injured", "people", "civilians", "attacks", "air strikes", "homes", "the", "of", "in",
    "one of", "each", "a day", "per", "ago", "since", "until", "between", "and", "to", "from", "about",
    "more than", "at least", "nearly", "up to", "as many as", "fewer than", "around", "an estimated",
    "January", "Sept.", "Dec", "Monday", "on Wednesday", "last year", "this week", "yesterday", "in 2015",
    "mid-2015", "the 1990s", "spokesman", "Defence Ministry", "Igor Konashenkov", "said", "Reuters", "BBC",
    "compared to", "for every", "versus", "percent", "per cent", "%", "$", "£", "€", "US$", "million",
    "billion", "bn", "m", "k", "km", "miles", "kg", "tonnes", "years", "months", "days", "hours", "a quarter",
    "half", "a third", "dozens", "hundreds", "thousands", "a handful", "voted", "to", "a 97-1 vote",
    "Mr.", "U.S.", "e.g.", "No.", "07:19", "7 p.m.", "+44 20 7946 0958", "(555) 123-4567",
    "http://example.org/a/1", "www.x.com/2015", "john.doe@example.com", "@user42", "#tag2015",
    "RBK 500", "Su-24s", "Boeing 737", "COVID-19", "G20", "F-16", "3G", "2x", "x2",
)

SEPARATORS = (" ", " ", " ", "", "\n", "\n\n", ", ", ". ", "; ", " - ", " – ", "—", "\t", "\r\n", "\r",
              "\u00a0", "\u2009", "\u202f", "\u3000", "/", "(", ")", '"', "“", "”", "'", "’", "!", "?",
              "...", "…", ":", "-")

ODDITIES = (
    "\x00", "\x1b[2J", "\x07", "\x0c", "\x0b", "\u200b", "\u200d", "\ufeff", "\u0301", "\u0338", "\u202e",
    "\u2028", "\u2029", "\x85", "\ud800", "\udfff", "\U000112f6\U00016130", "߀٣", "1\U00016131", "\U0001f4a5", "\U0001f1fa\U0001f1f8", "١٢٣", "۴۵",
    "१२", "１２３", "²", "³", "½", "¾", "⅓", "Ⅻ", "ﬁ", "İ", "ß", "ǅ", "Σ", "ς", "ﾊﾝ", "零", "二十",
    "&amp;", "&#8212;", "&nbsp;", "<b>", "</p>", "<script>", "\\", "{", "}", "[", "]", "*", "_", "~",
    "∞", "NaN", "nan", "inf", "-inf", "1e309", "1e-400", "9" * 400, "0" * 50, "1" + "0" * 320,
    "1,000,000,000,000,000,000,000", "0.0000000001", "-0", "+0", "00", "0x1F", "1_000", "1'000",
    "٫", "٬", "\u066b", "‰", "‱", "°", "°C", "µg", "m²", "km/h", "$$", "€€", "%%",
)


def _number_text(n: int, frac: int, style: int) -> str:
    if style == 0:
        return str(n)
    if style == 1:
        return f"{n:,}"
    if style == 2:
        return f"{n}.{frac}"
    if style == 3:
        return f"{n:,}".replace(",", " ")
    if style == 4:
        return f"{n:,}".replace(",", ".") + f",{frac % 100}"
    if style == 5:
        return f"{n}e{frac % 40 - 20}"
    if style == 6:
        return f".{frac}"
    if style == 7:
        return f"{n}/{frac or 1}"
    if style == 8:
        return f"{n}-{n + frac}"
    return f"{n}{'st nd rd th m bn k % x s'.split()[frac % 10]}"


numbers = st.builds(_number_text, st.one_of(st.integers(0, 2100), st.integers(0, 10 ** 24)),
                    st.integers(0, 10 ** 6), st.integers(0, 9))
any_unicode = st.text(st.characters(blacklist_categories=()), max_size=12)  # surrogates included


def _fragments():
    return st.one_of(
        numbers,
        st.sampled_from(NEWS_WORDS),
        st.sampled_from(vocabulary()),
        st.sampled_from(ODDITIES),
        any_unicode,
    )


def _join(parts: list) -> str:
    return "".join(f + s for f, s in parts)


# A news-like text: fragments of every kind, joined by spaces, punctuation and line breaks; or
# any Unicode text at all.
articles = st.one_of(
    st.lists(st.tuples(_fragments(), st.sampled_from(SEPARATORS)), max_size=80).map(_join),
    st.text(st.characters(blacklist_categories=()), max_size=300),
)
published = st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
                      st.dates(), st.text(max_size=12))


# --- the properties ------------------------------------------------------------------------------

COUNT = {"inputs": 0}


def check_extract(text: str, pub=None) -> None:
    """``extract`` returns mentions whose spans lie inside ``text`` and quote it exactly."""
    from factdiff import extract

    mentions = extract(text, pub)
    assert isinstance(mentions, list)
    for m in mentions:
        assert 0 <= m.start <= m.end <= len(text), (m.start, m.end, len(text), m)
        assert text[m.start:m.end] == m.text, (m.start, m.end, m.text)
        assert isinstance(m.kind, str) and m.kind
        s = m.sentence_start
        assert 0 <= s <= len(text) and text[s:s + len(m.sentence)] == m.sentence, (s, m.sentence)
        for x in (m.low, m.high):
            assert x is None or not math.isnan(x), m


def check_report(texts: dict, pub=None) -> None:
    """``check_texts`` judges every fact; each mention names a given source, lies inside its
    text, and the report is valid JSON (no NaN)."""
    import factdiff

    report = factdiff.check_texts(texts, {k: pub for k in texts} if isinstance(pub, str) else None)
    for fact in report.facts:
        assert fact.status in ("agree", "conflict", "single"), fact.status
        assert fact.mentions
        for m in fact.mentions:
            assert m.source in texts, m.source
            text = texts[m.source]
            assert 0 <= m.start <= m.end <= len(text) and text[m.start:m.end] == m.text, m
    json.dumps(report.to_dict(), allow_nan=False)


def check_decode(data: bytes) -> None:
    """Any bytes: ``decode`` gives text or says why not (InputError), and so does HTML."""
    from factdiff.sources import InputError, decode, html_to_text

    try:
        text, encoding = decode(data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str) and isinstance(encoding, str)
    html_to_text(text)


FUZZ = settings(database=None, deadline=None, suppress_health_check=list(HealthCheck), max_examples=1)


@FUZZ
@given(articles, published)
def fuzz_extract(text, pub):
    COUNT["inputs"] += 1
    check_extract(text, pub)


@FUZZ
@given(st.dictionaries(st.sampled_from(["a", "b", "c", "ü/ñ", ""]), articles, min_size=1, max_size=3),
       st.one_of(st.none(), st.dates().map(dt.date.isoformat)))
def fuzz_check_texts(texts, pub):
    COUNT["inputs"] += 1
    check_report(texts, pub)


@FUZZ
@given(st.one_of(st.binary(max_size=600),
                 st.tuples(articles, st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                                      "cp1252", "latin-1", "utf-8-sig"]))
                 .map(lambda a: a[0].encode(a[1], "replace")),
                 st.tuples(articles, st.binary(max_size=8)).map(lambda a: a[0].encode("utf-8", "replace") + a[1])))
def fuzz_decode(data):
    COUNT["inputs"] += 1
    check_decode(data)


# Share of the inputs each target gets: extraction is the most exposed, a report the dearest.
TARGETS = {"extract": (fuzz_extract, 6), "check_texts": (fuzz_check_texts, 2), "decode": (fuzz_decode, 2)}


# --- the driver ----------------------------------------------------------------------------------

def _buffer(rng: random.Random) -> bytes:
    return rng.randbytes(rng.choice((64, 256, 1024, 4096, 8192)))


def _signature(exc: BaseException) -> str:
    tb = traceback.extract_tb(exc.__traceback__)
    inner = [f for f in tb if "/factdiff/" in f.filename] or tb
    last = inner[-1] if inner else None
    where = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
    return f"{type(exc).__name__} at {where}"


def _save(target: str, buf: bytes, exc: BaseException) -> Path:
    FAILURES.mkdir(parents=True, exist_ok=True)
    name = f"{target}-{hashlib.sha1(buf).hexdigest()[:12]}"
    (FAILURES / f"{name}.bin").write_bytes(buf)
    (FAILURES / f"{name}.txt").write_text("".join(traceback.format_exception(exc)), encoding="utf-8",
                                          errors="backslashreplace")
    return FAILURES / f"{name}.bin"


def _worker(args) -> dict:
    """Run ``n`` inputs with seed ``seed``; returns the count and the distinct failures."""
    n, seed, targets, report_every = args
    rng = random.Random(seed)
    pool = [name for name in targets for _ in range(TARGETS[name][1])]
    COUNT["inputs"] = 0
    per_target = dict.fromkeys(targets, 0)
    failures: dict = {}
    calls = 0
    started = time.time()
    while COUNT["inputs"] < n:
        name = rng.choice(pool)
        buf = _buffer(rng)
        before = COUNT["inputs"]
        calls += 1
        try:
            TARGETS[name][0].hypothesis.fuzz_one_input(buf)
        except Exception as exc:  # noqa: BLE001 - every failure is recorded, the run goes on
            sig = f"{name}: {_signature(exc)}"
            if sig not in failures:
                failures[sig] = str(_save(name, buf, exc))
                print(f"[seed {seed}] FAILURE {sig} -> {failures[sig]}", file=sys.stderr, flush=True)
        per_target[name] += COUNT["inputs"] - before
        if report_every and COUNT["inputs"] // report_every != before // report_every:
            rate = COUNT["inputs"] / max(time.time() - started, 1e-9)
            print(f"[seed {seed}] {COUNT['inputs']:,}/{n:,} inputs, {rate:,.0f}/s, "
                  f"{len(failures)} failure(s)", file=sys.stderr, flush=True)
    return {"inputs": COUNT["inputs"], "calls": calls, "per_target": per_target, "failures": failures,
            "seconds": time.time() - started}


def run(inputs: int, jobs: int, seed: int, targets: list, report_every: int) -> int:
    jobs = max(1, jobs)
    shares = [inputs // jobs + (1 if k < inputs % jobs else 0) for k in range(jobs)]
    work = [(share, seed + k, targets, report_every) for k, share in enumerate(shares)]
    started = time.time()
    if jobs == 1:
        results = [_worker(work[0])]
    else:
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            results = pool.map(_worker, work)
    total = sum(r["inputs"] for r in results)
    per_target: dict = {}
    failures: dict = {}
    for r in results:
        for k, v in r["per_target"].items():
            per_target[k] = per_target.get(k, 0) + v
        failures.update(r["failures"])
    summary = {"inputs": total, "per_target": per_target, "seed": seed, "jobs": jobs,
               "seconds": round(time.time() - started, 1), "failures": failures,
               "result": "PASS" if not failures else "FAIL"}
    print(json.dumps(summary, indent=2))
    return 0 if not failures else 1


def replay(path: Path) -> int:
    name = path.name.split("-")[0]
    TARGETS[name][0].hypothesis.fuzz_one_input(path.read_bytes())  # raises with the full traceback
    print(f"{path}: passes now")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", type=int, default=1_000_000, help="inputs to run in all (default 1,000,000)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    ap.add_argument("--seed", type=int, default=int(time.time()), help="first seed (one per worker)")
    ap.add_argument("--target", action="append", choices=sorted(TARGETS), help="only these (repeatable)")
    ap.add_argument("--report-every", type=int, default=50_000, help="progress line every N inputs per worker")
    ap.add_argument("--replay", type=Path, help="run one saved failing input again")
    args = ap.parse_args(argv)
    if args.replay:
        return replay(args.replay)
    return run(args.inputs, args.jobs, args.seed, args.target or sorted(TARGETS), args.report_every)


if __name__ == "__main__":
    sys.exit(main())
