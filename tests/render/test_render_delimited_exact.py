"""CSV and TSV cells and documents, byte for byte: the formula guard, escapes, headers and field choice."""

from __future__ import annotations

import pytest

from kzcn.model.result import Field, Result
from kzcn.render.delimited import FORMULA_TRIGGERS, cell, formula_like, render_csv, render_tsv
from kzcn.render.options import DelimitedOptions, RenderOptions

PARAGRAPHS = Field("paragraphs", "Paragraphs", item_prefix="¶")

RESULT = Result(
    fields=(Field("id", "ID"), Field("amount", "Amount"), PARAGRAPHS, Field("note", "Note")),
    records=(
        {"id": "a", "amount": -5, "paragraphs": [1, 2], "note": "=SUM(A1)\tx\\y\nz\x00\x1b"},
        {"id": "b,c", "amount": 0.5, "paragraphs": [], "note": None},
    ),
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-5, "-5"),
        (0.5, "0.5"),
        (1e21, "1e+21"),
        ("text", "text"),
        ("", ""),
    ],
)
def test_cell_writes_plain_values_as_a_spreadsheet_reads_them(value: object, expected: str) -> None:
    assert cell(value) == expected


def test_cell_joins_list_items_without_the_tables_prefix() -> None:
    assert cell([1, 2], PARAGRAPHS) == "1; 2"
    assert cell(["x", "y"]) == "x; y"


def test_cell_writes_object_items_through_the_fields_format() -> None:
    quotes = Field("quotes", "Quotes", item_format="¶{paragraph}: {text}")
    assert cell([{"paragraph": 2, "text": "trains"}, {"paragraph": 3, "text": "=x"}], quotes) == "¶2: trains; ¶3: =x"


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_text_starting_with_a_trigger_gets_an_apostrophe_unless_the_guard_is_off(trigger: str) -> None:
    assert cell(trigger + "1") == "'" + trigger + "1"
    assert cell(trigger + "1", guard=False) == trigger + "1"


@pytest.mark.parametrize("text", ["  =1", "\u00a0+1", "\ufeff@x", "\u200b-1", "\u2060=1", " \t =1"])
def test_a_trigger_after_blanks_counts_as_one_at_the_start(text: str) -> None:
    assert formula_like(text) is True
    assert cell(text) == "'" + text


@pytest.mark.parametrize("text", ["a=1", "|cmd", "", "   ", "1-2", "x@y"])
def test_text_with_no_trigger_at_its_start_is_left_alone(text: str) -> None:
    assert formula_like(text) is False
    assert cell(text) == text


def test_a_list_whose_first_item_is_formula_like_is_guarded_as_a_whole() -> None:
    assert cell(["=1", "2"]) == "'=1; 2"


def test_csv_quotes_what_needs_quoting_and_shows_nul_as_text() -> None:
    assert render_csv(RESULT, RenderOptions()) == (
        'id,amount,paragraphs,note\na,-5,1; 2,"\'=SUM(A1)\tx\\y\nz\\x00\x1b"\n"b,c",0.5,,\n'
    )


def test_csv_without_header_and_guard_and_with_chosen_fields_in_their_order() -> None:
    assert render_csv(
        RESULT, RenderOptions(fields=["note", "id"], delimited=DelimitedOptions(header=False, formula_guard=False))
    ) == ('"=SUM(A1)\tx\\y\nz\\x00\x1b",a\n,"b,c"\n')


def test_tsv_escapes_tabs_newlines_and_backslashes_and_shows_control_characters() -> None:
    assert render_tsv(RESULT, RenderOptions()) == (
        "id\tamount\tparagraphs\tnote\na\t-5\t1; 2\t'=SUM(A1)\\tx\\\\y\\nz\\x00\\x1b\nb,c\t0.5\t\t\n"
    )


def test_tsv_without_header_or_guard() -> None:
    assert render_tsv(RESULT, RenderOptions(delimited=DelimitedOptions(header=False, formula_guard=False))) == (
        "a\t-5\t1; 2\t=SUM(A1)\\tx\\\\y\\nz\\x00\\x1b\nb,c\t0.5\t\t\n"
    )


def test_tsv_carriage_return_is_escaped() -> None:
    result = Result(fields=(Field("t", "T"),), records=({"t": "a\rb"},))
    assert render_tsv(result, RenderOptions(delimited=DelimitedOptions(header=False))) == "a\\rb\n"


def test_no_records_is_the_header_alone_or_nothing() -> None:
    empty = Result(fields=(Field("id", "ID"),), records=())
    assert render_csv(empty, RenderOptions()) == "id\n"
    assert render_tsv(empty, RenderOptions()) == "id\n"
    assert render_csv(empty, RenderOptions(delimited=DelimitedOptions(header=False))) == ""
    assert render_tsv(empty, RenderOptions(delimited=DelimitedOptions(header=False))) == ""


def test_object_items_in_a_row_go_through_the_fields_format_in_csv_and_tsv() -> None:
    quotes = Field("quotes", "Quotes", item_format="¶{paragraph}: {text}")
    result = Result(fields=(quotes,), records=({"quotes": [{"paragraph": 2, "text": "trains"}]},))
    assert render_csv(result, RenderOptions(delimited=DelimitedOptions(header=False))) == "¶2: trains\n"
    assert render_tsv(result, RenderOptions(delimited=DelimitedOptions(header=False))) == "¶2: trains\n"


def test_csv_and_tsv_carry_every_field_not_only_the_tables_default_ones() -> None:
    result = Result(
        fields=(Field("id", "ID"), Field("note", "Note")), records=({"id": "a", "note": "n"},), table_fields=("id",)
    )
    assert render_csv(result, RenderOptions()) == "id,note\na,n\n"
    assert render_tsv(result, RenderOptions()) == "id\tnote\na\tn\n"


def test_csv_quotes_a_bare_carriage_return_on_every_python() -> None:
    # Unquoted, a CR ends the row for every CSV reader; Python's writer quotes it only from 3.13 on.
    result = Result(fields=(Field("t", "T"), Field("u", "U")), records=({"t": "a\rb", "u": "c"},))
    assert render_csv(result, RenderOptions()) == 't,u\n"a\rb",c\n'
