"""Where texts come from: discovery, decoding, HTML to text, title and publication date.

Every later stage works on ``Source.text``; offsets are character offsets into it.
"""
from __future__ import annotations

import codecs
from collections import Counter
import datetime as dt
import errno
import os
import re
import stat
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from . import lexicon
from .extract.dates import MONTHS, find_dates, parse_published
from .model import Problem, Source

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
# Far above any article (a long one is 50 KB), and what one run checks within 30 s and 300 MB
# (a 5.2 MB prose file: 18 s, 261 MB at peak): checking takes about 4 CPU-s and 45 MB per
# megabyte of text (a 9.2 MB prose file: 36 s, 430 MB).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be read as an article; the message says why (one line)."""


# --- discovery ---------------------------------------------------------------------------

def display_path(path: Union[str, os.PathLike]) -> str:
    """A path as printable text: file names that are not valid UTF-8 keep their bytes as
    replacement characters instead of breaking the output."""
    return os.fsencode(path).decode("utf-8", "replace")


@dataclass(frozen=True)
class FolderNote(Problem):
    """A folder, or files in it, that a run leaves out without reading: what the ignore rules
    or the configuration leave out (``files`` of them), or a named folder with nothing to read
    (``files`` 0). Shown wherever a file not read is."""

    files: int = 0


_COUNT_LIMIT = 20_000  # entries looked at to count what a left-out folder holds


def _count_readable(folder: Path) -> tuple[int, bool]:
    """(files with a read extension under ``folder``, whether the count stopped early)."""
    n = seen = 0
    for root, dirs, names in os.walk(folder, onerror=lambda exc: None, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        seen += len(names) + len(dirs)
        n += sum(1 for name in names if Path(name).suffix.lower() in SUFFIXES and not name.startswith("."))
        if seen > _COUNT_LIMIT:
            return n, True
    return n, False


def _contents(folder: Path) -> str:
    """What a folder with no file to read holds: "empty folder", or its files by extension."""
    kinds: dict[str, int] = {}
    hidden = 0
    for root, dirs, names in os.walk(folder, onerror=lambda exc: None, followlinks=False):
        hidden += sum(1 for d in dirs if d.startswith("."))
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith("."):
                hidden += 1
                continue
            suffix = Path(name).suffix.lower()
            kinds[suffix or "without extension"] = kinds.get(suffix or "without extension", 0) + 1
        if sum(kinds.values()) > _COUNT_LIMIT:
            break
    if not kinds:
        return ("empty folder" if not hidden
                else f"no file to read: only hidden files and folders ({hidden}, never read)")
    total = sum(kinds.values())
    top = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    listed = ", ".join(f"{n} {k}" for k, n in top[:5]) + (", …" if len(top) > 5 else "")
    return (f"no file to read: {total:,} file{'' if total == 1 else 's'} of other types ({listed}); "
            f"a folder is read for {', '.join(SUFFIXES)} (name a file to read it whatever its extension)")


def discover(paths: Iterable[Union[str, os.PathLike]],
             skip: Optional[Callable[[Path, bool], Union[bool, str]]] = None) -> tuple[list[Path], list[Problem]]:
    """Files to read, in a stable order: folders are walked recursively for known suffixes;
    files named explicitly are read whatever their suffix. ``skip(path, is_dir)`` leaves out
    what a walk finds (ignored or excluded files and folders), never a file named explicitly;
    it may return the reason as text ("ignored by .gitignore"). A folder named explicitly is
    read even when ``skip`` leaves it out itself (naming it asks for it); then nothing inside it
    is left out.

    What is left out is said, one :class:`FolderNote` per folder among the problems
    ("news/drafts: 12 files ignored by .gitignore"), counting the files with a read extension
    it holds (a folder holding none is not mentioned); so is a named folder with nothing to
    read ("empty folder", or what it holds).

    Nothing here raises for a bad path: a missing path, a link loop or a folder that cannot be
    listed is a Problem; links found in a walk are listed like files (reading them says what
    is wrong with them), links to folders are not followed."""
    found = _Discovery(skip)
    for p in paths:
        found.add(Path(p))
    return _unique(found.files), found.problems + found.left_out()


class _Discovery:
    """What :func:`discover` has found so far, and what it left out, by folder and reason."""

    def __init__(self, skip: Optional[Callable[[Path, bool], Union[bool, str]]]) -> None:
        self.skip = skip
        self.files: list[Path] = []
        self.problems: list[Problem] = []
        self.left: dict[str, dict[str, list]] = {}  # folder -> reason -> [files, counted in full]
        self.whole: list[str] = []  # named folders read whole although skip leaves them out
        self.noted = 0  # files left out so far

    def skipped(self, path: Path, is_dir: bool) -> Union[bool, str]:
        try:
            return (self.skip and self.skip(path, is_dir)) or False
        except (OSError, RuntimeError, ValueError):  # a link loop or an unreadable folder: not for skip to say
            return False

    def note(self, folder: Path, why: Union[bool, str], n: int, partial: bool = False) -> None:
        reason = why if isinstance(why, str) else "left out by the configuration"
        slot = self.left.setdefault(display_path(folder), {}).setdefault(reason, [0, False])
        slot[0] += n
        slot[1] = slot[1] or partial
        self.noted += n

    def add(self, path: Path) -> None:
        """A path named: a file is read whatever its suffix, a folder walked."""
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except (OSError, ValueError) as exc:
            self.problems.append(Problem(display_path(path), os_reason(exc, path)))
            return
        if not is_dir:
            self.files.append(path)  # read_source says what is wrong with it, if anything
            return
        inside: Callable[[Path, bool], Union[bool, str]] = self.skipped
        if self.skipped(path, True):  # named although left out: read whole
            inside = _nothing
            self.whole.append(os.path.realpath(path))
        before = self.noted
        found = self.walk(path, inside)
        if not found and self.noted == before:
            self.problems.append(FolderNote(display_path(path), _contents(path)))
        self.files.extend(sorted(found, key=lambda f: f.relative_to(path).as_posix()))

    def walk(self, path: Path, inside: Callable[[Path, bool], Union[bool, str]]) -> list[Path]:
        """The files to read in a folder named, noting what ``inside`` leaves out."""
        def walk_error(exc: OSError) -> None:
            where = exc.filename if exc.filename is not None else path
            self.problems.append(Problem(display_path(where), f"folder not read: {os_reason(exc, where)}"))

        found = []
        for root, dirs, names in os.walk(path, onerror=walk_error, followlinks=False):
            kept = []
            for d in sorted(d for d in dirs if not d.startswith(".")):
                why = inside(Path(root) / d, True)
                if not why:
                    kept.append(d)
                    continue
                n, partial = _count_readable(Path(root) / d)
                if n:
                    self.note(Path(root) / d, why, n, partial)
            dirs[:] = kept
            for name in sorted(names):
                f = Path(root) / name
                if f.suffix.lower() not in SUFFIXES or name.startswith("."):
                    continue
                why = inside(f, False)
                if why:
                    self.note(Path(root), why, 1)
                else:
                    found.append(f)
        return found

    def left_out(self) -> list[Problem]:
        """One FolderNote per folder with files left out (not one also named and read whole)."""
        out: list[Problem] = []
        for folder, reasons in self.left.items():
            real = os.path.realpath(folder)
            if any(real == w or real.startswith(w.rstrip(os.sep) + os.sep) for w in self.whole):
                continue  # also named, and read whole
            total = sum(n for n, _ in reasons.values())
            said = "; ".join(f"{'at least ' if partial else ''}{n:,} file{'' if n == 1 else 's'} {why}"
                             for why, (n, partial) in reasons.items())
            out.append(FolderNote(folder, said, total))
        return out


def _nothing(path: Path, is_dir: bool) -> bool:
    return False


def _unique(files: list[Path]) -> list[Path]:
    """Each file once (by its real path), in the order first found."""
    seen: set[str] = set()
    unique = []
    for f in files:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def os_reason(exc: BaseException, path: Union[str, os.PathLike, None] = None) -> str:
    """A short reason for an error of the operating system about ``path``."""
    if isinstance(exc, ValueError):  # a NUL character in the name
        return "not a valid file name"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if getattr(exc, "errno", None) == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(exc, FileNotFoundError):
        if path is not None and os.path.islink(path):
            try:
                return f"broken symbolic link (to {display_path(os.readlink(os.fspath(path)))}, which does not exist)"
            except OSError:
                return "broken symbolic link"
        return "no such file or directory"
    if isinstance(exc, NotADirectoryError):
        return "no such file or directory (a part of the path is a file)"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if getattr(exc, "errno", None) == errno.ENAMETOOLONG:
        return "file name too long"
    return (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__).replace("\n", " ")


# --- decoding ----------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# Control characters that are no text: C0 but tab, line feed, vertical tab, form feed and
# carriage return; DEL; C1. A few in a text (stray NUL bytes, terminal escapes) are removed,
# with a note; many make it a binary file.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r") + b"\x7f"
_CONTROL_BYTES_RE = re.compile(b"[" + re.escape(_CONTROL_BYTES) + b"]")
_CONTROL_CHARS = [*_CONTROL_BYTES, *range(0x80, 0xA0)]
_CONTROL_CHARS_RE = re.compile("[" + re.escape("".join(map(chr, _CONTROL_CHARS))) + "]")
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 0x1B: "ESC", 0x7F: "DEL"}
_MAGIC = (
    (b"%PDF-", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\x1f\x8b", "gzip-compressed data"), (b"\x7fELF", "an executable"), (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"), (b"RIFF", "a media file"), (b"OggS", "a media file"),
    (b"\x00\x00\x00\x18ftyp", "a video"), (b"\x00\x00\x00\x20ftyp", "a video"), (b"wOFF", "a font"),
)


def decode(data: bytes, notes: Optional[list] = None) -> tuple[str, str]:
    """(text, encoding): a BOM first, then UTF-16 without BOM, then strict UTF-8, then UTF-8
    with a few broken bytes, then the encoding charset-normalizer detects. Raises InputError
    for binary data. What had to be repaired (bytes replaced, control characters removed) is
    appended to ``notes`` as one line each."""
    notes = notes if notes is not None else []
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _clean(_decode_lenient(data[len(bom):], enc, notes, f"starts with a {enc} byte-order mark but"),
                          notes), enc
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not text")
    sample = data[:4096]
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16:
            return _clean(_decode_lenient(data, utf16, notes, "looks like"), notes), utf16
    if _CONTROL_BYTES_RE.search(data):  # (one pass and no copy for the usual text without any)
        cleaned = data.translate(None, _CONTROL_BYTES)
        controls = len(data) - len(cleaned)
        if controls * 100 > len(data) + 200:  # more than 1%, beyond a couple in a short text
            raise InputError(f"binary file ({controls:,} control bytes in {len(data):,}), not text")
        sample = data if len(data) <= 1_000_000 else data[:1_000_000]
        codes = sorted(set(_CONTROL_BYTES_RE.findall(sample))) or sorted(set(_CONTROL_BYTES_RE.findall(data)))
        _note_controls(notes, controls, [c[0] for c in codes])
        data = cleaned
    try:
        return _clean(data.decode("utf-8"), notes), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", "ignore")) - broken  # characters UTF-8 read fine
    if wide >= 5 * broken:
        # UTF-8 with a few broken bytes (a cut multi-byte character, a pasted Latin-1 word):
        # reading it as a legacy code page would garble every other accented character.
        notes.append(f"{broken:,} byte(s) that are not UTF-8 replaced by \ufffd")
        return _clean(text, notes), "utf-8"
    del text
    from charset_normalizer import from_bytes  # noqa: PLC0415 - ~14 ms of import, for non-UTF-8 input only

    best = from_bytes(data).best()
    if best is None:
        raise InputError("binary file or unknown encoding")
    if best.encoding in _LATIN_FAMILY:
        # Short Western texts fool the detector into a Baltic or Central European code page;
        # windows-1252 is what such pages almost always are, so it wins when it decodes.
        try:
            return _clean(data.decode("cp1252"), notes), "cp1252"
        except UnicodeDecodeError:
            pass
    text = str(best)
    if _control_share(text) > 0.01:
        raise InputError(f"binary file (decodes as {best.encoding} only with control characters)")
    return _clean(text, notes), best.encoding


def _decode_lenient(data: bytes, enc: str, notes: list, claim: str) -> str:
    """``data`` in ``enc``; a few undecodable bytes are replaced (with a note), many are an
    InputError."""
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        reason = exc.reason
    text = data.decode(enc, "replace")
    bad = text.count("\ufffd")
    if bad > 8 + len(text) // 100:
        raise InputError(f"{claim} is not {enc} ({reason})")
    notes.append(f"{bad:,} byte(s) that are not {enc} replaced by \ufffd")
    return text


def _clean(text: str, notes: list) -> str:
    """``text`` without control characters (see ``_CONTROL_CHARS``)."""
    if not _CONTROL_CHARS_RE.search(text):
        return text
    codes = sorted({ord(c) for c in _CONTROL_CHARS_RE.findall(text[:1_000_000])}) \
        or sorted({ord(c) for c in _CONTROL_CHARS_RE.findall(text)})
    cleaned, count = _CONTROL_CHARS_RE.subn("", text)
    _note_controls(notes, count, codes)
    return cleaned


def _note_controls(notes: list, count: int, codes: list) -> None:
    names = [_CONTROL_NAMES.get(c, f"U+{c:04X}") for c in codes[:3]] + (["…"] if len(codes) > 3 else [])
    notes.append(f"{count:,} control character(s) ({', '.join(names)}) removed")


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

# Hand-written, kept: trafilatura 2.3.1 with htmldate 1.11 in its place (issue 15) lost all
# the text of a page nested 255 or more elements deep (libxml2's limit; a hostile-HTML test
# fails), dropped 4 of 2174 paragraphs of 122 composed news pages and took 7x the CPU here.
# It did keep page furniture out of pages that have no <article> or <main>, which this parser
# reads whole: the way to go if that is ever worth a dependency. Figures: this note's commit.
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
        self.title: list[str] = []  # pieces, joined once (+= on an attribute copies the whole string)
        self.in_title = False
        self.h1: list[str] = []
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
            self.title.append(data)
            return
        if self.skip:
            return
        if self.in_h1:
            self.h1.append(data)
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
    parser.feed(_defuse(html))
    parser.close()
    main = _tidy("".join(parser.main_parts))
    text = main if len(main) > 200 else _tidy("".join(parser.parts))
    title = ("".join(parser.h1).strip() or "".join(parser.title).strip())[:1000] or None
    return text, (re.sub(r"\s+", " ", title) if title else None), parser.published


_HUGE_CHARREF_RE = re.compile(r"&#(?:[xX]0*[0-9a-fA-F]{7,}|0*[0-9]{8,});?")
_COMMENT_END_RE = re.compile(r"--\s*>")


def _defuse(html: str) -> str:
    """``html`` as a browser reads it, without what makes the standard library's parser slow
    or fail on a hostile page. A comment that is never closed runs to the end of the page; a
    ``<`` after the last ``>`` is text: otherwise the parser scans to the end of the page again
    from each such opener (quadratic time in "<!--<!--…" or "</</…"). ``<![`` sections are
    text (unknown keywords raise in the parser), and character references too large for any
    character are U+FFFD (converting their digits raises)."""
    html = _HUGE_CHARREF_RE.sub("&#xFFFD;", html)
    if "<![" in html:
        html = html.replace("<![", "&lt;![")
    last_close = -1  # where the last "-->" starts: a "<!--" that begins after it is never closed
    for m in _COMMENT_END_RE.finditer(html):
        last_close = m.start()
    unclosed = html.find("<!--", max(0, last_close - 3))
    if unclosed >= 0:
        html = html[:unclosed]
    last_gt = html.rfind(">")
    if "<" in html[last_gt + 1:]:
        html = html[:last_gt + 1] + html[last_gt + 1:].replace("<", "&lt;")
    return html


def _tidy(text: str) -> str:
    lines = [ln.strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip() + "\n"


# --- title and date ----------------------------------------------------------------------

_BYLINE_RE = re.compile(r"^[Bb]y\s+[A-Z]")
# words that may stand beside a date in a line that only says when the article appeared
_DATELINE_WORDS = frozenset(
    "published updated posted last first modified on at date dated time edited and of "
    "gmt utc bst est edt cet cest pst pdt ist am pm a m p".split())


_WEEKDAY_STEMS = frozenset(lexicon.WEEKDAY_ABBREVIATIONS)


def _plain_line(line: str) -> str:
    """A line without Markdown heading marks ("## Title ##" -> "Title") or the emphasis around
    it ("*Published 3 March 2025*", "**Title**")."""
    line = line.strip()
    hashes = len(line) - len(line.lstrip("#"))
    if 1 <= hashes <= 6 and (len(line) == hashes or line[hashes] in " \t"):
        line = line[hashes:].strip()
        closing = line.rstrip("#")
        if not closing or closing[-1] in " \t":  # "Title ##": a closing run after a space
            line = closing.strip()
    for mark in ("***", "**", "*", "___", "__", "_"):
        if len(line) > 2 * len(mark) and line.startswith(mark) and line.endswith(mark):
            inner = line[len(mark):-len(mark)]
            if inner.strip() == inner:
                return inner
    return line


def is_dateline(line: str) -> bool:
    """Does ``line`` only say when the article appeared ("Wednesday 23 December 2015 07:19 EST",
    "*Published 3 March 2025*", "Updated: 4 May 2024", "LONDON, 3 March 2025")?"""
    line = _plain_line(line)
    if not line or len(line) > 120 or not any(c.isdigit() for c in line):
        return False
    hits = [h for h in find_dates(line) if not h.relative]
    if not hits:
        return False
    rest, at = [], 0
    for h in sorted(hits, key=lambda h: h.start):
        rest.append(line[at:h.start])
        at = max(at, h.end)
    rest.append(line[at:])
    for word in re.findall(r"[^\W\d_]+", " ".join(rest)):
        low = word.lower()
        if not (low in _DATELINE_WORDS or low in MONTHS or low[:3] in _WEEKDAY_STEMS
                or (word.isupper() and len(word) > 1)):  # a place in capitals, a time zone
            return False
    return True


def guess_title(text: str) -> Optional[str]:
    """The first short line near the top that reads like a headline, without its Markdown
    heading marks ("# Storm hits town" -> "Storm hits town"). A headline may be short (two
    words or more); a line that only says when the article appeared ("*Published 3 March
    2025*", a dateline), a byline ("By Jane Doe") or boilerplate is never one."""
    boiler = lexicon.load("boilerplate")["phrases"]
    for raw in _head_lines(text, 15):
        line = _plain_line(raw)
        words = line.split()
        if len(words) < 2 or not any(c.isalpha() for c in line):
            continue  # empty, a rule ("=====", "---"), a lone label ("World", "Reuters")
        low = line.lower()
        if any(b in low for b in boiler) or _BYLINE_RE.match(line) or is_dateline(line):
            continue
        if len(line) > 200 or (line.endswith((".", "!", "?")) and len(words) > 12):
            return None  # the body has begun: this text states no headline
        if line.endswith("."):
            continue  # a headline does not end with a full stop
        return line
    return None


def guess_published(text: str) -> Optional[str]:
    """A dateline near the top: a short line holding a full calendar date."""
    for line in _head_lines(text, 25):
        if 0 < len(line.strip()) <= 80:
            d = parse_published(line)
            if d:
                return d.isoformat()
    return None


def _head_lines(text: str, n: int) -> list[str]:
    """``text.splitlines()[:n]`` without splitting the rest of a long text."""
    size = 4096
    while True:
        lines = text[:size].splitlines()
        if len(lines) > n or size >= len(text):
            return lines[:n]  # the n-th line is whole: a line (or the end of the text) follows it
        size *= 4


def iso_date(value: Optional[str]) -> Optional[str]:
    """A publication date as ISO "YYYY-MM-DD", or None when it is no date."""
    if not value:
        return None
    value = value[:100]
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
                max_bytes: int = DEFAULT_MAX_BYTES, notes: Optional[list] = None) -> Source:
    """Read and decode one article. Raises InputError with a one-line reason; what had to be
    repaired to read it (stray NUL bytes, a few undecodable bytes) is appended to ``notes``."""
    path = Path(path)
    return source_from_bytes(read_bytes(path, max_bytes), display_path(path),
                             source_id or display_path(path.stem),
                             html=path.suffix.lower() in HTML_SUFFIXES, notes=notes)


def source_from_bytes(data: bytes, path: str, source_id: str, html: bool = False,
                      notes: Optional[list] = None) -> Source:
    """An article's bytes read as :func:`read_source` reads a file's (``html``: the name says
    HTML; content that starts like a page is read as one anyway). Raises InputError."""
    if not data or data.isspace():
        raise InputError("empty file" if not data else "empty file (only white space)")
    text, _ = decode(data, notes)
    del data
    if not text or text.isspace():
        raise InputError("no text (only white space and control characters)")
    # One line-ending convention for every later stage (offsets refer to this text).
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    title = published = None
    if html or text[:4096].lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        try:
            text, title, published = html_to_text(text)
        except Exception as exc:  # noqa: BLE001 - a page the parser cannot take is one bad file, not a crash
            raise InputError(f"HTML that cannot be parsed ({type(exc).__name__}: {str(exc)[:80]})") from None
        published = iso_date(published)
        if not text.strip():
            raise InputError("HTML page with no readable text")
    return Source(
        id=source_id,
        path=path,
        text=text,
        title=title or guess_title(text),
        published=published or guess_published(text),
    )


def read_bytes(path: Union[str, Path], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; InputError otherwise. A file over
    the limit is refused before it is read (memory stays flat however large it is)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:
        raise InputError(os_reason(exc, path)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory")
    if not stat.S_ISREG(st.st_mode):
        kind = ("a named pipe" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                else "a device")
        raise InputError(f"not a regular file ({kind})")
    if st.st_size > max_bytes:
        raise InputError(over_limit(st.st_size, max_bytes))
    try:
        with open(path, "rb") as fh:
            data = fh.read(st.st_size + 1)
            if len(data) > st.st_size:  # it grew since: read on, up to the limit
                data += fh.read(max_bytes + 1 - len(data))
    except (OSError, ValueError) as exc:
        raise InputError(os_reason(exc, path)) from None
    if len(data) > max_bytes:
        raise InputError(over_limit(len(data), max_bytes, more=True))
    return data


def over_limit(size: int, max_bytes: int, more: bool = False) -> str:
    """Why a text of ``size`` bytes is not read (``more``: at least that many)."""
    return (f"{'over ' if more else ''}{size:,} bytes, over the {max_bytes:,}-byte limit "
            f"(checking takes about 4 s and 45 MB a megabyte; --max-bytes raises it); not read")


def source_from_text(source_id: str, text: str, published: Optional[str] = None) -> Source:
    """A :class:`Source` of a text given directly: its title and, unless ``published`` (ISO)
    is given, its publication date read from its top."""
    return Source(id=source_id, path=source_id, text=text, title=guess_title(text),
                  published=published or guess_published(text))


def unique_ids(files: list[Path]) -> list[str]:
    """One id per file, all different: the file name without its extension; where two files
    share that, their paths without the extension ("ap/story", "bbc/story"); where those are
    shared too ("a.txt" and "a.html", "ap/story.txt" and "ap/story.md"), the paths with their
    extensions. Files whose paths are the same text are numbered ("a.txt#2")."""
    def posix(p) -> str:
        return display_path(p).replace(os.sep, "/")

    ids = [display_path(f.stem) for f in files]
    for shape in (lambda f: posix(f.with_suffix("")), posix):
        counts = Counter(ids)
        ids = [shape(f) if counts[i] > 1 else i for f, i in zip(files, ids)]
    counts, out = Counter(ids), []
    seen: Counter[str] = Counter()
    taken = set(ids)
    for i in ids:
        if counts[i] > 1:
            seen[i] += 1
            n = seen[i]
            while n > 1 and f"{i}#{n}" in taken:
                n += 1
            i = i if n == 1 else f"{i}#{n}"
            taken.add(i)
        out.append(i)
    return out
