"""The schema reader directly: integers too long for Python to print in decimal still give a located problem."""

from __future__ import annotations

import sys

import pytest

from builders import dump, small_kb
from kzcn.errors import KnowledgeBaseError
from kzcn.kb.load import parse_knowledge_base
from kzcn.parse.schema import describe

LIMIT = sys.get_int_max_str_digits()
HEX = "0x" + "f" * 4000
BINARY = "0b" + "1" * 15000  # 4,516 decimal digits
SEXAGESIMAL = "1:" * 2500 + "0"  # YAML 1.1 reads this as base 60: 4,445 decimal digits


def problems(text: str) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as caught:
        parse_knowledge_base("KB", text)
    return caught.value.lines()


def test_describe_integers_past_the_conversion_limit() -> None:
    assert describe(16**4000 - 1, HEX) == (
        f"integer of more than {LIMIT:,} digits (YAML reads unquoted '0xffffffffffffffffff...ffffffffff (4,002 characters)' as an integer)"
    )
    assert describe(10**5000, None) == f"integer of more than {LIMIT:,} digits"
    assert describe(-(10**50), None) == "integer -1000000000000000000... (52 digits)"  # the sign counts, as before
    assert describe(8, "010") == "integer 8 (YAML reads unquoted '010' as 8)"


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        (
            HEX,
            f"expected a plain decimal number, found integer of more than {LIMIT:,} digits "
            "(YAML reads unquoted '0xffffffffffffffffff...ffffffffff (4,002 characters)' as an integer); write it out",
        ),
        (
            BINARY,
            f"expected a plain decimal number, found integer of more than {LIMIT:,} digits "
            "(YAML reads unquoted '0b111111111111111111...1111111111 (15,002 characters)' as an integer); write it out",
        ),
        (
            SEXAGESIMAL,
            f"expected a plain decimal number, found integer of more than {LIMIT:,} digits "
            "(YAML reads unquoted '1:1:1:1:1:1:1:1:1:1:...:1:1:1:1:0 (5,001 characters)' as an integer); write it out",
        ),
    ],
)
def test_huge_format_version_is_a_located_problem(raw: str, found: str) -> None:
    text = dump(small_kb()).replace("kzcn: 1\n", f"kzcn: {raw}\n", 1)
    assert problems(text) == [f"KB:1:7: kzcn: {found}"]


def test_huge_paragraph_is_a_located_problem() -> None:
    text = dump(small_kb()).replace("paragraph: 1\n", f"paragraph: {HEX}\n", 1)
    line = text[: text.index(HEX)].count("\n") + 1
    assert problems(text) == [
        f"KB:{line}:16: facts[0].quotes[0].paragraph: expected a plain decimal number, found integer of more than "
        f"{LIMIT:,} digits (YAML reads unquoted '0xffffffffffffffffff...ffffffffff (4,002 characters)' as an integer); "
        "write it out"
    ]


def test_huge_integer_as_a_key_or_an_id_is_a_located_problem() -> None:
    # An explicit key (`? key`): YAML allows plain keys of at most 1,024 characters.
    text = (
        dump(small_kb())
        .replace("kzcn: 1\n", f"kzcn: 1\n? {HEX}\n: 2\n", 1)
        .replace("- id: trains-2017\n", f"- id: {HEX}\n", 1)
    )
    id_line = text[: text.index(f"- id: {HEX}")].count("\n") + 1
    assert problems(text) == [
        f'KB:2:3: ["integer of more than {LIMIT:,} digits"]: unknown field integer of more than {LIMIT:,} digits; known fields: aliases, comparisons, derived, facts, kzcn, relations, report, reviewer, reviews, sources',
        f"KB:{id_line}:7: facts[0].id: expected text, found integer of more than {LIMIT:,} digits "
        f"(YAML reads unquoted '0xffffffffffffffffff...ffffffffff (4,002 characters)' as an integer); "
        'quote it: id: "' + HEX + '"',
    ]


def test_long_decimal_out_of_range_is_shortened() -> None:
    text = dump(small_kb()).replace("paragraph: 1\n", f"paragraph: {'9' * 50}\n", 1)
    line = text[: text.index("9" * 50)].count("\n") + 1
    assert problems(text) == [
        f"KB:{line}:16: facts[0].quotes[0].paragraph: expected a whole number from 1 to 1000000, "
        "found 99999999999999999999... (50 digits)"
    ]


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        ("1:30", "integer 90 (YAML reads unquoted '1:30' as 90)"),
        ("-1:00", "integer -60 (YAML reads unquoted '-1:00' as -60)"),
    ],
)
def test_a_base_sixty_paragraph_is_refused_not_read_as_its_value(raw: str, found: str) -> None:
    text = dump(small_kb()).replace("paragraph: 1\n", f"paragraph: {raw}\n", 1)
    [line] = [line for line in problems(text) if "paragraph" in line]
    assert line.endswith(f"facts[0].quotes[0].paragraph: expected a plain decimal number, found {found}; write it out")


def test_a_base_sixty_amount_is_refused_not_read_as_its_value() -> None:
    text = dump(small_kb()).replace("amount: 0.5\n", "amount: 1:30.5\n", 1)
    [line] = [line for line in problems(text) if "amount" in line]
    assert line.endswith("facts[2].quantity.amount: expected a plain decimal number, found number 1:30.5; write it out")
