"""kzcn.model.derive called directly: each operation's value, unit, scale and arithmetic, and every refusal's message."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest

from builders import fact, knowledge_base
from kzcn.model.derive import OPERATIONS, DerivationError, DerivedFigure, DerivedInput, derive, derive_all
from kzcn.model.records import DerivedSpec, Fact, Quantity, TimeRef


def fact_of(
    fact_id: str,
    amount: float | None,
    unit: str = "USD",
    scale: str = "billion",
    *,
    year: int | None = 2017,
    qualifier: str = "exact",
    kind: str = "statistic",
) -> Fact:
    """A fact of `amount` (None: no figure) in `year` (None: undated)."""
    return fact(
        id=fact_id,
        kind=kind,
        time=None if year is None else TimeRef(year),
        quantity=None if amount is None else Quantity(amount, unit, scale, qualifier),
    )


def figure_of(
    operation: str, *facts: Fact, roles: tuple[str, ...] | None = None, series: str | None = None
) -> DerivedFigure:
    roles = roles or OPERATIONS[operation].roles
    spec = DerivedSpec(
        "the-figure", "The figure", operation, tuple(zip(roles, (f.id for f in facts), strict=True)), series
    )
    return derive(spec, {f.id: f for f in facts})


def refusal(operation: str, *facts: Fact, roles: tuple[str, ...] | None = None) -> str:
    with pytest.raises(DerivationError) as caught:
        figure_of(operation, *facts, roles=roles)
    return str(caught.value)


def test_share_is_the_part_over_the_whole_in_percent() -> None:
    figure = figure_of("share", fact_of("part", 0.5), fact_of("whole", 2))
    assert (figure.value, figure.unit, figure.scale) == (Decimal(25), "percent", "one")
    assert figure.formula == "part / whole × 100"
    assert figure.arithmetic == "0.5 / 2 × 100 = 25"
    assert figure.operation == "share"
    assert (figure.id, figure.label, figure.series) == ("the-figure", "The figure", None)
    assert figure.signed is False


def test_share_of_a_whole_in_another_scale_is_scaled_first() -> None:
    figure = figure_of("share", fact_of("part", 500, scale="million"), fact_of("whole", 2))
    assert figure.value == Decimal(25)
    assert figure.arithmetic == "500 / 2000 × 100 = 25"


def test_share_of_a_part_in_a_larger_scale_than_its_whole() -> None:
    figure = figure_of("share", fact_of("part", 1, scale="billion"), fact_of("whole", 4000, scale="million"))
    assert figure.value == Decimal(25)
    assert figure.arithmetic == "1 / 4 × 100 = 25"


def test_share_of_a_zero_whole_is_refused() -> None:
    assert (
        refusal("share", fact_of("part", 1), fact_of("whole", 0)) == "the whole is zero, so no share can be taken of it"
    )


def test_share_of_a_whole_of_one_is_computed() -> None:
    assert figure_of("share", fact_of("part", 0.25), fact_of("whole", 1)).value == Decimal(25)


def test_remainder_is_the_whole_less_the_part_in_the_wholes_scale() -> None:
    figure = figure_of("remainder", fact_of("whole", 2), fact_of("part", 500, scale="million"))
    assert (figure.value, figure.unit, figure.scale) == (Decimal("1.5"), "USD", "billion")
    assert figure.arithmetic == "2 − 0.5 = 1.5"
    assert figure.formula == "whole − part"
    assert [item.role for item in figure.inputs] == ["whole", "part"]


def test_change_is_the_end_less_the_start_in_the_starts_scale_and_signed() -> None:
    figure = figure_of("change", fact_of("start", 2, year=2017), fact_of("end", 4500, scale="million", year=2020))
    assert (figure.value, figure.unit, figure.scale) == (Decimal("2.5"), "USD", "billion")
    assert figure.arithmetic == "4.5 − 2 = 2.5"
    assert figure.signed is True
    assert figure.year == 2020


def test_a_fall_is_a_negative_change() -> None:
    figure = figure_of("change", fact_of("start", 4), fact_of("end", 1))
    assert figure.value == Decimal(-3)
    assert figure.arithmetic == "1 − 4 = -3"


def test_percent_change_is_relative_to_the_start() -> None:
    figure = figure_of("percent-change", fact_of("start", 2), fact_of("end", 3000, scale="million"))
    assert (figure.value, figure.unit, figure.scale) == (Decimal(50), "percent", "one")
    assert figure.arithmetic == "(3 − 2) / 2 × 100 = 50"
    assert figure.signed is True


def test_percent_change_from_one_is_computed() -> None:
    assert figure_of("percent-change", fact_of("start", 1), fact_of("end", 3)).value == Decimal(200)


def test_percent_change_from_zero_is_refused() -> None:
    assert refusal("percent-change", fact_of("start", 0), fact_of("end", 3)) == (
        "the starting value is zero, so no percentage change can be taken from it"
    )


def test_annual_growth_is_compound_over_the_years_between() -> None:
    figure = figure_of(
        "annual-growth", fact_of("start", 2, year=2017), fact_of("end", 4000, scale="million", year=2020)
    )
    assert (figure.unit, figure.scale) == ("percent per year", "one")
    assert round(figure.value, 6) == Decimal("25.992105")
    assert figure.arithmetic == "((4 / 2) ^ (1 / (2020 − 2017)) − 1) × 100 = 25.9921"
    assert figure.year == 2020
    assert figure.signed is False


def test_annual_growth_over_one_year_is_the_plain_change() -> None:
    figure = figure_of("annual-growth", fact_of("start", 2, year=2019), fact_of("end", 3, year=2020))
    assert figure.value == Decimal(50)


def test_annual_growth_between_amounts_of_one_or_less_is_computed() -> None:
    figure = figure_of("annual-growth", fact_of("start", 0.5, year=2019), fact_of("end", 1, year=2020))
    assert figure.value == Decimal(100)
    assert figure.arithmetic == "((1 / 0.5) ^ (1 / (2020 − 2019)) − 1) × 100 = 100"


def test_annual_growth_needs_the_end_after_the_start() -> None:
    same = refusal("annual-growth", fact_of("start", 2, year=2020), fact_of("end", 3, year=2020))
    assert same == "the end year 2020 is not after the start year 2020"
    earlier = refusal("annual-growth", fact_of("start", 2, year=2020), fact_of("end", 3, year=2018))
    assert earlier == "the end year 2018 is not after the start year 2020"


@pytest.mark.parametrize(("start", "end"), [(0, 3), (-1, 3), (2, 0), (2, -1)])
def test_annual_growth_needs_two_positive_values(start: int, end: int) -> None:
    message = refusal("annual-growth", fact_of("start", start, year=2017), fact_of("end", end, year=2020))
    assert message == "compound growth needs two positive values"


def test_annual_growth_needs_a_year_on_every_input() -> None:
    message = refusal("annual-growth", fact_of("start", 2, year=2017), fact_of("end", 3, year=None))
    assert message == "input to (end) has no year, and annual-growth needs one"


def test_an_operation_without_years_takes_inputs_without_years() -> None:
    figure = figure_of("sum", fact_of("first", 2, year=None), fact_of("second", 3, year=None))
    assert figure.value == Decimal(5)
    assert figure.year is None


def test_sum_adds_in_the_first_inputs_scale() -> None:
    figure = figure_of("sum", fact_of("first", 2), fact_of("second", 300, scale="million"))
    assert (figure.value, figure.unit, figure.scale) == (Decimal("2.3"), "USD", "billion")
    assert figure.arithmetic == "2 + 0.3 = 2.3"
    assert figure.formula == "first + second"


def test_implied_rate_divides_base_units_and_names_both_units() -> None:
    figure = figure_of(
        "implied-rate", fact_of("tenge", 470, "KZT", "billion"), fact_of("dollars", 1000, "USD", "million")
    )
    assert (figure.value, figure.unit, figure.scale) == (Decimal(470), "KZT per USD", "one")
    assert figure.formula == "amount / equivalent"
    assert figure.arithmetic == "470 / 1 = 470"


def test_implied_rate_is_never_exact() -> None:
    figure = figure_of("implied-rate", fact_of("tenge", 470, "KZT"), fact_of("dollars", 1, "USD"))
    assert figure.exact is False


def test_implied_rate_of_a_zero_equivalent_is_refused() -> None:
    message = refusal("implied-rate", fact_of("tenge", 470, "KZT"), fact_of("dollars", 0, "USD"))
    assert message == "the equivalent is zero, so no rate can be implied from it"


def test_implied_rate_against_one_unit_is_computed() -> None:
    figure = figure_of("implied-rate", fact_of("tenge", 470, "KZT", "one"), fact_of("dollars", 1, "USD", "one"))
    assert figure.value == Decimal(470)


def test_inputs_in_different_units_are_refused_naming_them_sorted() -> None:
    message = refusal("sum", fact_of("first", 2, "USD"), fact_of("second", 3, "EUR"))
    assert message == "its inputs are in different units (EUR, USD)"


def test_an_unknown_operation_is_refused_naming_the_known_ones() -> None:
    spec = DerivedSpec("x", "X", "median", (("first", "a"),))
    with pytest.raises(DerivationError) as caught:
        derive(spec, {"a": fact_of("a", 1)})
    assert str(caught.value) == (
        "unknown operation 'median'; known: share, remainder, change, percent-change, annual-growth, sum, implied-rate"
    )


def test_an_input_naming_no_fact_is_refused() -> None:
    spec = DerivedSpec("x", "X", "sum", (("first", "a"), ("second", "missing")))
    with pytest.raises(DerivationError) as caught:
        derive(spec, {"a": fact_of("a", 1)})
    assert str(caught.value) == "input second names no fact 'missing'"


def test_an_input_without_a_quantity_is_refused() -> None:
    message = refusal("sum", fact_of("first", 2), fact_of("words", None))
    assert message == "input second (words) has no quantity to compute with"


@pytest.mark.parametrize("amount", [float("inf"), float("-inf"), float("nan")])
def test_an_input_without_a_finite_amount_is_refused(amount: float) -> None:
    message = refusal("sum", fact_of("first", 2), fact_of("endless", amount))
    assert message == "input second (endless) has no finite amount"


def test_an_arithmetic_failure_is_refused_naming_it() -> None:
    # No amount a YAML file can hold overflows decimal's default context; a narrow one stands in for a huge figure.
    with localcontext() as narrow:  # localcontext(Emax=6) needs Python 3.11
        narrow.Emax = 6
        message = refusal("sum", fact_of("first", 9, scale="one"), fact_of("second", 9, scale="trillion"))
    assert message == "its arithmetic fails (Overflow)"


def test_input_amounts_are_read_as_written() -> None:
    figure = figure_of(
        "sum", fact_of("first", 0.1, year=2016), fact_of("second", 0.2, kind="forecast", qualifier="about")
    )
    assert figure.inputs == (
        DerivedInput("first", "first", Decimal("0.1"), "USD", "billion", "exact", 2016, "statistic"),
        DerivedInput("second", "second", Decimal("0.2"), "USD", "billion", "about", 2017, "forecast"),
    )
    assert figure.value == Decimal("0.3")


def test_inputs_are_ordered_by_the_operations_roles_not_the_declaration() -> None:
    spec = DerivedSpec("x", "X", "share", (("whole", "w"), ("part", "p")))
    figure = derive(spec, {"w": fact_of("w", 4), "p": fact_of("p", 1)})
    assert [(item.role, item.fact_id) for item in figure.inputs] == [("part", "p"), ("whole", "w")]
    assert figure.arithmetic == "1 / 4 × 100 = 25"


def test_the_year_is_the_latest_input_year() -> None:
    assert figure_of("sum", fact_of("first", 1, year=2019), fact_of("second", 1, year=2015)).year == 2019
    assert figure_of("sum", fact_of("first", 1, year=None), fact_of("second", 1, year=2015)).year == 2015


def test_a_forecast_input_makes_the_figure_a_forecast() -> None:
    assert figure_of("sum", fact_of("first", 1), fact_of("second", 1)).based_on_forecast is False
    assert figure_of("sum", fact_of("first", 1), fact_of("second", 1, kind="forecast")).based_on_forecast is True


def test_a_bound_input_makes_the_figure_inexact() -> None:
    assert figure_of("sum", fact_of("first", 1), fact_of("second", 1)).exact is True
    assert figure_of("sum", fact_of("first", 1, qualifier="more-than"), fact_of("second", 1)).exact is False


@pytest.mark.parametrize(
    ("operation", "first", "second", "qualifier"),
    [
        # A sum rises with either input: a lower bound in gives a lower bound out, strict if any input is strict.
        ("sum", ("first", 1, "more-than"), ("second", 1, "exact"), "more-than"),
        ("sum", ("first", 1, "at-least"), ("second", 1, "at-least"), "at-least"),
        ("sum", ("first", 1, "at-least"), ("second", 1, "more-than"), "more-than"),
        ("sum", ("first", 1, "at-most"), ("second", 1, "less-than"), "less-than"),
        # A share falls as its whole grows: more than the whole is less than the share.
        ("share", ("part", 1, "exact"), ("whole", 3, "more-than"), "less-than"),
        ("share", ("part", 1, "more-than"), ("whole", 3, "exact"), "more-than"),
        ("share", ("part", 1, "more-than"), ("whole", 3, "less-than"), "more-than"),
        # Bounds that push the result opposite ways bound nothing; "about" bounds nothing either.
        ("share", ("part", 1, "more-than"), ("whole", 3, "more-than"), "approximate"),
        ("sum", ("first", 1, "about"), ("second", 1, "more-than"), "approximate"),
        # A change to a forecast from more than $1.2 billion is less than the difference (the +$3.8 billion gap).
        ("change", ("from", 1.2, "more-than"), ("to", 5, "exact"), "less-than"),
        ("change", ("from", 1.2, "exact"), ("to", 5, "at-least"), "at-least"),
        ("percent-change", ("from", 2, "at-most"), ("to", 5, "exact"), "at-least"),
        ("annual-growth", ("from", 2, "exact"), ("to", 5, "more-than"), "more-than"),
        ("remainder", ("whole", 3, "exact"), ("part", 1, "more-than"), "less-than"),
        # A negative part: a larger whole brings the share nearer zero, so up; the direction is found, not assumed.
        ("share", ("part", -1, "exact"), ("whole", 3, "more-than"), "more-than"),
    ],
)
def test_a_figure_from_bounds_is_a_bound_where_every_bound_pushes_it_one_way(
    operation: str, first: tuple[str, float, str], second: tuple[str, float, str], qualifier: str
) -> None:
    inputs = [
        fact_of(role, amount, qualifier=given, year=2017 + number * 3)
        for number, (role, amount, given) in enumerate((first, second))
    ]
    assert figure_of(operation, *inputs).qualifier == qualifier


def test_an_implied_rate_is_approximate_whatever_its_inputs() -> None:
    exact = figure_of("implied-rate", fact_of("amount", 450, unit="KZT"), fact_of("equivalent", 1.2))
    assert exact.qualifier == "approximate"


def test_a_declared_comparability_travels_with_the_figure() -> None:
    spec = DerivedSpec("x", "X", "sum", (("first", "a"), ("second", "b")), comparable="Both are sales.")
    figure = derive(spec, {"a": fact_of("a", 1), "b": fact_of("b", 2)})
    assert figure.comparable == "Both are sales."
    assert figure_of("sum", fact_of("first", 1), fact_of("second", 1)).comparable is None


def test_the_declared_series_is_kept() -> None:
    assert figure_of("sum", fact_of("first", 1), fact_of("second", 1), series="income").series == "income"


def test_arithmetic_rounds_the_result_to_four_places() -> None:
    figure = figure_of("share", fact_of("part", 1), fact_of("whole", 3))
    assert figure.arithmetic == "1 / 3 × 100 = 33.3333"


def test_derive_all_computes_every_declaration_in_file_order() -> None:
    facts = (fact_of("a", 1), fact_of("b", 3))
    kb = knowledge_base(
        facts=facts,
        derived=(
            DerivedSpec("total", "Total", "sum", (("first", "a"), ("second", "b"))),
            DerivedSpec("part", "Part", "share", (("part", "a"), ("whole", "b"))),
        ),
    )
    assert [(figure.id, figure.value) for figure in derive_all(kb)] == [
        ("total", Decimal(4)),
        ("part", Decimal(1) / Decimal(3) * 100),
    ]


def test_arithmetic_names_a_role_inside_another_roles_name_by_the_longer_first() -> None:
    # A registry entry may name roles where one holds another ("part" in "counterpart"): replacing the shorter first
    # would write "counter3 − 3" for "counterpart − part". Every role is replaced longest first, whatever order the
    # inputs come in and whatever their alphabetical order.
    from kzcn.model.derive import _arithmetic

    def given(role: str, amount: str) -> DerivedInput:
        return DerivedInput(role, f"{role}-fact", Decimal(amount), "USD", "billion", "exact", None, "statistic")

    for order in (("part", "counterpart"), ("counterpart", "part")):
        inputs = {role: given(role, "10" if role == "counterpart" else "3") for role in order}
        assert _arithmetic("counterpart − part", inputs, ("counterpart", "part"), Decimal(7)) == "10 − 3 = 7"
