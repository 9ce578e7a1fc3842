"""Where facts are born: text in, mentions out.

``extract(text, published=None)`` is a pure function: it reads every sentence, finds dates,
clock times and phone numbers first (so that their digits are never counted), then numeric
mentions (``quantities``), named roles (``roles``), and reads the context each figure needs
to be aligned later (``context``).
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import gc
import re
import math
from typing import Optional, Union

from .. import lexicon
from ..model import NUMERIC_KINDS, Mention, companion_key
from . import context as ctx
from . import datelines, dates, gate, quantities, roles
from .dates import find_dates, find_phones, find_times, shift_back
from .numbers import tables as number_tables
from .quantities import Blocked, Raw, apply_postfix, scan
from .roles import find_roles
from .tallies import find_tallies
from .text import Token, noise_spans, scan_for_unsafe, sentences, tokenize, tokens_of

from .names import find_names

__all__ = ["extract"]

# 2: names; 3: ordinals carry their context; 4: clause tense, datelines; 5: event of money;
# 6: a name ends at a possessive; 7: opening names, anniversaries, quoted and "more" counts;
# 8: spelled fractions, bounds, percentage points, a scale shared by a range's ends
# 9: "N more X" is an increment; 10: currency signs, country nouns and minor units; long
# number formats, dozen abbreviations, x10^ powers, "forty and two", "couple of", "and half";
# 11: "<country> $", bounds in either order, comparative or-equal phrases, "--" ranges, "degs C";
# 12: spaced SI prefixes, "a few" from three, dozens of decimals, no year after "in";
# 13: "<country> £/₽", lower-case dollar signs with letters, more currency names; 14: " / " units
# 16: the comparative grammar (exceed, surpass, negated bounds), "N year-old", "N below zero",
# vague amounts times scales, "one eleven"; 17: squares and cubes of every length unit, 1'234.5
# and 1,234·5, spaced MM
# 18: "lose" and "claim" need "lives" to be killings (predicate_objects.toml)
# 19: baisa, sente, ден, guaraní
# 21: "mar", "apr", "jun", "jul", "sep" are no entity, like the other month abbreviations
# 23: "<amount> grand" is thousands of dollars; "between the <n> and <n>"
# 32: set phrases of numbers ("24/7", "50/50", "nine-to-five") state no figure; 33: "50-50" too
EXTRACTOR_VERSION = "33"


def extract(text: str, published: Union[str, dt.date, None] = None, prefer: str = "past") -> list[Mention]:
    """All mentions in ``text``, in reading order. ``published`` (ISO date) resolves relative
    dates ("on Wednesday", "three months ago"); an underspecified one goes the way the tense
    of its clause says ("will reopen on Monday": the next Monday), and where the clause says
    nothing, the way of ``prefer``: "past" (news: "on Friday" is the last one) or "future"
    (schedules). A dateline ("PARIS, March 3 (Reuters) -") is the article's date: no mention."""
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published[:10])
        except ValueError:
            published = None
    # No collection of reference cycles while the mentions pile up: extraction makes none, and
    # the collector's full passes over every mention made so far grew faster than the text
    # (15% of the time of a 9 MB article). Restored as it was, whatever happens.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _extract(text, published, prefer)
    finally:
        if collecting:
            gc.enable()


def _extract(text: str, published: Optional[dt.date], prefer: str) -> list[Mention]:
    mentions: list[Mention] = []
    noise = _Noise(noise_spans(text))
    scan_for_unsafe(text)  # once, not once per sentence and pass
    for s, e in _bounded(text, sentences(text)):
        mentions.extend(find_names(text, s, e))
        finders = pairs = None
        if not gate.has_digit(text, s, e):
            if not _may_fire(gate.rough_words(text, s, e, _triggers()[4])):
                continue  # nothing any finder reads: not even tokenized (see ``gate``)
            words, toks, pairs = gate.words_of(text, s, e)
            finders = _finders(words, toks)
            if not any(finders):
                continue
        if not _number_run(text, s, e):
            mentions.extend(_sentence(text, s, e, published, noise, prefer, finders, pairs))
    return _opening_names(mentions)


_OPENING_WORD = re.compile(r"[\"“‘'(]?([A-Z][\w’'-]*)")
OPENING_REACH = 80  # characters: how far into its sentence a mention sees the opening word


def _opening_names(mentions: list[Mention]) -> list[Mention]:
    """A sentence's capitalised first word names someone when the text names them elsewhere
    ("Jeb Bush released ... Bush paid ..."): the mentions near it carry that name too (every
    sentence opens with a capital, so ``context.entities`` skips the first word)."""
    names = {w for m in mentions if m.kind == "name" for w in (m.person or "").split()}
    if not names:
        return mentions
    out = []
    for m in mentions:
        if m.kind != "name" and m.start - m.sentence_start <= OPENING_REACH:
            first = _OPENING_WORD.match(m.sentence)
            word = first.group(1).removesuffix("'s").removesuffix("’s") if first else None
            if first and word in names and first.end() <= m.start - m.sentence_start:
                m = m.with_sets(m.entities | {word.lower()[:5]}, m.companions)
        out.append(m)
    return out


@functools.lru_cache(maxsize=None)
def _triggers():
    """The triggers of dates, numeric mentions and roles, the words a title ends with, the
    single characters (no word) some trigger holds, and the three triggers as one (it fires
    where one of them fires: its words and rules are all of theirs)."""
    roles_words, roles_rules, title_ends = roles.triggers()
    parts = (dates.triggers(), quantities.triggers(), (roles_words, roles_rules))
    triggers = tuple(gate.Trigger(words, rules) for words, rules in parts)
    marks = {w for t in triggers for w in t.all_words() if len(w) == 1 and not w.isalpha()}
    anyone = gate.Trigger({w for words, _ in parts for w in words}, [r for _, rules in parts for r in rules])
    return (*triggers, title_ends, frozenset(marks), anyone)


def _may_fire(words: set) -> bool:
    """Whether any finder may read a sentence with these (``gate.rough_words``)."""
    return _triggers()[5].fires(words)


def _finders(words: set, toks: list) -> tuple[bool, bool, bool]:
    """For a sentence without a digit (its words and tokens from ``gate.words_of``): whether
    dates, numeric mentions and roles can be found in it."""
    date_words, scan_words, role_words, title_ends = _triggers()[:4]
    role = role_words.fires(words) and gate.role_shape(toks, title_ends)
    return date_words.fires(words), scan_words.fires(words), role


MAX_SENTENCE = 1000  # characters: a longer "sentence" (a table, a list, a run-on scrape) is cut


def _bounded(text: str, spans):
    """Sentence spans cut to at most ``MAX_SENTENCE`` characters, at a space where there is
    one: the work on a sentence grows faster than its length, so a megabyte-long line must not
    be one sentence."""
    for s, e in spans:
        while e - s > MAX_SENTENCE:
            cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
            cut = cut if cut > s else s + MAX_SENTENCE
            yield s, cut
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if s < e:
            yield s, e


_WORD_RE = re.compile(r"\w+")


def _number_run(text: str, s: int, e: int) -> bool:
    """A long stretch of figures and nothing else ("1, 2, 3, …", "twenty thousand and one
    hundred five million …"): a dump of numbers, whose figures have no words to say what they
    count. It is not read, so that such a line costs no more than prose."""
    if e - s < 200:
        return False
    words = _WORD_RE.findall(text, s, e)
    if len(words) < 40:
        return False
    spoken = _spoken()
    bound = 0.8 * len(words)
    others = 0  # the words that are no figure, counted until too many are for a run (prose)
    for w in words:
        if not (w[0].isdigit() or w.lower() in spoken):
            others += 1
            if len(words) - others <= bound:
                return False  # even if every word left were a figure
    return len(words) - others > bound


@functools.lru_cache(maxsize=None)
def _spoken() -> frozenset:
    n, _ = number_tables()
    return frozenset(n["units"].keys() | n["tens"].keys() | n["scales"].keys() | {"and", "a", "point", "minus"})


_RELATIVE_FRAME_RE = re.compile(r"\b(?:last|this|next|previous|past)\s+(?:year|month|week|quarter|decade)\b",
                               re.IGNORECASE)


def _may_name_period(sentence: str) -> bool:
    """Whether ``_RELATIVE_FRAME_RE`` may match: each match holds one of its periods, and every
    character the case-blind pattern takes for a letter of theirs (A-Z, the Kelvin sign for k)
    is that letter in ``str.lower()``. A few substring tests instead of the slow case-blind scan."""
    low = sentence.lower()
    return "year" in low or "month" in low or "week" in low or "quarter" in low or "decade" in low


class _Noise:
    """The noise spans of a text (sorted, not overlapping), looked up per sentence by bisection:
    the work per sentence is the spans it overlaps, not every span of the text (a text with a
    link in every paragraph made extraction quadratic)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.ends = [b for _, b in spans]
        self.looked = 0  # spans looked at, summed over all lookups (a test reads it)

    def within(self, s: int, e: int) -> list[tuple[int, int]]:
        out = []
        for k in range(bisect.bisect_right(self.ends, s), len(self.spans)):
            self.looked += 1
            a, b = self.spans[k]
            if a >= e:
                break
            out.append((a, b))
        return out


class _Sentence:
    """One sentence being read: its text and span, its tokens, and the token at an offset
    (the tokens' starts listed once, when first asked)."""

    __slots__ = ("text", "start", "sentence", "toks", "_starts")

    def __init__(self, text: str, s: int, e: int, toks: list[Token]):
        self.text, self.start, self.sentence, self.toks = text, s, text[s:e], toks
        self._starts: Optional[list[int]] = None

    def index(self, offset: int) -> int:
        """The index of the first token that starts at or after ``offset``."""
        if self._starts is None:
            self._starts = [t.start for t in self.toks]
        return bisect.bisect_left(self._starts, offset)



def _sentence(text: str, s: int, e: int, published: Optional[dt.date], noise, prefer: str = "past",
              finders: Optional[tuple[bool, bool, bool]] = None, pairs=None) -> list[Mention]:
    """The mentions of one sentence. ``finders`` (from ``_finders``, for a sentence without a
    digit): which of dates, numeric mentions and roles can be found at all; the others, and
    the finders that need a digit, are not run. ``pairs``: its ``token_pairs``, if read."""
    toks = tokens_of(pairs, s) if pairs is not None else tokenize(text, s, e)
    if not toks:
        return []
    sc = _Sentence(text, s, e, toks)
    dates, times, phones, tallies, numbers, roles_on = _finds(text, s, e, toks, published, prefer, finders)
    # "© 2025", "open 24/7": no date, no count, no tally
    furniture = datelines.furniture(text, s, e) + quantities.idiom_spans(text, s, e)
    if furniture:
        dates = [d for d in dates if not any(a <= d.start and d.end <= b for a, b in furniture)]
        tallies = [t for t in tallies if not any(a < toks[t.j - 1].end and toks[t.i].start < b for a, b in furniture)]
    blocked = Blocked([(d.start, d.end) for d in dates if not d.offset] + times + phones + furniture
                       + noise.within(s, e)
                       + [(toks[t.i].start, toks[t.j - 1].end) for t in tallies])
    raws = scan(toks, blocked) if numbers else []
    header = datelines.dateline_end(text, s, e, toks, dates, times)  # the article's date, no fact
    # the time frame of the counts: only read when there are some
    years = _frame(sc.sentence, dates, raws, header, published) if tallies or raws else ()
    out = _tally_mentions(sc, tallies, years)
    out += _raw_mentions(sc, raws, years, dates, published)
    out += _derived_ratios(toks, out, sc)
    out += _date_mentions(sc, dates, header)
    if roles_on:
        out += _role_mentions(sc)
    out.sort(key=lambda m: (m.start, m.end))
    return _with_companions(out)


def _with_companions(out: list[Mention]) -> list[Mention]:
    """Each numeric mention with the ``companion_key`` of the sentence's other uncommon figures."""
    keys = [(m, companion_key(m)) for m in out]
    if sum(k is not None for _, k in keys) == 0:
        return out
    told = []
    for m, own in keys:
        if m.kind in NUMERIC_KINDS:
            others = frozenset(k for o, k in keys if k is not None and o is not m and k != own)
            if others:
                m = m.with_sets(m.entities, others)
        told.append(m)
    return told


def _finds(text: str, s: int, e: int, toks: list[Token], published: Optional[dt.date], prefer: str,
           finders: Optional[tuple[bool, bool, bool]]) -> tuple[list, list, list, list, bool, bool]:
    """(dates, clock times, phone numbers, tallies, whether to scan for numeric mentions,
    whether to look for roles) of a sentence; ``finders`` as for ``_sentence``."""
    if finders is None:
        roles_on = _triggers()[2].fires({t.lower for t in toks})  # a title (digits are no help)
        return (find_dates(text, s, e, published, prefer, toks), find_times(text, s, e), find_phones(text, s, e),
                find_tallies(toks), True, roles_on)
    dates_on, numbers, roles_on = finders
    found = find_dates(text, s, e, published, prefer, toks) if dates_on else []
    return found, [], [], [], numbers, roles_on  # times, phones and tallies each need a digit


def _frame(sentence: str, dates: list, raws: list[Raw], header: int, published: Optional[dt.date]) -> tuple:
    """The years a sentence's counts are of: its dates after any dateline, and the years it
    names as such ("the 2016 election cycle")."""
    years = {d.iso[:4] for d in dates if d.iso and d.iso[:1].isdigit() and d.end > header}
    years |= {f"{int(r.low):04d}" for r in raws if r.kind == "year"}
    if published is None and _may_name_period(sentence):
        # "last year" with no date to resolve it against is still a time frame of its own
        years |= {"~" + m.group(0).lower() for m in _RELATIVE_FRAME_RE.finditer(sentence)}
    return tuple(sorted(years))


def _tally_mentions(sc: _Sentence, tallies: list, years: tuple) -> list[Mention]:
    """Vote tallies: two counts each."""
    toks = sc.toks
    out = []
    for t in tallies:
        for k, value, side in ((t.i, t.yes, "in favour"), (t.j - 1, t.no, "against")):
            tok = toks[k]
            out.append(Mention(
                sentence=sc.sentence, sentence_start=sc.start,
                start=tok.start, end=tok.end, text=tok.text, kind="count", low=value, high=value,
                subject=f"votes {side}", subject_text=f"votes {side}", predicate="vote",
                frame=years, context=ctx.context_bag(toks, t.i, t.j), entities=ctx.entities(toks, t.i, t.j)))
    return out


def _raw_mentions(sc: _Sentence, raws: list[Raw], years: tuple, dates: list,
                  published: Optional[dt.date]) -> list[Mention]:
    """The numeric mentions of the figures ``scan`` read, and the date each "ago" names."""
    toks = sc.toks
    out: list[Mention] = []
    for raw in raws:
        if raw.kind in ("year", "decade"):
            out.append(_year_mention(sc, raw))
            continue
        apply_postfix(toks, raw)
        m = _numeric_mention(sc, raw, years)
        if m is None:
            continue
        out.append(m)
        if raw.ago and published is not None and raw.unit and \
                not any(d.offset and d.start <= m.start < d.end for d in dates):
            iso = shift_back(published, raw.low, raw.unit)
            if iso:
                out.append(_date_mention(sc, m.start, m.end, iso, subject=m.subject, predicate=m.predicate,
                                         event=None))
    return out


def _year_mention(sc: _Sentence, raw: Raw) -> Mention:
    """A year used as a name ("the 2016 election cycle") or a decade ("the 1990s"): a date of
    the thing it names (a decade's last digit unknown: "199X"), never a count."""
    toks = sc.toks
    i, j = raw.i, raw.num_j
    iso = f"{int(raw.low):04d}" if raw.kind == "year" else f"{int(raw.low) // 10:03d}X"
    return _date_mention(sc, toks[i].start, toks[j - 1].end, iso,
                         subject=ctx.nearest_known_noun(toks, i, j, left=15, right=4),
                         predicate=ctx.find_predicate(toks, i, j, subject_position=False),
                         event=ctx.date_event(toks, i, j))


def _date_mentions(sc: _Sentence, dates: list, header: int) -> list[Mention]:
    """The mentions of the dates of a sentence, but those of its dateline (before ``header``)."""
    toks = sc.toks
    out = []
    for d in dates:
        if d.iso is None or d.end <= header:
            continue
        i, j = sc.index(d.start), sc.index(d.end)
        event = ctx.date_event(toks, i, j)
        subject = ctx.nearest_known_noun(toks, i, j, left=15, right=4)
        predicate = ctx.find_predicate(toks, i, j, subject_position=False)
        out.append(_date_mention(sc, d.start, d.end, d.iso, subject=subject, predicate=predicate, event=event))
    return out


def _role_mentions(sc: _Sentence) -> list[Mention]:
    toks = sc.toks
    out = []
    for r in find_roles(toks):
        start, end = toks[r.i].start, toks[r.j - 1].end
        role = (f"{r.rank} " if r.rank else "") + r.title + (f", {r.org}" if r.org else "")
        out.append(Mention(sentence=sc.sentence, sentence_start=sc.start,
                           start=start, end=end, text=sc.text[start:end], kind="role", role=role,
                           person=r.person, subject=f"{r.person_key}:{r.title}",
                           scope="past" if r.past else None,
                           context=frozenset(w.lower() for w in r.org.replace("'s", "").split()),
                           signature=ctx.signature(toks, r.i, r.j)))  # "_ opened the new": as for figures
    return out


def _date_mention(sc: _Sentence, start: int, end: int, iso: str, subject, predicate, event) -> Mention:
    toks = sc.toks
    i, j = sc.index(start), sc.index(end)
    return Mention(sentence=sc.sentence, sentence_start=sc.start,
                   start=start, end=end, text=sc.text[start:end], kind="date", date=iso,
                   subject=subject, predicate=predicate, event=event,
                   context=ctx.context_bag(toks, i, j), entities=ctx.entities(toks, i, j),
                   signature=ctx.signature(toks, i, j))


def _numeric_mention(sc: _Sentence, raw: Raw, years: tuple) -> Optional[Mention]:
    toks = sc.toks
    subject, subject_text = _subject(toks, raw)
    start, end = toks[raw.i].start, toks[raw.j - 1].end
    if raw.kind == "ordinal":  # "the 42nd floor", "an eighth term": a rank, compared as such
        return Mention(sentence=sc.sentence, sentence_start=sc.start,
                       start=start, end=end, text=sc.text[start:end], kind="ordinal", low=raw.low,
                       high=raw.high, subject=subject, subject_text=subject_text,
                       predicate=ctx.find_predicate(toks, raw.i, raw.j), frame=years,
                       context=ctx.context_bag(toks, raw.i, raw.j),
                       entities=ctx.entities(toks, raw.i, raw.j),
                       signature=ctx.signature(toks, raw.i, raw.j))
    predicate = ctx.find_predicate(toks, raw.i, raw.j, subject_position=raw.kind != "duration")
    predicate = lexicon.predicate_for_kind(raw.kind, predicate)
    return Mention(
        sentence=sc.sentence, sentence_start=sc.start,
        start=start, end=end, text=sc.text[start:end], kind=raw.kind, low=raw.low, high=raw.high,
        low_inclusive=raw.low_inclusive, high_inclusive=raw.high_inclusive, unit=raw.unit,
        approximate=raw.approximate, qualifier=raw.qualifier, subject=subject,
        subject_text=subject_text, predicate=predicate, scope=_scope(toks, raw),
        frame=years, context=ctx.context_bag(toks, raw.i, raw.j), entities=ctx.entities(toks, raw.i, raw.j),
        signature=ctx.signature(toks, raw.i, raw.j), factor=raw.factor, dimension=raw.dimension,
        tolerance=raw.tolerance,
    )


def _scope(toks: list[Token], raw: Raw) -> Optional[str]:
    """``context.scope_of``; else "size" for a count that describes what follows it ("the
    25-member union", "a 28-page report"): the size of a whole, not a count of some of its parts."""
    scope = ctx.scope_of(toks, raw.i, raw.j)
    if scope is None and raw.kind == "count" and raw.modifies is not None:
        return "size"
    return scope


def _subject(toks: list[Token], raw: Raw) -> tuple[Optional[str], Optional[str]]:
    """The measured thing, as a class and as written."""
    if raw.subject:
        return raw.subject, raw.subject
    if raw.kind == "ratio" and raw.head is not None:
        num = ctx.lemma_class(toks, raw.head)
        per = raw.extra.get("per")
        if per is not None:
            return f"{num} per {ctx.lemma_class(toks, per)}", f"{raw.head_text} for every {raw.extra.get('per_text')}"
        return f"share of {num}", raw.head_text
    if raw.head is not None:
        cls = ctx.lemma_class(toks, raw.head)
        if raw.modifies is not None:
            mod = ctx.lemma_class(toks, raw.modifies)
            return f"{cls} of {mod}", f"{raw.head_text} ({toks[raw.modifies].text})"
        return cls, raw.head_text
    if raw.modifies is not None:
        mod = ctx.lemma_class(toks, raw.modifies)
        return mod, toks[raw.modifies].text
    k = ctx.noun_after_of(toks, raw.j)
    if k is not None:
        return ctx.lemma_class(toks, k), toks[k].text
    if raw.kind in ("money", "percent", "quantity") and raw.j < len(toks) and toks[raw.j].is_word \
            and raw.j + 1 <= len(toks):
        # "a $4.69 billion verdict"
        nxt = toks[raw.j]
        if nxt.lower not in lexicon.stopwords() and nxt.lower not in lexicon.predicate_index() \
                and not nxt.text[0].isupper():
            return ctx.lemma_class(toks, raw.j), nxt.text
    if raw.kind in ("percent", "money"):
        # "the unemployment rate had fallen to 5.8%": the noun phrase the figure is a value of
        phrase = ctx.left_noun_phrase(toks, raw.i)
        if phrase:
            return phrase
    if raw.kind != "count":
        known = ctx.nearest_known_noun(toks, raw.i, raw.j)
        if known:
            return known, known
    return None, None


def _derived_ratios(toks: list[Token], mentions: list[Mention], sc: _Sentence) -> list[Mention]:
    """"200 civilians killed compared to a dozen fighters": a ratio of 16.7 civilians per
    fighter, to check against a stated ratio. Only counts joined by a comparison word."""
    counts = [m for m in mentions if m.kind == "count" and m.subject and not m.derived]
    out = []
    for a, b in zip(counts, counts[1:]):
        between = [t.lower for t in toks if a.end <= t.start < b.start]
        if not any(w in ("compared", "versus", "vs", "against") for w in between) or len(between) > 8:
            continue
        if a.low is None or not b.low or b.low <= 0 or a.subject == b.subject:
            continue
        lo = a.low / (b.high if b.high not in (None, math.inf) else b.low)
        hi = a.high / b.low if a.high not in (None, math.inf) else math.inf
        out.append(Mention(
            sentence=sc.sentence, sentence_start=sc.start,
            start=a.start, end=b.end, text=sc.text[a.start:b.end],
            kind="ratio", low=lo, high=hi, low_inclusive=a.low_inclusive, high_inclusive=a.high_inclusive,
            unit="ratio", approximate=True, qualifier=a.qualifier, subject=f"{a.subject} per {b.subject}",
            subject_text=f"{a.subject_text} per {b.subject_text}", predicate=a.predicate, derived=True,
            tolerance=0.1, context=a.context | b.context, dimension="ratio"))
    return out
