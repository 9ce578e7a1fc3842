"""Which finders can read anything in a sentence, judged from its words before it is tokenized.

Most sentences of prose hold no figure, and most of those nothing any finder reads. Each
finder says what a sentence without a digit must hold for it to find anything
(``dates.triggers``, ``quantities.triggers``, ``roles.triggers``): words derived from its own
entry conditions and lexicons, never a list of its own. A sentence none of them can read is
not tokenized at all; one only some of them can read is given to those only. The output is
the same as when every finder reads every sentence: a finder is skipped only where it would
have found nothing.
"""
from __future__ import annotations

import functools
import operator
import re

import regex

from .text import holds_unsafe, token_pairs, word_tokens

_second = operator.itemgetter(1)

# A digit by either module's reckoning: ``regex`` reads the tokens, ``str.isdecimal`` (which
# is ``re``'s \d) makes a token a figure (``Token.is_digit``).
_REGEX_DIGIT_RE = regex.compile(r"\d")
_RE_DIGIT_RE = re.compile(r"\d")


def rule(words) -> tuple:
    """A rule of single words, all of which must be present; the longest (the least common)
    is looked up first."""
    return tuple(frozenset({w}) for w in sorted(set(words), key=lambda w: (-len(w), w)))


class Trigger:
    """``words``: any one of them is enough; ``rules``: tuples of word sets, enough when each
    set has a word present. A rule is looked up by the words of its first set."""

    def __init__(self, words, rules=()):
        self.words = frozenset(words)
        self.index: dict[str, list[tuple]] = {}
        for r in rules:
            for w in r[0]:
                self.index.setdefault(w, []).append(r[1:])
        self.keys = frozenset(self.index)

    def all_words(self) -> set:
        out = set(self.words)
        for w, rests in self.index.items():
            out.add(w)
            for rest in rests:
                for s in rest:
                    out |= s
        return out

    def fires(self, words: set) -> bool:
        if not self.words.isdisjoint(words):
            return True
        for w in self.keys.intersection(words):
            for rest in self.index[w]:
                if all(not s.isdisjoint(words) for s in rest):
                    return True
        return False


def has_digit(text: str, s: int, e: int) -> bool:
    if _RE_DIGIT_RE.search(text, s, e):
        return True
    # regex's \d may hold more (another Unicode version), but not among the characters on
    # which the two modules were found to agree
    return holds_unsafe(text, s, e) and bool(_REGEX_DIGIT_RE.search(text, s, e))


def words_of(text: str, s: int, e: int) -> tuple[set, list, list]:
    """For a sentence without a digit: the set of its tokens in lower case (``Token.lower``),
    the tokens as written, in order, and ``text.token_pairs`` (to make the tokens of)."""
    pairs = token_pairs(text, s, e)
    toks = list(map(_second, pairs))
    return set(map(str.lower, set(toks))), toks, pairs


def rough_words(text: str, s: int, e: int, marks: frozenset) -> set:
    """For a sentence without a digit, more cheaply than ``words_of``: the lower case of its
    word tokens (the tokenizer's word branch; without digits the other tokens are single
    characters) and those of ``marks`` (the single characters a trigger holds) that occur.
    Every trigger word among its tokens is in it, so what no finder fires on here no finder
    fires on with ``words_of`` either."""
    words = set(map(str.lower, set(word_tokens(text, s, e))))
    if marks:
        words.update(_marks_pattern(marks).findall(text, s, e))  # one scan, not one per mark
    return words


@functools.lru_cache(maxsize=8)
def _marks_pattern(marks: frozenset) -> re.Pattern:
    """Any one of ``marks`` (single characters)."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(marks)) + "]")


def title_before_name(toks: list, title_ends: frozenset) -> bool:
    """A word a title can end with, right before a capitalised token (``roles._name_at``)."""
    for k in range(len(toks) - 1):
        if toks[k + 1][:1].isupper() and toks[k].lower() in title_ends:
            return True
    return False


def role_shape(toks: list, title_ends: frozenset) -> bool:
    """One of the shapes ``roles.find_roles`` reads (``toks``: the tokens as written, in order):
    a capitalised token right after a word a title ends with (the name after a title); two
    capitalised tokens right before a comma (a name before an appositive, ``_appositives``);
    a capitalised token right after a comma and another, or a hyphen ("Al-Assad"), after it
    (the name after "the title of org,"). Names are capitalised words of two letters or more."""
    if title_before_name(toks, title_ends):
        return True
    n = len(toks)
    for c in range(n):
        if toks[c] != ",":
            continue
        if c >= 2 and toks[c - 1][:1].isupper() and toks[c - 2][:1].isupper():
            return True
        if c + 2 < n and toks[c + 1][:1].isupper() and (toks[c + 2][:1].isupper() or toks[c + 2] == "-"):
            return True
    return False
