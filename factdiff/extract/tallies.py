"""Vote tallies: "a 97-1 vote", "voted 348 to 77", "the final tally was 97-1".

A tally is two figures, so it becomes two counts: the votes in favour and the votes against
(the first figure is the larger, as news style writes them). "97-1" and "98-0" then disagree
on each side, and a Senate tally is never confused with a House one (names around it differ).
"""
from __future__ import annotations

from dataclasses import dataclass

from .numbers import parse_digits
from .text import Token

# Words that make "N-M" a vote tally rather than a range or a score.
_VOTE_WORDS = frozenset({"vote", "votes", "voted", "voting", "tally", "margin", "ballot", "ballots",
                         "override", "overrode", "roll", "division"})
_DASHES = frozenset({"-", "–", "—"})


@dataclass(frozen=True)
class Tally:
    i: int  # token of the first figure
    j: int  # one past the token of the second figure
    yes: float
    no: float


def find_tallies(toks: list[Token]) -> list[Tally]:
    out: list[Tally] = []
    k = 0
    n = len(toks)
    while k + 2 < n:
        if not toks[k].is_digit:  # every tally starts with a figure: most tokens are passed at once
            k += 1
            continue
        a, sep, b = toks[k], toks[k + 1], toks[k + 2]
        glued = a.end == sep.start and sep.end == b.start
        if a.is_digit and b.is_digit and ((sep.text in _DASHES and (glued or sep.text != "-"))
                                          or sep.lower == "to"):
            yes, no = parse_digits(a.text), parse_digits(b.text)
            near = {t.lower for t in toks[max(0, k - 4):k + 6]}
            if yes is not None and no is not None and yes.is_integer() and no.is_integer() \
                    and yes >= no and yes <= 1000 and near & _VOTE_WORDS:
                out.append(Tally(k, k + 3, yes, no))
                k += 3
                continue
        k += 1
    return out
