"""Grouping scored pairs into facts: a constrained clustering.

1. **Agreements.** Every candidate pair of compatible mentions whose score reaches the ``join``
   threshold is a link. Links are taken strongest first and join their two groups when every
   value of the one is compatible with every value of the other (a source repeating its figure
   is in its own group; a source never gives two incompatible values to one agreement).
2. **Contests.** Two groups become one contested group (a conflict) when the strongest pair of
   incompatible mentions across them reaches the ``contest`` threshold counting only what says
   they speak of one thing (not the value), no constraint below forbids it, and no source is
   in both.

The constraints (``CONSTRAINTS``) are named vetoes on a contest, each with its reason.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Callable, Optional

from ..model import Mention
from .evidence import Evidence, Run, _value, evidence, is_vague, score, threshold


class Group(list):
    """The mentions of one fact, and the evidence of the pairs that joined them:
    ``links`` holds ``(a, b, evidence, kind)`` with kind "agree" or "contest"."""

    def __init__(self, mentions=()):
        super().__init__(mentions)
        self.links: list = []


@dataclass(frozen=True)
class Constraint:
    """A veto on calling two mentions one contested fact."""

    name: str
    applies: Callable[[Mention, Mention], bool]
    doc: str


def _both_vague(a: Mention, b: Mention) -> bool:
    return is_vague(a) and is_vague(b)


def _vague_other_event(a: Mention, b: Mention) -> bool:
    return (is_vague(a) or is_vague(b)) and not (a.predicate and a.predicate == b.predicate)


def _part_or_earlier(a: Mention, b: Mention) -> bool:
    return bool({a.scope, b.scope} & {"part", "past"})


def _other_years(a: Mention, b: Mention) -> bool:
    return bool(a.frame and b.frame and not set(a.frame) & set(b.frame))


def _other_names(a: Mention, b: Mention) -> bool:
    return bool(a.entities and b.entities and not a.entities & b.entities)


def _dates_without_event(a: Mention, b: Mention) -> bool:
    if a.kind != "date":
        return False
    if a.event or b.event:
        return a.event != b.event  # "since 2002" vs "since 2003"
    year_only = any(len(m.date or "") == 4 for m in (a, b))
    return year_only or not (a.predicate and a.predicate == b.predicate)


CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint("date_needs_event", _dates_without_event,
               "Two dates contradict only as dates of one event: the same start or end ('since "
               "2002' vs 'since 2003'), or the same event word; a bare year only as a start or end."),
    Constraint("different_years", _other_years,
               "Figures whose sentences name different years (or a relative year beside named "
               "ones) are never called a contradiction: 2019's figure and 2020's."),
    Constraint("different_names", _other_names,
               "Figures whose sentences both name people or places, none in common, are never a "
               "contradiction: '258 Americans' in Beirut and 'four Americans' in Benghazi."),
    Constraint("part_of_whole", _part_or_earlier,
               "A part ('49 killed in one of the attacks', 'of them') or an earlier level "
               "('from 6.1%') never contradicts a figure: it is another fact."),
    Constraint("vague_vs_vague", _both_vague,
               "'thousands' and 'tens of thousands' are loose words, not figures: never a conflict."),
    Constraint("vague_needs_event", _vague_other_event,
               "A vague amount contradicts a figure only when both state the same event."),
)


# Vetoes on joining two compatible mentions as one agreement.
JOIN_CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint("vague_needs_event", _vague_other_event,
               "'hundreds of air strikes' agrees with 'more than 25 attacks' only when both "
               "state the same event: a vague amount is compatible with too much to join on "
               "the measured thing alone."),
)


def vetoes(a: Mention, b: Mention, join: bool = False) -> list[str]:
    return [c.name for c in (JOIN_CONSTRAINTS if join else CONSTRAINTS) if c.applies(a, b)]


def cluster(mentions: list[Mention], pairs: list[tuple[Mention, Mention]],
            compatible: Callable[[Mention, Mention], bool], run: Optional[Run] = None) -> list[Group]:
    """Candidate ``pairs`` (of different sources) of ``mentions`` -> groups, one per fact."""
    run = run or Run.of(mentions)
    join, contest = threshold("join"), threshold("contest")
    group_of: dict[int, int] = {}
    groups: dict[int, Group] = {}
    for n, m in enumerate(mentions):
        group_of[id(m)] = n
        groups[n] = Group([m])
    links: list[tuple] = []
    contests: list[tuple] = []
    scored = []
    best: dict = {}  # (mention, other source) -> its best "same thing" score there
    for a, b in pairs:
        ev = evidence(a, b, run)
        same = score(ev, for_conflict=True)
        full = score(ev)
        scored.append((a, b, ev, same, full))
        for m, o in ((a, b), (b, a)):
            k = (id(m), o.source)
            if full > best.get(k, -1e9):
                best[k] = full
    for a, b, ev, same, full in scored:
        # one counterpart per source: a pair is linked only when it is the best match of one
        # of its two mentions in the other's source ("26 members to England" meets "76 members
        # to England", not "26 members to France")
        if full < best[(id(a), b.source)] - 1e-9 and full < best[(id(b), a.source)] - 1e-9:
            continue
        if compatible(a, b):
            s = score(ev)
            if s >= join and not vetoes(a, b, join=True):
                links.append((-s, len(links), a, b, ev))
        elif same >= contest and not vetoes(a, b):
            contests.append((-same, len(contests), a, b, ev))
    links.sort(key=lambda t: t[:2])

    def values_fit(x: Group, y: Group) -> bool:
        seen: dict = {}
        xs = _distinct(x, seen)
        ys = _distinct(y, seen)
        # (dates: a weekday and a month are compatible, but one agreement holds one grain)
        return all(compatible(p, q) and not (p.kind == "date" and _value(p, q, run) == "other_grain")
                   for p in xs for q in ys)

    for _, _, a, b, ev in links:
        ga, gb = group_of[id(a)], group_of[id(b)]
        if ga == gb:
            groups[ga].links.append((a, b, ev, "agree"))
            continue
        x, y = groups[ga], groups[gb]
        if not values_fit(x, y):
            continue
        x.extend(y)
        x.links.extend(y.links)
        x.links.append((a, b, ev, "agree"))
        for m in y:
            group_of[id(m)] = ga
        del groups[gb]

    # contests: merge the strongest first, between groups that share no source
    heapq.heapify(contests)
    while contests:
        _, _, a, b, ev = heapq.heappop(contests)
        ga, gb = group_of[id(a)], group_of[id(b)]
        if ga == gb:
            groups[ga].links.append((a, b, ev, "contest"))
            continue
        x, y = groups[ga], groups[gb]
        if {m.source for m in x} & {m.source for m in y}:
            continue
        if _states_it_too(x, y, mentions, compatible, run, best):
            continue
        x.extend(y)
        x.links.extend(y.links)
        x.links.append((a, b, ev, "contest"))
        for m in y:
            group_of[id(m)] = ga
        del groups[gb]
    return [groups[k] for k in sorted(groups)]


def _distinct(g: Group, seen: dict) -> list[Mention]:
    """One mention per distinct value of a group (copies of a figure need one check)."""
    from .evidence import value_key

    out, keys = [], set()
    for m in g:
        k = value_key(m)
        if k not in keys:
            keys.add(k)
            out.append(m)
    return out


def _joins(m: Mention, o: Mention, run: Run, join: float, best: dict) -> bool:
    """Would ``m`` join ``o`` as an agreement (over the threshold, and ``m`` is ``o``'s best
    counterpart in ``m``'s source)?"""
    ev = evidence(m, o, run)
    s = score(ev)
    return s >= join and s >= best.get((id(o), m.source), -1e9) - 1e-9


def _states_it_too(a: list[Mention], b: list[Mention], block: list[Mention], compatible, run: Run,
                   best: dict) -> bool:
    """Does a source of group ``a`` also state, elsewhere in the block, a value that agrees with
    all of group ``b`` and would be joined to it (or the other way round)? Then it speaks of two
    things (a part and its whole, two time frames), and the two groups do not contradict."""
    join = threshold("join")
    for mine, theirs in ((a, b), (b, a)):
        sources = {m.source for m in mine}
        inside = {id(m) for m in mine}
        for m in block:
            if m.source in sources and id(m) not in inside and all(compatible(m, o) for o in theirs) \
                    and any(_joins(m, o, run, join, best) for o in theirs if o.source != m.source):
                return True
    return False
