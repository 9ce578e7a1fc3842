"""Tokens and sentences with character offsets into the decoded text."""
from __future__ import annotations

from dataclasses import dataclass

import regex

# Digits with inner separators ("250,000", "1.5", "07:19", "192.168.1.1") stay one token;
# words keep inner apostrophes ("Russia's"); anything else is one character.
_TOKEN_RE = regex.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*|\S", regex.V1)
# Stretches that hold digits but no facts: links, e-mail addresses, handles.
_NOISE_RE = regex.compile(
    r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+\b|(?<!\w)[@#]\w+", regex.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_digit(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]


def noise_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _NOISE_RE.finditer(text)]


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen sen rep gov lt col sgt capt maj st jr sr inc ltd corp co no vs "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e etc al approx".split()
)
_SENT_END_RE = regex.compile(r"[.!?]+[\"”’')\]]*(?=\s)|\n[ \t]*\n|\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans. Blank lines and lines that end in punctuation or are short (headlines,
    datelines) always end a sentence; a long line that runs on into a lower-case word is a
    wrapped line and does not."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        cut = m.end()
        piece = m.group()
        if piece.startswith("\n") and piece.count("\n") == 1:
            line_start = text.rfind("\n", 0, m.start()) + 1
            line = text[line_start:m.start()].rstrip()
            nxt = text[m.end():m.end() + 1]
            if len(line) >= 60 and line and line[-1] not in ".!?:\"”’)" and (nxt.islower() or nxt.isdigit()):
                continue
        elif piece[0] in ".!?":
            word = regex.search(r"([\w.]+)$", text[max(start, m.start() - 12):m.start()])
            w = word.group(1).lower() if word else ""
            if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
            follow = text[m.end():m.end() + 3].lstrip()
            if follow[:1].islower():
                continue
        if text[start:cut].strip():
            spans.append(_trim(text, start, cut))
        start = cut
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
