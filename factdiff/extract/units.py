"""Units and currencies after (or before) a number, from the lexicons.

The table is ours (``lexicons/units.toml``) so that lookup costs nothing at start-up; a test
checks its conversion factors against pint. Compound units are built from it: "metres per
second", "km/ms". Temperatures are never converted: each scale is its own dimension
("temperature:degree Celsius").
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

from .. import lexicon
from .text import Token, tokenize

# Short surfaces that are also English words or letters: only a unit when glued ("5m", "3in").
GLUED_ONLY = {"m", "s", "h", "g", "t", "l", "j", "w", "in", "mi", "ha", "min", "b", "p",
               "gal", "hr", "yr", "wk", "sec", "kw", "gw", "mw", "ms", "rad", "dm",
               "gs", "cl", "hl", "deg", "bit"}
# ... but these may stand apart from digits ("5 l", "2 km"): a letter no English word is.
_SPACED_AFTER_DIGITS = {"l", "g", "gs", "h", "ms", "dm", "cl", "hl", "deg", "gal", "min", "mins", "sec", "hr", "yr",
                        "mi"}


# SI prefixes written as a word of their own before the unit's name ("kilo meters", "giga bytes",
# as Recognizers-Text's English unit lists spell them).
_SI_PREFIX_WORDS = frozenset({"pico", "nano", "micro", "milli", "centi", "deci", "deca", "deka", "hecto", "kilo",
                              "mega", "giga", "tera", "peta", "exa"})


@dataclass(frozen=True)
class Unit:
    name: str
    dimension: str
    factor: float
    tokens: int  # how many tokens the surface took

    # written out for the compiled build, as Mention.__init__ is (tests/test_fast_paths.py checks it)
    def __init__(self, name: str, dimension: str, factor: float, tokens: int) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "dimension", dimension)
        object.__setattr__(self, "factor", factor)
        object.__setattr__(self, "tokens", tokens)


@functools.lru_cache(maxsize=None)
def unit_table() -> dict[str, tuple[str, str, float]]:
    """Each way a unit is written -> (unit name, dimension, factor to the dimension's base)."""
    table: dict[str, tuple[str, str, float]] = {}
    for dimension, entries in lexicon.load("units").items():
        for surface, (name, factor) in entries.items():
            dim = f"temperature:{name}" if dimension == "temperature" else dimension
            table[surface] = (name, dim, float(factor))
    for surface, hit in list(table.items()):
        if len(surface) > 2:
            table.setdefault(surface.lower(), hit)  # "degrees celsius", "Degrees Fahrenheit"
    for surface, hit in _powers(table).items():
        table.setdefault(surface, hit)
    return table


# Squares and cubes of every length unit, as Recognizers-Text's English area and volume lists
# write them ("sq <unit>", "square <unit>", "<unit>2", "<unit>^2", "<unit>²"; "cubic <unit>",
# "<unit>3", "<unit>^3", "<unit>³"); a written entry of units.toml wins. Short surfaces that are
# also words ("m", "in") take no "square"/"cubic" word ("the 3 square in the centre").
_POWERS = ((2, "area", 1.0, ("sq", "square"), ("2", "^2", "²")),
           (3, "volume", 1000.0, ("cu", "cubic"), ("3", "^3", "³")))  # volume's base is the litre


def _powers(table: dict) -> dict[str, tuple[str, str, float]]:
    out: dict[str, tuple[str, str, float]] = {}
    for surface, (name, dimension, factor) in table.items():
        if dimension != "length" or not surface.replace(" ", "").replace("-", "").isalpha():
            continue  # not '"', the inch
        short = surface.lower() in GLUED_ONLY or len(surface) <= 2
        for power, dim, base, words, marks in _POWERS:
            hit = (f"{('square', 'cubic')[power - 2]} {name}", dim, factor ** power * base)
            for word in words[:1] if short else words:
                out[f"{word} {surface}"] = hit
            if " " not in surface:
                for mark in marks:
                    out[surface + mark] = hit
    return out


@functools.lru_cache(maxsize=None)
def _max_words() -> int:
    return max(len(s.split()) for s in unit_table())


def match_unit(toks: list[Token], j: int, glued: bool) -> Optional[Unit]:
    """The unit whose surface starts at token ``j`` (longest first), compounds included:
    "metres per second", "km/ms"."""
    unit = _simple_unit(toks, j, glued)
    if unit is None:
        return None
    k = j + unit.tokens
    if k + 1 < len(toks) and unit.dimension not in ("speed",) and not unit.dimension.startswith("temperature"):
        per = toks[k]
        spaced = per.text == "/" and per.start - toks[k - 1].end == 1 and toks[k + 1].start - per.end == 1
        if per.lower == "per" or (per.text == "/" and per.start == toks[k - 1].end) or spaced:
            # "km/ms", and spaced on both sides "meters / second" (Recognizers-Text's speed units)
            other = _simple_unit(toks, k + 1, glued=per.text == "/" and toks[k + 1].start == per.end)
            if other is not None and other.dimension in ("time", "volume", "area", "mass", "length") \
                    and other.dimension != unit.dimension:
                name = f"{unit.name} per {other.name}"
                if unit.dimension == "length" and other.dimension == "time":
                    return Unit(name, "speed", unit.factor / other.factor * 3.6, unit.tokens + 1 + other.tokens)
                return Unit(name, f"{unit.dimension}/{other.dimension}", unit.factor / other.factor,
                            unit.tokens + 1 + other.tokens)
    return unit


def _simple_unit(toks: list[Token], j: int, glued: bool) -> Optional[Unit]:
    if 0 <= j < len(toks) and toks[j].lower not in first_tokens():
        return None  # no surface (nor an inflection of one) starts with this token
    table = unit_table()
    after_digits = j > 0 and (toks[j - 1].is_digit or toks[j - 1].lower in _number_words())
    for n in range(min(_max_words(), len(toks) - j), 0, -1):
        words = [t.text for t in toks[j:j + n]]
        # multi-token surfaces must be written with single spaces ("km/h" is three tokens glued)
        contiguous = all(toks[k].end == toks[k + 1].start for k in range(j, j + n - 1))
        candidates = ["".join(words)] if contiguous else []
        if n > 1:
            candidates.append(" ".join(words))
        if n == 2 and words[0].lower() in _SI_PREFIX_WORDS and words[1].islower():
            candidates.append(words[0].lower() + words[1])  # "centi meters", "giga bytes": a prefix set apart
        for cand in candidates:
            hit = _lookup(cand, table)
            if hit is None:
                continue
            name, dimension, factor = hit
            bare = cand.lower()
            if (bare in GLUED_ONLY or len(bare) == 1) and not glued and \
                    not (after_digits and (bare in _SPACED_AFTER_DIGITS and cand.islower() or cand in "°º")) and \
                    not (cand in ("C", "F") and _spaced_scale_letter(toks, j)) and \
                    not (after_digits and len(cand) > 1 and cand != bare and cand in table) and \
                    not (cand == "m" and toks[j - 1].is_digit):  # "40 m long" (not "40 m residents": million)
                continue
            return Unit(name, dimension, factor, n)
    return None


def _spaced_scale_letter(toks: list[Token], j: int) -> bool:
    """"-30 C", "104 F": a capital C or F one space after the digits, that nothing is glued to
    (Duckling's temperature units; Canadian Press style), not "2 F-16s"."""
    if not (j > 0 and toks[j - 1].is_digit and toks[j].start - toks[j - 1].end == 1):
        return False
    if j + 1 < len(toks):
        nxt = toks[j + 1]
        if nxt.start == toks[j].end and (nxt.is_word or nxt.is_digit or nxt.text in ("-", "‑", "/")):
            return False  # "2 F-16s", "3 C/D"
        if nxt.lower in _label_words():
            return False  # "a 3 C grade"
    k = j - 3 if j > 2 and toks[j - 2].text == "." else j - 2
    return not (k >= 0 and toks[k].lower in _label_words())  # "Section 40 C", "Sec. 40 C"


@functools.lru_cache(maxsize=None)
def _label_words() -> frozenset:
    lab = lexicon.load("labels")
    return frozenset(lab["designators"]) | frozenset(lab["weak_designators"]) | frozenset(lab["abbreviations"])


@functools.lru_cache(maxsize=None)
def first_tokens() -> frozenset:
    """Every ``Token.lower`` a candidate of ``_simple_unit`` that ``_lookup`` finds can start
    with: a whole surface, any start of one (the first of several tokens, spaced or glued:
    "square feet", "km/h"), an inflection ``lexicon.singular`` reads as a surface ("hours",
    "inch's"), and the apostrophes ``singular`` strips off."""
    out = {"'", "’"}
    for surface in unit_table():
        low = surface.lower()
        out.update(low[:k] for k in range(1, len(low) + 1))
        if " " not in low:
            out |= lexicon.inflections({low, surface})
    return frozenset(out)


@functools.lru_cache(maxsize=None)
def _number_words() -> frozenset:
    n = lexicon.load("numbers")
    return frozenset(n["units"]) | frozenset(n["tens"]) | frozenset(n["scales"])


def _lookup(surface: str, table) -> Optional[tuple[str, str, float]]:
    if surface in table:
        return table[surface]
    low = surface.lower()
    if low in table and (len(low) > 2 or surface.islower()):
        return table[low]
    parts = low.split(" ")
    sing = " ".join(parts[:-1] + [lexicon.singular(parts[-1])]) if parts[-1] not in ("feet", "inches") else low
    if sing != low and sing in table and len(low) > 2:
        return table[sing]
    return None


# --- currencies --------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def currency_tables():
    """The currency lexicon: (symbols, ISO codes, words -> (code, factor))."""
    c = lexicon.load("currencies")
    words = {k: (v[0], float(v[1])) for k, v in c["words"].items()}
    by_adjective: dict[str, list[str]] = {}
    for noun, adjective in c.get("countries", {}).items():
        by_adjective.setdefault(adjective, []).append(noun)
    for name, hit in list(words.items()):
        first, _, rest = name.partition(" ")
        for noun in by_adjective.get(first, []) if rest else []:
            words.setdefault(f"{noun} {rest}", hit)  # "mexico peso" as "mexican peso"
    return c["symbols"], frozenset(c["codes"]["codes"]), words


def currency_prefix(toks: list[Token], i: int) -> Optional[tuple[str, int]]:
    """("USD", j) for "$", "US$", "US $", "usd$", "c $", "EUR", "€", "ringgit" starting at ``i``;
    j is the next token."""
    first = toks[i]
    if first.text not in prefix_starts() and first.lower not in prefix_starts():
        return None
    symbols, codes, _ = currency_tables()
    n_toks = len(toks)
    for n in (3, 2, 1):
        if i + n > n_toks:
            continue
        chunk = toks[i:i + n]
        if any(chunk[k].end != chunk[k + 1].start for k in range(n - 1)) and n > 1:
            # "US $ 5", "c $ 300" (spaced) is allowed only for a code followed by a symbol
            if not (n == 2 and chunk[0].text in _SPACED_DOLLAR_LETTERS and chunk[1].text == "$"):
                continue
        text = "".join(t.text for t in chunk)
        if text in symbols:
            return symbols[text], i + n
        if n > 1 and text[-1] == "$" and text.upper() in symbols and text[:-1].isalpha():
            return symbols[text.upper()], i + n  # "nt $ 50 billion", "hk$ 300": the letters in lower case
        if n == 2 and chunk[1].text == "$" and (chunk[0].text.upper() in codes or chunk[0].text in ("c", "C")):
            code = chunk[0].text.upper()
            return ({"C": "CAD", "A": "AUD", "RMB": "CNY"}.get(code, code)), i + 2
        if n == 1 and text in codes:
            return _canonical_code(text), i + 1
    named = _named_dollar_sign(toks, i)
    if named is not None:
        return named
    return _named_before(toks, i)


def _named_before(toks: list[Token], i: int) -> Optional[tuple[str, int]]:
    """"ringgit 42", "malaysian ringgit 42": a currency named before the amount (not one that
    names the amount before it: "40 yuan 3 days ago")."""
    if i > 0 and (toks[i - 1].is_digit or toks[i - 1].lower in _number_words()):
        return None
    words = currency_tables()[2]
    n_toks = len(toks)
    for n in (2, 1):
        if i + n < n_toks and toks[i + n].is_digit and all(t.is_word for t in toks[i:i + n]):
            text = " ".join(t.lower for t in toks[i:i + n])
            sing = " ".join(text.split()[:-1] + [lexicon.singular(text.split()[-1])])
            for cand in (text, sing):
                if cand in words and cand not in _AMBIGUOUS_PREFIX_WORDS and words[cand][1] == 1.0:
                    return words[cand][0], i + n
    return None


# Letters a dollar sign may follow with a space (Recognizers-Text's CurrencyPrefixList: "us $",
# "c $", "nz $", "hk $", "nt $"), in capitals or in lower case (not "us", the pronoun).
_SPACED_DOLLAR_LETTERS = frozenset({"US", "U.S.", "C", "c", "A", "NZ", "HK", "NT", "nz", "hk", "nt"})
_SIGN_NAMES = {"$": "dollar", "£": "pound", "₽": "ruble"}  # a sign that several countries' currencies share


def _named_dollar_sign(toks: list[Token], i: int) -> Optional[tuple[str, int]]:
    """"Australian $20", "Hong Kong $ 100": the dollar sign after the name of its country, as
    Recognizers-Text's CurrencyPrefixList writes them ("<country> $")."""
    words = currency_tables()[2]
    for n in (3, 2, 1):
        k = i + n
        if k + 1 >= len(toks) or toks[k].text not in _SIGN_NAMES or not all(t.is_word for t in toks[i:k]):
            continue
        hit = words.get(" ".join(t.lower for t in toks[i:k]) + " " + _SIGN_NAMES[toks[k].text])
        if hit is not None and hit[1] == 1.0:
            return hit[0], k + 1
    return None


@functools.lru_cache(maxsize=None)
def prefix_starts() -> frozenset:
    """The first token of every way a currency can be written before an amount."""
    symbols, codes, words = currency_tables()
    starts = {"U", *_SPACED_DOLLAR_LETTERS}
    for sym in symbols:
        toks = tokenize(sym)
        if toks:
            starts.add(toks[0].text)
    starts.update(codes)
    starts.update(c.lower() for c in codes)
    starts.update(w.split()[0] for w in words)
    return frozenset(starts)


# Currency words that also open ordinary phrases ("the dollar 5 ..."): never a prefix.
_AMBIGUOUS_PREFIX_WORDS = frozenset({"dollar", "pound", "euro", "real", "won", "rand", "franc", "buck",
                                     "c", "p", "cent", "penny", "pence", "sterling", "yen", "kip", "lari"})
# Letters that are money only written in lower case at the end of the phrase (or glued): "20p",
# "5 c", "42 le", "10 tl", "20 rs" (never "Le Pen").
_LOWER_ONLY = frozenset({"p", "c", "le", "tl", "rs"})
# Lower-case ISO codes that are English words: only upper case counts.
_WORD_CODES = frozenset({"try", "all", "cup", "top", "mop", "pen", "gel", "mad", "ang", "lak", "bam",
                         "sos", "php", "eur", "kgs"})  # "kgs": kilograms


def currency_suffix(toks: list[Token], j: int) -> Optional[tuple[str, float, int]]:
    """("EUR", 1.0, j') for "euros", "pence", "US dollars", "EUR", "$", "MEUR", "USD million"
    after a number."""
    symbols, codes, words = currency_tables()
    n_toks = len(toks)
    if j >= n_toks:
        return None
    tok = toks[j]
    if tok.text == "U" and _dotted_us(toks, j):
        got = currency_suffix(toks, j + 4)  # "20 U.S. dollars": the dotted "U.S." before a currency word
        return (got[0], got[1], got[2]) if got is not None and got[0] == "USD" and got[1] == 1.0 else None
    if tok.text not in symbols and tok.lower not in _suffix_words() and tok.text.upper() not in codes \
            and not (len(tok.text) == 4 and tok.text[1:] in codes):
        return _glued_surface(toks, j)  # no symbol, currency word or code starts here: "US$", "L.E." may
    glued = j > 0 and toks[j - 1].end == toks[j].start
    # a symbol after the amount: "10 $", "7€", "100元", "42 RM" (letters: glued, non-Latin or capitals)
    if tok.text in symbols and (not tok.text[0].isalpha() or glued or not tok.text.isascii()
                                or (tok.text.isupper() and len(tok.text) > 1)):
        return symbols[tok.text], 1.0, j + 1
    for n in range(min(_name_words().get(tok.lower, 3), n_toks - j), 0, -1):
        text = " ".join(t.lower for t in toks[j:j + n])
        for cand in (text, _singular_name(text)):
            if cand in words:
                code, factor = words[cand]
                if cand == "pound" and n == 1 and not _scaled(toks, j) and not _pence_after(toks, j + 1):
                    continue  # "pounds" is a weight unless "£", "sterling" or millions say otherwise
                if not _word_fits(toks, j, cand, glued):
                    continue
                return code, factor, j + n
        if n == 1:
            code = tok.text.upper()
            upper_ok = tok.text.isupper() or (tok.lower not in _WORD_CODES and tok.lower not in lexicon.stopwords())
            if code in codes and upper_ok:
                code = _canonical_code(code)
                # "75 USD million"
                if j + 1 < n_toks and toks[j + 1].lower in _scale_words():
                    return code, float(_scale_words()[toks[j + 1].lower]), j + 2
                return code, 1.0, j + 1
            # "120 MEUR", "20 MUSD": millions of a currency
            if len(tok.text) == 4 and tok.text[0] in "MK" and tok.text[1:] in codes and tok.text.isupper():
                return tok.text[1:], (1e6 if tok.text[0] == "M" else 1e3), j + 1
    return _glued_surface(toks, j)


@functools.lru_cache(maxsize=None)
def _glued_surfaces() -> dict[str, tuple[str, float]]:
    """Signs and names written as several tokens glued together ("US$", "L.E.", "l.e.", "Rs."):
    the surface -> (code, factor)."""
    symbols, _, words = currency_tables()
    out = {}
    for surface, code in symbols.items():
        if len(tokenize(surface)) > 1:
            out[surface] = (code, 1.0)
    for surface, hit in words.items():
        if " " not in surface and len(tokenize(surface)) > 1:
            out[surface] = hit
    return out


@functools.lru_cache(maxsize=None)
def _glued_starts() -> frozenset:
    starts = {tokenize(s)[0].text for s in _glued_surfaces()}
    return frozenset(starts | {tokenize(s)[0].text.lower() for s in _glued_surfaces() if s.endswith("$")})


def _glued_surface(toks: list[Token], j: int) -> Optional[tuple[str, float, int]]:
    """A sign of several glued tokens after the amount: "10 US$", "42 L.E.", "42 l.e."."""
    if toks[j].text not in _glued_starts():
        return None
    surfaces = _glued_surfaces()
    best = None
    text = toks[j].text
    for k in range(j + 1, min(j + 5, len(toks)) + 1):
        if text in surfaces and (text.lower() != text or text in currency_tables()[2]):
            best = (*surfaces[text], k)
        elif text.endswith("$") and text.upper() in surfaces:  # "20 s$", "20 nt$": the letters in lower case
            best = (*surfaces[text.upper()], k)
        if k >= len(toks) or toks[k].start != toks[k - 1].end:
            break
        text += toks[k].text
    if best is not None and best[2] > j + 1:
        return best
    return None


def _singular_name(text: str) -> str:
    """"us dollars" -> "us dollar"; "jamaican $" -> "jamaican dollar" (the sign after its
    country's name)."""
    if text[-2:] in (" $", " £", " ₽"):
        return text[:-1] + _SIGN_NAMES[text[-1]]
    return " ".join(text.split()[:-1] + [lexicon.singular(text.split()[-1])])


def _dotted_us(toks: list[Token], j: int) -> bool:
    """"U.S." written with its dots (four tokens glued), then a word."""
    if j + 4 >= len(toks) or [t.text for t in toks[j:j + 4]] != ["U", ".", "S", "."]:
        return False
    return all(toks[k].end == toks[k + 1].start for k in range(j, j + 3)) and toks[j + 4].is_word


@functools.lru_cache(maxsize=None)
def _name_words() -> dict[str, int]:
    """The first word of each currency name of several words -> the most words such a name
    has ("west african cfa franc": 4); names of one word or three at most need no entry."""
    out: dict[str, int] = {}
    for name in currency_tables()[2]:
        parts = name.split(" ")
        if len(parts) > 3:
            out[parts[0]] = max(out.get(parts[0], 3), len(parts))
    return out


@functools.lru_cache(maxsize=None)
def _suffix_words() -> frozenset:
    """Every ``Token.lower`` a currency word of ``currency_suffix`` can start with: the
    first word of a name of several ("US dollars"), a name of one word or an inflection
    ``lexicon.singular`` reads as one ("euros")."""
    names = currency_tables()[2]
    single = {w for w in names if " " not in w}
    return frozenset({w.split(" ")[0] for w in names} | single | lexicon.inflections(single))


def _canonical_code(code: str) -> str:
    return lexicon.load("currencies").get("aliases", {}).get(code, code)


@functools.lru_cache(maxsize=None)
def _scale_words() -> dict:
    return lexicon.load("numbers")["scales"]


def _scaled(toks: list[Token], j: int) -> bool:
    """The amount before ``j`` carries a scale: "361 million pounds", "£5bn"."""
    prev = toks[j - 1] if j > 0 else None
    return prev is not None and (prev.lower in _scale_words() or prev.text in ("m", "bn", "mn", "k"))


def _pence_after(toks: list[Token], k: int) -> bool:
    """Pence after "pounds" ("5 pounds 20", "five pounds fifty", "2 pounds and 30 pence"): the
    pounds are money (Duckling's '<amount> <natural>' cents rule), not a weight ("7 pounds 8
    ounces")."""
    if k < len(toks) and toks[k].lower == "and":
        k += 1
    words = _number_words()
    m = k
    while m < len(toks) and (toks[m].lower in words or (m > k and toks[m].text == "-")
                             or (m == k and toks[m].text.isdecimal() and 0 < int(toks[m].text) < 100)):
        m += 1
    if m == k:
        return False
    return _ends_phrase(toks, m) or toks[m].lower in ("pence", "p")


def _word_fits(toks: list[Token], j: int, cand: str, glued: bool) -> bool:
    """Whether the currency word ``cand`` at ``j`` may be money: the short lower-case ones glued
    or at a phrase end; "grand" lower case before punctuation or a stopword ("5 grand in cash",
    never "two grand juries")."""
    tok = toks[j]
    if cand in _LOWER_ONLY:
        return tok.text == cand and (glued or _ends_phrase(toks, j + 1))
    if cand == "grand":
        return tok.text == cand and (_ends_phrase(toks, j + 1) or toks[j + 1].lower in lexicon.stopwords())
    return True


def _ends_phrase(toks: list[Token], k: int) -> bool:
    return k >= len(toks) or not (toks[k].is_word or toks[k].is_digit)
