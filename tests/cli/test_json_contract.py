"""The JSON contract (issue 23, item 4): one shape per command whatever its filters, NDJSON one line per element,
--fields applied to that shape, and every command's output valid against the schema `kzcn schema` prints."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from builders import page_kb, small_kb
from conftest import REPO, SHARED, SHIPPED_FACTS
from kzcn.cli.contract import SHAPES, SHAPES_BY_COMMAND
from kzcn.cli.registry import ENTRIES, Registered
from kzcn.render.json_schema import value_schema

Run = Callable[..., Any]

SCHEMA_DIR = REPO / "docs" / "schema"


def _json(cli: Run, *args: str) -> Any:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _schema(cli: Run, command: str) -> dict[str, Any]:
    result = cli("schema", command)
    assert result.exit_code == 0, result.stderr
    schema: dict[str, Any] = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _errors(schema: dict[str, Any], value: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(value)][:5]


def _runs(cli: Run, facts: str) -> list[tuple[str, ...]]:
    """Every way to call each command that prints JSON, on this knowledge base: its list, each thing by id, filters."""
    ids = [row["id"] for row in _json(cli, "--facts", facts, "facts", "--fields", "id")]
    evidence = [row["id"] for row in _json(cli, "--facts", facts, "facts", "--evidence", "--fields", "id")]
    claims = [row["claim"] for row in _json(cli, "--facts", facts, "review", "--fields", "claim")]
    derived = [row["id"] for row in _json(cli, "--facts", facts, "totals", "--fields", "id")]
    runs: list[tuple[str, ...]] = [
        ("facts",),
        ("facts", "--evidence"),
        ("facts", "--kind", "forecast"),
        ("sources",),
        ("article",),
        ("article", "--paragraph", "1"),
        ("review",),
        ("totals",),
        ("stats",),
        ("report",),
        ("check", "--coverage"),
        ("search", "the"),
        ("search", "2017"),
    ]
    runs += [("show", fact_id) for fact_id in ids + evidence]
    runs += [("review", claim) for claim in claims]
    runs += [("totals", "--explain", figure) for figure in derived]
    series = cli("--facts", facts, "revenue", "--json")  # exit 1 on a knowledge base without the series
    if series.exit_code == 0:
        runs.append(("revenue",))
        runs += [
            ("revenue", "--year", str(year)) for year in sorted({row["year"] for row in json.loads(series.stdout)})
        ]
    return runs


@pytest.fixture
def knowledge_bases(write_kb: Callable[..., Path], cli: Run, tmp_path: Path) -> list[str]:
    """The shipped knowledge base, two small ones built here (one with evidence and reviews), and a new one made by
    init from the article's text."""
    fresh = tmp_path / "fresh.yaml"
    made = cli("init", str(fresh), "--from-text", str(SHARED / "source" / "article.txt"))
    assert made.exit_code == 0, made.stderr
    return [str(SHIPPED_FACTS), str(write_kb(small_kb())), str(write_kb(page_kb())), str(fresh)]


def test_every_command_output_validates_against_its_schema(cli: Run, knowledge_bases: list[str]) -> None:
    checked: dict[str, int] = {}
    for facts in knowledge_bases:
        for run in _runs(cli, facts):
            value = _json(cli, "--facts", facts, *run)
            assert _errors(_schema(cli, run[0]), value) == [], (facts, run)
            checked[run[0]] = checked.get(run[0], 0) + 1
    assert set(checked) == set(SHAPES_BY_COMMAND)
    assert checked["show"] > 100 and checked["review"] > 30, checked  # every fact and claim of the shipped one


def test_a_command_keeps_its_shape_whatever_its_filters(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb(small_kb()))
    whole = _json(cli, "--facts", path, "revenue")
    one_year = _json(cli, "--facts", path, "revenue", "--year", "2017")
    # Before: --year made it one object with the others nested under "related".
    assert isinstance(whole, list) and isinstance(one_year, list)
    assert [row["id"] for row in one_year] == [row["id"] for row in whole if row["year"] == 2017]
    assert _json(cli, "--facts", path, "revenue", "--year", "2017", "--fields", "id,text") == [
        {"id": row["id"], "text": row["text"]} for row in one_year
    ]
    assert isinstance(_json(cli, "--facts", path, "facts", "--kind", "forecast", "--limit", "1"), list)
    assert _json(cli, "--facts", path, "facts", "--kind", "opinion", "nothing-like-this") == []


@pytest.mark.parametrize(
    "run",
    [
        ("facts",),
        ("revenue", "--year", "2017"),
        ("review",),
        ("show", "trains-2017"),
        ("totals", "--explain", "transit-share-2017"),
        ("report",),
        ("stats",),
        ("check", "--coverage"),
    ],
)
def test_ndjson_is_one_line_per_element_of_the_json(cli: Run, write_kb: Callable[..., Path], run: tuple[str]) -> None:
    path = str(write_kb(small_kb()))
    value = _json(cli, "--facts", path, *run)
    lines = cli("--facts", path, *run, "--format", "ndjson").stdout.splitlines()
    assert [json.loads(line) for line in lines] == (value if isinstance(value, list) else [value])


def test_fields_keep_the_shape_and_name_the_keys_in_order(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb(small_kb()))
    assert _json(cli, "--facts", path, "show", "trains-2017", "--fields", "statement,id") == {
        "statement": _json(cli, "--facts", path, "show", "trains-2017")["statement"],
        "id": "trains-2017",
    }
    rows = _json(cli, "--facts", path, "facts", "--fields", "kind,id")
    assert rows and all(list(row) == ["kind", "id"] for row in rows)


def test_report_json_is_one_document_and_fields_say_where_they_apply(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb(small_kb()))
    sheet = _json(cli, "--facts", path, "report")
    assert list(sheet) == ["title", "lead", "sections"]
    refused = cli("--facts", path, "report", "--json", "--fields", "id")
    assert refused.exit_code == 2
    assert refused.stdout == ""
    assert refused.stderr == (
        "kzcn: report --format json is the whole fact sheet, one object of sections; --fields picks the key figures' "
        "columns in --format csv or tsv\n"
    )
    csv = cli("--facts", path, "report", "--format", "csv", "--fields", "id,basis")
    assert csv.exit_code == 0 and csv.stdout.splitlines()[0] == "id,basis"


def test_schema_lists_the_commands_and_refuses_one_that_prints_no_json(cli: Run) -> None:
    listing = cli("schema")
    assert listing.exit_code == 0
    assert [line.split()[0] for line in listing.stdout.splitlines()[: len(SHAPES)]] == [s.command for s in SHAPES]
    unknown = cli("schema", "init")
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "kzcn: no command 'init' prints JSON; commands that do: facts, show, sources, search, article, review, "
        "revenue, totals, stats, report, check\n"
    )


def test_every_command_with_output_options_has_a_shape() -> None:
    with_output = {
        entry.name for entry in ENTRIES if isinstance(entry, Registered) and entry.output and not entry.group
    }
    assert with_output == set(SHAPES_BY_COMMAND)


def test_a_record_schema_requires_every_field_and_no_other() -> None:
    schema = _facts_record()
    assert _errors(schema, {**_full_record(schema), "extra": 1}) == [
        "[]: Additional properties are not allowed ('extra' was unexpected)"
    ]
    missing = _full_record(schema)
    del missing["id"]
    assert _errors(schema, missing) == ["[]: 'id' is a required property"]


def _facts_record() -> dict[str, Any]:
    from kzcn.queries.facts import FACT_FIELDS
    from kzcn.render.json_schema import record_schema

    return record_schema(FACT_FIELDS, "a fact")


def _full_record(schema: dict[str, Any]) -> dict[str, Any]:
    samples = {"string": "x", "integer": 1, "number": 1.5, "boolean": True, "object": {}, "array": [], "null": None}
    record = {}
    for key, spec in schema["properties"].items():
        kind = spec.get("type") or spec["anyOf"][0]["type"]
        record[key] = samples[kind[0] if isinstance(kind, list) else kind]
    return record


@pytest.mark.parametrize(
    ("json_type", "expected"),
    [
        ("string", {"type": "string"}),
        ("integer?", {"type": ["integer", "null"]}),
        ("string|integer?", {"type": ["string", "integer", "null"]}),
        ("string[]", {"type": "array", "items": {"type": "string"}}),
        ("object[]", {"type": "array", "items": {"type": "object"}}),
        ("integer[]?", {"anyOf": [{"type": "array", "items": {"type": "integer"}}, {"type": "null"}]}),
    ],
)
def test_value_schema_reads_the_declared_type(json_type: str, expected: dict[str, Any]) -> None:
    assert value_schema(json_type) == expected


def test_an_unknown_declared_type_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown JSON type 'text'"):
        value_schema("text?")


def test_the_published_schemas_are_those_kzcn_prints(cli: Run) -> None:
    """docs/schema/ holds each command's schema, so a change of the contract shows in review as a diff of them
    (semver: a removed or retyped key is a major version)."""
    stale = []
    for shape in SHAPES:
        path = SCHEMA_DIR / f"{shape.command}.json"
        printed = cli("schema", shape.command).stdout
        if not path.exists() or path.read_text(encoding="utf-8") != printed:
            stale.append(shape.command)
    assert stale == [], f"docs/schema/ is out of date for {stale}: run python -m kzcn.cli.contract docs/schema"
