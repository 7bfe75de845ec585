"""kzcn.parse.review_schema directly: reviews, comparisons and the reviewer read from YAML, or their exact located problems."""

from __future__ import annotations

from typing import Any

from kzcn.model.records import Comparison, EvidenceItem, Heading, Review, Reviewer
from kzcn.parse.review_schema import read_comparison, read_heading, read_review, read_reviewer
from kzcn.parse.yamlfields import FieldReader
from kzcn.parse.yamlload import parse

FILE = "kb.yaml"
VERDICT_CHOICES = "supported, partly-supported, not-supported, contradicted, not-checkable, unverified"
BEARING_CHOICES = "corroborates, contradicts, qualifies, attributes, outcome, context"
KEBAB = "expected a kebab-case id (lower-case letters, digits and single hyphens), found "


def reader_of(text: str) -> tuple[FieldReader, Any]:
    """A reader over `text` parsed as the file kb.yaml, and the document's data."""
    loaded = parse(FILE, text)
    return FieldReader(FILE, loaded), loaded.data


def reviews(text: str) -> tuple[list[Review | None], list[tuple[str, int | None, int | None, str]]]:
    """Every review under `reviews:` in `text`, and every problem as (path, line, column, message)."""
    reader, data = reader_of(text)
    read = [read_review(reader, item, ("reviews", index)) for index, item in enumerate(data["reviews"])]
    return read, [(p.path, p.line, p.column, p.message) for p in reader.problems]


def comparisons(text: str) -> tuple[list[Comparison | None], list[tuple[str, int | None, int | None, str]]]:
    """Every comparison under `comparisons:` in `text`, and every problem as (path, line, column, message)."""
    reader, data = reader_of(text)
    read = [read_comparison(reader, item, ("comparisons", index)) for index, item in enumerate(data["comparisons"])]
    return read, [(p.path, p.line, p.column, p.message) for p in reader.problems]


def reviewer(text: str) -> tuple[Reviewer | None, list[tuple[str, int | None, int | None, str]]]:
    """The reviewer of the document `text`, and every problem as (path, line, column, message)."""
    reader, data = reader_of(text)
    read = read_reviewer(reader, data.get("reviewer"), ("reviewer",))
    return read, [(p.path, p.line, p.column, p.message) for p in reader.problems]


# -- reviews --------------------------------------------------------------------------------------------------------

FULL_REVIEW = """\
reviews:
  - claim: income-2017
    verdict: partly-supported
    summary: The ministry reports less.
    searched: Customs data for 2017.
    date: "2026-12-01"
    evidence:
      - fact: ministry-income-2017
        bearing: contradicts
        note: The ministry says 1.6 billion.
      - fact: customs-2017
        bearing: context
      - fact: port-2017
        bearing: corroborates
        note: null
"""


def test_a_review_with_every_field_is_read_whole() -> None:
    assert reviews(FULL_REVIEW) == (
        [
            Review(
                "income-2017",
                "partly-supported",
                "The ministry reports less.",
                (
                    EvidenceItem("ministry-income-2017", "contradicts", "The ministry says 1.6 billion."),
                    EvidenceItem("customs-2017", "context", None),
                    EvidenceItem("port-2017", "corroborates", None),
                ),
                "Customs data for 2017.",
                "2026-12-01",
            )
        ],
        [],
    )


def test_a_review_needs_only_claim_verdict_and_summary() -> None:
    text = (
        "reviews:\n  - {claim: trade-grew, verdict: not-checkable, summary: An opinion., searched: null, date: null}\n"
    )
    assert reviews(text) == ([Review("trade-grew", "not-checkable", "An opinion.", (), None, None)], [])
    text = "reviews:\n  - {claim: trade-grew, verdict: unverified, summary: Nothing found., evidence: null}\n"
    assert reviews(text) == ([Review("trade-grew", "unverified", "Nothing found.")], [])


def test_a_review_that_is_not_a_mapping_is_refused() -> None:
    assert reviews("reviews:\n  - just a claim\n") == (
        [None],
        [("reviews[0]", 2, 5, "expected a mapping of fields, found text 'just a claim'")],
    )


def test_a_review_missing_its_required_fields_lists_each() -> None:
    assert reviews("reviews:\n  - date: '2026-12-01'\n") == (
        [None],
        [
            ("reviews[0]", 2, 5, "missing required field 'claim'"),
            ("reviews[0]", 2, 5, "missing required field 'summary'"),
            ("reviews[0]", 2, 5, "missing required field 'verdict'"),
        ],
    )


def test_a_review_with_a_misspelt_field_is_refused() -> None:
    text = "reviews:\n  - claim: trade-grew\n    verdikt: supported\n    summary: Yes.\n"
    assert reviews(text) == (
        [None],
        [
            ("reviews[0].verdikt", 3, 5, "unknown field 'verdikt'; did you mean 'verdict'?"),
            ("reviews[0]", 2, 5, "missing required field 'verdict'"),
        ],
    )


def test_each_field_of_a_review_is_checked() -> None:
    text = (
        "reviews:\n"
        "  - claim: Income 2017\n"
        "    verdict: suported\n"
        "    summary: ''\n"
        "    searched: 2017\n"
        "    date: 2026-12-01\n"
    )
    assert reviews(text) == (
        [None],
        [
            ("reviews[0].claim", 2, 12, KEBAB + "'Income 2017'"),
            (
                "reviews[0].verdict",
                3,
                14,
                f"expected one of {VERDICT_CHOICES}, found 'suported'; did you mean 'supported'?",
            ),
            ("reviews[0].summary", 4, 14, "expected text, found an empty string"),
            (
                "reviews[0].searched",
                5,
                15,
                'expected text or null (for unknown), found integer 2017; quote it: searched: "2017"',
            ),
            (
                "reviews[0].date",
                6,
                11,
                'expected a date as text ("2026-12-01") or null (for unknown), found a date (2026-12-01) '
                '(YAML reads an unquoted date as a date); quote it: date: "2026-12-01"',
            ),
        ],
    )


def test_a_review_with_a_problem_only_in_an_optional_field_is_refused() -> None:
    text = "reviews:\n  - {claim: trade-grew, verdict: supported, summary: Yes., searched: ''}\n"
    assert reviews(text) == (
        [None],
        [("reviews[0].searched", 2, 70, "expected text, found an empty string; write null for unknown")],
    )
    text = "reviews:\n  - {claim: trade-grew, verdict: supported, summary: Yes., date: ''}\n"
    assert reviews(text) == (
        [None],
        [("reviews[0].date", 2, 66, "expected text, found an empty string; write null for unknown")],
    )


def test_every_evidence_entry_of_a_review_is_checked_and_a_bad_one_refuses_the_review() -> None:
    text = (
        "reviews:\n"
        "  - claim: income-2017\n"
        "    verdict: supported\n"
        "    summary: Yes.\n"
        "    evidence:\n"
        "      - ministry-income-2017\n"
        "      - fact: Ministry\n"
        "        bearing: agrees\n"
        "        note: ''\n"
        "      - {bearing: context}\n"
        "      - fact: customs-2017\n"
        "        bearing: context\n"
    )
    assert reviews(text) == (
        [None],
        [
            ("reviews[0].evidence[0]", 6, 9, "expected a mapping of fields, found text 'ministry-income-2017'"),
            ("reviews[0].evidence[1].fact", 7, 15, KEBAB + "'Ministry'"),
            ("reviews[0].evidence[1].bearing", 8, 18, f"expected one of {BEARING_CHOICES}, found 'agrees'"),
            ("reviews[0].evidence[1].note", 9, 15, "expected text, found an empty string; write null for unknown"),
            ("reviews[0].evidence[2]", 10, 9, "missing required field 'fact'"),
        ],
    )


def test_evidence_that_is_not_a_list_refuses_the_review() -> None:
    text = "reviews:\n  - {claim: trade-grew, verdict: supported, summary: Yes., evidence: trade-grew}\n"
    assert reviews(text) == (
        [None],
        [("reviews[0].evidence", 2, 70, "expected a list, found text 'trade-grew'")],
    )


def test_a_good_review_after_a_bad_one_is_still_read() -> None:
    text = (
        "reviews:\n"
        "  - {claim: trade-grew, verdict: maybe, summary: Hm.}\n"
        "  - {claim: trade-grew, verdict: supported, summary: Yes., evidence: [{fact: port-2017, bearing: outcome}]}\n"
    )
    assert reviews(text) == (
        [None, Review("trade-grew", "supported", "Yes.", (EvidenceItem("port-2017", "outcome"),))],
        [("reviews[0].verdict", 2, 34, f"expected one of {VERDICT_CHOICES}, found 'maybe'")],
    )


# -- comparisons ----------------------------------------------------------------------------------------------------

COMPARISON = """\
comparisons:
  - id: income-vs-ministry
    facts: [income-2017, ministry-income-2017]
    comparable: true
    reason: Both count the corridor's 2017 income in dollars.
  - id: trains-vs-income
    facts: [trains-2017, income-2017]
    comparable: false
    reason: Trains are not dollars.
"""


def test_comparisons_are_read_whole() -> None:
    assert comparisons(COMPARISON) == (
        [
            Comparison(
                "income-vs-ministry",
                ("income-2017", "ministry-income-2017"),
                True,
                "Both count the corridor's 2017 income in dollars.",
            ),
            Comparison("trains-vs-income", ("trains-2017", "income-2017"), False, "Trains are not dollars."),
        ],
        [],
    )


def test_a_comparison_needs_every_field() -> None:
    assert comparisons("comparisons:\n  - reason: None given.\n") == (
        [None],
        [
            ("comparisons[0]", 2, 5, "missing required field 'comparable'"),
            ("comparisons[0]", 2, 5, "missing required field 'facts'"),
            ("comparisons[0]", 2, 5, "missing required field 'id'"),
        ],
    )


def test_a_comparison_that_is_not_a_mapping_is_refused() -> None:
    assert comparisons("comparisons:\n  - [a, b]\n") == (
        [None],
        [("comparisons[0]", 2, 5, "expected a mapping of fields, found a list")],
    )


def test_a_comparison_compares_exactly_two_facts() -> None:
    text = (
        "comparisons:\n"
        "  - {id: three, facts: [a, b, c], comparable: true, reason: Too many.}\n"
        "  - {id: one, facts: [a], comparable: true, reason: Too few.}\n"
        "  - {id: none, facts: [], comparable: false, reason: None at all.}\n"
    )
    assert comparisons(text) == (
        [None, None, None],
        [
            ("comparisons[0].facts", 2, 24, "expected the ids of two facts, found 3"),
            ("comparisons[1].facts", 3, 22, "expected the ids of two facts, found 1"),
            ("comparisons[2].facts", 4, 23, "expected the ids of two facts, found 0"),
        ],
    )


def test_a_comparison_with_facts_that_are_not_a_list_is_refused_once() -> None:
    text = "comparisons:\n  - {id: c, facts: income-2017, comparable: true, reason: One.}\n"
    assert comparisons(text) == (
        [None],
        [("comparisons[0].facts", 2, 20, "expected a list of text, found text 'income-2017'")],
    )


def test_a_comparison_of_facts_with_bad_ids_is_refused() -> None:
    text = "comparisons:\n  - {id: Bad Id, facts: [income-2017, Ministry], comparable: true, reason: ''}\n"
    assert comparisons(text) == (
        [None],
        [
            ("comparisons[0].id", 2, 10, KEBAB + "'Bad Id'"),
            ("comparisons[0].facts[1]", 2, 39, "expected lower-case kebab-case, found 'Ministry'"),
            ("comparisons[0].reason", 2, 76, "expected text, found an empty string"),
        ],
    )


def test_comparable_is_true_or_false() -> None:
    text = (
        "comparisons:\n"
        "  - {id: c, facts: [a, b], comparable: maybe, reason: Unsure.}\n"
        "  - {id: d, facts: [a, b], comparable: 1, reason: Unsure.}\n"
        "  - {id: e, facts: [a, b], comparable: null, reason: Unsure.}\n"
    )
    assert comparisons(text) == (
        [None, None, None],
        [
            ("comparisons[0].comparable", 2, 40, "expected true or false"),
            ("comparisons[1].comparable", 3, 40, "expected true or false"),
            ("comparisons[2].comparable", 4, 40, "expected true or false"),
        ],
    )


def test_a_good_comparison_after_a_bad_one_is_still_read() -> None:
    text = (
        "comparisons:\n"
        "  - {id: c, facts: [a, b], comparable: yes}\n"
        "  - {id: d, facts: [a, b], comparable: no, reason: Different years.}\n"
    )
    assert comparisons(text) == (
        [None, Comparison("d", ("a", "b"), False, "Different years.")],
        [("comparisons[0]", 2, 5, "missing required field 'reason'")],
    )


# -- the reviewer ---------------------------------------------------------------------------------------------------


def test_the_reviewer_is_read_with_or_without_a_url() -> None:
    assert reviewer("reviewer:\n  name: Fact desk\n  url: https://example.org/desk\n") == (
        Reviewer("Fact desk", "https://example.org/desk"),
        [],
    )
    assert reviewer("reviewer:\n  name: Fact desk\n  url: null\n") == (Reviewer("Fact desk", None), [])
    assert reviewer("reviewer:\n  name: Fact desk\n") == (Reviewer("Fact desk"), [])


def test_no_reviewer_is_no_problem() -> None:
    assert reviewer("facts: []\n") == (None, [])
    assert reviewer("reviewer: null\n") == (None, [])


def test_a_reviewer_needs_a_name() -> None:
    assert reviewer("reviewer:\n  url: https://example.org\n") == (
        None,
        [("reviewer", 2, 3, "missing required field 'name'")],
    )
    assert reviewer("reviewer:\n  name: 12\n") == (
        None,
        [("reviewer.name", 2, 9, 'expected text, found integer 12; quote it: name: "12"')],
    )


def test_a_reviewer_that_is_not_a_mapping_is_refused() -> None:
    assert reviewer("reviewer: Fact desk\n") == (
        None,
        [("reviewer", 1, 11, "expected a mapping of fields, found text 'Fact desk'")],
    )


def test_a_reviewer_url_that_is_not_text_is_reported() -> None:
    assert reviewer("reviewer:\n  name: Fact desk\n  url: 12\n  email: desk@example.org\n") == (
        Reviewer("Fact desk", None),
        [
            ("reviewer.email", 4, 3, "unknown field 'email'; known fields: name, url"),
            ("reviewer.url", 3, 8, 'expected text or null (for unknown), found integer 12; quote it: url: "12"'),
        ],
    )


# -- the fact sheet's heading -----------------------------------------------------------------------------------------


def heading(text: str) -> tuple[Heading | None, list[tuple[str, int | None, int | None, str]]]:
    reader, data = reader_of(text)
    read = read_heading(reader, data.get("report"), ("report",))
    return read, [(p.path, p.line, p.column, p.message) for p in reader.problems]


def test_the_report_heading_is_a_title_and_an_optional_lead() -> None:
    assert heading("report:\n  title: What it claims\n  lead: In brief.\n") == (
        Heading("What it claims", "In brief."),
        [],
    )
    assert heading("report:\n  title: What it claims\n") == (Heading("What it claims"), [])
    assert heading("facts: []\n") == (None, [])


def test_a_report_heading_needs_a_title_and_no_other_field() -> None:
    assert heading("report:\n  lead: In brief.\n") == (None, [("report", 2, 3, "missing required field 'title'")])
    _found, problems = heading("report:\n  title: T\n  subtitle: S\n")
    assert [(path, line) for path, line, _column, _message in problems] == [("report.subtitle", 3)]
