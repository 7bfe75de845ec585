"""Shared test helpers: small knowledge bases written to tmp_path, and a runner for the CLI."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from kzcn.cli import app

REPO = Path(__file__).resolve().parent.parent
SHIPPED_FACTS = REPO / "facts.yaml"
SHARED = REPO.parent / "shared"

ARTICLE = (
    "Trade between the two countries grew quickly. In 2017 the port handled 40 trains.\n"
    "\n"
    "Officials say the “new corridor” earned $ 2 billion in 2017 (of which $ 0.5 billion came from transit).\n"
    "\n"
    "By 2020 income will rise to $ 4 billion, according to forecasts. More than 10 cities are served."
)


# libyaml's dumper when present: the same text as PyYAML's pure-Python one, several times faster.
DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: Any) -> str:
    """YAML text for plain data, keys in order and Unicode as is: what write_kb writes."""
    text: str = yaml.dump(data, Dumper=DUMPER, sort_keys=False, allow_unicode=True)
    return text


@pytest.fixture(autouse=True)
def private_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own parse cache, so none reads or writes the user's ~/.cache/kzcn."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "kzcn"


@pytest.fixture(scope="session")
def slow_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """24,000 facts (the six of small_kb under 4,000 fresh ids): seconds to parse. Made once, from text."""
    data = small_kb(relations=[], derived=[])
    facts = dump({"facts": data.pop("facts")}).removeprefix("facts:\n")
    copies = "".join(re.sub(r"^- id: (\S+)$", rf"- id: \1-n{number}", facts, flags=re.M) for number in range(4000))
    path = tmp_path_factory.mktemp("slow") / "slow.yaml"
    path.write_text(dump(data) + "facts:\n" + copies, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def large_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Like slow_kb, but valid (no series: thousands of 2017 totals would fail the check), so it can be cached:
    12,000 facts, several seconds to parse and check (8 s on a 2-CPU test machine). Made once, from text."""
    data = small_kb(relations=[], derived=[])
    for fact in data["facts"]:
        fact.pop("series", None)
    facts = dump({"facts": data.pop("facts")}).removeprefix("facts:\n")
    copies = "".join(re.sub(r"^- id: (\S+)$", rf"- id: \1-n{number}", facts, flags=re.M) for number in range(2000))
    path = tmp_path_factory.mktemp("large") / "large.yaml"
    path.write_text(dump(data) + "facts:\n" + copies, encoding="utf-8")
    return path


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def small_kb(**changes: Any) -> dict[str, Any]:
    """A valid knowledge base of four facts over ARTICLE, as plain data; `changes` replace top-level keys."""
    data: dict[str, Any] = {
        "kzcn": 1,
        "sources": [
            {
                "id": "doc",
                "kind": "article",
                "title": None,
                "author": None,
                "published": None,
                "language": "en",
                "view_count": 7,
                "text": ARTICLE,
                "sha256": sha256(ARTICLE),
            }
        ],
        "facts": [
            {
                "id": "trains-2017",
                "statement": "The port handled 40 trains in 2017.",
                "kind": "statistic",
                "modality": "asserted",
                "topics": ["transport"],
                "entities": ["Port"],
                "time": {"year": 2017, "kind": "point"},
                "quantity": {"amount": 40, "unit": "trains"},
                "source": "doc",
                "quotes": [{"paragraph": 1, "text": "In 2017 the port handled 40 trains."}],
            },
            {
                "id": "income-2017",
                "statement": "The corridor earned $2 billion in 2017.",
                "kind": "statistic",
                "modality": "asserted",
                "topics": ["transport", "trade"],
                "entities": ["Corridor"],
                "time": {"year": 2017},
                "quantity": {"amount": 2, "unit": "USD", "scale": "billion"},
                "series": "transport-income",
                "source": "doc",
                "quotes": [{"paragraph": 2, "text": 'the "new corridor" earned $ 2 billion in 2017'}],
            },
            {
                "id": "income-transit-2017",
                "statement": "$0.5 billion of the 2017 income came from transit.",
                "kind": "statistic",
                "modality": "asserted",
                "topics": ["transport"],
                "entities": ["Corridor"],
                "time": {"year": 2017},
                "quantity": {"amount": 0.5, "unit": "USD", "scale": "billion"},
                "series": "transport-income",
                "source": "doc",
                "quotes": [{"paragraph": 2, "text": "in 2017 (of which $ 0.5 billion came from transit)"}],
            },
            {
                "id": "income-forecast-2020",
                "statement": "Income is forecast to rise to $4 billion by 2020.",
                "kind": "forecast",
                "modality": "reported",
                "topics": ["transport"],
                "entities": ["Corridor"],
                "time": {"year": 2020, "kind": "target"},
                "quantity": {"amount": 4, "unit": "USD", "scale": "billion"},
                "series": "transport-income",
                "attributed_to": "unnamed forecasts",
                "source": "doc",
                "quotes": [
                    {"paragraph": 3, "text": "By 2020 income will rise to $ 4 billion, according to forecasts."}
                ],
            },
            {
                "id": "cities-served",
                "statement": "More than 10 cities are served.",
                "kind": "statistic",
                "modality": "asserted",
                "topics": ["trade"],
                "entities": ["Europe"],
                "quantity": {"amount": 10, "unit": "cities", "qualifier": "more-than"},
                "source": "doc",
                "quotes": [{"paragraph": 3, "text": "More than 10 cities are served."}],
            },
            {
                "id": "trade-grew",
                "statement": "Trade grew quickly.",
                "kind": "opinion",
                "modality": "asserted",
                "topics": ["trade"],
                "entities": [],
                "source": "doc",
                "quotes": [{"paragraph": 1, "text": "Trade between the two countries grew quickly."}],
            },
        ],
        "relations": [
            {"id": "transit-within-income", "kind": "part-of", "part": "income-transit-2017", "whole": "income-2017"},
            {"id": "income-rises", "kind": "increase", "from": "income-2017", "to": "income-forecast-2020"},
        ],
        "derived": [
            {
                "id": "transit-share-2017",
                "label": "Transit share of 2017 income",
                "operation": "share",
                "series": "transport-income",
                "inputs": {"part": "income-transit-2017", "whole": "income-2017"},
            },
            {
                "id": "income-other-2017",
                "label": "2017 income other than transit",
                "operation": "remainder",
                "series": "transport-income",
                "inputs": {"whole": "income-2017", "part": "income-transit-2017"},
            },
            {
                "id": "income-growth",
                "label": "Yearly growth to 2020",
                "operation": "annual-growth",
                "series": "transport-income",
                "inputs": {"from": "income-2017", "to": "income-forecast-2020"},
            },
        ],
    }
    data.update(changes)
    return data


@pytest.fixture
def write_kb(tmp_path: Path) -> Callable[..., Path]:
    """Writes a knowledge base (plain data, or YAML text) to tmp_path and returns its path."""
    counter = iter(range(10**6))

    def write(content: dict[str, Any] | str | None = None, name: str | None = None) -> Path:
        path = tmp_path / (name or f"kb{next(counter)}.yaml")
        if content is None:
            content = small_kb()
        text = content if isinstance(content, str) else dump(content)
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
