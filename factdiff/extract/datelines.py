"""Datelines: where and when an article was filed, not a fact of its story.

* A wire dateline opens a paragraph: a place in capitals (or any place before an agency), an
  optional date, an optional agency and a dash: "WASHINGTON (AP) — ", "PARIS, March 3
  (Reuters) - ", "NEW YORK, Jan. 5, 2019 /PRNewswire/ -- ", "BEIRUT, Lebanon (AP) -- ".
* A date line is a line that holds nothing but the article's date and the words that
  announce it, with the article's text after it: "March 3, 2025", "Published 3 March 2025",
  "Updated: Tue 4 Mar 2025 10:02 GMT" (a text that is nothing but a date states that date).

Both say the article's date (``sources.guess_published`` reads it), and one outlet's dateline
is repeated in every article it files: a date inside one is no mention (``dateline_end``), and
no year of the figures' time frame either. A copyright notice ("© 2025 The Associated Press",
"(c) 2018 CNN", "Copyright 2019-2021") is page furniture of the same kind: its years are neither
dates nor counts (``furniture``).
"""
from __future__ import annotations

import regex

_PLACE_CAPS = r"\p{Lu}[\p{Lu}\p{M}.'’&-]+(?:[ ]+\p{Lu}[\p{Lu}\p{M}.'’&-]*){0,4}"  # WASHINGTON, NEW YORK, ST. LOUIS
_PLACE = r"\p{Lu}[\p{L}\p{M}.'’&-]*(?:[ ]+\p{Lu}[\p{L}\p{M}.'’&-]*){0,3}"  # Paris, Lebanon, N.Y.
_WIRE_RE = regex.compile(
    rf"(?<![^\n\r])[ \t]*+[*_>#]{{0,4}}+[ ]?(?:(?P<caps>{_PLACE_CAPS})(?![\p{{Ll}}])|{_PLACE})"
    rf"(?:,[ ]+{_PLACE}){{0,3}}"
    rf"(?:,?[ ]+(?P<date>[^()\n/—–:]{{3,40}}?))?"
    rf"[ ]*(?P<agency>\([^()\n]{{1,40}}\)|/[^/\n]{{1,40}}/)?[*_]*[ ]*(?:—|–|--?|:)(?=\s)")

_COPYRIGHT_RE = regex.compile(
    r"(?:©|\([cC]\)|(?<![\w-])(?i:copyright)(?:[ ]*(?:©|\([cC]\)))?)[ ]*+"
    r"(?:(?:1[89]|20)\d\d)(?:[ ]*[-–][ ]*(?:1[89]|20)\d\d)?(?!\d)")
_MORE_RE = regex.compile(r"\S")  # the text goes on after a line
# What ends every wire dateline: its dash or colon before white space (the same \s). Most
# sentences that open a line hold none, and the wire pattern, slow to fail, is not tried there.
_WIRE_END_RE = regex.compile(r"[—–:-](?=\s)")

# What a date line may hold besides its date and clock time.
_DATE_LINE_WORDS = frozenset({
    "published", "updated", "posted", "last", "modified", "first", "on", "at", "date", "dated", "filed",
    "gmt", "utc", "et", "est", "edt", "ct", "cst", "cdt", "pt", "pst", "pdt", "bst", "cet", "cest", "ist",
    "am", "pm", "a.m", "p.m", "a", "p", "m", "|", "-", "—", "–", ":", ",", ".", "*", "_", "(", ")", "/", "·",
    "•", "#", ">"})


def _line_start(text: str, s: int) -> int:
    """Where the line of ``s`` starts, if only spaces stand before ``s`` on it; else -1."""
    k = s
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return k if k == 0 or text[k - 1] in "\n\r" else -1


def _at_line_end(text: str, e: int) -> bool:
    k = e
    while k < len(text) and text[k] in " \t":
        k += 1
    return k == len(text) or text[k] in "\n\r"


def dateline_end(text: str, s: int, e: int, toks, dates, times=()) -> int:
    """The end of the dateline that opens the sentence ``text[s:e]`` (its tokens ``toks``,
    its date hits ``dates``, its clock times ``times``), or ``s`` when it opens with none.
    Only a dateline that holds a date matters (the dates inside it are no mentions)."""
    line = _line_start(text, s) if dates else -1
    if line < 0:
        return s
    stop = min(e, s + 160)
    m = _WIRE_RE.match(text, line, stop) if _WIRE_END_RE.search(text, line, stop) else None
    if m is not None and (m.group("caps") or m.group("agency")):
        if any(d.end <= m.end() for d in dates):
            return m.end()
    if _at_line_end(text, e) and _MORE_RE.search(text, e) and \
            any(not d.relative and d.iso and d.grain in ("day", "month") for d in dates):
        spans = [(d.start, d.end) for d in dates] + list(times)
        if all(t.lower in _DATE_LINE_WORDS or any(a <= t.start and t.end <= b for a, b in spans) for t in toks):
            return e
    return s


def furniture(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The copyright notices in ``text[s:e]``: spans whose years are neither dates nor counts."""
    sentence = text[s:e]
    if "©" not in sentence and "(" not in sentence and "opyright" not in sentence.lower():
        return []
    return [m.span() for m in _COPYRIGHT_RE.finditer(text, s, e)]
