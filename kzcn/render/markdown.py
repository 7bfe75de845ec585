"""Markdown output: pipe tables, annotated texts with footnotes and fact sheets, for GitHub, GitLab and notes."""

from __future__ import annotations

import re

from kzcn.escape import visible
from kzcn.model.document import Document
from kzcn.model.result import Chart, Field, Result, Section
from kzcn.render import markdown_cards
from kzcn.render.options import RenderOptions
from kzcn.render.reading import labelled_value, pieces, quote_in_context, tag, with_addresses

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any

_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]|>#~^$]")
_SPACE = re.compile(r"\s+")
_BARS = {"solid": "█", "dense": "▓", "light": "░", "medium": "▒"}


def escape(text: str) -> str:
    """Knowledge-base text stays text: no live links, emphasis, code spans, maths or HTML from a statement."""
    text = visible(_SPACE.sub(" ", text))
    return _MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(), text).replace("<", "&lt;")


def escape_linking(text: str) -> str:
    """Text as `escape` writes it, but each http(s) address in it a link, `[host](<address>)`, the address untouched
    (a bare address was escaped, `\\_`, which GitHub carried into the link as `%5C_`); something like an address that
    must not be a link is a code span, which no renderer turns into one."""
    parts = []
    for words, host in with_addresses(text):
        if host is None:
            parts.append(escape(words))
        elif host:
            parts.append(f"[{host}](<{words}>)")
        else:
            parts.append(code_span(words))
    return "".join(parts)


def code_span(text: str) -> str:
    """Text as a code span, its fence longer than any run of backticks in it: shown as it is, never live."""
    text = visible(_SPACE.sub(" ", text))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def _cell_text(value: Any, field: Field) -> str:
    if value is None:
        return field.missing
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(field.item_text(item, prefixed=False) for item in value)
    return str(value)


def _cell(value: Any, field: Field) -> str:
    """A value as table text: its web addresses links where the field holds them, nothing else live."""
    text = _cell_text(value, field)
    return (escape_linking(text) if field.links else escape(text)).strip()


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
            cells = [_cell(record.get(field.key), field) for field in columns]
            for field in notes:
                value = record.get(field.key)
                if value is not None:
                    label = f"{field.key}-{len(self.footnotes) + 1}-{number}"
                    cells[-1] += " " + self.footnote(label, _cell(value, field))
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
        lines = [f"_Marks: ⟦quoted words⟧Kn and a footnote per fact n, K its kind: {kinds}. "
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
                    # The tag as text, not <sub>: no inline HTML for a Markdown linter or a renderer to refuse.
                    words.append(f"⟧{tag(mark, letters)}{self.footnote(labels[mark.ref], texts[mark.ref])}")
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
    # The title is the page's h1 whatever the result (markdownlint MD041: a document opens with its heading).
    lines = [f"# {escape(result.title)}", ""] if result.title else []
    lines += [line for paragraph in result.lead for line in (escape(paragraph), "")]
    lines += writer.body(result)
    if writer.footnotes:
        lines.append("")
        lines += [f"[^{label}]: {text}" for label, text in writer.footnotes.items()]
    # One blank line between blocks, never two (a section ending in a blank line, then the next one's).
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip("\n") + "\n"
