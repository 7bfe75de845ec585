"""Numbers, quantities, amounts and times in words: the one place that decides how a figure reads."""

from __future__ import annotations

from kzcn.model.records import Quantity, TimeRef, decimal_parts

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

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


def grouped(digits: str) -> str:
    """Plain digits with their thousands grouped by commas, as a reader writes them: "664,000", "6,474",
    "13,894,817,549,380.3"; a sign and a fraction are kept, anything else is returned as it is."""
    sign = digits[:1] if digits[:1] in "-−+" else ""
    whole, dot, fraction = digits[len(sign) :].partition(".")
    if not whole.isdigit() or not whole.isascii() or (fraction and not fraction.isdigit()):
        return digits
    return f"{sign}{int(whole):,}{dot}{fraction}"


def _with_unit(prefix: str, digits: str, unit: str, scale: str) -> str:
    # Words for a person: the thousands grouped; JSON and CSV carry the number itself in `amount` and `value`.
    digits = grouped(digits)
    scale_word = "" if scale == "one" else f" {scale}"
    symbol = CURRENCY_SYMBOLS.get(unit)
    if symbol is not None:
        return f"{prefix}{symbol}{digits}{scale_word}"
    return f"{prefix}{digits}{scale_word} {unit}"


def counted(count: int, noun: str) -> str:
    """A count with its noun, plural unless it is one: "1 claim", "7 evidence facts", "0 facts"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def quantity_text(quantity: Quantity | None) -> str | None:
    """A stated quantity as the source gives it: "more than 25 cities", "$3 billion"."""
    if quantity is None:
        return None
    return _with_unit(QUALIFIER_WORDS[quantity.qualifier], number_text(quantity.amount), quantity.unit, quantity.scale)


def time_text(time: TimeRef | None) -> str | None:
    """ "2017", "since 2017", "by 2020"."""
    if time is None:
        return None
    return TIME_WORDS[time.kind].format(time.year) + (" (inferred)" if time.inferred else "")


def amount_text(
    value: Decimal, unit: str, scale: str, *, signed: bool = False, places: int = 1, qualifier: str = "exact"
) -> str:
    """A computed figure in the same words as a stated one: "$1.7 billion", "43.3 %", "+$2 billion"; a bound says so
    ("more than 43.3 %", rounded towards its bound so that the words stay true) and an estimate has "≈ " before it."""
    words = "≈ " if qualifier == "approximate" else QUALIFIER_WORDS[qualifier]
    sign = "+" if signed and value > 0 else ("−" if value < 0 else "")
    # A lower bound rounds towards minus infinity, an upper bound towards plus infinity; shown as a magnitude, so
    # the direction flips below zero: "more than −1.35" is "more than −1.4", never "more than −1.3".
    towards = _ROUNDING.get(qualifier, "half-up")
    if value < 0 and towards != "half-up":
        towards = "up" if towards == "down" else "down"
    digits = plain_number(abs(value), places, towards=towards)
    if unit.startswith("percent"):
        return f"{words}{sign}{digits} %" + unit[len("percent") :]
    return _with_unit(words + sign, digits, unit, scale)


_ROUNDING = {"more-than": "down", "at-least": "down", "less-than": "up", "at-most": "up"}
"""How a bound's magnitude is rounded so that the rounded bound still holds."""


def plain_number(value: Decimal, places: int | None = None, *, towards: str = "half-up") -> str:
    """A decimal as short plain digits, rounded to `places` if given (half-up, or "down"/"up" in magnitude for a
    bound): 1.7 not 1.70, 43.3 for places=1.

    A figure that would round to zero keeps two significant digits instead (0.0051, not 0): a computed figure is
    never shown as nothing when it is something."""
    if places is not None and value.is_finite():
        from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, localcontext

        if value and value.adjusted() < -places:
            places = -value.adjusted() + 1
        rounding = {"half-up": ROUND_HALF_UP, "down": ROUND_DOWN, "up": ROUND_UP}[towards]
        # Enough precision for every digit before the point: quantize fails past the context's 28 by default.
        with localcontext() as context:
            context.prec = max(28, value.adjusted() + places + 2)
            value = value.quantize(Decimal(1).scaleb(-places), rounding=rounding)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
