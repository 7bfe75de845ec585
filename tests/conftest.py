"""Shared fixtures: a private cache per test, knowledge bases written to tmp_path, and a runner for the CLI."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from builders import dump, repeated_kb_text, small_kb
from event_sources import assert_read_alike
from kzcn.cli import app

REPO = Path(__file__).resolve().parent.parent
SHIPPED_FACTS = REPO / "facts.yaml"
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def private_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own parse cache, so none reads or writes the user's ~/.cache/kzcn."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "kzcn"


@pytest.fixture(scope="session")
def slow_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """24,000 facts (the six of small_kb under 4,000 fresh ids): seconds to parse. Made once, from text."""
    path = tmp_path_factory.mktemp("slow") / "slow.yaml"
    path.write_text(repeated_kb_text(4000), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def large_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Like slow_kb, but valid (no series: thousands of 2017 totals would fail the check), so it can be cached:
    12,000 facts, several seconds to parse and check (8 s on a 2-CPU test machine). Made once, from text."""
    path = tmp_path_factory.mktemp("large") / "large.yaml"
    path.write_text(repeated_kb_text(2000, series=False), encoding="utf-8")
    return path


@pytest.fixture
def write_kb(tmp_path: Path) -> Callable[..., Path]:
    """Writes a knowledge base (plain data, or YAML text) to tmp_path and returns its path."""
    counter = iter(range(10**6))

    def write(content: dict[str, Any] | str | None = None, name: str | None = None) -> Path:
        path = tmp_path / (name or f"kb{next(counter)}.yaml")
        if content is None:
            content = small_kb()
        text = content if isinstance(content, str) else dump(content)
        assert_read_alike(text)  # every test knowledge base reads the same with libyaml and without
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Runs kzcn in-process with a private cache directory; returns the click Result (stdout, stderr, exit_code)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("KZCN_FACTS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None) -> Any:
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return run


def subprocess_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment for running kzcn as a real process in tests."""
    env = {key: value for key, value in os.environ.items() if key not in ("KZCN_FACTS", "NO_COLOR", "FORCE_COLOR")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env.update(extra)
    return env
