"""The derived totals: every figure kzcn computes from facts, with its formula, arithmetic and inputs, as a Result."""

from __future__ import annotations

from kzcn.errors import NotFoundError
from kzcn.model.derive import DerivedFigure, derive_all
from kzcn.model.records import KnowledgeBase
from kzcn.model.result import WHOLE, WORDS, Field, Result
from kzcn.model.wording import quantity_text
from kzcn.queries.caveats import caveat_notes, figure_caveats
from kzcn.queries.facts import closest_ids, what_else
from kzcn.queries.figures import figure_text, number_of

TOTAL_FIELDS = (
    Field("id", "ID", shape=WHOLE),
    Field("label", "Figure", main=True),
    Field("text", "Result", shape=WORDS, give_way=0),
    Field("formula", "Formula"),
    Field("arithmetic", "Arithmetic"),
    Field("inputs", "Inputs", json_type="string[]"),
    Field("input_values", "Input values", json_type="string[]"),
    Field("operation", "Operation"),
    Field("amount", "Amount (number)", shape=WHOLE, json_type="number"),
    Field("unit", "Unit"),
    Field("scale", "Scale"),
    Field("year", "Year", shape=WHOLE, json_type="integer"),
    Field("forecast", "Based on forecast", json_type="boolean"),
    Field("exact", "Exact inputs", json_type="boolean"),
    Field("qualifier", "Qualifier"),
    Field("comparable", "Declared comparable", missing="not declared", json_type="string?"),
    Field("derived", "Derived", json_type="boolean"),
    Field("caveats", "Caveats", json_type="string[]"),
)
EXPLAIN_FIELDS = (
    Field("id", "Derived figure"),
    Field("label", "What"),
    Field("text", "Result"),
    Field("formula", "Formula"),
    Field("arithmetic", "Arithmetic"),
    Field("input_values", "Inputs", joiner="\n"),
    Field("status", "Status", joiner="; "),
    Field("caveats", "Caveats", joiner="\n"),
)
"""How `totals --explain` lays one figure out: labels beside values."""


def _status(figure: DerivedFigure) -> list[str]:
    flags = ["derived: computed by kzcn, not stated by the source"]
    if figure.based_on_forecast:
        flags.append("based on a forecast, so a forecast itself")
    if figure.qualifier == "approximate":
        flags.append("approximate: an input is an estimate, or its inputs' bounds pull opposite ways")
    elif not figure.exact:
        flags.append(f"a bound ({figure.qualifier}): an input is a bound, so the result is one too")
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
                "amount": number_of(figure.value),
                "unit": figure.unit,
                "scale": figure.scale,
                "year": figure.year,
                "forecast": figure.based_on_forecast,
                "exact": figure.exact,
                "qualifier": figure.qualifier,
                "comparable": figure.comparable,
                "derived": True,
                "caveats": list(figure_caveats(figure, kb.facts_by_id)),
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
        notes=(
            "Every figure here is derived: kzcn computes it from the facts named; the source does not state it.",
            *([] if explain is not None else caveat_notes(records)),
        ),
    )
