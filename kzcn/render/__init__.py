"""Output formats: one module per format, each turning a finished Result into text; listed here and nowhere else."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from kzcn.model.result import Result


class Format(str, enum.Enum):
    """The output formats `--format` accepts."""

    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"
    html = "html"


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
    header: bool = True
    """CSV and TSV: whether the first line names the fields (--no-header turns it off)."""
    formula_guard: bool = True
    """CSV and TSV: whether text a spreadsheet would run as a formula gets a leading apostrophe (--raw: no)."""


def render(result: Result, output_format: Format, options: RenderOptions) -> str:
    """The result as text in the chosen format; each format's module is imported only when used."""
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
    if output_format is Format.html:
        from kzcn.render import html

        return html.render(result, options)
    _unhandled(output_format)


def _unhandled(value: NoReturn) -> NoReturn:
    """typing.assert_never (Python 3.11+): mypy proves every format above is handled."""
    raise AssertionError(f"unhandled format {value!r}")  # pragma: no cover
