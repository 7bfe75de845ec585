"""Machine-readable output: one renderer per format over the same records, --fields, and usage errors."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from builders import small_kb
from conftest import SHIPPED_FACTS
from kzcn.render import Format

Run = Callable[..., Any]

COMMANDS = [
    ["facts"],
    ["show", "transport-income-2017"],
    ["sources"],
    ["revenue"],
    ["revenue", "--year", "2017"],
    ["totals"],
    ["totals", "--explain", "china-share-2017"],
    ["stats"],
    ["check", "--coverage"],
]


def as_list(data: Any) -> list[dict[str, Any]]:
    return [data] if isinstance(data, dict) else list(data)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_json_records_match_table_rows_one_for_one(cli: Run, command: list[str]) -> None:
    records = as_list(json.loads(cli(*command, "--json").stdout))
    assert records
    first_key = next(iter(records[0]))
    table = cli(*command, "--fields", first_key).stdout
    position = 0
    for record in records:
        value = str(record[first_key])
        found = table.find(value, position)
        assert found >= 0, f"{value!r} missing from the table after offset {position}"
        position = found + len(value)
    tsv = cli(*command, "--format", "tsv").stdout.splitlines()
    assert len(tsv) == len(records) + 1
    assert len(cli(*command, "--format", "ndjson").stdout.splitlines()) == len(records)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_machine_formats_never_carry_colour(cli: Run, command: list[str]) -> None:
    for output_format in Format:
        if output_format is Format.table:
            continue  # the one format made for a terminal
        result = cli(*command, "--format", output_format.value, env={"FORCE_COLOR": "1"})
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout


def test_facts_json_lists_exactly_the_facts_of_the_file(cli: Run) -> None:
    raw = yaml.safe_load(SHIPPED_FACTS.read_text(encoding="utf-8"))
    claims = json.loads(cli("--facts", str(SHIPPED_FACTS), "facts", "--json").stdout)
    evidence = json.loads(cli("--facts", str(SHIPPED_FACTS), "facts", "--evidence", "--json").stdout)
    primary = {source["id"] for source in raw["sources"] if source.get("role", "primary") == "primary"}
    assert [record["id"] for record in claims] == [fact["id"] for fact in raw["facts"] if fact["source"] in primary]
    assert {record["evidence"] for record in claims} == {False} and {record["evidence"] for record in evidence} == {
        True
    }
    records = claims + evidence
    raw["facts"].sort(key=lambda fact: fact["source"] not in primary)  # claims first, as the two calls give them
    assert [record["id"] for record in records] == [fact["id"] for fact in raw["facts"]]
    for record, fact in zip(records, raw["facts"], strict=True):
        assert record["statement"] == fact["statement"]
        assert record["kind"] == fact["kind"]
        assert record["topics"] == fact["topics"]
        assert record["entities"] == fact["entities"]
        assert record["quotes"] == [{"paragraph": q["paragraph"], "text": q["text"]} for q in fact["quotes"]]
        quantity = fact.get("quantity") or {}
        assert record["amount"] == quantity.get("amount")
        assert record["unit"] == quantity.get("unit")
        assert record["qualifier"] == (quantity.get("qualifier", "exact") if quantity else None)
        assert record["time_year"] == (fact.get("time") or {}).get("year")


def test_json_keys_are_snake_case_and_unknown_is_null(cli: Run) -> None:
    for command in COMMANDS:
        for record in as_list(json.loads(cli(*command, "--json").stdout)):
            assert all(key == key.lower() and "-" not in key and " " not in key for key in record)
    record = json.loads(cli("sources", "--json").stdout)[0]
    assert record["title"] is None and record["author"] is None


def test_fields_pick_and_order_columns_in_every_format(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb())
    args = ("--facts", path, "facts", "--kind", "forecast", "--fields", "quantity_text,id")
    assert json.loads(cli(*args, "--json").stdout) == [{"quantity_text": "$4 billion", "id": "income-forecast-2020"}]
    assert cli(*args, "--format", "csv").stdout == "quantity_text,id\n$4 billion,income-forecast-2020\n"
    assert cli(*args, "--format", "tsv").stdout == "quantity_text\tid\n$4 billion\tincome-forecast-2020\n"
    assert cli(*args, "--format", "ndjson").stdout == '{"quantity_text": "$4 billion", "id": "income-forecast-2020"}\n'
    markdown = cli(*args, "--format", "markdown").stdout
    # "$" is escaped: GitHub reads text between two dollar signs as mathematics.
    assert "| Quantity | ID |\n| --- | --- |\n| \\$4 billion | income-forecast-2020 |\n" in markdown
    table = cli(*args).stdout
    assert table.index("Quantity") < table.index("ID")


def test_unknown_field_is_a_usage_error_listing_valid_ones(cli: Run) -> None:
    result = cli("revenue", "--fields", "year,amout")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("kzcn: unknown field amout for this command; valid fields: year, basis, label,")


def test_csv_round_trips_commas_quotes_and_newlines(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    tricky = 'Trade, "they say",\ngrew; =SUM(A1)'
    data["facts"][5]["statement"] = tricky
    data["facts"][5]["exceptions"] = [
        {"rule": "statement-words", "reason": "hostile words, written as an attacker writes them"},
        {"rule": "opinion-frame", "reason": "hostile text in place of a statement, with no view's frame"},
    ]
    data["facts"][5]["note"] = "=cmd|' /C calc'!A0"
    path = str(write_kb(data))
    out = cli("--facts", path, "facts", "--kind", "opinion", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1
    assert rows[0]["statement"] == tricky
    assert rows[0]["note"] == "'=cmd|' /C calc'!A0"  # formula-injection policy: a leading apostrophe
    tsv = cli("--facts", path, "facts", "--kind", "opinion", "--format", "tsv").stdout
    lines = tsv.splitlines()
    assert len(lines) == 2
    header, values = lines[0].split("\t"), lines[1].split("\t")
    assert dict(zip(header, values, strict=True))["statement"] == 'Trade, "they say",\\ngrew; =SUM(A1)'


def test_negative_numbers_are_numbers_not_formulas(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["derived"].append(
        {
            "id": "drop",
            "label": "drop",
            "operation": "change",
            "comparable": "A test of signs.",
            "inputs": {"from": "income-2017", "to": "income-transit-2017"},
        }
    )
    out = cli(
        "--facts", str(write_kb(data)), "totals", "--explain", "drop", "--format", "csv", "--fields", "amount,text"
    ).stdout
    assert out == "amount,text\n-1.5,−$1.5 billion\n"  # U+2212 minus: not a formula trigger


@pytest.mark.parametrize(
    "args",
    [
        ["facts", "--year", "abc"],
        ["facts", "--year", ""],
        ["facts", "--limit", "-1"],
        ["facts", "--kind", "rumour"],
        ["facts", "--sort", "colour"],
        ["facts", "--format", "xml"],
        ["facts", "--nope"],
        ["revenue", "--year", "0"],
        ["show"],
        ["facts", "--fields", ","],
    ],
)
def test_invalid_options_are_usage_errors_with_nothing_on_stdout(cli: Run, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr


def test_empty_json_result_is_an_empty_list(cli: Run) -> None:
    result = cli("facts", "--topic", "trade", "--year", "1999", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    assert result.stderr.startswith("No facts match.")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["revenue", "--interpolate"],
            "kzcn: --interpolate needs --year: it estimates one year between two that have a figure\n",
        ),
        (["check", "--json"], "kzcn: --format, --json and --fields shape the --coverage list; add --coverage\n"),
        (
            ["check", "--fields", "sentence"],
            "kzcn: --format, --json and --fields shape the --coverage list; add --coverage\n",
        ),
    ],
)
def test_options_that_would_be_ignored_are_usage_errors(cli: Run, args: list[str], message: str) -> None:
    result = cli(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_no_color_works_before_the_command_too(cli: Run) -> None:
    coloured = cli("facts", "--kind", "forecast", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in coloured
    assert "\x1b[" not in cli("--no-color", "facts", "--kind", "forecast", env={"FORCE_COLOR": "1"}).stdout


def test_markdown_keeps_knowledge_base_text_as_text(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][5]["statement"] = "See [this](http://evil) *now* `x` <b>|</b> # _y_"
    data["facts"][5]["exceptions"] = [
        {"rule": "statement-words", "reason": "hostile words, written as an attacker writes them"},
        {"rule": "opinion-frame", "reason": "hostile text in place of a statement, with no view's frame"},
    ]
    out = cli(
        "--facts", str(write_kb(data)), "facts", "--kind", "opinion", "--format", "markdown", "--fields", "statement"
    ).stdout
    assert "| See \\[this\\](http://evil) \\*now\\* \\`x\\` &lt;b\\>\\|&lt;/b\\> \\# \\_y\\_ |" in out


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\n=1+1", "'\n=1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),  # fullwidth equals
        ("\ufe661+1", "'\ufe661+1"),  # small equals
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d1", "'\uff0d1"),
        ("\uff20x", "'\uff20x"),
        ("  =1+1", "'  =1+1"),  # imports that trim leading blanks before a formula
        ("\u00a0=1+1", "'\u00a0=1+1"),
        ("\ufeff=1+1", "'\ufeff=1+1"),
        ("\u200b+1", "'\u200b+1"),
        ("|cmd", "|cmd"),  # a pipe alone starts no formula
        ("a=1", "a=1"),
        ("  text", "  text"),
        ("\u22121.5", "\u22121.5"),  # U+2212 minus: no spreadsheet reads it as one
        ("", ""),
    ],
)
def test_the_formula_guard(value: str, written: str) -> None:
    from kzcn.render.delimited import cell

    assert cell(value) == written
    assert cell(value, guard=False) == value
    assert cell([value]) == written
    assert cell(-5) == "-5"


@pytest.mark.parametrize("output_format", list(Format), ids=lambda member: member.value)
def test_a_field_named_twice_is_a_usage_error_in_every_format(cli: Run, output_format: Format) -> None:
    result = cli("facts", "--format", output_format.value, "--fields", "id,statement,id")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "kzcn: --fields names id more than once; name each field once\n"
