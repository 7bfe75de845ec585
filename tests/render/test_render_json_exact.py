"""JSON and NDJSON output character for character, and the one place that picks a format's module."""

from __future__ import annotations

import pytest

from kzcn.model.result import Field, Result
from kzcn.render import DelimitedOptions, Format, RenderOptions, render

FIELDS = (Field("id", "ID"), Field("amount", "Amount"), Field("note", "Note"))
RECORDS = ({"id": "a", "amount": 2, "note": "Ü\u2028"}, {"id": "b", "amount": None, "note": "x"})
RESULT = Result(fields=FIELDS, records=RECORDS, table_fields=("id",))


def test_json_is_a_list_of_every_field_indented_by_two_and_unsafe_characters_escaped() -> None:
    assert render(RESULT, Format.json, RenderOptions()) == (
        '[\n  {\n    "id": "a",\n    "amount": 2,\n    "note": "Ü\\u2028"\n  },\n'
        '  {\n    "id": "b",\n    "amount": null,\n    "note": "x"\n  }\n]\n'
    )


def test_json_keeps_only_the_fields_asked_for_in_their_order() -> None:
    assert render(RESULT, Format.json, RenderOptions(fields=["note", "id"])) == (
        '[\n  {\n    "note": "Ü\\u2028",\n    "id": "a"\n  },\n  {\n    "note": "x",\n    "id": "b"\n  }\n]\n'
    )


def test_json_for_an_ascii_only_output_escapes_everything_beyond_ascii() -> None:
    assert render(RESULT, Format.json, RenderOptions(fields=["note"], ascii_only=True)) == (
        '[\n  {\n    "note": "\\u00dc\\u2028"\n  },\n  {\n    "note": "x"\n  }\n]\n'
    )


def test_json_of_one_thing_is_its_one_record_as_an_object() -> None:
    alone = Result(fields=FIELDS, records=RECORDS[:1], single=True)
    assert render(alone, Format.json, RenderOptions(fields=["id"])) == '{\n  "id": "a"\n}\n'
    assert render(alone, Format.ndjson, RenderOptions(fields=["id"])) == '{"id": "a"}\n'


def test_json_of_many_records_is_an_array_even_of_one() -> None:
    one = Result(fields=FIELDS, records=RECORDS[:1])
    assert render(one, Format.json, RenderOptions(fields=["id"])) == '[\n  {\n    "id": "a"\n  }\n]\n'


def test_json_of_one_thing_not_found_is_an_empty_list() -> None:
    assert render(Result(fields=FIELDS, records=(), single=True), Format.json, RenderOptions()) == "[]\n"


def test_ndjson_is_one_compact_object_per_line() -> None:
    assert render(RESULT, Format.ndjson, RenderOptions()) == (
        '{"id": "a", "amount": 2, "note": "Ü\\u2028"}\n{"id": "b", "amount": null, "note": "x"}\n'
    )
    assert render(RESULT, Format.ndjson, RenderOptions(fields=["note"], ascii_only=True)) == (
        '{"note": "\\u00dc\\u2028"}\n{"note": "x"}\n'
    )
    assert render(Result(fields=FIELDS, records=()), Format.ndjson, RenderOptions()) == ""


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [
        (Format.json, '[\n  {\n    "id": "a"\n  }\n]\n'),
        (Format.ndjson, '{"id": "a"}\n'),
        (Format.csv, "id\na\n"),
        (Format.tsv, "id\na\n"),
        (Format.markdown, "| ID |\n| --- |\n| a |\n"),
        (Format.table, "\n ID\n ──\n a\n\n"),
    ],
)
def test_each_format_renders_through_its_own_module(output_format: Format, expected: str) -> None:
    result = Result(fields=(Field("id", "ID"),), records=({"id": "a"},))
    assert render(result, output_format, RenderOptions(width=40)) == expected


def test_html_is_a_whole_page() -> None:
    result = Result(fields=(Field("id", "ID"),), records=({"id": "a"},))
    page = render(result, Format.html, RenderOptions())
    assert page.startswith("<!DOCTYPE html>") and '<td data-label="ID">a</td>' in page and page.endswith("</html>\n")


def test_csv_and_tsv_differ_only_in_their_separator() -> None:
    result = Result(fields=(Field("a", "A"), Field("b", "B")), records=({"a": "x", "b": "y z"},))
    assert render(result, Format.csv, RenderOptions()) == "a,b\nx,y z\n"
    assert render(result, Format.tsv, RenderOptions()) == "a\tb\nx\ty z\n"


def test_render_options_defaults() -> None:
    assert RenderOptions() == RenderOptions(
        fields=None,
        color=False,
        width=100,
        ascii_only=False,
        delimited=DelimitedOptions(header=True, formula_guard=True),
    )
