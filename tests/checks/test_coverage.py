"""Coverage of claims (kzcn.checks.coverage): the runs of words no quote covers, filler aside, and each paragraph's share."""

from __future__ import annotations

from dataclasses import replace

from builders import ARTICLE, fact_data, sha256, small_kb
from conftest import SHIPPED_FACTS
from kzcn.checks.coverage import ParagraphCoverage, UncoveredSpan, claims_without_own_words, paragraph_coverage
from kzcn.kb.load import load_knowledge_base
from kzcn.model.records import KnowledgeBase
from kzcn.parse.schema import SchemaReader
from kzcn.parse.yamlload import parse


def loaded(data: dict[str, object]) -> KnowledgeBase:
    """The model of a knowledge base, read without the check: coverage is a query, whatever the check says."""
    import yaml

    kb = SchemaReader("kb.yaml", parse("kb.yaml", yaml.safe_dump(data, allow_unicode=True))).read()
    assert kb is not None
    return kb


def span(text: str, words: str, paragraph: int, source: str = "doc") -> UncoveredSpan:
    start = text.index(words)
    return UncoveredSpan(source, paragraph, start, start + len(words), words)


def test_unquoted_words_are_reported_as_exact_spans_with_each_paragraphs_share() -> None:
    # "Officials say" is a claim of its own (who says it), though the rest of its sentence is quoted.
    assert paragraph_coverage(loaded(small_kb())) == [
        ParagraphCoverage("doc", 1, 14, 14, ()),
        ParagraphCoverage("doc", 2, 17, 15, (span(ARTICLE, "Officials say", 2),)),
        ParagraphCoverage("doc", 3, 17, 17, ()),
    ]


def test_a_claim_left_out_of_a_quoted_sentence_is_reported() -> None:
    data = small_kb()
    data["facts"][4]["quotes"][0]["text"] = "10 cities are served."  # the bound "More than" is no longer quoted
    data["facts"][5]["quotes"][0]["text"] = "Trade between the two countries"  # nor "grew quickly"
    assert [item.uncovered for item in paragraph_coverage(loaded(data))] == [
        (span(ARTICLE, "grew quickly", 1),),
        (span(ARTICLE, "Officials say", 2),),
        (span(ARTICLE, "More than", 3),),
    ]
    assert [item.percent for item in paragraph_coverage(loaded(data))] == [100 * 12 / 14, 100 * 15 / 17, 100 * 15 / 17]


def test_connectives_and_punctuation_are_not_claims() -> None:
    text = ARTICLE.replace(
        "grew quickly. In 2017", "grew quickly, and, at the same time, by and large, in 2017"
    ).replace("Officials say the", "But the")
    data = small_kb()
    data["sources"][0].update(text=text, sha256=sha256(text))
    data["facts"][0]["quotes"][0]["text"] = "in 2017 the port handled 40 trains."
    data["facts"][5]["quotes"][0]["text"] = "Trade between the two countries grew quickly"
    assert [item.uncovered for item in paragraph_coverage(loaded(data))] == [(), (), ()]
    assert paragraph_coverage(loaded(data))[0] == ParagraphCoverage("doc", 1, 14, 14, ())
    data["facts"][1]["quotes"][0]["text"] = '"new corridor" earned $ 2 billion in 2017'  # "the" is not filler
    assert [item.uncovered for item in paragraph_coverage(loaded(data))] == [(), (span(text, "But the", 2),), ()]


def test_the_shipped_file_quotes_every_claim_and_leaves_nothing_but_declared_furniture() -> None:
    shipped = load_knowledge_base(str(SHIPPED_FACTS))
    uncovered = [(item.paragraph, run.text) for item in paragraph_coverage(shipped) for run in item.uncovered]
    assert uncovered == []
    assert claims_without_own_words(shipped) == []


def test_deleting_any_one_claim_of_the_shipped_file_shows_as_uncovered_words() -> None:
    # Issue 21: coverage was a union of quoted words, so deleting a fact whose words another fact quoted whole (or
    # two facts at once) still showed 100%.
    shipped = load_knowledge_base(str(SHIPPED_FACTS))
    claims = [fact for fact in shipped.facts if shipped.is_claim(fact)]
    assert len(claims) >= 50
    unnoticed = []
    for fact in claims:
        without = replace(shipped, facts=tuple(other for other in shipped.facts if other.id != fact.id))
        if not any(item.uncovered for item in paragraph_coverage(without)):
            unnoticed.append(fact.id)
    assert unnoticed == []


def test_a_claim_whose_every_word_another_fact_quotes_is_named() -> None:
    data = small_kb()
    data["facts"].append(fact_data(id="part", quotes=[{"paragraph": 1, "text": "the two countries"}]))
    assert claims_without_own_words(loaded(data)) == ["part"]


def test_the_coverage_result_says_what_is_not_counted_and_names_its_columns() -> None:
    from kzcn.checks.coverage import coverage

    result = coverage(loaded(small_kb()))
    assert result.title == "Words of the sources that facts quote"
    assert result.table_fields == ("source", "paragraph", "percent", "uncovered")
    assert result.notes[0] == (
        "Not counted: punctuation, runs made only of connectives that carry no claim (“at the same time”, "
        "“after all”, “by and large”, “and”, “but”, “or”, “so”, “also”, “etc”), and what a source declares as page "
        "furniture (`furniture:`, a view counter, say)."
    )
