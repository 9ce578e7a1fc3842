"""Disk-backed storage for runs too big to hold in memory (``pipeline.check_stream``).

A run of a hundred thousand articles states a couple of million figures; held as objects,
with their sentences and context, they take gigabytes. Here they live in a temporary SQLite
file instead: each mention is written once, under the key of the block it will be aligned in
(:func:`factdiff.align.block_key`), and read back one block at a time; each judged fact is
written with its sort key and the rows of its mentions, and read back in report order.
Memory then holds one block, one fact and the list of sources, whatever the size of the
corpus.

The order of everything read back is the order of the in-memory pipeline
(``pipeline.check_sources``): blocks by ``repr`` of their key (SQLite compares text as UTF-8
bytes, which orders like Python's code points), mentions by source then position, facts by
the report's sort key and then the order they were made in. A test renders both and compares
the bytes.

The file is the run's own (a fresh temporary folder, removed when the store is closed or
collected); nothing of it is kept.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import weakref
from typing import Iterator, Optional

from .cache import decode, encode
from .model import STATUS_ORDER, Fact, Mention, fact_sort_key



class SpillError(OSError):
    """The run's temporary file could not be made or written (a full disk, a folder that
    cannot be written): the message names the folder and what to do."""


def spill_error(where: str, exc: BaseException) -> SpillError:
    """The SpillError for ``exc`` met on the temporary file in the folder ``where``."""
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return SpillError(f"temporary file in {where}: {reason} (set TMPDIR to a folder with room to write; "
                      "a run takes about 12 KB of it per article)")
_BATCH = 2000  # rows per executemany
# the report's order: the columns of model.fact_sort_key, then the order facts were made in
_FACT_ORDER = "status, nsrc, first, start, seq"


def _encode_mention(m: Mention) -> str:
    # text "" so that the mention's own text and sentence are stored, not offsets into it
    return json.dumps([m.source] + encode([m], "")[0], ensure_ascii=False, separators=(",", ":"))


def _decode_mention(data) -> Mention:
    row = json.loads(data) if isinstance(data, str) else data
    m = decode([row[1:]], "", share=False)[0]  # read, aligned and let go
    object.__setattr__(m, "source", row[0])
    return m


class Spill:
    """Mentions in (``add_mentions``), blocks out (``blocks``); facts in (``add_fact``),
    facts out in report order (:class:`FactStore`). A fact is added while its block is the
    one being read: it names the rows of its mentions rather than storing them again."""

    def __init__(self, directory: Optional[str] = None) -> None:
        try:
            self.dir = tempfile.mkdtemp(prefix="factdiff-run-", dir=directory)
        except OSError as exc:
            raise spill_error(directory or tempfile.gettempdir(), exc) from None
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.dir, True)
        self.db = sqlite3.connect(os.path.join(self.dir, "run.sqlite3"), isolation_level=None)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "temp_store = FILE",
                       "cache_size = -16384"):  # 16 MB of page cache, whatever the corpus
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute("CREATE TABLE m (block TEXT NOT NULL, src INTEGER NOT NULL, seq INTEGER NOT NULL, "
                        "data TEXT NOT NULL)")
        self.db.execute("CREATE TABLE f (status INTEGER, nsrc INTEGER, first TEXT, start INTEGER, "
                        "seq INTEGER PRIMARY KEY, kind TEXT, data TEXT NOT NULL)")
        self.db.execute("BEGIN")
        self._rows: list = []
        self._facts: list = []
        self._seq = 0
        self._rowid: dict = {}  # id of a mention of the block being read -> its row
        self.counts = {"agree": 0, "conflict": 0, "single": 0}

    # --- mentions ----------------------------------------------------------------------------

    def add_mentions(self, src: int, mentions: list[Mention], key) -> None:
        """The mentions of source number ``src`` (in reading order); ``key(m)`` is the block
        a mention is aligned in, None for a mention that is never aligned."""
        for n, m in enumerate(mentions):
            k = key(m)
            if k is not None:
                self._rows.append((repr(k), src, n, _encode_mention(m)))
        if len(self._rows) >= _BATCH:
            self._flush_mentions()

    def _flush_mentions(self) -> None:
        if self._rows:
            self.db.executemany("INSERT INTO m VALUES (?, ?, ?, ?)", self._rows)
            self._rows = []

    def blocks(self) -> Iterator[list[Mention]]:
        """Each block's mentions, blocks in order of their key, mentions in reading order."""
        self._flush_mentions()
        self.db.execute("COMMIT")
        self.db.execute("CREATE INDEX m_order ON m (block, src, seq)")
        self.db.execute("BEGIN")
        current: object = None
        block: list[Mention] = []
        rowid = self._rowid
        for row, key, data in self.db.execute("SELECT rowid, block, data FROM m ORDER BY block, src, seq"):
            if key != current:
                if block:
                    yield block
                current, block = key, []
                rowid.clear()
            m = _decode_mention(data)
            rowid[id(m)] = row  # a fact of the block names its mentions' rows: each is stored once
            block.append(m)
        if block:
            yield block
        rowid.clear()
        self.db.execute("DROP INDEX m_order")

    # --- facts -------------------------------------------------------------------------------

    def add_fact(self, f: Fact) -> None:
        status, nsrc, first, start = fact_sort_key(f)
        rowid = self._rowid
        # each mention as the number of its row, or (one the block did not hold) its JSON text
        refs = [rowid.get(id(m)) or _encode_mention(m) for m in f.mentions]
        data = json.dumps([f.id, f.subject, f.kind, f.status, f.reason, refs, f.level, f.evidence],
                          ensure_ascii=False, separators=(",", ":"))
        self._facts.append((status, nsrc, first, start, self._seq, f.kind, data))
        self._seq += 1
        self.counts[f.status] += 1
        if len(self._facts) >= _BATCH:
            self._flush_facts()

    def _flush_facts(self) -> None:
        if self._facts:
            self.db.executemany("INSERT INTO f VALUES (?, ?, ?, ?, ?, ?, ?)", self._facts)
            self._facts = []

    def finish(self) -> "FactStore":
        """The facts, in report order, for as long as the store is open."""
        self._flush_facts()
        self.db.execute("COMMIT")
        self.db.execute(f"CREATE INDEX f_order ON f ({_FACT_ORDER})")
        return FactStore(self)

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self._cleanup()


def _decode_fact(data: str, db: sqlite3.Connection) -> Fact:
    fid, subject, kind, status, reason, refs, level, links = json.loads(data)
    rows = [r for r in refs if type(r) is int]
    found: dict[int, str] = {}
    for n in range(0, len(rows), 500):  # below SQLite's limit of bound parameters
        part = rows[n:n + 500]
        found.update(db.execute(f"SELECT rowid, data FROM m WHERE rowid IN ({','.join('?' * len(part))})", part))
    return Fact(id=fid, subject=subject, kind=kind, status=status, reason=reason,
                mentions=tuple(_decode_mention(found[r] if type(r) is int else r) for r in refs), level=level,
                evidence=tuple((sa, ia, sb, ib, k, score, tuple(tuple(e) for e in ev))
                               for sa, ia, sb, ib, k, score, ev in links))


class FactStore:
    """The facts of a streamed run: iterable (in report order) as often as needed, with their
    number and counts per status, without holding them in memory."""

    def __init__(self, spill: Spill) -> None:
        self._spill = spill
        self.counts = dict(spill.counts)

    def __len__(self) -> int:
        return sum(self.counts.values())

    def __bool__(self) -> bool:
        return len(self) > 0

    def __iter__(self) -> Iterator[Fact]:
        return self.select()

    def select(self, *statuses: str) -> Iterator[Fact]:
        """The facts of these statuses (all when none is named), in report order."""
        where = ""
        if statuses:
            where = "WHERE status IN (%s)" % ",".join(str(STATUS_ORDER[s]) for s in statuses)
        db = self._spill.db
        for (data,) in db.execute(f"SELECT data FROM f {where} ORDER BY {_FACT_ORDER}"):
            yield _decode_fact(data, db)

    def conflicts(self) -> list[Fact]:
        return list(self.select("conflict"))

    def close(self) -> None:
        self._spill.close()
