"""Output formats: one module per format, each turning a finished Result into text; chosen here and nowhere else."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from kzcn.result import Result

# Control characters, and the bidirectional controls that can reorder what a reader sees, are made visible as \xNN
# or \uNNNN: text from a knowledge base must never move the cursor, change a title or flip a line.
_INVISIBLE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"


def visible(text: str) -> str:
    """Text with every control character shown as an escape, never sent raw (tables, Markdown, TSV)."""
    # re caches the compiled pattern; compiling it at import would cost every JSON run too.
    return re.sub(
        _INVISIBLE,
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
        text,
    )


class Format(str, enum.Enum):
    """The output formats `--format` accepts."""

    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


@dataclass(frozen=True)
class RenderOptions:
    fields: list[str] | None = None
    """Fields asked for with --fields, in order; None for the format's default."""
    color: bool = False
    """Whether tables may use colour and styles (a terminal, and neither NO_COLOR, TERM=dumb nor --no-color)."""
    width: int = 100
    """The width tables must fit."""
    ascii_only: bool = False
    """True when the output stream cannot encode beyond ASCII (PYTHONIOENCODING=ascii): escape the rest."""


def render(result: Result, output_format: Format, options: RenderOptions) -> str:
    """The result as text in the chosen format; each format is imported only when used."""
    if output_format is Format.table:
        from kzcn.render import table

        return table.render(result, options)
    if output_format is Format.json:
        from kzcn.render import json_format

        return json_format.render(result, options)
    if output_format is Format.ndjson:
        from kzcn.render import json_format

        return json_format.render_lines(result, options)
    if output_format is Format.csv or output_format is Format.tsv:
        from kzcn.render import delimited

        return delimited.render(result, options, tab=output_format is Format.tsv)
    if output_format is Format.markdown:
        from kzcn.render import markdown

        return markdown.render(result, options)
    raise AssertionError(f"unhandled format {output_format!r}")  # pragma: no cover - every member is handled
