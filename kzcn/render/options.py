"""What a renderer is asked for: the formats (each with where its renderer lives) and the options it renders with."""

from __future__ import annotations

import enum
from dataclasses import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import NamedTuple, NoReturn
else:
    from kzcn.records_light import NamedTuple


class Format(str, enum.Enum):
    """The output formats `--format` accepts; each has its entry in `renderer_of`."""

    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"
    html = "html"


class Renderer(NamedTuple):
    """Where a format's renderer lives, and what it promises to show (the conformance tests hold it to that).

    A NamedTuple, not a frozen dataclass: every run imports this module, and a frozen dataclass costs about half a
    millisecond to define (a NamedTuple a tenth of that)."""

    module: str
    """Its module under kzcn/render/, imported only when the format is used: start-up loads no other format."""
    function: str
    """The function there that turns a Result and RenderOptions into text."""
    records_only: bool = False
    """True for a format of one line or row per record: it writes a result's records and nothing else, so a fact
    sheet gives its own records (the key figures), never its sections."""
    exact: bool = False
    """True for a format that keeps text exactly, control characters included, for the programs that read it back
    (CSV: only NUL, which CSV cannot carry, is written as \\x00). Every other format makes them visible
    (kzcn/escape.py)."""


def renderer_of(output_format: Format) -> Renderer:
    """Each format's renderer: with its member of `Format`, the one registration a new format needs."""
    if output_format is Format.table:
        return Renderer("table", "render")
    if output_format is Format.json:
        return Renderer("json_format", "render")
    if output_format is Format.ndjson:
        return Renderer("json_format", "render_lines")
    if output_format is Format.csv:
        return Renderer("delimited", "render_csv", records_only=True, exact=True)
    if output_format is Format.tsv:
        return Renderer("delimited", "render_tsv", records_only=True)
    if output_format is Format.markdown:
        return Renderer("markdown", "render")
    if output_format is Format.html:
        return Renderer("html", "render")
    _unhandled(output_format)


def _unhandled(value: NoReturn) -> NoReturn:
    """typing.assert_never (Python 3.11+): mypy proves every format above has its renderer."""
    raise AssertionError(f"unhandled format {value!r}")  # pragma: no cover


class DelimitedOptions(NamedTuple):
    """What only the delimited formats (CSV, TSV) read: one value, so no other renderer sees their flags. (A
    NamedTuple for the same reason as `Renderer`.)"""

    header: bool = True
    """Whether the first line names the fields (--no-header turns it off)."""
    formula_guard: bool = True
    """Whether text a spreadsheet would run as a formula gets a leading apostrophe (--raw: no)."""


@dataclass(frozen=True)
class RenderOptions:
    """How to render, whatever the format: which fields, and what the output can show."""

    fields: list[str] | None = None
    """Fields asked for with --fields, in order; None for the format's default."""
    color: bool = False
    """Whether tables may use colour and styles (a terminal, and neither NO_COLOR, TERM=dumb nor --no-color)."""
    width: int = 100
    """The width tables must fit."""
    ascii_only: bool = False
    """True when the output stream cannot encode beyond ASCII (PYTHONIOENCODING=ascii): escape the rest."""
    delimited: DelimitedOptions = DelimitedOptions()  # noqa: RUF009 - an immutable tuple, safe to share
    """CSV and TSV only: the header line and the formula guard."""
