"""The schema reader directly, at the document and source level: exact records, exact problems, exact places."""

from __future__ import annotations

import pytest

from builders import fact, quote, sha256, source
from kzcn.model.records import Comparison, KnowledgeBase, Review, Reviewer, Source
from kzcn.parse.schema import SchemaReader
from kzcn.parse.yamlload import parse

SOURCE = """\
  - id: doc
    kind: article
    title: null
    author: null
    published: null
"""

FACT = """\
  - id: trains-2017
    statement: The port handled 40 trains.
    kind: statistic
    modality: asserted
    topics: [transport]
    entities: [Port]
    source: doc
    quotes:
      - paragraph: 1
        text: The port handled 40 trains.
"""

DOC = source(language=None, text=None)

TRAINS = fact(
    id="trains-2017",
    statement="The port handled 40 trains.",
    topics=("transport",),
    entities=("Port",),
    quotes=(quote(text="The port handled 40 trains."),),
)

TEXT = "The port handled 40 trains."
DIGEST = sha256(TEXT)


def reader_of(text: str) -> SchemaReader:
    return SchemaReader("KB", parse("KB", text))


def read(text: str) -> tuple[KnowledgeBase | None, list[str]]:
    """The knowledge base the reader builds from `text`, and every problem it reports, as printed."""
    reader = reader_of(text)
    kb = reader.read()
    return kb, [str(problem) for problem in reader.problems]


def with_source(source: str) -> str:
    """A knowledge base of one source (given as its YAML list item) and no facts."""
    return f"kzcn: 1\nsources:\n{source}facts: []\n"


# -- the document --------------------------------------------------------------------------------------------------


def test_a_document_that_is_not_a_mapping_is_one_problem_at_its_start() -> None:
    assert read("\n\n   yes\n") == (
        None,
        [
            "KB:3:4: expected a mapping with `sources:` and `facts:` at the top, "
            "found boolean true (YAML reads unquoted 'yes' as true)"
        ],
    )
    assert read("- doc\n") == (
        None,
        ["KB:1:1: expected a mapping with `sources:` and `facts:` at the top, found a list"],
    )


def test_a_minimal_knowledge_base_reads_into_the_model() -> None:
    reader = reader_of(f"kzcn: 1\nsources:\n{SOURCE}facts:\n{FACT}")
    assert reader.read() == KnowledgeBase(sources=(DOC,), facts=(TRAINS,), path="KB")
    assert reader.problems == []
    assert reader.positions == {
        "sources": [0],
        "facts": [0],
        "relations": [],
        "derived": [],
        "reviews": [],
        "comparisons": [],
    }
    assert reader.declared_ids == {"doc", "trains-2017"}


def test_sources_and_facts_are_required_at_the_top_and_nothing_else() -> None:
    assert read("kzcn: 1\n") == (
        KnowledgeBase(sources=(), facts=(), path="KB"),
        ["KB:1:1: missing required field 'facts'", "KB:1:1: missing required field 'sources'"],
    )
    assert read("sources:\n" + SOURCE + "facts: []\n") == (KnowledgeBase(sources=(DOC,), facts=(), path="KB"), [])


def test_an_empty_source_list_is_a_problem() -> None:
    assert read("kzcn: 1\nsources: []\nfacts: []\n") == (
        KnowledgeBase(sources=(), facts=(), path="KB"),
        ["KB:2:10: sources: expected at least one source"],
    )


@pytest.mark.parametrize(
    ("version", "problems"),
    [
        ("1", []),
        ("0", ["KB:1:7: kzcn: this kzcn reads format version 1, found 0"]),
        ("2", ["KB:1:7: kzcn: this kzcn reads format version 1, found 2"]),
        ("1000000", ["KB:1:7: kzcn: this kzcn reads format version 1, found 1000000"]),
        ("1000001", ["KB:1:7: kzcn: expected a whole number from 0 to 1000000, found 1000001"]),
        ("-1", ["KB:1:7: kzcn: expected a whole number from 0 to 1000000, found -1"]),
        ('"1"', ["KB:1:7: kzcn: expected a whole number, found text '1'"]),
    ],
)
def test_the_format_version_must_be_the_one_this_kzcn_reads(version: str, problems: list[str]) -> None:
    kb, found = read(f"kzcn: {version}\nsources:\n{SOURCE}facts: []\n")
    assert found == problems
    assert kb == KnowledgeBase(sources=(DOC,), facts=(), path="KB")


def test_the_format_version_may_be_left_out() -> None:
    assert read(f"sources:\n{SOURCE}facts: []\n") == (KnowledgeBase(sources=(DOC,), facts=(), path="KB"), [])


def test_a_sources_or_facts_value_that_is_not_a_list_is_reported_once() -> None:
    assert read("sources: 5\nfacts: 6\n") == (
        KnowledgeBase(sources=(), facts=(), path="KB"),
        [
            "KB:1:10: sources: expected a list, found integer 5",
            "KB:2:8: facts: expected a list, found integer 6",
            "KB:1:10: sources: expected at least one source",
        ],
    )


def test_the_other_top_level_lists_must_be_lists() -> None:
    text = f"sources:\n{SOURCE}facts: []\nrelations: 7\nderived: 8\nreviews: 9\ncomparisons: {{}}\n"
    assert read(text) == (
        KnowledgeBase(sources=(DOC,), facts=(), path="KB"),
        [
            "KB:8:12: relations: expected a list, found integer 7",
            "KB:9:10: derived: expected a list, found integer 8",
            "KB:10:10: reviews: expected a list, found integer 9",
            "KB:11:14: comparisons: expected a list, found a mapping",
        ],
    )


def test_records_that_fail_are_left_out_and_the_rest_keep_their_place_in_the_file() -> None:
    text = (
        "kzcn: 1\n"
        "sources:\n"
        "  - just a name\n"
        "  - {id: Bad Id, kind: article, title: null, author: null, published: null}\n"
        f"{SOURCE}"
        "facts:\n"
        "  - {id: 12}\n"
        f"{FACT}"
        "relations:\n"
        "  - {id: whole-first, kind: part-of, part: trains-2017}\n"
        "  - {id: trains-in-trains, kind: part-of, part: trains-2017, whole: trains-2017}\n"
        "derived:\n"
        "  - {id: trains-share, label: Share, operation: share, inputs: {part: trains-2017, whole: trains-2017}}\n"
        "  - {id: trains-sum, label: Sum, operation: sum}\n"
        "reviews:\n"
        "  - {claim: trains-2017, verdict: true, summary: Counted.}\n"
        "  - {claim: trains-2017, verdict: supported, summary: Counted.}\n"
        "comparisons:\n"
        "  - {id: trains-alone, facts: [trains-2017, trains-2017], comparable: true, reason: Same count.}\n"
        "  - {id: trains-odd, facts: [trains-2017], comparable: true, reason: One.}\n"
        "reviewer: {name: Fact desk}\n"
    )
    reader = reader_of(text)
    kb = reader.read()
    assert [str(problem) for problem in reader.problems] == [
        "KB:3:5: sources[0]: expected a mapping of fields, found text 'just a name'",
        "KB:4:10: sources[1].id: expected a kebab-case id (lower-case letters, digits and single hyphens), "
        "found 'Bad Id'",
        "KB:11:5: facts[0]: missing required field 'entities'",
        "KB:11:5: facts[0]: missing required field 'kind'",
        "KB:11:5: facts[0]: missing required field 'modality'",
        "KB:11:5: facts[0]: missing required field 'quotes'",
        "KB:11:5: facts[0]: missing required field 'source'",
        "KB:11:5: facts[0]: missing required field 'statement'",
        "KB:11:5: facts[0]: missing required field 'topics'",
        'KB:11:10: facts[0].id: expected text, found integer 12; quote it: id: "12"',
        "KB:23:5: relations[0]: missing required field 'whole'",
        "KB:27:5: derived[1]: missing required field 'inputs'",
        'KB:29:35: reviews[0].verdict: expected text, found boolean true; quote it: verdict: "true"',
        "KB:33:29: comparisons[1].facts: expected the ids of two facts, found 1",
    ]
    assert kb is not None
    assert kb.sources == (DOC,)
    assert kb.facts == (TRAINS,)
    assert [relation.id for relation in kb.relations] == ["trains-in-trains"]
    assert [spec.id for spec in kb.derived] == ["trains-share"]
    assert kb.reviews == (Review("trains-2017", "supported", "Counted."),)
    assert kb.comparisons == (Comparison("trains-alone", ("trains-2017", "trains-2017"), True, "Same count."),)
    assert kb.reviewer == Reviewer("Fact desk")
    assert reader.positions == {
        "sources": [2],
        "facts": [1],
        "relations": [1],
        "derived": [0],
        "reviews": [1],
        "comparisons": [0],
    }
    # Every id the file declares for a source or a fact, valid or not, so references to them are not reported twice.
    assert reader.declared_ids == {"Bad Id", "doc", "12", "trains-2017"}


def test_a_reviewer_with_a_wrong_name_is_located_under_reviewer() -> None:
    kb, problems = read(f"kzcn: 1\nsources:\n{SOURCE}facts: []\nreviewer:\n  name: 5\n")
    assert problems == ['KB:10:9: reviewer.name: expected text, found integer 5; quote it: name: "5"']
    assert kb == KnowledgeBase(sources=(DOC,), facts=(), path="KB")


# -- sources -------------------------------------------------------------------------------------------------------


def test_a_source_with_every_field_reads_exactly() -> None:
    source = (
        "  - id: news\n"
        "    kind: web page\n"
        "    title: Trains\n"
        "    author: A. Writer\n"
        "    publisher: The Paper\n"
        '    published: "2017-05-01"\n'
        "    language: en\n"
        "    url: https://example.org/trains\n"
        "    view_count: 1234\n"
        "    notes: Reprinted.\n"
        '    retrieved: "2026-11-30"\n'
        "    role: evidence\n"
        f"    text: {TEXT}\n"
        f"    sha256: {DIGEST}\n"
        "    cited_in: {source: doc, paragraph: 3}\n"
    )
    assert read(with_source(source)) == (
        KnowledgeBase(
            sources=(
                Source(
                    id="news",
                    kind="web page",
                    title="Trains",
                    author="A. Writer",
                    publisher="The Paper",
                    published="2017-05-01",
                    language="en",
                    url="https://example.org/trains",
                    view_count=1234,
                    notes="Reprinted.",
                    text=TEXT,
                    sha256=DIGEST,
                    cited_in=("doc", 3),
                    role="evidence",
                    retrieved="2026-11-30",
                ),
            ),
            facts=(),
            path="KB",
        ),
        [],
    )


def test_optional_source_fields_may_be_null() -> None:
    source = SOURCE + (
        "    publisher: null\n    language: null\n    url: null\n    view_count: null\n    notes: null\n"
        "    retrieved: null\n    text: null\n    sha256: null\n"
    )
    assert read(with_source(source)) == (KnowledgeBase(sources=(DOC,), facts=(), path="KB"), [])


@pytest.mark.parametrize(
    ("count", "kept", "problems"),
    [
        ("0", 0, []),
        ("1000000000000000", 10**15, []),
        ("-1", None, ["KB:8:17: sources[0].view_count: expected a whole number from 0 to 1000000000000000, found -1"]),
        (
            "1000000000000001",
            None,
            [
                "KB:8:17: sources[0].view_count: expected a whole number from 0 to 1000000000000000, "
                "found 1000000000000001"
            ],
        ),
        ("many", None, ["KB:8:17: sources[0].view_count: expected a whole number or null, found text 'many'"]),
    ],
)
def test_a_view_count_is_a_whole_number_from_zero_to_a_quadrillion(
    count: str, kept: int | None, problems: list[str]
) -> None:
    kb, found = read(with_source(SOURCE + f"    view_count: {count}\n"))
    assert found == problems
    assert kb is not None
    assert kb.sources == (Source(**{**DOC.__dict__, "view_count": kept}),)


def test_an_unknown_role_is_reported_and_the_source_is_kept_as_primary() -> None:
    kb, problems = read(with_source(SOURCE + "    role: boss\n"))
    assert problems == ["KB:8:11: sources[0].role: expected one of primary, evidence, cited, found 'boss'"]
    assert kb is not None
    assert kb.sources == (DOC,)
    assert kb.sources[0].role == "primary"


@pytest.mark.parametrize("role", ["primary", "evidence", "cited"])
def test_each_source_role_is_read(role: str) -> None:
    kb, problems = read(with_source(SOURCE + f"    role: {role}\n"))
    assert problems == []
    assert kb is not None
    assert kb.sources[0].role == role


def test_a_malformed_digest_is_reported_with_the_texts_digest_and_dropped() -> None:
    kb, problems = read(with_source(SOURCE + f"    text: {TEXT}\n    sha256: {DIGEST.upper()}\n"))
    assert problems == [
        "KB:9:13: sources[0].sha256: expected 64 lower-case hexadecimal digits (a SHA-256 digest); "
        f"the text's digest is {DIGEST}"
    ]
    assert kb is not None
    assert kb.sources == (Source(**{**DOC.__dict__, "text": TEXT, "sha256": None}),)


def test_a_malformed_digest_without_a_text_has_no_digest_to_offer() -> None:
    kb, problems = read(with_source(SOURCE + "    sha256: abc\n"))
    assert problems == ["KB:8:13: sources[0].sha256: expected 64 lower-case hexadecimal digits (a SHA-256 digest)"]
    assert kb is not None
    assert kb.sources == (DOC,)


@pytest.mark.parametrize("digest_line", ["", "    sha256: null\n"])
def test_a_source_with_a_text_needs_its_digest(digest_line: str) -> None:
    kb, problems = read(with_source(SOURCE + f"    text: {TEXT}\n" + digest_line))
    assert problems == [f"KB:3:5: sources[0]: a source with `text` needs its `sha256`; the text's digest is {DIGEST}"]
    assert kb is not None
    assert kb.sources == (Source(**{**DOC.__dict__, "text": TEXT}),)


@pytest.mark.parametrize(
    ("cited_in", "kept", "problems"),
    [
        ("{source: doc, paragraph: 1}", ("doc", 1), []),
        ("{source: doc, paragraph: 1000000}", ("doc", 1000000), []),
        (
            "{source: doc, paragraph: 0}",
            None,
            ["KB:8:40: sources[0].cited_in.paragraph: expected a whole number from 1 to 1000000, found 0"],
        ),
        (
            "{source: doc, paragraph: 1000001}",
            None,
            ["KB:8:40: sources[0].cited_in.paragraph: expected a whole number from 1 to 1000000, found 1000001"],
        ),
        (
            "{source: Doc, paragraph: 2}",
            None,
            [
                "KB:8:24: sources[0].cited_in.source: expected a kebab-case id (lower-case letters, digits and "
                "single hyphens), found 'Doc'"
            ],
        ),
        ("{source: doc}", None, ["KB:8:15: sources[0].cited_in: missing required field 'paragraph'"]),
        ("{paragraph: 2}", None, ["KB:8:15: sources[0].cited_in: missing required field 'source'"]),
        (
            "{source: doc, paragraph: 2, page: 4}",
            ("doc", 2),
            ["KB:8:43: sources[0].cited_in.page: unknown field 'page'; known fields: paragraph, source"],
        ),
        ("doc", None, ["KB:8:15: sources[0].cited_in: expected a mapping of fields, found text 'doc'"]),
    ],
)
def test_cited_in_is_a_source_and_a_paragraph(cited_in: str, kept: tuple[str, int] | None, problems: list[str]) -> None:
    kb, found = read(with_source(SOURCE + f"    cited_in: {cited_in}\n"))
    assert found == problems
    assert kb is not None
    assert kb.sources == (Source(**{**DOC.__dict__, "cited_in": kept}),)


@pytest.mark.parametrize(
    ("source", "problems"),
    [
        (
            "  - {kind: article, title: null, author: null, published: null}\n",
            ["KB:3:5: sources[0]: missing required field 'id'"],
        ),
        (
            "  - {id: Doc, kind: article, title: null, author: null, published: null}\n",
            [
                "KB:3:10: sources[0].id: expected a kebab-case id (lower-case letters, digits and single hyphens), "
                "found 'Doc'"
            ],
        ),
        (
            "  - {id: doc, title: null, author: null, published: null}\n",
            ["KB:3:5: sources[0]: missing required field 'kind'"],
        ),
        (
            "  - {id: doc, kind: 5, title: null, author: null, published: null}\n",
            ['KB:3:21: sources[0].kind: expected text, found integer 5; quote it: kind: "5"'],
        ),
        (
            f"  - {{id: doc, kind: article, title: null, author: null, published: null, text: 5, sha256: {DIGEST}}}\n",
            ['KB:3:80: sources[0].text: expected text or null (for unknown), found integer 5; quote it: text: "5"'],
        ),
    ],
)
def test_a_source_without_a_usable_id_kind_or_text_is_left_out(source: str, problems: list[str]) -> None:
    reader = reader_of(with_source(source))
    assert reader.read() == KnowledgeBase(sources=(), facts=(), path="KB")
    assert [str(problem) for problem in reader.problems] == problems
    assert reader.positions["sources"] == []


def test_a_source_with_other_fields_wrong_is_kept_so_its_facts_are_still_checked() -> None:
    source = (
        SOURCE.replace("title: null", "title: 5")
        + "    rol: evidence\n    cited_in: {source: doc, paragraph: 2, id: x}\n"
    )
    kb, problems = read(with_source(source))
    assert problems == [
        "KB:8:5: sources[0].rol: unknown field 'rol'; did you mean 'role'?",
        'KB:5:12: sources[0].title: expected text or null (for unknown), found integer 5; quote it: title: "5"',
        "KB:9:43: sources[0].cited_in.id: unknown field 'id'; known fields: paragraph, source",
    ]
    assert kb is not None
    assert kb.sources == (Source(**{**DOC.__dict__, "cited_in": ("doc", 2)}),)
