"""Names: the people, places, organisations and titled things a text names ("Great Ormond
Street Hospital", "Sen. Chuck Schumer", "in Aventura, Fla.", "the Justice Against Sponsors of
Terrorism Act").

A name is a run of capitalised words (joined by "of", "for", "and", "&", "the", "de", "al"),
less the titles and honorifics before it ("Sen.", "Former Rep.", "President") and a possessive
after it. What is not read as a name:

* a single word that opens a sentence ("Rescuers pulled...", "Officials said..."): English
  capitalises every first word, so it says nothing;
* a single word elsewhere, unless it follows a preposition of place ("in Lahore", "from
  Youngstown") or is an acronym of three or more capitals ("CNN", "JASTA");
* months, weekdays, function words, and a run that is the whole of an all-capitals headline.

US state abbreviations (AP style and postal, "Calif.", "N.Y.", "Fla.") read as the state. The
word lists are data: ``lexicons/names.toml``.
"""
from __future__ import annotations

import functools
import unicodedata
from typing import Optional

import regex

from .. import lexicon
from ..model import Mention

_WORD = r"(?:[A-Z][\p{L}\p{M}]*(?:[-'’.][\p{L}\p{M}]+)*\.?|[A-Z]\.(?:[A-Z]\.)+|[A-Z]&[A-Z])"
_JOIN = r"(?:of|for|and|&|the|de|del|da|van|von|al|bin|le|la)"
_SP = r"(?:[ \t]+|[ \t]*\r?\n[ \t]*)"  # a space, or one line break of wrapped text
_NAME_RE = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d'’-])({_WORD}(?:{_SP}(?:{_JOIN}{_SP})*{_WORD})*)")

_NOT_UPPER = regex.compile(r"[^\p{Lu}]+")
_NOT_LOWER = regex.compile(r"[^\p{Ll}]+")
# "(D-Calif.)", "R-Texas", "(R-IN)": a party and a state after a politician's name
_AFFILIATION_RE = regex.compile(r"(?<![\p{L}])[DRI]-((?:[A-Z][a-z]*\.?)(?:[ ]?[A-Z][a-z]*\.?)?|[A-Z]{2})(?![\p{L}])")


@functools.lru_cache(maxsize=None)
def _words() -> dict:
    """``lexicons/names.toml``: honorifics, words that are no name, place prepositions, states."""
    d = lexicon.load("names")
    calendar = (*lexicon.MONTHS, *lexicon.WEEKDAYS, *lexicon.MONTH_ABBREVIATIONS)
    return {"honorifics": frozenset(d["honorifics"]), "not_names": frozenset((*d["not_names"], *calendar)),
            "place_prepositions": frozenset(d["place_prepositions"]), "states": d["states"]}


@functools.lru_cache(maxsize=None)
def _titles() -> frozenset:
    t = lexicon.load("titles")
    words = set()
    for phrase in t["titles"] + t["modifiers"] + t["past"]:
        words.update(phrase.split())
    return frozenset(words)


@functools.lru_cache(maxsize=65536)
def key(name: str) -> str:
    """What two spellings of one name share: lower case, no accents, no dots or possessive."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("’", "'").removesuffix("'s").replace(".", "")
    return " ".join(s.replace("-", " ").split())


def state(abbrev: str) -> Optional[str]:
    """"Calif." -> "California", "N.Y." -> "New York"; None if it names no state."""
    states = _words()["states"]
    k = abbrev.lower().rstrip(".").replace(" ", "")
    return states.get(k) or states.get(k.replace(".", ""))


def _clean(words: list[str], at_start: bool, prev: str) -> Optional[list[str]]:
    stop = lexicon.stopwords()
    titles = _titles()
    words_of = _words()
    honorifics, not_names = words_of["honorifics"], words_of["not_names"]
    # titles and honorifics before the name
    while words and (words[0].lower().rstrip(".") in honorifics or words[0].lower().rstrip(".") in titles
                     or words[0].lower() in ("the", "a", "an")):
        words = words[1:]
        at_start = False
        prev = ""
    while words and words[-1].lower() in ("of", "for", "and", "&", "the", "de", "al"):
        words = words[:-1]
    if not words:
        return None
    if words[0].lower().rstrip(".") in stop and len(words) == 1:
        return None
    if len(words) <= 2 and any(w.lower().rstrip(".").removesuffix("'s").removesuffix("’s") in not_names
                               for w in words):
        return None
    if len(words) == 1:
        w = words[0].rstrip(".")
        if at_start:
            return None
        acronym = len(w) >= 3 and w.isupper() and w.isalpha()
        if not acronym and prev not in words_of["place_prepositions"]:
            return None
        if w.lower() in stop or len(w) < 3:
            return None
    return words


_INITIAL_END_RE = regex.compile(r"(?:^|[ .])[A-Z]\.$")  # "John F." keeps the dot of its initial
_OPENERS = frozenset(" \t\n\"“‘'(—–-")  # what may stand before a sentence's first word


def _at_start(text: str, s: int, a: int) -> bool:
    """Whether the word at ``a`` opens the sentence that starts at ``s``: only quotes, brackets
    and dashes before it, or a sentence mark as the last character before it. Read backwards
    from ``a`` (the characters between, not the whole sentence before, once per name)."""
    k = a
    while k > s and text[k - 1] in _OPENERS:
        k -= 1
    if k == s:
        return True
    k = a
    while k > s and text[k - 1].isspace():
        k -= 1
    return k == s or text[k - 1] in ".!?:"


def _previous_word(text: str, s: int, a: int) -> str:
    """The word before the one at ``a`` (within 20 characters, in the sentence from ``s``),
    in lower case, without an opening bracket or quote."""
    prev_words = text[max(s, a - 20):a].rsplit(None, 1)  # the last word as split() reads it
    return prev_words[-1].lower().strip("(\"“‘'") if prev_words else ""


_ASCII_LOWER = b"abcdefghijklmnopqrstuvwxyz"


def _all_capitals(sentence: str) -> bool:
    """An all-capitals line: every word is capitalised, so no run of capitals is a name."""
    ascii_ = sentence.encode("ascii", "ignore")
    if 2.5 * (len(ascii_) - len(ascii_.translate(None, _ASCII_LOWER))) >= len(sentence):
        # a to z are lower-case letters, and no character is both upper and lower case: with
        # this many, the upper-case letters cannot outnumber the lower-case 1.5 to 1 (below)
        return False
    upper = len(_NOT_UPPER.sub("", sentence))
    return upper > 8 and upper > 1.5 * len(_NOT_LOWER.sub("", sentence))


def find_names(text: str, s: int, e: int) -> list[Mention]:
    """The names in the sentence ``text[s:e]``, as mentions of kind "name" (``person``: the
    name as written, cleaned; the fact's value)."""
    sentence = text[s:e]
    out: list[Mention] = []
    places = _words()["place_prepositions"]
    capitals = None  # whether the line is all capitals: asked once, of a sentence with a candidate
    for m in _NAME_RE.finditer(text, s, e):
        a, b = m.span(1)
        raw = text[a:b]  # a slice, not a second call on the match
        if raw.endswith(".") and not _INITIAL_END_RE.search(raw):
            raw = raw[:-1]
            b -= 1
        words = raw.split()  # (a name wrapped over two lines is one name)
        w = raw.rstrip(".")
        lone = len(words) == 1 and not (len(w) >= 3 and w.isupper() and w.isalpha())
        prev = _previous_word(text, s, a)
        if lone and prev not in places:
            continue  # one word, no acronym, after no preposition of place: ``_clean`` drops it
        if capitals is None:
            capitals = _all_capitals(sentence)
        if capitals:
            return []
        at_start = _at_start(text, s, a)
        for n, w in enumerate(words[:-1]):
            if w.endswith(("'s", "’s")):  # "Amnesty International UK's Syria": a name ends at 's
                cut = raw.index(w) + len(w)
                raw, words = raw[:cut], words[:n + 1]
                b = a + cut
                break
        kept = _clean(words, at_start, prev)
        if not kept:
            continue
        # keep the span of what is left
        first = raw.find(kept[0])
        name = " ".join(kept)
        a2 = a + first
        b2 = a2 + len(raw[first:].rstrip())
        if name.endswith(("'s", "’s")):
            name = name[:-2]
        st = state(name) if len(kept) == 1 and name.endswith(".") or "." in name[:5] else None
        display = st or name.rstrip(".")
        out.append(Mention(start=a2, end=b2, text=text[a2:b2], kind="name", person=display,
                           sentence=sentence, sentence_start=s))
    for m in _AFFILIATION_RE.finditer(text, s, e) if "-" in sentence else ():
        st = state(m.group(1))
        if st and (capitals is False or not _all_capitals(sentence)):
            a, b = m.span(1)
            out.append(Mention(start=a, end=b, text=text[a:b], kind="name", person=st,
                               sentence=sentence, sentence_start=s))
    return out
