"""One fact shape: every field of the model's Fact is cached, listed in the machine formats and exported to SQLite,
and a new field reaches them all from the model and the schema's reader alone."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SHIPPED_FACTS, subprocess_env
from kzcn.kb.cache_format import decode, encode
from kzcn.kb.load import load_knowledge_base
from kzcn.model.records import Fact
from kzcn.queries.facts import FACT_FIELDS

SHOWN_IN_PARTS = {"time": {"time_text", "time_year", "time_kind"}, "quantity": {"quantity_text", "amount", "value"}}
"""Fact fields the machine formats and the SQLite facts table show as several columns."""

SQLITE_TABLE_OF = {
    "topics": "fact_topics",
    "entities": "fact_entities",
    "refers_to": "fact_refers_to",
    "quotes": "quotes",
    "exceptions": "fact_exceptions",
}
"""Fact fields of several values, each exported as a table of its own rather than a column of `facts`."""


def test_every_fact_field_comes_back_from_the_cache() -> None:
    kb = load_knowledge_base(str(SHIPPED_FACTS), use_cache=False)
    back = decode(encode(kb))
    for field in dataclasses.fields(Fact):
        assert [getattr(fact, field.name) for fact in back.facts] == [getattr(f, field.name) for f in kb.facts]
        # The shipped knowledge base sets every field somewhere, so the comparison above compares something.
        default = field.default if field.default is not dataclasses.MISSING else object()
        assert any(getattr(fact, field.name) not in (default, None, ()) for fact in kb.facts), field.name


def test_every_fact_field_is_in_the_machine_formats() -> None:
    keys = {field.key for field in FACT_FIELDS}
    for field in dataclasses.fields(Fact):
        assert field.name in keys or SHOWN_IN_PARTS[field.name] <= keys, field.name


def test_every_fact_field_is_exported_to_sqlite(tmp_path: Path) -> None:
    from kzcn.export.sqlite import write_database

    database = tmp_path / "kb.sqlite"
    with sqlite3.connect(database) as connection:
        write_database(load_knowledge_base(str(SHIPPED_FACTS), use_cache=False), connection)
        columns = {row[1] for row in connection.execute("PRAGMA table_info(facts)")}
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for field in dataclasses.fields(Fact):
        shown = field.name in columns or SHOWN_IN_PARTS.get(field.name, {""}) <= columns
        assert shown or SQLITE_TABLE_OF[field.name] in tables, field.name


def test_a_new_fact_field_needs_only_the_model_and_the_schema_reader(tmp_path: Path) -> None:
    """A copy of kzcn with one more optional field, added where the README says, in records.py and schema.py
    only: the field is read from YAML, cached, and shown by JSON, CSV, `kzcn show` and the SQLite export."""
    package = tmp_path / "kzcn"
    shutil.copytree(REPO / "kzcn", package, ignore=shutil.ignore_patterns("__pycache__"))
    records = package / "model" / "records.py"
    records.write_text(
        records.read_text(encoding="utf-8").replace(
            "    kept_because: str | None = None\n",
            '    kept_because: str | None = None\n    language: str | None = None\n    """The claim\'s language."""\n',
        ),
        encoding="utf-8",
    )
    schema = package / "parse" / "schema.py"
    schema.write_text(
        schema.read_text(encoding="utf-8")
        .replace(
            '        measure = self.text(item, "measure", path, nullable=True)\n',
            '        measure = self.text(item, "measure", path, nullable=True)\n'
            '        language = self.text(item, "language", path, nullable=True)\n',
        )
        .replace("            measure=measure,\n", "            measure=measure,\n            language=language,\n"),
        encoding="utf-8",
    )
    facts = tmp_path / "facts.yaml"
    text = SHIPPED_FACTS.read_text(encoding="utf-8")
    first_fact = text.index("\n  - id: ", text.index("\nfacts:\n")) + 1
    facts.write_text(text[:first_fact] + "  - language: kk\n    id: " + text[first_fact + 10 :], encoding="utf-8")
    env = subprocess_env(tmp_path, PYTHONPATH=str(tmp_path))

    def kzcn(*arguments: str) -> str:
        command = [sys.executable, "-m", "kzcn", "--facts", str(facts), *arguments]
        return subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, check=True).stdout

    cold, warm = json.loads(kzcn("facts", "--json")), json.loads(kzcn("facts", "--json"))
    assert list(cold[0])[-1] == "language" and cold[0]["language"] == "kk" and cold[1]["language"] is None
    assert warm == cold and list(tmp_path.glob("cache/kzcn/*.kzcn-cache"))
    assert kzcn("facts", "--format", "csv").splitlines()[0].endswith(",evidence,kept_because,language")
    assert "Language" in kzcn("show", cold[0]["id"])
    kzcn("export", "sqlite", str(tmp_path / "kb.sqlite"))
    with sqlite3.connect(tmp_path / "kb.sqlite") as connection:
        assert connection.execute("SELECT language FROM facts WHERE id = ?", (cold[0]["id"],)).fetchone() == ("kk",)
        assert list(connection.execute("PRAGMA table_info(facts)"))[-1][1:3] == ("language", "TEXT")
