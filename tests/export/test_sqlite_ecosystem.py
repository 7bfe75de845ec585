"""The SQLite export as Datasette and sqlite-utils read it (issue 23, item 10): their full-text search finds facts,
Datasette offers a search box, and every link Datasette draws to a table has a label that is not "None"."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builders import small_kb

_missing = [name for name in ("datasette", "sqlite_utils") if importlib.util.find_spec(name) is None]
if _missing:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs {', '.join(_missing)} for these tests: pip install -e '.[test]'", pytrace=False)
    pytestmark = pytest.mark.skip(
        reason=f"{', '.join(_missing)} not installed (pip install -e '.[test]'); CI runs these"
    )

Run = Callable[..., Any]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import SHIPPED_FACTS
    from kzcn.export.sqlite import export_sqlite
    from kzcn.kb.load import load_knowledge_base

    path = tmp_path_factory.mktemp("ecosystem") / "kb.sqlite"
    export_sqlite(load_knowledge_base(str(SHIPPED_FACTS), use_cache=False), str(path))
    return path


def _datasette(path: Path, *requests: str) -> list[Any]:
    """Each request's response from Datasette serving the database, in-process (no server, no network)."""
    from datasette.app import Datasette

    async def ask() -> list[Any]:
        datasette = Datasette([str(path)])
        return [await datasette.client.get(request) for request in requests]

    return asyncio.run(ask())


def _grain_facts(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    pattern = "%grain%"
    found = connection.execute(
        "SELECT id FROM facts WHERE statement LIKE ? OR quote_text LIKE ? ORDER BY id", (pattern, pattern)
    )
    return [row[0] for row in found]


def test_sqlite_utils_finds_its_full_text_index_and_searches_it(shipped: Path) -> None:
    import sqlite_utils

    facts = sqlite_utils.Database(shipped)["facts"]
    assert isinstance(facts, sqlite_utils.db.Table)
    assert facts.detect_fts() == "facts_fts"  # before: None, "not configured for full-text search"
    found = sorted(row["id"] for row in facts.search("grain", columns=["id"]))
    assert (
        found
        == _grain_facts(shipped)
        == [
            "grain-exports-to-vietnam",
            "grain-vietnam-30000t-last-year",
            "wheat-vietnam-720t-feb-5",
        ]
    )


def test_the_sqlite_utils_command_searches_facts(shipped: Path) -> None:
    command = shutil.which("sqlite-utils", path=os.path.dirname(sys.executable)) or shutil.which("sqlite-utils")
    assert command is not None, "sqlite-utils installs its command beside this Python"
    result = subprocess.run(
        [command, "search", str(shipped), "facts", "grain", "-c", "id", "--csv"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert sorted(result.stdout.split()[1:]) == _grain_facts(shipped)


def test_datasette_searches_facts_and_offers_a_search_box(shipped: Path) -> None:
    searched, everything, page = _datasette(
        shipped,
        "/kb/facts.json?_search=grain&_shape=array&_col=id&_size=max",
        "/kb/facts.json?_shape=array&_col=id&_size=max",
        "/kb/facts",
    )
    assert searched.status_code == 200
    # Before: _search was ignored and all 107 rows came back.
    assert sorted(row["id"] for row in searched.json()) == _grain_facts(shipped)
    assert len(everything.json()) == sqlite3.connect(shipped).execute("SELECT count(*) FROM facts").fetchone()[0]
    assert 'name="_search"' in page.text


def test_every_table_a_link_points_to_has_a_label_that_is_never_null(shipped: Path) -> None:
    from datasette.app import Datasette

    connection = sqlite3.connect(shipped)
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    targets = sorted(
        {
            row[0]
            for table in tables
            for row in connection.execute(f"SELECT \"table\" FROM pragma_foreign_key_list('{table}')")
        }
    )
    assert targets == ["derived", "facts", "reviews", "sources"]

    async def labels() -> dict[str, str | None]:
        database = Datasette([str(shipped)]).get_database("kb")
        return {table: await database.label_column_for_table(table) for table in targets}

    found = asyncio.run(labels())
    # sources: its name (its title, or "article (title unknown)"); the others show their ids, which are words.
    assert found == {"derived": None, "facts": None, "reviews": None, "sources": "name"}
    assert connection.execute("SELECT count(*) FROM sources WHERE name IS NULL OR name = ''").fetchone() == (0,)
    assert connection.execute("SELECT name FROM sources WHERE id = 'article'").fetchone() == (
        "article (title unknown)",
    )
    (quote,) = _datasette(shipped, "/kb/quotes.json?_shape=array&_labels=on&fact=transport-income-2017")
    assert quote.json()[0]["source"] == {"value": "article", "label": "article (title unknown)"}


def test_an_export_of_a_small_knowledge_base_is_searchable_too(
    cli: Run, write_kb: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "small.sqlite"
    assert cli("--facts", str(write_kb(small_kb())), "export", "sqlite", str(target)).exit_code == 0
    statement, quote = _datasette(
        target,
        "/small/facts.json?_search=trains&_shape=array&_col=id",
        "/small/facts.json?_search=countries&_shape=array&_col=id",  # a word of a quote, not of the statement
    )
    assert [row["id"] for row in statement.json()] == ["trains-2017"]
    assert [row["id"] for row in quote.json()] == ["trade-grew"]
