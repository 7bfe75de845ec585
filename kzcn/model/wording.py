"""Numbers, quantities, amounts and times in words: the one place that decides how a figure reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzcn.model.records import Quantity, TimeRef, decimal_parts

if TYPE_CHECKING:  # decimal is imported only by the figures that compute: listing facts never pays for it
    from decimal import Decimal

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "KZT": "₸"}
"""Units shown with a symbol before the amount: $3 billion."""

QUALIFIER_WORDS = {
    "exact": "",
    "more-than": "more than ",
    "at-least": "at least ",
    "less-than": "less than ",
    "at-most": "at most ",
    "about": "about ",
}
"""What each qualifier puts before an amount: "more than 25 cities"."""

TIME_WORDS = {"point": "{}", "start": "since {}", "target": "by {}"}
"""How each kind of time reads: "2017", "since 2017", "by 2020"."""


def number_text(amount: int | float) -> str:
    """The amount in plain decimal digits, never an exponent: 0.0000001, 100000000000000000000000, 1.3."""
    digits, exponent = decimal_parts(amount)
    sign = "-" if digits < 0 else ""
    text = str(abs(digits))
    if exponent >= 0:
        return sign + text + "0" * exponent
    text = text.rjust(-exponent + 1, "0")
    return f"{sign}{text[:exponent]}.{text[exponent:]}"


def _with_unit(prefix: str, digits: str, unit: str, scale: str) -> str:
    scale_word = "" if scale == "one" else f" {scale}"
    symbol = CURRENCY_SYMBOLS.get(unit)
    if symbol is not None:
        return f"{prefix}{symbol}{digits}{scale_word}"
    return f"{prefix}{digits}{scale_word} {unit}"


def quantity_text(quantity: Quantity | None) -> str | None:
    """A stated quantity as the source gives it: "more than 25 cities", "$3 billion"."""
    if quantity is None:
        return None
    return _with_unit(QUALIFIER_WORDS[quantity.qualifier], number_text(quantity.amount), quantity.unit, quantity.scale)


def time_text(time: TimeRef | None) -> str | None:
    """ "2017", "since 2017", "by 2020"."""
    return None if time is None else TIME_WORDS[time.kind].format(time.year)


def amount_text(
    value: Decimal, unit: str, scale: str, *, signed: bool = False, places: int = 1, exact: bool = True
) -> str:
    """A computed figure in the same words as a stated one: "$1.7 billion", "43.3 %", "+$2 billion"; with "≈ "
    before it when it rests on a bound or an estimate."""
    sign = ("" if exact else "≈ ") + ("+" if signed and value > 0 else ("−" if value < 0 else ""))
    digits = plain_number(abs(value), places)
    if unit.startswith("percent"):
        return f"{sign}{digits} %" + unit[len("percent") :]
    return _with_unit(sign, digits, unit, scale)


def plain_number(value: Decimal, places: int | None = None) -> str:
    """A decimal as short plain digits, rounded half-up to `places` if given: 1.7 not 1.70, 43.3 for places=1.

    A figure that would round to zero keeps two significant digits instead (0.0051, not 0): a computed figure is
    never shown as nothing when it is something."""
    if places is not None and value.is_finite():
        from decimal import ROUND_HALF_UP, Decimal, localcontext

        if value and value.adjusted() < -places:
            places = -value.adjusted() + 1
        # Enough precision for every digit before the point: quantize fails past the context's 28 by default.
        with localcontext() as context:
            context.prec = max(28, value.adjusted() + places + 2)
            value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
