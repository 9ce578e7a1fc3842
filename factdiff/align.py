"""Where mentions are matched: group the mentions of different sources that speak of the
same thing.

Mentions are first blocked by a key (kind, unit dimension, measured thing; for dates the event
and what it is the date of), so nothing is compared with everything. Inside a block:

1. mentions that are compatible and comparable gather into agreement groups (a source that
   repeats its figure joins its own group);
2. two groups are merged into one *contested* group only when no source is in both (a source
   that gives two different figures for one thing is describing two things: a part and its
   whole, two time frames) and some pair across them is comparable at the stricter level used
   for conflicts.

A block of more than ``MAX_BLOCK`` mentions (many stories in one run) is first cut by event
word and then into runs of whole sources, so the work stays linear in the number of articles.

``comparable`` is where scope is judged: different events ("detailed" vs "researched"),
different years, a part ("in one of the incidents") or different surrounding words keep two
figures apart.
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from typing import Callable, Optional

from .model import NUMERIC_KINDS, Mention

# Words so common around figures in news that sharing them says nothing.
_GENERIC_CONTEXT = frozenset({"year", "month", "week", "day", "time", "people", "person", "new",
                              "report", "news", "official", "percent", "number", "total"})


def block_key(m: Mention) -> Optional[tuple]:
    """The key two mentions must share to be compared at all (None: never compared)."""
    if m.kind in NUMERIC_KINDS:
        family = m.dimension or m.unit or ""
        if m.scope in ("rate", "change", "offset"):
            family += "/" + m.scope  # a rate, a change or an offset is only compared with its like
        if m.subject:
            return (m.kind, family, m.subject)
        if m.signature:
            return (m.kind, family, "≈" + m.signature)
        return None
    if m.kind == "date":
        what = m.subject or (("@" + m.predicate) if m.predicate else None)
        if what:
            return ("date", what, m.event)
        # a date of nothing in particular (a dateline, a tweet's timestamp): never compared
        return ("date", "#", m.source, m.start)
    if m.kind == "role":
        return ("role", m.subject)
    return None


def overlap(a: Mention, b: Mention) -> int:
    """How many context words two mentions share, beyond what they measure."""
    shared = (a.context & b.context) - _GENERIC_CONTEXT
    if a.subject:
        shared = {w for w in shared if w != a.subject and w not in a.subject.split(" ")}
    return len(shared)


def is_vague(m: Mention) -> bool:
    """"hundreds", "a handful", "tens of thousands": an amount of rhetoric, not a count."""
    return m.kind in NUMERIC_KINDS and m.approximate and not m.qualifier and not m.derived \
        and m.low is not None and m.high is not None and m.low != m.high


def _shared_entities(a: Mention, b: Mention) -> bool:
    return not a.entities or not b.entities or bool(a.entities & b.entities)


def same_words(a: Mention, b: Mention) -> bool:
    """The figures sit between the same words (at least two of them)."""
    if not a.signature or a.signature != b.signature:
        return False
    return len(a.signature.replace("_", " ").split()) >= 2


def comparable(a: Mention, b: Mention, strict: bool) -> bool:
    """Do ``a`` and ``b`` speak of the same thing? ``strict`` is the bar for a conflict."""
    if a.source == b.source:
        return False
    if a.frame and b.frame and not set(a.frame) & set(b.frame):
        return False  # different years named
    if strict and is_vague(a) and is_vague(b):
        return False  # "thousands" and "tens of thousands" are loose words, not figures
    if same_words(a, b):
        return True  # the same words on both sides of the figure: the same slot
    if a.kind == "role":
        return True
    if strict:
        if "part" in (a.scope, b.scope) or "past" in (a.scope, b.scope):
            return False
        if not _shared_entities(a, b):
            return False  # "258 Americans" in Beirut, "four Americans" in Benghazi
        if (is_vague(a) or is_vague(b)) and not (a.predicate and a.predicate == b.predicate):
            return False
    if a.kind == "date":
        if strict:
            return a.event is not None and (a.predicate == b.predicate or a.subject is not None)
        return True
    if a.kind == "duration":
        if a.predicate and b.predicate and a.predicate != b.predicate:
            return not strict
        if strict and not (a.predicate and a.predicate == b.predicate):
            return overlap(a, b) >= 2
        return True
    if a.predicate and b.predicate:
        return a.predicate == b.predicate
    # one side has no event word: the surrounding words must agree
    shared = overlap(a, b)
    if not strict:
        return shared >= 1
    smaller = min(len(a.context), len(b.context)) or 1
    return shared >= 2 or (shared >= 1 and shared / smaller >= 0.5)


def _anchors(ms: list[Mention]) -> list[list[Mention]]:
    """Figures that sit between the same words in two sources, where those words occur once
    in each source's block, are the same slot: they are grouped first, whatever their values."""
    by_sig: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for m in ms:
        if m.signature and len(m.signature.replace("_", " ").split()) >= 2:
            by_sig[m.signature][m.source].append(m)
    groups = []
    for sig in sorted(by_sig):
        per_source = by_sig[sig]
        if len(per_source) >= 2 and all(len(v) == 1 for v in per_source.values()):
            slot = [v[0] for _, v in sorted(per_source.items())]
            if all(comparable(x, y, True) for n, x in enumerate(slot) for y in slot[n + 1:]):
                groups.append(slot)
    return groups


def group_block(mentions: list[Mention], compatible: Callable[[Mention, Mention], bool]) -> list[list[Mention]]:
    """Anchored slots, agreement groups, then contested merges (see the module docstring)."""
    ms = sorted(mentions, key=lambda m: (m.source, m.start))
    groups: list[list[Mention]] = _anchors(ms)
    anchored = {id(m) for g in groups for m in g}
    ms = [m for m in ms if id(m) not in anchored]

    def support(m: Mention) -> int:
        return sum(1 for o in ms if o.source != m.source and comparable(m, o, False) and compatible(m, o))

    order = sorted(ms, key=lambda m: (-support(m), m.source, m.start))
    for m in order:
        best, best_score = None, -1
        for g in groups:
            if not all(compatible(m, o) for o in g):
                continue
            same_source = [o for o in g if o.source == m.source]
            if same_source:
                # a source repeating a compatible figure joins its own group, unless the
                # event differs ("200 killed" and "200 injured")
                if any(m.predicate and o.predicate and m.predicate != o.predicate for o in same_source):
                    continue
                score = 100
            else:
                links = [o for o in g if comparable(m, o, False)]
                if not links:
                    continue
                score = max(overlap(m, o) for o in links) + 10 * sum(1 for o in links if o.predicate == m.predicate)
            if score > best_score:
                best, best_score = g, score
        if best is None:
            groups.append([m])
        else:
            best.append(m)
    return _merge_contested(groups, compatible)


def _states_it_too(a: list[Mention], b: list[Mention], block: list[Mention], compatible) -> bool:
    """Does a source of group ``a`` also give, elsewhere in the block, a figure that agrees
    with all of group ``b`` (or the other way round)? Then it describes two things, and the
    two groups do not contradict each other."""
    for mine, theirs in ((a, b), (b, a)):
        sources = {m.source for m in mine}
        inside = {id(m) for m in mine}
        for m in block:
            if m.source in sources and id(m) not in inside and all(compatible(m, o) for o in theirs):
                return True
    return False


def _contest(a: list[Mention], b: list[Mention], block: list[Mention], compatible) -> Optional[int]:
    """The score of merging groups ``a`` and ``b`` into one contested group, or None when
    they must stay apart (see the module docstring)."""
    if {m.source for m in a} & {m.source for m in b}:
        return None
    pairs = [(p, q) for p in a for q in b if comparable(p, q, True)]
    if not pairs or _states_it_too(a, b, block, compatible):
        return None
    return max(overlap(p, q) + (5 if p.predicate and p.predicate == q.predicate else 0) for p, q in pairs)


def _merge_contested(groups: list[list[Mention]], compatible) -> list[list[Mention]]:
    """Repeatedly merge the best-scoring pair of groups (the first pair in list order on a
    tie) until no pair may merge. Scores live in a heap: after a merge only the pairs that
    involve the merged group are scored again, so a block of k groups costs about k² scores,
    not k² per merge."""
    block = [m for g in groups for m in g]
    alive = list(groups)  # position -> group, None once merged into an earlier one
    version = [0] * len(alive)
    heap: list[tuple] = []
    for x in range(len(alive)):
        for y in range(x + 1, len(alive)):
            score = _contest(alive[x], alive[y], block, compatible)
            if score is not None:
                heap.append((-score, x, y, 0, 0))
    heapq.heapify(heap)
    while heap:
        _, x, y, vx, vy = heapq.heappop(heap)
        if alive[x] is None or alive[y] is None or version[x] != vx or version[y] != vy:
            continue  # a stale score: one of the two groups has changed since
        alive[x] = alive[x] + alive[y]
        alive[y] = None
        version[x] += 1
        for z in range(len(alive)):
            if z == x or alive[z] is None:
                continue
            a, b = (x, z) if x < z else (z, x)
            score = _contest(alive[a], alive[b], block, compatible)
            if score is not None:
                heapq.heappush(heap, (-score, a, b, version[a], version[b]))
    return [g for g in alive if g is not None]


# A block larger than this (a corpus of many stories: every figure of people killed shares one
# block) is cut into sub-blocks: by event word, then into runs of whole sources in file order
# of about this many mentions. Real stories have blocks of a handful of mentions, which are
# grouped exactly as above; the cut keeps time and memory linear in the number of articles.
MAX_BLOCK = 64


def _sub_blocks(block: list[Mention]) -> list[list[Mention]]:
    if len(block) <= MAX_BLOCK:
        return [block]
    by_event: dict[str, list[Mention]] = defaultdict(list)
    for m in block:
        by_event[m.predicate or ""].append(m)
    out = []
    for event in sorted(by_event):
        ms = sorted(by_event[event], key=lambda m: (m.source, m.start))
        run: list[Mention] = []
        for n, m in enumerate(ms):
            if len(run) >= MAX_BLOCK and m.source != ms[n - 1].source:
                out.append(run)
                run = []
            run.append(m)
        out.append(run)
    return out


def align(mentions: list[Mention], compatible: Callable[[Mention, Mention], bool]) -> list[list[Mention]]:
    """All mentions of all sources -> groups that each speak of one thing."""
    blocks: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        key = block_key(m)
        if key is not None:
            blocks[key].append(m)
    groups: list[list[Mention]] = []
    for key in sorted(blocks, key=repr):
        groups.extend(align_block(blocks[key], compatible))
    return groups


def align_block(block: list[Mention], compatible: Callable[[Mention, Mention], bool]) -> list[list[Mention]]:
    """The groups of one block (mentions sharing a ``block_key``, in reading order): what
    ``align`` does for each block, for a caller that reads the blocks one at a time."""
    groups: list[list[Mention]] = []
    for sub in _sub_blocks(block):
        memo: dict = {}  # the same pairs are judged by every step of the grouping: once each

        def compat(a: Mention, b: Mention, memo=memo) -> bool:
            key = (id(a), id(b))  # the sub-block holds every mention while the memo lives
            got = memo.get(key)
            if got is None:
                got = memo[key] = compatible(a, b)
            return got

        groups.extend(group_block(sub, compat))
    return groups
