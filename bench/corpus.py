"""Build benchmark corpora under build/ by replicating real stories: N articles (``build``) or
N stories (``build_stories``, the input of ``factdiff corpus``).

The stories are the sample folder (samples/amnesty-syria-2015) and, when present, the
multi-outlet clusters of the development data (../shared/dev-data/clusters/*/), read at
build time and never copied into the repository. Copy ``c`` of a story goes to its own folder
(``c00042-<story>/``), so the articles of one copy stay together in file order, and every copy
is a little different from the others: its plain integer figures are multiplied by
``1 + c % 10`` (years, days of the month and clock times are left alone) and its last line
names the copy, so no two files have the same bytes and neither a content cache nor
deduplication can make a copy free.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator, Optional

import regex

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amnesty-syria-2015"
CLUSTERS = Path(os.environ.get("FACTDIFF_DEV_DATA", ROOT.parent / "shared" / "dev-data")) / "clusters"

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A plain integer ("25", "250,000"), not part of a decimal, a time, a code or a word.
_INT_RE = regex.compile(r"(?<![\w.,:/-])\d{1,3}(?:,\d{3})+(?![\w.,:/-]?\d)|(?<![\w.,:/-])\d+(?![\w]|[.,:/-]\d)")
_DAY_BEFORE_RE = regex.compile(_MONTH + r"\s+$", regex.I)
_DAY_AFTER_RE = regex.compile(r"^(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b", regex.I)
_LETTERS = "bcdfghjklmnpqrstvwxz"


def stories() -> list[tuple[str, list[Path]]]:
    """(name, article files) of every story found, the sample first."""
    out = [("amnesty", sorted(SAMPLE.glob("*.txt")))]
    if CLUSTERS.is_dir():
        for d in sorted(CLUSTERS.iterdir()):
            files = sorted(f for f in d.iterdir() if f.suffix in (".txt", ".md", ".html"))
            if files:
                out.append((d.name[:40], files))
    return out


def copy_tag(c: int) -> str:
    """A word of letters only that names copy ``c`` (digits would be read as a figure)."""
    word = ""
    c += 1
    while c:
        c, r = divmod(c, len(_LETTERS))
        word += _LETTERS[r]
    return word


def vary(text: str, c: int) -> str:
    """Copy ``c`` of an article: integer figures scaled, a closing line naming the copy."""
    factor = 1 + c % 10

    def scale(m: regex.Match) -> str:
        raw = m.group()
        value = int(raw.replace(",", ""))
        if factor == 1 or (len(raw) == 4 and 1800 <= value <= 2099):
            return raw  # a year
        before = text[max(0, m.start() - 12):m.start()]
        after = text[m.end():m.end() + 16]
        if value <= 31 and (_DAY_BEFORE_RE.search(before) or _DAY_AFTER_RE.match(after)):
            return raw  # a day of the month
        scaled = value * factor
        return f"{scaled:,}" if "," in raw else str(scaled)

    return _INT_RE.sub(scale, text).rstrip("\n") + f"\n\nBench copy {copy_tag(c)}.\n"


def articles(n: int) -> Iterator[tuple[str, str]]:
    """(relative path, text) of ``n`` articles: copy after copy of every story in turn."""
    pool = [(name, [(f.name, f.read_text(encoding="utf-8", errors="replace")) for f in files])
            for name, files in stories()]
    made = c = 0
    while True:
        for name, files in pool:
            for fname, text in files:
                if made == n:
                    return
                yield f"c{c:05d}-{name}/{fname}", vary(text, c)
                made += 1
        c += 1


def build(n: int, out: Optional[Path] = None) -> tuple[Path, int]:
    """Write ``n`` articles under ``build/bench/corpus-N`` (kept when already complete).
    Returns (folder, total bytes of text)."""
    out = out or ROOT / "build" / "bench" / f"corpus-{n}"
    stamp = out / ".complete"
    if stamp.exists():
        return out, int(stamp.read_text())
    if out.exists():
        shutil.rmtree(out)
    total = 0
    for rel, text in articles(n):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    stamp.write_text(str(total))
    return out, total


def story_copies(n: int) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """(folder, [(file name, text)]) of ``n`` stories: copy after copy of every story in turn,
    each copy varied as :func:`vary` does."""
    pool = [(name, [(f.name, f.read_text(encoding="utf-8", errors="replace")) for f in files])
            for name, files in stories()]
    for k in range(n):
        c, (name, files) = divmod(k, len(pool))[0], pool[k % len(pool)]
        yield f"c{c:05d}-{name}", [(fname, vary(text, c)) for fname, text in files]


def build_stories(n: int, out: Optional[Path] = None) -> tuple[Path, int, int]:
    """Write ``n`` story folders under ``build/bench/stories-N`` (kept when already complete).
    Returns (folder, articles, total bytes of text)."""
    out = out or ROOT / "build" / "bench" / f"stories-{n}"
    stamp = out / ".complete"
    if stamp.exists():
        articles, total = map(int, stamp.read_text().split())
        return out, articles, total
    if out.exists():
        shutil.rmtree(out)
    articles = total = 0
    for folder, files in story_copies(n):
        (out / folder).mkdir(parents=True)
        for fname, text in files:
            data = text.encode("utf-8")
            (out / folder / fname).write_bytes(data)
            articles += 1
            total += len(data)
    stamp.write_text(f"{articles} {total}")
    return out, articles, total
