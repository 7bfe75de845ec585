"""CSV and TSV output: a header row, then one row per record; lists joined with "; "."""

from __future__ import annotations

import csv
import re

from kzcn.escape import visible
from kzcn.model.result import Field, Result
from kzcn.render.options import RenderOptions

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "﹦", "＋", "﹢", "－", "﹣", "＠")
"""A text cell starting with one of these could run as a spreadsheet formula; kzcn prefixes it with a quote ('): the
OWASP list, a line feed beside the carriage return, and the fullwidth and small forms of = + - @ (＝ ﹦ ＋ ﹢ － ﹣ ＠),
which some spreadsheets read as their ASCII forms. Not "|": alone it starts no formula (DDE needs a leading =)."""

_BLANKS = re.compile(r"[\s\ufeff\u200b\u2060]*")
"""White space, no-break spaces and byte-order marks: some imports (LibreOffice's, Excel's) drop them before a
formula, so a trigger after them counts as one at the start."""

_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def cell(value: Any, field: Field | None = None, *, guard: bool = True) -> str:
    """A record value as CSV/TSV text: numbers as digits, booleans as true/false, None as empty; with `guard`, text
    a spreadsheet would evaluate as a formula starts with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, list):
        text = "; ".join(field.item_text(item, prefixed=False) if field else str(item) for item in value)
    else:
        text = str(value)
    # Policy against formula injection (OWASP): text that a spreadsheet would evaluate gets a leading
    # apostrophe; numbers are never touched, so a negative amount stays a number.
    if guard and formula_like(text):
        return "'" + text
    return text


def formula_like(text: str) -> bool:
    """Whether a spreadsheet might evaluate the text: it starts with a trigger, or with one after blanks."""
    blanks = _BLANKS.match(text)
    return text.startswith(FORMULA_TRIGGERS) or text[blanks.end() if blanks else 0 :].startswith(FORMULA_TRIGGERS)


def render_csv(result: Result, options: RenderOptions) -> str:
    """Comma-separated values: text exact (but NUL), quoted where the CSV grammar needs it."""
    return _render(result, options, tab=False)


def render_tsv(result: Result, options: RenderOptions) -> str:
    """Tab-separated values: tabs, line breaks and backslashes written as \\t, \\n, \\\\; control characters visible."""
    return _render(result, options, tab=True)


def _render(result: Result, options: RenderOptions, *, tab: bool) -> str:
    fields = result.select(options.fields, table=False)
    keys = [item.key for item in fields]
    guard = options.delimited.formula_guard
    header = options.delimited.header
    if tab:
        lines = ["\t".join(keys)] if header else []
        lines += [
            "\t".join(visible(cell(record.get(f.key), f, guard=guard).translate(_TSV_ESCAPES)) for f in fields)
            for record in result.records
        ]
        return "".join(line + "\n" for line in lines)
    rows = _Rows()
    writer = csv.writer(rows, lineterminator="\r\n")
    if header:
        writer.writerow(keys)
    for record in result.records:
        # CSV has no way to carry NUL (Python 3.10's writer refuses it, most readers choke on it): it is the one
        # character CSV shows as the text \x00 instead of exactly.
        writer.writerow([cell(record.get(f.key), f, guard=guard).replace("\x00", "\\x00") for f in fields])
    return "".join(rows.lines)


class _Rows:
    """The CSV writer's rows, each ended by a line feed. The writer is told CR LF so that it quotes a value holding
    a bare CR as it quotes one holding LF: before Python 3.13 it quotes only its terminator's characters, and an
    unquoted CR ends the row for every reader."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, row: str) -> int:
        # The writer writes each row whole, its terminator last, in one call.
        self.lines.append(row.removesuffix("\r\n") + "\n")
        return len(row)
