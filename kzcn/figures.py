"""Figure queries: the transport-income series and the derived totals, with their arithmetic, each as a Result."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kzcn.derive import DerivedFigure, derive, derive_all
from kzcn.errors import NotFoundError
from kzcn.model import SCALES, Fact, KnowledgeBase
from kzcn.query import closest_ids, what_else
from kzcn.result import WHOLE, WORDS, Bar, Chart, Field, Result
from kzcn.wording import amount_text, plain_number, quantity_text

REVENUE_SERIES = "transport-income"
"""The series `kzcn revenue` shows: facts and derived figures declared with `series: transport-income`."""

FIGURE_FIELDS = (
    Field("year", "Year", shape=WHOLE),
    Field("basis", "Basis", styled=True, give_way=0),  # "derived" must stay beside a derived amount
    Field("label", "Figure"),
    Field("text", "Amount", shape=WORDS, give_way=0),
    Field("id", "ID", shape=WHOLE, give_way=1),
    Field("source", "Source"),
    Field("amount", "Amount (number)", shape=WHOLE),
    Field("unit", "Unit"),
    Field("scale", "Scale"),
    Field("value", "Value (base units)", shape=WHOLE),
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


def _figure_row(
    *,
    year: int | None,
    basis: str,
    label: str,
    text: str | None,
    figure_id: str | None,
    source: str,
    amount: int | float,
    unit: str,
    scale: str,
    value: int | float,
    qualifier: str,
    role: str,
    forecast: bool,
    derived: bool = False,
    interpolated: bool = False,
    arithmetic: str | None = None,
    inputs: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The one shape of a row of `revenue`: a stated, forecast, derived or interpolated figure."""
    return {
        "year": year,
        "basis": basis,
        "label": label,
        "text": text,
        "id": figure_id,
        "source": source,
        "amount": amount,
        "unit": unit,
        "scale": scale,
        "value": value,
        "qualifier": qualifier,
        "role": role,
        "stated": not derived,
        "forecast": forecast,
        "derived": derived,
        "interpolated": interpolated,
        "arithmetic": arithmetic,
        "inputs": list(inputs),
    }


def _figure_from_fact(fact: Fact, role: str) -> dict[str, Any]:
    quantity = fact.quantity
    assert quantity is not None and fact.time is not None
    paragraphs = ", ".join(f"¶{quote.paragraph}" for quote in fact.quotes)
    return _figure_row(
        year=fact.time.year,
        basis="forecast" if fact.kind == "forecast" else "stated",
        label=fact.statement,
        text=quantity_text(quantity),
        figure_id=fact.id,
        source=f"{fact.source} {paragraphs}",
        amount=quantity.amount,
        unit=quantity.unit,
        scale=quantity.scale,
        value=quantity.value,
        qualifier=quantity.qualifier,
        role=role,
        forecast=fact.kind == "forecast",
    )


def figure_text(figure: DerivedFigure) -> str:
    """A derived figure's result in words, signed where the operation is a difference."""
    return amount_text(figure.value, figure.unit, figure.scale, signed=figure.signed, exact=figure.exact)


def figure_record(figure: DerivedFigure) -> dict[str, Any]:
    """A derived figure as a row beside stated ones."""
    return _figure_row(
        year=figure.year,
        basis="derived from forecast" if figure.based_on_forecast else "derived",
        label=figure.label,
        text=figure_text(figure),
        figure_id=figure.id,
        source="computed by kzcn",
        amount=_number(figure.value),
        unit=figure.unit,
        scale=figure.scale,
        value=_number(figure.value * SCALES[figure.scale]),
        qualifier="exact" if figure.exact else "approximate",
        role=figure.operation,
        forecast=figure.based_on_forecast,
        derived=True,
        arithmetic=figure.arithmetic,
        inputs=tuple(item.fact_id for item in figure.inputs),
    )


def revenue(kb: KnowledgeBase, *, year: int | None = None, interpolate: bool = False) -> Result:
    """Kazakhstan's transport income as stated and forecast, with its derived figures; one year or the series."""
    series = [fact for fact in kb.facts if fact.series == REVENUE_SERIES and fact.quantity and fact.time]
    parts = {relation.left for relation in kb.relations if relation.kind == "part-of"}
    totals = [fact for fact in series if fact.id not in parts]
    rows = [_figure_from_fact(fact, "part" if fact.id in parts else "total") for fact in series]
    rows += [figure_record(derive(spec, kb.facts_by_id)) for spec in kb.derived if spec.series == REVENUE_SERIES]
    years = sorted({row["year"] for row in rows if not row["derived"]})  # stated or forecast, whole or part
    total_years = sorted({fact.time.year for fact in totals if fact.time})
    if not series:
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
        fields=FIGURE_FIELDS,
        table_fields=_FIGURE_TABLE,
        records=tuple(rows),
        single=single,
        title="Kazakhstan's transport income" + (f", {year}" if year is not None else ""),
        notes=tuple(notes),
        chart=None if single else _chart(rows),
    )


def _chart(rows: list[dict[str, Any]]) -> Chart:
    """Bars for the stated and forecast figures, as fractions of the largest: exact at any size, never a float
    overflow (a value past 1e308 is an int that float() cannot hold)."""
    bars = [row for row in rows if not row["derived"]]
    largest = max((Decimal(repr(row["value"])) for row in bars), default=Decimal(0)) or Decimal(1)
    drawn = []
    for row in bars:
        if row["role"] == "part":
            label, fill = "  of which (part)", "dense"
        else:
            label, fill = f"{row['year']} {row['basis']}", "light" if row["forecast"] else "solid"
        drawn.append(Bar(label, float(Decimal(repr(row["value"])) / largest), fill, str(row["text"])))
    return Chart(tuple(drawn), (("solid", "stated"), ("dense", "stated part"), ("light", "forecast")))


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
    return _figure_row(
        year=year,
        basis="interpolated from forecast" if forecast else "interpolated",
        label=f"Interpolated by kzcn between {before.time.year} and {after.time.year}; not stated by the article",
        text=amount_text(value, unit, scale, places=2, exact=False),
        figure_id=None,
        source="computed by kzcn",
        amount=_number(value),
        unit=unit,
        scale=scale,
        value=_number(value * SCALES[scale]),
        qualifier="approximate",
        role="total",
        forecast=forecast,
        derived=True,
        interpolated=True,
        arithmetic=f"{plain_number(start)} + ({plain_number(end)} − {plain_number(start)}) × "
        f"({year} − {before.time.year}) / ({after.time.year} − {before.time.year}) = {plain_number(value, 4)}",
        inputs=(before.id, after.id),
    )


TOTAL_FIELDS = (
    Field("id", "ID", shape=WHOLE),
    Field("label", "Figure"),
    Field("text", "Result", shape=WORDS),
    Field("formula", "Formula"),
    Field("arithmetic", "Arithmetic"),
    Field("inputs", "Inputs"),
    Field("input_values", "Input values"),
    Field("operation", "Operation"),
    Field("amount", "Amount (number)", shape=WHOLE),
    Field("unit", "Unit"),
    Field("scale", "Scale"),
    Field("year", "Year", shape=WHOLE),
    Field("forecast", "Based on forecast"),
    Field("exact", "Exact inputs"),
    Field("derived", "Derived"),
)
EXPLAIN_FIELDS = (
    Field("id", "Derived figure"),
    Field("label", "What"),
    Field("text", "Result"),
    Field("formula", "Formula"),
    Field("arithmetic", "Arithmetic"),
    Field("input_values", "Inputs", joiner="\n"),
    Field("status", "Status", joiner="; "),
)
"""How `totals --explain` lays one figure out: labels beside values."""


def _status(figure: DerivedFigure) -> list[str]:
    flags = ["derived: computed by kzcn, not stated by the source"]
    if figure.based_on_forecast:
        flags.append("based on a forecast, so a forecast itself")
    if not figure.exact:
        flags.append("an input is a bound or approximate, so the result is too")
    return flags


def totals(kb: KnowledgeBase, *, explain: str | None = None) -> Result:
    """Every derived figure with its derivation, or one of them."""
    figures = derive_all(kb)
    if explain is not None:
        figures = [figure for figure in figures if figure.id == explain]
        if not figures:
            hint = what_else(kb, explain) or closest_ids((spec.id for spec in kb.derived), explain)
            raise NotFoundError(f"no derived figure with id {explain!r}{hint}")
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
                "text": figure_text(figure),
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
                "status": _status(figure),  # only the --explain layout shows it: it restates forecast and exact
            }
        )
    return Result(
        fields=TOTAL_FIELDS,
        table_fields=("id", "label", "text", "arithmetic", "input_values"),
        records=tuple(records),
        single=explain is not None,
        record_fields=EXPLAIN_FIELDS,
        title="Derived figures (computed by kzcn, not stated by the source)",
        empty_message="The knowledge base declares no derived figures.",
        notes=("Every figure here is derived: kzcn computes it from the facts named; the source does not state it.",),
    )
