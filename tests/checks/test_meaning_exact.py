"""kzcn.checks.meaning called directly: each rule's exact findings (rule, path, whole message) for one small fact, and what
each rule must leave alone."""

from __future__ import annotations

from typing import Any

import pytest

from builders import fact, knowledge_base, quote
from kzcn.checks.meaning import Finding, fact_findings, series_findings, year_tokens
from kzcn.model.numbers import NumberToken
from kzcn.model.records import Fact, Quantity, Relation, TimeRef


def quoting(*texts: str, **fields: Any) -> Fact:
    """The port's fact ("The port is busy.", an asserted statistic of doc) quoting each of `texts` from paragraph 1."""
    fields = {"id": "port", "statement": "The port is busy."} | fields
    return fact(quotes=tuple(quote(text=text) for text in texts), **fields)


def rules_and_messages(findings: list[Finding]) -> list[tuple[str, tuple[str | int, ...], str]]:
    return [(finding.rule, finding.path, finding.message) for finding in findings]


# -- modality, attribution and condition -----------------------------------------------------------------------


def test_a_plain_asserted_statistic_has_no_findings() -> None:
    assert fact_findings(quoting("The port is busy.")) == []


def test_a_kind_its_modality_does_not_allow_names_the_modalities_that_do() -> None:
    wrong = quoting(
        "If the corridor opens, the port will be busy.",
        modality="conditional",
        condition="If the corridor opens",
    )
    assert fact_findings(wrong) == [
        Finding(
            "modality",
            ("modality",),
            "a statistic cannot be conditional (a conditional claim is a forecast or opinion); "
            "write modality: asserted | reported, or change the kind",
        ),
        Finding(
            "statistic-cue",
            ("kind",),
            "a statistic, but its quotes read as a forecast ('will'); write kind: forecast, or quote the stated "
            "figure only",
        ),
    ]


def test_a_reported_claim_needs_someone_it_is_attributed_to() -> None:
    assert fact_findings(quoting("Officials say the port is busy.", modality="reported")) == [
        Finding(
            "modality",
            ("modality",),
            'a reported claim needs `attributed_to`: who makes it ("unnamed forecasts" when the source does not say)',
        )
    ]
    attributed = quoting("Officials say the port is busy.", modality="reported", attributed_to="officials")
    assert fact_findings(attributed) == []


def test_an_asserted_claim_attributed_to_someone_is_caught() -> None:
    assert fact_findings(quoting("The port is busy.", attributed_to="the ministry")) == [
        Finding(
            "modality",
            ("attributed_to",),
            "an asserted claim is the author's own, yet `attributed_to` names 'the ministry'; write modality: "
            "reported, or drop attributed_to",
        )
    ]


def test_a_predicted_claim_attributed_to_someone_is_caught() -> None:
    predicted = quoting("The port will be busy.", kind="forecast", modality="predicted", attributed_to="the ministry")
    [finding] = fact_findings(predicted)
    assert (finding.rule, finding.path) == ("modality", ("attributed_to",))
    assert finding.message.endswith(
        " predicted claim is the author's own, yet `attributed_to` names 'the ministry'; write modality: reported, "
        "or drop attributed_to"
    )


def test_a_conditional_claim_without_its_condition_is_caught() -> None:
    conditional = quoting("The port will be busy.", kind="forecast", modality="conditional")
    assert fact_findings(conditional) == [
        Finding("condition", ("modality",), "a conditional claim needs `condition`: the condition, quoted")
    ]


def test_a_conditional_claim_whose_condition_is_quoted_has_no_findings() -> None:
    conditional = quoting(
        "If the “new corridor” opens, the port will be busy.",
        kind="forecast",
        modality="conditional",
        condition='If the "new corridor" opens',
    )
    assert fact_findings(conditional) == []


def test_a_condition_on_a_claim_that_is_not_conditional_is_caught() -> None:
    asserted = quoting("If the corridor opens, the port is busy.", condition="If the corridor opens")
    assert fact_findings(asserted) == [
        Finding(
            "condition",
            ("condition",),
            "a `condition` belongs to a conditional claim, this one is asserted; write modality: conditional, or "
            "drop the condition",
        )
    ]


def test_a_condition_the_quotes_do_not_give_is_caught() -> None:
    conditional = quoting(
        "The port is busy.",
        "If the corridor opens, the port will be busier.",
        kind="forecast",
        modality="conditional",
        condition="if the road opens",
    )
    assert fact_findings(conditional) == [
        Finding(
            "condition",
            ("condition",),
            "the condition does not stand verbatim in the fact's quotes; quote the source's words for it",
        )
    ]
    quoted_in_the_second = quoting(
        "The port is busy.",
        "If the corridor opens, the port will be busier.",
        kind="forecast",
        modality="conditional",
        condition="If the corridor opens",
    )
    assert fact_findings(quoted_in_the_second) == []


# -- qualifier and scale -----------------------------------------------------------------------------------------


def cities(text: str, qualifier: str, *, statement: str | None = None, scale: str = "one") -> Fact:
    """A fact of 10 cities (with the given qualifier and scale) quoting `text`, its statement the same words."""
    return quoting(
        text,
        statement=text if statement is None else statement,
        quantity=Quantity(10, "cities", scale=scale, qualifier=qualifier),
    )


def test_a_cue_at_the_very_start_of_a_quote_gives_its_qualifier() -> None:
    assert fact_findings(cities("Over 10 cities are served.", "more-than")) == []
    assert rules_and_messages(fact_findings(cities("Over 10 cities are served.", "exact"))) == [
        (
            "qualifier-cue",
            ("quantity", "qualifier"),
            "the quote gives 'over' before 10, but the qualifier is exact; write qualifier: more-than",
        ),
        (
            "qualifier-cue",
            ("quantity", "qualifier"),
            "the statement gives 'over' before 10, but the qualifier is exact; write qualifier: more-than, or fix "
            "the statement",
        ),
    ]


def test_a_cue_that_allows_several_qualifiers_lists_them_all() -> None:
    assert rules_and_messages(fact_findings(cities("Nearly 10 cities are served.", "more-than"))) == [
        (
            "qualifier-cue",
            ("quantity", "qualifier"),
            "the quote gives 'nearly' before 10, but the qualifier is more-than; write qualifier: about | less-than | "
            "at-most",
        ),
        (
            "qualifier-cue",
            ("quantity", "qualifier"),
            "the statement gives 'nearly' before 10, but the qualifier is more-than; write qualifier: about | "
            "less-than | at-most, or fix the statement",
        ),
    ]
    assert fact_findings(cities("Nearly 10 cities are served.", "at-most")) == []


def test_a_bound_recorded_for_a_number_without_a_cue_is_caught() -> None:
    assert rules_and_messages(fact_findings(cities("The line serves 10 cities.", "about"))) == [
        (
            "qualifier-cue",
            ("quantity", "qualifier"),
            "the quote gives 10 with no qualifier before it, but the qualifier is about; write qualifier: exact",
        ),
        (
            "qualifier-cue",
            ("quantity", "qualifier"),
            "the statement gives 10 with no qualifier before it, but the qualifier is about; write qualifier: "
            "exact, or fix the statement",
        ),
    ]
    assert fact_findings(cities("The line serves 10 cities.", "exact")) == []


def test_a_currency_between_the_cue_and_the_amount_is_passed_over() -> None:
    income = quoting(
        "It earned more than $ 2 billion and more than USD 2 billion.",
        statement="It earned more than $2 billion.",
        quantity=Quantity(2, "USD", scale="billion", qualifier="more-than"),
    )
    assert fact_findings(income) == []


def test_a_cue_is_a_whole_word_not_the_end_of_a_longer_one() -> None:
    # "turnover" ends in "over", "handsome" in "some": neither bounds the figure after it.
    turnover = quoting(
        "Annual trade turnover $ 2 billion, a record.",
        statement="Annual trade turnover was $2 billion.",
        quantity=Quantity(2, "USD", scale="billion", qualifier="exact"),
    )
    assert fact_findings(turnover) == []
    assert fact_findings(cities("A handsome 10 cities are served.", "exact", statement="10 cities are served.")) == []
    assert rules_and_messages(fact_findings(cities("It serves over 10 cities.", "exact", statement="10 cities."))) == [
        (
            "qualifier-cue",
            ("quantity", "qualifier"),
            "the quote gives 'over' before 10, but the qualifier is exact; write qualifier: more-than",
        )
    ]


def test_one_reading_that_allows_the_qualifier_is_enough() -> None:
    assert fact_findings(cities("About 10 cities, over 10 towns.", "more-than", statement="Over 10 cities.")) == []


def test_when_no_reading_allows_the_qualifier_the_first_is_reported() -> None:
    findings = fact_findings(cities("About 10 cities, up to 10 towns.", "more-than", statement="Over 10 cities."))
    assert rules_and_messages(findings) == [
        (
            "qualifier-cue",
            ("quantity", "qualifier"),
            "the quote gives 'about' before 10, but the qualifier is more-than; write qualifier: about",
        )
    ]


def test_a_quote_without_the_amount_is_passed_over_and_the_next_still_read() -> None:
    findings = fact_findings(
        quoting(
            "The port is busy.",
            "Over 10 cities are served.",
            statement="Over 10 cities are served.",
            quantity=Quantity(10, "cities"),
        )
    )
    assert [finding.message for finding in findings] == [
        "the quote gives 'over' before 10, but the qualifier is exact; write qualifier: more-than",
        "the statement gives 'over' before 10, but the qualifier is exact; write qualifier: more-than, or fix the "
        "statement",
    ]


@pytest.mark.parametrize(
    ("words", "scale"),
    [
        ("$ 2 billion", "billion"),
        ("$ 2 bn", "billion"),
        ("$ 2 Mln", "million"),
        ("$ 2 trln", "trillion"),
        ("2 thousand tonnes", "thousand"),
    ],
)
def test_a_scale_word_or_its_abbreviation_gives_the_scale(words: str, scale: str) -> None:
    stated = quoting(f"It earned {words}.", statement=f"It earned {words}.", quantity=Quantity(2, "USD", scale=scale))
    assert fact_findings(stated) == []


def test_a_scale_the_quote_does_not_give_is_caught() -> None:
    income = quoting(
        "It earned $ 2 bn.", statement="It earned $2 billion.", quantity=Quantity(2, "USD", scale="million")
    )
    assert fact_findings(income) == [
        Finding(
            "scale-cue",
            ("quantity", "scale"),
            "the quote gives 2 billion, but the scale is million; write scale: billion",
        ),
        Finding(
            "scale-cue",
            ("quantity", "scale"),
            "the statement gives 2 billion, but the scale is million; write scale: billion, or fix the statement",
        ),
    ]


def test_a_scale_recorded_for_a_number_without_a_scale_word_is_caught() -> None:
    assert rules_and_messages(fact_findings(cities("The line serves 10 cities.", "exact", scale="thousand"))) == [
        (
            "scale-cue",
            ("quantity", "scale"),
            "the quote gives 10 with no scale word, but the scale is thousand; write scale: one",
        ),
        (
            "scale-cue",
            ("quantity", "scale"),
            "the statement gives 10 with no scale word, but the scale is thousand; write scale: one, or fix the "
            "statement",
        ),
    ]


def test_one_place_that_gives_the_scale_is_enough() -> None:
    income = quoting(
        "It earned $ 2 million, then 2 billion.",
        statement="It earned $2 billion.",
        quantity=Quantity(2, "USD", scale="billion"),
    )
    assert fact_findings(income) == []


# -- years and time --------------------------------------------------------------------------------------------


def test_a_year_is_found_where_it_is_written_as_a_year() -> None:
    text = "40 trains in 2017, and 2017 again"
    assert year_tokens(text, 2017) == [
        NumberToken(13, 17, frozenset({2017}), True),
        NumberToken(23, 27, frozenset({2017}), True),
    ]
    assert year_tokens("2017 began.", 2017) == [NumberToken(0, 4, frozenset({2017}), True)]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("it earned $ 2017", 2017),
        ("$ 2017 was earned", 2017),
        ("it cost usd 2017", 2017),
        ("it cost us$ 2017", 2017),
        ("it cost €2017", 2017),
        ("it earned 2017 billion", 2017),
        ("it earned 2017 bn", 2017),
        ("it earned $ 3 billion", 3),
        ("one in 20170", 2017),
        ("it was 2,017", 2017),
    ],
)
def test_an_amount_is_no_year(text: str, year: int) -> None:
    assert year_tokens(text, year) == []


def test_a_currency_before_another_number_does_not_hide_the_year() -> None:
    assert [token.start for token in year_tokens("$ 40 in 2017", 2017)] == [8]


def test_a_number_word_is_no_year() -> None:
    assert year_tokens("in two", 2) == []
    assert [token.start for token in year_tokens("in two or 2", 2)] == [10]


def trains(*quotes: str, statement: str, time_kind: str = "point", **fields: Any) -> Fact:
    """A fact of 40 trains in 2017, the time of the given kind."""
    return quoting(
        *quotes, statement=statement, quantity=Quantity(40, "trains"), time=TimeRef(2017, time_kind), **fields
    )


def test_a_time_kind_the_word_before_the_year_contradicts_is_caught() -> None:
    wrong = trains(
        "In 2017 the port handled 40 trains.", statement="The port handled 40 trains in 2017.", time_kind="target"
    )
    assert fact_findings(wrong) == [
        Finding(
            "time-cue",
            ("time", "kind"),
            "the quote says 'in' 2017, but the time's kind is target; write kind: point",
        ),
        Finding(
            "time-cue",
            ("time", "kind"),
            "the statement says 'in' 2017, but the time's kind is target; write kind: point, or fix the statement",
        ),
    ]


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("In", "point"),
        ("During", "point"),
        ("Since", "start"),
        ("From", "start"),
        ("By", "target"),
        ("Until", "target"),
    ],
)
def test_each_time_cue_gives_its_kind(words: str, kind: str) -> None:
    text = f"{words} 2017 the port handled 40 trains."
    assert fact_findings(trains(text, statement=text, time_kind=kind, kind="opinion")) == []


def test_a_year_without_a_cue_word_allows_any_kind() -> None:
    for kind in ("point", "start", "target"):
        quiet = trains("2017: the port handled 40 trains.", statement="The 2017 figure: 40 trains.", time_kind=kind)
        assert fact_findings(quiet) == []


def test_the_first_cue_that_means_a_kind_is_the_one_reported() -> None:
    wrong = trains(
        "The 2017 plan of 40 trains was met in 2017.", statement="The 2017 plan: 40 trains.", time_kind="start"
    )
    assert fact_findings(wrong) == [
        Finding(
            "time-cue",
            ("time", "kind"),
            "the quote says 'in' 2017, but the time's kind is start; write kind: point",
        )
    ]


def test_one_cue_that_means_the_kind_is_enough() -> None:
    text = "In 2017, and since 2017, the port handled 40 trains."
    assert fact_findings(trains(text, statement=text, time_kind="start")) == []


# -- the statement's numbers -----------------------------------------------------------------------------------


def test_a_statement_number_the_quotes_and_the_figure_do_not_give_is_caught() -> None:
    wrong = trains("In 2017 the port handled 40 trains.", statement="In 2016 the port handled 40 trains.")
    assert fact_findings(wrong) == [
        Finding(
            "statement-numbers",
            ("statement",),
            "the statement gives 2016, which neither the fact's quantity (40 trains) nor its quotes give; say what "
            "the quotes say",
        ),
        Finding(
            "statement-numbers",
            ("statement",),
            "the statement does not give the fact's year 2017; state it as the quotes do",
        ),
    ]


def test_a_statement_number_of_a_fact_without_a_figure_says_none() -> None:
    assert fact_findings(quoting("Trade grew quickly.", statement="Trade grew 5 times.")) == [
        Finding(
            "statement-numbers",
            ("statement",),
            "the statement gives 5, which neither the fact's quantity (none) nor its quotes give; say what the "
            "quotes say",
        )
    ]


def test_a_statement_may_give_any_number_of_any_quote() -> None:
    quoted = quoting("The port is busy.", "It has 3 cranes.", statement="The port has 3 cranes.")
    assert fact_findings(quoted) == []


def test_a_statement_may_give_its_own_figure_and_year() -> None:
    own = trains("The port handled forty trains that year.", statement="In 2017 the port handled 40 trains.")
    assert fact_findings(own) == []


def test_a_number_word_in_the_statement_is_not_held_to_the_quotes() -> None:
    assert fact_findings(quoting("Trade grew quickly.", statement="Trade grew two ways.")) == []


def test_a_statement_without_the_fact_s_amount_is_caught() -> None:
    wrong = trains("In 2017 the port handled 40 trains.", statement="In 2017 the port handled many trains.")
    assert fact_findings(wrong) == [
        Finding(
            "statement-numbers",
            ("statement",),
            "the statement does not give the fact's amount 40 (40 trains); state the figure the fact records",
        )
    ]


# -- forecast, statistic and hedge cues ------------------------------------------------------------------------


def test_a_hedged_claim_whose_quotes_hedge_has_no_findings() -> None:
    assert fact_findings(quoting("The port Could grow.", kind="opinion", modality="hedged")) == []


def test_a_hedged_claim_whose_quotes_do_not_hedge_is_caught() -> None:
    assert fact_findings(quoting("The port grew.", kind="opinion", modality="hedged")) == [
        Finding(
            "hedge-cue",
            ("modality",),
            "hedged, but its quotes say nothing may be so (can, could, may, might, ...); quote the hedging words, "
            "or write the modality the quotes give",
        )
    ]


FORECAST_WITHOUT_A_SIGN = Finding(
    "forecast-cue",
    ("kind",),
    "a forecast, but its quotes have no sign of one (forecast, will, expected, by 2020, ...); quote the words that "
    "make it a forecast, or change the kind",
)


def test_a_forecast_needs_a_sign_of_one() -> None:
    forecast = quoting("Income rose.", kind="forecast", modality="reported", attributed_to="officials")
    assert fact_findings(forecast) == [FORECAST_WITHOUT_A_SIGN]
    signed = quoting("Income Will rise.", kind="forecast", modality="reported", attributed_to="officials")
    assert fact_findings(signed) == []


def test_a_hedge_is_a_forecast_s_sign_only_for_a_hedged_claim() -> None:
    hedged = quoting("Income may rise.", kind="forecast", modality="hedged")
    assert fact_findings(hedged) == []
    reported = quoting("Income may rise.", kind="forecast", modality="reported", attributed_to="officials")
    assert fact_findings(reported) == [FORECAST_WITHOUT_A_SIGN]


def test_a_statistic_that_reads_as_a_forecast_names_its_first_cue() -> None:
    assert fact_findings(quoting("Income is Expected to rise and will rise.")) == [
        Finding(
            "statistic-cue",
            ("kind",),
            "a statistic, but its quotes read as a forecast ('expected'); write kind: forecast, or quote the stated "
            "figure only",
        )
    ]


def test_an_opinion_may_read_as_a_forecast() -> None:
    assert fact_findings(quoting("Income will rise.", kind="opinion")) == []


# -- all rules together ----------------------------------------------------------------------------------------


def test_findings_come_modality_first_then_quantity_time_statement_and_kind() -> None:
    everything_wrong = quoting(
        "In 2017 the port will handle over 40 trains.",
        statement="The port handled 40 trains and 3 ships.",
        attributed_to="the port",
        quantity=Quantity(40, "trains"),
        time=TimeRef(2017, "start"),
    )
    assert [finding.rule for finding in fact_findings(everything_wrong)] == [
        "modality",
        "qualifier-cue",
        "time-cue",
        "statement-numbers",
        "statement-numbers",
        "statistic-cue",
    ]


# -- series ----------------------------------------------------------------------------------------------------


def income(
    fact_id: str, amount: float, year: int, *, kind: str = "statistic", series: str | None = "income", **fields: Any
) -> Fact:
    return quoting(
        "Income.",
        id=fact_id,
        kind=kind,
        series=series,
        quantity=Quantity(amount, "USD", scale="billion"),
        time=TimeRef(year),
        **fields,
    )


def test_two_values_for_one_series_year_and_role_are_caught() -> None:
    two = knowledge_base(facts=(income("a", 2, 2017), income("b", 3, 2018), income("c", 2.5, 2017)))
    assert series_findings(two) == [
        Finding(
            "series-values",
            ("facts", 2, "quantity"),
            "series 'income' already has a stated 2017 total: a ($2 billion), this fact gives $2.5 billion; keep "
            "one, give the other its own series, or declare it a part with a part-of relation",
        )
    ]


def test_every_later_value_is_compared_with_the_first() -> None:
    three = knowledge_base(facts=(income("a", 2, 2017), income("b", 3, 2017), income("c", 4, 2017)))
    assert [(finding.path, finding.message.split(", this")[0]) for finding in series_findings(three)] == [
        (("facts", 1, "quantity"), "series 'income' already has a stated 2017 total: a ($2 billion)"),
        (("facts", 2, "quantity"), "series 'income' already has a stated 2017 total: a ($2 billion)"),
    ]


def test_one_value_stated_in_two_scales_is_no_conflict() -> None:
    same = knowledge_base(
        facts=(
            income("a", 2, 2017),
            quoting(
                "Income.", id="b", series="income", quantity=Quantity(2000, "USD", scale="million"), time=TimeRef(2017)
            ),
        )
    )
    assert series_findings(same) == []


def test_two_forecasts_for_one_year_are_caught_as_forecasts() -> None:
    forecasts = knowledge_base(facts=(income("a", 4, 2020, kind="forecast"), income("b", 5, 2020, kind="forecast")))
    assert [finding.message for finding in series_findings(forecasts)] == [
        "series 'income' already has a forecast 2020 total: a ($4 billion), this fact gives $5 billion; keep one, "
        "give the other its own series, or declare it a part with a part-of relation"
    ]


def test_a_forecast_and_a_stated_figure_for_one_year_may_differ() -> None:
    assert series_findings(knowledge_base(facts=(income("a", 4, 2020, kind="forecast"), income("b", 5, 2020)))) == []


def test_a_part_and_its_total_for_one_year_may_differ() -> None:
    part_of = (Relation("a-in-b", "part-of", "a", "b"),)
    assert (
        series_findings(knowledge_base(facts=(income("a", 0.5, 2017), income("b", 2, 2017)), relations=part_of)) == []
    )


def test_two_parts_for_one_year_are_caught_as_parts() -> None:
    parts = (Relation("a-in-t", "part-of", "a", "t"), Relation("b-in-t", "part-of", "b", "t"))
    findings = series_findings(knowledge_base(facts=(income("a", 0.5, 2017), income("b", 0.7, 2017)), relations=parts))
    assert [finding.message for finding in findings] == [
        "series 'income' already has a stated 2017 part: a ($0.5 billion), this fact gives $0.7 billion; keep one, "
        "give the other its own series, or declare it a part with a part-of relation"
    ]


def test_the_start_of_an_increase_is_no_part() -> None:
    increase = (Relation("a-to-c", "increase", "a", "c"),)
    findings = series_findings(knowledge_base(facts=(income("a", 2, 2017), income("b", 3, 2017)), relations=increase))
    assert [finding.path for finding in findings] == [("facts", 1, "quantity")]


def test_facts_without_series_year_or_figure_are_not_compared() -> None:
    loose = knowledge_base(
        facts=(
            income("x", 1, 2017, series=None),
            income("y", 9, 2017, series=None),
            quoting("Income.", id="no-year", series="income", quantity=Quantity(7, "USD", scale="billion")),
            quoting("Income in 2017.", id="no-figure", series="income", time=TimeRef(2017)),
            income("a", 2, 2017),
            income("b", 3, 2017),
        )
    )
    assert [finding.path for finding in series_findings(loose)] == [("facts", 5, "quantity")]


# -- exceptions --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "modality", "expected"),
    [
        ("event", "predicted", "an event cannot be predicted (a predicted claim is a forecast)"),
        (
            "forecast",
            "asserted",
            "a forecast cannot be asserted (an asserted claim is a statistic or event or opinion)",
        ),
        ("opinion", "predicted", "an opinion cannot be predicted (a predicted claim is a forecast)"),
        ("statistic", "hedged", "a statistic cannot be hedged (a hedged claim is a forecast or opinion)"),
    ],
)
def test_modality_messages_say_a_and_an_as_spoken(kind: str, modality: str, expected: str) -> None:
    [finding] = [
        item for item in fact_findings(quoting("port", kind=kind, modality=modality)) if item.rule == "modality"
    ]
    assert finding.message.startswith(expected + "; write modality: ")
