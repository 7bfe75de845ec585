"""Numbers as a text writes them, read as a reader reads them: digits in any grouping, signs, and number words."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from kzcn.escape import INVISIBLE

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "hundred": 100, "thousand": 1000,
}  # fmt: skip


@dataclass(frozen=True)
class NumberToken:
    """A number written in a text, where it stands and what it can mean."""

    start: int
    """Offset of its first character."""
    end: int
    """Offset just past its last character."""
    values: frozenset[int | float]
    """What it reads as: "1,300" is 1300 only; "1.300" may be 1.3 or 1300; "two" is 2."""
    digits: bool
    """True when written in digits, False for a number word."""


_GROUPING = "\u00a0\u2007\u2009\u202f'\u2019\u066c"
"""Between digit groups these only group thousands (1 300 with a thin or no-break space, 1'300, Arabic ٬)."""
_DECIMAL = ".,\u066b"
"""Between digits these may mark thousands or a decimal part (1,300; 1.3; Arabic ٫)."""
_FOREIGN_JOINERS = "\uff0e\uff0c\ufe52\u2024\u00b7\u060c\u2044"
"""Between two digits these join them for a reader (fullwidth ．，, the one-dot leader, a middle dot, the Arabic
comma, the fraction slash), but kzcn does not read them: the digits on either side are then no number."""
_AFTER_DIGITS = "\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u209f\u2150-\u218b"
"""Superscripts, subscripts and vulgar fractions: 10² or 1½ is not the 10 or 1 before them."""
_SCALE_SUFFIX = (
    "bn|bln|mln|mn|trln|trn|tn|k|m|b|thousand|million|billion|trillion|млрд|млн|трлн|тыс"
    "|km|kg|kt|t|mt|mw|gw|kw|kwh|bbl|teu|usd|eur|kzt|rub|cny|pct|x"
)
"""Letters that may touch a number: a scale or a unit written on it (21mln, $76bn, 560kt); any other letter makes
no number of it (1O with a letter O, 1З with a Cyrillic Ze)."""
_SIGN = "-\u2212\u2013"
"""A minus sign, or what stands for one: hyphen-minus, U+2212, an en dash."""

_WORD_INITIALS = "".join(sorted({word[0] for word in _NUMBER_WORDS}))
_NUMBER_WORD = "|".join(
    f"{initial}(?:{'|'.join(word[1:] for word in _NUMBER_WORDS if word[0] == initial)})" for initial in _WORD_INITIALS
)
"""The number words, grouped by their first letter (t(?:wo|hree|en|...)): a word that starts with none of them is
passed over at its first letter, not tried against every word."""

_NUMBER_TOKEN = re.compile(
    # Digits may follow a currency code and touch a scale (KZT7,240, $76bn, 21mln), but not stand inside a word
    # (A1, v2) nor continue one (the 5 of .5, the 300 of 1,300 or 1 300) nor carry an ordinal's suffix (1st, 4th),
    # nor touch an invisible character: "1<U+200B>3" shows as 13 to a reader, so it is read as no number at all
    # rather than as 1 and 3. A minus sign before a number is part of it. Number words alike ("two<U+200B>a").
    # Every match begins with a sign, a digit or a number word's first letter: asked first, once, most positions are
    # passed over at once (a quarter of the expression's time at 30,000 facts); each branch then looks at its own.
    rf"(?=[{_SIGN}\d{_WORD_INITIALS}])(?:(?=[{_SIGN}]?\d)(?:(?-i:(?<=[A-Z]{{3}}))|(?<![\w.{INVISIBLE}])(?<![\d{INVISIBLE}][,{_GROUPING}{_DECIMAL}{_FOREIGN_JOINERS}/]))"
    rf"(?:(?<![\w.,])[{_SIGN}](?=\d)|(?<![^\w.,][{_SIGN}])(?<!^[{_SIGN}]))\d+(?:[{_DECIMAL}{_GROUPING}]\d+)*"
    rf"(?!\d|[{_DECIMAL}{_GROUPING}{_FOREIGN_JOINERS}][{INVISIBLE}]*\d|[{INVISIBLE}{_AFTER_DIGITS}]"
    rf"|(?:s[{INVISIBLE}]*t|n[{INVISIBLE}]*d|r[{INVISIBLE}]*d|t[{INVISIBLE}]*h)\b|(?!(?:{_SCALE_SUFFIX})(?![^\W\d_]|[{INVISIBLE}]))[^\W\d_])"
    rf"|(?=[{_WORD_INITIALS}])(?<![\w{INVISIBLE}])(?:{_NUMBER_WORD})(?![\w{INVISIBLE}]))",
    flags=re.IGNORECASE,
)  # number words by name: matching every word and looking it up was most of the meaning check's time


def _readings(token: str) -> set[int | float]:
    if token.isascii() and token.isdigit():  # most numbers ("2017", "3"): one ASCII run of digits, read as it is
        try:
            return {int(token)}
        except ValueError:  # more digits than Python converts, as _unsigned_readings says
            return set()
    negative = token[0] in _SIGN
    digits = token.lstrip(_SIGN)
    if len({ord(char) - unicodedata.digit(char, 0) for char in digits if char.isdigit()}) > 1:
        return set()  # digits of two scripts (1 and Bengali ৪, which looks like 8): no number a reader can trust
    if any(char in _GROUPING for char in digits):
        groups = re.split(f"[{_GROUPING}]", digits)
        if not all(len(group) == 3 and group.isdigit() for group in groups[1:]) or not groups[0].isdigit():
            return set()  # a grouping space or apostrophe only ever separates thousands
        digits = "".join(groups)
    digits = digits.replace("\u066b", ".").replace("\u066c", ",")
    found = _unsigned_readings(digits)
    return {-value for value in found} if negative else found


def _unsigned_readings(token: str) -> set[int | float]:
    groups = re.split(r"[.,]", token)
    try:
        if len(groups) == 1:
            return {int(token)}
        found: set[int | float] = set()
        if all(len(group) == 3 for group in groups[1:]):
            found.add(int("".join(groups)))  # separators of thousands: 1,556 and 1.234.567
        # One decimal separator: 1.3, and 1,3 as continental Europe writes it. A comma before exactly three digits
        # separates thousands (1,300 is never 1.3); a point there stays ambiguous (1.300 is 1.3 in English).
        if len(groups) == 2 and not ("," in token and len(groups[1]) == 3):
            found.add(float(f"{groups[0]}.{groups[1]}"))
        return found
    except ValueError:  # more digits than Python converts (4,300 of them): no amount of a knowledge base
        return set()


@functools.lru_cache(maxsize=8)
def number_tokens(text: str) -> tuple[NumberToken, ...]:
    """Every number written in the text, in order: digits ("1.3", "1,556", "1.234.567") or a small English number
    word. Whole numbers are ints, so that any amount compares exactly, however large.

    The last few answers are kept: the check asks about one fact's statement and quotes up to seven times."""
    found = []
    for match in _NUMBER_TOKEN.finditer(text):
        token = match.group()
        if token[0].isdigit() or token[0] in _SIGN:
            values = _readings(token)
            if values:
                found.append(NumberToken(match.start(), match.end(), frozenset(values), True))
        elif token.lower() in _NUMBER_WORDS:
            found.append(NumberToken(match.start(), match.end(), frozenset({_NUMBER_WORDS[token.lower()]}), False))
    return tuple(found)


def numbers_in(text: str) -> set[int | float]:
    """Every value the numbers written in the text can have (see number_tokens)."""
    return {value for token in number_tokens(text) for value in token.values}
