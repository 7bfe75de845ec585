"""Figure queries: a series (the transport-income one unless named) and the derived totals, with their arithmetic,
each as a Result."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from kzcn.errors import NotFoundError
from kzcn.model.derive import DerivationError, DerivedFigure, derive
from kzcn.model.records import SCALES, DerivedSpec, Fact, KnowledgeBase
from kzcn.model.result import WHOLE, WORDS, Field, Result
from kzcn.model.wording import amount_text, plain_number, quantity_text
from kzcn.queries.caveats import caveat_notes, caveats_of, figure_caveats
from kzcn.queries.charts import series_chart
from kzcn.queries.facets import facet_values, outcome_of, verdict_of

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any

REVENUE_SERIES = "transport-income"
"""The series `kzcn revenue` shows: facts and derived figures declared with `series: transport-income`."""

FIGURE_FIELDS = (
    Field("year", "Year", shape=WHOLE, json_type="integer"),
    Field("basis", "Basis", styled=True, give_way=0),  # "derived" must stay beside a derived amount
    Field("label", "Figure", main=True),
    Field("text", "Amount", shape=WORDS, give_way=0),
    Field("id", "ID", shape=WHOLE, give_way=1, json_type="string?"),
    Field("source", "Source"),
    Field("amount", "Amount (number)", shape=WHOLE, json_type="number"),
    Field("unit", "Unit"),
    Field("scale", "Scale"),
    Field("value", "Value (base units)", shape=WHOLE, json_type="number"),
    Field("qualifier", "Qualifier"),
    Field("role", "Role"),
    Field("stated", "Stated", json_type="boolean"),
    Field("forecast", "Forecast", json_type="boolean"),
    Field("derived", "Derived", json_type="boolean"),
    Field("interpolated", "Interpolated", json_type="boolean"),
    Field("arithmetic", "Arithmetic", json_type="string?"),
    Field("inputs", "Inputs", json_type="string[]"),
    Field("measure", "Measure", missing="not stated", json_type="string?"),
    Field("reported_by", "Reported by", missing="the article", json_type="string?"),
    Field("verdict", "Verdict", styled=True, missing="—", json_type="string?"),
    Field("outcome", "Outcome", styled=True, missing="—", json_type="string?"),
    Field("caveats", "Caveats", json_type="string[]"),
)
COMPUTED_BY = "nobody: computed by kzcn"
"""Who reports a derived or interpolated figure: no source does, so never "the article"."""

_FIGURE_TABLE = (
    "year",
    "basis",
    "label",
    "text",
    "id",
    "verdict",
    "outcome",
    "reported_by",
    "measure",
    "source",
    "arithmetic",
)


def number_of(value: Decimal) -> int | float:
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
    caveats: tuple[str, ...] = (),
    measure: str | None = None,
    reported_by: str | None = None,
    verdict: str | None = None,
    outcome: str | None = None,
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
        "measure": measure,
        "reported_by": reported_by,
        "verdict": verdict,
        "outcome": outcome,
        "caveats": list(caveats),
    }


def _figure_from_fact(kb: KnowledgeBase, fact: Fact, role: str, *, unit: str | None = None) -> dict[str, Any]:
    """A stated or forecast figure; a record of another source when `role` is record (then `unit` is the series'
    own, and a figure in another currency says it is not converted)."""
    quantity = fact.quantity
    assert quantity is not None and fact.time is not None
    paragraphs = ", ".join(dict.fromkeys(f"¶{quote.paragraph}" for quote in fact.quotes))
    source = kb.sources_by_id.get(fact.source)
    caveats = caveats_of([fact.id], {fact.id: fact})
    if role == "record":
        basis = "record (forecast)" if fact.kind == "forecast" else "record"
        if unit is not None and quantity.unit != unit:
            caveats = (f"{fact.id}: in {quantity.unit}, not converted: no source gives a rate for it.", *caveats)
    else:
        basis = "forecast" if fact.kind == "forecast" else "stated"
    if fact.time.inferred:  # never shown as stated: the year is the editor's reading (caveats_of says whose)
        basis += ", year inferred"
    return _figure_row(
        year=fact.time.year,
        basis=basis,
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
        measure=fact.measure,
        reported_by=fact.attributed_to or (source.publisher if source and source.role != "primary" else None),
        verdict=None if role == "record" else verdict_of(fact, kb),
        outcome=None if role == "record" else outcome_of(fact, kb),
        caveats=caveats,
    )


def figure_text(figure: DerivedFigure) -> str:
    """A derived figure's result in words, signed where the operation is a difference."""
    return amount_text(figure.value, figure.unit, figure.scale, signed=figure.signed, qualifier=figure.qualifier)


def figure_record(figure: DerivedFigure, facts_by_id: dict[str, Fact]) -> dict[str, Any]:
    """A derived figure as a row beside stated ones."""
    return _figure_row(
        year=figure.year,
        basis="derived from forecast" if figure.based_on_forecast else "derived",
        label=figure.label,
        text=figure_text(figure),
        figure_id=figure.id,
        source=f"kzcn, derived from {', '.join(dict.fromkeys(item.fact_id for item in figure.inputs))}",
        reported_by=COMPUTED_BY,
        amount=number_of(figure.value),
        unit=figure.unit,
        scale=figure.scale,
        value=number_of(figure.value * SCALES[figure.scale]),
        qualifier=figure.qualifier,
        role=figure.operation,
        forecast=figure.based_on_forecast,
        derived=True,
        arithmetic=figure.arithmetic,
        inputs=tuple(item.fact_id for item in figure.inputs),
        caveats=figure_caveats(figure, facts_by_id),
    )


_NOTES = (
    "stated: the article gives the figure. forecast: the article reports a forecast, not a result.",
    "derived: computed by kzcn from the facts named, never stated by the article.",
)
_RECORD_NOTE = (
    "record: what another source reports (kzcn review shows how it bears on the article); records measure other "
    "things than the article's figures unless a gap is shown, which the knowledge base declares comparable."
)
_INTERPOLATED_NOTE = "interpolated: a straight line between the nearest stated or forecast years, by kzcn."


def series_title(series: str) -> str:
    """What a series' table is called: kzcn's own view for the transport-income series, else the series' id."""
    return "Kazakhstan's transport income" if series == REVENUE_SERIES else f"The {series} series"


def revenue(
    kb: KnowledgeBase, *, series: str = REVENUE_SERIES, year: int | None = None, interpolate: bool = False
) -> Result:
    """One series as stated and forecast, with its derived figures and the records the reviews of its facts cite;
    one year or the whole series. Without `series`, Kazakhstan's transport income, the article's own series."""
    members, records = _series_facts(kb, series)
    parts = {relation.left for relation in kb.relations if relation.kind == "part-of"}
    totals = [fact for fact in members if fact.id not in parts]
    rows = _series_rows(kb, series, members, parts, records)
    notes = [*_NOTES, _RECORD_NOTE] if records else [*_NOTES]
    if year is None:
        rows.sort(key=_series_order(rows))
    else:
        rows = _year_rows(rows, totals, year=year, interpolate=interpolate, series=series)
        if any(row["interpolated"] for row in rows):
            notes.append(_INTERPOLATED_NOTE)
    return Result(
        fields=FIGURE_FIELDS,
        table_fields=_FIGURE_TABLE,
        records=tuple(rows),
        title=series_title(series) + (f", {year}" if year is not None else ""),
        notes=(*notes, *caveat_notes(rows)),
        chart=None if year is not None else series_chart(rows),
    )


def _series_facts(kb: KnowledgeBase, series: str) -> tuple[list[Fact], list[Fact]]:
    """The article's dated figures in the series, and the other sources' records beside them: those the reviews of
    the article's cite, and another source's fact declared in the series, which is a record, never "stated: the
    article gives the figure". NotFoundError, naming the series there are, for a series with none."""
    declared = [fact for fact in kb.facts if fact.series == series and fact.quantity and fact.time]
    if not declared:
        raise NotFoundError(f"the knowledge base has no facts in the {series!r} series; {_series_known(kb)}")
    members = [fact for fact in declared if kb.is_claim(fact)]
    records = _records(kb, members)
    records += [fact for fact in declared if not kb.is_claim(fact) and fact not in records]
    return members, records


def _series_known(kb: KnowledgeBase) -> str:
    """The series that have a dated figure, to choose from with --series; or how to declare one."""
    known = facet_values(kb, "series")
    if known:
        return f"series with figures: {', '.join(known)} (kzcn revenue --series NAME)"
    return "it has none: a fact joins one with `series: NAME`, beside its quantity and time"


def _series_rows(
    kb: KnowledgeBase, series: str, members: list[Fact], parts: set[str], records: list[Fact]
) -> list[dict[str, Any]]:
    """Every row of the series, unsorted: its facts (totals and parts), its derived figures, the other sources'
    records (those the reviews cite, and those declared in the series), and the gaps between figures the knowledge
    base declares comparable."""
    rows = [_figure_from_fact(kb, fact, "part" if fact.id in parts else "total") for fact in members]
    rows += [
        figure_record(derive(spec, kb.facts_by_id), kb.facts_by_id) for spec in kb.derived if spec.series == series
    ]
    first = (members or records)[0]
    unit = first.quantity.unit if first.quantity else None
    rows += [_figure_from_fact(kb, fact, "record", unit=unit) for fact in records]
    rows += [figure_record(figure, kb.facts_by_id) for figure in _gaps(kb, [*members, *records])]
    return rows


def _year_rows(
    rows: list[dict[str, Any]], totals: list[Fact], *, year: int, interpolate: bool, series: str
) -> list[dict[str, Any]]:
    """The rows of one year, the total first; an interpolated total where asked for and the year lies between two
    of the article's; NotFoundError, naming the years that have a figure, where the year has none."""
    total_years = sorted({fact.time.year for fact in totals if fact.time})
    article_years = {row["year"] for row in rows if not row["derived"] and row["role"] != "record"}
    chosen = [row for row in rows if row["year"] == year]
    between = bool(total_years) and total_years[0] < year < total_years[-1]
    if interpolate and year not in article_years and between:
        chosen.insert(0, _interpolated(totals, year))
    elif not any(not row["derived"] for row in chosen):
        years = sorted({row["year"] for row in rows if not row["derived"]})  # stated or forecast, whole or part
        hint = " (--interpolate estimates years between them)" if len(total_years) > 1 and not interpolate else ""
        raise NotFoundError(f"no {_figure_of(series)} for {year}; years with one: {', '.join(map(str, years))}{hint}")
    in_order = _series_order(chosen)
    chosen.sort(key=lambda row: in_order(row)[2:])
    return chosen


def _figure_of(series: str) -> str:
    return "transport income figure" if series == REVENUE_SERIES else f"figure of the {series} series"


def _series_order(rows: list[dict[str, Any]]) -> Callable[[dict[str, Any]], tuple[bool, int, bool, bool, bool]]:
    """By year, a derived figure whose inputs have no year last; in a year, the total, then its parts before the
    figures derived from them, then the other sources' records and the gaps computed from them."""
    records = {row["id"] for row in rows if row["role"] == "record"}

    def order(row: dict[str, Any]) -> tuple[bool, int, bool, bool, bool]:
        after_records = row["role"] == "record" or bool(records.intersection(row["inputs"]))
        return (row["year"] is None, row["year"] or 0, row["role"] != "total", after_records, row["derived"])

    return order


def is_money(unit: str) -> bool:
    """True for a currency: an ISO 4217 code such as USD or KZT (three capitals), as facts.yaml writes them."""
    return len(unit) == 3 and unit.isascii() and unit.isupper()


def _records(kb: KnowledgeBase, series: list[Fact]) -> list[Fact]:
    """The figures other sources report that the reviews of the series' facts cite (outcomes, baselines, targets),
    in one of the series' units, or in any currency for a series of money."""
    cited: list[str] = []
    for fact in series:
        review = kb.reviews_by_claim.get(fact.id)
        for item in review.evidence if review else ():
            if item.fact not in cited:
                cited.append(item.fact)
    found = [kb.facts_by_id[fact_id] for fact_id in cited if fact_id in kb.facts_by_id]
    units = {fact.quantity.unit for fact in series if fact.quantity}
    money = any(is_money(unit) for unit in units)
    return [
        fact
        for fact in found
        if fact.quantity is not None
        and fact.time is not None
        and (fact.quantity.unit in units or (money and is_money(fact.quantity.unit)))
    ]


def _gaps(kb: KnowledgeBase, shown: list[Fact]) -> list[DerivedFigure]:
    """The change between two figures shown, for each pair the knowledge base declares comparable: the later
    (a target, say) less the earlier (an outcome)."""
    by_id = {fact.id: fact for fact in shown}
    gaps = []
    for comparison in kb.comparisons:
        pair = [by_id.get(fact_id) for fact_id in comparison.facts]
        if not comparison.comparable or None in pair:
            continue
        first, second = sorted(pair, key=lambda fact: fact.time.year if fact and fact.time else 0)
        assert first is not None and second is not None
        spec = DerivedSpec(
            id=f"gap-{comparison.id}",
            label=f"Gap from {first.id} ({_year_of(first)}) to {second.id} ({_year_of(second)}), computed by kzcn",
            operation="change",
            inputs=(("from", first.id), ("to", second.id)),
            comparable=comparison.reason,
        )
        try:
            gaps.append(derive(spec, kb.facts_by_id))
        except DerivationError:
            continue  # two figures in different units: the check reports declared comparisons it cannot compute
    return gaps


def _year_of(fact: Fact) -> str:
    return str(fact.time.year) if fact.time else "no year"


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
        text=amount_text(value, unit, scale, places=2, qualifier="approximate"),
        figure_id=None,
        source=f"kzcn, interpolated from {before.id} and {after.id}",
        reported_by=COMPUTED_BY,
        amount=number_of(value),
        unit=unit,
        scale=scale,
        value=number_of(value * SCALES[scale]),
        qualifier="approximate",
        role="total",
        forecast=forecast,
        derived=True,
        interpolated=True,
        arithmetic=f"{plain_number(start)} + ({plain_number(end)} − {plain_number(start)}) × "
        f"({year} − {before.time.year}) / ({after.time.year} − {before.time.year}) = {plain_number(value, 4)}",
        inputs=(before.id, after.id),
        caveats=caveats_of((before.id, after.id), {before.id: before, after.id: after}),
    )
