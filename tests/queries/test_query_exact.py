"""kzcn.queries.facts called directly on knowledge bases built in memory: exact records, titles, notes and messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from builders import ARTICLE, fact, knowledge_base, small_kb, source
from kzcn.errors import NotFoundError, UsageError
from kzcn.kb.load import load_knowledge_base
from kzcn.model.records import (
    DerivedSpec,
    EvidenceItem,
    Exemption,
    Quantity,
    Quote,
    Relation,
    Review,
    TimeRef,
)
from kzcn.model.result import Context, Result
from kzcn.queries.facets import facet_counts, facet_values, verdict_of
from kzcn.queries.facts import (
    FACT_FIELDS,
    KIND_LEGEND,
    SAYS_LEGEND,
    VERDICT_LEGEND,
    closest_ids,
    fact_record,
    list_facts,
    says,
    show_fact,
    what_else,
)
from kzcn.queries.filters import Filters, choice, search_terms, year_matches

TRAINS = fact(
    id="a-trains",
    statement="The port handled 40 trains in 2017.",
    topics=("transport",),
    entities=("Port",),
    time=TimeRef(2017),
    quantity=Quantity(40, "trains"),
    quotes=(Quote(1, "In 2017 the port handled 40 trains."),),
)
INCOME = fact(
    id="b-income",
    statement="The corridor earned $2 billion in 2017.",
    topics=("transport", "trade"),
    entities=("Corridor",),
    time=TimeRef(2017),
    quantity=Quantity(2, "USD", "billion"),
    quotes=(Quote(2, "the “new corridor” earned $ 2 billion in 2017"),),
)
FORECAST = fact(
    id="c-forecast",
    statement="Income is forecast to rise to $4 billion by 2020.",
    kind="forecast",
    modality="reported",
    attributed_to="unnamed forecasts",
    topics=("transport",),
    entities=("Corridor",),
    time=TimeRef(2020, "target"),
    quantity=Quantity(4, "USD", "billion"),
    quotes=(Quote(3, "By 2020 income will rise to $ 4 billion, according to forecasts."),),
)
SINCE = fact(
    id="d-since",
    statement="Cities have been served since 2015.",
    kind="event",
    topics=("trade",),
    entities=("Europe",),
    time=TimeRef(2015, "start"),
    refers_to=("film",),
    quotes=(Quote(3, "More than 10 cities are served."),),
)
OPINION = fact(id="e-opinion", statement="Trade grew quickly.", kind="opinion", modality="hedged", topics=("trade",))
EVIDENCE = fact(
    id="z-evidence",
    statement="The bureau counted $1.9 billion in 2017.",
    source="bureau",
    topics=("transport",),
    time=TimeRef(2017),
    quantity=Quantity(1.9, "USD", "billion"),
    quotes=(Quote(1, "1.9 billion"),),
)
CLAIMS = (TRAINS, INCOME, FORECAST, SINCE, OPINION)


KB = knowledge_base(
    sources=(
        source(title="The corridor", language=None),
        source(id="bureau", role="evidence", publisher="Bureau", language=None, text=None),
        source(id="film", role="cited", kind="documentary", language=None, text=None),
    ),
    facts=(*CLAIMS, EVIDENCE),
    relations=(Relation("income-rises", "increase", "b-income", "c-forecast"),),
    derived=(
        DerivedSpec("growth", "Growth", "annual-growth", (("from", "b-income"), ("to", "c-forecast"))),
        DerivedSpec("other", "Other", "remainder", (("whole", "c-forecast"), ("part", "a-trains"))),
    ),
    reviews=(
        Review(
            "b-income",
            "supported",
            "The bureau's count agrees.",
            (EvidenceItem("z-evidence", "corroborates"), EvidenceItem("a-trains", "context")),
        ),
    ),
)
"""The article's five claims, the bureau's evidence and the film the article cites, with a relation, two derived
figures and a review."""


def ids(result: Result) -> list[str]:
    return [record["id"] for record in result.records]


# says


@pytest.mark.parametrize(
    ("modality", "attributed_to", "expected"),
    [
        ("asserted", None, "author"),
        ("predicted", None, "author, predicts"),
        ("conditional", None, "author, if"),
        ("hedged", None, "author, may"),
        ("reported", "the ministry", "the ministry"),
        ("reported", None, "unnamed"),
        ("asserted", "the minister", "the minister"),
    ],
)
def test_says_names_who_makes_the_claim(modality: str, attributed_to: str | None, expected: str) -> None:
    assert says(fact(id="x", modality=modality, attributed_to=attributed_to)) == expected


# search_terms and year_matches


def test_search_terms_are_words_and_quoted_phrases_with_their_white_space_collapsed() -> None:
    assert search_terms('grew  "new   corridor" 2017') == ["grew", "new corridor", "2017"]


def test_search_terms_drop_empty_and_blank_phrases() -> None:
    assert search_terms('"" "  " port') == ["port"]
    assert search_terms("") == []


@pytest.mark.parametrize(
    ("time", "year", "expected"),
    [
        (None, 2017, False),
        (TimeRef(2017), 2017, True),
        (TimeRef(2017), 2018, False),
        (TimeRef(2020, "target"), 2020, True),
        (TimeRef(2020, "target"), 2019, False),
        (TimeRef(2015, "start"), 2015, True),
        (TimeRef(2015, "start"), 2016, True),
        (TimeRef(2015, "start"), 2014, False),
    ],
)
def test_a_year_matches_its_point_its_target_and_every_year_since_a_start(
    time: TimeRef | None, year: int, expected: bool
) -> None:
    assert year_matches(time, year) is expected


# verdict_of and fact_record


def test_verdict_is_the_reviews_or_unreviewed_for_a_checkable_claim_and_none_otherwise() -> None:
    assert [verdict_of(item, KB) for item in (*CLAIMS, EVIDENCE)] == [
        "unreviewed",
        "supported",
        "unreviewed",
        "unreviewed",
        None,
        None,
    ]


def test_a_review_of_an_opinion_gives_its_verdict() -> None:
    kb = replace(KB, reviews=(Review("e-opinion", "not-checkable", "An opinion."),))
    assert verdict_of(OPINION, kb) == "not-checkable"


def test_a_fact_of_an_unknown_source_counts_as_a_claim() -> None:
    kb = replace(KB, sources=())
    assert verdict_of(TRAINS, kb) == "unreviewed"
    assert fact_record(TRAINS, kb)["evidence"] is False


def test_fact_record_of_a_full_fact_has_every_field() -> None:
    full = fact(
        id="full",
        statement="More than 10 cities are served by 2020.",
        kind="forecast",
        modality="conditional",
        topics=("trade", "cities"),
        entities=("Europe", "Asia"),
        time=TimeRef(2020, "target", "the page's date"),
        quantity=Quantity(10, "cities", qualifier="more-than"),
        quotes=(Quote(3, "More than 10 cities are served."), Quote(1, "In 2017"), Quote(3, "10 cities")),
        condition="if trade grows",
        exceptions=(Exemption("forecast-cue", "the article says so"),),
        series="cities",
        refers_to=("film",),
        note="A rough count.",
        measure="cities served",
        kept_because="Kept for the test.",
    )
    assert fact_record(full) == {
        "id": "full",
        "kind": "forecast",
        "says": "author, if",
        "statement": "More than 10 cities are served by 2020.",
        "quantity_text": "more than 10 cities",
        "time_text": "by 2020 (inferred)",
        "source": "doc",
        "paragraphs": [1, 3],
        "forecast": True,
        "topics": ["trade", "cities"],
        "entities": ["Europe", "Asia"],
        "time_year": 2020,
        "time_kind": "target",
        "time_inferred": "the page's date",
        "amount": 10,
        "unit": "cities",
        "scale": "one",
        "qualifier": "more-than",
        "value": 10,
        "quotes": [
            {"paragraph": 3, "text": "More than 10 cities are served."},
            {"paragraph": 1, "text": "In 2017"},
            {"paragraph": 3, "text": "10 cities"},
        ],
        "attributed_to": None,
        "modality": "conditional",
        "condition": "if trade grows",
        "exceptions": ["forecast-cue: the article says so"],
        "series": "cities",
        "refers_to": ["film"],
        "note": "A rough count.",
        "measure": "cities served",
        "verdict": None,
        "outcome": None,
        "evidence": False,
        "kept_because": "Kept for the test.",
    }


def test_fact_record_of_a_bare_fact_has_nones_where_nothing_is_stated() -> None:
    record = fact_record(OPINION, KB)
    assert record == {
        "id": "e-opinion",
        "kind": "opinion",
        "says": "author, may",
        "statement": "Trade grew quickly.",
        "quantity_text": None,
        "time_text": None,
        "source": "doc",
        "paragraphs": [1],
        "forecast": False,
        "topics": ["trade"],
        "entities": [],
        "time_year": None,
        "time_kind": None,
        "time_inferred": None,
        "amount": None,
        "unit": None,
        "scale": None,
        "qualifier": None,
        "value": None,
        "quotes": [{"paragraph": 1, "text": "Trade between the two countries grew quickly."}],
        "attributed_to": None,
        "modality": "hedged",
        "condition": None,
        "exceptions": [],
        "series": None,
        "refers_to": [],
        "note": None,
        "measure": None,
        "verdict": None,
        "outcome": None,
        "evidence": False,
        "kept_because": None,
    }


def test_fact_record_with_the_knowledge_base_has_the_verdict_and_marks_evidence() -> None:
    income = fact_record(INCOME, KB)
    assert (income["verdict"], income["evidence"], income["value"], income["quantity_text"]) == (
        "supported",
        False,
        2_000_000_000,
        "$2 billion",
    )
    assert (fact_record(TRAINS, KB)["verdict"], fact_record(TRAINS)["verdict"]) == ("unreviewed", None)
    assert (fact_record(EVIDENCE, KB)["verdict"], fact_record(EVIDENCE, KB)["evidence"]) == (None, True)
    assert fact_record(EVIDENCE)["evidence"] is False
    assert fact_record(FORECAST)["says"] == "unnamed forecasts"
    assert fact_record(SINCE)["time_text"] == "since 2015"


# list_facts


def test_facts_by_default_are_the_articles_claims_in_file_order_with_a_note_on_the_evidence() -> None:
    assert list_facts(KB) == Result(
        fields=FACT_FIELDS,
        table_fields=(
            "id",
            "kind",
            "says",
            "statement",
            "quantity_text",
            "time_text",
            "verdict",
            "source",
            "paragraphs",
        ),
        records=tuple(fact_record(item, KB) for item in CLAIMS),
        title="5 of 5 facts",
        empty_message="No facts shown: --limit 0 (5 match).",
        highlight=(),
        legends=(("kind", KIND_LEGEND), ("says", SAYS_LEGEND), ("verdict", VERDICT_LEGEND)),
        notes=("1 facts from other sources are evidence: kzcn facts --evidence; kzcn review weighs them.",),
    )


def test_evidence_facts_are_the_other_sources_with_a_note_on_the_claims() -> None:
    result = list_facts(KB, evidence=True)
    assert ids(result) == ["z-evidence"]
    assert result.records[0]["evidence"] is True
    assert result.title == "1 of 1 facts"
    assert result.notes == ("5 facts are the article's claims: kzcn facts.",)


def test_a_knowledge_base_of_claims_only_has_no_note() -> None:
    result = list_facts(replace(KB, facts=CLAIMS))
    assert (ids(result), result.title, result.notes) == (
        ["a-trains", "b-income", "c-forecast", "d-since", "e-opinion"],
        "5 of 5 facts",
        (),
    )


def test_a_source_named_shows_its_facts_and_those_that_refer_to_it_whatever_its_role() -> None:
    assert ids(list_facts(KB, Filters.given(sources=["BUREAU"]))) == ["z-evidence"]
    film = list_facts(KB, Filters.given(sources=["film"]))
    assert (ids(film), film.title, film.notes) == (["d-since"], "1 of 6 facts", ())
    doc = list_facts(KB, Filters.given(sources=["doc"]), evidence=True)
    assert (ids(doc), doc.title, doc.notes) == (
        ["a-trains", "b-income", "c-forecast", "d-since", "e-opinion"],
        "5 of 6 facts",
        (),
    )


def test_unknown_source_is_a_usage_error_naming_the_option() -> None:
    with pytest.raises(UsageError) as raised:
        list_facts(KB, Filters.given(sources=["bureaux"]))
    assert str(raised.value) == "unknown --source 'bureaux'; did you mean bureau? (choose from: bureau, doc, film)"


def test_verdict_filter_keeps_the_facts_with_one_of_the_verdicts() -> None:
    assert ids(list_facts(KB, Filters.given(verdicts=["unreviewed"]))) == ["a-trains", "c-forecast", "d-since"]
    assert ids(list_facts(KB, Filters.given(verdicts=["supported", "contradicted"]))) == ["b-income"]


def test_kind_filter_ignores_case_and_keeps_any_of_the_kinds() -> None:
    assert ids(list_facts(KB, Filters.given(kinds=["Forecast", "EVENT"]))) == ["c-forecast", "d-since"]
    with pytest.raises(UsageError) as raised:
        list_facts(KB, Filters.given(kinds=["forcast"]))
    assert str(raised.value) == (
        "unknown --kind 'forcast'; did you mean forecast? (choose from: event, forecast, opinion, statistic)"
    )


def test_modality_filter_keeps_any_of_the_modalities() -> None:
    assert ids(list_facts(KB, Filters.given(modalities=["asserted"]))) == ["a-trains", "b-income", "d-since"]
    assert ids(list_facts(KB, Filters.given(modalities=["hedged", "reported"]))) == ["c-forecast", "e-opinion"]


def test_topic_filter_keeps_the_facts_with_any_topic_given() -> None:
    assert ids(list_facts(KB, Filters.given(topics=["Trade"]))) == ["b-income", "d-since", "e-opinion"]
    # A repeated --topic used to require every topic (only b-income); repeating an option now allows any value.
    assert ids(list_facts(KB, Filters.given(topics=["trade", "transport"]))) == [
        "a-trains",
        "b-income",
        "c-forecast",
        "d-since",
        "e-opinion",
    ]
    with pytest.raises(UsageError) as raised:
        list_facts(KB, Filters.given(topics=["trad"]))
    assert str(raised.value) == "unknown --topic 'trad'; did you mean trade? (choose from: trade, transport)"


def test_entity_filter_ignores_case_and_keeps_the_facts_with_any_entity_given() -> None:
    assert ids(list_facts(KB, Filters.given(entities=["corridor"]))) == ["b-income", "c-forecast"]
    assert ids(list_facts(KB, Filters.given(entities=["EUROPE"]))) == ["d-since"]
    assert ids(list_facts(KB, Filters.given(entities=["Port", "europe"]))) == ["a-trains", "d-since"]
    with pytest.raises(UsageError) as raised:
        list_facts(KB, Filters.given(entities=["Europa"]))
    assert str(raised.value) == "unknown --entity 'Europa'; did you mean Europe? (choose from: Corridor, Europe, Port)"


def test_an_entity_written_in_another_case_by_a_fact_still_matches() -> None:
    lower = fact(id="f-lower", entities=("port",))
    kb = replace(KB, facts=(TRAINS, lower))
    assert ids(list_facts(kb, Filters.given(entities=["Port"]))) == ["a-trains", "f-lower"]


def test_year_filter_keeps_facts_about_any_year_given() -> None:
    assert ids(list_facts(KB, Filters.given(years=[2017]))) == ["a-trains", "b-income", "d-since"]
    assert ids(list_facts(KB, Filters.given(years=[2020]))) == ["c-forecast", "d-since"]
    assert ids(list_facts(KB, Filters.given(years=[2015]))) == ["d-since"]
    # Repeated --year used to mean every year (only d-since); it now means any of them.
    assert ids(list_facts(KB, Filters.given(years=[2017, 2020]))) == ["a-trains", "b-income", "c-forecast", "d-since"]


def test_text_search_needs_every_term_in_the_statement_or_a_quote_ignoring_case() -> None:
    assert ids(list_facts(KB, Filters.given(text="QUICKLY"))) == ["e-opinion"]
    assert ids(list_facts(KB, Filters.given(text='"new corridor"'))) == ["b-income"]
    assert ids(list_facts(KB, Filters.given(text="2017 port"))) == ["a-trains"]
    assert ids(list_facts(KB, Filters.given(text="cities served"))) == ["d-since"]
    assert ids(list_facts(KB, Filters.given(text=""))) == ["a-trains", "b-income", "c-forecast", "d-since", "e-opinion"]


def test_a_search_term_does_not_match_across_the_statement_and_a_quote() -> None:
    # The statement ends "2017." and the quote begins "In 2017": joined by a line break, never by a space.
    assert ids(list_facts(KB, Filters.given(text='"2017. in"'))) == []


def test_text_search_highlights_its_terms() -> None:
    result = list_facts(KB, Filters.given(text='income "by  2020"'))
    assert (ids(result), result.highlight) == (["c-forecast"], ("income", "by 2020"))


def test_filters_combine() -> None:
    assert ids(list_facts(KB, Filters.given(topics=["transport"], years=[2017], kinds=["statistic"]))) == [
        "a-trains",
        "b-income",
    ]


def test_sorted_by_id_kind_or_year_with_undated_facts_last() -> None:
    shuffled = replace(KB, facts=(TRAINS, OPINION, SINCE, INCOME, FORECAST))
    assert ids(list_facts(shuffled, sort="id")) == ["a-trains", "b-income", "c-forecast", "d-since", "e-opinion"]
    assert ids(list_facts(shuffled, sort="kind")) == ["d-since", "c-forecast", "e-opinion", "a-trains", "b-income"]
    assert ids(list_facts(shuffled, sort="year")) == ["d-since", "a-trains", "b-income", "c-forecast", "e-opinion"]
    assert ids(list_facts(shuffled)) == ["a-trains", "e-opinion", "d-since", "b-income", "c-forecast"]
    assert ids(list_facts(shuffled, sort="source")) == ids(list_facts(shuffled))


def test_a_limit_shows_the_first_facts_and_says_how_many_matched() -> None:
    two = list_facts(KB, limit=2)
    assert (ids(two), two.title) == (["a-trains", "b-income"], "2 of 5 matching facts (5 in all)")
    five = list_facts(KB, limit=5)
    assert (len(five.records), five.title) == (5, "5 of 5 facts")
    filtered = list_facts(KB, Filters.given(topics=["trade"]), limit=1)
    assert filtered.title == "1 of 3 matching facts (5 in all)"


def test_limit_zero_says_how_many_matched_and_no_match_says_so() -> None:
    none_shown = list_facts(KB, limit=0)
    assert (none_shown.records, none_shown.title, none_shown.empty_message) == (
        (),
        "0 of 5 matching facts (5 in all)",
        "No facts shown: --limit 0 (5 match).",
    )
    no_match = list_facts(KB, Filters.given(text="zebra"))
    assert (no_match.records, no_match.title, no_match.empty_message) == ((), "0 of 5 facts", "No facts match.")


# choice, closest_ids, what_else


def test_choice_returns_the_choice_as_written_whatever_the_case_asked() -> None:
    assert choice("--topic", "TRANSPORT", ["Trade", "Transport"]) == "Transport"


def test_choice_without_a_close_one_lists_every_choice_sorted_ignoring_case() -> None:
    with pytest.raises(UsageError) as raised:
        choice("--topic", "zzz", ["trade", "Banking", "aviation"])
    assert str(raised.value) == "unknown --topic 'zzz' (choose from: aviation, Banking, trade)"


def test_choice_suggests_at_most_three_close_ones_most_alike_first() -> None:
    with pytest.raises(UsageError) as raised:
        choice("--entity", "port", ["Ports", "Porto", "Portal", "Sport", "Europe"])
    assert str(raised.value) == (
        "unknown --entity 'port'; did you mean Sport, Ports, Porto? (choose from: Europe, Portal, Porto, Ports, Sport)"
    )


def test_choice_suggests_only_choices_at_least_sixty_percent_alike() -> None:
    # "ab" and "abcde" are 57 % alike (2 × 2 matching characters of 7): below 60 %, no suggestion.
    with pytest.raises(UsageError) as raised:
        choice("--topic", "ab", ["abcde"])
    assert str(raised.value) == "unknown --topic 'ab' (choose from: abcde)"


def test_closest_ids_suggests_up_to_three_ids_at_least_sixty_percent_alike() -> None:
    assert closest_ids(["income-2017", "income-2018", "income-2019", "income-2020"], "income-2016") == (
        "; did you mean income-2019, income-2018, income-2017?"
    )
    # "abcd" and "abcxy" are 67 % alike; "abcd" and "abxyzw" 40 % (issue 23: "nonexistent" was offered
    # china-second-largest-economy, 42 % alike).
    assert closest_ids(["abxyzw", "abcxy"], "abcd") == "; did you mean abcxy?"
    assert closest_ids(["china-second-largest-economy"], "nonexistent") == ""
    assert closest_ids(["zzzz"], "abcd") == ""
    assert closest_ids([], "abcd") == ""


def test_what_else_names_the_kind_of_thing_an_id_is() -> None:
    assert what_else(KB, "a-trains") == "; a-trains is a fact: kzcn show a-trains"
    assert what_else(KB, "other") == "; other is a derived figure: kzcn totals --explain other"
    assert what_else(KB, "income-rises") == "; income-rises is a relation between facts, which kzcn check verifies"
    assert what_else(KB, "bureau") == "; bureau is a source: kzcn sources, or kzcn facts --source bureau"
    assert what_else(KB, "nothing") == ""


# show_fact


def test_show_of_an_unknown_id_says_what_it_is_or_suggests_close_fact_ids() -> None:
    with pytest.raises(NotFoundError) as raised:
        show_fact(KB, "growth")
    assert str(raised.value) == "no fact with id 'growth'; growth is a derived figure: kzcn totals --explain growth"
    with pytest.raises(NotFoundError) as raised:
        show_fact(KB, "b-incom")
    assert str(raised.value) == "no fact with id 'b-incom'; did you mean b-income?"
    with pytest.raises(NotFoundError) as raised:
        show_fact(KB, "qqqqqqqqqqqq")
    assert str(raised.value) == "no fact with id 'qqqqqqqqqqqq'"


def test_show_gives_the_fact_its_review_source_title_derived_figures_and_paragraphs() -> None:
    result = show_fact(KB, "b-income")
    paragraph = ARTICLE.split("\n\n")[1]
    start = paragraph.index("the “new corridor”")
    end = paragraph.index(" (of which")
    assert result.context == (Context(2, paragraph, start, end),)
    assert (result.title, result.single) == ("b-income", True)
    assert result.records == (
        {
            **fact_record(INCOME, KB),
            "review": "The bureau's count agrees.",
            "review_evidence": ["corroborates: z-evidence", "context: a-trains"],
            "source_title": "The corridor",
            "used_by_derived": ["growth"],
            "context": [{"paragraph": 2, "text": paragraph}],
        },
    )
    assert [field.key for field in result.fields] == [
        *(field.key for field in FACT_FIELDS),
        "review",
        "review_evidence",
        "source_title",
        "used_by_derived",
        "context",
    ]
    assert [(field.header, field.joiner, field.missing) for field in result.fields[-5:]] == [
        ("Review (kzcn's judgement)", "; ", "—"),
        ("Evidence (kzcn review ID)", "\n", "—"),
        ("Source title", "; ", "unknown"),
        ("Derived figures using it", "; ", "—"),
        ("Paragraphs", "; ", "—"),
    ]
    assert result.fields[-1].item_format == "¶{paragraph}: {text}"


def test_show_lays_out_every_field_but_quotes_and_paragraphs_and_calls_a_forecast_no_result() -> None:
    result = show_fact(KB, "c-forecast")
    shown = {field.key: field for field in result.record_fields}
    assert list(shown) == [
        *(field.key for field in FACT_FIELDS if field.key != "quotes"),
        "review",
        "review_evidence",
        "source_title",
        "used_by_derived",
    ]
    assert shown["quantity_text"].flag_text == " (forecast, not a result)"
    assert shown["quantity_text"].flag == "forecast"
    assert shown["time_text"] == next(field for field in FACT_FIELDS if field.key == "time_text")
    record = result.records[0]
    assert (record["review"], record["review_evidence"], record["used_by_derived"]) == (None, [], ["growth", "other"])


def test_show_of_a_fact_used_by_a_derived_figure_in_another_role() -> None:
    assert show_fact(KB, "a-trains").records[0]["used_by_derived"] == ["other"]
    assert show_fact(KB, "d-since").records[0]["used_by_derived"] == []


def test_show_marks_a_quote_it_cannot_find_and_a_source_without_text_has_no_context() -> None:
    lost = fact(id="f-lost", quotes=(Quote(2, "words the article never says"),))
    kb = replace(KB, facts=(lost, EVIDENCE))
    result = show_fact(kb, "f-lost")
    assert result.context == (Context(2, ARTICLE.split("\n\n")[1], -1, -1),)
    evidence = show_fact(kb, "z-evidence")
    assert evidence.context is None
    assert evidence.records[0]["context"] == []
    assert evidence.records[0]["source_title"] is None


def test_show_gives_a_context_per_quote() -> None:
    twice = fact(id="f-twice", quotes=(Quote(3, "More than 10 cities"), Quote(1, "grew quickly")))
    result = show_fact(replace(KB, facts=(twice,)), "f-twice")
    third, first = ARTICLE.split("\n\n")[2], ARTICLE.split("\n\n")[0]
    assert result.context == (
        Context(3, third, third.index("More"), third.index(" are served")),
        Context(1, first, first.index("grew"), first.index(". In 2017")),
    )


# facet_counts and facet_values


def test_facet_counts_count_facts_by_each_facet() -> None:
    assert facet_counts(KB, "kind") == {"statistic": 3, "forecast": 1, "event": 1, "opinion": 1}
    assert facet_counts(KB, "modality") == {"asserted": 4, "reported": 1, "hedged": 1}
    assert facet_counts(KB, "verdict") == {"unreviewed": 3, "supported": 1}
    assert facet_counts(KB, "topic") == {"transport": 4, "trade": 3}
    assert facet_counts(KB, "entity") == {"Corridor": 2, "Port": 1, "Europe": 1}
    assert facet_counts(KB, "source") == {"doc": 5, "bureau": 1}
    assert facet_counts(KB, "year") == {"2017": 3, "by 2020": 1, "since 2015": 1}
    assert facet_counts(KB, "colour") == {}


def test_facet_values_for_completion() -> None:
    assert facet_values(KB, "id") == ["a-trains", "b-income", "c-forecast", "d-since", "e-opinion", "z-evidence"]
    assert facet_values(KB, "derived") == ["growth", "other"]
    assert facet_values(KB, "year") == ["2015", "2017", "2020"]
    assert facet_values(KB, "source") == ["doc", "bureau", "film"]
    assert facet_values(KB, "topic") == ["trade", "transport"]
    assert facet_values(KB, "entity") == ["Corridor", "Europe", "Port"]
    assert facet_values(KB, "kind") == ["event", "forecast", "opinion", "statistic"]


def test_a_knowledge_base_read_from_yaml_lists_and_shows_the_same_way(write_kb: Callable[..., Path]) -> None:
    kb = load_knowledge_base(str(write_kb(small_kb())))
    result = list_facts(kb, Filters.given(topics=["trade"]), sort="id")
    assert (ids(result), result.title) == (["cities-served", "income-2017", "trade-grew"], "3 of 6 facts")
    shown = show_fact(kb, "income-transit-2017")
    assert shown.records[0]["used_by_derived"] == ["transit-share-2017", "income-other-2017"]
    paragraph = ARTICLE.split("\n\n")[1]
    assert shown.context == (Context(2, paragraph, paragraph.index("in 2017 (of"), paragraph.index(").") + 1),)
