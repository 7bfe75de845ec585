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
from kzcn.export.sqlite import TABLES, Export, export_sqlite, table
from kzcn.kb.load import load_knowledge_base

Run = Callable[..., Any]


@pytest.fixture
def exported(cli: Run, tmp_path: Path) -> sqlite3.Connection:
    target = tmp_path / "kb.sqlite"
    result = cli("--facts", str(SHIPPED_FACTS), "export", "sqlite", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"kzcn: wrote {target}\n")
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
    "modality",
    "condition",
    "series",
    "note",
    "measure",
    "verdict",
]


def every_fact(cli: Run) -> list[dict[str, Any]]:
    """The article's claims, then the evidence of the other sources: all the facts the database holds."""
    return [*json_of(cli, "facts"), *json_of(cli, "facts", "--evidence")]


def test_facts_table_matches_facts_json_of_claims_and_evidence(cli: Run, exported: sqlite3.Connection) -> None:
    listed = every_fact(cli)
    table_rows = rows(exported, "SELECT * FROM facts ORDER BY evidence, position")
    assert [row["id"] for row in table_rows] == [record["id"] for record in listed]
    for row, record in zip(table_rows, listed, strict=True):
        assert {key: row[key] for key in FACT_COLUMNS} == {key: record[key] for key in FACT_COLUMNS}
        assert (bool(row["forecast"]), bool(row["evidence"])) == (record["forecast"], record["evidence"])
    kinds = {row["evidence"] for row in table_rows}
    assert kinds == {0, 1}  # the shipped knowledge base has both, so the flag is tested both ways
    raw = yaml.safe_load(SHIPPED_FACTS.read_text(encoding="utf-8"))["facts"]
    assert [row["id"] for row in rows(exported, "SELECT id FROM facts ORDER BY position")] == [f["id"] for f in raw]


def test_verdict_is_null_for_evidence_and_unjudged_opinions(exported: sqlite3.Connection) -> None:
    found = rows(exported, "SELECT evidence, kind, count(*) AS n FROM facts WHERE verdict IS NULL GROUP BY 1, 2")
    assert {(row["evidence"], row["kind"]) for row in found} <= {(1, kind) for kind in ("statistic", "event",
            "forecast", "opinion")} | {(0, "opinion")}  # fmt: skip
    assert any(row["evidence"] == 1 for row in found)


def test_fact_exceptions_match_facts_json(cli: Run, exported: sqlite3.Connection) -> None:
    found = rows(exported, "SELECT fact, rule, reason, words FROM fact_exceptions ORDER BY fact, position")
    expected = sorted((record["id"], exception) for record in every_fact(cli) for exception in record["exceptions"])
    named = [f" ({row['words']})" if row["words"] else "" for row in found]
    assert [
        (row["fact"], f"{row['rule']}{words}: {row['reason']}") for row, words in zip(found, named, strict=True)
    ] == expected
    assert [row["words"] for row in found if row["words"]] == ["documentary", "made, documentary"]
    assert found  # the shipped knowledge base excepts at least one fact


def test_link_tables_and_quotes_match_facts_json(cli: Run, exported: sqlite3.Connection) -> None:
    listed = every_fact(cli)
    for link, key, column in (
        ("fact_topics", "topics", "topic"),
        ("fact_entities", "entities", "entity"),
        ("fact_refers_to", "refers_to", "source"),
    ):
        pairs = {(row["fact"], row[column]) for row in rows(exported, f"SELECT * FROM {link}")}
        assert pairs == {(record["id"], value) for record in listed for value in record[key]}, link
    quotes = rows(
        exported,
        "SELECT q.fact, q.paragraph, q.text FROM quotes q JOIN facts f ON f.id = q.fact "
        "ORDER BY f.evidence, f.position, q.position",
    )
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
        "role",
        "retrieved",
    ]
    table_rows = rows(exported, "SELECT * FROM sources ORDER BY position")
    assert [{key: row[key] for key in columns} for row in table_rows] == [
        {key: record[key] for key in columns} for record in listed
    ]


def test_derived_tables_match_totals_json(cli: Run, exported: sqlite3.Connection) -> None:
    listed = json_of(cli, "totals")
    columns = ["id", "label", "operation", "formula", "arithmetic", "text", "amount", "unit", "scale", "year"]
    columns += ["qualifier", "comparable"]
    table_rows = rows(exported, "SELECT * FROM derived ORDER BY position")
    assert [{key: row[key] for key in columns} for row in table_rows] == [
        {key: record[key] for key in columns} for record in listed
    ]
    assert [(bool(row["forecast"]), bool(row["exact"])) for row in table_rows] == [
        (record["forecast"], record["exact"]) for record in listed
    ]
    declared = [row["id"] for row in table_rows if row["comparable"] is not None]
    assert declared == [
        "china-share-2017",
        "transport-income-2017-rest",
        "income-change-2017-2020",
        "income-percent-change-2017-2020",
        "income-annual-growth-2017-2020",
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


def test_revenue_view_holds_the_article_series_of_revenue_json(cli: Run, exported: sqlite3.Connection) -> None:
    """The view is the article's series (stated, forecast, derived); the record and gap rows of `kzcn revenue` are
    evidence cited by reviews and comparisons declared comparable, which are their own tables."""
    listed = json_of(cli, "revenue")
    claims = {record["id"] for record in json_of(cli, "facts")}
    derived = {record["id"] for record in json_of(cli, "totals")}
    article = [record for record in listed if record["id"] in claims | derived]
    assert {record["basis"] for record in listed if record not in article} == {"record", "record (forecast)",
            "record, year inferred", "derived", "derived from forecast"}  # fmt: skip
    columns = ["year", "basis", "text", "id", "amount", "unit", "scale", "value"]
    view = rows(exported, "SELECT * FROM revenue")
    assert sorted(tuple(row[key] for key in columns) for row in view) == sorted(
        tuple(record[key] for key in columns) for record in article
    )
    records = {record["id"] for record in listed if record["basis"].startswith("record")}
    cited = rows(
        exported,
        "SELECT DISTINCT e.fact FROM review_evidence e JOIN facts c ON c.id = e.claim JOIN facts f ON f.id = e.fact "
        "WHERE c.series = 'transport-income' AND f.amount IS NOT NULL AND f.time_year IS NOT NULL",
    )
    assert records <= {row["fact"] for row in cited}  # every record row can be joined from the review tables
    gaps = {record["id"] for record in listed if record["id"].startswith("gap-")}
    comparable = rows(exported, "SELECT 'gap-' || id AS id FROM comparisons WHERE comparable = 1")
    assert gaps and gaps <= {row["id"] for row in comparable}


def test_reviews_table_matches_review_json(cli: Run, exported: sqlite3.Connection) -> None:
    reviewed = [record for record in json_of(cli, "review") if record["verdict"] is not None]
    columns = ["claim", "verdict", "summary", "searched", "date"]
    table_rows = rows(exported, "SELECT * FROM reviews ORDER BY position")
    assert [{key: row[key] for key in columns} for row in table_rows] == [
        {key: record[key] for key in columns} for record in reviewed
    ]
    assert table_rows  # the shipped knowledge base has reviews


def test_review_evidence_matches_review_id_json(cli: Run, exported: sqlite3.Connection) -> None:
    claims = [row["claim"] for row in rows(exported, "SELECT claim FROM reviews ORDER BY position")]
    for claim in claims:
        items = json_of(cli, "review", claim)["evidence"]
        found = rows(
            exported, f"SELECT fact, bearing, note FROM review_evidence WHERE claim = '{claim}' ORDER BY position"
        )
        assert found == [{key: item[key] for key in ("fact", "bearing", "note")} for item in items], claim
    assert {row["table"] for row in rows(exported, "PRAGMA foreign_key_list(review_evidence)")} == {"reviews", "facts"}


def test_comparisons_table_matches_the_knowledge_base(exported: sqlite3.Connection) -> None:
    raw = yaml.safe_load(SHIPPED_FACTS.read_text(encoding="utf-8"))["comparisons"]
    table_rows = rows(exported, "SELECT * FROM comparisons ORDER BY rowid")
    assert [(r["id"], r["first_fact"], r["second_fact"], r["comparable"], r["reason"]) for r in table_rows] == [
        (r["id"], *r["facts"], int(r["comparable"]), r["reason"]) for r in raw
    ]
    assert {row["comparable"] for row in table_rows} == {0, 1}


def test_claim_reviews_view_matches_review_json(cli: Run, exported: sqlite3.Connection) -> None:
    listed = json_of(cli, "review")
    view = rows(exported, "SELECT * FROM claim_reviews")
    columns = ["claim", "kind", "statement", "summary", "evidence_count", "searched", "date"]
    assert [{key: row[key] for key in columns} for row in view] == [
        {key: record[key] for key in columns} for record in listed
    ]
    # The view says "unreviewed" where review --json says null, as facts.verdict and the Verdict column do.
    assert [row["verdict"] for row in view] == [record["verdict"] or "unreviewed" for record in listed]
    for row in view:
        bearings = [item["bearing"] for item in json_of(cli, "review", row["claim"])["evidence"]]
        assert (row["corroborating"], row["contradicting"]) == (
            bearings.count("corroborates"),
            bearings.count("contradicts"),
        ), row["claim"]


def test_fact_quotes_view_gives_source_and_paragraph(exported: sqlite3.Connection) -> None:
    found = rows(
        exported, "SELECT source, source_title, paragraph FROM fact_quotes WHERE fact = 'transport-income-2017'"
    )
    assert found == [{"source": "article", "source_title": None, "paragraph": 4}]


def test_full_text_search_finds_facts_by_words_in_statements_and_quotes(exported: sqlite3.Connection) -> None:
    found = [row[0] for row in exported.execute("SELECT id FROM facts_fts WHERE facts_fts MATCH 'grain vietnam'")]
    assert found[0] == "grain-exports-to-vietnam" and len(found) > 1  # the article's claim, then the evidence
    claims = exported.execute(
        "SELECT f.id FROM facts_fts JOIN facts f ON f.rowid = facts_fts.rowid WHERE facts_fts MATCH 'grain vietnam' AND evidence = 0"
    )
    assert [row[0] for row in claims] == ["grain-exports-to-vietnam"]
    ranked = exported.execute("SELECT id FROM facts_fts WHERE facts_fts MATCH 'quote_text: billion' ORDER BY rank")
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
    facts = yaml.safe_load(SHIPPED_FACTS.read_text(encoding="utf-8"))["facts"]
    assert sqlite3.connect(target).execute("SELECT count(*) FROM facts").fetchone()[0] == len(facts)
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

    monkeypatch.setattr("kzcn.export.sqlite.TABLES", [*TABLES, *_registered("broken", "x TEXT", broken)])
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

    def flags(export: Export) -> Iterator[tuple[Any, ...]]:
        yield from ((fact.id, "ok") for fact in export.kb.facts[:2])

    extra = _registered("fact_flags", "fact TEXT NOT NULL REFERENCES facts (id), flag TEXT", flags)
    monkeypatch.setattr("kzcn.export.sqlite.TABLES", [*TABLES, *extra])
    export_sqlite(kb, str(tmp_path / "kb.sqlite"))
    assert sqlite3.connect(tmp_path / "kb.sqlite").execute("SELECT count(*) FROM fact_flags").fetchone()[0] == 2


def test_a_whole_number_sqlite_cannot_hold_becomes_the_nearest_float() -> None:
    from kzcn.export.sqlite_registry import SQLITE_INTEGER_RANGE, number

    low, high = SQLITE_INTEGER_RANGE
    assert [number(value) for value in (low, high, 0, 2.5, None)] == [low, high, 0, 2.5, None]
    assert [type(number(value)) for value in (low, high)] == [int, int]
    assert number(high + 1) == float(2**63) and type(number(high + 1)) is float
    assert number(low - 1) == -float(2**63) and type(number(low - 1)) is float


def test_one_of_writes_each_value_as_an_sql_string() -> None:
    from kzcn.export.sqlite_registry import one_of

    assert one_of("kind", ["a", "it's", ""]) == "(kind = 'a' OR kind = 'it''s' OR kind = '')"
    assert one_of("flag", (0, 1)) == "(flag = 0 OR flag = 1)"


def test_the_checks_refuse_a_value_outside_their_list_and_admit_null(exported: sqlite3.Connection) -> None:
    for change in ("kind = 'rumour'", "forecast = 2", "verdict = 'true'", "evidence = NULL"):
        with pytest.raises(sqlite3.IntegrityError, match="constraint failed"):
            exported.execute(f"UPDATE facts SET {change} WHERE id = 'transport-income-2017'")
    exported.execute("UPDATE facts SET verdict = NULL, outcome = NULL WHERE id = 'transport-income-2017'")
    assert exported.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_fact_field_the_facts_table_does_not_list_gets_a_column_of_its_type_and_value() -> None:
    """No field is unlisted today (a new one would be: tests/project/test_fact_shape.py adds one and exports it):
    the two helpers that give it its column, directly."""
    from kzcn.export.sqlite_tables import _column_type, _column_value
    from kzcn.model.records import Quantity

    assert [_column_type(name) for name in ("id", "attributed_to", "quantity", "topics")] == [
        "TEXT NOT NULL",
        "TEXT",
        "TEXT",
        "TEXT",
    ]
    assert [_column_value(value) for value in (None, "é", 3, 2**70, True)] == [None, "é", 3, float(2**70), True]
    assert _column_value(("Côte", 2)) == '["Côte", 2]'
    assert _column_value(Quantity(2, "USD")) == '{"amount": 2, "unit": "USD", "scale": "one", "qualifier": "exact"}'
    assert _column_value(1.5) == "1.5"


def test_an_existing_file_is_kept_unless_forced_and_a_missing_fts5_is_said_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from builders import knowledge_base
    from kzcn.errors import UsageError
    from kzcn.export import sqlite as export

    target = tmp_path / "kb.sqlite"
    target.write_bytes(b"mine")
    with pytest.raises(UsageError, match="exists"):
        export.export_sqlite(knowledge_base(), str(target))
    assert target.read_bytes() == b"mine"

    def without_fts5(*_: Any) -> None:
        raise sqlite3.OperationalError("no such module: fts5")

    monkeypatch.setattr(export, "write_database", without_fts5)
    with pytest.raises(UsageError, match=r"^this Python's SQLite has no FTS5 full-text search; kzcn needs it$"):
        export.export_sqlite(knowledge_base(), str(tmp_path / "new.sqlite"))

    # Issue 20, case 10: a full disk was "internal error (OperationalError); this is a bug", exit 70. It is a
    # failure to write the file (OSError: exit 74, "cannot write FILE: ..."), and leaves nothing behind.
    def full(*_: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(export, "write_database", full)
    with pytest.raises(OSError) as caught:
        export.export_sqlite(knowledge_base(), str(tmp_path / "other.sqlite"))
    assert (caught.value.strerror, caught.value.filename) == (
        "SQLite could not write the database (database or disk is full)",
        str(tmp_path / "other.sqlite"),
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kb.sqlite"]
