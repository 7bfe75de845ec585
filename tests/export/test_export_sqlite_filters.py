"""`kzcn export sqlite` with filters: the claims that pass, what goes with them, every key valid."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from builders import page_kb
from kzcn.export.sqlite import TABLES, export_sqlite
from kzcn.kb.load import load_knowledge_base
from kzcn.model.records import KnowledgeBase
from kzcn.queries.filters import Filters

KEYS = {
    "sources": "id", "facts": "id", "quotes": "fact || ':' || position", "fact_topics": "fact || ':' || topic",
    "fact_entities": "fact || ':' || entity", "fact_refers_to": "fact || ':' || source", "relations": "id",
    "derived": "id", "derived_inputs": "derived || ':' || role", "fact_exceptions": "fact || ':' || position",
    "reviews": "claim", "review_evidence": "claim || ':' || position", "comparisons": "id",
    "export_filters": "option || ' ' || value",
}  # fmt: skip
"""How each table's rows are named in these tests: its primary key."""


@pytest.fixture
def kb(write_kb: Callable[..., Path]) -> KnowledgeBase:
    return load_knowledge_base(str(write_kb(page_kb())))


def exported(kb: KnowledgeBase, target: Path, filters: Filters) -> dict[str, list[str]]:
    """The database `export_sqlite` writes, as each table's row keys in its order; its foreign keys checked first."""
    export_sqlite(kb, str(target), filters=filters)
    connection = sqlite3.connect(target)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert [spec.name for spec in TABLES] == list(KEYS)  # a new table gets a key here, and so its rows tested
    return {
        name: [row[0] for row in connection.execute(f"SELECT {key} FROM {name} ORDER BY rowid")]
        for name, key in KEYS.items()
    }


def test_a_topic_exports_its_claims_the_evidence_their_reviews_cite_and_whatever_names_only_those(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    # trade: income-2017, cities-served and trade-grew. income-2017's review cites page-income-2017, so the
    # comparison and the gap between the two are kept; every other derived figure and both relations name a
    # transport-only fact and go; page-cities is about trade but evidence no kept review cites.
    assert exported(kb, tmp_path / "trade.sqlite", Filters.given(topics=["Trade"])) == {
        "sources": ["doc", "page"],
        "facts": ["income-2017", "cities-served", "trade-grew", "page-income-2017"],
        "quotes": ["income-2017:1", "cities-served:1", "trade-grew:1", "page-income-2017:1"],
        "fact_topics": [
            "income-2017:transport", "income-2017:trade", "cities-served:trade", "trade-grew:trade",
            "page-income-2017:transport",
        ],
        "fact_entities": ["income-2017:Corridor", "cities-served:Europe", "page-income-2017:Corridor"],
        "fact_refers_to": [],
        "relations": [],
        "derived": ["income-gap-2017"],
        "derived_inputs": ["income-gap-2017:whole", "income-gap-2017:part"],
        "fact_exceptions": [],
        "reviews": ["income-2017", "trade-grew"],
        "review_evidence": ["income-2017:1"],
        "comparisons": ["income-2017-vs-page"],
        "export_filters": ["--topic trade"],
    }  # fmt: skip


def test_different_options_must_all_hold_and_a_derived_figure_needs_all_its_facts(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    # Corridor AND 2017 (the forecast is about 2020): the share and the remainder of 2017 are kept, the growth to
    # 2020 is not; the part-of relation is kept, the increase to 2020 is not.
    tables = exported(kb, tmp_path / "corridor.sqlite", Filters.given(entities=["corridor"], years=[2017]))
    assert {name: tables[name] for name in ("facts", "relations", "derived", "derived_inputs", "reviews")} == {
        "facts": ["income-2017", "income-transit-2017", "page-income-2017"],
        "relations": ["transit-within-income"],
        "derived": ["transit-share-2017", "income-other-2017", "income-gap-2017"],
        "derived_inputs": [
            "transit-share-2017:part", "transit-share-2017:whole", "income-other-2017:whole",
            "income-other-2017:part", "income-gap-2017:whole", "income-gap-2017:part",
        ],
        "reviews": ["income-2017"],
    }  # fmt: skip
    assert tables["export_filters"] == ["--entity Corridor", "--year 2017"]


def test_values_of_one_option_are_any_of_them(kb: KnowledgeBase, tmp_path: Path) -> None:
    tables = exported(kb, tmp_path / "kinds.sqlite", Filters.given(kinds=["FORECAST", "opinion", "forecast"]))
    assert tables["facts"] == ["income-forecast-2020", "trade-grew"]
    assert (tables["reviews"], tables["review_evidence"], tables["derived"]) == (["trade-grew"], [], [])
    assert tables["export_filters"] == ["--kind forecast", "--kind opinion"]


def test_nothing_passing_leaves_only_the_sources(kb: KnowledgeBase, tmp_path: Path) -> None:
    tables = exported(kb, tmp_path / "none.sqlite", Filters.given(verdicts=["contradicted"], topics=["trade"]))
    assert {name: rows for name, rows in tables.items() if rows} == {
        "sources": ["doc", "page"],
        "export_filters": ["--topic trade", "--verdict contradicted"],
    }


def test_positions_and_the_views_follow_what_is_kept(kb: KnowledgeBase, tmp_path: Path) -> None:
    target = tmp_path / "verdict.sqlite"
    exported(kb, target, Filters.given(verdicts=["contradicted", "not-supported"]))
    connection = sqlite3.connect(target)
    assert connection.execute("SELECT id, position, verdict FROM facts ORDER BY position").fetchall() == [
        ("trains-2017", 1, "contradicted"),
        ("income-2017", 2, "not-supported"),
        ("page-trains-2017", 3, None),
        ("page-income-2017", 4, None),
    ]
    assert connection.execute("SELECT claim, evidence_count FROM claim_reviews").fetchall() == [
        ("trains-2017", 1),
        ("income-2017", 1),
    ]
    assert connection.execute("SELECT id FROM facts_fts WHERE facts_fts MATCH 'trains'").fetchall() == [
        ("trains-2017",),
        ("page-trains-2017",),
    ]


def test_without_filters_every_row_is_exported_and_export_filters_is_empty(kb: KnowledgeBase, tmp_path: Path) -> None:
    tables = exported(kb, tmp_path / "all.sqlite", Filters.given())
    assert tables["facts"] == [
        "trains-2017", "income-2017", "income-transit-2017", "income-forecast-2020", "cities-served", "trade-grew",
        "page-trains-2017", "page-income-2017", "page-cities",
    ]  # fmt: skip
    assert tables["derived"] == ["transit-share-2017", "income-other-2017", "income-growth", "income-gap-2017"]
    assert tables["relations"] == ["transit-within-income", "income-rises"]
    assert tables["reviews"] == ["trains-2017", "income-2017", "trade-grew"]
    assert (tables["comparisons"], tables["export_filters"]) == (["income-2017-vs-page"], [])
    assert sqlite3.connect(tmp_path / "all.sqlite").execute("PRAGMA user_version").fetchone() == (7,)
