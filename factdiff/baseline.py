"""The baseline: contradictions already reviewed, so that CI fails only on new ones.

A baseline is a JSON file, sorted and indented so that its diffs read well, rewritten whole::

    {
      "version": 1,
      "findings": [
        {
          "fingerprint": "e6075fbdef8adb3d",
          "values_fingerprint": "9b0d6c2f5a1e7c44",
          "kind": "count",
          "subject": "attack (research)",
          "values": {"bbc": ["25"], "reuters": [">25"]},
          "reason": "“more than 25 Russian attacks” (reuters: >25) is incompatible with …",
          "note": "bbc counts only the strikes it verified"
        }
      ]
    }

The identity of a finding is a few explicit fields (:data:`FIELDS_TO_COMPARE`, as
detect-secrets compares secrets): its ``kind``, what is ``measured`` (the measured-thing words
of its statements, or the person for a title) and its ``incompatible`` values (the normalised
values that take part in some clash). Source names, the display subject, the judge's reason,
its level and mention offsets do not enter it: they are only a tie-breaker between two entries
that match equally. A finding is known when an entry has its kind, shares a measured word, and
every incompatible value of the finding is a value the entry recorded: a new source repeating a
known value, or an agreeing statement reworded, keeps it known; a value no source gave before
makes it new (and the entry it grew from is then neither matched nor fixed: its note carries
over). Known findings are ``unchanged`` (same values from the same sources) or ``updated``;
baseline entries no conflict matched are fixed. ``note`` says why a finding was accepted; every
rewrite in which an entry survives keeps its note.

Entries written before these fields existed (no ``measured``) match on their ``fingerprint``,
``values_fingerprint``, or their kind, subject and values.
"""
from __future__ import annotations

import dataclasses

import json
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from .atomic import write_atomic
from .compare import clashes, fingerprint, incompatible_pair
from .model import Fact, Mention

if TYPE_CHECKING:  # the Report's module sits above this one (its formats read a Comparison)
    from .report.document import Report

VERSION = 1
# What makes two findings the same one (the rest of an entry is for people to read).
FIELDS_TO_COMPARE = ("kind", "measured", "incompatible")
LEVELS = ("soft", "hard")  # in increasing order of gravity (compare.LEVELS)
ALIASES = {"warning": "soft", "error": "hard"}  # the names --fail-on had before levels
FAIL_ON = LEVELS + tuple(ALIASES)  # what --fail-on and ``fail-on`` accept
SEVERITY = {"hard": "error", "soft": "warning"}  # a level as SARIF, GitHub and JUnit name it


def fail_level(name: str) -> str:
    """The level ``--fail-on`` names ("warning" and "error" are the old names of soft and hard);
    ValueError for anything else."""
    level = ALIASES.get(name, name)
    if level not in LEVELS:
        raise ValueError(f"must be one of {', '.join(LEVELS)} (or their old names {', '.join(ALIASES)})")
    return level


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file and says why."""


@dataclass(frozen=True)
class Entry:
    """One accepted finding, as recorded in the baseline file."""

    fingerprint: str
    values_fingerprint: Optional[str] = None
    kind: Optional[str] = None
    subject: Optional[str] = None
    values: tuple = ()  # ((source, (value text, ...)), ...), sorted
    reason: Optional[str] = None
    note: Optional[str] = None
    measured: Optional[tuple] = None  # sorted measured-thing words; None in an entry of an older file
    incompatible: tuple = ()  # sorted values that clash

    @property
    def value_set(self) -> frozenset:
        """Every value the entry recorded, whichever source gave it."""
        return frozenset(t for _, texts in self.values for t in texts) | frozenset(self.incompatible)

    def to_dict(self) -> dict:
        return {
            "measured": list(self.measured or ()),
            "incompatible": list(self.incompatible),
            "fingerprint": self.fingerprint,
            "values_fingerprint": self.values_fingerprint,
            "kind": self.kind,
            "subject": self.subject,
            "values": {source: list(texts) for source, texts in self.values},
            "reason": self.reason,
            "note": self.note if self.note is not None else "",
        }


@dataclass(frozen=True)
class Baseline:
    entries: tuple = ()  # tuple[Entry, ...]
    path: Optional[str] = None


@dataclass(frozen=True)
class Finding:
    """A conflict of this run, judged against the baseline.

    ``fact`` is the report's fact with its statements cut to ``pair`` (a conflict of a large
    run may hold dozens: the whole fact is in the report, and ``key`` finds it there);
    ``values`` are the values every source of the whole fact gave (see ``values_of``)."""

    fact: Fact
    state: str  # "new", "unchanged" (same values from the same sources) or "updated" (known, but
    # a source was added, renamed or reworded an agreeing statement)
    level: str  # "hard" or "soft" (the fact's level)
    pair: tuple  # (Mention, Mention): the two statements that contradict each other
    values_fingerprint: str
    note: Optional[str] = None
    values: tuple = ()
    key: tuple = ()  # fact_key of the report's fact
    measured: tuple = ()  # sorted measured-thing words (an identity field)
    incompatible: tuple = ()  # sorted values that clash (an identity field)

    @property
    def is_new(self) -> bool:
        return self.state == "new"

    @property
    def gate_state(self) -> str:
        """``new`` or ``known`` (what the JSON's ``gate`` block says)."""
        return "new" if self.is_new else "known"

    @property
    def severity(self) -> str:
        """``error`` for a hard conflict, ``warning`` for a soft one (SARIF's and GitHub's words)."""
        return SEVERITY.get(self.level, "error")


@dataclass(frozen=True)
class Comparison:
    findings: tuple = ()  # tuple[Finding, ...], in the report's order
    fixed: tuple = ()  # tuple[Entry, ...]: in the baseline, no longer found
    baseline: Optional[str] = None  # the baseline file, if one was used

    @property
    def new(self) -> tuple:
        return tuple(f for f in self.findings if f.is_new)

    @property
    def known(self) -> tuple:
        return tuple(f for f in self.findings if not f.is_new)

    def failing(self, fail_on: str = "soft") -> tuple:
        """New findings at level ``fail_on`` or graver: ``soft`` (the default) fails on every
        new conflict, ``hard`` only on hard ones (``warning`` and ``error`` are their old names)."""
        floor = LEVELS.index(fail_level(fail_on))
        return tuple(f for f in self.new if LEVELS.index(f.level) >= floor)


# --- what a conflict is made of ---------------------------------------------------------------

def conflict_pair(fact: Fact, published: Optional[dict] = None) -> tuple[Mention, Mention]:
    """The two statements of ``fact`` that contradict each other most (the pair its reason
    names; ``published`` maps source ids to publication dates, as the judge had them)."""
    return incompatible_pair(fact.mentions, published) or (fact.mentions[0], fact.mentions[-1])


def level(fact: Fact, pair: Optional[tuple] = None, published: Optional[dict] = None) -> str:
    """The conflict's level: the one the judge gave it (``Fact.level``), or for a fact made
    without one, ``hard`` when some clash of its statements is hard, else ``soft``."""
    if fact.level in LEVELS:
        return fact.level
    found = clashes(fact.mentions, published)
    return "soft" if found and all(c.level == "soft" for c in found) else "hard"


def values_fingerprint(fact: Fact) -> str:
    """The older identity of a finding without its sources' names (kept in the file so that
    baselines stay readable by earlier versions)."""
    return fingerprint(fact.kind, fact.subject, list(fact.mentions), with_sources=False)


def _measured_word(m: Mention) -> Optional[str]:
    if m.kind in ("role", "name"):
        return (m.person or "").casefold() or None
    if m.subject and not m.subject.startswith("≈"):
        return m.subject.casefold()
    if m.kind == "date" and m.event:
        return f"{m.event} ({m.predicate})" if m.predicate else m.event
    return m.predicate.casefold() if m.predicate else None


def measured_of(fact: Fact) -> tuple:
    """What ``fact`` measures, as the sorted words its statements give (the measured thing's
    lemma, the event for a figure that names none, the person for a title): an identity field."""
    return tuple(sorted({w for w in map(_measured_word, fact.mentions) if w}))


def incompatible_of(fact: Fact, published: Optional[dict] = None) -> tuple:
    """The sorted normalised values of ``fact`` that take part in some clash: an identity field.
    A value every other statement agrees with is not among them."""
    found = clashes(fact.mentions, published)
    return tuple(sorted({m.value_text() for c in found for m in (c.a, c.b)}))


def fact_key(fact: Fact) -> tuple:
    """What tells the facts of one report apart (two may share a fingerprint; none shares its
    first statement)."""
    first = fact.mentions[0]
    return (fact.id, first.source, first.start, first.end)


def values_of(fact: Fact) -> tuple:
    """((source, (value, ...)), ...), sorted: every value each source of ``fact`` gave."""
    by_source: dict[str, set] = defaultdict(set)
    for m in fact.mentions:
        by_source[m.source].add(m.value_text())
    return tuple((s, tuple(sorted(v))) for s, v in sorted(by_source.items()))


# --- comparing a run with a baseline ------------------------------------------------------------

def _matches(entry: Entry, kind: str, measured: tuple, incompatible: tuple, subject: str,
             fid: str, vfp: str) -> bool:
    """Whether ``entry`` is this finding (see the module's docstring)."""
    if entry.measured is None:  # an entry of an older file: its fingerprints, or kind, subject and values
        if entry.fingerprint == fid or (entry.values_fingerprint and entry.values_fingerprint == vfp):
            return True
        return (entry.kind == kind and entry.subject == subject and bool(incompatible)
                and set(incompatible) <= entry.value_set)
    return (entry.kind == kind and _same_thing(entry.measured, measured)
            and set(incompatible) <= entry.value_set)


def _same_thing(a: tuple, b: tuple) -> bool:
    return bool(set(a) & set(b)) if a and b else not a and not b


def _closeness(entry: Entry, measured: tuple, incompatible: tuple, values: tuple) -> tuple:
    """The tie-breaker between entries that match a finding alike: the same incompatible
    values, then the same statements from the same sources, then the same sources, then the
    same measured words."""
    sources = {s for s, _ in values}
    return (tuple(entry.incompatible) == incompatible, entry.values == values,
            len(sources & {s for s, _ in entry.values}), tuple(entry.measured or ()) == measured)


def compare(report: Report, baseline: Optional[Baseline]) -> Comparison:
    """Each conflict of ``report`` as new or known, and the baseline entries no longer found.
    Matching is one to one, on :data:`FIELDS_TO_COMPARE`; source names only break ties."""
    # One pass over the conflicts (a streamed report reads them from disk), keeping of each
    # only what the gate and the formats use: its pair, values and identity fields.
    conflicts = []
    published = {s.id: s.published for s in report.sources if getattr(s, "published", None)}
    for f in report.iter_conflicts():
        pair = conflict_pair(f, published)
        conflicts.append(dict(fact=dataclasses.replace(f, mentions=tuple(pair)), pair=pair,
                              level=level(f, pair, published), vfp=values_fingerprint(f),
                              values=values_of(f), key=fact_key(f), measured=measured_of(f),
                              incompatible=incompatible_of(f, published) or
                              tuple(sorted({m.value_text() for m in pair}))))
    entries = list(baseline.entries) if baseline else []
    unused = set(range(len(entries)))
    matched: dict[int, tuple[str, Entry]] = {}

    def best(c: dict, fits) -> Optional[int]:
        found = [k for k in sorted(unused) if fits(entries[k])]
        if not found:
            return None
        return max(found, key=lambda k: _closeness(entries[k], c["measured"], c["incompatible"], c["values"]))

    # the findings that fit an entry most closely choose first
    order = sorted(range(len(conflicts)), key=lambda i: -len(conflicts[i]["incompatible"]))
    for i in order:
        c = conflicts[i]
        k = best(c, lambda e: _matches(e, c["fact"].kind, c["measured"], c["incompatible"],
                                       c["fact"].subject, c["fact"].id, c["vfp"]))
        if k is not None:
            unused.discard(k)
            e = entries[k]
            same = e.values == c["values"] or e.fingerprint == c["fact"].id
            matched[i] = ("unchanged" if same else "updated", e)
    # a finding that grew a value no source gave before is new; the entry it grew from (same
    # kind and measured thing, every value that clashed then clashing still) is not fixed, and
    # its note carries over. A finding one of whose values changed is new, its entry fixed.
    for i, c in enumerate(conflicts):
        if i in matched:
            continue
        k = best(c, lambda e: (e.kind == c["fact"].kind
                               and (_same_thing(e.measured, c["measured"]) if e.measured is not None
                                    else e.subject == c["fact"].subject)
                               and bool(e.incompatible or e.value_set)
                               and set(e.incompatible or e.value_set) <= set(c["incompatible"])))
        if k is not None:
            unused.discard(k)
            matched[i] = ("new", entries[k])
    findings = []
    for i, c in enumerate(conflicts):
        state, entry = matched.get(i, ("new", None))
        findings.append(Finding(fact=c["fact"], state=state, level=c["level"], pair=c["pair"],
                                values_fingerprint=c["vfp"], note=entry.note if entry else None,
                                values=c["values"], key=c["key"], measured=c["measured"],
                                incompatible=c["incompatible"]))
    return Comparison(findings=tuple(findings), fixed=tuple(entries[k] for k in sorted(unused)),
                      baseline=baseline.path if baseline else None)


def from_report(report: Report, previous: Optional[Baseline] = None) -> Baseline:
    """The baseline that accepts every conflict of ``report``, keeping the notes ``previous``
    gave the same findings."""
    comparison = compare(report, previous)
    entries = [Entry(fingerprint=f.fact.id, values_fingerprint=f.values_fingerprint,
                     kind=f.fact.kind, subject=f.fact.subject, values=f.values,
                     reason=f.fact.reason, note=f.note, measured=f.measured,
                     incompatible=f.incompatible)
               for f in comparison.findings]
    return Baseline(entries=tuple(sorted(entries, key=_order)))


def _order(e: Entry) -> tuple:
    return (e.kind or "", tuple(e.measured or ()), tuple(e.incompatible), e.subject or "", e.fingerprint)


# --- the file ---------------------------------------------------------------------------------

def dumps(baseline: Baseline) -> str:
    """The baseline file's text: sorted, indented JSON."""
    data = {"version": VERSION, "findings": [e.to_dict() for e in sorted(baseline.entries, key=_order)]}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write(path: Union[str, os.PathLike], baseline: Baseline) -> None:
    """Write the baseline file whole, through a temporary file (never half-written)."""
    write_atomic(path, dumps(baseline))


def load(path: Union[str, os.PathLike]) -> Baseline:
    """Read a baseline file; BaselineError says what is wrong with it, and where."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (record one with --write-baseline {path})") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{path}: not a baseline: not UTF-8 text ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not a baseline: invalid JSON at line {exc.lineno} column {exc.colno}: "
                            f"{exc.msg}") from None
    return parse(data, str(path))


def parse(data, where: str = "baseline") -> Baseline:
    """A baseline from its decoded JSON; BaselineError names ``where`` and what is wrong."""
    def bad(reason: str) -> BaselineError:
        return BaselineError(f"{where}: not a baseline: {reason}")

    if not isinstance(data, dict):
        raise bad(f"expected a JSON object, found {type(data).__name__}")
    if data.get("version") != VERSION:
        raise bad(f"unsupported version {data.get('version')!r} (this factdiff reads version {VERSION})")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise bad('"findings" must be a list')
    entries = []
    for n, item in enumerate(findings):
        at = f"findings[{n}]"
        if not isinstance(item, dict):
            raise bad(f"{at} must be an object")
        if not isinstance(item.get("fingerprint"), str) or not item["fingerprint"]:
            raise bad(f'{at} has no "fingerprint" string')
        for key in ("values_fingerprint", "kind", "subject", "reason", "note"):
            if item.get(key) is not None and not isinstance(item[key], str):
                raise bad(f'{at}."{key}" must be a string')
        for key in ("measured", "incompatible"):
            if item.get(key) is not None and not (isinstance(item[key], list)
                                                  and all(isinstance(t, str) for t in item[key])):
                raise bad(f'{at}."{key}" must be a list of strings')
        values = item.get("values") or {}
        if not isinstance(values, dict) or not all(
                isinstance(v, list) and all(isinstance(t, str) for t in v) for v in values.values()):
            raise bad(f'{at}."values" must map each source to a list of strings')
        entries.append(Entry(
            fingerprint=item["fingerprint"],
            values_fingerprint=item.get("values_fingerprint"),
            kind=item.get("kind"),
            subject=item.get("subject"),
            values=tuple((s, tuple(v)) for s, v in sorted(values.items())),
            reason=item.get("reason"),
            note=item.get("note") or None,
            measured=tuple(sorted(item["measured"])) if item.get("measured") is not None else None,
            incompatible=tuple(sorted(item.get("incompatible") or ())),
        ))
    return Baseline(entries=tuple(entries), path=where)


__all__ = ["ALIASES", "Baseline", "BaselineError", "Comparison", "Entry", "FAIL_ON", "FIELDS_TO_COMPARE", "Finding",
           "LEVELS", "compare", "conflict_pair", "dumps", "fail_level", "from_report", "incompatible_of", "level",
           "load", "measured_of", "parse", "write"]
