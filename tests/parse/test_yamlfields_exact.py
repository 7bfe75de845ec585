"""kzcn.parse.yamlfields directly: field paths, descriptions of values, and the exact located problem of every reader."""

from __future__ import annotations

import datetime
import sys

import pytest

from kzcn.errors import Problem
from kzcn.parse.positions import Positions
from kzcn.parse.yamlfields import FieldReader, Locator, describe, format_path, key_text
from kzcn.parse.yamlload import LoadedYaml, parse

FILE = "kb.yaml"
LIMIT = sys.get_int_max_str_digits()


def reader_of(text: str) -> tuple[FieldReader, object]:
    """A reader over `text` parsed as the file kb.yaml, and the document's data."""
    loaded = parse(FILE, text)
    return FieldReader(FILE, loaded), loaded.data


def found(reader: FieldReader) -> list[tuple[str, int | None, int | None, str, str]]:
    """Every problem as (path, line, column, message, file), in the order reported."""
    return [(p.path, p.line, p.column, p.message, p.file) for p in reader.problems]


# -- key_text -------------------------------------------------------------------------------------------------------


def test_key_text_is_the_text_of_a_key_read_as_something_else() -> None:
    assert key_text("claim") == "claim"
    assert key_text(None) == "None"
    assert key_text(True) == "True"
    assert key_text(12) == "12"
    assert key_text(-3) == "-3"
    assert key_text(2.5) == "2.5"


def test_key_text_describes_an_integer_too_long_to_print() -> None:
    assert key_text(10**5000) == f"integer of more than {LIMIT:,} digits"


# -- Locator --------------------------------------------------------------------------------------------------------

DOCUMENT = """\
facts:
  - id: first
    quantity: {amount: 40, unit: trains}
  - id: second
    years: [0, 2017, 2018]
"""


@pytest.mark.parametrize(
    ("path", "position"),
    [
        ((), (1, 1, None)),
        (("facts",), (2, 3, None)),
        (("facts", 0), (2, 5, None)),
        (("facts", 0, "id"), (2, 9, None)),
        (("facts", 0, "quantity", "amount"), (3, 24, "40")),
        (("facts", 1, "years", 0), (5, 13, "0")),
        (("facts", 1, "years", 2), (5, 22, "2018")),
    ],
)
def test_locator_finds_the_value_at_a_path(path: tuple[str | int, ...], position: tuple[int, int, str | None]) -> None:
    assert Locator(parse(FILE, DOCUMENT)).at(path) == position


@pytest.mark.parametrize(
    ("path", "position"),
    [
        (("facts", 0, "quantity", "scale"), (3, 15, None)),  # a missing key: the mapping that lacks it
        (("facts", 5, "id"), (2, 3, None)),  # past the end of a list: the list
        (("facts", "first"), (2, 3, None)),  # a name inside a list: the list
        (("facts", 0, 0), (2, 5, None)),  # an index inside a mapping: the mapping
        (("facts", 0, "id", "more"), (2, 9, None)),  # below a scalar: the scalar
        (("nothing", "here"), (1, 1, None)),
    ],
)
def test_locator_stops_at_the_nearest_enclosing_value_when_the_path_ends_early(
    path: tuple[str | int, ...], position: tuple[int, int, str | None]
) -> None:
    assert Locator(parse(FILE, DOCUMENT)).at(path) == position


def test_locator_of_a_document_that_does_not_start_on_line_one() -> None:
    loaded = parse(FILE, "# comment\n\n  - a\n  - b\n")
    assert Locator(loaded).at(()) == (3, 3, None)
    assert Locator(loaded).at((1,)) == (4, 5, None)
    assert Locator(loaded).at((2,)) == (3, 3, None)


def test_locator_without_recorded_positions_gives_the_root() -> None:
    loaded = LoadedYaml({"a": [1]}, Positions(), (4, 2, None))
    assert Locator(loaded).at(("a", 0)) == (4, 2, None)


# -- format_path ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ((), ""),
        (("facts",), "facts"),
        (("facts", 12, "quantity", "amount"), "facts[12].quantity.amount"),
        ((3,), "[3]"),
        ((3, "id"), "[3].id"),
        (("reviews", 0, "evidence", 1, "note"), "reviews[0].evidence[1].note"),
        (("facts", 0, "odd key"), 'facts[0]["odd key"]'),
        (("2017",), '["2017"]'),
        (("_private-name_2",), "_private-name_2"),
        (("facts", 0, 'say "hi"'), 'facts[0]["say \\"hi\\""]'),
        (("a", "b", "c"), "a.b.c"),
    ],
)
def test_format_path_writes_a_field_path_as_in_the_schema(path: tuple[str | int, ...], text: str) -> None:
    assert format_path(path) == text


# -- describe -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "raw", "text"),
    [
        (True, None, "boolean true"),
        (False, None, "boolean false"),
        (True, "true", "boolean true"),
        (False, "false", "boolean false"),
        (True, "yes", "boolean true (YAML reads unquoted 'yes' as true)"),
        (False, "off", "boolean false (YAML reads unquoted 'off' as false)"),
        (True, "True", "boolean true (YAML reads unquoted 'True' as true)"),
        (False, "FALSE", "boolean false (YAML reads unquoted 'FALSE' as false)"),
    ],
)
def test_describe_a_boolean_says_what_yaml_read_when_the_text_was_not_true_or_false(
    value: bool, raw: str | None, text: str
) -> None:
    assert describe(value, raw) == text


@pytest.mark.parametrize(
    ("value", "raw", "text"),
    [
        (42, None, "integer 42"),
        (42, "42", "integer 42"),
        (-5, "-5", "integer -5"),
        (5, "+5", "integer 5"),
        (0, "0", "integer 0"),
        (8, "010", "integer 8 (YAML reads unquoted '010' as 8)"),
        (-8, "-010", "integer -8 (YAML reads unquoted '-010' as -8)"),
        (90, "1:30", "integer 90 (YAML reads unquoted '1:30' as 90)"),
        (1000, "1_000", "integer 1000 (YAML reads unquoted '1_000' as 1000)"),
    ],
)
def test_describe_an_integer_shows_the_written_text_when_it_differs(value: int, raw: str | None, text: str) -> None:
    assert describe(value, raw) == text


def test_describe_an_integer_of_forty_digits_written_in_hexadecimal_shows_both() -> None:
    forty = "1" + "0" * 39
    assert describe(10**39, hex(10**39)) == (
        f"integer {forty} (YAML reads unquoted '0x2f050fe938943acc45f65568000000000' as {forty})"
    )


def test_describe_an_integer_written_in_forty_characters_still_quotes_them() -> None:
    raw = "0x" + "f" * 38
    assert describe(int(raw, 16), raw) == (
        f"integer 57089907708238395242... (46 digits) (YAML reads unquoted '{raw}' as 57089907708238395242... (46 digits))"
    )


def test_describe_an_integer_written_in_more_than_forty_characters_shortens_them() -> None:
    raw = "0x" + "f" * 39
    assert describe(int(raw, 16), raw) == (
        "integer 91343852333181432387... (47 digits) "
        "(YAML reads unquoted '0xffffffffffffffffff...ffffffffff (41 characters)' as an integer)"
    )


def test_describe_a_negative_integer_of_forty_characters_is_not_shortened() -> None:
    value = -(10**38)  # a sign and 39 digits: 40 characters
    text = str(value)
    assert describe(value, "-" + hex(10**38)) == (
        f"integer {text} (YAML reads unquoted '-0x4b3b4ca85a86c47a098a224000000000' as {text})"
    )


@pytest.mark.parametrize(
    ("value", "raw", "text"),
    [
        (1.5, "1.5", "number 1.5"),
        (1.5, None, "number 1.5"),
        (1000.0, "1.0e+3", "number 1.0e+3"),
        (90.5, "1:30.5", "number 1:30.5"),
    ],
)
def test_describe_a_float_as_written(value: float, raw: str | None, text: str) -> None:
    assert describe(value, raw) == text


def test_describe_a_date_as_written() -> None:
    moment = datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.timezone.utc)
    assert describe(moment, "2026-12-01T10:00:00Z") == (
        "a date (2026-12-01T10:00:00Z) (YAML reads an unquoted date as a date)"
    )
    assert describe(datetime.date(2026, 12, 1), None) == "a date (2026-12-01) (YAML reads an unquoted date as a date)"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "nothing (null)"),
        ({}, "a mapping"),
        ({"a": 1}, "a mapping"),
        ([], "a list"),
        (["a"], "a list"),
        ("abc", "text 'abc'"),
        ("", "text ''"),
        ("x" * 40, "text '" + "x" * 40 + "'"),
        ("x" * 41, "text '" + "x" * 40 + "...'"),
        ("y" * 39 + "z" * 3, "text '" + "y" * 39 + "z...'"),
    ],
)
def test_describe_other_values(value: object, text: str) -> None:
    assert describe(value, None) == text


# -- FieldReader: reporting -----------------------------------------------------------------------------------------


def test_report_locates_a_problem_by_its_path_unless_given_a_position() -> None:
    reader, _data = reader_of("facts:\n  - id: first\n")
    reader.report(("facts", 0, "id"), "first message")
    reader.report(("facts", 0, "id"), "second message", (9, 8, "raw"))
    reader.report((), "third message")
    assert reader.problems == [
        Problem(FILE, "first message", 2, 9, "facts[0].id"),
        Problem(FILE, "second message", 9, 8, "facts[0].id"),
        Problem(FILE, "third message", 1, 1, ""),
    ]


# -- FieldReader.mapping --------------------------------------------------------------------------------------------


def test_mapping_accepts_known_fields_and_reports_nothing() -> None:
    reader, data = reader_of("name: Desk\nurl: null\n")
    assert reader.mapping(data, (), {"name", "url"}, {"name"}) is True
    assert reader.problems == []


def test_mapping_reports_an_unknown_field_at_its_key_with_the_closest_known_one() -> None:
    reader, data = reader_of("reviewer:\n  nmae:   Desk\n")
    assert reader.mapping(data["reviewer"], ("reviewer",), {"name", "url"}, set()) is True
    assert found(reader) == [("reviewer.nmae", 2, 3, "unknown field 'nmae'; did you mean 'name'?", FILE)]


def test_mapping_lists_the_known_fields_when_none_is_close() -> None:
    reader, data = reader_of("zzz: 1\n7: 2\nodd key: 3\n")
    assert reader.mapping(data, (), {"url", "name", "id"}, set()) is True
    assert found(reader) == [
        ("zzz", 1, 1, "unknown field 'zzz'; known fields: id, name, url", FILE),
        ('["7"]', 2, 1, "unknown field 7; known fields: id, name, url", FILE),
        ('["odd key"]', 3, 1, "unknown field 'odd key'; known fields: id, name, url", FILE),
    ]


def test_mapping_reports_each_missing_required_field_in_order_at_the_mapping() -> None:
    reader, data = reader_of("items:\n  - \n    b: 1\n")
    assert reader.mapping(data["items"][0], ("items", 0), {"a", "b", "c", "d"}, {"d", "a", "b", "c"}) is True
    assert found(reader) == [
        ("items[0]", 3, 5, "missing required field 'a'", FILE),
        ("items[0]", 3, 5, "missing required field 'c'", FILE),
        ("items[0]", 3, 5, "missing required field 'd'", FILE),
    ]


def test_mapping_refuses_a_value_that_is_not_a_mapping_saying_what_yaml_read() -> None:
    reader, data = reader_of("reviewer: yes\nother: [a]\n")
    assert reader.mapping(data["reviewer"], ("reviewer",), {"name"}, {"name"}) is False
    assert reader.mapping(data["other"], ("other",), {"name"}, {"name"}) is False
    assert found(reader) == [
        (
            "reviewer",
            1,
            11,
            "expected a mapping of fields, found boolean true (YAML reads unquoted 'yes' as true)",
            FILE,
        ),
        ("other", 2, 8, "expected a mapping of fields, found a list", FILE),
    ]


# -- FieldReader.text -----------------------------------------------------------------------------------------------


def test_text_returns_the_text_and_none_for_a_missing_field() -> None:
    reader, data = reader_of("name: The port\n")
    assert reader.text(data, "name", ()) == "The port"
    assert reader.text(data, "missing", ()) is None
    assert reader.text(data, "missing", (), nullable=True) is None
    assert reader.problems == []


def test_text_accepts_null_only_where_nullable() -> None:
    reader, data = reader_of("items:\n  - title: null\n")
    item = data["items"][0]
    assert reader.text(item, "title", ("items", 0), nullable=True) is None
    assert reader.problems == []
    assert reader.text(item, "title", ("items", 0)) is None
    assert found(reader) == [
        ("items[0].title", 2, 12, 'expected text, found nothing (null); quote it: title: "null"', FILE)
    ]


def test_text_refuses_a_number_and_says_how_to_quote_it() -> None:
    reader, data = reader_of("title: 2017\nauthor: 1.5\n")
    assert reader.text(data, "title", ()) is None
    assert reader.text(data, "author", (), nullable=True) is None
    assert found(reader) == [
        ("title", 1, 8, 'expected text, found integer 2017; quote it: title: "2017"', FILE),
        ("author", 2, 9, 'expected text or null (for unknown), found number 1.5; quote it: author: "1.5"', FILE),
    ]


def test_text_refuses_a_mapping_or_list_without_a_quoting_hint() -> None:
    reader, data = reader_of("title: {a: 1}\nauthor: [1]\n")
    assert reader.text(data, "title", ()) is None
    assert reader.text(data, "author", ()) is None
    assert found(reader) == [
        ("title", 1, 8, "expected text, found a mapping", FILE),
        ("author", 2, 9, "expected text, found a list", FILE),
    ]


def test_text_names_what_it_expected() -> None:
    reader, data = reader_of("date: 2026-12-01\n")
    assert reader.text(data, "date", (), nullable=True, what='a date as text ("2026-12-01")') is None
    assert found(reader) == [
        (
            "date",
            1,
            7,
            'expected a date as text ("2026-12-01") or null (for unknown), found a date (2026-12-01) '
            '(YAML reads an unquoted date as a date); quote it: date: "2026-12-01"',
            FILE,
        )
    ]


def test_text_refuses_an_empty_string_and_suggests_null_where_allowed() -> None:
    reader, data = reader_of('title: "  "\nauthor: ""\n')
    assert reader.text(data, "title", ()) is None
    assert reader.text(data, "author", (), nullable=True) is None
    assert found(reader) == [
        ("title", 1, 8, "expected text, found an empty string", FILE),
        ("author", 2, 9, "expected text, found an empty string; write null for unknown", FILE),
    ]


def test_text_with_choices_accepts_one_of_them() -> None:
    reader, data = reader_of("verdict: supported\n")
    assert reader.text(data, "verdict", (), choices=("supported", "contradicted")) == "supported"
    assert reader.problems == []


def test_text_with_choices_refuses_another_and_suggests_the_closest() -> None:
    reader, data = reader_of("verdict: suported\nbearing: sideways\n")
    choices = ("supported", "contradicted", "unsupported")
    assert reader.text(data, "verdict", (), choices=choices) is None
    assert reader.text(data, "bearing", (), choices=choices) is None
    assert found(reader) == [
        (
            "verdict",
            1,
            10,
            "expected one of supported, contradicted, unsupported, found 'suported'; did you mean 'supported'?",
            FILE,
        ),
        ("bearing", 2, 10, "expected one of supported, contradicted, unsupported, found 'sideways'", FILE),
    ]


def test_text_as_a_kebab_case_id() -> None:
    reader, data = reader_of("a: income-2017\nb: Income_2017\nc: a--b\nd: 'x\n\n  '\n")
    assert reader.text(data, "a", (), kebab_id=True) == "income-2017"
    assert reader.text(data, "b", (), kebab_id=True) is None
    assert reader.text(data, "b", ()) == "Income_2017"
    assert reader.text(data, "c", (), kebab_id=True) is None
    assert reader.text(data, "d", (), kebab_id=True) is None
    message = "expected a kebab-case id (lower-case letters, digits and single hyphens), found "
    assert found(reader) == [
        ("b", 2, 4, message + "'Income_2017'", FILE),
        ("c", 3, 4, message + "'a--b'", FILE),
        ("d", 4, 4, message + "'x\\n'", FILE),
    ]


# -- FieldReader.integer --------------------------------------------------------------------------------------------


def test_integer_accepts_the_bounds_themselves() -> None:
    reader, data = reader_of("low: 3\nhigh: 7\nplus: +5\n")
    assert reader.integer(data, "low", (), low=3, high=7) == 3
    assert reader.integer(data, "high", (), low=3, high=7) == 7
    assert reader.integer(data, "plus", (), low=3, high=7) == 5
    assert reader.integer(data, "missing", (), low=3, high=7) is None
    assert reader.problems == []


def test_integer_refuses_a_number_outside_the_bounds() -> None:
    reader, data = reader_of("x:\n  low: 2\n  high: 8\n")
    assert reader.integer(data["x"], "low", ("x",), low=3, high=7) is None
    assert reader.integer(data["x"], "high", ("x",), low=3, high=7) is None
    assert found(reader) == [
        ("x.low", 2, 8, "expected a whole number from 3 to 7, found 2", FILE),
        ("x.high", 3, 9, "expected a whole number from 3 to 7, found 8", FILE),
    ]


def test_integer_accepts_null_only_where_nullable() -> None:
    reader, data = reader_of("count: null\nviews: 12\n")
    assert reader.integer(data, "count", (), low=0, high=10, nullable=True) is None
    assert reader.integer(data, "views", (), low=0, high=100, nullable=True) == 12
    assert reader.problems == []
    assert reader.integer(data, "count", (), low=0, high=10) is None
    assert found(reader) == [("count", 1, 8, "expected a whole number, found nothing (null)", FILE)]


def test_integer_refuses_a_boolean_text_or_float() -> None:
    reader, data = reader_of("a: yes\nb: '12'\nc: 1.5\n")
    assert reader.integer(data, "a", (), low=0, high=10) is None
    assert reader.integer(data, "b", (), low=0, high=10, nullable=True) is None
    assert reader.integer(data, "c", (), low=0, high=10) is None
    assert found(reader) == [
        ("a", 1, 4, "expected a whole number, found boolean true (YAML reads unquoted 'yes' as true)", FILE),
        ("b", 2, 4, "expected a whole number or null, found text '12'", FILE),
        ("c", 3, 4, "expected a whole number, found number 1.5", FILE),
    ]


@pytest.mark.parametrize(
    ("raw", "reading"),
    [
        ("010", "integer 8 (YAML reads unquoted '010' as 8)"),
        ("0x1F", "integer 31 (YAML reads unquoted '0x1F' as 31)"),
        ("0b101", "integer 5 (YAML reads unquoted '0b101' as 5)"),
        ("-07", "integer -7 (YAML reads unquoted '-07' as -7)"),
    ],
)
def test_integer_refuses_a_number_yaml_reads_from_another_base(raw: str, reading: str) -> None:
    reader, data = reader_of(f"items:\n  - count: {raw}\n")
    assert reader.integer(data["items"][0], "count", ("items", 0), low=-1000, high=1000) is None
    assert found(reader) == [
        ("items[0].count", 2, 12, f"expected a plain decimal number, found {reading}; write it out", FILE)
    ]


@pytest.mark.parametrize("raw", ["0", "10", "-10", "100_0"])
def test_integer_accepts_plain_decimals(raw: str) -> None:
    reader, data = reader_of(f"count: {raw}\n")
    assert reader.integer(data, "count", (), low=-1000, high=1000) == int(raw.replace("_", ""))
    assert reader.problems == []


# -- FieldReader.number ---------------------------------------------------------------------------------------------


def test_number_accepts_integers_and_floats() -> None:
    reader, data = reader_of("a: 40\nb: 0.5\nc: -3\n")
    assert reader.number(data, "a", ()) == 40
    assert reader.number(data, "b", ()) == 0.5
    assert reader.number(data, "c", ()) == -3
    assert reader.number(data, "missing", ()) is None
    assert reader.problems == []


def test_number_refuses_what_is_not_a_number() -> None:
    reader, data = reader_of("q:\n  amount: 'forty'\n  unit: true\n  scale: null\n")
    quantity = data["q"]
    assert reader.number(quantity, "amount", ("q",)) is None
    assert reader.number(quantity, "unit", ("q",)) is None
    assert reader.number(quantity, "scale", ("q",)) is None
    assert found(reader) == [
        ("q.amount", 2, 11, "expected a number, found text 'forty'", FILE),
        ("q.unit", 3, 9, "expected a number, found boolean true", FILE),
        ("q.scale", 4, 10, "expected a number, found nothing (null)", FILE),
    ]


def test_number_refuses_an_integer_yaml_reads_from_another_base() -> None:
    reader, data = reader_of("q:\n  amount: 0x0F\n")
    assert reader.number(data["q"], "amount", ("q",)) is None
    assert found(reader) == [
        (
            "q.amount",
            2,
            11,
            "expected a plain decimal number, found integer 15 (YAML reads unquoted '0x0F' as 15); write it out",
            FILE,
        )
    ]


def test_number_refuses_infinity_and_not_a_number_as_written() -> None:
    reader, data = reader_of("a: .inf\nb: -.Inf\nc: .NaN\n")
    assert reader.number(data, "a", ()) is None
    assert reader.number(data, "b", ()) is None
    assert reader.number(data, "c", ()) is None
    assert found(reader) == [
        ("a", 1, 4, "expected a finite number, found .inf", FILE),
        ("b", 2, 4, "expected a finite number, found -.Inf", FILE),
        ("c", 3, 4, "expected a finite number, found .NaN", FILE),
    ]


# -- FieldReader.text_list ------------------------------------------------------------------------------------------


def test_text_list_returns_the_items_as_a_tuple() -> None:
    reader, data = reader_of("topics: [trade, transport]\nempty: []\n")
    assert reader.text_list(data, "topics", ()) == ("trade", "transport")
    assert reader.text_list(data, "empty", ()) == ()
    assert reader.text_list(data, "missing", (), minimum=2) == ()
    assert reader.problems == []


def test_text_list_counts_its_items_against_the_minimum() -> None:
    reader, data = reader_of("one: [a]\ntwo: [a, b]\n")
    assert reader.text_list(data, "one", (), minimum=2) == ("a",)
    assert reader.text_list(data, "two", (), minimum=2) == ("a", "b")
    assert found(reader) == [("one", 1, 6, "expected at least 2 item(s), found 1", FILE)]


def test_text_list_refuses_what_is_not_a_list() -> None:
    reader, data = reader_of("topics: 2017\nentities: {a: b}\n")
    assert reader.text_list(data, "topics", ()) == ()
    assert reader.text_list(data, "entities", ()) == ()
    assert found(reader) == [
        ("topics", 1, 9, 'expected a list of text, found integer 2017; quote it: topics: "2017"', FILE),
        ("entities", 2, 11, "expected a list of text, found a mapping", FILE),
    ]


def test_text_list_reports_each_item_that_is_not_text_and_keeps_the_rest() -> None:
    reader, data = reader_of("facts:\n- topics:\n  - trade\n  - 2017\n  - ' '\n  - [x]\n  - Trade Route\n")
    assert reader.text_list(data["facts"][0], "topics", ("facts", 0)) == ("trade", "Trade Route")
    assert found(reader) == [
        ("facts[0].topics[1]", 4, 5, 'expected text, found integer 2017; quote it: "2017"', FILE),
        ("facts[0].topics[2]", 5, 5, "expected text, found text ' '", FILE),
        ("facts[0].topics[3]", 6, 5, "expected text, found a list", FILE),
    ]


def test_text_list_of_kebab_case_items() -> None:
    reader, data = reader_of("c:\n  facts: [income-2017, Trains, 'a b', income-2020]\n")
    assert reader.text_list(data["c"], "facts", ("c",), kebab=True) == ("income-2017", "income-2020")
    assert found(reader) == [
        ("c.facts[1]", 2, 24, "expected lower-case kebab-case, found 'Trains'", FILE),
        ("c.facts[2]", 2, 32, "expected lower-case kebab-case, found 'a b'", FILE),
    ]


# -- FieldReader.sequence -------------------------------------------------------------------------------------------


def test_sequence_returns_the_list_itself() -> None:
    reader, data = reader_of("facts: [1, a]\nrelations: null\n")
    assert reader.sequence(data, "facts", ()) == [1, "a"]
    assert reader.sequence(data, "facts", ()) is data["facts"]
    assert reader.sequence(data, "relations", ()) == []
    assert reader.sequence(data, "missing", ()) == []
    assert reader.problems == []


def test_sequence_refuses_what_is_not_a_list() -> None:
    reader, data = reader_of("top:\n  facts: {id: a}\n  relations: off\n")
    assert reader.sequence(data["top"], "facts", ("top",)) == []
    assert reader.sequence(data["top"], "relations", ("top",)) == []
    assert found(reader) == [
        ("top.facts", 2, 10, "expected a list, found a mapping", FILE),
        ("top.relations", 3, 14, "expected a list, found boolean false (YAML reads unquoted 'off' as false)", FILE),
    ]
