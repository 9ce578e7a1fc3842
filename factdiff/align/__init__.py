"""Where mentions are matched: which mentions of different sources state the same fact.

Record linkage, in the shape of Splink:

* **Candidates** (``block_key``, ``candidate_pairs``): every two mentions of different sources
  with the same kind and dimension are compared (a date with a date, money with money, a title
  with a title). A rate, a change or an offset is only compared with its like. A block too big
  to compare every pair (many stories in one run) is cut by OR-ed candidate rules instead (the
  same measured thing, the same value, the same surrounding words, the same event): rules that
  only choose pairs, never decide them, and never depend on file order.
* **Evidence** (``evidence.py``): named comparisons with levels, their weights in
  ``weights.toml``; a pair's score is their sum.
* **Grouping** (``cluster.py``): agreements from links over the ``join`` threshold, then
  contests (conflicts) over the ``contest`` threshold, under named constraints.

``explain_pair`` says, for any two mentions, every comparison's level and weight and what the
judge made of them.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable, Optional

from ..model import NUMERIC_KINDS, Mention
from .cluster import CONSTRAINTS, Group, cluster, nodes_of, vetoes
from .evidence import (COMPARISONS, Evidence, Run, evidence, is_vague, score, slot, threshold,
                       value_key, words_around)

__all__ = ["align", "align_block", "block_key", "candidate_pairs", "explain_pair", "Group",
           "COMPARISONS", "CONSTRAINTS", "Evidence", "is_vague"]

# A block of at most this many distinct mentions compares every pair (a story has a few dozen
# figures of one kind: at most 76 in the 32 development clusters); a larger one, which only
# many stories in one run make, uses the candidate rules below.
ALL_PAIRS_MAX = 100
# A candidate key shared by more mentions than this in a large block (the value 2, "Syria")
# selects nothing and would make the work quadratic: it proposes no pairs.
RULE_BUCKET_MAX = 32


def block_key(m: Mention) -> Optional[tuple]:
    """The candidate rule every compared pair satisfies: the same kind and dimension (None:
    never compared)."""
    if m.kind in NUMERIC_KINDS:
        family = m.dimension or m.unit or ""
        if m.scope in ("rate", "change", "offset"):
            family += "/" + m.scope  # a rate, a change or an offset is only compared with its like
        return (m.kind, family)
    if m.kind == "date":
        return ("date",)
    if m.kind == "role":
        return ("role",)
    if m.kind == "name":
        return ("name",)
    if m.kind == "ordinal":
        return ("ordinal",)
    return None


# Within a large block, a pair is a candidate when it shares one of these keys.
def _rule_keys(m: Mention) -> Iterable[tuple]:
    if m.subject:
        yield ("subject", m.subject)
    yield ("value", value_key(m))
    if words_around(m):
        yield ("words", m.signature)
    if m.kind == "role":
        yield ("person", (m.subject or "").split(":", 1)[0])
    if m.kind == "name":
        yield ("surname", value_key(m)[1].split(" ")[-1])
    for k in m.companions:
        yield ("companion", k)


def candidate_pairs(block: list[Mention]) -> list[tuple[Mention, Mention]]:
    """The pairs of a block that are scored (``block``: one mention per node, distinct
    profiles): every pair of a small block; in a large one, the pairs that share a candidate
    key (each pair once, in reading order). Pairs within one source are dropped by the caller."""
    ms = block
    if len(ms) <= ALL_PAIRS_MAX and not (ms and ms[0].kind == "name"):
        return [(a, b) for x, a in enumerate(ms) for b in ms[x + 1:]]
    return _pairs_sharing(ms, _rule_keys)


def _pairs_by_words(ms: list[Mention]) -> list[tuple[Mention, Mention]]:
    """The pairs whose two mentions stand in the same slot (``evidence.slot``) or share a
    companion figure (``Mention.companions``), each pair once."""
    return _pairs_sharing(ms, _word_keys)


def _word_keys(m: Mention) -> Iterable[tuple]:
    k = slot(m)
    if k is not None:
        yield ("slot", k)
    for c in m.companions:
        yield ("companion", c)


def _pairs_sharing(ms: list[Mention], keys_of: Callable[[Mention], Iterable[tuple]]) -> list[tuple[Mention, Mention]]:
    """The pairs of ``ms`` that share a key of ``keys_of`` (a key held by more than
    ``RULE_BUCKET_MAX`` mentions selects nothing), each pair once, in reading order."""
    index: dict[tuple, list[int]] = defaultdict(list)
    for n, m in enumerate(ms):
        for k in keys_of(m):
            index[k].append(n)
    seen: set = set()
    for members in index.values():
        if len(members) > RULE_BUCKET_MAX:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                seen.add((i, j))
    return [(ms[i], ms[j]) for i, j in sorted(seen)]


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


def align_block(block: list[Mention], compatible: Callable[[Mention, Mention], bool]) -> list[Group]:
    """The groups of one block (mentions sharing a ``block_key``): what ``align`` does for each
    block, for a caller that reads the blocks one at a time."""
    memo: dict = {}

    def compat(a: Mention, b: Mention) -> bool:
        key = (id(a), id(b))
        got = memo.get(key)
        if got is None:
            got = memo[key] = compatible(a, b)
        return got

    ms = sorted(block, key=lambda m: (m.source, m.start))
    run = Run.of(ms)
    nodes = nodes_of(ms, run, compat)
    reps = [n.rep for n in nodes]
    if run.sources == 1:
        # one source: only its own contradictions are looked for, between the same words
        pairs = _pairs_by_words(reps)
    else:
        pairs = candidate_pairs(reps)
    groups = cluster(ms, pairs, compat, run, nodes)
    # a name only one source gives is no fact of the story (every text names things), and
    # neither is a bare year only one source gives ("in 2010", "since 1989")
    return [g for g in groups if len({m.source for m in g}) > 1 or not _says_little(g[0])]


def _says_little(m: Mention) -> bool:
    return m.kind == "name" or (m.kind == "date" and len(m.date or "") == 4 and not m.event)


def explain_pair(a: Mention, b: Mention, mentions: list[Mention],
                 compatible: Callable[[Mention, Mention], bool]) -> dict:
    """Why ``a`` and ``b`` were or were not joined: every comparison's level and weight, the
    score against its threshold, and the constraints that apply. ``mentions``: the run."""
    if block_key(a) != block_key(b) or block_key(a) is None:
        return {"candidates": False, "why": "different kinds or dimensions are never compared",
                "evidence": [], "score": None}
    if a.source == b.source:
        return {"candidates": False, "why": "the same source", "evidence": [], "score": None}
    run = Run.of([m for m in mentions if block_key(m) == block_key(a)])
    ev = evidence(a, b, run)
    fits = compatible(a, b)
    s = score(ev, for_conflict=not fits)
    limit = threshold("join" if fits else "contest")
    veto = vetoes(a, b, join=fits)  # an agreement has its vetoes too ("hundreds" vs ">25")
    return {"candidates": True, "compatible": fits, "score": s, "threshold": limit,
            "linked": s >= limit and not veto, "constraints": veto,
            "evidence": [{"comparison": e.comparison, "level": e.level, "weight": e.weight,
                          "counts_for_conflict": e.for_conflict} for e in ev]}
