"""`kzcn export sqlite`: every table holds what the matching command's JSON says; keys, types, FTS5 and safety."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import SHIPPED_FACTS
from kzcn.export_sqlite import TABLES, Export, export_sqlite, table
from kzcn.kb import load_knowledge_base

Run = Callable[..., Any]


@pytest.fixture
def exported(cli: Run, tmp_path: Path) -> sqlite3.Connection:
    target = tmp_path / "kb.sqlite"
    result = cli("--facts", str(SHIPPED_FACTS), "export", "sqlite", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    connection = sqlite3.connect(target)
    connection.row_factory = sqlite3.Row
    return connection


def rows(connection: sqlite3.Connection, query: str) -> list[dict[str, Any]]:
    return [dict(row) for row in connection.execute(query)]


def json_of(cli: Run, *command: str) -> Any:
    result = cli("--facts", str(SHIPPED_FACTS), *command, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


FACT_COLUMNS = [
    "id",
    "kind",
    "statement",
    "quantity_text",
    "time_text",
    "source",
    "time_year",
    "time_kind",
    "amount",
    "unit",
    "scale",
    "qualifier",
    "value",
    "attributed_to",
    "series",
    "note",
]


def test_facts_table_matches_facts_json(cli: Run, exported: sqlite3.Connection) -> None:
    listed = json_of(cli, "facts")
    table_rows = rows(exported, "SELECT * FROM facts ORDER BY position")
    assert [row["id"] for row in table_rows] == [record["id"] for record in listed]
    for row, record in zip(table_rows, listed, strict=True):
        assert {key: row[key] for key in FACT_COLUMNS} == {key: record[key] for key in FACT_COLUMNS}
        assert bool(row["forecast"]) is record["forecast"]


def test_link_tables_and_quotes_match_facts_json(cli: Run, exported: sqlite3.Connection) -> None:
    listed = json_of(cli, "facts")
    for link, key, column in (
        ("fact_topics", "topics", "topic"),
        ("fact_entities", "entities", "entity"),
        ("fact_refers_to", "refers_to", "source"),
    ):
        pairs = {(row["fact"], row[column]) for row in rows(exported, f"SELECT * FROM {link}")}
        assert pairs == {(record["id"], value) for record in listed for value in record[key]}, link
    quotes = rows(exported, "SELECT fact, paragraph, text FROM quotes ORDER BY rowid")
    assert quotes == [
        {"fact": record["id"], "paragraph": quote["paragraph"], "text": quote["text"]}
        for record in listed
        for quote in record["quotes"]
    ]


def test_quote_offsets_point_at_the_quote_in_the_source_text(exported: sqlite3.Connection) -> None:
    found = rows(
        exported,
        "SELECT q.text, substr(s.text, q.start_offset + 1, q.end_offset - q.start_offset) AS passage "
        "FROM quotes q JOIN sources s ON s.id = q.source WHERE q.fact = 'transport-income-2017'",
    )
    assert found == [{"text": "in 2017 earned $ 3 billion", "passage": "in 2017 earned $ 3 billion"}]
    assert exported.execute("SELECT count(*) FROM quotes WHERE start_offset IS NULL").fetchone()[0] == 0


def test_sources_table_matches_sources_json(cli: Run, exported: sqlite3.Connection) -> None:
    listed = json_of(cli, "sources")
    columns = [
        "id",
        "kind",
        "title",
        "author",
        "publisher",
        "published",
        "language",
        "url",
        "view_count",
        "sha256",
        "cited_in",
        "notes",
    ]
    table_rows = rows(exported, "SELECT * FROM sources ORDER BY position")
    assert [{key: row[key] for key in columns} for row in table_rows] == [
        {key: record[key] for key in columns} for record in listed
    ]


def test_derived_tables_match_totals_json(cli: Run, exported: sqlite3.Connection) -> None:
    listed = json_of(cli, "totals")
    columns = ["id", "label", "operation", "formula", "arithmetic", "text", "amount", "unit", "scale", "year"]
    table_rows = rows(exported, "SELECT * FROM derived ORDER BY position")
    assert [{key: row[key] for key in columns} for row in table_rows] == [
        {key: record[key] for key in columns} for record in listed
    ]
    assert [(bool(row["forecast"]), bool(row["exact"])) for row in table_rows] == [
        (record["forecast"], record["exact"]) for record in listed
    ]
    inputs = rows(exported, "SELECT derived, fact FROM derived_inputs ORDER BY derived, position")
    assert sorted((row["derived"], row["fact"]) for row in inputs) == sorted(
        (record["id"], fact) for record in listed for fact in record["inputs"]
    )


def test_relations_table_matches_the_knowledge_base(exported: sqlite3.Connection) -> None:
    raw = yaml.safe_load(SHIPPED_FACTS.read_text(encoding="utf-8"))["relations"]
    table_rows = rows(exported, "SELECT * FROM relations ORDER BY rowid")
    assert [(r["id"], r["kind"], r["left_fact"], r["right_fact"]) for r in table_rows] == [
        (r["id"], r["kind"], r.get("part", r.get("from")), r.get("whole", r.get("to"))) for r in raw
    ]


def test_revenue_view_matches_revenue_json(cli: Run, exported: sqlite3.Connection) -> None:
    listed = json_of(cli, "revenue")
    columns = ["year", "basis", "text", "id", "amount", "unit", "scale", "value"]
    view = rows(exported, "SELECT * FROM revenue")
    assert sorted(tuple(row[key] for key in columns) for row in view) == sorted(
        tuple(record[key] for key in columns) for record in listed
    )


def test_fact_quotes_view_gives_source_and_paragraph(exported: sqlite3.Connection) -> None:
    found = rows(
        exported, "SELECT source, source_title, paragraph FROM fact_quotes WHERE fact = 'transport-income-2017'"
    )
    assert found == [{"source": "article", "source_title": None, "paragraph": 4}]


def test_full_text_search_finds_facts_by_words_in_statements_and_quotes(exported: sqlite3.Connection) -> None:
    found = [row[0] for row in exported.execute("SELECT fact FROM facts_fts WHERE facts_fts MATCH 'grain vietnam'")]
    assert found == ["grain-exports-to-vietnam"]
    ranked = exported.execute("SELECT fact FROM facts_fts WHERE facts_fts MATCH 'quotes: billion' ORDER BY rank")
    assert "transport-income-2017" in [row[0] for row in ranked]


def test_columns_are_typed_and_keys_declared(exported: sqlite3.Connection) -> None:
    assert exported.execute("PRAGMA foreign_key_check").fetchall() == []
    assert exported.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    types = {row["name"]: row["type"] for row in rows(exported, "PRAGMA table_info(facts)")}
    assert (types["time_year"], types["amount"], types["statement"]) == ("INTEGER", "NUMERIC", "TEXT")
    assert {row["table"] for row in rows(exported, "PRAGMA foreign_key_list(quotes)")} == {"facts", "sources"}
    assert exported.execute("SELECT typeof(value) FROM facts WHERE id = 'transport-income-2017'").fetchone()[0] == (
        "integer"
    )
    assert exported.execute("SELECT typeof(amount) FROM facts WHERE id = 'transport-income-china-2017'").fetchone()[
        0
    ] == ("real")


def test_an_existing_file_is_replaced_only_with_force(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "kb.sqlite"
    target.write_text("keep me", encoding="utf-8")
    result = cli("export", "sqlite", str(target))
    assert (result.exit_code, result.stderr) == (2, f"kzcn: {target} exists; add --force to replace it\n")
    assert target.read_text(encoding="utf-8") == "keep me"
    assert cli("export", "sqlite", str(target), "--force").exit_code == 0
    assert sqlite3.connect(target).execute("SELECT count(*) FROM facts").fetchone()[0] == 35
    assert sorted(os.listdir(tmp_path)) == ["cache", "kb.sqlite"]  # no temporary file left behind


def test_the_knowledge_base_is_never_the_target(cli: Run, write_kb: Callable[..., Path], tmp_path: Path) -> None:
    path = write_kb()
    before = path.read_bytes()
    os.symlink(path, tmp_path / "link.yaml")
    for target in (str(path), str(tmp_path / "link.yaml"), str(tmp_path / "." / path.name)):
        result = cli("--facts", str(path), "export", "sqlite", target, "--force")
        assert result.exit_code == 2
        assert result.stderr == f"kzcn: {target} is the knowledge base being exported; name another file\n"
    assert path.read_bytes() == before


def test_a_missing_directory_is_a_clear_error(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "kb.sqlite"
    result = cli("export", "sqlite", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"kzcn: cannot write {target}: the directory {target.parent} does not exist\n"


def test_a_failed_export_leaves_neither_target_nor_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = load_knowledge_base(str(SHIPPED_FACTS), use_cache=False)

    def broken(export: Export) -> Iterator[tuple[Any, ...]]:
        raise RuntimeError("disk on fire")
        yield ()

    monkeypatch.setattr("kzcn.export_sqlite.TABLES", [*TABLES, *_registered("broken", "x TEXT", broken)])
    with pytest.raises(RuntimeError, match="disk on fire"):
        export_sqlite(kb, str(tmp_path / "kb.sqlite"))
    assert os.listdir(tmp_path) == []


def _registered(name: str, columns: str, rows: Callable[[Export], Any]) -> list[Any]:
    """A table registered through the one extension point, without keeping it in the real registry."""
    before = list(TABLES)
    table(name, columns)(rows)
    added = TABLES[len(before) :]
    del TABLES[len(before) :]
    return added


def test_a_new_table_is_one_registered_function(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kb = load_knowledge_base(str(SHIPPED_FACTS), use_cache=False)

    def reviews(export: Export) -> Iterator[tuple[Any, ...]]:
        yield from ((fact.id, "ok") for fact in export.kb.facts[:2])

    extra = _registered("reviews", "fact TEXT NOT NULL REFERENCES facts (id), verdict TEXT", reviews)
    monkeypatch.setattr("kzcn.export_sqlite.TABLES", [*TABLES, *extra])
    export_sqlite(kb, str(tmp_path / "kb.sqlite"))
    assert sqlite3.connect(tmp_path / "kb.sqlite").execute("SELECT count(*) FROM reviews").fetchone()[0] == 2
