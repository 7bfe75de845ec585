"""kzcn.queries.figures called directly on knowledge bases built in memory: the revenue rows, their order, notes, chart,
records of other sources, declared gaps and interpolation, exactly."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from builders import fact, knowledge_base, source
from kzcn.errors import NotFoundError
from kzcn.model.derive import derive
from kzcn.model.records import (
    Comparison,
    DerivedSpec,
    EvidenceItem,
    KnowledgeBase,
    Quantity,
    Quote,
    Relation,
    Review,
    TimeRef,
)
from kzcn.model.result import Bar, Chart
from kzcn.queries.caveats import caveat_notes, caveats_of
from kzcn.queries.figures import (
    FIGURE_FIELDS,
    figure_record,
    figure_text,
    is_money,
    number_of,
    revenue,
)

SERIES = "transport-income"
STATED_NOTE = "stated: the article gives the figure. forecast: the article reports a forecast, not a result."
DERIVED_NOTE = "derived: computed by kzcn from the facts named, never stated by the article."
RECORD_NOTE = (
    "record: what another source reports (kzcn review shows how it bears on the article); records measure "
    "other things than the article's figures unless a gap is shown, which the knowledge base declares comparable."
)
INTERPOLATED_NOTE = "interpolated: a straight line between the nearest stated or forecast years, by kzcn."
LEGEND = (("solid", "stated"), ("dense", "stated part"), ("light", "forecast"))


FORECAST = fact(
    id="forecast-2020",
    series=SERIES,
    statement="Income will be about $4 billion by 2020.",
    kind="forecast",
    modality="reported",
    attributed_to="unnamed forecasts",
    time=TimeRef(2020, "target"),
    quantity=Quantity(4, "USD", "billion", "about"),
    quotes=(Quote(3, "4 billion"),),
)
INCOME = fact(
    id="income-2017",
    series=SERIES,
    statement="The corridor earned $2 billion in 2017.",
    time=TimeRef(2017),
    quantity=Quantity(2, "USD", "billion"),
    note="Gross income, not profit.",
    measure="transport income",
    quotes=(Quote(2, "earned $ 2 billion"), Quote(4, "2 billion")),
)
TRANSIT = fact(
    id="transit-2017",
    series=SERIES,
    statement="$0.5 billion came from transit.",
    time=TimeRef(2017),
    quantity=Quantity(0.5, "USD", "billion"),
    quotes=(Quote(2, "$ 0.5 billion came from transit"),),
)
UNMEASURED = fact(id="no-figure", series=SERIES, statement="Income grew.", kind="event", time=TimeRef(2018))
UNDATED = fact(id="no-year", series=SERIES, quantity=Quantity(3, "USD", "billion"))
ELSEWHERE = fact(id="trains-2017", series="trains", time=TimeRef(2017), quantity=Quantity(40, "trains"))
STAT_2017 = fact(
    id="stat-2017",
    statement="The bureau counted $1.9 billion in 2017.",
    source="stat",
    time=TimeRef(2017),
    quantity=Quantity(1.9, "USD", "billion"),
    quotes=(Quote(1, "1.9"),),
)
PLAN_2019 = fact(
    id="plan-2019",
    statement="A plan of 900 billion tenge for 2019.",
    source="anon",
    kind="forecast",
    time=TimeRef(2019, "target"),
    quantity=Quantity(900, "KZT", "billion"),
    note="A plan, not a result.",
    quotes=(Quote(5, "900"), Quote(6, "tenge")),
)
STAT_TRAINS = fact(id="stat-trains", source="stat", time=TimeRef(2017), quantity=Quantity(40, "trains"))
STAT_UNDATED = fact(id="stat-undated", source="stat", quantity=Quantity(1, "USD", "billion"))


KB = knowledge_base(
    sources=(
        source(id="doc", publisher="The Paper"),
        source(id="stat", role="evidence", publisher="Stat Bureau"),
        source(id="anon", role="evidence"),
    ),
    facts=(
        FORECAST,
        INCOME,
        TRANSIT,
        UNMEASURED,
        UNDATED,
        ELSEWHERE,
        STAT_2017,
        PLAN_2019,
        STAT_TRAINS,
        STAT_UNDATED,
    ),
    relations=(
        Relation("rises", "increase", "income-2017", "forecast-2020"),
        Relation("transit-within", "part-of", "transit-2017", "income-2017"),
    ),
    derived=(
        DerivedSpec(
            "transit-share", "Transit share", "share", (("part", "transit-2017"), ("whole", "income-2017")), SERIES
        ),
        DerivedSpec(
            "trains-twice", "Trains twice", "sum", (("first", "trains-2017"), ("second", "trains-2017")), "trains"
        ),
        DerivedSpec(
            "growth", "Yearly growth", "annual-growth", (("from", "income-2017"), ("to", "forecast-2020")), SERIES
        ),
    ),
    reviews=(
        Review(
            "forecast-2020",
            "partly-supported",
            "Plans differ.",
            (
                EvidenceItem("plan-2019", "context"),
                EvidenceItem("stat-2017", "context"),
                EvidenceItem("stat-trains", "context"),
                EvidenceItem("stat-undated", "context"),
                EvidenceItem("not-a-fact", "context"),
            ),
        ),
        Review("income-2017", "supported", "The bureau agrees.", (EvidenceItem("stat-2017", "corroborates"),)),
    ),
    comparisons=(
        Comparison("tenge-and-dollars", ("income-2017", "plan-2019"), True, "both income"),
        Comparison("different-measures", ("income-2017", "stat-2017"), False, "gross against net"),
        Comparison("trains-and-income", ("stat-trains", "income-2017"), True, "never shown"),
        Comparison("outcome-and-forecast", ("forecast-2020", "stat-2017"), True, "the same measure"),
    ),
)
"""The article's figures in one series, two evidence sources' records, relations, derived figures, reviews and
comparisons."""


def row(**fields: Any) -> dict[str, Any]:
    """A revenue row: every key of FIGURE_FIELDS, in order, from the defaults of a stated figure."""
    defaults: dict[str, Any] = {
        "year": None,
        "basis": "stated",
        "label": None,
        "text": None,
        "id": None,
        "source": None,
        "amount": None,
        "unit": "USD",
        "scale": "billion",
        "value": None,
        "qualifier": "exact",
        "role": "total",
        "stated": True,
        "forecast": False,
        "derived": False,
        "interpolated": False,
        "arithmetic": None,
        "inputs": [],
        "measure": None,
        "reported_by": None,
        "verdict": None,
        "outcome": None,
        "caveats": [],
    }
    assert set(fields) <= set(defaults)
    return {**defaults, **fields}


INCOME_CAVEAT = "income-2017: Gross income, not profit."
INCOME_ROW = row(
    year=2017,
    label="The corridor earned $2 billion in 2017.",
    text="$2 billion",
    id="income-2017",
    source="doc ¶2, ¶4",
    amount=2,
    value=2_000_000_000,
    measure="transport income",
    verdict="supported",
    caveats=[INCOME_CAVEAT],
)
TRANSIT_ROW = row(
    year=2017,
    label="$0.5 billion came from transit.",
    text="$0.5 billion",
    id="transit-2017",
    source="doc ¶2",
    amount=0.5,
    value=500_000_000,
    role="part",
    verdict="unreviewed",
)
SHARE_ROW = row(
    year=2017,
    basis="derived",
    label="Transit share",
    text="25 %",
    id="transit-share",
    source="kzcn, derived from transit-2017, income-2017",
    reported_by="nobody: computed by kzcn",
    amount=25,
    unit="percent",
    scale="one",
    value=25,
    role="share",
    stated=False,
    derived=True,
    arithmetic="0.5 / 2 × 100 = 25",
    inputs=["transit-2017", "income-2017"],
    caveats=[INCOME_CAVEAT],
)
STAT_ROW = row(
    year=2017,
    basis="record",
    label="The bureau counted $1.9 billion in 2017.",
    text="$1.9 billion",
    id="stat-2017",
    source="stat ¶1",
    amount=1.9,
    value=1_900_000_000,
    role="record",
    reported_by="Stat Bureau",
)
PLAN_ROW = row(
    year=2019,
    basis="record (forecast)",
    label="A plan of 900 billion tenge for 2019.",
    text="₸900 billion",
    id="plan-2019",
    source="anon ¶5, ¶6",
    amount=900,
    unit="KZT",
    value=900_000_000_000,
    role="record",
    forecast=True,
    caveats=[
        "plan-2019: in KZT, not converted: no source gives a rate for it.",
        "plan-2019: A plan, not a result.",
    ],
)
FORECAST_ROW = row(
    year=2020,
    basis="forecast",
    label="Income will be about $4 billion by 2020.",
    text="about $4 billion",
    id="forecast-2020",
    source="doc ¶3",
    amount=4,
    value=4_000_000_000,
    qualifier="about",
    forecast=True,
    reported_by="unnamed forecasts",
    verdict="partly-supported",
)
GROWTH_ROW = row(
    year=2020,
    basis="derived from forecast",
    label="Yearly growth",
    text="≈ 26 % per year",
    id="growth",
    source="kzcn, derived from income-2017, forecast-2020",
    reported_by="nobody: computed by kzcn",
    amount=25.992104989487316,
    unit="percent per year",
    scale="one",
    value=25.992104989487316,
    qualifier="approximate",
    role="annual-growth",
    stated=False,
    forecast=True,
    derived=True,
    arithmetic="((4 / 2) ^ (1 / (2020 − 2017)) − 1) × 100 = 25.9921",
    inputs=["income-2017", "forecast-2020"],
    caveats=[INCOME_CAVEAT],
)
GAP_ROW = row(
    year=2020,
    basis="derived from forecast",
    label="Gap from stat-2017 (2017) to forecast-2020 (2020), computed by kzcn",
    text="≈ +$2.1 billion",
    id="gap-outcome-and-forecast",
    source="kzcn, derived from stat-2017, forecast-2020",
    reported_by="nobody: computed by kzcn",
    amount=2.1,
    value=2_100_000_000,
    qualifier="approximate",
    role="change",
    stated=False,
    forecast=True,
    derived=True,
    arithmetic="4 − 1.9 = 2.1",
    inputs=["stat-2017", "forecast-2020"],
    caveats=["gap-outcome-and-forecast: the knowledge base declares its inputs comparable: the same measure"],
)


# The series


def test_the_series_is_ordered_by_year_then_total_part_derived_and_record() -> None:
    result = revenue(KB)
    assert [record["id"] for record in result.records] == [
        "income-2017",
        "transit-2017",
        "transit-share",
        "stat-2017",
        "plan-2019",
        "forecast-2020",
        "growth",
        "gap-outcome-and-forecast",
    ]
    assert list(result.records) == [
        INCOME_ROW,
        TRANSIT_ROW,
        SHARE_ROW,
        STAT_ROW,
        PLAN_ROW,
        FORECAST_ROW,
        GROWTH_ROW,
        GAP_ROW,
    ]


def test_the_series_has_its_fields_title_notes_and_chart() -> None:
    result = revenue(KB)
    assert result.fields == FIGURE_FIELDS
    assert result.table_fields == (
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
    assert (result.title, result.single) == ("Kazakhstan's transport income", False)
    assert result.notes == (
        STATED_NOTE,
        DERIVED_NOTE,
        RECORD_NOTE,
        "Caveat on income-2017 and the figures computed from it: Gross income, not profit.",
        "Caveat on plan-2019: in KZT, not converted: no source gives a rate for it.",
        "Caveat on plan-2019: A plan, not a result.",
        "Caveat on gap-outcome-and-forecast: the knowledge base declares its inputs comparable: the same measure",
    )
    assert result.chart == Chart(
        (
            Bar("2017 stated", 0.5, "solid", "$2 billion"),
            Bar("  of which (part)", 0.125, "dense", "$0.5 billion"),
            # The record in the series' own currency beside the article's figures (plan-2019 is a forecast, in KZT).
            Bar("2017 record", 0.475, "medium", "$1.9 billion"),
            Bar("2020 forecast", 1.0, "light", "about $4 billion"),
        ),
        (*LEGEND, ("medium", "recorded by another source")),
    )


def test_in_the_series_a_total_comes_before_its_part_whatever_the_order_of_the_file() -> None:
    result = revenue(replace(KB, facts=(TRANSIT, FORECAST, INCOME), reviews=(), comparisons=()))
    assert [record["id"] for record in result.records] == [
        "income-2017",
        "transit-2017",
        "transit-share",
        "forecast-2020",
        "growth",
    ]


def test_a_series_without_records_has_no_record_note() -> None:
    result = revenue(replace(KB, reviews=(), comparisons=()))
    assert [record["id"] for record in result.records] == [
        "income-2017",
        "transit-2017",
        "transit-share",
        "forecast-2020",
        "growth",
    ]
    assert result.notes == (
        STATED_NOTE,
        DERIVED_NOTE,
        "Caveat on income-2017 and the figures computed from it: Gross income, not profit.",
    )


def test_a_knowledge_base_without_the_series_is_not_found() -> None:
    with pytest.raises(NotFoundError) as raised:
        revenue(replace(KB, facts=(UNMEASURED, UNDATED, ELSEWHERE, STAT_2017)))
    assert str(raised.value) == (
        "the knowledge base has no facts in the 'transport-income' series; series with figures: trains "
        "(kzcn revenue --series NAME)"
    )
    with pytest.raises(NotFoundError) as raised:
        revenue(replace(KB, facts=(UNMEASURED, UNDATED)))
    assert str(raised.value) == (
        "the knowledge base has no facts in the 'transport-income' series; it has none: a fact joins one with "
        "`series: NAME`, beside its quantity and time"
    )


def test_any_series_is_shown_by_its_name_with_the_records_in_its_unit() -> None:
    page_trains = fact(
        id="page-trains-2018", source="stat", time=TimeRef(2018), quantity=Quantity(38, "trains"), statement="38."
    )
    page_money = fact(id="page-money-2018", source="stat", time=TimeRef(2018), quantity=Quantity(2, "USD"))
    review = Review(
        claim="trains-2017",
        verdict="supported",
        summary="s",
        evidence=(EvidenceItem("page-trains-2018", "context"), EvidenceItem("page-money-2018", "context")),
    )
    kb = replace(KB, facts=(*KB.facts, page_trains, page_money), reviews=(review,))
    result = revenue(kb, series="trains")
    assert result.title == "The trains series"
    # The dollar figure is no record of a count of trains: only a record in the series' own unit is shown.
    assert [(row["id"], row["basis"], row["text"]) for row in result.records] == [
        ("trains-2017", "stated", "40 trains"),
        ("trains-twice", "derived", "80 trains"),
        ("page-trains-2018", "record", "38 trains"),
    ]
    assert revenue(kb, series="trains", year=2018).title == "The trains series, 2018"
    with pytest.raises(NotFoundError) as raised:
        revenue(kb, series="trains", year=2016)
    assert str(raised.value) == "no figure of the trains series for 2016; years with one: 2017, 2018"


def test_a_derived_figure_without_a_year_goes_last() -> None:
    undated = fact(id="undated-total", series=SERIES, quantity=Quantity(1, "USD", "billion"))
    dated = fact(id="dated-total", series=SERIES, time=TimeRef(2016), quantity=Quantity(5, "USD", "billion"))
    kb = replace(
        KB,
        facts=(dated, undated),
        relations=(),
        reviews=(),
        comparisons=(),
        derived=(
            DerivedSpec("no-year-sum", "Sum", "sum", (("first", "undated-total"), ("second", "undated-total")), SERIES),
        ),
    )
    result = revenue(kb)
    assert [(record["id"], record["year"]) for record in result.records] == [
        ("dated-total", 2016),
        ("no-year-sum", None),
    ]


def test_a_one_figure_series_in_another_currency_shows_a_record_in_dollars_as_not_converted() -> None:
    tenge = fact(id="tenge-2017", series=SERIES, time=TimeRef(2017), quantity=Quantity(800, "KZT", "billion"))
    kb = replace(
        KB,
        facts=(tenge, STAT_2017),
        relations=(),
        derived=(),
        comparisons=(),
        reviews=(Review("tenge-2017", "supported", "Yes.", (EvidenceItem("stat-2017", "corroborates"),)),),
    )
    result = revenue(kb)
    assert [record["id"] for record in result.records] == ["tenge-2017", "stat-2017"]
    assert result.records[1]["caveats"] == ["stat-2017: in USD, not converted: no source gives a rate for it."]
    assert result.chart == Chart(
        (Bar("2017 stated", 1.0, "solid", "₸800 billion"),), (("solid", "stated"),)
    )  # only the fills drawn


def test_a_chart_of_zero_figures_draws_empty_bars() -> None:
    nothing = fact(id="nothing-2017", series=SERIES, time=TimeRef(2017), quantity=Quantity(0, "USD"))
    chart = revenue(replace(KB, facts=(nothing,), relations=(), derived=(), reviews=(), comparisons=())).chart
    assert chart == Chart((Bar("2017 stated", 0.0, "solid", "$0"),), (("solid", "stated"),))


# One year


def test_one_year_shows_its_total_part_derived_figures_and_records_without_a_chart() -> None:
    result = revenue(KB, year=2017)
    assert list(result.records) == [INCOME_ROW, TRANSIT_ROW, SHARE_ROW, STAT_ROW]
    assert (result.title, result.single, result.chart) == ("Kazakhstan's transport income, 2017", False, None)
    assert result.notes == (
        STATED_NOTE,
        DERIVED_NOTE,
        RECORD_NOTE,
        "Caveat on income-2017 and the figures computed from it: Gross income, not profit.",
    )


def test_one_year_puts_the_total_first_whatever_the_order_of_the_file() -> None:
    result = revenue(replace(KB, facts=(STAT_2017, TRANSIT, INCOME, FORECAST)), year=2017)
    assert [record["id"] for record in result.records] == ["income-2017", "transit-2017", "transit-share", "stat-2017"]


def test_one_year_of_a_forecast_with_its_derived_figures() -> None:
    result = revenue(KB, year=2020)
    assert list(result.records) == [FORECAST_ROW, GROWTH_ROW, GAP_ROW]


def test_a_year_with_only_a_record_shows_the_record() -> None:
    result = revenue(KB, year=2019)
    assert list(result.records) == [PLAN_ROW]


def test_a_year_without_a_figure_names_the_years_with_one_and_suggests_interpolating() -> None:
    with pytest.raises(NotFoundError) as raised:
        revenue(KB, year=2018)
    assert str(raised.value) == (
        "no transport income figure for 2018; years with one: 2017, 2019, 2020 "
        "(--interpolate estimates years between them)"
    )


def test_a_year_outside_the_series_is_not_interpolated() -> None:
    with pytest.raises(NotFoundError) as raised:
        revenue(KB, year=2021, interpolate=True)
    assert str(raised.value) == "no transport income figure for 2021; years with one: 2017, 2019, 2020"
    with pytest.raises(NotFoundError) as raised:
        revenue(KB, year=2016, interpolate=True)
    assert str(raised.value) == "no transport income figure for 2016; years with one: 2017, 2019, 2020"


def test_a_year_of_only_derived_figures_is_not_found() -> None:
    kb = replace(
        KB,
        facts=(INCOME, TRANSIT, FORECAST, ELSEWHERE),
        reviews=(),
        comparisons=(),
        derived=(
            DerivedSpec(
                "trains-per-dollar", "Ratio", "share", (("part", "trains-2017"), ("whole", "trains-2017")), SERIES
            ),
        ),
    )
    with pytest.raises(NotFoundError) as raised:
        revenue(kb, year=2018)
    assert str(raised.value) == (
        "no transport income figure for 2018; years with one: 2017, 2020 (--interpolate estimates years between them)"
    )


def test_one_total_gives_no_hint_to_interpolate() -> None:
    kb = replace(KB, facts=(INCOME,), relations=(), derived=(), reviews=(), comparisons=())
    with pytest.raises(NotFoundError) as raised:
        revenue(kb, year=2018)
    assert str(raised.value) == "no transport income figure for 2018; years with one: 2017"
    with pytest.raises(NotFoundError) as raised:
        revenue(kb, year=2018, interpolate=True)
    assert str(raised.value) == "no transport income figure for 2018; years with one: 2017"


# Interpolation


def test_interpolating_a_year_between_a_stated_figure_and_a_forecast() -> None:
    result = revenue(KB, year=2018, interpolate=True)
    assert list(result.records) == [
        row(
            year=2018,
            basis="interpolated from forecast",
            label="Interpolated by kzcn between 2017 and 2020; not stated by the article",
            text="≈ $2.67 billion",
            source="kzcn, interpolated from income-2017 and forecast-2020",
            reported_by="nobody: computed by kzcn",
            amount=2.666666666666666666666666667,
            value=2_666_666_666.666666666666666667,
            qualifier="approximate",
            stated=False,
            forecast=True,
            derived=True,
            interpolated=True,
            arithmetic="2 + (4 − 2) × (2018 − 2017) / (2020 − 2017) = 2.6667",
            inputs=["income-2017", "forecast-2020"],
            caveats=[INCOME_CAVEAT],
        )
    ]
    assert result.notes == (
        STATED_NOTE,
        DERIVED_NOTE,
        RECORD_NOTE,
        INTERPOLATED_NOTE,
        "Caveat on income-2017 and the figures computed from it: Gross income, not profit.",
    )
    assert (result.single, result.chart, result.title) == (False, None, "Kazakhstan's transport income, 2018")


def test_a_year_with_only_a_record_is_interpolated_and_shown_before_the_record() -> None:
    result = revenue(KB, year=2019, interpolate=True)
    assert [(record["basis"], record["id"]) for record in result.records] == [
        ("interpolated from forecast", None),
        ("record (forecast)", "plan-2019"),
    ]
    assert result.records[0]["text"] == "≈ $3.33 billion"


def test_a_year_of_the_article_is_never_interpolated() -> None:
    result = revenue(KB, year=2017, interpolate=True)
    assert list(result.records) == [INCOME_ROW, TRANSIT_ROW, SHARE_ROW, STAT_ROW]
    assert INTERPOLATED_NOTE not in result.notes


MILLIONS_2015 = fact(id="income-2015", series=SERIES, time=TimeRef(2015), quantity=Quantity(800, "USD", "million"))
LATER_2022 = fact(
    id="income-2022", series=SERIES, time=TimeRef(2022), quantity=Quantity(5, "USD", "billion"), note="Preliminary."
)


def line_kb() -> KnowledgeBase:
    """Totals in 2015 (in millions), 2017, 2020 (a forecast) and 2022, and a part in 2017."""
    return replace(
        KB,
        facts=(LATER_2022, FORECAST, INCOME, TRANSIT, MILLIONS_2015),
        derived=(),
        reviews=(),
        comparisons=(),
    )


def test_interpolation_uses_the_nearest_totals_on_each_side() -> None:
    kb = line_kb()
    after_2017 = revenue(kb, year=2018, interpolate=True).records[0]
    assert (after_2017["inputs"], after_2017["text"]) == (["income-2017", "forecast-2020"], "≈ $2.67 billion")
    before_2017 = revenue(kb, year=2016, interpolate=True).records[0]
    assert (before_2017["inputs"], before_2017["basis"]) == (["income-2015", "income-2017"], "interpolated")
    assert before_2017["forecast"] is False
    late = revenue(kb, year=2021, interpolate=True).records[0]
    assert (late["inputs"], late["text"], late["caveats"]) == (
        ["forecast-2020", "income-2022"],
        "≈ $4.5 billion",
        ["income-2022: Preliminary."],
    )


def test_interpolation_between_scales_is_in_the_earlier_figures_scale() -> None:
    interpolated = revenue(line_kb(), year=2016, interpolate=True).records[0]
    assert interpolated == row(
        year=2016,
        basis="interpolated",
        label="Interpolated by kzcn between 2015 and 2017; not stated by the article",
        text="≈ $1,400 million",
        source="kzcn, interpolated from income-2015 and income-2017",
        reported_by="nobody: computed by kzcn",
        amount=1400,
        scale="million",
        value=1_400_000_000,
        qualifier="approximate",
        stated=False,
        derived=True,
        interpolated=True,
        arithmetic="800 + (2000 − 800) × (2016 − 2015) / (2017 − 2015) = 1400",
        inputs=["income-2015", "income-2017"],
        caveats=[INCOME_CAVEAT],
    )


def test_a_year_of_the_article_between_other_totals_is_not_interpolated() -> None:
    result = revenue(line_kb(), year=2017, interpolate=True)
    assert [record["id"] for record in result.records] == ["income-2017", "transit-2017"]


# The pieces


def test_number_of_is_an_int_when_whole_and_a_float_otherwise() -> None:
    assert (number_of(Decimal("4.000")), type(number_of(Decimal("4.000")))) == (4, int)
    assert (number_of(Decimal("2.5")), type(number_of(Decimal("2.5")))) == (2.5, float)


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("USD", True), ("KZT", True), ("usd", False), ("Usd", False), ("USDT", False), ("US", False), ("ТНГ", False)],
)
def test_money_is_a_three_capital_ascii_code(unit: str, expected: bool) -> None:
    assert is_money(unit) is expected


def test_caveats_of_each_fact_once_in_order_skipping_facts_without_a_note_or_unknown() -> None:
    facts_by_id = {
        "a": fact(id="a", series=SERIES, note="First."),
        "b": fact(id="b", series=SERIES),
        "c": fact(id="c", series=SERIES, note="Third."),
    }
    assert caveats_of(["c", "x", "b", "a", "c"], facts_by_id) == ("c: Third.", "a: First.")
    assert caveats_of([], facts_by_id) == ()


def test_caveat_notes_say_each_caveat_once_and_whether_a_computed_figure_carries_it() -> None:
    records = [
        {"id": "d", "caveats": ["a: Split: at the colon."], "derived": True},
        {"id": "a", "caveats": ["a: Split: at the colon.", "b: Only stated."], "derived": False},
        {"id": "c", "caveats": ["c: Later computed."], "derived": False},
        {"id": "e", "caveats": ["c: Later computed."], "derived": True},
        {"id": "f", "caveats": [], "derived": True},
        # A computed figure's own caveat (its declared comparability) is not "computed from" anything, and figures
        # with the same caveat share its line.
        {"id": "g", "caveats": ["g: Declared comparable."], "derived": True},
        {"id": "h", "caveats": ["h: Declared comparable."], "derived": True},
        {"id": "i", "caveats": ["i: Declared comparable."], "derived": True},
    ]
    assert caveat_notes(records) == (
        "Caveat on a and the figures computed from it: Split: at the colon.",
        "Caveat on b: Only stated.",
        "Caveat on c and the figures computed from it: Later computed.",
        "Caveat on g, h and i: Declared comparable.",
    )
    assert caveat_notes([records[0], {"id": "j", "caveats": ["k: Split: at the colon."], "derived": True}]) == (
        "Caveat on a and k and the figures computed from them: Split: at the colon.",
    )
    assert caveat_notes([]) == ()


def test_figure_record_of_an_exact_figure_from_stated_facts() -> None:
    spec = DerivedSpec("other", "Other than transit", "remainder", (("whole", "income-2017"), ("part", "transit-2017")))
    figure = derive(spec, KB.facts_by_id)
    assert figure_text(figure) == "$1.5 billion"
    assert figure_record(figure, KB.facts_by_id) == row(
        year=2017,
        basis="derived",
        label="Other than transit",
        text="$1.5 billion",
        id="other",
        source="kzcn, derived from income-2017, transit-2017",
        reported_by="nobody: computed by kzcn",
        amount=1.5,
        value=1_500_000_000,
        role="remainder",
        stated=False,
        derived=True,
        arithmetic="2 − 0.5 = 1.5",
        inputs=["income-2017", "transit-2017"],
        caveats=[INCOME_CAVEAT],
    )
    assert figure_record(figure, {})["caveats"] == []


def test_figure_text_signs_a_difference_and_marks_an_approximate_one() -> None:
    fall = derive(
        DerivedSpec("fall", "Fall", "change", (("from", "income-2017"), ("to", "transit-2017"))), KB.facts_by_id
    )
    assert figure_text(fall) == "−$1.5 billion"
    rise = derive(
        DerivedSpec("rise", "Rise", "change", (("from", "income-2017"), ("to", "forecast-2020"))), KB.facts_by_id
    )
    assert figure_text(rise) == "≈ +$2 billion"


def test_another_sources_fact_declared_in_a_series_is_a_record_never_stated() -> None:
    # It read "stated: the article gives the figure" (an adversarial review, issue 24).
    declared = replace(STAT_TRAINS, series="trains")
    kb = replace(KB, facts=(*KB.facts, declared))
    rows = {row["id"]: row for row in revenue(kb, series="trains").records}
    assert (rows["stat-trains"]["basis"], rows["stat-trains"]["role"], rows["stat-trains"]["reported_by"]) == (
        "record",
        "record",
        "Stat Bureau",
    )
    assert (rows["trains-2017"]["basis"], rows["trains-2017"]["role"]) == ("stated", "total")
