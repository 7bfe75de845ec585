"""Annotated texts and fact sheets on a terminal: marked spans, their notes, and sections around tables."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from rich.text import Span, Text

from kzcn.escape import visible
from kzcn.model.document import Document
from kzcn.model.result import Card, Result
from kzcn.render.options import RenderOptions
from kzcn.render.reading import badge_text, pieces, source_line, tag

KIND_MARK_STYLES = {
    "statistic": "green underline",
    "event": "cyan underline",
    "forecast": "yellow underline",
    "opinion": "magenta underline",
}
"""Colour and underline per kind; the tag letter after each closing bracket carries the kind without colour."""


def legend_line(document: Document) -> str:
    """What the marks mean, for the top of an annotated text."""
    kinds = "; ".join(f"{letter} {style} ({meaning})" for style, letter, meaning in document.legend)
    return (
        f"Marks: ⟦quoted words⟧Kn = words fact n quotes, K its kind: {kinds}. "
        "Unmarked text: no fact quotes it (dimmed in colour)."
    )


def document_parts(document: Document, *, color: bool) -> list[RenderableType]:
    """Each paragraph with its marks, then the facts it carries, one line each. Without colour no style prints, and
    each line is its string (see grid.Cell): a 10 MB article's Texts were a third of its time."""

    def line(text: str, style: str = "") -> RenderableType:
        return Text(text, style=style) if color else text

    letters = {style: letter for style, letter, _meaning in document.legend}
    parts: list[RenderableType] = [line(visible(legend_line(document)), "dim"), line("")]
    for block in document.blocks:
        parts.append(line(f"¶{block.number}", "bold"))
        # The line's text and its styled spans, then one Text: what appending piece by piece gives, in a third of
        # the time (Text.append copies and checks each piece).
        texts: list[str] = []
        spans: list[Span] = []
        offset = 0
        # A paragraph with nothing to escape has no piece to escape either: one search instead of one per piece.
        shown = visible if visible(block.text) != block.text else str
        for piece in pieces(block):
            if piece.opens is not None:
                text, style = "⟦", "bold"
            elif piece.closes is not None:
                text, style = f"⟧{tag(piece.closes, letters)}", "bold"
            elif not piece.marks:
                text, style = shown(piece.text), "dim"
            else:
                style = KIND_MARK_STYLES.get(piece.marks[-1].style, "underline")
                if any(mark.focus for mark in piece.marks):
                    style += " bold reverse"
                text = shown(piece.text)
            if text:
                texts.append(text)
                if color:
                    spans.append(Span(offset, offset + len(text), style))
                    offset += len(text)
        parts.append(Text("".join(texts), spans=spans) if color else "".join(texts))
        for note in block.notes:
            parts.append(line(visible(f"  {letters.get(note.style, '?')}{note.ref}  {note.key}: {note.text}")))
        parts.append(line(""))
    return parts


def section_parts(
    result: Result, options: RenderOptions, render_parts: Callable[[Result, RenderOptions], list[RenderableType]]
) -> list[RenderableType]:
    """A fact sheet: its title, then each section's heading, prose and content (rendered like any result)."""
    parts: list[RenderableType] = []
    if result.title:
        parts += [Text(visible(result.title), style="bold"), Text("")]
    parts += [Text(visible(paragraph)) for paragraph in result.lead]
    if result.lead:
        parts.append(Text(""))
    for section in result.sections:
        parts.append(Text(visible(section.heading.upper()), style="bold"))
        if section.tally:
            parts.append(Text("   ".join(f"{badge_text(verdict)}: {count}" for verdict, count in section.tally)))
        parts += [Text(visible(paragraph)) for paragraph in section.text]
        if section.cards:
            parts += [part for item in section.cards for part in card_parts(item, options.width)]
        elif section.result is not None:
            parts += render_parts(section.result, options)
        parts.append(Text(""))
    return parts


def card_parts(card: Card, width: int) -> list[RenderableType]:
    """A claim card on a terminal: the claim, the article's words, the verdict, what the record shows, the evidence;
    each line after the claim indented, and wrapped under its indent between words."""
    from kzcn.render.table_layout import whole_word_lines

    paragraphs = ", ".join(f"¶{number}" for number in card.paragraphs)
    lines = [f"“{card.quote}”", f"The article, {paragraphs}: {card.says}. {card.claim}"]
    verdict = f"{badge_text(card.verdict)}: {card.verdict_meaning}."
    if card.kind == "forecast":
        outcome = badge_text(card.outcome) if card.outcome else "not judged yet"
        lines += [
            f"Made as the article reports it? {verdict}",
            f"What became of it? {outcome}: {card.outcome_summary or ''}",
        ]
    else:
        lines.append(verdict)
    if card.summary:
        lines.append(f"What the record shows: {card.summary}")
    for item in card.evidence:
        where = ", ".join(
            part for part in (source_line(item.publisher, item.published, item.language), item.url) if part
        )
        note = f" {item.note}" if item.note else ""
        lines.append(f"- {item.bearing}: “{item.quote}” ({where}).{note}")
    lines += [f"Caveat: {caveat}" for caveat in card.caveats]
    parts: list[RenderableType] = [Text(""), Text(visible(card.statement), style="bold")]
    for line in lines:
        parts += whole_word_lines(visible(line), width, indent="  ")
    return parts
