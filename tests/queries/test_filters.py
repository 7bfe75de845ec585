"""kzcn.queries.filters: the one AND/OR rule, the Filters value checked once, and the commands that use it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import small_kb
from kzcn.cli.filters import RULE
from kzcn.errors import UsageError
from kzcn.kb.load import load_knowledge_base
from kzcn.model.records import FACT_KINDS, MODALITIES, Fact, KnowledgeBase, Quote, Review, Source, TimeRef
from kzcn.queries.article import annotate
from kzcn.queries.facts import list_facts
from kzcn.queries.filters import NO_FILTERS, OPTIONS, Filters, all_hold, choice, year_matches
from kzcn.queries.reviews import list_reviews

Run = Callable[..., Any]


def always(value: object) -> bool:
    return True


def never(value: object) -> bool:
    return False


# The rule itself


def test_no_option_given_lets_everything_pass() -> None:
    assert all_hold([]) is True
    assert all_hold([((), never), ((), never)]) is True


def test_an_option_holds_when_any_of_its_values_passes() -> None:
    assert all_hold([(("a", "b"), lambda value: value == "b")]) is True
    assert all_hold([(("a", "b"), lambda value: value == "c")]) is False


def test_every_option_given_must_hold() -> None:
    assert all_hold([(("a",), always), (("b",), never)]) is False
    assert all_hold([(("a",), always), (("b",), always)]) is True
    assert all_hold([(("a",), always), ((), never)]) is True


@given(
    st.lists(
        st.tuples(st.frozensets(st.integers(0, 5), max_size=4), st.frozensets(st.integers(0, 5), max_size=4)),
        max_size=5,
    )
)
def test_the_rule_is_for_every_option_given_any_of_its_values_matches(
    options: list[tuple[frozenset[int], frozenset[int]]],
) -> None:
    # Each option: the values asked for, and the values the fact has.
    expected = True
    for asked, has in options:
        if asked and not any(value in has for value in asked):
            expected = False
    assert all_hold([(asked, has.__contains__) for asked, has in options]) is expected


# Filters.matches against the rule written out option by option, on facts and filters drawn at random

TOPICS = ("trade", "transport", "energy")
ENTITIES = ("Port", "Corridor", "Europe")
SOURCES = ("doc", "page")
YEARS = (2015, 2017, 2020)


def _source(source_id: str, role: str) -> Source:
    return Source(source_id, "article", None, None, None, None, None, None, None, None, None, None, role=role)


facts_drawn = st.builds(
    lambda number, kind, modality, topics, entities, time, source, refers_to: Fact(
        f"f{number}",
        "Statement.",
        kind,
        modality,
        tuple(topics),
        tuple(entities),
        source,
        (Quote(1, "Quoted."),),
        time=time,
        refers_to=tuple(refers_to),
    ),
    st.integers(0, 10**6),
    st.sampled_from(FACT_KINDS),
    st.sampled_from(MODALITIES),
    st.lists(st.sampled_from(TOPICS), unique=True, max_size=2),
    st.lists(st.sampled_from(ENTITIES), unique=True, max_size=2),
    st.none() | st.builds(TimeRef, st.sampled_from(YEARS), st.sampled_from(("point", "start", "target"))),
    st.sampled_from(SOURCES),
    st.lists(st.sampled_from(SOURCES), unique=True, max_size=1),
)
filters_drawn = st.builds(
    Filters,
    topics=st.lists(st.sampled_from(TOPICS), max_size=2).map(tuple),
    kinds=st.lists(st.sampled_from(FACT_KINDS), max_size=2).map(tuple),
    modalities=st.lists(st.sampled_from(MODALITIES), max_size=2).map(tuple),
    entities=st.lists(st.sampled_from(ENTITIES), max_size=2).map(tuple),
    years=st.lists(st.sampled_from(YEARS), max_size=2).map(tuple),
    sources=st.lists(st.sampled_from(SOURCES), max_size=2).map(tuple),
    verdicts=st.lists(st.sampled_from(("supported", "unreviewed")), max_size=2).map(tuple),
)


def _by_hand(filters: Filters, fact: Fact, verdict: str | None) -> bool:
    """The rule for each option separately: not given, or any of its values matches."""
    wanted = [
        not filters.topics or any(topic in fact.topics for topic in filters.topics),
        not filters.kinds or fact.kind in filters.kinds,
        not filters.modalities or fact.modality in filters.modalities,
        not filters.entities or any(entity in fact.entities for entity in filters.entities),
        not filters.years or any(year_matches(fact.time, year) for year in filters.years),
        not filters.sources or any(s == fact.source or s in fact.refers_to for s in filters.sources),
        not filters.verdicts or verdict in filters.verdicts,
    ]
    return all(wanted)


@settings(deadline=None)
@given(facts_drawn, filters_drawn, st.booleans())
def test_matches_is_for_every_option_given_any_of_its_values_matches(
    fact: Fact, filters: Filters, reviewed: bool
) -> None:
    reviews = (Review(fact.id, "supported", "Agrees."),) if reviewed else ()
    kb = KnowledgeBase(sources=(_source("doc", "primary"), _source("page", "evidence")), facts=(fact,), reviews=reviews)
    verdict = "supported" if reviewed and fact.source == "doc" else None
    if verdict is None and fact.source == "doc" and fact.kind != "opinion":
        verdict = "unreviewed"
    assert filters.matches(fact, kb) is _by_hand(filters, fact, verdict)


def test_every_option_of_filters_is_in_the_registry_and_nothing_else() -> None:
    from dataclasses import fields

    assert [option.field for option in OPTIONS] == [field.name for field in fields(Filters) if field.name != "terms"]


# The realistic bugs: options joined with OR, or values of one option joined with AND


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    import yaml

    data = small_kb()
    data["reviews"] = [
        {"claim": "trains-2017", "verdict": "unverified", "summary": "No record found.", "searched": "Port counts."},
    ]
    path = tmp_path_factory.mktemp("filters") / "kb.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_knowledge_base(str(path), use_cache=False)


def ids(records: Any, key: str = "id") -> list[str]:
    return [record[key] for record in records]


def test_different_options_must_all_hold_not_any(kb: KnowledgeBase) -> None:
    # trade-grew has the topic but is an opinion; income-forecast-2020 is a forecast without the topic.
    both = Filters.given(topics=["trade"], kinds=["forecast"])
    assert ids(list_facts(kb, both).records) == []
    assert ids(list_reviews(kb, Filters.given(topics=["trade"], verdicts=["unverified"])).records, "claim") == []
    assert ids(list_facts(kb, Filters.given(topics=["trade"], kinds=["statistic"])).records) == [
        "income-2017",
        "cities-served",
    ]


def test_values_of_one_option_need_only_one_to_hold_not_all(kb: KnowledgeBase) -> None:
    # No fact is about both Port and Europe, nor both a statistic and a forecast.
    assert ids(list_facts(kb, Filters.given(entities=["Port", "Europe"])).records) == ["trains-2017", "cities-served"]
    either = Filters.given(verdicts=["unverified", "unreviewed"], topics=["trade"], kinds=["statistic"])
    assert ids(list_reviews(kb, either).records, "claim") == ["income-2017", "cities-served"]
    assert ids(list_reviews(kb, Filters.given(kinds=["forecast", "statistic"], topics=["trade"])).records, "claim") == [
        "income-2017",
        "cities-served",
    ]


def test_the_article_marks_the_spans_of_the_facts_that_pass(kb: KnowledgeBase) -> None:
    marked = annotate(kb, filters=Filters.given(topics=["TRADE"], kinds=["opinion", "forecast"]))
    assert sorted({record["fact"] for record in marked.records}) == ["trade-grew"]


def test_the_claimreview_export_keeps_the_reviews_whose_claim_passes(kb: KnowledgeBase) -> None:
    from kzcn.export.claimreview import claim_reviews

    def claims(filters: Filters) -> list[str]:
        exported = claim_reviews(kb, url_base="https://example.org/fc", filters=filters)
        return [document["claimReviewed"] for document in exported.documents]

    assert claims(NO_FILTERS) == ["The port handled 40 trains in 2017."]
    assert claims(Filters.given(topics=["Transport"], verdicts=["unverified", "supported"])) == [
        "The port handled 40 trains in 2017."
    ]
    assert claims(Filters.given(topics=["trade"], verdicts=["unverified"])) == []


# Checked once: kzcn's own choices before loading, the knowledge base's against it


def test_given_checks_kzcns_own_choices_and_spells_them_as_kzcn_does() -> None:
    given_filters = Filters.given(kinds=["Forecast"], modalities=["HEDGED"], verdicts=["Unreviewed"], topics=["TRade"])
    assert (given_filters.kinds, given_filters.modalities, given_filters.verdicts, given_filters.topics) == (
        ("forecast",),
        ("hedged",),
        ("unreviewed",),
        ("TRade",),  # the knowledge base's values wait for `checked`
    )
    with pytest.raises(UsageError) as raised:
        Filters.given(verdicts=["suported"])
    assert str(raised.value) == (
        "unknown --verdict 'suported'; did you mean supported, not-supported, partly-supported? (choose from: "
        "contradicted, not-checkable, not-supported, partly-supported, supported, unreviewed, unverified)"
    )


def test_checked_spells_the_knowledge_bases_values_as_it_does(kb: KnowledgeBase) -> None:
    checked = Filters.given(topics=["TRADE"], entities=["port"], sources=["DOC"], years=[2017]).checked(kb)
    assert (checked.topics, checked.entities, checked.sources, checked.years) == (
        ("trade",),
        ("Port",),
        ("doc",),
        (2017,),
    )
    with pytest.raises(UsageError) as raised:
        Filters.given(entities=["Europa"]).checked(kb)
    assert str(raised.value) == "unknown --entity 'Europa'; did you mean Europe? (choose from: Corridor, Europe, Port)"


def test_the_search_needs_every_term_and_is_not_an_option(kb: KnowledgeBase) -> None:
    assert Filters.given(text='income "by 2020"').terms == ("income", "by 2020")
    assert ids(list_facts(kb, Filters.given(text="income 2020")).records) == ["income-forecast-2020"]
    assert ids(list_facts(kb, Filters.given(text="income zebra")).records) == []


def test_choice_ignores_case_and_names_the_closest() -> None:
    assert choice("--sort", "YEAR", ("id", "year")) == "year"
    with pytest.raises(UsageError) as raised:
        choice("--sort", "yaer", ("id", "year"))
    assert str(raised.value) == "unknown --sort 'yaer'; did you mean year? (choose from: id, year)"


def test_no_filters_lets_every_fact_pass(kb: KnowledgeBase) -> None:
    assert all(NO_FILTERS.matches(fact, kb) for fact in kb.facts)


# Through the command line


def test_review_topic_typo_is_a_usage_error_with_did_you_mean(cli: Run, write_kb: Callable[..., Path]) -> None:
    result = cli("--facts", str(write_kb()), "review", "--topic", "transprt")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "kzcn: unknown --topic 'transprt'; did you mean transport? (choose from: trade, transport)\n",
    )


def test_review_topic_ignores_case_and_keeps_what_facts_keeps(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb())
    facts = json.loads(cli("--facts", path, "facts", "--topic", "Transport", "--json").stdout)
    reviews = json.loads(cli("--facts", path, "review", "--topic", "Transport", "--json").stdout)
    assert (
        sorted(record["claim"] for record in reviews)
        == sorted(record["id"] for record in facts)
        == [
            "income-2017",
            "income-forecast-2020",
            "income-transit-2017",
            "trains-2017",
        ]
    )


def test_a_kind_typo_fails_before_the_knowledge_base_is_read(cli: Run, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.yaml")
    result = cli("--facts", missing, "review", "--kind", "forcast")
    assert (result.exit_code, result.stderr) == (
        2,
        "kzcn: unknown --kind 'forcast'; did you mean forecast? (choose from: event, forecast, opinion, statistic)\n",
    )


def test_review_of_one_claim_refuses_the_filters(cli: Run, write_kb: Callable[..., Path]) -> None:
    result = cli("--facts", str(write_kb()), "review", "trains-2017", "--year", "2017")
    assert (result.exit_code, result.stderr) == (
        2,
        "kzcn: --verdict, --topic, --kind, --modality, --entity and --year filter the list of reviews; leave out ID "
        "to use them\n",
    )


@pytest.mark.parametrize(
    "command", [["facts"], ["review"], ["article"], ["report"], ["export", "claimreview"], ["export", "sqlite"]]
)
def test_help_states_the_rule(cli: Run, command: list[str]) -> None:
    help_text = " ".join(cli(*command, "--help").stdout.split())
    assert RULE in help_text
    assert "(repeat: any of them)" in help_text


def test_the_options_given_are_said_as_a_user_types_them_each_once_in_options_order() -> None:
    given = Filters.given(
        text="grain",
        entities=["Asian Bank", "Asian Bank"],
        topics=["transport"],
        years=[2017, 2020],
        kinds=["statistic"],
    )
    assert given.options_given() == (
        ("--topic", "transport"),
        ("--kind", "statistic"),
        ("--entity", "Asian Bank"),
        ("--year", "2017"),
        ("--year", "2020"),
    )
    assert given.described() == "--topic transport --kind statistic --entity 'Asian Bank' --year 2017 --year 2020"
    assert (NO_FILTERS.options_given(), NO_FILTERS.described()) == ((), "")
