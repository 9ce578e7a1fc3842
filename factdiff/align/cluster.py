"""Grouping scored pairs into facts: a constrained clustering.

1. **Agreements.** Every candidate pair of compatible mentions whose score reaches the ``join``
   threshold is a link. Links are taken strongest first and join their two groups when every
   value of the one is compatible with every value of the other (a source repeating its figure
   is in its own group; a source never gives two incompatible values to one agreement).
2. **Contests.** Two groups become one contested group (a conflict) when the strongest pair of
   incompatible mentions across them reaches the ``contest`` threshold counting only what says
   they speak of one thing (not the value), no constraint below forbids it, no source of one
   side also states a value that would join the other, and a source on both sides is there
   only because it itself gives both values of one thing.
3. **Self-contradictions.** One source giving two incompatible values between the same words,
   or in two sentences that tell the same uncommon figure beside them ("$139 million in Seven
   Years" / "$139 million ... eight years"), is one conflict.

Mentions that are copies of one another (the same profile, any number of sources) are one
``Node``, judged once. The constraints (``CONSTRAINTS``; ``JOIN_CONSTRAINTS`` for agreements)
are named vetoes, each with its reason.
"""
from __future__ import annotations

import heapq
import operator
import re
from dataclasses import dataclass, fields
from typing import Callable, Optional, Union

from mypy_extensions import mypyc_attr

from ..model import NUMERIC_KINDS, Mention
from .evidence import (Run, evidence, is_vague, may_reach, names_more_fully, score, slot, threshold,
                       value_level)


@mypyc_attr(native_class=False)
class Group(list):
    """The mentions of one fact, and the evidence of the pairs that joined them:
    ``links`` holds ``(a, b, evidence, kind)`` with kind "agree", "contest" or
    "self-contradiction" (one source, two incompatible values between the same words)."""

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


def _ordinal_elsewhere(a: Mention, b: Mention) -> bool:
    return a.kind == "ordinal" and not (a.signature and a.signature == b.signature)


def _other_thing(a: Mention, b: Mention) -> bool:
    if a.kind not in NUMERIC_KINDS:
        return False
    return bool(a.subject and b.subject and a.subject != b.subject
                and not names_more_fully(a.subject, b.subject))


_CAPITAL = re.compile(r"(?<![\w'’])[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_NOT_PERSON = frozenset({"The", "A", "An", "Mr", "Mrs", "Ms", "Dr", "Rep", "Sen", "Gov", "He", "She",
                         "His", "Her", "They", "Their", "In", "On", "At", "And", "But"})


def age_holder(m: Mention) -> Optional[str]:
    """The capitalised name nearest an age ("Pelosi, 76" -> Pelosi; "the 43-year-old Ryan" ->
    Ryan), within 30 characters; None if there is none."""
    s = m.sentence
    a, b = m.start - m.sentence_start, m.end - m.sentence_start
    best = None
    for hit in _CAPITAL.finditer(s, max(0, a - 30), min(len(s), b + 30)):
        if hit.group(0) in _NOT_PERSON or (hit.start() < b and hit.end() > a):
            continue
        d = a - hit.end() if hit.end() <= a else hit.start() - b
        if best is None or d < best[0]:
            best = (d, hit.group(0))
    return best[1] if best else None


def _ages_of_others(a: Mention, b: Mention) -> bool:
    if a.subject != "age":
        return False
    pa, pb = age_holder(a), age_holder(b)
    return pa is None or pb is None or pa != pb


CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint("age_needs_person", _ages_of_others,
               "An age belongs to a person: two ages contradict each other only when the name "
               "nearest both is the same ('Pelosi, 76' vs 'the 43-year-old Ryan' are two people)."),
    Constraint("different_things", _other_thing,
               "Two figures of different measured things ('17 people', 'six army soldiers'; "
               "'20 victims', '25 casualties' unless the configuration makes them synonyms) "
               "never contradict each other: one may be a part, a subset or another count."),
    Constraint("ordinal_needs_slot", _ordinal_elsewhere,
               "Ranks ('the second official', 'a third term') contradict each other only between "
               "the same words: 'first' and 'second' are more often two things than one."),
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


def _vague_join(a: Mention, b: Mention) -> bool:
    if not (is_vague(a) or is_vague(b)):
        return False
    if is_vague(a) and is_vague(b) and a.low == b.low and a.high == b.high and a.subject \
            and a.subject == b.subject:
        return False  # the same loose words for the same thing: "tens of thousands of dollars"
    if a.predicate and a.predicate == b.predicate:
        return False
    # neither says what happened: the same measured thing may stand for the event
    return not (not a.predicate and not b.predicate and a.subject and a.subject == b.subject)


# Vetoes on joining two compatible mentions as one agreement.
JOIN_CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint("vague_needs_event", _vague_join,
               "'hundreds of air strikes' agrees with 'more than 25 attacks' only when both "
               "state the same event (or neither names one and both count the same thing): a "
               "vague amount is compatible with too much to join on the measured thing alone."),
)


def vetoes(a: Mention, b: Mention, join: bool = False) -> list[str]:
    return [c.name for c in (JOIN_CONSTRAINTS if join else CONSTRAINTS) if c.applies(a, b)]


class Node:
    """Mentions that state the same thing in the same words (copies of one sentence, in any
    number of sources): judged once, as one. ``rep`` stands for all of them."""

    __slots__ = ("rep", "members", "sources", "self_score", "key")

    def __init__(self, rep: Mention, key: tuple):
        self.rep = rep
        self.key = key  # the value its copies state: value_key(rep)
        self.members: list[Mention] = [rep]
        self.sources: set = {rep.source}
        self.self_score: Optional[float] = None  # the score of two copies, once there are two


_PROFILE_SKIP = frozenset({"start", "end", "source", "sentence_start", "sentence"})
_PROFILE = operator.attrgetter(*[f.name for f in fields(Mention) if f.name not in _PROFILE_SKIP])


def profile(m: Mention) -> tuple:
    """Every field that evidence, constraints and compatibility read (not where, not who)."""
    return _PROFILE(m)


def nodes_of(mentions: list[Mention], run: Run, compatible) -> list[Node]:
    """Mentions -> nodes: copies of one profile are one node when they would join each other
    (a copy that would not, say a bare "2" with nothing around it, stays a node of its own)."""
    join = threshold("join")
    by_profile: dict[tuple, Node] = {}
    out: list[Node] = []
    for m in mentions:
        k = profile(m)
        node = by_profile.get(k)
        if node is None:
            by_profile[k] = node = Node(m, run.key(m))
            out.append(node)
            continue
        if m.source not in node.sources:
            r = node.rep
            if node.self_score is None:
                node.self_score = score(evidence(r, m, run))
            if not (compatible(r, m) and node.self_score >= join and not vetoes(r, m, join=True)):
                out.append(Node(m, run.key(m)))  # copies that do not join each other stay apart
                continue
            node.sources.add(m.source)
        node.members.append(m)
    return out


Compatible = Callable[[Mention, Mention], bool]


class _Groups:
    """Nodes merged into groups (by a key, the first node's number), each with the links that
    joined them."""

    def __init__(self, nodes: list[Node], run: Run) -> None:
        self.group_of: dict[int, int] = {}  # node (by its rep) -> group key
        self.groups: dict[int, list[Node]] = {}
        self.links_of: dict[int, list] = {}
        for n, node in enumerate(nodes):
            self.group_of[id(node.rep)] = n
            self.groups[n] = [node]
            self.links_of[n] = []
            if len(node.sources) > 1 and len(node.members) > 1:  # copies joined: say why
                a, b = node.members[0], next(m for m in node.members if m.source != node.members[0].source)
                self.links_of[n].append((a, b, evidence(a, b, run), "agree"))

    def of(self, node: Node) -> int:
        return self.group_of[id(node.rep)]

    def merge(self, ga: int, gb: int) -> None:
        self.groups[ga].extend(self.groups[gb])
        self.links_of[ga].extend(self.links_of[gb])
        for node in self.groups[gb]:
            self.group_of[id(node.rep)] = ga
        del self.groups[gb], self.links_of[gb]

    def link(self, g: int, na: Node, nb: Node, ev, kind: str) -> None:
        self.links_of[g].append((na.rep, nb.rep, ev, kind))

    def result(self) -> list[Group]:
        out = []
        for k in sorted(self.groups):
            g = Group(m for node in self.groups[k] for m in node.members)
            g.links = self.links_of[k]
            out.append(g)
        return out


def _self_contest(a: Mention, b: Mention, compatible: Compatible, run: Run, contest: float):
    """The evidence of one source contradicting itself in two sentences (in the same words, or
    told twice), or None. Within one sentence the same words twice are a list ("the north pond
    held 4.35 litres, the south pond held 2.15 litres")."""
    if a.sentence_start != b.sentence_start and (same_slot(a, b) or _told_twice(a, b)) \
            and not compatible(a, b) and not vetoes(a, b) \
            and not is_vague(a) and not is_vague(b):  # loose words are no statement
        ev = evidence(a, b, run)
        if score(ev, for_conflict=True) >= contest:
            return ev
    return None


def _score_pairs(nodes: list[Node], pairs: list[tuple[Mention, Mention]], compatible: Compatible, run: Run,
                 join: float, contest: float):
    """(scored pairs of two sources ``(na, nb, ev, score without the value, full score)``, the
    best score of each node with a node of each source, pairs of one source contradicting itself)."""
    node_of: dict[int, Node] = {id(n.rep): n for n in nodes}
    scored = []
    best: dict[tuple[int, str], float] = {}  # (node, source) -> the best score of that node with a node of that source
    for node in nodes:  # a node's own copies are its counterparts in their sources
        if node.self_score is not None and len(node.sources) > 1:
            for src in node.sources:
                best[(id(node.rep), src)] = node.self_score
    self_contests: list[tuple] = []
    # a link needs ``join``; a contest ``contest`` without the value, whose weight is 0 for two
    # incompatible values, so its full score too: a pair under both is never used
    floor = min(join, contest)
    for a, b in pairs:
        na, nb = node_of[id(a)], node_of[id(b)]
        if len(na.sources | nb.sources) < 2:
            # one source only: compared only for a contradiction of its own, in the same words
            own = _self_contest(a, b, compatible, run, contest)
            if own is not None:
                self_contests.append((na, nb, own))
            continue
        if not may_reach(a, b, run, floor):
            continue  # surely below the floor: as below
        ev = evidence(a, b, run)
        full = score(ev)
        if full < floor:
            continue  # neither a link nor a contest, nor better than one: it decides nothing
        scored.append((na, nb, ev, score(ev, for_conflict=True), full))
        for m, o in ((na, nb), (nb, na)):
            for src in o.sources - m.sources:  # its counterparts in the other sources
                k = (id(m.rep), src)
                if full > best.get(k, -1e9):
                    best[k] = full
    return scored, best, self_contests


def _links_and_contests(scored: list, best: dict, compatible: Compatible, join: float, contest: float):
    """(links, strongest first; contests, a heap), each ``(-score, n, na, nb, ev)``."""
    links: list[tuple] = []
    contests: list[tuple] = []
    for na, nb, ev, same, full in scored:
        # one counterpart per source: a pair is linked only when it is the best match of one
        # of its two mentions in the other's source ("26 members to England" meets "76 members
        # to England", not "26 members to France")
        if all(full < best[(id(na.rep), s)] - 1e-9 for s in nb.sources - na.sources) and \
                all(full < best[(id(nb.rep), s)] - 1e-9 for s in na.sources - nb.sources):
            continue
        a, b = na.rep, nb.rep
        # the value comparison (always first) has already asked whether the two are compatible
        if ev[0].level != "incompatible" or compatible(a, b):
            # values that fit only as a bound or a rounding an editor would query are a (soft)
            # conflict, and a conflict needs what says they are one thing: the contest bar
            loose = ev[0].level == "incompatible"
            if full >= join and (not loose or same >= contest) and not vetoes(a, b, join=True):
                links.append((-full, len(links), na, nb, ev))
        elif same >= contest and not vetoes(a, b):
            contests.append((-same, len(contests), na, nb, ev))
    links.sort(key=lambda t: t[:2])
    heapq.heapify(contests)
    return links, contests


def _values_fit(x: list[Node], y: list[Node], compatible: Compatible, run: Run) -> bool:
    """Every value of one group compatible with every value of the other, of one grain
    (dates: a weekday and a month are compatible, but one agreement holds one grain)."""
    xs, ys = _distinct(x), _distinct(y)
    return all(compatible(p, q) and not (p.kind == "date" and value_level(p, q, run) == "other_grain")
               for p in xs for q in ys)


def _merge_contests(groups: _Groups, contests: list, scored: list, best: dict, compatible: Compatible,
                    run: Run, join: float, contest: float) -> None:
    """Contests merge strongest first (a source on both sides only when it contradicts itself,
    see _states_both)."""
    joins_of: dict = {}
    for na, nb, ev, same, full in scored:
        if full >= join:
            joins_of.setdefault(id(na.rep), []).append((nb, full))
            joins_of.setdefault(id(nb.rep), []).append((na, full))
    while contests:
        _, _, na, nb, ev = heapq.heappop(contests)
        ga, gb = groups.of(na), groups.of(nb)
        if ga != gb:
            x, y = groups.groups[ga], groups.groups[gb]
            shared = _sources(x) & _sources(y)
            # a source on both sides must itself state both values of one thing (it then
            # contradicts itself, as an edited article that already gave the figure does)
            if shared and not all(_states_both(s, x, y, compatible, run, contest) for s in shared):
                continue
            if _states_it_too(x, y, compatible, best, joins_of, ignore=shared):
                continue
            groups.merge(ga, gb)
        groups.link(ga, na, nb, ev, "contest")


def cluster(mentions: list[Mention], pairs: Optional[list], compatible: Compatible,
            run: Optional[Run] = None, nodes: Optional[list[Node]] = None) -> list[Group]:
    """Mentions of one block -> groups, one per fact. ``pairs``: candidate pairs of node
    representatives (None: every pair of nodes)."""
    run = run or Run.of(mentions)
    join, contest = threshold("join"), threshold("contest")
    nodes = nodes if nodes is not None else nodes_of(mentions, run, compatible)
    if pairs is None:
        pairs = [(x.rep, y.rep) for i, x in enumerate(nodes) for y in nodes[i + 1:]]
    groups = _Groups(nodes, run)
    scored, best, self_contests = _score_pairs(nodes, pairs, compatible, run, join, contest)
    links, contests = _links_and_contests(scored, best, compatible, join, contest)
    for _, _, na, nb, ev in links:
        ga, gb = groups.of(na), groups.of(nb)
        if ga != gb:
            if not _values_fit(groups.groups[ga], groups.groups[gb], compatible, run):
                continue
            groups.merge(ga, gb)
        groups.link(ga, na, nb, ev, "agree")
    _merge_contests(groups, contests, scored, best, compatible, run, join, contest)
    # a source that gives two incompatible values between the same words contradicts itself
    for na, nb, ev in self_contests:
        ga, gb = groups.of(na), groups.of(nb)
        if ga != gb:
            if (_sources(groups.groups[ga]) & _sources(groups.groups[gb])) - (na.sources | nb.sources):
                continue
            groups.merge(ga, gb)
        groups.link(ga, na, nb, ev, "self-contradiction")
    return groups.result()


def _states_both(src: str, x: list[Node], y: list[Node], compatible, run: Run, contest: float) -> bool:
    """Does ``src`` give, on the two sides, two incompatible values that the evidence calls
    one thing (over the contest threshold, under no veto) and that name it precisely: the same
    event, the same words around them, or a measured thing of more than one word ("28-page
    report" / "40-page report"; not "900 piles" / "50 to 100 new piles")?"""
    for p in x:
        if src not in p.sources:
            continue
        for q in y:
            if src not in q.sources or compatible(p.rep, q.rep) or vetoes(p.rep, q.rep):
                continue
            if _one_sentence(src, p, q):
                continue  # "fifteen permanent judges plus two judges": a list, not a contradiction
            ev = evidence(p.rep, q.rep, run)
            if score(ev, for_conflict=True) < contest:
                continue
            levels = {e.comparison: e.level for e in ev}
            if levels.get("event") == "same" or levels.get("surrounding_words") == "same" or \
                    (levels.get("measured_thing", "").startswith("same") and " " in (p.rep.subject or "")):
                return True
    return False


def _one_sentence(src: str, p: Node, q: Node) -> bool:
    """Do all of ``src``'s mentions in the two nodes stand in one sentence? A writer who gives
    two values of one thing in one sentence is listing parts, not contradicting themselves."""
    starts = {m.sentence_start for n in (p, q) for m in n.members if m.source == src}
    return len(starts) == 1


def _told_twice(a: Mention, b: Mention) -> bool:
    """Two sentences that state the same uncommon figure beside the two mentions (a headline
    and the paragraph that tells it again)."""
    return bool(a.companions & b.companions)


def same_slot(a: Mention, b: Mention) -> bool:
    """The same two words before the two figures and the same word after them ("the wildfire
    destroyed _ in the village")."""
    sa = slot(a)
    return sa is not None and sa == slot(b)


def _sources(g: list[Node]) -> set:
    out: set = set()
    for node in g:
        out |= node.sources
    return out


def _distinct(g: list[Node]) -> list[Mention]:
    """One mention per distinct value of a group (copies of a figure need one check)."""
    out, keys = [], set()
    for node in g:
        if node.key not in keys:
            keys.add(node.key)
            out.append(node.rep)
    return out


def _states_it_too(a: list[Node], b: list[Node], compatible, best: dict, joins_of: dict,
                   ignore: Union[set, frozenset] = frozenset()) -> bool:
    """Does a source of group ``a`` also state, elsewhere in the block, a value that agrees with
    all of group ``b`` and would be joined to it (or the other way round)? Then it speaks of two
    things (a part and its whole, two time frames), and the two groups do not contradict.
    ``joins_of``: node -> the (node, score) pairs over the join threshold with it. ``ignore``:
    sources already found to contradict themselves between the two groups."""
    for mine, theirs in ((a, b), (b, a)):
        sources = _sources(mine)
        inside = {id(n.rep) for n in mine}
        values = None
        for o in theirs:
            for node, full in joins_of.get(id(o.rep), ()):
                if id(node.rep) in inside or not node.sources & sources or not node.sources - o.sources \
                        or node.sources <= ignore:
                    continue
                # it would join o: over the threshold, and o's best counterpart in its source
                if not any(full >= best.get((id(o.rep), src), -1e9) - 1e-9 for src in node.sources - o.sources):
                    continue
                values = values if values is not None else _distinct(theirs)
                if all(compatible(node.rep, v) for v in values):
                    return True
    return False
