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
from typing import Any

_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word
_TRAILING_WHITESPACE = re.compile(r"\s+$")  # rich.text._re_whitespace

_CANDIDATES = ((0x20, 0x7E), (0xA0, 0x52F), (0x2000, 0x27FF))
"""The ranges whose one-cell characters are taken as they are: the rest of Unicode goes through Rich."""

_single_cell: frozenset[str] | None = None


def _single_cell_characters() -> frozenset[str]:
    """The characters of _CANDIDATES that Rich measures as one cell (and that \\s does not read as a line end),
    asked of Rich itself once, so that its Unicode tables and this module never disagree."""
    global _single_cell
    if _single_cell is None:
        from rich.cells import get_character_cell_size

        _single_cell = frozenset(
            character
            for low, high in _CANDIDATES
            for character in map(chr, range(low, high + 1))
            if get_character_cell_size(character) == 1 and character not in "\x85\u2028\u2029"
        )
    return _single_cell


def plain_lines(text: Any, width: int, *, wrap: bool) -> str | None:
    """What Rich prints for the Text `text` at `width` columns without colour, its final newline included; None
    when this module cannot say (a character Rich measures otherwise, a tab, a Text with its own settings)."""
    if text.justify or text.overflow or text.no_wrap or text.end != "\n" or text.tab_size:
        return None
    plain: str = text.plain
    if not _single_cell_characters().issuperset(plain.replace("\n", "")):
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
    """rich._wrap.divide_line for one-cell characters: a character's cells are its length."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            chunks = [word[at : at + width] for at in range(0, len(word), width)]
            for index, chunk in enumerate(chunks):
                if start:
                    breaks.append(start)
                if index == len(chunks) - 1:
                    offset = len(chunk)
                else:
                    start += len(chunk)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _rstrip_end(line: str, width: int) -> str:
    """rich.text.Text.rstrip_end: whitespace past `width` removed from the end."""
    excess = len(line) - width
    if excess > 0:
        match = _TRAILING_WHITESPACE.search(line)
        if match is not None:
            return line[: len(line) - min(len(match.group(0)), excess)]
    return line
