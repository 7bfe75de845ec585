"""What the formats made for reading share: a marked paragraph as a stream of text, openings and closings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kzcn.escape import URL_CHARACTERS, is_web_url
from kzcn.model.document import Block, Mark
from kzcn.model.result import Context, Field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph under one set of open marks, as the reading formats lay it out."""

    text: str
    """Words of the paragraph ("" for an opening or a closing)."""
    marks: tuple[Mark, ...]
    """The marks open over these words, outermost first (none: words no quote covers; none for an opening or a
    closing, which carry their own mark)."""
    opens: Mark | None = None
    """A mark that starts here."""
    closes: Mark | None = None
    """A mark that ends here."""


def pieces(block: Block) -> Iterator[Piece]:
    """The paragraph in order: each mark opens before its first word and closes after its last; spans that overlap
    without nesting close and open as they come, so every mark's words are exactly its span."""
    edges = sorted({0, len(block.text), *(mark.start for mark in block.marks), *(mark.end for mark in block.marks)})
    starting: dict[int, list[Mark]] = {}
    for mark in block.marks:
        starting.setdefault(mark.start, []).append(mark)
    open_marks: list[Mark] = []
    for at, following in zip(edges, [*edges[1:], None], strict=True):
        # Close what ends here (innermost first), then open what starts here (outermost, the longest, first). By
        # position, not by equality: a thousand facts may quote the same words, and their marks compare equal.
        closing = [mark for mark in reversed(open_marks) if mark.end == at]
        if closing:
            open_marks = [mark for mark in open_marks if mark.end != at]
            for mark in closing:
                yield Piece("", (), closes=mark)
        for mark in sorted(starting.get(at, ()), key=lambda m: -m.end):
            open_marks.append(mark)
            yield Piece("", (), opens=mark)
        if following is not None and following > at:
            yield Piece(block.text[at:following], tuple(open_marks))


def tag(mark: Mark, legend: dict[str, str]) -> str:
    """The tag after a mark's closing bracket: its kind's letter, then its number, "S4" (a letter after the digits
    read as one more digit: "19O" as 190)."""
    return f"{legend.get(mark.style, '?')}{mark.ref}"


def labelled_value(field: Field, record: dict[str, Any]) -> str:
    """A field's value in a one-thing sheet, as words: lists joined with their prefixes, "—" or the field's word
    for nothing, and the field's flag text where its flag is set ("$5 billion (forecast, not a result)")."""
    value = record.get(field.key)
    if value is None or value == []:
        return field.missing
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, list):
        text = field.joiner.join(field.item_text(item, prefixed=True) for item in value)
    else:
        text = str(value)
    if field.flag is not None and record.get(field.flag):
        text += field.flag_text
    return text


def quote_in_context(context: Context) -> tuple[str, str, str]:
    """(before, quote, after) of a paragraph around its quote; the whole paragraph before an empty quote where the
    quote was not found in it."""
    if context.start < 0:
        return context.text, "", ""
    return context.text[: context.start], context.text[context.start : context.end], context.text[context.end :]


VERDICT_SIGNS = {
    "supported": "✔",
    "partly-supported": "◐",
    "not-supported": "✘",
    "contradicted": "⊘",
    "not-checkable": "–",
    "unverified": "?",
    "unreviewed": "…",
    "met": "✔",
    "not-met": "✘",
    "too-early": "…",
    "not-found": "?",
}
"""A sign beside each verdict and outcome, so a badge differs by shape as well as by colour and word."""


def badge_text(verdict: str | None) -> str:
    """A verdict as a badge reads: its sign and its word ("✔ supported"); unreviewed for none."""
    word = verdict or "unreviewed"
    return f"{VERDICT_SIGNS.get(word, '•')} {word}"


def host_of(url: str) -> str | None:
    """The host a link goes to, shown as the link; None for an address that must not be a link (is_web_url)."""
    from urllib.parse import urlsplit

    return urlsplit(url).hostname if is_web_url(url) else None


_ADDRESS_IN_TEXT = re.compile("https?://[" + re.escape("".join(sorted(URL_CHARACTERS))) + "]+")
"""An address in running text: a scheme, then the characters an address holds (escape.URL_CHARACTERS)."""


def with_addresses(text: str) -> list[tuple[str, str | None]]:
    """The text in pieces, each (words, None), (an http(s) address, its host) or (something like an address that
    must not be a link, ""), for a format that links addresses. An address ends before the punctuation that ends its
    sentence and a closing bracket it did not open; one followed by a character no address holds (`?x="><b>`) is
    no address at all: linking the part before the quote would send a reader somewhere the source never named."""
    pieces: list[tuple[str, str | None]] = []
    start = 0
    for match in _ADDRESS_IN_TEXT.finditer(text):
        if match.start() < start:
            continue  # inside what an earlier match showed as text
        address = match.group().rstrip(".,;:")
        if address.endswith(")") and "(" not in address:
            address = address[:-1]
        following = text[match.end() : match.end() + 1]
        host = host_of(address) if following == "" or following.isspace() or following in "“”«»" else None
        if match.start() > start:
            pieces.append((text[start : match.start()], None))
        if host is None:
            # Up to the next space: the whole of what looked like an address, shown as text.
            end = match.start() + len(text[match.start() :].split(maxsplit=1)[0])
            pieces.append((text[match.start() : end], ""))
            start = end
            continue
        pieces.append((address, host))
        start = match.start() + len(address)
    if start < len(text) or not pieces:
        pieces.append((text[start:], None))
    return pieces


_LANGUAGES = {"en": "English", "ru": "Russian", "kk": "Kazakh", "tr": "Turkish", "zh": "Chinese", "de": "German"}
"""Names of the languages the evidence is quoted in; any other is shown by its code."""


def source_line(publisher: str | None, published: str | None, language: str | None) -> str:
    """Who published a quoted page, when, and in what language where it is not English: "kt.kz, 2019-06-25, in
    Russian"; "publisher unknown" where the page names none."""
    parts = [part for part in (publisher, published) if part] or ["publisher unknown"]
    if language and language != "en":
        parts.append(f"in {_LANGUAGES.get(language, language)}")
    return ", ".join(parts)
