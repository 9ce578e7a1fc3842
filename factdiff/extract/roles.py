"""Named facts: a person and the title the text gives them.

Three shapes, on the tokens of one sentence:
  "Defence Ministry spokesman Igor Konashenkov"          organisation + title before the name
  "Igor Konashenkov, a spokesman for the Russian Defence Ministry"   appositive after the name
  "The chair of Russia's Defence and Security Committee, Viktor Ozerov"   title, then the name
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

from .. import lexicon
from .gate import rule
from .text import Token


@dataclass(frozen=True)
class RoleHit:
    i: int  # first token of the whole statement
    j: int
    person: str  # as written, longest form
    person_key: str  # surname, lower case
    title: str  # canonical title ("spokesman")
    org: str  # organisation words as written
    past: bool = False
    rank: str = ""  # rank words kept with the title ("deputy", "former"), lower case

    # written out for the compiled build, as Mention.__init__ is (tests/test_fast_paths.py checks it)
    def __init__(self, i: int, j: int, person: str, person_key: str, title: str, org: str, past: bool = False,
                 rank: str = "") -> None:
        object.__setattr__(self, "i", i)
        object.__setattr__(self, "j", j)
        object.__setattr__(self, "person", person)
        object.__setattr__(self, "person_key", person_key)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "org", org)
        object.__setattr__(self, "past", past)
        object.__setattr__(self, "rank", rank)


@functools.lru_cache(maxsize=None)
def _titles():
    t = lexicon.load("titles")
    titles = {tuple(x.split()) for x in t["titles"]}
    return titles, max(len(x) for x in titles), frozenset(t["modifiers"]), frozenset(t["past"])


_NOT_NAMES = frozenset({"the", "a", "an", "he", "she", "it", "they", "his", "her", "in", "on", "at",
                        "but", "and", "said", "says", "told", "mr", "mrs", "ms", "dr", "when",
                        *lexicon.MONTHS, *lexicon.WEEKDAYS, "however",
                        "speaking", "according", "department", "against", "act", "committee",
                        "house", "senate", "court", "ministry", "office", "agency", "party",
                        "university", "council", "commission", "board", "the"})


# Words that never start or continue an organisation before a title.
_NOT_ORG = frozenset({*lexicon.MONTHS, *lexicon.WEEKDAYS, "however",
                      "speaking", "according", "said", "says", "told", "when", "mr", "mrs", "ms"})


@functools.lru_cache(maxsize=None)
def _rank_words() -> frozenset:
    """Words kept with a title because they change what it says: a rank ("deputy": another
    office) or a title no longer held ("former")."""
    t = lexicon.load("titles")
    return frozenset(t.get("ranks", [])) | frozenset(t.get("no_longer", []))


def _ranked_title(toks: list[Token], k: int, title: tuple[str, int]) -> tuple[list[str], str, int]:
    """A title found at ``k`` that is only a rank before another title ("deputy mayor",
    "Lieutenant Governor"): (rank words, the title they rank, end)."""
    ranks = _rank_words()
    rank: list[str] = []
    name, end = title
    while name in ranks:
        nxt = _title_at(toks, end)
        if nxt is None:
            break
        rank.append(name)
        name, end = nxt
    return rank, name, end


def _rank_before(toks: list[Token], k: int) -> tuple[list[str], int]:
    """Rank words right before the title at ``k`` ("Former Deputy Mayor", "ex-Mayor"), in
    reading order, and the index of the first."""
    ranks = _rank_words()
    rank: list[str] = []
    m = k
    while m > 0:
        t = toks[m - 1]
        if t.text in ("-", "‑") and m >= 2 and toks[m - 2].end == t.start and t.end == toks[m].start \
                and toks[m - 2].lower in ranks:
            m -= 1  # "ex-Mayor"
            continue
        if not t.is_word or t.lower not in ranks:
            break
        rank.insert(0, t.lower)
        m -= 1
    return rank, m


def _split_rank(words: list[str]) -> tuple[list[str], list[str]]:
    """Organisation words before a title, less the rank words at their end: (rank, org)."""
    ranks = _rank_words()
    n = len(words)
    while n > 0 and words[n - 1].lower() in ranks:
        n -= 1
    return [w.lower() for w in words[n:]], words[:n]


@functools.lru_cache(maxsize=None)
def _no_longer_words() -> frozenset:
    return frozenset(lexicon.load("titles").get("no_longer", []))


def _tense(window: list[Token], rank: list[str], org: str, past_words) -> tuple[bool, list[str], str]:
    """(past, rank, org) of a title, from the words around it (``window``): "former" and "ex"
    (``no_longer``) join the rank, since a title no longer held contradicts the title held now;
    the other past words ("then-", "the late", "retired") make the title a past one, which
    never contradicts another."""
    gone = _no_longer_words()
    word = next((t.lower for t in window if t.is_word and t.lower in gone), None)
    if word is not None and not gone & set(rank):
        rank = [word] + rank
    org = " ".join(w for w in org.split() if w.lower() not in gone)
    past = any(t.lower in past_words and t.lower not in gone for t in window)
    return past, rank, org


def _is_name_token(t: Token) -> bool:
    return t.is_word and t.text[0].isupper() and t.lower not in _NOT_NAMES and len(t.text) > 1 \
        and not t.text.isupper()


@functools.lru_cache(maxsize=None)
def _title_starts() -> frozenset:
    """The first word of every title up to its first hyphen: a token that is none of these
    starts no title, which is most tokens, so they are passed over at once."""
    return frozenset(t[0].split("-")[0] for t in _titles()[0])


def _title_at(toks: list[Token], k: int) -> Optional[tuple[str, int]]:
    if k >= len(toks) or not toks[k].is_word or toks[k].lower.split("-")[0] not in _title_starts():
        return None
    titles, longest, _, _ = _titles()
    for n in range(longest, 0, -1):
        # titles may be hyphenated ("Maj-Gen", "commander-in-chief")
        words: list[str] = []
        m = k
        while m < len(toks) and len(words) < n:
            if toks[m].text == "-" and words and m + 1 < len(toks) and toks[m - 1].end == toks[m].start:
                words[-1] = words[-1] + "-" + toks[m + 1].lower
                m += 2
                continue
            if not toks[m].is_word:
                break
            words.append(toks[m].lower)
            m += 1
        while words and len(words) <= n:
            if tuple(words) in titles:
                return " ".join(words), m
            break
    return None


def _name_at(toks: list[Token], k: int, max_len: int = 3) -> Optional[int]:
    """End index of a person's name starting at ``k`` (1 to 3 capitalised words)."""
    m = k
    while m < len(toks) and m - k < max_len and _is_name_token(toks[m]):
        if _title_at(toks, m):
            break
        m += 1
        # "al-Assad", "Al-Baghdadi"
        if m + 1 < len(toks) and toks[m].text == "-" and toks[m - 1].end == toks[m].start:
            m += 2
    return m if m > k else None


def find_roles(toks: list[Token]) -> list[RoleHit]:
    hits: list[RoleHit] = []
    _, _, modifiers, past_words = _titles()
    stop = lexicon.stopwords()
    starts = _title_starts()
    k = 0
    while k < len(toks):
        low = toks[k].lower  # the test _title_at begins with, inline: most tokens start no title
        if not toks[k].is_word or (low.split("-")[0] if "-" in low else low) not in starts:
            k += 1
            continue
        title = _title_at(toks, k)
        if title is None:
            k += 1
            continue
        name, after_title = title
        # --- organisation + title + Name -------------------------------------------------
        end = _name_at(toks, after_title)
        if end is not None and (end - after_title >= 2 or toks[k].text[0].isupper()):
            org_start = k
            while org_start > 0 and org_start > k - 7:
                p = toks[org_start - 1]
                lower_ok = not p.text[0].isupper() and org_start - 2 >= 0 and toks[org_start - 2].is_word \
                    and toks[org_start - 2].text[0].isupper()  # "UK defence secretary"
                if p.is_word and p.lower not in stop and p.lower not in _NOT_ORG and \
                        (p.text[0].isupper() or lower_ok):
                    org_start -= 1
                elif p.lower in ("and", "of") and org_start - 2 >= 0 and toks[org_start - 2].text[0].isupper():
                    org_start -= 1
                elif p.text in ("'s", "’s") or p.lower.endswith(("'s", "’s")):
                    org_start -= 1
                else:
                    break
            while org_start < k and toks[org_start].lower in ("and", "of"):
                org_start += 1
            rank, rank_start = _rank_before(toks, k)
            org = " ".join(t.text for t in toks[org_start:rank_start])
            first = min(org_start, rank_start)
            person = " ".join(t.text for t in toks[after_title:end]).replace(" - ", "-")
            past, rank, org = _tense(toks[max(0, first - 2):k], rank, org, past_words)
            hits.append(RoleHit(first, end, _clean(person), _key(person), name, org, past, " ".join(rank)))
            k = end
            continue
        # --- Name, (a|the) [org] title (for|of|at) org --------------------------------------
        k += 1
    hits.extend(_appositives(toks, modifiers, past_words))
    return _dedupe(hits)


def _appositives(toks: list[Token], modifiers, past_words) -> list[RoleHit]:
    """The roles a comma sets beside a name: "Name, (a|the) [org] title [for|of|at org]" and
    "the title of org, Name"."""
    out: list[RoleHit] = []
    stop = lexicon.stopwords()
    for c in range(1, len(toks) - 2):
        if toks[c].text != ",":
            continue
        hit = _name_comma_title(toks, c, past_words)
        if hit is not None:
            out.append(hit)
        hit = _title_comma_name(toks, c, stop, past_words)
        if hit is not None:
            out.append(hit)
    return out


def _name_comma_title(toks: list[Token], c: int, past_words) -> Optional[RoleHit]:
    """Name , [a|an|the] [org words] title [for|of|at org], the comma at ``c``."""
    n_end = c
    n_start = n_end
    while n_start > 0 and n_end - n_start < 3 and _is_name_token(toks[n_start - 1]):
        n_start -= 1
    if n_end - n_start < 2:
        return None
    k = c + 1
    if k < len(toks) and toks[k].lower in ("a", "an", "the"):
        k += 1
    pre_org = k
    found = None
    while k < len(toks) and k < pre_org + 7:
        title = _title_at(toks, k)
        if title:
            found = (k, title)
            break
        if not toks[k].is_word and toks[k].text not in ("'s", "’s", "-"):
            break
        k += 1
    if not found:
        return None
    tk, title = found
    rank2, tname, t_end = _ranked_title(toks, tk, title)
    rank, org_words = _split_rank([t.text for t in toks[pre_org:tk]])
    rank += rank2
    m = t_end
    if m < len(toks) and toks[m].lower in ("for", "of", "at", "with"):
        m, more = _org_after(toks, m + 1)
        org_words += more
    person = " ".join(t.text for t in toks[n_start:n_end])
    past, rank, org = _tense(toks[c + 1:tk + 1], rank, " ".join(org_words).strip(), past_words)
    return RoleHit(n_start, m, _clean(person), _key(person), tname, org, past, " ".join(rank))


def _org_after(toks: list[Token], m: int) -> tuple[int, list[str]]:
    """The capitalised words (and the, of, and, at, for) of an organisation from ``m``, up to
    ten -> (where it ends, its words but "the")."""
    org_end = m
    while org_end < len(toks) and org_end < m + 10 \
            and (toks[org_end].is_word or toks[org_end].text in ("'s", "’s")) \
            and (toks[org_end].text[0].isupper()
                 or toks[org_end].lower in ("the", "of", "and", "at", "for")):
        org_end += 1
    return org_end, [t.text for t in toks[m:org_end] if t.lower not in ("the",)]


def _title_comma_name(toks: list[Token], c: int, stop, past_words) -> Optional[RoleHit]:
    """the title of org , Name, the comma at ``c``."""
    name_start, name_end = c + 1, _name_at(toks, c + 1)
    if name_end is None or name_end - name_start < 2 or not (
            name_end >= len(toks) or toks[name_end].text in (",", ".")
            or toks[name_end].lower in ("said", "says", "told")):
        return None
    k = c - 1
    while k >= 0 and k > c - 12 and toks[k].text not in (",", ".", ";", ":"):
        k -= 1
    seg_start = k + 1
    for t in range(seg_start, c):
        title = _title_at(toks, t)
        if title:
            rank2, tname, t_end = _ranked_title(toks, t, title)
            org = " ".join(x.text for x in toks[t_end:c] if x.lower not in ("of", "for", "the", "at"))
            rank, pre_words = _split_rank([x.text for x in toks[seg_start:t] if x.lower not in stop])
            pre = " ".join(pre_words)
            person = " ".join(x.text for x in toks[name_start:name_end])
            past, rank, org = _tense(toks[seg_start:t + 1], rank + rank2, (pre + " " + org).strip(), past_words)
            return RoleHit(t, name_end, _clean(person), _key(person), tname, org, past, " ".join(rank))
    return None


def _clean(person: str) -> str:
    for suffix in ("'s", "’s"):
        person = person.removesuffix(suffix)
    return person


def _key(person: str) -> str:
    return person.replace("-", " ").split()[-1].lower().strip("'’s")


def _dedupe(hits: list[RoleHit]) -> list[RoleHit]:
    seen = set()
    out: list[RoleHit] = []
    for h in sorted(hits, key=lambda h: (h.i, -(h.j - h.i))):
        key = (h.person_key, h.title, h.i)
        if key in seen or any(o.i <= h.i and h.j <= o.j and o.person_key == h.person_key and o.title == h.title
                              for o in out):
            continue
        seen.add(key)
        out.append(h)
    return out



@functools.lru_cache(maxsize=None)
def triggers() -> tuple[frozenset, tuple, frozenset]:
    """What a sentence must hold for ``find_roles`` to find a role: a title (``_title_at``:
    every hyphen-separated part of every word of it is a token, in lower case), as
    ``(words, rules)`` (one of ``words`` or a word of each set of a rule), and then a name
    where one of the three shapes has it (``gate.role_shape``: right after the title, before
    or after a comma). The third value is every word a title can end with."""
    words, rules, ends = set(), [], set()
    for title in _titles()[0]:
        parts = [p for w in title for p in w.split("-")]
        ends.add(parts[-1])
        if len(parts) == 1:
            words.add(parts[0])
        else:
            rules.append(rule(parts))
    return frozenset(words), tuple(rules), frozenset(ends)
