"""Annotated documents: what a Result shows instead of a table in the formats made for reading (apart from
result.py so that the commands that print tables never define them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    """A quoted span of a paragraph, tagged with the fact it stands for."""

    start: int
    """Offset of the marked span in its paragraph's text."""
    end: int
    """Offset just past it."""
    ref: int
    """The number the document gives the fact, from 1: its footnote and its tag."""
    style: str
    """What the span is, as a key of Document.legend: a kind of claim (statistic, forecast, ...)."""
    focus: bool = False
    """True for the span a reader asked to see (--fact): shown emphasised."""


@dataclass(frozen=True)
class Note:
    """The note under a paragraph for one fact its marks stand for."""

    ref: int
    """The number its marks carry."""
    key: str
    """The id of what the marks stand for (a fact id): an anchor, and the first words of the note."""
    style: str
    """The same key as its marks'."""
    text: str
    """What to say of it: kind, who says it, verdict, statement."""


@dataclass(frozen=True)
class Block:
    """One paragraph of an annotated document, with its marks and notes."""

    number: int
    """The paragraph's number in its source."""
    text: str
    """The paragraph as the source writes it."""
    marks: tuple[Mark, ...]
    """The quoted spans in it, by start."""
    notes: tuple[Note, ...]
    """What each mark stands for, once per ref, in the order of first mark."""


@dataclass(frozen=True)
class Document:
    """A source's text, paragraph by paragraph, each quoted span marked by its claim."""

    title: str
    """What the document is: "article (en)"."""
    language: str | None
    """Its language (en, ru, ...), for an HTML lang attribute; None where unknown."""
    blocks: tuple[Block, ...]
    """The paragraphs shown, in order."""
    legend: tuple[tuple[str, str, str], ...]
    """(style, tag letter, meaning) for every style a mark may have; text no mark covers is plain."""
