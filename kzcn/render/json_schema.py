"""JSON Schemas of kzcn's JSON (draft 2020-12), built from the fields each command's records declare."""

from __future__ import annotations

from dataclasses import dataclass

from kzcn.model.result import Field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True)
class Shape:
    """What one command prints with --json: an array of records, one record, or either as its arguments say."""

    command: str
    """The command, as typed after `kzcn`."""
    summary: str
    """What its JSON is, in a line."""
    many: tuple[Field, ...] | None = None
    """The fields of each record of the array it prints, or None when it never prints an array."""
    one: tuple[Field, ...] | None = None
    """The fields of the one object it prints for a thing asked for by id, or None when it never does."""
    one_when: str = ""
    """When it prints one object rather than an array: "given a CLAIM"."""
    sheet: tuple[Field, ...] | None = None
    """For a fact sheet: the key figures' fields (its csv and tsv); its JSON is one object of sections."""


DIALECT = "https://json-schema.org/draft/2020-12/schema"

_TYPES = {"string", "integer", "number", "boolean", "object"}


def value_schema(json_type: str) -> dict[str, Any]:
    """The schema of one value from a field's `json_type`: "integer?" is an integer or null, "string[]" a list of
    strings, "string|integer?" either or null."""
    nullable = json_type.endswith("?")
    alternatives = []
    for name in json_type.removesuffix("?").split("|"):
        item = name.removesuffix("[]")
        if item not in _TYPES:
            raise ValueError(f"unknown JSON type {name!r} in {json_type!r}")
        alternatives.append({"type": "array", "items": {"type": item}} if name.endswith("[]") else {"type": item})
    if nullable:
        alternatives.append({"type": "null"})
    if len(alternatives) == 1:
        return alternatives[0]
    if all(set(item) == {"type"} for item in alternatives):
        return {"type": [item["type"] for item in alternatives]}
    return {"anyOf": alternatives}


def record_schema(fields: tuple[Field, ...], title: str) -> dict[str, Any]:
    """One record: every field's key, each always present, no other key (--fields keeps only the keys it names)."""
    return {
        "type": "object",
        "title": title,
        "properties": {field.key: {"title": field.header, **value_schema(field.json_type)} for field in fields},
        "required": [field.key for field in fields],
        "additionalProperties": False,
    }


def _sheet_schema(key_figures: tuple[Field, ...]) -> dict[str, Any]:
    section = {
        "type": "object",
        "properties": {
            "heading": {"type": "string"},
            "text": {"type": "array", "items": {"type": "string"}},
            "records": {
                "type": "array",
                "items": {"type": "object"},
                "description": "The section's table, if it has one: records of the command that shows the same "
                "(the key figures' are below as `key_figure`).",
            },
        },
        "required": ["heading", "text", "records"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {
            "title": {"type": "string"},
            "lead": {"type": "array", "items": {"type": "string"}},
            "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
        },
        "required": ["title", "lead", "sections"],
        "additionalProperties": False,
        "$defs": {"section": section, "key_figure": record_schema(key_figures, "A key figure")},
    }


def command_schema(shape: Shape) -> dict[str, Any]:
    """The schema of what `kzcn COMMAND --json` prints."""
    head = {
        "$schema": DIALECT,
        "title": f"kzcn {shape.command} --json",
        "description": f"{shape.summary[0].upper()}{shape.summary[1:]}. --fields keeps only the keys it names, in "
        "its order; --format ndjson prints each element of the array on a line of its own (one object: that object).",
    }
    if shape.sheet is not None:
        return {**head, **_sheet_schema(shape.sheet)}
    defs: dict[str, Any] = {}
    choices = []
    if shape.many is not None:
        defs["record"] = record_schema(shape.many, f"One record of kzcn {shape.command}")
        choices.append({"type": "array", "items": {"$ref": "#/$defs/record"}})
    if shape.one is not None:
        if shape.one is shape.many:
            choices.append({"$ref": "#/$defs/record"})
        else:
            defs["one"] = record_schema(shape.one, f"kzcn {shape.command}, {shape.one_when}")
            choices.append({"$ref": "#/$defs/one"})
    body = choices[0] if len(choices) == 1 else {"oneOf": choices}
    return {**head, **body, "$defs": defs}
