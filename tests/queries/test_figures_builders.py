"""The figure queries' one row shape and the derived operations' sign rule, tested on the modules directly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from builders import sha256, small_kb
from kzcn.kb.load import load_knowledge_base
from kzcn.model.derive import OPERATIONS, derive_all
from kzcn.queries.figures import FIGURE_FIELDS, revenue
from kzcn.queries.totals import totals


def test_only_differences_are_signed() -> None:
    assert {name for name, operation in OPERATIONS.items() if operation.signed} == {"change", "percent-change"}


def test_every_revenue_row_has_the_one_shape(write_kb: Callable[..., Path]) -> None:
    kb = load_knowledge_base(str(write_kb(small_kb())))
    keys = [field.key for field in FIGURE_FIELDS]
    series = revenue(kb)
    interpolated = revenue(kb, year=2018, interpolate=True)
    rows = [*series.records, *interpolated.records]
    assert {row["basis"] for row in rows} >= {"stated", "forecast", "interpolated from forecast"}
    assert all(list(row) == keys for row in rows)
    assert all(row["stated"] is not row["derived"] for row in rows)


def test_the_chart_is_built_with_the_series_and_not_for_one_year(write_kb: Callable[..., Path]) -> None:
    kb = load_knowledge_base(str(write_kb(small_kb())))
    chart = revenue(kb).chart
    assert chart is not None
    assert [(bar.label, bar.fill, bar.share, bar.text) for bar in chart.bars] == [
        ("2017 stated", "solid", 0.5, "$2 billion"),
        ("  of which (part)", "dense", 0.125, "$0.5 billion"),
        ("2020 forecast", "light", 1.0, "$4 billion"),
    ]
    assert revenue(kb, year=2017).chart is None


def test_a_chart_of_numbers_past_a_float_is_exact(write_kb: Callable[..., Path], cli: Callable[..., Any]) -> None:
    huge = "1" + "0" * 320
    data: dict[str, Any] = small_kb()
    data["sources"][0]["text"] = data["sources"][0]["text"].replace("$ 4 billion", f"$ {huge} billion")
    data["sources"][0]["sha256"] = sha256(data["sources"][0]["text"])
    forecast = next(fact for fact in data["facts"] if fact["id"] == "income-forecast-2020")
    forecast["quantity"]["amount"] = int(huge)
    forecast["quotes"][0]["text"] = forecast["quotes"][0]["text"].replace("$ 4 billion", f"$ {huge} billion")
    forecast["statement"] = forecast["statement"].replace("$4 billion", f"${huge} billion")
    kb = load_knowledge_base(str(write_kb(data)))
    chart = revenue(kb).chart
    assert chart is not None and [bar.share for bar in chart.bars][-1] == 1.0
    assert 0 < chart.bars[0].share < 1e-300  # 2e9 of 1e329: a bar the renderer still draws one character long
    # The bar chart of such a series used to overflow float() and exit 70.
    result = cli("--facts", str(write_kb(data)), "revenue")
    assert result.exit_code == 0 and f"$ {huge} billion".replace("$ ", "$") in result.stdout.replace("\n", "")


def test_totals_status_says_forecast_and_bound(write_kb: Callable[..., Path]) -> None:
    kb = load_knowledge_base(str(write_kb(small_kb())))
    records = {record["id"]: record for record in totals(kb).records}
    assert [figure.id for figure in derive_all(kb)] == list(records)
    for record in records.values():
        assert record["status"][0] == "derived: computed by kzcn, not stated by the source"
        assert ("based on a forecast, so a forecast itself" in record["status"]) is record["forecast"]
