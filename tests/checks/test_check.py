"""The schema and the semantic check, on small knowledge bases built in tmp_path."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builders import ARTICLE, sha256, small_kb
from kzcn.errors import KnowledgeBaseError
from kzcn.kb.load import load_knowledge_base

SHARED_FIX = (
    "quote the words of this fact's own claim, or, where two claims rest on one span (a condition they share), "
    "say why on both quotes: `shared: ...`"
)
"""The fix the check gives for a span two facts quote alike."""


def where(path: Path, line_text: str, value: str, nth: int = 1) -> str:
    """ "line:column" of `value` on the nth line of the file that contains `line_text`, as the checker reports it."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line_text in line:
            seen += 1
            if seen == nth:
                return f"{number}:{line.index(value) + 1}"
    raise AssertionError(f"{line_text!r} is not in {path}")


def failures(path: Path) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(str(path))
    return [str(problem).replace(str(path), "KB") for problem in caught.value.problems]


def test_small_knowledge_base_is_valid(write_kb: Callable[..., Path]) -> None:
    kb = load_knowledge_base(str(write_kb()))
    assert [fact.id for fact in kb.facts] == [
        "trains-2017", "income-2017", "income-transit-2017", "income-forecast-2020", "cities-served", "trade-grew",
    ]  # fmt: skip
    cities = kb.facts_by_id["cities-served"]
    assert cities.quantity is not None and cities.quantity.qualifier == "more-than" and cities.quantity.amount == 10
    assert kb.facts_by_id["income-2017"].time is not None
    assert kb.warnings == ()


def test_altered_quote_is_reported_with_closest_passage(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][0]["quotes"][0]["text"] = "In 2017 the port handled 41 trains."
    path = write_kb(data)
    assert failures(path) == [
        f"KB:{where(path, 'amount: 40', '40')}: facts[0].quantity.amount: the amount 40 does not appear in "
        "the fact's quotes (numbers there: 41, 2017); quote the words that give it",
        f"KB:{where(path, '41 trains', 'In 2017')}: facts[0].quotes[0].text: the quote does not appear verbatim in "
        "source 'doc'; closest passage (paragraph 1, 97% alike): 'In 2017 the port handled 40 trains.'",
    ]


def test_altered_number_is_reported(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][1]["quantity"]["amount"] = 2.5
    data["facts"][1]["statement"] = "The corridor earned $2.5 billion in 2017."
    path = write_kb(data)
    assert failures(path) == [
        f"KB:{where(path, 'amount: 2.5', '2.5')}: facts[1].quantity.amount: the amount 2.5 does not appear in "
        "the fact's quotes (numbers there: 2, 2017); quote the words that give it"
    ]


def test_altered_fingerprint_is_reported(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["sources"][0]["text"] = ARTICLE.replace("Officials say", "Officials said")
    path = write_kb(data)
    assert failures(path) == [
        f"KB:{where(path, 'sha256:', '5cf')}: sources[0].sha256: fingerprint mismatch: the text's SHA-256 is "
        f"{sha256(data['sources'][0]['text'])}, the file records {sha256(ARTICLE)}; "
        "the text was changed, or the digest is wrong"
    ]


def test_quote_in_another_paragraph_names_the_right_one(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][4]["quotes"][0]["paragraph"] = 1
    path = write_kb(data)
    offset = ARTICLE.split("\n\n")[2].index("More than 10")
    assert failures(path) == [
        f"KB:{where(path, 'paragraph: 1', '1', nth=2)}: facts[4].quotes[0].paragraph: the quote stands in "
        f"paragraph 3 (offset {offset}), not 1; write paragraph: 3"
    ]


def test_quotes_match_across_typographic_quotes_dashes_and_spaces(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][1]["quotes"][0]["text"] = "the \u201cnew   corridor\u201d earned $\u00a02 billion in 2017"
    load_knowledge_base(str(write_kb(data)))


def test_relation_part_larger_than_whole_fails(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["relations"][0] = {"id": "bad", "kind": "part-of", "part": "income-forecast-2020", "whole": "income-2017"}
    path = write_kb(data)
    assert failures(path) == [
        # Named by no part-of relation now, the transit figure reads as a second 2017 total.
        f"KB:{where(path, 'amount: 0.5', 'amount')}: facts[2].quantity: series "
        "'transport-income' already has a stated 2017 total: income-2017 ($2 billion), this fact gives $0.5 billion; "
        "keep one, give the other its own series, or declare it a part with a part-of relation",
        f"KB:{where(path, 'id: bad', 'id')}: relations[0]: part-of does not hold: the part income-forecast-2020 (4,000,000,000 USD) is larger "
        "than the whole income-2017 (2,000,000,000 USD)",
    ]


def test_year_must_appear_in_quote(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][4]["time"] = {"year": 2019}
    data["facts"][4]["statement"] = "More than 10 cities were served in 2019."
    path = write_kb(data)
    assert failures(path) == [
        f"KB:{where(path, 'year: 2019', '2019')}: facts[4].time.year: the year 2019 does not appear as a year in the fact's quotes (numbers there: 10); "
        "quote the words that give it, say how it is known with `inferred:`, or drop `time`"
    ]


def test_all_schema_problems_are_reported_together(write_kb: Callable[..., Path]) -> None:
    text = """\
kzcn: 1
sources:
  - id: doc
    kind: article
    title: null
    author: null
    published: no
    text: hello
    sha256: 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
facts:
  - id: Bad_Id
    statement: x
    kind: statistik
    modality: asserted
    topics: [trade]
    entities: []
    source: doc
    quotes: [{paragraph: 1, text: hello}]
    quantity: {amount: 010, unit: USD}
    tiem: {year: 2017}
  - id: ok
    statement: [not, text]
    kind: event
    modality: asserted
    topics: []
    entities: []
    source: doc
    quotes: []
"""
    assert failures(write_kb(text)) == [
        "KB:7:16: sources[0].published: expected text or null (for unknown), found boolean false "
        "(YAML reads unquoted 'no' as false); quote it: published: \"no\"",
        "KB:11:9: facts[0].id: expected a kebab-case id (lower-case letters, digits and single hyphens), found 'Bad_Id'",
        "KB:13:11: facts[0].kind: expected one of statistic, forecast, event, opinion, found 'statistik'; "
        "did you mean 'statistic'?",
        "KB:19:24: facts[0].quantity.amount: expected a plain decimal number, found integer 8 "
        "(YAML reads unquoted '010' as 8); write it out",
        "KB:20:5: facts[0].tiem: unknown field 'tiem'; did you mean 'time'?",
        "KB:22:16: facts[1].statement: expected text, found a list",
        "KB:25:13: facts[1].topics: expected at least 1 item(s), found 0",
        "KB:28:13: facts[1].quotes: expected at least one quote: every fact is traceable to its source",
    ]


def test_unquoted_date_is_caught(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    text = write_kb(data).read_text(encoding="utf-8").replace("published: null", "published: 2017-05-01")
    path = write_kb(text)
    assert failures(path) == [
        f"KB:{where(path, 'published:', '2017')}: sources[0].published: expected text or null (for unknown), found a date (2017-05-01) "
        '(YAML reads an unquoted date as a date); quote it: published: "2017-05-01"'
    ]


def test_references_must_resolve(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][0]["source"] = "nowhere"
    data["derived"][0]["inputs"]["part"] = "missing-fact"
    data["relations"][1]["to"] = "gone"
    path = write_kb(data)
    assert failures(path) == [
        f"KB:{where(path, 'source: nowhere', 'nowhere')}: facts[0].source: names no known source 'nowhere'; known: doc",
        f"KB:{where(path, 'to: gone', 'gone')}: relations[1].to: names no known fact 'gone'",
        f"KB:{where(path, 'part: missing-fact', 'missing')}: derived[0].inputs.part: names no known fact 'missing-fact'",
    ]


def test_duplicate_ids_fail(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][1]["id"] = "trains-2017"
    path = write_kb(data)
    found = failures(path)
    assert found[0] == (
        f"KB:{where(path, 'id: trains-2017', 'trains', nth=2)}: facts[1].id: duplicate id 'trains-2017', "
        "first used at facts[0]"
    )


def test_a_span_two_facts_quote_is_refused_at_the_second(write_kb: Callable[..., Path]) -> None:
    # Issue 21: each fact quotes the words of its own claim; a repeated span was only a warning.
    data = small_kb()
    clone: dict[str, Any] = copy.deepcopy(data["facts"][0])
    clone["id"] = "trains-2017-again"
    data["facts"].append(clone)
    assert [problem.split(": ", 1)[1] for problem in failures(write_kb(data))] == [
        f"facts[6].quotes[0].text: fact trains-2017 quotes these same words; {SHARED_FIX}"
    ]


def test_a_shared_span_declared_on_both_quotes_loads(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    clone: dict[str, Any] = copy.deepcopy(data["facts"][0])
    clone["id"] = "trains-2017-again"
    data["facts"].append(clone)
    data["facts"][0]["quotes"][0]["shared"] = "the same words back both"
    clone["quotes"][0]["shared"] = "the same words back both"
    assert load_knowledge_base(str(write_kb(data))).facts[6].quotes[0].shared == "the same words back both"
    clone["quotes"][0]["shared"] = None  # declared on one side only
    assert len(failures(write_kb(data))) == 1


def test_top_level_must_be_a_mapping(write_kb: Callable[..., Path]) -> None:
    assert failures(write_kb("- a\n- b\n")) == [
        "KB:1:1: expected a mapping with `sources:` and `facts:` at the top, found a list"
    ]
    assert failures(write_kb("just text\n")) == [
        "KB:1:1: expected a mapping with `sources:` and `facts:` at the top, found text 'just text'"
    ]


def test_derived_figure_without_inputs_is_a_located_problem(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    del data["derived"][2]["inputs"]
    path = write_kb(data)
    assert failures(path) == [
        f"KB:{where(path, 'id: income-growth', 'id')}: derived[2]: missing required field 'inputs'"
    ]


def test_missing_or_malformed_digest_says_which_to_record(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["sources"][0]["sha256"] = "0c5f…"
    path = write_kb(data)
    assert failures(path) == [
        f"KB:{where(path, 'sha256:', '0c5f')}: sources[0].sha256: expected 64 lower-case hexadecimal digits "
        f"(a SHA-256 digest); the text's digest is {sha256(ARTICLE)}"
    ]
    del data["sources"][0]["sha256"]
    path = write_kb(data)
    assert failures(path) == [
        f"KB:{where(path, '- id: doc', 'id')}: sources[0]: a source with `text` needs its `sha256`; "
        f"the text's digest is {sha256(ARTICLE)}"
    ]


def test_a_quote_differing_only_in_unicode_normalisation_says_so(write_kb: Callable[..., Path]) -> None:
    import unicodedata

    data = small_kb()
    article = ARTICLE.replace("Officials", "Caf\u00e9 officials")
    data["sources"][0]["text"] = article
    data["sources"][0]["sha256"] = sha256(article)
    data["facts"][1]["quotes"].append({"paragraph": 2, "text": unicodedata.normalize("NFD", "Caf\u00e9 officials")})
    path = write_kb(data)
    assert failures(path)[-1].endswith(
        "the quote does not appear verbatim in source 'doc': it differs from paragraph 2 only in Unicode "
        "normalisation (the same letters composed differently, such as é as one character or as e and a combining "
        "accent); write the quote in NFC, as the source is"
    )


# Mutants that survived a probe of the suite: exact messages for values the schema refuses.


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda data: data["sources"][0].update(view_count=-5), "sources[0].view_count: "),
        (lambda data: data["facts"][0].update(statement="   "), "facts[0].statement: "),
        (lambda data: data["facts"][0]["quantity"].update(amount=float("inf")), "facts[0].quantity.amount: "),
    ],
)
def test_the_schema_refuses_out_of_range_blank_and_infinite_values(
    write_kb: Callable[..., Path], change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    data = small_kb()
    change(data)
    assert any(expected in line for line in failures(write_kb(data))), failures(write_kb(data))


def test_repeated_quotes_are_compared_after_folding_typography(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][2]["quotes"].append(
        {"paragraph": 2, "text": "the \u201cnew corridor\u201d earned $ 2 billion in 2017"}
    )
    assert [problem.split(": ", 1)[1] for problem in failures(write_kb(data))] == [
        f"facts[2].quotes[1].text: fact income-2017 quotes these same words; {SHARED_FIX}"
    ]
