"""JSON and NDJSON output: records as objects with snake_case keys; unsafe characters kept exact but escaped."""

from __future__ import annotations

import json

from kzcn.escape import json_safe
from kzcn.model.result import Result
from kzcn.render.options import RenderOptions

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any


def objects(result: Result, options: RenderOptions) -> list[dict[str, Any]]:
    """The records with only the selected fields, in their order."""
    keys = [item.key for item in result.select(options.fields, table=False)]
    return [{key: record.get(key) for key in keys} for record in result.records]


def _dump(value: Any, options: RenderOptions, indent: int | None) -> str:
    text = json.dumps(value, ensure_ascii=options.ascii_only, indent=indent)
    return text if options.ascii_only else json_safe(text)


def _sections(result: Result) -> dict[str, Any]:
    """A fact sheet as one object: its title, its lead and each section's heading, prose and records."""
    return {
        "title": result.title,
        "lead": list(result.lead),
        "sections": [
            {
                "heading": section.heading,
                "text": list(section.text),
                "records": objects(section.result, RenderOptions()) if section.result is not None else [],
            }
            for section in result.sections
        ],
    }


def document(result: Result, options: RenderOptions) -> Any:
    """What the result is in JSON, by the contract docs/scripting.md promises: a fact sheet's one object of sections;
    a thing asked for by its id, one object; anything else, an array of records, whatever its filters."""
    if result.sections:
        return _sections(result)
    records = objects(result, options)
    if result.single and len(records) == 1:
        return records[0]
    return records


def render(result: Result, options: RenderOptions) -> str:
    return _dump(document(result, options), options, 2) + "\n"


def render_lines(result: Result, options: RenderOptions) -> str:
    """NDJSON: one line per element of the JSON array, or the one object on one line."""
    value = document(result, options)
    items = value if isinstance(value, list) else [value]
    return "".join(_dump(item, options, None) + "\n" for item in items)
