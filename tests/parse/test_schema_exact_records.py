"""The schema reader directly, for facts and their parts, relations and derived figures: exact records and problems."""

from __future__ import annotations

from typing import Any

import pytest
from test_schema_exact import FACT, SOURCE, TRAINS

from kzcn.model.records import DerivedSpec, Exemption, Fact, Quantity, Quote, Relation, TimeRef
from kzcn.parse.schema import SchemaReader
from kzcn.parse.yamlload import parse

HEAD = f"kzcn: 1\nsources:\n{SOURCE}facts:\n"
"""A knowledge base up to its facts; the first fact item starts on line 9."""


def reader_of(text: str) -> SchemaReader:
    return SchemaReader("KB", parse("KB", text))


def read_facts(facts: str, rest: str = "") -> tuple[tuple[Fact, ...], list[str]]:
    """The facts read from `facts` (the YAML items under `facts:`), and every problem reported."""
    reader = reader_of(HEAD + facts + rest)
    kb = reader.read()
    assert kb is not None
    return kb.facts, [str(problem) for problem in reader.problems]


def fact_with(extra: str) -> str:
    """FACT with more fields (YAML lines indented by four)."""
    return FACT + extra


def read_part(part: str, method: str) -> tuple[Any, list[str]]:
    """What one of the reader's part readers (quotes, time, quantity, exemptions) makes of the first fact."""
    reader = reader_of(HEAD + part)
    item = reader.loaded.data["facts"][0]
    found = getattr(reader, method)(item, ("facts", 0))
    return found, [str(problem) for problem in reader.problems]


# -- facts ---------------------------------------------------------------------------------------------------------


def test_a_fact_with_every_field_reads_exactly() -> None:
    facts, problems = read_facts(
        "  - id: income-2017\n"
        "    statement: Income rose to 2 billion dollars.\n"
        "    kind: forecast\n"
        "    modality: reported\n"
        "    topics: [transport, trade]\n"
        "    entities: [Port, Corridor]\n"
        "    source: doc\n"
        "    quotes:\n"
        "      - {paragraph: 2, text: income rose}\n"
        "      - {paragraph: 3, text: 2 billion}\n"
        "    time: {year: 2017, kind: target}\n"
        "    quantity: {amount: 2.5, unit: USD, scale: billion, qualifier: about}\n"
        "    attributed_to: the minister\n"
        "    series: transport-income\n"
        "    refers_to: [film, report-2]\n"
        "    note: Rounded.\n"
        "    measure: total income\n"
        "    condition: if trade grows\n"
        "    exceptions:\n"
        "      - {rule: forecast-cue, reason: The source says so.}\n"
    )
    assert problems == []
    assert facts == (
        Fact(
            id="income-2017",
            statement="Income rose to 2 billion dollars.",
            kind="forecast",
            modality="reported",
            topics=("transport", "trade"),
            entities=("Port", "Corridor"),
            source="doc",
            quotes=(Quote(2, "income rose"), Quote(3, "2 billion")),
            time=TimeRef(2017, "target"),
            quantity=Quantity(2.5, "USD", "billion", "about"),
            attributed_to="the minister",
            condition="if trade grows",
            exceptions=(Exemption("forecast-cue", "The source says so."),),
            series="transport-income",
            refers_to=("film", "report-2"),
            note="Rounded.",
            measure="total income",
        ),
    )


def test_optional_fact_fields_may_be_null() -> None:
    nulls = "".join(
        f"    {key}: null\n"
        for key in ("time", "quantity", "attributed_to", "series", "note", "measure", "condition", "exceptions")
    )
    assert read_facts(fact_with(nulls)) == ((TRAINS,), [])


@pytest.mark.parametrize(
    ("replace", "by", "problem"),
    [
        (
            "id: trains-2017",
            "id: Trains 2017",
            "KB:9:9: facts[0].id: expected a kebab-case id (lower-case letters, digits and single hyphens), "
            "found 'Trains 2017'",
        ),
        (
            "statement: The port handled 40 trains.",
            "statement: 40",
            'KB:10:16: facts[0].statement: expected text, found integer 40; quote it: statement: "40"',
        ),
        (
            "kind: statistic",
            "kind: statistics",
            "KB:11:11: facts[0].kind: expected one of statistic, forecast, event, opinion, found 'statistics'; "
            "did you mean 'statistic'?",
        ),
        (
            "modality: asserted",
            "modality: sure",
            "KB:12:15: facts[0].modality: expected one of asserted, reported, predicted, conditional, hedged, "
            "found 'sure'",
        ),
        ("topics: [transport]", "topics: []", "KB:13:13: facts[0].topics: expected at least 1 item(s), found 0"),
        (
            "topics: [transport]",
            "topics: [Transport]",
            "KB:13:14: facts[0].topics[0]: expected lower-case kebab-case, found 'Transport'",
        ),
        (
            "entities: [Port]",
            "entities: Port",
            "KB:14:15: facts[0].entities: expected a list of text, found text 'Port'",
        ),
        (
            "source: doc",
            "source: The Doc",
            "KB:15:13: facts[0].source: expected a kebab-case id (lower-case letters, digits and single hyphens), "
            "found 'The Doc'",
        ),
    ],
)
def test_a_fact_with_a_wrong_required_field_is_reported_and_left_out(replace: str, by: str, problem: str) -> None:
    assert FACT.count(replace) == 1
    reader = reader_of(HEAD + FACT.replace(replace, by) + FACT.replace("trains-2017", "trains-again"))
    kb = reader.read()
    assert [str(found) for found in reader.problems] == [problem]
    assert kb is not None
    assert [fact.id for fact in kb.facts] == ["trains-again"]
    assert reader.positions["facts"] == [1]


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (
            "    series: Transport Income\n",
            "KB:19:13: facts[0].series: expected a kebab-case id (lower-case letters, digits and single hyphens), "
            "found 'Transport Income'",
        ),
        ("    refers_to: [Film]\n", "KB:19:17: facts[0].refers_to[0]: expected lower-case kebab-case, found 'Film'"),
        (
            "    note: 5\n",
            'KB:19:11: facts[0].note: expected text or null (for unknown), found integer 5; quote it: note: "5"',
        ),
        ("    notes: red\n", "KB:19:5: facts[0].notes: unknown field 'notes'; did you mean 'note'?"),
        (
            "    exceptions: forecast-cue\n",
            "KB:19:17: facts[0].exceptions: expected a list, found text 'forecast-cue'",
        ),
    ],
)
def test_a_fact_with_a_wrong_optional_field_is_reported_and_left_out(extra: str, problem: str) -> None:
    assert read_facts(fact_with(extra)) == ((), [problem])


def test_a_fact_with_several_topics_keeps_their_order() -> None:
    facts, problems = read_facts(FACT.replace("topics: [transport]", "topics: [trade, transport]"))
    assert problems == []
    assert facts[0].topics == ("trade", "transport")


# -- quotes --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quotes", "problems"),
    [
        ("[]", ["KB:16:13: facts[0].quotes: expected at least one quote: every fact is traceable to its source"]),
        ("null", ["KB:16:13: facts[0].quotes: expected at least one quote: every fact is traceable to its source"]),
        ("a quote", ["KB:16:13: facts[0].quotes: expected a list, found text 'a quote'"]),
    ],
)
def test_every_fact_has_at_least_one_quote(quotes: str, problems: list[str]) -> None:
    fact = FACT.split("    quotes:\n")[0] + f"    quotes: {quotes}\n"
    assert read_facts(fact) == ((), problems)


def test_a_fact_without_quotes_is_reported_as_missing_them() -> None:
    fact = FACT.split("    quotes:\n")[0]
    assert read_facts(fact) == ((), ["KB:9:5: facts[0]: missing required field 'quotes'"])


@pytest.mark.parametrize(
    ("paragraph", "problems"),
    [
        ("1", []),
        ("1000000", []),
        ("0", ["KB:17:20: facts[0].quotes[0].paragraph: expected a whole number from 1 to 1000000, found 0"]),
        (
            "1000001",
            ["KB:17:20: facts[0].quotes[0].paragraph: expected a whole number from 1 to 1000000, found 1000001"],
        ),
    ],
)
def test_a_quote_paragraph_is_a_whole_number_from_one_to_a_million(paragraph: str, problems: list[str]) -> None:
    quotes, found = read_part(FACT.replace("paragraph: 1", f"paragraph: {paragraph}"), "quotes")
    assert found == problems
    assert quotes == ((Quote(int(paragraph), "The port handled 40 trains."),) if not problems else ())


def test_a_wrong_quote_is_skipped_and_the_next_one_still_read() -> None:
    fact = (
        FACT
        + "      - just words\n      - {paragraph: 2}\n      - {text: no paragraph}\n      - {paragraph: 3, text: again}\n"
    )
    quotes, problems = read_part(fact, "quotes")
    assert problems == [
        "KB:19:9: facts[0].quotes[1]: expected a mapping of fields, found text 'just words'",
        "KB:20:9: facts[0].quotes[2]: missing required field 'text'",
        "KB:21:9: facts[0].quotes[3]: missing required field 'paragraph'",
    ]
    assert quotes == (Quote(1, "The port handled 40 trains."), Quote(3, "again"))


# -- time ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("time", "expected", "problems"),
    [
        ("", None, []),
        ("    time: null\n", None, []),
        ("    time: {year: 2017}\n", TimeRef(2017, "point"), []),
        ("    time: {year: 1, kind: start}\n", TimeRef(1, "start"), []),
        ("    time: {year: 9999, kind: target}\n", TimeRef(9999, "target"), []),
        (
            "    time: {year: 0}\n",
            None,
            ["KB:19:18: facts[0].time.year: expected a whole number from 1 to 9999, found 0"],
        ),
        (
            "    time: {year: 10000}\n",
            None,
            ["KB:19:18: facts[0].time.year: expected a whole number from 1 to 9999, found 10000"],
        ),
        (
            "    time: {year: 2017, kind: since}\n",
            None,
            ["KB:19:30: facts[0].time.kind: expected one of point, start, target, found 'since'"],
        ),
        ("    time: {kind: point}\n", None, ["KB:19:11: facts[0].time: missing required field 'year'"]),
        ("    time: 2017\n", None, ["KB:19:11: facts[0].time: expected a mapping of fields, found integer 2017"]),
        (
            "    time: {year: 2017, month: 5}\n",
            TimeRef(2017, "point"),
            ["KB:19:24: facts[0].time.month: unknown field 'month'; known fields: inferred, kind, year"],
        ),
    ],
)
def test_a_fact_time_is_a_year_and_how_it_is_meant(time: str, expected: TimeRef | None, problems: list[str]) -> None:
    assert read_part(fact_with(time), "time") == (expected, problems)


# -- quantity ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "expected", "problems"),
    [
        ("", None, []),
        ("    quantity: null\n", None, []),
        ("    quantity: {amount: 40, unit: trains}\n", Quantity(40, "trains", "one", "exact"), []),
        (
            "    quantity: {amount: 0.5, unit: USD, scale: million, qualifier: at-least}\n",
            Quantity(0.5, "USD", "million", "at-least"),
            [],
        ),
        (
            "    quantity: {amount: forty, unit: trains}\n",
            None,
            ["KB:19:24: facts[0].quantity.amount: expected a number, found text 'forty'"],
        ),
        (
            "    quantity: {amount: 40, unit: 7}\n",
            None,
            ['KB:19:34: facts[0].quantity.unit: expected text, found integer 7; quote it: unit: "7"'],
        ),
        (
            "    quantity: {amount: 40, unit: trains, scale: lots}\n",
            None,
            [
                "KB:19:49: facts[0].quantity.scale: expected one of one, thousand, million, billion, trillion, found 'lots'"
            ],
        ),
        (
            "    quantity: {amount: 40, unit: trains, qualifier: roughly}\n",
            None,
            [
                "KB:19:53: facts[0].quantity.qualifier: expected one of exact, more-than, at-least, less-than, "
                "at-most, about, found 'roughly'"
            ],
        ),
        (
            "    quantity: {unit: trains}\n",
            None,
            ["KB:19:15: facts[0].quantity: missing required field 'amount'"],
        ),
        (
            "    quantity: {amount: 40}\n",
            None,
            ["KB:19:15: facts[0].quantity: missing required field 'unit'"],
        ),
        ("    quantity: 40\n", None, ["KB:19:15: facts[0].quantity: expected a mapping of fields, found integer 40"]),
    ],
)
def test_a_quantity_is_an_amount_a_unit_a_scale_and_a_qualifier(
    quantity: str, expected: Quantity | None, problems: list[str]
) -> None:
    assert read_part(fact_with(quantity), "quantity") == (expected, problems)


# -- exceptions ----------------------------------------------------------------------------------------------------


def test_exceptions_name_a_rule_and_give_a_reason() -> None:
    fact = fact_with(
        "    exceptions:\n"
        "      - forecast-cue\n"
        "      - {rule: Forecast Cue, reason: Why not.}\n"
        "      - {rule: forecast-cue, reason: 5}\n"
        "      - {rule: forecast-cue}\n"
        "      - {rule: qualifier-cue, reason: The source is exact.}\n"
    )
    exemptions, problems = read_part(fact, "exemptions")
    assert problems == [
        "KB:20:9: facts[0].exceptions[0]: expected a mapping of fields, found text 'forecast-cue'",
        "KB:21:16: facts[0].exceptions[1].rule: expected a kebab-case id (lower-case letters, digits and single "
        "hyphens), found 'Forecast Cue'",
        "KB:22:38: facts[0].exceptions[2].reason: expected text (why the rule does not apply here), found integer 5; "
        'quote it: reason: "5"',
        "KB:23:9: facts[0].exceptions[3]: missing required field 'reason'",
    ]
    assert exemptions == (Exemption("qualifier-cue", "The source is exact."),)


def test_no_exceptions_is_an_empty_tuple() -> None:
    assert read_part(FACT, "exemptions") == ((), [])


# -- relations -----------------------------------------------------------------------------------------------------


def read_relations(relations: str) -> tuple[tuple[Relation, ...], list[str]]:
    reader = reader_of(HEAD + FACT + "relations:\n" + relations)
    kb = reader.read()
    assert kb is not None
    return kb.relations, [str(problem) for problem in reader.problems]


def test_relations_of_each_kind_read_their_two_ends_in_order() -> None:
    assert read_relations(
        "  - {id: part-in-whole, kind: part-of, whole: trains-2017, part: trains-part, reason: Counted within.}\n"
        "  - {id: trains-rise, kind: increase, to: trains-2018, from: trains-2017}\n"
    ) == (
        (
            Relation("part-in-whole", "part-of", "trains-part", "trains-2017", "Counted within."),
            Relation("trains-rise", "increase", "trains-2017", "trains-2018", None),
        ),
        [],
    )


@pytest.mark.parametrize(
    ("relation", "problems"),
    [
        (
            "  - {id: trains-rise, kind: increase, from: trains-2017, to: trains-2018, by: 2}\n",
            ["KB:20:75: relations[0].by: unknown field 'by'; known fields: from, id, kind, reason, to"],
        ),
        (
            "  - {id: trains-rise, kind: increase, from: trains-2017}\n",
            ["KB:20:5: relations[0]: missing required field 'to'"],
        ),
        (
            "  - {id: trains-rise, kind: increase, from: trains-2017, to: Trains}\n",
            [
                "KB:20:62: relations[0].to: expected a kebab-case id (lower-case letters, digits and single hyphens), "
                "found 'Trains'"
            ],
        ),
        (
            "  - {id: trains-rise, kind: contains, part: a, whole: b}\n",
            [
                "KB:20:39: relations[0].part: unknown field 'part'; known fields: id, kind, reason",
                "KB:20:48: relations[0].whole: unknown field 'whole'; known fields: id, kind, reason",
                "KB:20:29: relations[0].kind: expected one of part-of, increase, found 'contains'",
            ],
        ),
        (
            "  - {id: trains-rise, kind: [part-of]}\n",
            ["KB:20:29: relations[0].kind: expected text, found a list"],
        ),
        ("  - {kind: increase, from: a, to: b}\n", ["KB:20:5: relations[0]: missing required field 'id'"]),
        (
            "  - {id: Trains Rise, kind: increase, from: a, to: b}\n",
            [
                "KB:20:10: relations[0].id: expected a kebab-case id (lower-case letters, digits and single hyphens), "
                "found 'Trains Rise'"
            ],
        ),
        ("  - trains-rise\n", ["KB:20:5: relations[0]: expected a mapping of fields, found text 'trains-rise'"]),
        (
            "  - {id: trains-rise, kind: increase, from: a, to: b, reason: 5}\n",
            [
                'KB:20:63: relations[0].reason: expected text or null (for unknown), found integer 5; quote it: reason: "5"'
            ],
        ),
    ],
)
def test_a_relation_with_any_problem_is_left_out(relation: str, problems: list[str]) -> None:
    assert read_relations(relation) == ((), problems)


# -- derived figures -----------------------------------------------------------------------------------------------


def read_derived(derived: str) -> tuple[tuple[DerivedSpec, ...], list[str]]:
    reader = reader_of(HEAD + FACT + "derived:\n" + derived)
    kb = reader.read()
    assert kb is not None
    return kb.derived, [str(problem) for problem in reader.problems]


def test_derived_figures_take_their_inputs_in_the_operations_order() -> None:
    assert read_derived(
        "  - {id: part-share, label: Share, operation: share, series: trains, inputs: {whole: a, part: b}}\n"
        "  - {id: rest, label: Rest, operation: remainder, series: null, inputs: {part: b, whole: a}}\n"
        "  - {id: growth, label: Growth, operation: annual-growth, inputs: {to: c, from: a}}\n"
    ) == (
        (
            DerivedSpec("part-share", "Share", "share", (("part", "b"), ("whole", "a")), "trains"),
            DerivedSpec("rest", "Rest", "remainder", (("whole", "a"), ("part", "b")), None),
            DerivedSpec("growth", "Growth", "annual-growth", (("from", "a"), ("to", "c")), None),
        ),
        [],
    )


@pytest.mark.parametrize(
    ("derived", "problems"),
    [
        (
            "  - {id: s, label: Share, operation: portion, inputs: {part: b, whole: a}}\n",
            [
                "KB:20:38: derived[0].operation: expected one of share, remainder, change, percent-change, "
                "annual-growth, sum, implied-rate, found 'portion'"
            ],
        ),
        ("  - {id: s, label: Share, operation: share}\n", ["KB:20:5: derived[0]: missing required field 'inputs'"]),
        (
            "  - {id: s, label: Share, operation: share, inputs: [a, b]}\n",
            ["KB:20:53: derived[0].inputs: expected a mapping of fields, found a list"],
        ),
        (
            "  - {id: s, label: Share, operation: share, inputs: {part: b, total: a}}\n",
            [
                "KB:20:63: derived[0].inputs.total: unknown field 'total'; known fields: part, whole",
                "KB:20:53: derived[0].inputs: missing required field 'whole'",
            ],
        ),
        (
            "  - {id: s, label: Share, operation: share, inputs: {part: B, whole: a}}\n",
            [
                "KB:20:60: derived[0].inputs.part: expected a kebab-case id (lower-case letters, digits and single "
                "hyphens), found 'B'"
            ],
        ),
        (
            "  - {id: s, label: Share, operation: share, series: Trains, inputs: {part: b, whole: a}}\n",
            [
                "KB:20:53: derived[0].series: expected a kebab-case id (lower-case letters, digits and single "
                "hyphens), found 'Trains'"
            ],
        ),
        (
            "  - {id: S, label: Share, operation: share, inputs: {part: b, whole: a}}\n",
            [
                "KB:20:10: derived[0].id: expected a kebab-case id (lower-case letters, digits and single hyphens), "
                "found 'S'"
            ],
        ),
        (
            "  - {id: s, label: 5, operation: share, inputs: {part: b, whole: a}}\n",
            ['KB:20:20: derived[0].label: expected text, found integer 5; quote it: label: "5"'],
        ),
        (
            "  - {id: s, label: Share, operation: share, inputs: {part: b, whole: a}, unit: USD}\n",
            [
                "KB:20:74: derived[0].unit: unknown field 'unit'; known fields: comparable, id, inputs, label, operation, series"
            ],
        ),
    ],
)
def test_a_derived_figure_with_any_problem_is_left_out(derived: str, problems: list[str]) -> None:
    assert read_derived(derived) == ((), problems)
