"""Figure queries: the transport-income series and the derived totals, with their arithmetic, each as a Result."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kzcn.derive import DerivedFigure, derive, derive_all, plain_number
from kzcn.errors import NotFoundError
from kzcn.model import SCALES, Fact, KnowledgeBase
from kzcn.query import CURRENCY_SYMBOLS, closest_ids, quantity_text
from kzcn.result import Field, Result

REVENUE_SERIES = "transport-income"
"""The series `kzcn revenue` shows: facts and derived figures declared with `series: transport-income`."""


def amount_text(
    value: Decimal, unit: str, scale: str, *, signed: bool = False, places: int = 1, exact: bool = True
) -> str:
    """A computed figure in the same words as a stated one: "$1.7 billion", "43.3 %", "+$2 billion"; with "≈ "
    before it when it rests on a bound or an estimate."""
    sign = ("" if exact else "≈ ") + ("+" if signed and value > 0 else ("−" if value < 0 else ""))
    digits = plain_number(abs(value), places)
    if unit.startswith("percent"):
        return f"{sign}{digits} %" + unit[len("percent") :]
    scale_word = "" if scale == "one" else f" {scale}"
    symbol = CURRENCY_SYMBOLS.get(unit)
    if symbol is not None:
        return f"{sign}{symbol}{digits}{scale_word}"
    return f"{sign}{digits}{scale_word} {unit}"


FIGURE_FIELDS = (
    Field("year", "Year"),
    Field("basis", "Basis"),
    Field("label", "Figure"),
    Field("text", "Amount"),
    Field("id", "ID"),
    Field("source", "Source"),
    Field("amount", "Amount (number)"),
    Field("unit", "Unit"),
    Field("scale", "Scale"),
    Field("value", "Value (base units)"),
    Field("qualifier", "Qualifier"),
    Field("role", "Role"),
    Field("stated", "Stated"),
    Field("forecast", "Forecast"),
    Field("derived", "Derived"),
    Field("interpolated", "Interpolated"),
    Field("arithmetic", "Arithmetic"),
    Field("inputs", "Inputs"),
)
_FIGURE_TABLE = ("year", "basis", "label", "text", "id", "source", "arithmetic")


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _figure_from_fact(fact: Fact, role: str) -> dict[str, Any]:
    quantity = fact.quantity
    assert quantity is not None and fact.time is not None
    paragraphs = ", ".join(f"¶{quote.paragraph}" for quote in fact.quotes)
    return {
        "year": fact.time.year,
        "basis": "forecast" if fact.kind == "forecast" else "stated",
        "label": fact.statement,
        "text": quantity_text(quantity),
        "id": fact.id,
        "source": f"{fact.source} {paragraphs}",
        "amount": quantity.amount,
        "unit": quantity.unit,
        "scale": quantity.scale,
        "value": quantity.value,
        "qualifier": quantity.qualifier,
        "role": role,
        "stated": True,
        "forecast": fact.kind == "forecast",
        "derived": False,
        "interpolated": False,
        "arithmetic": None,
        "inputs": [],
    }


def figure_record(figure: DerivedFigure) -> dict[str, Any]:
    """A derived figure as a row beside stated ones."""
    signed = figure.operation in ("change", "percent-change")
    return {
        "year": figure.year,
        "basis": "derived from forecast" if figure.based_on_forecast else "derived",
        "label": figure.label,
        "text": amount_text(figure.value, figure.unit, figure.scale, signed=signed, exact=figure.exact),
        "id": figure.id,
        "source": "computed by kzcn",
        "amount": _number(figure.value),
        "unit": figure.unit,
        "scale": figure.scale,
        "value": _number(figure.value * SCALES[figure.scale]),
        "qualifier": "exact" if figure.exact else "approximate",
        "role": figure.operation,
        "stated": False,
        "forecast": figure.based_on_forecast,
        "derived": True,
        "interpolated": False,
        "arithmetic": figure.arithmetic,
        "inputs": [item.fact_id for item in figure.inputs],
    }


def revenue(kb: KnowledgeBase, *, year: int | None = None, interpolate: bool = False) -> Result:
    """Kazakhstan's transport income as stated and forecast, with its derived figures; one year or the series."""
    series = [fact for fact in kb.facts if fact.series == REVENUE_SERIES and fact.quantity and fact.time]
    parts = {relation.left for relation in kb.relations if relation.kind == "part-of"}
    series_ids = {fact.id for fact in series}
    totals = [fact for fact in series if fact.id not in parts]
    rows = [_figure_from_fact(fact, "part" if fact.id in parts else "total") for fact in series]
    rows += [figure_record(derive(spec, kb.facts_by_id)) for spec in kb.derived if spec.series == REVENUE_SERIES]
    years = sorted({row["year"] for row in rows if not row["derived"]})  # stated or forecast, whole or part
    total_years = sorted({fact.time.year for fact in totals if fact.time})
    if not series_ids:
        raise NotFoundError(f"the knowledge base has no facts in the {REVENUE_SERIES!r} series")
    notes = [
        "stated: the article gives the figure. forecast: the article reports a forecast, not a result.",
        "derived: computed by kzcn from the facts named, never stated by the article.",
    ]
    single = False
    if year is not None:
        if year in years:
            rows = [row for row in rows if row["year"] == year]
        elif interpolate and total_years and total_years[0] < year < total_years[-1]:
            rows = [_interpolated(totals, year)]
            notes.append("interpolated: a straight line between the nearest stated or forecast years, by kzcn.")
        else:
            hint = " (--interpolate estimates years between them)" if len(total_years) > 1 and not interpolate else ""
            raise NotFoundError(
                f"no transport income figure for {year}; years with one: {', '.join(map(str, years))}{hint}"
            )
        rows.sort(key=lambda row: (row["role"] != "total", row["derived"]))
        single = True
    else:
        # A derived figure whose inputs have no year goes last.
        rows.sort(key=lambda row: (row["year"] is None, row["year"] or 0, row["role"] != "total", row["derived"]))
    return Result(
        view="revenue",
        fields=FIGURE_FIELDS,
        table_fields=_FIGURE_TABLE,
        records=tuple(rows),
        single=single,
        title="Kazakhstan's transport income" + (f", {year}" if year is not None else ""),
        notes=tuple(notes),
    )


def _interpolated(totals: list[Fact], year: int) -> dict[str, Any]:
    dated = sorted(totals, key=lambda fact: fact.time.year if fact.time else 0)
    before = max((fact for fact in dated if fact.time and fact.time.year < year), key=lambda f: f.time.year)  # type: ignore[union-attr]
    after = min((fact for fact in dated if fact.time and fact.time.year > year), key=lambda f: f.time.year)  # type: ignore[union-attr]
    assert before.quantity and after.quantity and before.time and after.time
    start = Decimal(repr(before.quantity.amount))
    end = Decimal(repr(after.quantity.amount)) * SCALES[after.quantity.scale] / SCALES[before.quantity.scale]
    fraction = Decimal(year - before.time.year) / Decimal(after.time.year - before.time.year)
    value = start + (end - start) * fraction
    forecast = "forecast" in (before.kind, after.kind)
    unit, scale = before.quantity.unit, before.quantity.scale
    return {
        "year": year,
        "basis": "interpolated from forecast" if forecast else "interpolated",
        "label": f"Interpolated by kzcn between {before.time.year} and {after.time.year}; not stated by the article",
        "text": amount_text(value, unit, scale, places=2, exact=False),
        "id": None,
        "source": "computed by kzcn",
        "amount": _number(value),
        "unit": unit,
        "scale": scale,
        "value": _number(value * SCALES[scale]),
        "qualifier": "approximate",
        "role": "total",
        "stated": False,
        "forecast": forecast,
        "derived": True,
        "interpolated": True,
        "arithmetic": f"{plain_number(start)} + ({plain_number(end)} − {plain_number(start)}) × "
        f"({year} − {before.time.year}) / ({after.time.year} − {before.time.year}) = {plain_number(value, 4)}",
        "inputs": [before.id, after.id],
    }


TOTAL_FIELDS = (
    Field("id", "ID"),
    Field("label", "Figure"),
    Field("text", "Result"),
    Field("formula", "Formula"),
    Field("arithmetic", "Arithmetic"),
    Field("inputs", "Inputs"),
    Field("input_values", "Input values"),
    Field("operation", "Operation"),
    Field("amount", "Amount (number)"),
    Field("unit", "Unit"),
    Field("scale", "Scale"),
    Field("year", "Year"),
    Field("forecast", "Based on forecast"),
    Field("exact", "Exact inputs"),
    Field("derived", "Derived"),
)


def totals(kb: KnowledgeBase, *, explain: str | None = None) -> Result:
    """Every derived figure with its derivation, or one of them."""
    figures = derive_all(kb)
    if explain is not None:
        figures = [figure for figure in figures if figure.id == explain]
        if not figures:
            raise NotFoundError(
                f"no derived figure with id {explain!r}{closest_ids((spec.id for spec in kb.derived), explain)}"
            )
    records = []
    for figure in figures:
        input_values = []
        for item in figure.inputs:
            fact = kb.facts_by_id[item.fact_id]
            kind = "forecast" if fact.kind == "forecast" else "stated"
            input_values.append(f"{item.role} = {item.fact_id} = {quantity_text(fact.quantity)} ({kind})")
        records.append(
            {
                "id": figure.id,
                "label": figure.label,
                "text": amount_text(
                    figure.value,
                    figure.unit,
                    figure.scale,
                    signed=figure.operation.endswith("change"),
                    exact=figure.exact,
                ),
                "formula": figure.formula,
                "arithmetic": figure.arithmetic,
                "inputs": [item.fact_id for item in figure.inputs],
                "input_values": input_values,
                "operation": figure.operation,
                "amount": _number(figure.value),
                "unit": figure.unit,
                "scale": figure.scale,
                "year": figure.year,
                "forecast": figure.based_on_forecast,
                "exact": figure.exact,
                "derived": True,
            }
        )
    return Result(
        view="totals",
        fields=TOTAL_FIELDS,
        table_fields=("id", "label", "text", "arithmetic", "input_values"),
        records=tuple(records),
        single=explain is not None,
        title="Derived figures (computed by kzcn, not stated by the source)",
        empty_message="The knowledge base declares no derived figures.",
        notes=("Every figure here is derived: kzcn computes it from the facts named; the source does not state it.",),
    )
