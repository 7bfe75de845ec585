"""Lines of text printed without colour as Rich prints them, without Rich: for long annotated texts in a pipe.

Rich wraps and renders each line through several layers of objects: an annotated 10 MB article took 28 s as a
table but 2 s as HTML. Without colour, a Text's styles print nothing, so its output is its plain text, wrapped
at word boundaries as Rich's Text.wrap wraps it (rich/_wrap.py's divide_line, then rstrip_end). This module does
that for text whose every character Rich measures as one cell (Latin, Greek, Cyrillic, common punctuation): there
a character's width is 1 and the arithmetic is that of string lengths. Any other text returns None, and Rich
prints it. tests/render/test_plain_text.py holds the two to the same output.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

_NON_SPACE = re.compile(r"\S+")  # the heart of each of rich._wrap.re_word's words (\s*\S+\s*)
_TRAILING_WHITESPACE = re.compile(r"\s+$")  # rich.text._re_whitespace

_CANDIDATES = ((0x20, 0x7E), (0xA0, 0x52F), (0x2000, 0x27FF))
"""The ranges whose one-cell characters are taken as they are: the rest of Unicode goes through Rich."""

_ONE_CELL: dict[str, bool] = {}
"""Each character met so far: whether it is one of _CANDIDATES that Rich measures as one cell."""


def _one_cell(characters: set[str]) -> bool:
    """Whether every one of `characters` is in _CANDIDATES, measured by Rich as one cell, and not read by \\s as a
    line end. Rich is asked about each character once, when first met: asking about all of _CANDIDATES at once (3,500
    characters) cost every table printed to a pipe 9 ms; the few dozen a table holds cost a fraction of one."""
    for character in characters:
        known = _ONE_CELL.get(character)
        if known is None:
            from rich.cells import get_character_cell_size

            code = ord(character)
            known = _ONE_CELL[character] = (
                any(low <= code <= high for low, high in _CANDIDATES)
                and character not in "\x85\u2028\u2029"
                and get_character_cell_size(character) == 1
            )
        if not known:
            return False
    return True


def plain_lines(text: Any, width: int, *, wrap: bool) -> str | None:
    """What Rich prints for the Text `text` at `width` columns without colour, its final newline included; None
    when this module cannot say (a character Rich measures otherwise, a tab, a Text with its own settings)."""
    if text.justify or text.overflow or text.no_wrap or text.end != "\n" or text.tab_size:
        return None
    plain: str = text.plain
    if not _one_cell(set(plain) - {"\n"}):
        return None
    if not wrap:
        return plain + "\n"
    return "".join(line + "\n" for paragraph in plain.split("\n") for line in _wrapped(paragraph, width))


def _wrapped(line: str, width: int) -> list[str]:
    """One line cut at Rich's break offsets, each piece cleared of the whitespace beyond `width`."""
    offsets = _break_offsets(line, width)
    pieces = [line[start:end] for start, end in zip([0, *offsets], [*offsets, len(line)], strict=True)]
    return [_rstrip_end(piece, width) for piece in pieces]


def _break_offsets(text: str, width: int) -> list[int]:
    """rich._wrap.divide_line for one-cell characters, a line at a time rather than a word at a time.

    Rich's words are runs of non-space with the space after them (and before the first). On a line starting at
    offset `line`, a word fits while its non-space part ends at most `width` past `line`; the first that does not
    starts the next line, or, longer than a line itself, is folded into pieces of `width` characters, its last
    piece starting the next line. Finding that word by bisection over the words' ends is what makes a long
    paragraph cheap."""
    runs = [match.span() for match in _NON_SPACE.finditer(text)]
    if not runs:
        return []
    ends = [end for _start, end in runs]
    starts = [0, *(start for start, _end in runs[1:])]
    breaks: list[int] = []
    line = 0
    index = 0
    while True:
        index = bisect_right(ends, line + width, index)
        if index == len(runs):
            return breaks
        start = starts[index]
        if ends[index] - start <= width:
            breaks.append(start)  # the word fits on a line of its own: it starts the next
            line = start
            continue
        word_end = starts[index + 1] if index + 1 < len(runs) else len(text)
        pieces = -(-(word_end - start) // width)
        breaks += [start + width * piece for piece in range(pieces) if start + width * piece]
        line = start + width * (pieces - 1)
        index += 1


def _rstrip_end(line: str, width: int) -> str:
    """rich.text.Text.rstrip_end: whitespace past `width` removed from the end."""
    excess = len(line) - width
    if excess > 0:
        match = _TRAILING_WHITESPACE.search(line)
        if match is not None:
            return line[: len(line) - min(len(match.group(0)), excess)]
    return line
