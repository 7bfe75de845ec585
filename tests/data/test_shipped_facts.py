"""The shipped facts.yaml as data: it passes its check and is faithful to the article it quotes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import SHARED, SHIPPED_FACTS
from kzcn.checks.coverage import coverage
from kzcn.errors import KnowledgeBaseError
from kzcn.kb.load import load_knowledge_base
from kzcn.model.records import MODALITIES, KnowledgeBase


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    return load_knowledge_base(str(SHIPPED_FACTS))


def test_shipped_facts_pass_the_check_without_warnings(shipped: KnowledgeBase) -> None:
    assert shipped.warnings == ()
    assert 50 <= sum(1 for fact in shipped.facts if shipped.is_claim(fact)) <= 60  # one claim per fact (issue 21)


def test_article_text_is_the_received_article(shipped: KnowledgeBase) -> None:
    received = SHARED / "source" / "article.txt"
    if not received.is_file():
        pytest.skip(f"{received} is not here to compare with")
    article = shipped.sources_by_id["article"]
    assert article.text == received.read_text(encoding="utf-8")


def test_only_page_furniture_is_left_unquoted(shipped: KnowledgeBase) -> None:
    # What `kzcn check --coverage` lists: the runs of words of the article no fact quotes.
    uncovered = [(row["paragraph"], text) for row in coverage(shipped).records for text in row["uncovered"]]
    assert uncovered == []  # the view counter of paragraph 12 is declared furniture


def test_what_the_article_does_not_say_is_unknown(shipped: KnowledgeBase) -> None:
    article = shipped.sources_by_id["article"]
    assert (article.title, article.author, article.publisher, article.published) == (None, None, None, None)
    assert article.view_count == 1556
    documentary = shipped.sources_by_id["export-of-integration"]
    assert documentary.title == "Export of integration. The Economic Belt of the Silk Road"
    assert documentary.publisher == "TV and Radio Complex of the President of the Republic of Kazakhstan"
    assert documentary.text is None and documentary.cited_in == ("article", 11)


@pytest.mark.parametrize(
    ("fact_id", "kind", "amount", "unit", "scale", "qualifier", "year", "time_kind"),
    [
        ("transport-income-2017", "statistic", 3, "USD", "billion", "exact", 2017, "point"),
        ("transport-income-china-2017", "statistic", 1.3, "USD", "billion", "exact", 2017, "point"),
        ("transport-income-forecast-2020", "forecast", 5, "USD", "billion", "exact", 2020, "target"),
        ("european-cities-served", "statistic", 25, "cities", "one", "more-than", None, None),
        ("joint-industrial-projects", "statistic", 51, "projects", "one", "exact", None, None),
    ],
)
def test_figures_are_as_the_article_gives_them(
    shipped: KnowledgeBase,
    fact_id: str,
    kind: str,
    amount: float,
    unit: str,
    scale: str,
    qualifier: str,
    year: int | None,
    time_kind: str | None,
) -> None:
    fact = shipped.facts_by_id[fact_id]
    assert fact.kind == kind
    assert fact.quantity is not None
    assert (fact.quantity.amount, fact.quantity.unit, fact.quantity.scale, fact.quantity.qualifier) == (
        amount, unit, scale, qualifier,
    )  # fmt: skip
    assert (fact.time.year if fact.time else None, fact.time.kind if fact.time else None) == (year, time_kind)


def test_grain_exports_start_in_2017(shipped: KnowledgeBase) -> None:
    time = shipped.facts_by_id["grain-exports-to-vietnam"].time
    assert time is not None and (time.year, time.kind) == (2017, "start")


def test_every_kind_and_modality_is_used_and_reported_claims_are_attributed(shipped: KnowledgeBase) -> None:
    kinds = Counter(fact.kind for fact in shipped.facts)
    assert set(kinds) == {"statistic", "forecast", "event", "opinion"}
    assert {fact.modality for fact in shipped.facts} == set(MODALITIES)
    reported = {fact.id: fact.attributed_to for fact in shipped.facts if fact.modality == "reported"}
    assert all(reported.values())  # evidence attributed to whoever the page quotes
    assert {fact_id: who for fact_id, who in reported.items() if shipped.is_claim(shipped.facts_by_id[fact_id])} == {
        "transport-income-forecast-2020": "unnamed forecasts",
        "groups-believe-china-should-be-expelled": "some groups in Kazakh society",
    }
    conditional = {fact.id: fact.condition for fact in shipped.facts if fact.modality == "conditional"}
    assert conditional == {
        "expelling-china-backfires": "If China is expelled",
        "foreigners-watch-if-china-expelled": "If China is expelled",
    }


def test_every_exception_is_reasoned(shipped: KnowledgeBase) -> None:
    excepted = {(fact.id, item.rule): item.reason for fact in shipped.facts for item in fact.exceptions}
    assert list(excepted) == [
        ("kazakhstan-long-sought-europe", "entity-order"),
        ("transit-just-the-beginning", "forecast-cue"),
        ("groups-believe-china-should-be-expelled", "conditional-cue"),
        ("film-prepared-by-presidential-tv", "statement-words"),
        ("nazarbayev-state-visit", "statement-words"),
        ("transit-revenue-2019-1-2bn-usd", "qualifier-cue"),
        ("nazarbayev-fic-5bn-profit-by-2020", "qualifier-cue"),
        ("transit-potential-eu-76bn", "qualifier-cue"),
        ("joint-projects-55-27bn-mamin", "statistic-cue"),
    ]
    assert all(len(reason.split()) >= 8 for reason in excepted.values())  # a reason, not a token


def test_every_derived_figure_is_of_one_measure_or_says_why_its_inputs_may_be_joined(shipped: KnowledgeBase) -> None:
    # Issue 21: the article's five figures join its "earned" and its forecast "income", of no stated measure.
    declared = {spec.id for spec in shipped.derived if spec.comparable}
    assert declared == {
        "china-share-2017",
        "transport-income-2017-rest",
        "income-change-2017-2020",
        "income-percent-change-2017-2020",
        "income-annual-growth-2017-2020",
    }
    for spec in shipped.derived:
        if spec.id not in declared:
            measures = {shipped.facts_by_id[fact_id].measure for _role, fact_id in spec.inputs}
            assert len(measures) == 1 and None not in measures, spec.id


def test_shipped_file_reads_the_same_with_plain_safe_load() -> None:
    raw: dict[str, Any] = yaml.safe_load(SHIPPED_FACTS.read_text(encoding="utf-8"))
    kb = load_knowledge_base(str(SHIPPED_FACTS))
    assert [fact["id"] for fact in raw["facts"]] == [fact.id for fact in kb.facts]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "text: in 2017 earned $ 3 billion\n",
            "text: in 2017 gained $ 3 billion\n",
            "facts[23].quotes[0].text: the quote does not appear verbatim in source 'article'; closest passage "
            "(paragraph 4, 92% alike): 'in 2017 earned $ 3 billion'",
        ),
        (
            "quantity: {amount: 51, unit: projects}",
            "quantity: {amount: 52, unit: projects}",
            "facts[27].statement: the statement does not give the fact's amount 52 (52 projects); state the figure the "
            "fact records [statement-numbers]\n"
            "facts[27].quantity.amount: the amount 52 does not appear in the fact's quotes (numbers there: 51); "
            "quote the words that give it",
        ),
    ],
)
def test_altered_copy_of_shipped_file_fails_precisely(
    write_kb: Callable[..., Path], old: str, new: str, message: str
) -> None:
    text = SHIPPED_FACTS.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = write_kb(text.replace(old, new))
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(str(path))
    lines = [line.split(": ", 1)[1] for line in str(caught.value).splitlines()]
    assert lines == message.splitlines()


def test_altered_fingerprint_in_copy_of_shipped_file_fails(write_kb: Callable[..., Path]) -> None:
    text = SHIPPED_FACTS.read_text(encoding="utf-8")
    digest = load_knowledge_base(str(SHIPPED_FACTS)).sources_by_id["article"].sha256
    assert digest is not None
    path = write_kb(text.replace(digest, "a" * 64))
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(str(path))
    assert str(caught.value).endswith(
        f"sources[0].sha256: fingerprint mismatch: the text's SHA-256 is {digest}, the file records {'a' * 64}; "
        "the text was changed, or the digest is wrong"
    )


def test_schema_and_semantic_problems_are_reported_in_one_run(write_kb: Callable[..., Path]) -> None:
    text = SHIPPED_FACTS.read_text(encoding="utf-8")
    broken = (
        text.replace("published: null      # nor a date", "published: no")
        .replace("text: in 2017 earned $ 3 billion\n", "text: in 2017 gained $ 3 billion\n")
        .replace("quantity: {amount: 51, unit: projects}", "quantity: {amount: 52, unit: projects}")
    )
    path = write_kb(broken)
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(str(path))
    lines = [line.split(": ", 2)[1] for line in str(caught.value).splitlines()]
    assert lines == [
        "sources[0].published",
        "facts[23].quotes[0].text",
        "facts[27].statement",
        "facts[27].quantity.amount",
    ]
