"""What start-up imports: the quick commands and completion load their own renderer only, and no Typer, Rich, SQLite
or parser (Typer: the fast path, kzcn/cli/fast.py, runs them without it).

Each case runs kzcn as a real process under `python -X importtime` on the shipped knowledge base, its parse cache
warmed by an earlier run, and reads the modules it imported. Measured when this test was written: 186 to 190 module
imports per case, of which kzcn's own are the CLI, kzcn.kb.load/cache/cache_format, kzcn.parse.files (the capped
reader the cache key is read with), kzcn.model.records/result/wording, the command's query module, kzcn.render,
kzcn.render.options and the chosen format's module (revenue adds decimal, kzcn.model.derive and kzcn.queries.figures).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import subprocess_env
from kzcn.render import Format, renderer_of

ALWAYS_FORBIDDEN = (
    "typer",  # the fast path runs these without it (kzcn/cli/fast.py): 4.5 times Python's own start-up
    "kzcn.cli.typer_app",
    "kzcn.cli.declarations",
    "kzcn.cli.completion_classes",
    "pathlib",  # with the urllib.parse it loads, about 3 ms: the cache names its paths with os.path
    "rich",  # the table renderer's: 60 modules, about 40 ms
    "pygments",
    "sqlite3",  # kzcn export sqlite
    "_sqlite3",
    "html",  # the HTML renderer's escaper
    "csv",  # the CSV and TSV renderer's
    "_csv",
    "yaml",  # parsing: a warm cache never parses
    "_yaml",
    "hashlib",  # the cache key uses _blake2 directly: hashlib loads OpenSSL's bindings
    "_hashlib",
    "pydantic",  # what Typer 0.29 imports on every run (pyproject.toml bounds Typer below it)
    "typing",  # 2.8 ms, a third of Python's own start-up: kzcn/records_light.py and the TYPE_CHECKING guards
    "kzcn.export",
    "kzcn.checks",
    "kzcn.model.text",  # the source text index: only for what reads a source's text
    "kzcn.kb.scaffold",
    "kzcn.kb.warmup",
    "kzcn.parse.yamlload",  # the composer: a warm run reads its file's bytes with kzcn.parse.files alone
    "kzcn.parse.schema",
    "kzcn.parse.yamlfields",
    "kzcn.parse.review_schema",
)
"""Packages and modules none of the cases may import (a package forbids its submodules too)."""

COMPLETION = {"_KZCN_COMPLETE": "complete_bash", "COMP_WORDS": "kzcn show tra", "COMP_CWORD": "2"}

CASES = {
    "revenue --year 2020 --json": (["revenue", "--year", "2020", "--json"], {}, Format.json, ("kzcn.queries.filters",)),
    "facts --json": (["facts", "--json"], {}, Format.json, ("decimal",)),
    "completion of show tra": ([], COMPLETION, None, ("decimal", "kzcn.queries.filters", "kzcn.queries.facts")),
}
"""The case's arguments, environment, the one format whose renderer it may import (None: no renderer), and what
else it may not import (decimal: only for the figures kzcn derives; the fact filters and the fact table: only for
the commands that list facts; completion reads the facets alone)."""


@pytest.fixture(scope="module")
def warm_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory whose cache/ holds the shipped knowledge base's parse cache, written by one run."""
    home = tmp_path_factory.mktemp("startup")
    warm = subprocess.run(
        [sys.executable, "-m", "kzcn", "facts", "--json"],
        env=subprocess_env(home),
        capture_output=True,
        check=False,
        timeout=120,
        cwd=home,
    )
    assert warm.returncode == 0
    assert list((home / "cache").rglob("*"))
    return home


def imported_modules(home: Path, args: list[str], env: dict[str, str]) -> tuple[list[str], str]:
    """The modules a run of kzcn imports, in the order `-X importtime` reports them, and its stdout."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kzcn", *args],
        env=subprocess_env(home, **env),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=home,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    lines = [line for line in run.stderr.splitlines() if line.startswith("import time:")]
    # "import time: self [us] | cumulative | imported package", then one line per module, nested by indentation.
    return [line.rsplit("|", 1)[1].strip() for line in lines[1:]], run.stdout


def forbidden_in(modules: list[str], output_format: Format | None, extra: tuple[str, ...]) -> list[str]:
    """The modules that the case may not import: the always-forbidden, its extras, and every renderer module but
    its own format's (kzcn.render and kzcn.render.options hold the registry and the options)."""
    own = {"kzcn.render", "kzcn.render.options"}
    if output_format is not None:
        own.add(f"kzcn.render.{renderer_of(output_format).module}")
    banned = (*ALWAYS_FORBIDDEN, *extra)
    return sorted(
        {
            module
            for module in modules
            if any(module == name or module.startswith(name + ".") for name in banned)
            or (module.startswith("kzcn.render.") and module not in own)
        }
    )


@pytest.mark.parametrize("case", list(CASES))
def test_start_up_imports_only_what_the_case_needs(warm_home: Path, case: str) -> None:
    args, env, output_format, extra = CASES[case]
    modules, stdout = imported_modules(warm_home, args, env)
    assert "kzcn.kb.cache_format" in modules  # the warm cache was read, not the YAML parsed
    if output_format is not None:
        assert f"kzcn.render.{renderer_of(output_format).module}" in modules
        assert stdout.startswith(("[", "{"))
    else:
        assert stdout.splitlines() and all(line.startswith("tra") for line in stdout.splitlines())
    found = forbidden_in(modules, output_format, extra)
    assert found == [], f"kzcn {case} imports {len(found)} modules it should not: {', '.join(found)}"


def test_the_guard_sees_what_it_forbids() -> None:
    modules = ["kzcn.render.table", "rich.console", "kzcn.render.json_format", "kzcn.parse.files", "decimal"]
    assert forbidden_in(modules, Format.json, ()) == ["kzcn.render.table", "rich.console"]
    assert forbidden_in(modules, None, ("decimal",)) == [
        "decimal",
        "kzcn.render.json_format",
        "kzcn.render.table",
        "rich.console",
    ]
