"""Where texts come from: discovery, decoding, HTML to text, title and publication date.

Every later stage works on ``Source.text``; offsets are character offsets into it.
"""
from __future__ import annotations

import codecs
import datetime as dt
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from . import lexicon
from .extract.dates import parse_published
from .model import Problem, Source

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be read as an article; the message says why."""


# --- discovery ---------------------------------------------------------------------------

def display_path(path: Union[str, os.PathLike]) -> str:
    """A path as printable text: file names that are not valid UTF-8 keep their bytes as
    replacement characters instead of breaking the output."""
    return os.fsencode(path).decode("utf-8", "replace")


def discover(paths: Iterable[Union[str, os.PathLike]],
             skip: Optional[Callable[[Path, bool], bool]] = None) -> tuple[list[Path], list[Problem]]:
    """Files to read, in a stable order: folders are walked recursively for known suffixes;
    files named explicitly are read whatever their suffix. ``skip(path, is_dir)`` leaves out
    what a walk finds (ignored or excluded files and folders), never a file named explicitly."""
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not (skip and skip(Path(root) / d, True)))
                for name in sorted(names):
                    f = Path(root) / name
                    if f.suffix.lower() in SUFFIXES and not name.startswith(".") and not (skip and skip(f, False)):
                        found.append(f)
            files.extend(sorted(found, key=lambda f: f.relative_to(path).as_posix()))
        elif path.is_file():
            files.append(path)
        elif path.is_symlink():
            problems.append(Problem(display_path(path), "broken symbolic link (or a link loop)"))
        else:
            problems.append(Problem(display_path(path), "no such file or directory"))
    unique = []
    for f in files:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


# --- decoding ----------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): a BOM first, then strict UTF-8, then UTF-16 without BOM, then the
    encoding charset-normalizer detects. Raises InputError for binary data."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {enc} byte-order mark but is not {enc}: {exc.reason}") from None
    sample = data[:4096]
    if b"\x00" in sample:
        enc = _utf16_without_bom(sample)
        if enc:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass
        raise InputError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # noqa: PLC0415 - only for non-UTF-8 input

    best = from_bytes(data).best()
    if best is None:
        raise InputError("binary file or unknown encoding")
    if best.encoding in _LATIN_FAMILY:
        # Short Western texts fool the detector into a Baltic or Central European code page;
        # windows-1252 is what such pages almost always are, so it wins when it decodes.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    text = str(best)
    if _control_share(text) > 0.01:
        raise InputError(f"binary file (decodes as {best.encoding} only with control characters)")
    return text, best.encoding


_LATIN_FAMILY = frozenset({"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_4",
                           "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_15", "mac_latin2",
                           "mac_roman", "cp775", "cp850", "cp437", "cp858"})


def _utf16_without_bom(sample: bytes) -> Optional[str]:
    even = sample[0::2]
    odd = sample[1::2]
    if len(sample) >= 4:
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\t\n\r\f\v")
    return bad / min(len(text), 20000)


# --- HTML --------------------------------------------------------------------------------

_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg",
              "template", "iframe", "button", "select", "option", "head", "menu", "figure"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
               "table", "section", "article", "main", "blockquote", "pre", "dd", "dt", "hr",
               "title", "figcaption", "address", "td", "th"}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
              "track", "wbr", "param"}


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.main_parts: list[str] = []
        self.skip = 0
        self.main = 0
        self.stack: list[str] = []
        self.open_count: dict[str, int] = {}  # tag -> how many are open (O(1) end-tag checks)
        self.title = ""
        self.in_title = False
        self.h1 = ""
        self.in_h1 = False
        self.published: Optional[str] = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta":
            prop = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if prop in ("article:published_time", "datepublished", "pubdate", "date", "dc.date",
                        "publish-date", "og:published_time") and a.get("content") and not self.published:
                self.published = a["content"]
            return
        if tag == "time" and a.get("datetime") and not self.published:
            self.published = a["datetime"]
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS:
                self._newline()
            return
        self.stack.append(tag)
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        if tag in _SKIP_TAGS:
            self.skip += 1
        if tag in ("article", "main"):
            self.main += 1
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_endtag(self, tag):
        if tag in _VOID_TAGS or not self.open_count.get(tag):
            return
        while self.stack:
            top = self.stack.pop()
            self.open_count[top] -= 1
            if top in _SKIP_TAGS:
                self.skip -= 1
            if top in ("article", "main"):
                self.main -= 1
            if top == "title":
                self.in_title = False
            if top == "h1":
                self.in_h1 = False
            if top == tag:
                break
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_data(self, data):
        if self.in_title:
            self.title += data
            return
        if self.skip:
            return
        if self.in_h1:
            self.h1 += data
        text = re.sub(r"\s+", " ", data)
        self.parts.append(text)
        if self.main:
            self.main_parts.append(text)

    def _newline(self):
        self.parts.append("\n")
        if self.main:
            self.main_parts.append("\n")


def html_to_text(html: str) -> tuple[str, Optional[str], Optional[str]]:
    """(main text, title, published) of an HTML page: no scripts, styles or navigation; the
    <article>/<main> element when the page has a substantial one."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    main = _tidy("".join(parser.main_parts))
    text = main if len(main) > 200 else _tidy("".join(parser.parts))
    title = (parser.h1 or parser.title).strip() or None
    return text, (re.sub(r"\s+", " ", title) if title else None), parser.published


def _tidy(text: str) -> str:
    lines = [ln.strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip() + "\n"


# --- title and date ----------------------------------------------------------------------

def guess_title(text: str) -> Optional[str]:
    """The first short line near the top that reads like a headline."""
    boiler = lexicon.load("boilerplate")["phrases"]
    for line in [ln.strip() for ln in text.splitlines()[:15]]:
        if not line or len(line.split()) < 4:
            continue
        low = line.lower()
        if any(b in low for b in boiler):
            continue
        if len(line) > 200 or (line.endswith((".", "!", "?")) and len(line.split()) > 12):
            return None  # the body has begun: this text states no headline
        if line.endswith("."):
            continue  # a headline does not end with a full stop
        return line
    return None


def guess_published(text: str) -> Optional[str]:
    """A dateline near the top: a short line holding a full calendar date."""
    for line in text.splitlines()[:25]:
        if 0 < len(line.strip()) <= 80:
            d = parse_published(line)
            if d:
                return d.isoformat()
    return None


def _iso_date(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    d = parse_published(value)
    return d.isoformat() if d else None


# --- reading -----------------------------------------------------------------------------

def read_source(path: Union[str, Path], source_id: Optional[str] = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read and decode one article. Raises InputError with a one-line reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{size:,} bytes is over the {max_bytes:,}-byte limit (--max-bytes)")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except FileNotFoundError:
        raise InputError("no such file (or a broken symbolic link)") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    if not data.strip():
        raise InputError("empty file")
    text, _ = decode(data)
    if not text.strip():
        raise InputError("no text (only white space)")
    # One line-ending convention for every later stage (offsets refer to this text).
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    title = published = None
    if path.suffix.lower() in HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        text, title, published = html_to_text(text)
        published = _iso_date(published)
        if not text.strip():
            raise InputError("HTML page with no readable text")
    return Source(
        id=source_id or display_path(path.stem),
        path=display_path(path),
        text=text,
        title=title or guess_title(text),
        published=published or guess_published(text),
    )


def source_from_text(source_id: str, text: str, published: Optional[str] = None) -> Source:
    return Source(id=source_id, path=source_id, text=text, title=guess_title(text),
                  published=published or guess_published(text))


def unique_ids(files: list[Path]) -> list[str]:
    """File name without extension; where two files share one, the path tells them apart."""
    from collections import Counter

    stems = [display_path(f.stem) for f in files]
    counts = Counter(stems)
    return [display_path(f.with_suffix("")).replace(os.sep, "/") if counts[stem] > 1 else stem
            for f, stem in zip(files, stems)]
