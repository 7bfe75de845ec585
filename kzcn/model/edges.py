"""Where a quote may begin and end: the edges of words and numbers as a reader sees them, invisible characters
looked through."""

from __future__ import annotations

import re
import unicodedata

from kzcn.escape import INVISIBLE

_INVISIBLE_CHARACTER = re.compile(f"[{INVISIBLE}]")
_LOOKED_THROUGH = _INVISIBLE_CHARACTER
"""What the eye passes over between two characters: invisible characters, control characters that end no line
included (a reader never sees \x1f or DEL between two digits, so 1<DEL>3 is one number to them)."""
_INSIDE_NUMBER = ".,'\u2019\u00a0\u2007\u2009\u200a\u202f\u066b\u066c\uff0e\uff0c\ufe52\u2024\u00b7\u060c\u2044/"
"""Between two digits these join one number: 1.3, 1,300, 1 300 with a thin or no-break space, 1'300, the Arabic
separators, fullwidth ．and ，, a middle dot, a fraction slash (3⁄4, 3/4). A plain space does not: "in 2017 40
trains" holds two numbers."""
_SIGNS = "-\u2212\u2013"
"""A minus sign, or what stands for one."""
_INSIDE_WORD = "'\u2019"
"""Between two letters these join one word: don't, Xi'an."""


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """(offset, character) of every invisible character in the text (kzcn.escape.INVISIBLE)."""
    return [(match.start(), match.group()) for match in _INVISIBLE_CHARACTER.finditer(text)]


def _visible_at(text: str, index: int, step: int) -> tuple[int, str]:
    """The first visible character from `index` on, going `step` (-1 or 1): its offset and itself, or '' past an end.
    Invisible characters are looked through, as a reader's eye does."""
    while 0 <= index < len(text):
        char = text[index]
        # Printable ASCII is never looked through: asked first, without the expression (a million calls a check).
        if " " <= char <= "~" or not _LOOKED_THROUGH.match(char):
            return index, char
        index += step
    return index, ""


def _in_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char)[0] == "M" if char else False


def _joined(text: str, at: int) -> bool:
    """True if the boundary just before text[at] falls inside one word or number as a reader sees it."""
    where_before, before = _visible_at(text, at - 1, -1)
    where_after, after = _visible_at(text, at, 1)
    if not before or not after:
        return False
    earlier = _visible_at(text, where_before - 1, -1)[1]  # the character before `before`
    later = _visible_at(text, where_after + 1, 1)[1]  # the character after `after`
    return (
        (_in_word(before) and _in_word(after))
        or _joined_by_separator(earlier, before, after, later)
        or _joined_by_sign(earlier, before, after, later)
    )


def _joined_by_separator(earlier: str, before: str, after: str, later: str) -> bool:
    """1|.3 and 1.|3: a separator between two digits; don|'t and don'|t: an apostrophe between two letters; a.|3:
    digits straight after a word and a point or comma are no number of their own (v.2, 1a.3)."""
    if before in ".," and after.isdigit() and _in_word(earlier):
        return True
    for joiners, kind in ((_INSIDE_NUMBER, str.isdigit), (_INSIDE_WORD, str.isalpha)):
        if after in joiners and kind(before) and kind(later or "-"):
            return True
        if before in joiners and kind(after) and kind(earlier or "-"):
            return True
    return False


def _joined_by_sign(earlier: str, before: str, after: str, later: str) -> bool:
    """−|5: a minus sign before a number (not a hyphen after a word or number: 2017-18) is part of the number; and a
    quote cannot begin at such a hyphen, where it would read as a minus sign (a|-300 of "a-300" is 300, not -300)."""
    if after in _SIGNS and _in_word(before) and later.isdigit():
        return True
    return before in _SIGNS and after.isdigit() and not _in_word(earlier)


def _token_around(text: str, at: int) -> str:
    """The word or number the boundary before text[at] cuts, whole."""
    start, end = at - 1, at + 1
    while start > 0 and _joined(text, start):
        start -= 1
    while end < len(text) and _joined(text, end):
        end += 1
    return text[start:end]


def edge_cut(text: str, start: int, end: int) -> str | None:
    """Why a quote standing at text[start:end] does not begin and end on a word's or number's edge (for example
    "starts inside the number '13'"), or None if it does. Invisible characters are looked through."""
    for edge, at in (("starts", start), ("ends", end)):
        if _joined(text, at):
            token = _token_around(text, at)
            what = "number" if any(char.isdigit() for char in token) else "word"
            return f"{edge} inside the {what} {token!r}"
    return None


def number_around(text: str, offset: int) -> str | None:
    """The number an invisible character at text[offset] stands inside, as a reader sees it joined ("1<U+200B>3"),
    or None if it stands between words."""
    if not _joined(text, offset):
        return None
    token = _token_around(text, offset)
    return token if any(char.isdigit() for char in token) else None


def holds_a_word(quote: str) -> bool:
    """True if the quote carries content: a number, or a word of at least two letters."""
    return any(map(str.isdigit, quote)) or re.search(r"[^\W\d_]{2}", quote) is not None
