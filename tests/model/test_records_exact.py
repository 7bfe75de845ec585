"""kzcn.model.records: exact arithmetic of amounts and the lookups a knowledge base offers."""

import pytest

from builders import fact, knowledge_base, source
from kzcn.model.records import Quantity, decimal_parts, scaled


@pytest.mark.parametrize(
    ("amount", "parts"),
    [(8.2, (82, -1)), (3, (3, 0)), (1.5e-07, (15, -8)), (2e20, (2, 20)), (0.10, (1, -1)), (-4.25, (-425, -2))],
)
def test_decimal_parts_are_the_digits_as_written(amount: float, parts: tuple[int, int]) -> None:
    assert decimal_parts(amount) == parts


@pytest.mark.parametrize(
    ("amount", "factor", "product"),
    [
        (8.2, 10**9, 8_200_000_000),
        (3, 10**9, 3_000_000_000),
        (2e20, 1, 200_000_000_000_000_000_000),
        (0.5, 10, 5),
        (1.25, 1, 1.25),
        (0.001, 10, 0.01),
        (1e308, 10**12, 10**320),
        (1.25, 10**400 + 1, float("inf")),  # beyond any float: the nearest is infinity
        (-1.25, 10**400 + 1, float("-inf")),
    ],
)
def test_scaled_is_an_exact_int_when_whole_else_the_nearest_float(amount: float, factor: int, product: float) -> None:
    result = scaled(amount, factor)
    assert result == product
    assert type(result) is type(product)


def test_a_quantity_value_is_in_base_units() -> None:
    assert Quantity(8.2, "USD", scale="billion").value == 8_200_000_000
    assert Quantity(25, "cities", qualifier="more-than").value == 25


def test_the_knowledge_base_finds_facts_sources_and_claims_by_id() -> None:
    article = source()
    evidence = source(id="page", role="evidence")
    claim, other = fact(id="claim"), fact(id="other", source="page")
    kb = knowledge_base(sources=(article, evidence), facts=(claim, other))
    assert kb.facts_by_id == {"claim": claim, "other": other}
    assert kb.sources_by_id == {article.id: article, "page": evidence}
    assert (kb.is_claim(claim), kb.is_claim(other), kb.is_claim(fact(source="unknown"))) == (True, False, True)
