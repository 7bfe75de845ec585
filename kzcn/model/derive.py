"""Derived figures: the operations a knowledge base may declare, and computing them from facts with their arithmetic."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from kzcn.model.records import SCALES, DerivedSpec, Fact, KnowledgeBase
from kzcn.model.wording import plain_number


class DerivationError(ValueError):
    """A derived figure cannot be computed from its inputs; the message says why."""


@dataclass(frozen=True)
class DerivedInput:
    """One fact's amount as an input of a derived figure, under its role."""

    role: str
    """The input's role in the operation (part, whole, from, to)."""
    fact_id: str
    """The fact it comes from."""
    amount: Decimal
    """The fact's amount, in the fact's scale."""
    unit: str
    """The fact's unit."""
    scale: str
    """The fact's scale."""
    qualifier: str
    """The fact's qualifier; anything but exact makes the result inexact."""
    year: int | None
    """The fact's year, where it has one."""
    kind: str
    """The fact's kind (a forecast input makes the result forecast-based)."""


@dataclass(frozen=True)
class DerivedFigure:
    """A figure kzcn computes from facts: the arithmetic shown, the inputs and the result."""

    id: str
    """The declaration's id."""
    label: str
    """What the figure is."""
    operation: str
    """The operation's name."""
    value: Decimal
    """The result, unrounded."""
    unit: str
    """USD, cities, percent, percent per year ..."""
    scale: str
    """The result's scale (that of its inputs for sums and differences; `one` for percentages)."""
    formula: str
    """The operation in words, with the roles: "part / whole × 100"."""
    arithmetic: str
    """The same with the input values: "1.3 / 3 × 100 = 43.3"."""
    inputs: tuple[DerivedInput, ...]
    """The facts it uses."""
    year: int | None
    """The year the figure is about: that of its inputs, or the later one for a change."""
    based_on_forecast: bool
    """True when any input is a forecast: the figure then forecasts too."""
    qualifier: str
    """How the result bounds the true value: exact; more-than, at-least, less-than or at-most where its inputs'
    bounds all push it one way; approximate where an input is approximate or bounds push it both ways."""
    series: str | None
    """The series the figure sits beside, if declared."""
    signed: bool = False
    """True when the figure is a difference, shown with its sign even when positive."""
    comparable: str | None = None
    """Why its inputs, of different or unstated measures, may be joined: the declaration's reason, shown with it."""

    @property
    def exact(self) -> bool:
        """True when the result is an exact number, not a bound or an estimate."""
        return self.qualifier == "exact"


@dataclass(frozen=True)
class Operation:
    """What a derived figure may do with its inputs: roles, formula and the computation."""

    roles: tuple[str, ...]
    """The inputs it takes, in order."""
    formula: str
    """The arithmetic in terms of the roles."""
    compute: Callable[[dict[str, DerivedInput]], tuple[Decimal, str, str]]
    """(value, unit, scale) from the inputs by role."""
    needs_years: bool = False
    """True when the inputs must have years (growth over time)."""
    needs_same_unit: bool = True
    """True when the inputs must share a unit."""
    signed: bool = False
    """True when the result is a difference, shown with its sign (+$2 billion) even when positive."""
    approximate: bool = False
    """True when the result is an estimate whatever its inputs (a rate implied by two rounded figures)."""


def _in_scale(item: DerivedInput, scale: str) -> Decimal:
    return item.amount * Decimal(SCALES[item.scale]) / Decimal(SCALES[scale])


def _share(inputs: dict[str, DerivedInput]) -> tuple[Decimal, str, str]:
    part, whole = inputs["part"], inputs["whole"]
    denominator = _in_scale(whole, part.scale)
    if denominator == 0:
        raise DerivationError("the whole is zero, so no share can be taken of it")
    return part.amount / denominator * 100, "percent", "one"


def _remainder(inputs: dict[str, DerivedInput]) -> tuple[Decimal, str, str]:
    whole, part = inputs["whole"], inputs["part"]
    return whole.amount - _in_scale(part, whole.scale), whole.unit, whole.scale


def _change(inputs: dict[str, DerivedInput]) -> tuple[Decimal, str, str]:
    start, end = inputs["from"], inputs["to"]
    return _in_scale(end, start.scale) - start.amount, start.unit, start.scale


def _percent_change(inputs: dict[str, DerivedInput]) -> tuple[Decimal, str, str]:
    start, end = inputs["from"], inputs["to"]
    if start.amount == 0:
        raise DerivationError("the starting value is zero, so no percentage change can be taken from it")
    return (_in_scale(end, start.scale) - start.amount) / start.amount * 100, "percent", "one"


def _annual_growth(inputs: dict[str, DerivedInput]) -> tuple[Decimal, str, str]:
    start, end = inputs["from"], inputs["to"]
    assert start.year is not None and end.year is not None  # checked by needs_years
    years = end.year - start.year
    if years <= 0:
        raise DerivationError(f"the end year {end.year} is not after the start year {start.year}")
    if start.amount <= 0 or end.amount <= 0:
        raise DerivationError("compound growth needs two positive values")
    # In decimal logarithms rather than float powers: a ratio of 1e400 overflows a float, not a logarithm.
    ratio = _in_scale(end, start.scale) / start.amount
    return ((ratio.ln() / years).exp() - 1) * 100, "percent per year", "one"


def _implied_rate(inputs: dict[str, DerivedInput]) -> tuple[Decimal, str, str]:
    amount, equivalent = inputs["amount"], inputs["equivalent"]
    denominator = equivalent.amount * Decimal(SCALES[equivalent.scale])
    if denominator == 0:
        raise DerivationError("the equivalent is zero, so no rate can be implied from it")
    return amount.amount * Decimal(SCALES[amount.scale]) / denominator, f"{amount.unit} per {equivalent.unit}", "one"


def _sum(inputs: dict[str, DerivedInput]) -> tuple[Decimal, str, str]:
    first, second = inputs["first"], inputs["second"]
    return first.amount + _in_scale(second, first.scale), first.unit, first.scale


OPERATIONS: dict[str, Operation] = {
    "share": Operation(("part", "whole"), "part / whole × 100", _share),
    "remainder": Operation(("whole", "part"), "whole − part", _remainder),
    "change": Operation(("from", "to"), "to − from", _change, signed=True),
    "percent-change": Operation(("from", "to"), "(to − from) / from × 100", _percent_change, signed=True),
    "annual-growth": Operation(
        ("from", "to"), "((to / from) ^ (1 / (to year − from year)) − 1) × 100", _annual_growth, needs_years=True
    ),
    "sum": Operation(("first", "second"), "first + second", _sum),
    # A page that gives one amount in two currencies implies a rate; kzcn never converts with a rate no source gives.
    "implied-rate": Operation(
        ("amount", "equivalent"), "amount / equivalent", _implied_rate, needs_same_unit=False, approximate=True
    ),
}
"""Every operation a derived figure may name in facts.yaml, by name."""


def derive(spec: DerivedSpec, facts_by_id: dict[str, Fact]) -> DerivedFigure:
    """The figure a declaration describes, computed from its input facts; DerivationError if it cannot be."""
    operation = OPERATIONS.get(spec.operation)
    if operation is None:
        raise DerivationError(f"unknown operation {spec.operation!r}; known: {', '.join(OPERATIONS)}")
    inputs = {
        role: _input(role, fact_id, facts_by_id, operation=spec.operation, needs_year=operation.needs_years)
        for role, fact_id in spec.inputs
    }
    units = {item.unit for item in inputs.values()}
    if operation.needs_same_unit and len(units) > 1:
        raise DerivationError(f"its inputs are in different units ({', '.join(sorted(units))})")
    try:
        value, unit, scale = operation.compute(inputs)
    except ArithmeticError as error:  # decimal overflow and the like: a located problem, not a crash
        raise DerivationError(f"its arithmetic fails ({type(error).__name__})") from None
    years = [item.year for item in inputs.values() if item.year is not None]
    ordered = tuple(inputs[role] for role in operation.roles)
    return DerivedFigure(
        id=spec.id,
        label=spec.label,
        operation=spec.operation,
        value=value,
        unit=unit,
        scale=scale,
        formula=operation.formula,
        arithmetic=_arithmetic(operation.formula, inputs, operation.roles, value),
        inputs=ordered,
        year=max(years) if years else None,
        based_on_forecast=any(item.kind == "forecast" for item in inputs.values()),
        qualifier="approximate" if operation.approximate else _bound(operation, inputs, value),
        series=spec.series,
        signed=operation.signed,
        comparable=spec.comparable,
    )


RESULT_QUALIFIERS = ("exact", "more-than", "at-least", "less-than", "at-most", "approximate")
"""What a derived figure's qualifier may be: exact, a bound, or approximate (kzcn's word: "about" is a source's)."""

_LOWER = {"more-than": True, "at-least": False}
"""Qualifiers that make an amount a lower bound (the true value is above it), and whether strictly."""
_UPPER = {"less-than": True, "at-most": False}
"""Qualifiers that make an amount an upper bound, and whether strictly."""


def _bound(operation: Operation, inputs: dict[str, DerivedInput], value: Decimal) -> str:
    """The result's qualifier from its inputs': each bound input is moved a little the way its bound points, and the
    way the result moves says which way the result is bound ("more than $1.3 billion" of an exact whole gives "more
    than 43.3 %"; as the whole of a share it gives "less than"). The operations are monotonic in each input over
    the values they accept, so the direction found near the amount holds over the whole bound."""
    directions: set[bool] = set()  # True: the result is a lower bound
    strict = False
    for role, item in inputs.items():
        if item.qualifier == "exact":
            continue
        lower = item.qualifier in _LOWER
        if not lower and item.qualifier not in _UPPER:
            return "approximate"  # about: the true value may lie either side
        strict = strict or (_LOWER if lower else _UPPER)[item.qualifier]
        step = max(abs(item.amount), Decimal(1)) * Decimal("1e-9")
        moved = replace(item, amount=item.amount + (step if lower else -step))
        try:
            moved_value = operation.compute({**inputs, role: moved})[0]
        except (ArithmeticError, DerivationError):
            return "approximate"
        if moved_value == value:
            return "approximate"
        directions.add(moved_value > value)
    if not directions:
        return "exact"
    if len(directions) > 1:
        return "approximate"  # one bound pushes the result up, another down: no bound either way
    if directions.pop():
        return "more-than" if strict else "at-least"
    return "less-than" if strict else "at-most"


def _input(role: str, fact_id: str, facts_by_id: dict[str, Fact], *, operation: str, needs_year: bool) -> DerivedInput:
    """One input of a derived figure, read from its fact; DerivationError if the fact cannot serve as one."""
    fact = facts_by_id.get(fact_id)
    if fact is None:
        raise DerivationError(f"input {role} names no fact {fact_id!r}")
    quantity = fact.quantity
    if quantity is None:
        raise DerivationError(f"input {role} ({fact_id}) has no quantity to compute with")
    try:
        amount = Decimal(repr(quantity.amount))
    except InvalidOperation:
        raise DerivationError(f"input {role} ({fact_id}) has no finite amount") from None
    if not amount.is_finite():
        raise DerivationError(f"input {role} ({fact_id}) has no finite amount")
    year = fact.time.year if fact.time else None
    if needs_year and year is None:
        raise DerivationError(f"input {role} ({fact_id}) has no year, and {operation} needs one")
    return DerivedInput(role, fact_id, amount, quantity.unit, quantity.scale, quantity.qualifier, year, fact.kind)


def derive_all(kb: KnowledgeBase) -> list[DerivedFigure]:
    """Every derived figure the knowledge base declares, in file order."""
    return [derive(spec, kb.facts_by_id) for spec in kb.derived]


def _arithmetic(formula: str, inputs: dict[str, DerivedInput], roles: tuple[str, ...], value: Decimal) -> str:
    # Every input is shown in the scale of the first, as the operation computes: 3 / 5 × 100 for $3 billion of
    # $5000 million, never 3 / 5000.
    scale = inputs[roles[0]].scale
    words = formula
    for role in sorted(inputs, key=len, reverse=True):
        item = inputs[role]
        words = words.replace(f"{role} year", str(item.year)).replace(role, plain_number(_in_scale(item, scale)))
    return f"{words} = {plain_number(value, 4)}"
