"""The filter options of `kzcn report` and `kzcn export sqlite` on the command line: given, mistyped, left out."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

Run = Callable[..., Any]


def test_report_says_what_it_was_filtered_by(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb())
    result = cli("--facts", path, "report", "--format", "markdown", "-t", "transport", "--kind", "Forecast")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:1] + result.stdout.split("## The claims, counted\n\n", 1)[1].splitlines()[
        :3
    ] == [
        "# Fact sheet: doc (filtered: --topic transport --kind forecast)",
        "Filtered: --topic transport --kind forecast. Claims that pass: 1 of the article's 6, each quoted verbatim; "
        "their reviews cite 0 facts of 0 other sources as evidence.",
        "",
        "The key figures, the chart, the reviews, the caveats and the marks in the text are those of these claims; a "
        "figure kzcn derives is shown only when every fact it is computed from is. The source and the list of "
        "sources are shown whole.",
    ]
    figures = json.loads(cli("--facts", path, "report", "--source", "doc", "--year", "2020", "--json").stdout)
    assert figures["title"] == "Fact sheet: doc (filtered: --year 2020 --source doc)"
    key_figures = next(section for section in figures["sections"] if section["heading"] == "Key figures")
    assert [record["id"] for record in key_figures["records"]] == ["income-forecast-2020"]


def test_report_without_filters_is_the_sheet_of_every_claim(cli: Run, write_kb: Callable[..., Path]) -> None:
    result = cli("--facts", str(write_kb()), "report", "--format", "markdown")
    # A fact sheet opens with what a reader came for: the verdicts counted (issue 24), then the claims.
    assert result.stdout.startswith(
        "# Fact sheet: doc\n\n## In short\n\n**… 5 unreviewed**\n\n"
        "The knowledge base's verdicts on the article's claims: 5 unreviewed. A verdict is its judgement against "
        "other sources, never the article's words.\n\n## The other claims\n\n"
    )
    assert (
        "## The source\n\n"
        "doc (article): language en; view counter 7.\n\n"
        "Unknown, because the source does not give them: title, author, publisher, published, url.\n\n"
        "## The claims, counted\n\n"
        "6 claims of the article, each quoted verbatim; 0 facts of 0 other sources are quoted as evidence about them."
        "\n\n"
    ) in result.stdout


def test_a_mistyped_filter_is_refused_with_the_closest_values(
    cli: Run, write_kb: Callable[..., Path], tmp_path: Path
) -> None:
    path = str(write_kb())
    report = cli("--facts", path, "report", "--entity", "Corridr")
    assert (report.exit_code, report.stdout, report.stderr) == (
        2,
        "",
        "kzcn: unknown --entity 'Corridr'; did you mean Corridor? (choose from: Corridor, Europe, Port)\n",
    )
    target = tmp_path / "kb.sqlite"
    export = cli("--facts", path, "export", "sqlite", str(target), "--topic", "trasnport")
    assert (export.exit_code, export.stdout, export.stderr) == (
        2,
        "",
        "kzcn: unknown --topic 'trasnport'; did you mean transport? (choose from: trade, transport)\n",
    )
    verdict = cli("--facts", path, "export", "sqlite", str(target), "-V", "suported")
    assert (verdict.exit_code, verdict.stderr) == (
        2,
        "kzcn: unknown --verdict 'suported'; did you mean supported, not-supported, partly-supported? (choose from: "
        "contradicted, not-checkable, not-supported, partly-supported, supported, unreviewed, unverified)\n",
    )
    assert sorted(os.listdir(tmp_path)) == ["cache", "kb0.yaml"]  # nothing written, not even a temporary file


def test_export_sqlite_records_its_filters(cli: Run, write_kb: Callable[..., Path], tmp_path: Path) -> None:
    target = tmp_path / "kb.sqlite"
    result = cli("--facts", str(write_kb()), "export", "sqlite", str(target), "-e", "port", "-e", "europe")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"kzcn: wrote {target}\n")
    connection = sqlite3.connect(target)
    assert connection.execute("SELECT option, value FROM export_filters").fetchall() == [
        ("--entity", "Port"),
        ("--entity", "Europe"),
    ]
    assert connection.execute("SELECT id FROM facts ORDER BY position").fetchall() == [
        ("trains-2017",),
        ("cities-served",),
    ]
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
