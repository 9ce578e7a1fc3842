"""A cache of extracted mentions: one row per article text, in an embedded SQLite file.

The key is a hash of the extractor's version (its code, lexicons and options, see
:func:`extractor_version`), the publication date and the decoded text, so an unchanged file is
never read by the extractor twice and any change to the extractor invalidates every row. The
value is plain data: the fields of each :class:`~factdiff.model.Mention` as JSON (zlib
compressed), never pickled objects.

The cache is a convenience, never a source of truth: a damaged file is set aside with a
one-line warning and rebuilt; a row that does not decode is a miss. Several runs may share it
(SQLite's write-ahead log and a busy timeout; writes are one short transaction per run).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import sys
from sys import intern
import zlib
from pathlib import Path
from typing import Iterable, Mapping, Optional, Union

from .extract import EXTRACTOR_VERSION
from .model import Mention

DIR_NAME = ".factdiff_cache"
FILE_NAME = "mentions.sqlite3"
SCHEMA = 1

_FIELDS = [f.name for f in dataclasses.fields(Mention) if f.name != "source"]
_SETS = {f.name for f in dataclasses.fields(Mention) if isinstance(f.default, frozenset)}
_TUPLES = {f.name for f in dataclasses.fields(Mention) if isinstance(f.default, tuple)}
_WORDS = [name for name in _FIELDS if name not in ("text", "sentence") and name not in _SETS and name not in _TUPLES]
_POSITIONAL = [f.name for f in dataclasses.fields(Mention)] == _FIELDS + ["source"]  # source comes last
_WORD_IX = [_FIELDS.index(n) for n in _WORDS]
_SET_IX = [_FIELDS.index(n) for n in _SETS]
_TUPLE_IX = [_FIELDS.index(n) for n in _TUPLES]
_I_TEXT, _I_START, _I_END, _I_SENT, _I_SS = (_FIELDS.index(n) for n in ("text", "start", "end", "sentence",
                                                                         "sentence_start"))
_version_memo: dict = {}


def default_dir() -> Path:
    """``$FACTDIFF_CACHE_DIR``, or ``.factdiff_cache`` in the current folder."""
    return Path(os.environ.get("FACTDIFF_CACHE_DIR") or DIR_NAME)


def extractor_version(options: Optional[Mapping] = None) -> str:
    """A fingerprint of everything extraction depends on besides its input: the declared
    ``EXTRACTOR_VERSION``, the source of the extract package, the model and the lexicon loader,
    the lexicon files, the Mention fields, and the options (extra synonyms)."""
    opts = json.dumps(options or {}, sort_keys=True, default=list)
    if opts in _version_memo:
        return _version_memo[opts]
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    h.update(f"schema {SCHEMA}; extractor {EXTRACTOR_VERSION}; "
             f"fields {','.join(_FIELDS)}; options {opts}".encode())
    files = sorted((root / "extract").glob("*.py")) + sorted((root / "lexicons").glob("*.toml")) \
        + [root / "model.py", root / "lexicon.py"]
    for f in files:
        h.update(f.name.encode() + b"\0")
        try:
            h.update(f.read_bytes())
        except OSError:
            h.update(b"?")
    _version_memo[opts] = h.hexdigest()[:24]
    return _version_memo[opts]


def text_key(text: str, published: Optional[str], version: str) -> str:
    h = hashlib.sha256()
    h.update(version.encode())
    h.update(b"\0" + (published or "").encode() + b"\0")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


# --- plain data ------------------------------------------------------------------------------

def encode(mentions: Iterable[Mention], text: str) -> list:
    """Mentions as JSON-ready lists (field order of ``Mention``). ``text`` and ``sentence``
    are stored as offsets when they are the slices of the article they nearly always are."""
    rows = []
    for m in mentions:
        row = []
        for name in _FIELDS:
            v = getattr(m, name)
            if name in _SETS:
                v = sorted(v)
            elif name in _TUPLES:
                v = list(v)
            elif name == "text" and v == text[m.start:m.end]:
                v = None
            elif name == "sentence" and v == text[m.sentence_start:m.sentence_start + len(v)]:
                v = len(v)
            row.append(v)
        rows.append(row)
    return rows


def decode(rows: list, text: str, share: bool = True) -> list[Mention]:
    """Mentions from ``encode``'s rows. ``share``: one string per distinct word for the whole
    process (worth it for mentions that are kept; not for ones read once and let go)."""
    out = []
    sentences: dict = {}
    width = len(_FIELDS)
    for row in rows:
        if len(row) != width:
            raise ValueError("row of another shape")
        if share:
            for n in _WORD_IX:
                if type(row[n]) is str:
                    row[n] = intern(row[n])  # one string per word, not one per mention
            for n in _SET_IX:
                row[n] = frozenset([intern(w) if type(w) is str else w for w in row[n]])
        else:
            for n in _SET_IX:
                row[n] = frozenset(row[n])
        for n in _TUPLE_IX:
            row[n] = tuple(row[n])
        if row[_I_TEXT] is None:
            row[_I_TEXT] = text[row[_I_START]:row[_I_END]]
        if type(row[_I_SENT]) is int:
            span = (row[_I_SS], row[_I_SS] + row[_I_SENT])
            if span not in sentences:
                sentences[span] = text[span[0]:span[1]]
            row[_I_SENT] = sentences[span]
        out.append(Mention(*row) if _POSITIONAL else Mention(**dict(zip(_FIELDS, row))))
    return out


def pack(mentions: Iterable[Mention], text: str) -> bytes:
    raw = json.dumps(encode(mentions, text), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(raw.encode("utf-8", "surrogatepass"), 1)


def unpack(blob: bytes, text: str, share: bool = True) -> list[Mention]:
    return decode(json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass")), text, share)


# --- the file --------------------------------------------------------------------------------

def _warn(message: str) -> None:
    print(f"factdiff: {message}", file=sys.stderr)


class MentionCache:
    """``get(key, text)`` -> mentions or None; ``put(key, mentions, text)``; ``flush()``
    writes what was put in one transaction. Never raises for a problem of the cache itself."""

    def __init__(self, directory: Union[str, os.PathLike, None] = None):
        self.dir = Path(directory) if directory is not None else default_dir()
        self.path = self.dir / FILE_NAME
        self.pending: list[tuple[str, bytes]] = []
        self.db: Optional[sqlite3.Connection] = None
        self.hits = self.misses = 0
        try:
            self.db = self._open()
        except (sqlite3.Error, OSError) as exc:
            if self.path.exists():
                self._set_aside(exc)
            else:
                _warn(f"cache {self.path} unavailable ({exc}); continuing without it")

    def _open(self) -> sqlite3.Connection:
        self.dir.mkdir(parents=True, exist_ok=True)
        gitignore = self.dir / ".gitignore"
        if not gitignore.exists():
            try:
                gitignore.write_text("*\n")  # never committed, whatever the project's .gitignore says
            except OSError:
                pass
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout = 30000")
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()
            if not mode or str(mode[0]).lower() != "wal":
                db.execute("PRAGMA journal_mode = DELETE")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS mentions (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
            db.execute("SELECT count(*) FROM mentions WHERE key = ''").fetchone()  # a damaged file fails here
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self, exc: BaseException) -> None:
        """A damaged file: warn once, move it out of the way and start a new one."""
        self._close_db()
        broken = self.path.with_name(self.path.name + ".broken")
        _warn(f"cache {self.path} is damaged ({exc}); rebuilding it")
        try:
            for suffix in ("", "-wal", "-shm"):
                p = Path(str(self.path) + suffix)
                if p.exists():
                    os.replace(p, Path(str(broken) + suffix))
            self.db = self._open()
        except (sqlite3.Error, OSError):
            self.db = None

    def get(self, key: str, text: str, share: bool = True) -> Optional[list[Mention]]:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT data FROM mentions WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._set_aside(exc)
            return None
        if row is None:
            self.misses += 1
            return None
        try:
            mentions = unpack(row[0], text, share)
        except (ValueError, TypeError, KeyError, IndexError, zlib.error):
            self.misses += 1
            return None  # a row of another shape: extracted again and overwritten
        self.hits += 1
        return mentions

    def put(self, key: str, mentions: list[Mention], text: str) -> None:
        if self.db is not None:
            self.pending.append((key, pack(mentions, text)))

    def put_packed(self, key: str, blob: bytes) -> None:
        """Store what :func:`pack` made (in a worker process)."""
        if self.db is not None:
            self.pending.append((key, blob))

    def flush(self) -> None:
        if self.db is None or not self.pending:
            self.pending = []
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("INSERT OR REPLACE INTO mentions (key, data) VALUES (?, ?)", self.pending)
            self.db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                _warn(f"cache {self.path} is busy; results of this run were not stored")
            else:
                self._set_aside(exc)
        self.pending = []

    def close(self) -> None:
        self.flush()
        self._close_db()

    def _close_db(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            self.db = None

    def __enter__(self) -> "MentionCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
