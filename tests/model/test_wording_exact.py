"""kzcn.model.wording called directly: the exact words of numbers, quantities, times and computed amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kzcn.model.records import Quantity, TimeRef
from kzcn.model.wording import amount_text, number_text, plain_number, quantity_text, time_text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (40, "40"),
        (0, "0"),
        (-5, "-5"),
        (40.0, "40"),
        (1.3, "1.3"),
        (-0.5, "-0.5"),
        (0.05, "0.05"),
        (1e-7, "0.0000001"),
        (1e23, "100000000000000000000000"),
        (-2e3, "-2000"),
        (12.75, "12.75"),
    ],
)
def test_a_stated_amount_reads_in_plain_digits(amount: float, text: str) -> None:
    assert number_text(amount) == text


@pytest.mark.parametrize(
    ("quantity", "text"),
    [
        (Quantity(40, "trains"), "40 trains"),
        (Quantity(2, "USD", "billion"), "$2 billion"),
        (Quantity(2.5, "EUR", "million"), "€2.5 million"),
        (Quantity(7, "KZT"), "₸7"),
        (Quantity(10, "cities", qualifier="more-than"), "more than 10 cities"),
        (Quantity(3, "USD", "thousand", "about"), "about $3 thousand"),
        (Quantity(25, "wagons", "thousand", "at-most"), "at most 25 thousand wagons"),
    ],
)
def test_a_stated_quantity_reads_as_the_source_gives_it(quantity: Quantity, text: str) -> None:
    assert quantity_text(quantity) == text


def test_no_quantity_reads_as_none() -> None:
    assert quantity_text(None) is None


@pytest.mark.parametrize(
    ("time", "text"),
    [
        (TimeRef(2017), "2017"),
        (TimeRef(2017, "start"), "since 2017"),
        (TimeRef(2020, "target"), "by 2020"),
        (None, None),
    ],
)
def test_a_time_reads_as_its_kind_says(time: TimeRef | None, text: str | None) -> None:
    assert time_text(time) == text


def test_a_computed_amount_is_rounded_half_up_to_one_place_unsigned_and_exact_by_default() -> None:
    assert amount_text(Decimal("1.25"), "USD", "billion") == "$1.3 billion"
    assert amount_text(Decimal("43.333"), "percent", "one") == "43.3 %"


@pytest.mark.parametrize(
    ("value", "qualifier", "signed", "text"),
    [
        # Rounded half-up, 43.36 would read "more than 43.4 %", which the bound does not say.
        ("43.36", "more-than", False, "more than 43.3 %"),
        ("43.34", "at-least", False, "at least 43.3 %"),
        ("43.31", "less-than", False, "less than 43.4 %"),
        ("43.31", "at-most", False, "at most 43.4 %"),
        ("43.3", "less-than", False, "less than 43.3 %"),
        # Below zero the magnitude rounds the other way: "more than −1.35" holds of "more than −1.4", not "−1.3".
        ("-1.35", "more-than", False, "more than −1.4 %"),
        ("-1.35", "less-than", False, "less than −1.3 %"),
        ("3.8", "less-than", True, "less than +3.8 %"),
        ("43.35", "approximate", False, "≈ 43.4 %"),
    ],
)
def test_a_computed_bound_says_so_and_rounds_towards_its_bound(
    value: str, qualifier: str, signed: bool, text: str
) -> None:
    assert amount_text(Decimal(value), "percent", "one", signed=signed, qualifier=qualifier) == text


def test_a_computed_amount_keeps_the_places_asked_for() -> None:
    assert amount_text(Decimal("1.23456"), "cities", "one", places=3) == "1.235 cities"


def test_a_negative_amount_reads_with_a_minus_sign_signed_or_not() -> None:
    assert amount_text(Decimal("-2.5"), "USD", "billion") == "−$2.5 billion"
    assert amount_text(Decimal("-2.5"), "USD", "billion", signed=True) == "−$2.5 billion"
    assert amount_text(Decimal("-0.5"), "percent", "one") == "−0.5 %"


def test_a_signed_amount_shows_plus_only_when_above_zero() -> None:
    assert amount_text(Decimal("0.5"), "USD", "billion", signed=True) == "+$0.5 billion"
    assert amount_text(Decimal("2"), "percent", "one", signed=True) == "+2 %"
    assert amount_text(Decimal("0"), "USD", "billion", signed=True) == "$0 billion"


def test_an_unsigned_amount_below_one_has_no_sign() -> None:
    assert amount_text(Decimal("0.5"), "USD", "billion") == "$0.5 billion"
    assert amount_text(Decimal("0"), "trains", "one") == "0 trains"


def test_an_inexact_amount_reads_approximately() -> None:
    assert amount_text(Decimal("2"), "USD", "billion", qualifier="approximate") == "≈ $2 billion"
    assert amount_text(Decimal("-2"), "percent", "one", signed=True, qualifier="approximate") == "≈ −2 %"


def test_a_percentage_keeps_what_follows_percent_in_its_unit() -> None:
    assert amount_text(Decimal("-99.61"), "percent per year", "one") == "−99.6 % per year"
    assert amount_text(Decimal("25.99"), "percent per year", "one", signed=True) == "+26 % per year"


def test_a_computed_amount_in_a_plain_unit_reads_like_a_stated_one() -> None:
    assert amount_text(Decimal("470.04"), "KZT per USD", "one") == "470 KZT per USD"
    assert amount_text(Decimal("1500"), "trains", "thousand") == "1,500 thousand trains"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("1.70", "1.7"),
        ("1.0", "1"),
        ("100", "100"),
        ("0.5", "0.5"),
        ("-0", "0"),
        ("-0.0", "0"),
        ("-1.50", "-1.5"),
        ("1E+3", "1000"),
        ("0.123456789", "0.123456789"),
        ("Infinity", "Infinity"),
    ],
)
def test_a_decimal_reads_as_short_plain_digits(value: str, text: str) -> None:
    assert plain_number(Decimal(value)) == text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        ("43.333", 1, "43.3"),
        ("0.25", 1, "0.3"),
        ("0.35", 1, "0.4"),
        ("2.5", 0, "3"),
        ("0.12", 1, "0.1"),
        ("0.0051", 1, "0.0051"),
        ("0.00512", 1, "0.0051"),
        ("0.04", 1, "0.04"),
        ("0", 1, "0"),
        ("-0.04", 1, "-0.04"),
        ("33.33333333", 4, "33.3333"),
        ("Infinity", 1, "Infinity"),
        ("NaN", 1, "NaN"),
    ],
)
def test_a_decimal_is_rounded_half_up_but_never_to_nothing(value: str, places: int, text: str) -> None:
    assert plain_number(Decimal(value), places) == text


def test_a_figure_with_more_digits_than_the_default_precision_is_rounded_not_refused() -> None:
    assert plain_number(Decimal("1" + "0" * 40 + ".25"), 1) == "1" + "0" * 40 + ".3"
    assert plain_number(Decimal("1" + "0" * 40 + ".123456"), 4) == "1" + "0" * 40 + ".1235"


@pytest.mark.parametrize(
    ("digits", "text"),
    [
        ("664000", "664,000"),
        ("6474", "6,474"),
        ("999", "999"),
        ("13894817549380.3", "13,894,817,549,380.3"),
        ("-1500.25", "-1,500.25"),
        ("−1500", "−1,500"),
        ("0.0051", "0.0051"),
        ("١٢٣٤", "١٢٣٤"),  # digits of another script are left as written
    ],
)
def test_a_figure_in_words_has_its_thousands_grouped(digits: str, text: str) -> None:
    # Issue 23, item 6: "664000 containers", "₸6474 billion" (the page itself says "KZT6,474 bn").
    from kzcn.model.wording import grouped

    assert grouped(digits) == text


def test_a_stated_quantity_reads_with_its_thousands_grouped() -> None:
    assert quantity_text(Quantity(664000, "containers")) == "664,000 containers"
    assert quantity_text(Quantity(6474, "KZT", "billion")) == "₸6,474 billion"
