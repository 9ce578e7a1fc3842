"""Tokens and sentences with character offsets into the decoded text."""
from __future__ import annotations

import functools
import re

import regex

from .. import lexicon

# Digits with inner separators ("250,000", "1.5", "07:19", "192.168.1.1") stay one token;
# words keep inner apostrophes ("Russia's"); anything else is one character.
# A number may start with its decimal point (".77") and end in an exponent ("1e10", "12.32e+14").
# \x1c-\x1f are white space to Python's str.split() though not to regex's \s: no token either.
# Written for re's engine (``standard_patterns``): the word, the commonest token, first (each
# branch but the last starts with a class of its own); what may follow a word or a number ("'s",
# ",000", "e10") is a branch beside an empty one, not a group under "*" or "?", for which re
# allocates a repeat context at every token. The same tokens as the plain form (a test compares
# them) for a fifth fewer instructions:
#   (?<![\w.])\.\d+(?:[eE][+-]?\d+\b)?|\d+(?:[.,:]\d+)*(?:[eE][+-]?\d+\b)?
#   |[^\W\d_]+(?:['’][^\W\d_]+)*|[^\s\x1c-\x1f]
_TOKEN_RE = regex.compile(
    r"[^\W\d_]+(?:['’](?:[^\W\d_]+['’])*[^\W\d_]+|)"
    r"|\d+(?:[.,:](?:\d+[.,:])*\d+|)(?:[eE][+-]?\d+\b|)"
    r"|(?<![\w.])\.\d+(?:[eE][+-]?\d+\b|)"
    r"|[^\s\x1c-\x1f]", regex.V1)
# Stretches that hold digits but no facts: links, e-mail addresses, handles.
_NOISE_RE = regex.compile(
    r"(?:https?://|www\.)\S+|\b[\w.+-]{1,64}+@[\w-]++\.[\w.]+\b|(?<!\w)[@#]\w+", regex.IGNORECASE
)  # at most 64 characters before "@": a long run without one is not scanned again from each start


class Token:
    """One token: its text, character offsets, and the lookups every rule makes, computed once."""

    __slots__ = ("text", "start", "end", "lower", "is_digit", "is_word", "pre")

    def __init__(self, text: str, start: int, end: int, pre: str = ""):
        self.text = text
        self.pre = pre  # the characters between the previous token and this one
        self.start = start
        self.end = end
        self.lower = text.lower()
        c = text[0]
        # "²" is no digit: int() refuses it (isdigit, a native call in the compiled build, holds it)
        self.is_digit = (c.isdigit() and (c <= "9" or c.isdecimal())) or (c == "." and len(text) > 1)
        self.is_word = c.isalpha()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Token) and (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))


# The same tokens, each with the characters before it (which hold no token: white space as
# the token pattern reads it), so that offsets are counted rather than asked of match objects.
# Each match starts where the last one ended (\G): a stretch of white space with no token after
# it is read once, not again from each of its characters.
_GAP_TOKEN = r"([\s\x1c-\x1f]*+)(" + _TOKEN_RE.pattern + ")"
_GAP_TOKEN_RE = regex.compile(r"\G" + _GAP_TOKEN, regex.V1)
# The characters no token holds at the end of a stretch, read backwards: not searched at all
# (a search for a token from each of them would run to the end of the run).
_TRAILING_GAP_RE = regex.compile(r"[\s\x1c-\x1f]*+", regex.V1 | regex.REVERSE)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    return tokens_of(token_pairs(text, start, end), start)


def token_pairs(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, str]]:
    """(the characters before the token, the token) for every token of ``text[start:end]``."""
    end = len(text) if end is None else end
    stop = _TRAILING_GAP_RE.match(text, start, end).start() if start < end else end
    # the standard library's engine is faster, and reads the same tokens where every character
    # (and the one before, which the look-behind sees) is in a class the same to both modules
    if not holds_unsafe(text, max(0, start - 1), stop + 1):
        return standard_patterns()[0].findall(text, start, stop)
    return _GAP_TOKEN_RE.findall(text, start, stop)


_WORD_RE = regex.compile(r"[^\W\d_]+(?:['’](?:[^\W\d_]+['’])*[^\W\d_]+|)", regex.V1)  # _TOKEN_RE's word branch


def word_tokens(text: str, start: int, end: int) -> list[str]:
    """What the word branch of the token pattern reads in ``text[start:end]`` (all of its words
    when the stretch holds no digit)."""
    if not holds_unsafe(text, max(0, start - 1), end + 1):
        return standard_patterns()[2].findall(text, start, end)
    return _WORD_RE.findall(text, start, end)


# The text last found to hold no unsafe character (``standard_patterns``), kept so that no other
# object can take its identity: its stretches need no scan of their own.
_SAFE_TEXT: list = [None]


def scan_for_unsafe(text: str) -> None:
    """Look for unsafe characters in the whole of ``text`` once (an article, before its sentences
    are read): if it holds none, ``holds_unsafe`` answers for its stretches without a scan."""
    run = _safe_run().match(text)  # never None: the run may be empty
    _SAFE_TEXT[0] = text if run is not None and run.end() == len(text) else None


@functools.lru_cache(maxsize=None)
def _safe_run() -> re.Pattern:
    """A run of safe characters: the unsafe pattern's class, not negated (re runs through a
    repeated class twice as fast as it searches for a character outside it)."""
    unsafe = standard_patterns()[1].pattern
    assert unsafe.startswith("[^") and unsafe.endswith("]") and unsafe.count("]") == 1, unsafe
    return re.compile("[" + unsafe[2:] + "*")


def holds_unsafe(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a character the two modules may read differently."""
    return text is not _SAFE_TEXT[0] and standard_patterns()[1].search(text, start, end) is not None


@functools.lru_cache(maxsize=None)
def standard_patterns():
    """``_GAP_TOKEN_RE`` and ``_WORD_RE`` compiled by ``re``, and a pattern for every character
    for which the two modules may disagree on a class the patterns use (tested here, for the
    Latin letters, punctuation and currency signs; anything else is left to ``regex``).

    The two ``re`` patterns only ever read those "safe" characters, so each class is written
    out as the safe characters it holds (``re`` tests a listed character in a table, a class
    such as ``[^\\W\\d_]`` by several Unicode look-ups: a third of the time)."""
    classes = (r"\d", r"\w", r"[\w.]", r"[^\W\d_]", r"[^\s\x1c-\x1f]", r"[\s\x1c-\x1f]")
    both = [(re.compile(c).fullmatch, regex.compile(c, regex.V1).fullmatch) for c in classes]
    safe = [cp for cp in (*range(0x250), *range(0x2000, 0x2070), *range(0x20A0, 0x20D0))
            if all(bool(a(chr(cp))) == bool(b(chr(cp))) for a, b in both)]
    listed = {c: _ranges([cp for cp in safe if holds(chr(cp))])
              for c, holds in ((c, re.compile(c).fullmatch) for c in (r"[^\W\d_]", r"\w", r"\d", r"[\s\x1c-\x1f]"))}
    letter, word, digit, space = listed.values()

    def written_out(pattern: str) -> str:
        # the letter class first: it holds \d; "\b" only stands after digits (word characters)
        for c, by in ((r"[^\W\d_]", f"[{letter}]"), (r"[\w.]", f"[{word}.]"), (r"\b", f"(?![{word}])"),
                      (r"\d", f"[{digit}]"), (r"[^\s\x1c-\x1f]", f"[^{space}]"), (r"[\s\x1c-\x1f]", f"[{space}]")):
            pattern = pattern.replace(c, by)
        assert not re.search(r"\\[wWdDsSbB]", pattern), pattern  # every class written out
        return pattern

    return (re.compile(written_out(_GAP_TOKEN)), re.compile("[^" + _ranges(safe) + "]"),
            re.compile(written_out(_WORD_RE.pattern)))


def _ranges(cps: list[int]) -> str:
    """Sorted code points as the ranges of a character class."""
    out, first = [], None
    for k, cp in enumerate(cps):
        if first is None:
            first = cp
        if k + 1 == len(cps) or cps[k + 1] != cp + 1:
            out.append(f"\\U{first:08x}-\\U{cp:08x}")
            first = None
    return "".join(out)


def tokens_of(pairs: list[tuple[str, str]], start: int) -> list[Token]:
    """The tokens of ``token_pairs(text, start, end)``."""
    out: list[Token] = []
    append = out.append
    pos = start
    for gap, s in pairs:
        a = pos + len(gap)
        pos = a + len(s)
        # mypyc: a compiled class cannot be made by object.__new__; its constructor is a native call
        append(Token(s, a, pos, gap if len(gap) < 4 else " "))
    return out


# What every noise match holds: "://", "www." (any case: the case-blind noise pattern reads W or
# w for w, and nothing else, a test checks every character), "@" or "#". Its first character is
# a class of the standard library's engine, which skips to one (five times as fast as the
# case-blind alternation); each match starts and ends where the alternation's would.
_NOISE_ANCHOR_RE = re.compile(r"[@#:Ww](?:(?<=[@#])|(?<=:)//|(?<=[Ww])[Ww]{2}\.)")


_RUN_END_RE = regex.compile(r"\S*")  # the rest of a run of characters without a space
_RUN_START_RE = regex.compile(r"\S*", regex.REVERSE)  # the run before a position, read backwards

# How much text ``noise_spans`` has scanned with the noise pattern (a test reads it: the
# characters of the runs around the anchors, never the whole text).
NOISE_SCANNED = [0]


def noise_spans(text: str) -> list[tuple[int, int]]:
    """The spans of links, e-mail addresses and handles, in order. Every match holds an anchor
    ("://", "www.", "@", "#") and no white space, so the pattern runs only over the runs of
    non-space characters that hold an anchor (the same spans as over the whole text, in time
    linear in those runs: the e-mail branch, tried at every word, never sees the prose)."""
    out: list[tuple[int, int]] = []
    done = 0  # the end of the last run scanned
    for anchor in _NOISE_ANCHOR_RE.finditer(text):
        p = anchor.start()
        if p < done:
            continue  # in a run already scanned
        a = _RUN_START_RE.match(text, done, p).start()
        b = _RUN_END_RE.match(text, p).end()
        NOISE_SCANNED[0] += b - a
        out.extend(m.span() for m in _NOISE_RE.finditer(text, a, b))
        done = b
    return out


_INITIALS_RE = regex.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "a.p.t", "u.n" (the last dot is the match's)


@functools.lru_cache(maxsize=None)
def _number_abbreviations() -> frozenset:
    """Abbreviations that take a number after their full stop (``labels.abbreviations``)."""
    return frozenset(lexicon.load("labels")["abbreviations"])


@functools.lru_cache(maxsize=None)
def _currency_abbreviations() -> frozenset:
    """Currency signs and names written with a full stop ("Rs.", "Nu.", "din."), without it."""
    c = lexicon.load("currencies")
    return frozenset(s[:-1].lower() for s in (*c["symbols"], *c["words"]) if s.endswith(".") and len(s) > 1)


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen sen rep gov lt col sgt capt maj st jr sr inc ltd corp co no vs "
    "u.s u.k u.n e.g i.e etc al approx".split()
) | frozenset(lexicon.MONTH_ABBREVIATIONS)
# possessive, from the first mark of a run: "!!!!…" without a space after is scanned once
_LAST_WORD_RE = regex.compile(r"(?<![\w.])([\w.]++)$")  # from the start of a run only: linear on any input
# White space as regex's \s reads it (re's \s also holds \x1c-\x1f; a test checks every character).
_WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# A sentence ends at a run of marks (not right after another) with the closing quotes and brackets
# after it, before white space; at a blank line; at a line break. Written for re with the first
# character as a class, which its engine skips to: a third less time than regex's alternation
# "(?<![.!?])[.!?]++[\"”’')\]]*+(?=\s)|\n[ \t]*+\n|\n", for the same matches (nothing a
# possessive run gives back could be followed by white space; "|)", not ")?", which re runs as a
# repeat it allocates a context for).
_SENT_END_RE = re.compile(rf"[.!?\n](?:(?<=\n)(?:[ \t]*\n|)|(?<![.!?][.!?])[.!?]*[\"”’')\]]*(?=[{_WHITE_SPACE}]))")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans. Blank lines and lines that end in punctuation or are short (headlines,
    datelines) always end a sentence; a long line that runs on into a lower-case word is a
    wrapped line and does not."""
    spans: list[tuple[int, int]] = []
    start = 0
    width = _wrap_width(text)
    for m in _SENT_END_RE.finditer(text):
        a, cut = m.span()  # the one call on the match: its text is read from the text
        mark = text[a]
        if mark == "\n" and cut - a == 1:  # a line break (a blank line always ends a sentence)
            line_start = text.rfind("\n", 0, a) + 1
            line = text[line_start:a].rstrip()
            nxt = text[cut:cut + 1]
            if width and len(line) >= 0.6 * width:
                continue  # hard-wrapped text: a line break inside a paragraph is a space
            if len(line) >= 60 and line and line[-1] not in ".!?:\"”’)" and (nxt.islower() or nxt.isdigit()):
                continue
        elif mark != "\n":  # a run of marks
            word = _LAST_WORD_RE.search(text[max(start, a - 12):a])
            w = word.group(1).lower() if word else ""
            if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
            follow = text[cut:cut + 3].lstrip()
            if follow[:1].islower():
                continue
            if follow[:1].isdigit() and cut - a == 1 and mark == "." and (
                    w in _number_abbreviations() or _INITIALS_RE.fullmatch(w) or w in _currency_abbreviations()):
                continue  # "Sec. 205", "Fig. 3", "A.P.T. 29", "Rs. 100": an abbreviation names the number after it
        if text[start:cut].strip():
            spans.append(_trim(text, start, cut))
        start = cut
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _wrap_width(text: str) -> int:
    """The line width of hard-wrapped text (most lines close to one width of at most 120
    characters), or 0 when lines are paragraphs. Re-wrapping a file must not change what is
    read from it."""
    lengths = [len(line.rstrip()) for line in text.split("\n") if line.strip()]
    if len(lengths) < 4:
        return 0
    longest = max(lengths)
    if longest > 120 or longest < 40:
        return 0
    near = sum(1 for n in lengths if n >= 0.6 * longest)
    return longest if near >= 0.6 * len(lengths) else 0


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
