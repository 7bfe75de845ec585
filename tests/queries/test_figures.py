"""Figures at the edges: exact scaling, large and small amounts, every operation, units and scales, series."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from builders import fact_data, sha256, small_kb, source_data

Run = Callable[..., Any]


def kb_with(
    facts: list[tuple[str, int | float, str, str, int | None, str]],
    derived: list[dict[str, Any]] | None = None,
    relations: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A knowledge base whose source has one paragraph per fact: (id, amount, unit, scale, year, quote), all of one
    measure."""
    text = "\n\n".join(quote for *_rest, quote in facts)
    return {
        "kzcn": 1,
        "sources": [source_data(text=text)],
        "facts": [
            fact_data(
                id=fact_id,
                statement=quote,
                kind="statistic",
                topics=["transport"],
                quantity={"amount": amount, "unit": unit, "scale": scale},
                **({"time": {"year": year}} if year is not None else {}),
                series="transport-income",
                measure="income",  # one measure: a figure joining them needs no declaration
                quotes=[{"paragraph": number, "text": quote}],
            )
            for number, (fact_id, amount, unit, scale, year, quote) in enumerate(facts, start=1)
        ],
        "relations": relations or [],
        "derived": derived or [],
    }


def test_scaled_values_are_exact(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = kb_with(
        [
            ("whole", 8.2, "USD", "billion", 2017, "In 2017 it earned $ 8.2 billion."),
            ("part", 8200, "USD", "million", 2017, "In 2017 all $ 8200 million of it came from transit."),
            ("tiny", 1e-07, "USD", "one", None, "A fee of 0.0000001 dollars."),
            ("trillions", 4.35, "USD", "trillion", None, "Trade of 4.35 trillion dollars."),
        ],
        relations=[{"id": "all-transit", "kind": "part-of", "part": "part", "whole": "whole"}],
    )
    path = str(write_kb(data))
    assert cli("--facts", path, "check").exit_code == 0  # 8200 million is no more than 8.2 billion
    records = {r["id"]: r for r in json.loads(cli("--facts", path, "facts", "--json").stdout)}
    assert records["whole"]["value"] == 8_200_000_000 == records["part"]["value"]
    assert records["trillions"]["value"] == 4_350_000_000_000
    assert records["tiny"]["quantity_text"] == "$0.0000001"
    data["relations"] = [{"id": "growth", "kind": "increase", "from": "part", "to": "whole"}]
    result = cli("--facts", str(write_kb(data)), "check")
    assert result.exit_code == 3 and "increase does not hold" in result.stderr  # equal values: no increase


def test_huge_amounts_and_results_are_computed_not_crashed(cli: Run, write_kb: Callable[..., Path]) -> None:
    big = 10**24
    data = kb_with(
        [
            ("a", big, "USD", "one", 2000, f"In 2000 it was {big} dollars."),
            ("b", 2, "USD", "one", 2010, "In 2010 it was 2 dollars."),
            ("c", 1e-200, "USD", "one", 2001, "In 2001 it was 1e-200 dollars: 1."),
        ],
        derived=[
            {"id": "total", "label": "a plus b", "operation": "sum", "inputs": {"first": "a", "second": "b"}},
            {"id": "fall", "label": "a to b", "operation": "annual-growth", "inputs": {"from": "a", "to": "b"}},
        ],
    )
    data["facts"][2]["quantity"]["amount"] = 1  # the quote has no plain 1e-200; keep the fact simple
    path = str(write_kb(data))
    totals = {r["id"]: r for r in json.loads(cli("--facts", path, "totals", "--json").stdout)}
    assert totals["total"]["text"] == "$1,000,000,000,000,000,000,000,002"
    assert totals["fall"]["text"] == "−99.6 % per year"
    for args in (["facts"], ["revenue"], ["revenue", "--json"], ["totals"], ["stats"]):
        result = cli("--facts", path, *args)
        assert result.exit_code == 0, (args, result.stderr)


def test_arithmetic_is_shown_in_one_scale(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = kb_with(
        [
            ("part", 3, "USD", "billion", 2017, "In 2017 $ 3 billion came from transit."),
            ("whole", 5000, "USD", "million", 2017, "In 2017 it earned $ 5000 million."),
        ],
        derived=[{"id": "share", "label": "share", "operation": "share", "inputs": {"part": "part", "whole": "whole"}}],
        relations=[{"id": "within", "kind": "part-of", "part": "part", "whole": "whole"}],
    )
    record = json.loads(cli("--facts", str(write_kb(data)), "totals", "--explain", "share", "--json").stdout)
    assert (record["arithmetic"], record["text"]) == ("3 / 5 × 100 = 60", "60 %")


def test_a_small_derived_figure_is_never_shown_as_zero(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = kb_with(
        [
            ("part", 51, "USD", "one", 2017, "In 2017 51 dollars came from transit."),
            ("whole", 1000000, "USD", "one", 2017, "In 2017 it earned 1000000 dollars."),
        ],
        derived=[{"id": "share", "label": "share", "operation": "share", "inputs": {"part": "part", "whole": "whole"}}],
        relations=[{"id": "within", "kind": "part-of", "part": "part", "whole": "whole"}],
    )
    record = json.loads(cli("--facts", str(write_kb(data)), "totals", "--explain", "share", "--json").stdout)
    assert record["text"] == "0.0051 %"


def test_series_figures_without_a_year_do_not_break_revenue(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = kb_with(
        [
            ("income", 3, "USD", "billion", 2017, "In 2017 it earned $ 3 billion."),
            ("a", 1, "USD", "billion", None, "One part was $ 1 billion."),
            ("b", 2, "USD", "billion", None, "The other was $ 2 billion."),
        ],
        derived=[
            {"id": "sum", "label": "a + b", "operation": "sum", "series": "transport-income",
             "inputs": {"first": "a", "second": "b"}},
        ],
    )  # fmt: skip
    path = str(write_kb(data))
    for args in (["revenue"], ["revenue", "--json"], ["revenue", "--year", "2017"]):
        result = cli("--facts", path, *args)
        assert result.exit_code == 0, (args, result.stderr)


def test_a_series_mixes_no_units(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = kb_with(
        [
            ("y2017", 3, "KZT", "billion", 2017, "In 2017 it earned 3 billion tenge."),
            ("y2020", 5, "USD", "billion", 2020, "In 2020 it will earn $ 5 billion."),
        ]
    )
    result = cli("--facts", str(write_kb(data)), "check")
    assert result.exit_code == 3
    assert "facts[1].quantity.unit: series 'transport-income' is in KZT (facts[0]), this fact in USD" in result.stderr


def test_revenue_years_include_parts(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = kb_with(
        [
            ("whole", 3, "USD", "billion", 2016, "In 2016 it earned $ 3 billion."),
            ("part", 1, "USD", "billion", 2017, "In 2017 $ 1 billion came from transit."),
        ],
        relations=[{"id": "p", "kind": "part-of", "part": "part", "whole": "whole"}],
    )
    path = str(write_kb(data))
    assert json.loads(cli("--facts", path, "revenue", "--year", "2017", "--json").stdout)[0]["id"] == "part"


def test_a_fact_caveat_travels_with_every_figure_that_uses_it(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][3]["note"] = "Whose income is not said."
    path = str(write_kb(data))
    rows = json.loads(cli("--facts", path, "revenue", "--json").stdout)
    note = "income-forecast-2020: Whose income is not said."
    carrying = [row["id"] for row in rows if note in row["caveats"]]
    assert carrying == ["income-forecast-2020", "income-growth"]
    assert rows[-1]["caveats"] == [
        "income-growth: the knowledge base declares its inputs comparable: The article sets the earnings and the "
        "forecast income side by side.",
        note,
    ]
    table = cli("--facts", path, "revenue").stdout
    assert "Caveat on income-forecast-2020 and the figures computed from it: Whose income is not said." in table
    totals = json.loads(cli("--facts", path, "totals", "--json").stdout)
    assert [note in row["caveats"] for row in totals] == [False, False, True]
    explained = cli("--facts", path, "totals", "--explain", "income-growth").stdout
    assert "                income-forecast-2020: Whose income is not said." in explained


# Mutants that survived a probe of the suite: each assertion pins an exact value.


def _totals(cli: Run, path: Path) -> dict[str, dict[str, Any]]:
    result = cli("--facts", str(path), "totals", "--json")
    assert result.exit_code == 0, result.stderr
    return {record["id"]: record for record in json.loads(result.stdout)}


def test_remainder_and_sum_convert_scales_and_exactness_needs_every_input(
    cli: Run, write_kb: Callable[..., Path]
) -> None:
    data = kb_with(
        [
            ("whole", 3, "USD", "billion", 2017, "In 2017 it earned $ 3 billion."),
            ("part", 1300, "USD", "million", 2017, "In 2017 $ 1,300 million came from transit."),
            ("later", 4, "USD", "billion", 2019, "In 2019 it earned $ 4 billion."),
        ],
        derived=[
            {"id": "rest", "label": "rest", "operation": "remainder", "inputs": {"whole": "whole", "part": "part"}},
            {"id": "both", "label": "both", "operation": "sum", "inputs": {"first": "whole", "second": "part"}},
            {"id": "rise", "label": "rise", "operation": "change", "inputs": {"from": "whole", "to": "later"}},
            {"id": "fall", "label": "fall", "operation": "change", "inputs": {"from": "later", "to": "whole"}},
            {"id": "grow", "label": "grow", "operation": "annual-growth", "inputs": {"from": "whole", "to": "later"}},
        ],
    )
    del data["facts"][1]["series"]
    data["facts"][1]["quantity"]["qualifier"] = "about"
    data["facts"][1]["quotes"][0]["text"] = "In 2017 about $ 1,300 million came from transit."
    data["facts"][1]["statement"] = data["facts"][1]["quotes"][0]["text"]
    text = "\n\n".join(fact["quotes"][0]["text"] for fact in data["facts"])
    data["sources"][0].update(text=text, sha256=sha256(text))
    totals = _totals(cli, write_kb(data))
    assert (totals["rest"]["amount"], totals["rest"]["text"]) == (1.7, "≈ $1.7 billion")  # not −$1297 billion
    assert (totals["both"]["amount"], totals["both"]["exact"]) == (4.3, False)  # one input is "about"
    assert totals["rise"]["exact"] is True
    assert (totals["rise"]["text"], totals["fall"]["text"]) == ("+$1 billion", "−$1 billion")  # a sign both ways
    assert totals["grow"]["text"] == "15.5 % per year"
    assert totals["grow"]["year"] == 2019


def test_annual_growth_over_no_years_cannot_be_computed(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = kb_with(
        [
            ("a", 3, "USD", "billion", 2017, "In 2017 it earned $ 3 billion."),
            ("b", 4, "USD", "billion", 2017, "In 2017 it made $ 4 billion."),
        ],
        derived=[{"id": "g", "label": "g", "operation": "annual-growth", "inputs": {"from": "a", "to": "b"}}],
    )
    result = cli("--facts", str(write_kb(data)), "check")
    assert result.exit_code == 3
    assert "derived[0]: cannot be computed:" in result.stderr and "2017" in result.stderr
