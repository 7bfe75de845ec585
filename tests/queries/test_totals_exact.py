"""kzcn.queries.totals called directly: every derived figure's record, the one-figure layout, and the misses' hints."""

from __future__ import annotations

import json
from typing import Any

import pytest

from builders import dump, small_kb
from kzcn.errors import NotFoundError
from kzcn.kb.load import parse_knowledge_base
from kzcn.model.records import KnowledgeBase
from kzcn.queries.totals import totals
from kzcn.render import Format, RenderOptions, render

DERIVED_NOTE = "Every figure here is derived: kzcn computes it from the facts named; the source does not state it."
TRANSIT_NOTE = "The source does not say which transit."


def measured_kb(**changes: Any) -> dict[str, Any]:
    """small_kb whose income figures share one stated measure, so that its derived figures need no declaration."""
    data = small_kb(**changes)
    for item in data["facts"][1:4]:
        item["measure"] = "corridor income"
    for spec in data["derived"]:
        spec.pop("comparable", None)
    return data


def knowledge_base(**changes: Any) -> KnowledgeBase:
    return parse_knowledge_base("kb.yaml", dump(measured_kb(**changes)))


def noted_kb() -> KnowledgeBase:
    """measured_kb with a caveat on the transit figure and a sum resting on a bound ("more than 10 cities")."""
    data = measured_kb()
    data["facts"][2]["note"] = TRANSIT_NOTE
    data["derived"].append(
        {
            "id": "cities-twice",
            "label": "Cities counted twice",
            "operation": "sum",
            "inputs": {"first": "cities-served", "second": "cities-served"},
        }
    )
    return parse_knowledge_base("kb.yaml", dump(data))


def test_every_declared_figure_is_a_record_with_its_derivation() -> None:
    result = totals(noted_kb())
    assert list(result.records) == [
        {
            "id": "transit-share-2017",
            "label": "Transit share of 2017 income",
            "text": "25 %",
            "formula": "part / whole × 100",
            "arithmetic": "0.5 / 2 × 100 = 25",
            "inputs": ["income-transit-2017", "income-2017"],
            "input_values": [
                "part = income-transit-2017 = $0.5 billion (stated)",
                "whole = income-2017 = $2 billion (stated)",
            ],
            "operation": "share",
            "amount": 25,
            "unit": "percent",
            "scale": "one",
            "year": 2017,
            "forecast": False,
            "exact": True,
            "qualifier": "exact",
            "comparable": None,
            "derived": True,
            "caveats": [f"income-transit-2017: {TRANSIT_NOTE}"],
            "status": ["derived: computed by kzcn, not stated by the source"],
        },
        {
            "id": "income-other-2017",
            "label": "2017 income other than transit",
            "text": "$1.5 billion",
            "formula": "whole − part",
            "arithmetic": "2 − 0.5 = 1.5",
            "inputs": ["income-2017", "income-transit-2017"],
            "input_values": [
                "whole = income-2017 = $2 billion (stated)",
                "part = income-transit-2017 = $0.5 billion (stated)",
            ],
            "operation": "remainder",
            "amount": 1.5,
            "unit": "USD",
            "scale": "billion",
            "year": 2017,
            "forecast": False,
            "exact": True,
            "qualifier": "exact",
            "comparable": None,
            "derived": True,
            "caveats": [f"income-transit-2017: {TRANSIT_NOTE}"],
            "status": ["derived: computed by kzcn, not stated by the source"],
        },
        {
            "id": "income-growth",
            "label": "Yearly growth to 2020",
            "text": "26 % per year",
            "formula": "((to / from) ^ (1 / (to year − from year)) − 1) × 100",
            "arithmetic": "((4 / 2) ^ (1 / (2020 − 2017)) − 1) × 100 = 25.9921",
            "inputs": ["income-2017", "income-forecast-2020"],
            "input_values": [
                "from = income-2017 = $2 billion (stated)",
                "to = income-forecast-2020 = $4 billion (forecast)",
            ],
            "operation": "annual-growth",
            "amount": 25.992104989487316,
            "unit": "percent per year",
            "scale": "one",
            "year": 2020,
            "forecast": True,
            "exact": True,
            "qualifier": "exact",
            "comparable": None,
            "derived": True,
            "caveats": [],
            "status": [
                "derived: computed by kzcn, not stated by the source",
                "based on a forecast, so a forecast itself",
            ],
        },
        {
            "id": "cities-twice",
            "label": "Cities counted twice",
            "text": "more than 20 cities",
            "formula": "first + second",
            "arithmetic": "10 + 10 = 20",
            "inputs": ["cities-served", "cities-served"],
            "input_values": [
                "first = cities-served = more than 10 cities (stated)",
                "second = cities-served = more than 10 cities (stated)",
            ],
            "operation": "sum",
            "amount": 20,
            "unit": "cities",
            "scale": "one",
            "year": None,
            "forecast": False,
            "exact": False,
            "qualifier": "more-than",
            "comparable": None,
            "derived": True,
            "caveats": [],
            "status": [
                "derived: computed by kzcn, not stated by the source",
                "a bound (more-than): an input is a bound, so the result is one too",
            ],
        },
    ]


def test_the_list_says_what_derived_means_and_each_caveat_once() -> None:
    result = totals(noted_kb())
    assert result.single is False
    assert result.title == "Derived figures (computed by kzcn, not stated by the source)"
    assert result.notes == (
        DERIVED_NOTE,
        f"Caveat on income-transit-2017 and the figures computed from it: {TRANSIT_NOTE}",
    )


def test_the_table_shows_the_figure_its_result_arithmetic_and_inputs() -> None:
    text = render(totals(knowledge_base()), Format.markdown, RenderOptions())
    assert text == (
        "# Derived figures (computed by kzcn, not stated by the source)\n"
        "\n"
        "| ID | Figure | Result | Arithmetic | Input values |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| transit-share-2017 | Transit share of 2017 income | 25 % | 0.5 / 2 × 100 = 25 | part = income-transit-2017 = "
        "\\$0.5 billion (stated); whole = income-2017 = \\$2 billion (stated) |\n"
        "| income-other-2017 | 2017 income other than transit | \\$1.5 billion | 2 − 0.5 = 1.5 | whole = income-2017 = "
        "\\$2 billion (stated); part = income-transit-2017 = \\$0.5 billion (stated) |\n"
        "| income-growth | Yearly growth to 2020 | 26 % per year | ((4 / 2) \\^ (1 / (2020 − 2017)) − 1) × 100 = "
        "25.9921 | from = income-2017 = \\$2 billion (stated); to = income-forecast-2020 = \\$4 billion (forecast) |\n"
        "\n"
        f"_{DERIVED_NOTE}_\n"
    )


def test_machine_formats_carry_every_total_field_in_order() -> None:
    text = render(totals(knowledge_base()), Format.csv, RenderOptions())
    assert text.splitlines()[0] == (
        "id,label,text,formula,arithmetic,inputs,input_values,operation,amount,unit,scale,year,forecast,exact,qualifier,"
        "comparable,derived,caveats"
    )
    assert text.splitlines()[2] == (
        "income-other-2017,2017 income other than transit,$1.5 billion,whole − part,2 − 0.5 = 1.5,"
        "income-2017; income-transit-2017,whole = income-2017 = $2 billion (stated); "
        "part = income-transit-2017 = $0.5 billion (stated),remainder,1.5,USD,billion,2017,false,true,exact,,true,"
    )


def test_explaining_one_figure_gives_it_alone_without_caveat_lines() -> None:
    result = totals(noted_kb(), explain="income-other-2017")
    assert [record["id"] for record in result.records] == ["income-other-2017"]
    assert result.single is True
    assert result.notes == (DERIVED_NOTE,)
    assert json.loads(render(result, Format.json, RenderOptions()))["text"] == "$1.5 billion"


def test_explaining_one_figure_lays_it_out_label_by_label() -> None:
    text = render(totals(knowledge_base(), explain="income-growth"), Format.table, RenderOptions(width=200))
    assert text.splitlines() == [
        "Derived figure  income-growth",
        "What            Yearly growth to 2020",
        "Result          26 % per year",
        "Formula         ((to / from) ^ (1 / (to year − from year)) − 1) × 100",
        "Arithmetic      ((4 / 2) ^ (1 / (2020 − 2017)) − 1) × 100 = 25.9921",
        "Inputs          from = income-2017 = $2 billion (stated)",
        "                to = income-forecast-2020 = $4 billion (forecast)",
        "Status          derived: computed by kzcn, not stated by the source; based on a forecast, so a forecast itself",
        "Caveats",
        DERIVED_NOTE,
    ]


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        ("income-grow", "no derived figure with id 'income-grow'; did you mean income-growth?"),
        ("trains-2017", "no derived figure with id 'trains-2017'; trains-2017 is a fact: kzcn show trains-2017"),
        ("doc", "no derived figure with id 'doc'; doc is a source: kzcn sources, or kzcn facts --source doc"),
        ("zzzz", "no derived figure with id 'zzzz'"),
    ],
)
def test_explaining_an_unknown_figure_says_what_the_id_is_or_what_was_meant(wanted: str, message: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        totals(knowledge_base(), explain=wanted)
    assert str(caught.value) == message


def test_a_knowledge_base_without_declarations_has_no_totals() -> None:
    result = totals(knowledge_base(derived=[]))
    assert result.records == ()
    assert result.empty_message == "The knowledge base declares no derived figures."
    assert result.notes == (DERIVED_NOTE,)
