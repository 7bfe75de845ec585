"""CSV and TSV output: a header row, then one row per record; lists joined with "; "."""

from __future__ import annotations

import csv
import io
from typing import Any

from kzcn.escape import visible
from kzcn.render import RenderOptions
from kzcn.result import Result

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these could run as a spreadsheet formula; kzcn prefixes it with a quote (')."""

_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def cell(value: Any) -> str:
    """A record value as CSV/TSV text: numbers as digits, booleans as true/false, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    text = "; ".join(str(item) for item in value) if isinstance(value, list) else str(value)
    # Policy against formula injection (OWASP): text that a spreadsheet would evaluate gets a leading
    # apostrophe; numbers are never touched, so a negative amount stays a number.
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def render(result: Result, options: RenderOptions, *, tab: bool) -> str:
    fields = result.select(options.fields, table=False)
    keys = [item.key for item in fields]
    if tab:
        lines = ["\t".join(keys)]
        lines += [
            "\t".join(visible(cell(record.get(key)).translate(_TSV_ESCAPES)) for key in keys)
            for record in result.records
        ]
        return "\n".join(lines) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(keys)
    for record in result.records:
        # CSV has no way to carry NUL (Python 3.10's writer refuses it, most readers choke on it): it is the one
        # character CSV shows as the text \x00 instead of exactly.
        writer.writerow([cell(record.get(key)).replace("\x00", "\\x00") for key in keys])
    return buffer.getvalue()
