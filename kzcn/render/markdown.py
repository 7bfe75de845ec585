"""Markdown output: pipe tables, annotated texts with footnotes and fact sheets, for GitHub, GitLab and notes."""

from __future__ import annotations

import re
from typing import Any

from kzcn.escape import visible
from kzcn.model.document import Document
from kzcn.model.result import Chart, Field, Result, Section
from kzcn.render import markdown_cards
from kzcn.render.options import RenderOptions
from kzcn.render.reading import labelled_value, pieces, quote_in_context, tag

_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]|>#~^$]")
_SPACE = re.compile(r"\s+")
_BARS = {"solid": "█", "dense": "▓", "light": "░", "medium": "▒"}


def escape(text: str) -> str:
    """Knowledge-base text stays text: no live links, emphasis, code spans, maths or HTML from a statement."""
    text = visible(_SPACE.sub(" ", text))
    return _MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(), text).replace("<", "&lt;")


def _cell_text(value: Any, field: Field) -> str:
    if value is None:
        return field.missing
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(field.item_text(item, prefixed=False) for item in value)
    return str(value)


class _Writer:
    """Markdown for one result; footnotes are numbered once across everything it writes and listed at the end."""

    def __init__(self, options: RenderOptions) -> None:
        self.options = options
        self.footnotes: dict[str, str] = {}
        """Label to text, in the order first used (a dict: a fact sheet of 30,000 facts has as many notes)."""

    def footnote(self, label: str, text: str) -> str:
        self.footnotes.setdefault(label, text)
        return f"[^{label}]"

    def table(self, result: Result, fields: tuple[Field, ...]) -> list[str]:
        columns = [field for field in fields if not (field.footnote and not self.options.fields)]
        notes = [field for field in fields if field.footnote and not self.options.fields]
        lines = ["| " + " | ".join(escape(field.header) for field in columns) + " |"]
        lines.append("|" + "|".join(" --- " for _ in columns) + "|")
        for number, record in enumerate(result.records):
            cells = [escape(_cell_text(record.get(field.key), field)).strip() for field in columns]
            for field in notes:
                value = record.get(field.key)
                if value is not None:
                    label = f"{field.key}-{len(self.footnotes) + 1}-{number}"
                    cells[-1] += " " + self.footnote(label, escape(_cell_text(value, field)).strip())
            lines.append("| " + " | ".join(cells) + " |")
        return lines

    def chart(self, chart: Chart) -> list[str]:
        width = 40
        lines = ["```text"]
        for bar in chart.bars:
            lines.append(
                f"{visible(bar.label):<24}{_BARS[bar.fill] * max(1, round(bar.share * width))} {visible(bar.text)}"
            )
        lines.append("   ".join(f"{_BARS[fill]} {visible(meaning)}" for fill, meaning in chart.legend))
        lines.append("```")
        return lines

    def document(self, document: Document) -> list[str]:
        letters = {style: letter for style, letter, _meaning in document.legend}
        kinds = "; ".join(
            f"**{letter}** {escape(style)} ({escape(meaning)})" for style, letter, meaning in document.legend
        )
        lines = [f"_Marks: ⟦quoted words⟧ and a footnote per fact; the letter after the number is its kind: {kinds}. "
                 "Text outside ⟦ ⟧ is quoted by no fact._", ""]  # fmt: skip
        for block in document.blocks:
            labels = {note.ref: f"f{note.ref}" for note in block.notes}
            texts = {
                note.ref: f"**{escape(note.key)}** ({letters.get(note.style, '?')}): {escape(note.text)}"
                for note in block.notes
            }
            words = []
            for piece in pieces(block):
                if piece.opens is not None:
                    words.append("⟦")
                elif piece.closes is not None:
                    mark = piece.closes
                    words.append(f"⟧{self.footnote(labels[mark.ref], texts[mark.ref])}<sub>{tag(mark, letters)}</sub>")
                else:
                    text = escape(piece.text)
                    words.append(f"**{text}**" if any(mark.focus for mark in piece.marks) and text.strip() else text)
            lines += [f"**¶{block.number}** " + "".join(words), ""]
        return lines

    def record(self, result: Result) -> list[str]:
        """One thing asked for, as a vertical sheet: a label and its value per line, then its quotes in context."""
        record = result.records[0]
        lines = [
            f"- **{escape(field.header)}:** {escape(labelled_value(field, record)).strip()}"
            for field in result.record_fields
        ]
        for context in result.context or ():
            before, quote, after = quote_in_context(context)
            marked = f"**{escape(quote)}**" if quote else ""
            lines += ["", f"**Paragraph {context.paragraph}:**", "", f"> {escape(before)}{marked}{escape(after)}"]
        return lines

    def section(self, section: Section) -> list[str]:
        """One section of a fact sheet: its heading, its tally, its prose, then its cards or its table."""
        lines = [f"## {escape(section.heading)}", ""]
        if section.tally:
            lines += markdown_cards.tally(section.tally)
        lines += [line for paragraph in section.text for line in (escape(paragraph), "")]
        if section.cards:
            lines += [line for item in section.cards for line in markdown_cards.card(item, escape)]
        elif section.result is not None:
            lines += [*self.body(section.result), ""]
        return lines

    def body(self, result: Result) -> list[str]:
        """Whatever the result shows: sections, a document, or a table (with its chart and notes)."""
        lines: list[str] = []
        if result.sections and not self.options.fields:
            return [line for section in result.sections for line in self.section(section)]
        if result.document is not None and not self.options.fields:
            return self.document(result.document)
        if result.single and result.record_fields and not self.options.fields and result.records:
            return self.record(result)
        fields = result.select(self.options.fields, table=not self.options.fields)
        lines += self.table(result, fields)
        if result.chart is not None and not self.options.fields:
            lines += ["", *self.chart(result.chart)]
        shown = {field.key for field in fields}
        notes = [text for key, text in result.legends if key in shown] + list(result.notes)
        if notes:
            lines.append("")
            lines += [f"_{escape(note)}_" for note in notes]
        return lines


def render(result: Result, options: RenderOptions) -> str:
    writer = _Writer(options)
    lines = [f"# {escape(result.title)}", ""] if result.title and (result.sections or result.document) else []
    lines += [line for paragraph in result.lead for line in (escape(paragraph), "")]
    if result.title and not lines:
        lines = [f"**{escape(result.title)}**", ""]
    lines += writer.body(result)
    if writer.footnotes:
        lines.append("")
        lines += [f"[^{label}]: {text}" for label, text in writer.footnotes.items()]
    return "\n".join(lines).rstrip("\n") + "\n"
