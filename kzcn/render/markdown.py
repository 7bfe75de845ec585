"""Markdown output: a pipe table with a header, for pasting into notes and reports."""

from __future__ import annotations

import re
from typing import Any

from kzcn.escape import visible
from kzcn.render import RenderOptions
from kzcn.result import Field, Result

_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]|>#]")


def _cell(value: Any, field: Field) -> str:
    if value is None:
        text = field.missing
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, list):
        text = "; ".join(field.item_text(item, prefixed=False) for item in value)
    else:
        text = str(value)
    text = visible(" ".join(text.split()))
    # Knowledge-base text stays text: no live links, emphasis, code spans or HTML from a statement.
    return _MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(), text).replace("<", "&lt;")


def render(result: Result, options: RenderOptions) -> str:
    fields = result.select(options.fields, table=not options.fields)
    lines = []
    if result.title:
        lines += [f"**{_cell(result.title, fields[0])}**", ""]
    lines.append("| " + " | ".join(field.header for field in fields) + " |")
    lines.append("|" + "|".join(" --- " for _ in fields) + "|")
    for record in result.records:
        lines.append("| " + " | ".join(_cell(record.get(field.key), field) for field in fields) + " |")
    if result.notes:
        lines.append("")
        lines += [f"_{_cell(note, fields[0])}_" for note in result.notes]
    return "\n".join(lines) + "\n"
