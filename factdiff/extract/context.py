"""What a figure is about: the measured thing, the event, the scope and the time frame.

These are read from the words around a mention and are what the alignment stage keys on.
"""
from __future__ import annotations

import functools
from typing import Optional

from .. import lexicon
from .text import Token

_CLAUSE_STOPS = {";", ":", "—", "–", "(", ")"}
_DETERMINERS = ("the", "their", "its", "his", "her", "these", "those", "a", "an")


@functools.lru_cache(maxsize=None)
def _scope_phrases():
    s = lexicon.load("scope")
    return ([tuple(p.split()) for p in s["part_before"]], [tuple(p.split()) for p in s["part_after"]],
            [tuple(p.split()) for p in s["whole"]], [tuple(p.split()) for p in s["rate_after"]],
            frozenset(s["past_modifiers"]), [tuple(p.split()) for p in s["change_before"]],
            frozenset(s["offset_after"]), frozenset(s["change_after"]))


def lemma_class(toks: list[Token], k: int) -> Optional[str]:
    """The class of the noun at ``k``, trying the two-word compound first ("air strikes")."""
    syn = lexicon.synonym_index()
    word = lexicon.singular(toks[k].text)
    if k > 0 and toks[k - 1].is_word:
        compound = f"{toks[k - 1].lower} {word}"
        if compound in syn:
            return syn[compound]
    return syn.get(word, word)


def known_noun(toks: list[Token], k: int) -> Optional[str]:
    """The class of the word at ``k`` if the synonym lexicon knows it (not for names:
    "the House" is not a house)."""
    if not toks[k].is_word or (k > 0 and toks[k].text[0].isupper()):
        return None
    syn = lexicon.synonym_index()
    word = lexicon.singular(toks[k].text)
    if k + 1 < len(toks) and toks[k + 1].is_word:
        compound = f"{word} {lexicon.singular(toks[k + 1].text)}"
        if compound in syn:
            return syn[compound]
    return syn.get(word)


def nearest_known_noun(toks: list[Token], i: int, j: int, left: int = 8, right: int = 5) -> Optional[str]:
    """The closest word to tokens [i, j) that the synonym lexicon knows, left side first on ties."""
    for dist in range(1, max(left, right) + 1):
        for k in ((i - dist) if dist <= left else None, (j - 1 + dist) if dist <= right else None):
            if k is None or k < 0 or k >= len(toks):
                continue
            if toks[k].text in _CLAUSE_STOPS:
                continue
            cls = known_noun(toks, k)
            if cls:
                return cls
    return None


def noun_after_of(toks: list[Token], j: int) -> Optional[int]:
    """"three months of Russian air raids" -> index of "raids"; "15% of voters" -> "voters"."""
    if j >= len(toks) or toks[j].lower not in ("of", "in"):
        return None
    k = j + 1
    while k < len(toks) and toks[k].lower in _DETERMINERS:
        k += 1
    last = None
    stop = lexicon.stopwords()
    while k < len(toks) and toks[k].is_word and toks[k].lower not in stop and k < j + 6:
        last = k
        if lexicon.looks_plural(toks[k].text):
            break
        k += 1
    return last


def left_noun_phrase(toks: list[Token], i: int) -> Optional[tuple[str, str]]:
    """(class, words) of the noun phrase a figure is the value of, read leftwards over verbs,
    auxiliaries and prepositions: "the unemployment rate had fallen to 5.8%" -> "unemployment
    rate"; "Inflation rose 2%" -> "inflation"; "the firm will pay a record $57 million" ->
    "firm" (a word between an article and the figure describes the figure). Stops at another
    figure or a clause break."""
    stop = lexicon.stopwords()
    preds = lexicon.predicate_index()
    k = i - 1
    while k >= 0 and i - k <= 7:
        t = toks[k]
        if t.is_digit or t.text in _CLAUSE_STOPS or t.text in (",", ".", "%", "$"):
            return None
        w = t.lower
        if not t.is_word or w in stop or w in preds or w.endswith(("ed", "ing", "ly")) \
                or (k > 0 and t.text[0].isupper()):
            k -= 1
            continue
        if k == i - 1 and k > 0 and toks[k - 1].lower in ("a", "an"):
            k -= 2  # "a record $57 million", "a massive 40%": a word that describes the figure
            continue
        head = k
        words = [lexicon.singular(w)]
        m = head - 1
        while m >= 0 and len(words) < 3 and toks[m].is_word and toks[m].lower not in stop \
                and toks[m].lower not in preds and not toks[m].text[0].isupper() \
                and not toks[m].lower.endswith(("ed", "ing", "ly", "est")):
            words.insert(0, toks[m].lower)
            m -= 1
        # the most specific phrase the synonyms know ("national unemployment rate" ->
        # "unemployment rate"), else the whole compound ("income tax rate" is not
        # "business tax rate")
        syn = lexicon.synonym_index()
        cls = next((syn[" ".join(words[n:])] for n in range(len(words)) if " ".join(words[n:]) in syn),
                   " ".join(words))
        return cls, " ".join(x.text for x in toks[head - len(words) + 1:head + 1])
    return None


def find_predicate(toks: list[Token], i: int, j: int, subject_position: bool = True) -> Optional[str]:
    """The event a figure belongs to: "killed 200 civilians", "200 civilians were killed",
    "analyses of 25 strikes". Reporting verbs ("said", "claims") are skipped.

    A figure followed by an auxiliary chain is the subject of what follows ("250,000 people
    are believed to have been killed"); otherwise the nearest event word on its left wins,
    then a participle right after it ("200 civilians killed")."""
    preds = lexicon.predicate_index()
    objects = lexicon.predicate_objects()
    aux = lexicon.auxiliaries()
    reporting = lexicon.reporting_forms()

    def at(k: int) -> Optional[str]:
        w = toks[k].lower
        pair = f"{w} {toks[k + 1].lower}" if k + 1 < len(toks) else ""
        if pair in preds:
            return preds[pair]
        if w in preds and w not in reporting:
            needs = objects.get(w)
            if needs is not None and not any(t.lower in needs for t in toks[k + 1:k + 6]):
                return None  # "lost power": not a killing
            return preds[w]
        return None

    k = j
    hops = 0
    while k < len(toks) and hops < 6 and (toks[k].lower in aux or toks[k].lower.endswith("ly")):
        k += 1
        hops += 1
    if subject_position and hops and k < len(toks) and at(k):
        return at(k)
    for k in range(i - 1, max(-1, i - 8), -1):
        if toks[k].text in _CLAUSE_STOPS:
            break
        found = at(k)
        if found:
            return found
    if j < len(toks) and toks[j].lower.endswith(("ed", "en")) and at(j):
        return at(j)
    return None


def scope_of(toks: list[Token], i: int, j: int) -> Optional[str]:
    """"part" when the sentence marks the figure as one piece of something larger, "rate"
    when it is per day/year/head, "change" for "by 65,000" after a verb of change, "past"
    for an earlier level or another time, "offset" for "two months later", "whole" when it is
    called a total."""
    before, after, whole, rate, past, change, offset, more = _scope_index()
    words = _words(toks)
    if j < len(words) and words[j] in offset and _is_duration(toks, i, j):
        return "offset"
    # "the original 12 members", "12 original members": another time
    if any(w in past for w in words[max(0, i - 2):j]):
        return "past"
    # "fell to 5.8% from 6.1%": the figure after "from" is the earlier level
    if i > 0 and words[i - 1] == "from" and _changes(toks, i - 1, reach=6):
        return "past"
    for k in range(max(0, i - 3), i):
        p = _phrase_at(words, k, change) if words[k] in change else None
        if p and k + len(p) == i and (p != ("by",) or _changes(toks, i - 1)):
            return "change"
    if _increment(toks, words, i, more):
        return "change"
    # (a word no phrase starts with is passed without a call: most words)
    if any(words[k] in rate and _phrase_at(words, k, rate) for k in range(j, min(len(words), j + 3))):
        return "rate"
    if _first_part_end(words) <= i:
        return "part"
    if any(words[k] in after and _phrase_at(words, k, after) for k in range(j, min(len(words), j + 4))):
        return "part"
    if any(words[k] in whole and _phrase_at(words, k, whole) for k in range(max(0, i - 6), min(len(words), j + 6))):
        return "whole"
    return None


_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion"})
# Words of a bound or an approximation that may open a figure's mention ("more than 4 more").
_LEADING = frozenset({"more", "less", "fewer", "than", "at", "least", "most", "over", "under", "nearly",
                      "exactly", "almost", "about", "around", "some", "up", "to", "roughly", "approximately"})


def _increment(toks: list[Token], words: tuple, i: int, more: frozenset) -> bool:
    """"two more bombs", "two additional packages", "35 million more Americans": the word right
    after the number says the figure is added to another (not "25 more than": a comparison)."""
    while i + 1 < len(words) and words[i] in _LEADING and not toks[i].is_digit:
        i += 1  # "more than 4 more women": from the number
    k = i + 1 + (i + 1 < len(words) and words[i + 1] in _SCALES)
    return k + 1 < len(words) and words[k] in more and words[k + 1] != "than" and toks[k + 1].is_word


@functools.lru_cache(maxsize=None)
def _scope_index():
    """The scope lexicon with every phrase list indexed by its first word."""
    before, after, whole, rate, past, change, offset, more = _scope_phrases()

    def index(phrases):
        out: dict[str, list[tuple]] = {}
        for p in sorted(phrases, key=len, reverse=True):
            out.setdefault(p[0], []).append(p)
        return out

    return index(before), index(after), index(whole), index(rate), past, index(change), offset, more


def _phrase_at(words: tuple, k: int, index: dict) -> Optional[tuple]:
    """The longest phrase of ``index`` that starts at word ``k``."""
    for p in index.get(words[k], ()):
        if words[k:k + len(p)] == p:
            return p
    return None


_LAST_WORDS: tuple = (None, ())


def _words(toks: list[Token]) -> tuple:
    """The lower-cased words of a sentence, computed once for all its figures (the pair is
    replaced in one assignment, so threads never see one sentence's list with another's words)."""
    global _LAST_WORDS
    last = _LAST_WORDS
    if last[0] is toks:
        return last[1]
    words = tuple(t.lower for t in toks)
    _LAST_WORDS = (toks, words)
    return words


@functools.lru_cache(maxsize=8)
def _first_part_end(words: tuple) -> float:
    """Where the first "part" phrase of a sentence ("in one of") ends, or infinity: found once
    per sentence rather than once per figure, so a sentence of many figures costs linear time."""
    index = _scope_index()[0]
    for k in range(len(words)):
        p = _phrase_at(words, k, index)
        if p:
            return k + len(p)
    return float("inf")


def _is_duration(toks: list[Token], i: int, j: int) -> bool:
    return toks[j - 1].lower.rstrip("s") in ("second", "minute", "hour", "day", "week", "month",
                                              "year", "decade", "century") \
        or toks[j].lower in lexicon.ANNIVERSARIES


def _changes(toks: list[Token], k: int, reach: int = 4) -> bool:
    """Is there a verb of change ("rose", "cut", "increased") just before position ``k``?"""
    preds = lexicon.predicate_index()
    for m in range(k - 1, max(-1, k - 1 - reach), -1):
        if preds.get(toks[m].lower) in ("rise", "fall", "cut", "add", "raise", "spend"):
            return True
    return False


def context_bag(toks: list[Token], i: int, j: int, width: int = 10) -> frozenset:
    """Content words around a mention, as classes, for judging whether two mentions speak of
    the same event."""
    global _BAG_STATE
    stop = lexicon.stopwords()
    preds = lexicon.predicate_index()
    syn = lexicon.synonym_index()
    state = _BAG_STATE
    if state[0] is not stop or state[1] is not preds or state[2] is not syn:  # lexicons changed
        state = _BAG_STATE = (stop, preds, syn, {})
    memo = state[3]
    if len(memo) > 100_000:
        memo.clear()
    bag = set()
    for lo, hi in ((max(0, i - width), i), (j, min(len(toks), j + width))):  # the words before, after
        for k in range(lo, hi):
            t = toks[k]
            item = memo.get(t.text, _NOTHING)
            if item is _NOTHING:
                item = memo[t.text] = _bag_item(t, stop, preds, syn)
            if item is not None:
                bag.add(item)
    return frozenset(bag)


_NOTHING = object()
# (stopwords, predicate index, synonym index, token text -> what it adds to a bag): the
# class of a word is looked up once per word, while the lexicons it came from are current
_BAG_STATE: tuple[Optional[frozenset], Optional[dict[str, str]], Optional[dict[str, str]], dict[str, object]] = \
    (None, None, None, {})


def _bag_item(t: Token, stop, preds, syn) -> Optional[str]:
    """What the token adds to a context bag: its event class ("@kill"), its class, or nothing."""
    if not t.is_word or len(t.text) < 3:
        return None
    w = t.lower
    if w in stop:
        return None
    if w in preds:
        return "@" + preds[w]
    lem = lexicon.singular(w)
    return syn.get(lem, lem)


_NOT_ENTITIES = frozenset({*lexicon.MONTHS, *lexicon.WEEKDAYS, *lexicon.MONTH_ABBREVIATIONS,
                           "mr", "mrs", "ms", "dr"})


def entities(toks: list[Token], i: int, j: int, width: int = 12) -> frozenset:
    """Names near a figure ("Beirut", "Benghazi", "Russian"), cut to five letters so that
    "Russia" and "Russian" meet. Two figures whose sentences name places or people and share
    none of them are about different events."""
    global _ENTITY_STATE
    stop = lexicon.stopwords()
    state = _ENTITY_STATE
    if state[0] is not stop:
        state = _ENTITY_STATE = (stop, {})
    memo = state[1]
    if len(memo) > 100_000:
        memo.clear()
    out: set[object] = set()
    for k in range(max(0, i - width), min(len(toks), j + width)):
        t = toks[k]
        if k == 0 or (k == 1 and toks[0].text in ("\"", "“", "‘", "'", "(")):
            continue  # every sentence opens with a capital: "Rescuers", "Officials" are no names
        if len(t.text) == 1 and t.text.isupper() and k + 2 < len(toks) and toks[k + 1].text == "." \
                and len(toks[k + 2].text) == 1 and toks[k + 2].text.isupper():
            out.add((t.text + toks[k + 2].text).lower())  # "U.S.", "U.N."
            continue
        name = memo.get(t.text, _NOTHING)
        if name is _NOTHING:
            name = memo[t.text] = _entity(t, stop)
        if name is not None:
            out.add(name)
    return frozenset(out)


# (stopwords, token text -> its entity or None), as _BAG_STATE
_ENTITY_STATE: tuple[Optional[frozenset], dict[str, object]] = (None, {})


def _entity(t: Token, stop) -> Optional[str]:
    if not t.is_word or not t.text[0].isupper() or len(t.text) < 3:
        return None
    w = t.lower.removesuffix("'s").removesuffix("’s")
    if w in stop or w in _NOT_ENTITIES:
        return None
    return w[:5]


def signature(toks: list[Token], i: int, j: int) -> str:
    """The exact words on both sides of a figure: two texts that differ only in the figure
    share it."""
    left = [t.lower for t in toks[max(0, i - 4):i]]
    right = [t.lower for t in toks[j:j + 3]]
    return " ".join(left) + " _ " + " ".join(right)


def date_event(toks: list[Token], i: int, j: int) -> Optional[str]:
    """"start" for "since 30 September", "began on 30 September", "between 30 September and";
    "end" for "until", "and 29 November" after "between"."""
    preds = lexicon.predicate_index()
    words = [t.lower for t in toks]
    for k in range(i - 1, max(-1, i - 3), -1):
        if words[k] in ("since", "from"):
            return "start"
        if words[k] in ("until", "till", "through"):
            return "end"
        if words[k] == "between":
            return "start"
        if words[k] == "and" and any(w == "between" for w in words[max(0, k - 8):k]):
            return "end"
    for k in range(i - 1, max(-1, i - 8), -1):
        if toks[k].text in _CLAUSE_STOPS:
            break
        cls = preds.get(words[k])
        if cls in ("start", "end"):
            return cls
    return None
