"""The bar chart of a series: the article's stated and forecast figures, the records of the same unit beside them."""

from __future__ import annotations

from decimal import Decimal

from kzcn.model.result import Bar, Chart

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any


def series_chart(rows: list[dict[str, Any]]) -> Chart:
    """Bars for the stated and forecast figures, and beside them the results other sources record in the same unit,
    as fractions of the largest: exact at any size, never a float overflow (a value past 1e308 is an int that
    float() cannot hold)."""
    unit = next((row["unit"] for row in rows if row["role"] == "total"), None)
    bars = [
        row
        for row in rows
        if not row["derived"] and (row["role"] != "record" or (row["unit"] == unit and not row["forecast"]))
    ]
    largest = max((Decimal(repr(row["value"])) for row in bars), default=Decimal(0)) or Decimal(1)
    drawn = []
    for row in bars:
        if row["role"] == "part":
            label, fill = "  of which (part)", "dense"
        elif row["role"] == "record":
            label, fill = f"{row['year']} record" + (" (inferred)" if "inferred" in row["basis"] else ""), "medium"
        else:
            label, fill = f"{row['year']} {row['basis']}", "light" if row["forecast"] else "solid"
        drawn.append(Bar(label, float(Decimal(repr(row["value"])) / largest), fill, str(row["text"])))
    meanings = (
        ("solid", "stated"),
        ("dense", "stated part"),
        ("light", "forecast"),
        ("medium", "recorded by another source"),
    )
    # Only the fills drawn: a legend entry for a bar that is not there sends the reader looking for it.
    used = {bar.fill for bar in drawn}
    return Chart(tuple(drawn), tuple((fill, meaning) for fill, meaning in meanings if fill in used))
