"""The check's reading of meaning (kzcn.checks.meaning): each rule catches a mutated small knowledge base, with its fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builders import sha256, small_kb
from kzcn.errors import KnowledgeBaseError
from kzcn.kb.load import load_knowledge_base

CITIES, INCOME, TRANSIT, FORECAST, TRAINS = 4, 1, 2, 3, 0
"""Indexes of small_kb's facts."""


def problems(write_kb: Callable[..., Path], data: dict[str, Any]) -> list[str]:
    """Every problem the check reports, without its file:line:column."""
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(str(write_kb(data)))
    return [str(problem).split(": ", 1)[1] for problem in caught.value.problems]


def reworded(old: str, new: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """small_kb with `old` replaced by `new` in the source text, its digest, every quote and every statement."""
    data = data or small_kb()
    source = data["sources"][0]
    assert old in source["text"]
    source["text"] = source["text"].replace(old, new)
    source["sha256"] = sha256(source["text"])
    for fact in data["facts"]:
        fact["statement"] = fact["statement"].replace(old, new)
        for quote in fact["quotes"]:
            quote["text"] = quote["text"].replace(old, new)
    return data


@pytest.mark.parametrize(
    ("words", "recorded", "allowed"),
    [
        ("More than 10", "exact", "more-than"),
        ("More than 10", "less-than", "more-than"),
        ("About 10", "more-than", "about"),
        ("Nearly 10", "exact", "about | less-than | at-most"),
        ("Up to 10", "more-than", "at-most"),
        ("At least 10", "exact", "at-least"),
        ("Over 10", "at-most", "more-than"),
        ("Some 10", "exact", "about"),
    ],
)
def test_a_qualifier_that_contradicts_the_quote_is_caught(
    write_kb: Callable[..., Path], words: str, recorded: str, allowed: str
) -> None:
    data = reworded("More than 10", words)
    data["facts"][CITIES]["quantity"]["qualifier"] = recorded
    cue = words.split(" 10")[0].lower()
    assert problems(write_kb, data) == [
        f"facts[{CITIES}].quantity.qualifier: the quote gives {cue!r} before 10, but the qualifier is {recorded}; "
        f"write qualifier: {allowed} [qualifier-cue]",
        f"facts[{CITIES}].quantity.qualifier: the statement gives {cue!r} before 10, but the qualifier is "
        f"{recorded}; write qualifier: {allowed}, or fix the statement [qualifier-cue]",
    ]


def test_a_bound_recorded_for_a_plain_number_is_caught(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][TRAINS]["quantity"]["qualifier"] = "about"
    assert problems(write_kb, data)[0] == (
        f"facts[{TRAINS}].quantity.qualifier: the quote gives 40 with no qualifier before it, but the qualifier is "
        "about; write qualifier: exact [qualifier-cue]"
    )


def test_a_scale_the_quote_does_not_give_is_caught(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][INCOME]["quantity"]["scale"] = "million"
    assert problems(write_kb, data)[0] == (
        f"facts[{INCOME}].quantity.scale: the quote gives 2 billion, but the scale is million; write scale: billion "
        "[scale-cue]"
    )
    data = small_kb()
    data["facts"][TRAINS]["quantity"]["scale"] = "thousand"
    assert problems(write_kb, data)[0] == (
        f"facts[{TRAINS}].quantity.scale: the quote gives 40 with no scale word, but the scale is thousand; "
        "write scale: one [scale-cue]"
    )


@pytest.mark.parametrize(
    ("fact", "recorded", "said", "meant"),
    [
        (TRAINS, "target", "'in' 2017", "point"),  # "in 2017" recorded as a target
        (TRAINS, "start", "'in' 2017", "point"),
        (FORECAST, "point", "'by' 2020", "target"),  # "by 2020" recorded as a point
    ],
)
def test_a_time_kind_that_contradicts_the_quote_is_caught(
    write_kb: Callable[..., Path], fact: int, recorded: str, said: str, meant: str
) -> None:
    data = small_kb()
    data["facts"][fact]["time"]["kind"] = recorded
    assert problems(write_kb, data)[0] == (
        f"facts[{fact}].time.kind: the quote says {said}, but the time's kind is {recorded}; write kind: {meant} "
        "[time-cue]"
    )


def test_since_recorded_as_a_point_is_caught(write_kb: Callable[..., Path]) -> None:
    data = reworded("In 2017 the port handled", "Since 2017 the port has handled")
    data["facts"][TRAINS]["statement"] = "Since 2017 the port has handled 40 trains."
    assert problems(write_kb, data) == [
        f"facts[{TRAINS}].time.kind: the quote says 'since' 2017, but the time's kind is point; write kind: start "
        "[time-cue]",
        f"facts[{TRAINS}].time.kind: the statement says 'since' 2017, but the time's kind is point; write kind: "
        "start, or fix the statement [time-cue]",
    ]


def test_numbers_match_as_numbers_not_digit_strings(write_kb: Callable[..., Path]) -> None:
    data = reworded("handled 40 trains", "handled 1,300 trains")
    data["facts"][TRAINS]["quantity"]["amount"] = 1.3
    data["facts"][TRAINS]["statement"] = "The port handled 1.3 trains in 2017."
    assert problems(write_kb, data)[-1] == (
        f"facts[{TRAINS}].quantity.amount: the amount 1.3 does not appear in the fact's quotes "
        "(numbers there: 1300, 2017); quote the words that give it"
    )
    data = small_kb()
    data["facts"][INCOME]["time"]["year"] = 2  # the 2 of "$ 2 billion" is no year
    data["facts"][INCOME]["statement"] = "The corridor earned $2 billion in 2."
    assert problems(write_kb, data) == [
        f"facts[{INCOME}].time.year: the year 2 does not appear as a year in the fact's quotes (numbers there: 2, "
        "2017); quote the words that give it, say how it is known with `inferred:`, or drop `time`"
    ]


def test_a_statement_that_disagrees_with_its_figure_is_caught(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][INCOME]["statement"] = "The corridor earned $4 billion in 2016."
    assert problems(write_kb, data) == [
        f"facts[{INCOME}].statement: the statement gives 4, which neither the fact's quantity ($2 billion) nor its "
        "quotes give; say what the quotes say [statement-numbers]",
        f"facts[{INCOME}].statement: the statement gives 2016, which neither the fact's quantity ($2 billion) nor "
        "its quotes give; say what the quotes say [statement-numbers]",
        f"facts[{INCOME}].statement: the statement does not give the fact's amount 2 ($2 billion); state the figure "
        "the fact records [statement-numbers]",
        f"facts[{INCOME}].statement: the statement does not give the fact's year 2017; state it as the quotes do "
        "[statement-numbers]",
    ]


def test_a_forecast_needs_a_sign_of_one_and_a_statistic_none(write_kb: Callable[..., Path]) -> None:
    data = reworded(
        "By 2020 income will rise to $ 4 billion, according to forecasts.", "In 2020 income was $ 4 billion."
    )
    data["facts"][FORECAST].update(time={"year": 2020, "kind": "point"}, statement="Income was $4 billion in 2020.")
    data["facts"][FORECAST]["exceptions"] = [{"rule": "attribution-cue", "reason": "a test of the forecast cue"}]
    assert problems(write_kb, data) == [
        f"facts[{FORECAST}].kind: a forecast, but its quotes have no sign of one (forecast, will, expected, by 2020, "
        "...); quote the words that make it a forecast, or change the kind [forecast-cue]"
    ]
    data = reworded("In 2017 the port handled 40 trains.", "In 2017 the port will handle 40 trains.")
    assert problems(write_kb, data) == [
        f"facts[{TRAINS}].kind: a statistic, but its quotes read as a forecast ('will'); write kind: forecast, or "
        "quote the stated figure only [statistic-cue]"
    ]


def test_two_values_for_one_series_year_and_role_are_caught(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["relations"] = data["relations"][1:]  # the transit figure is no longer declared a part: a second total
    data["derived"] = [spec for spec in data["derived"] if spec["operation"] == "annual-growth"]
    assert problems(write_kb, data) == [
        f"facts[{TRANSIT}].quantity: series 'transport-income' already has a stated 2017 total: income-2017 "
        "($2 billion), this fact gives $0.5 billion; keep one, give the other its own series, or declare it a part "
        "with a part-of relation"
    ]


# -- modality ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"modality": "asertted"}, "facts[4].modality: expected one of asserted, reported, predicted, conditional, "
         "hedged, found 'asertted'; did you mean 'asserted'?"),
        ({"modality": "predicted"}, "facts[4].modality: a statistic cannot be predicted (a predicted claim is a "
         "forecast); write modality: asserted | reported, or change the kind"),
        ({"modality": "reported"}, "facts[4].modality: a reported claim needs `attributed_to`: who makes it "
         "(\"unnamed forecasts\" when the source does not say)"),
        ({"attributed_to": "the author"}, "facts[4].attributed_to: an asserted claim is the author's own, yet "
         "`attributed_to` names 'the author'; write modality: reported, or drop attributed_to"),
        ({"condition": "More than 10"}, "facts[4].condition: a `condition` belongs to a conditional claim, this one "
         "is asserted; write modality: conditional, or drop the condition"),
    ],
)  # fmt: skip
def test_modality_is_validated(write_kb: Callable[..., Path], change: dict[str, str], message: str) -> None:
    data = small_kb()
    data["facts"][CITIES].update(change)
    incidental = (
        [{"rule": "attribution-cue", "reason": "a test of the modality"}] if change.get("attributed_to") else []
    )
    data["facts"][CITIES]["exceptions"] = incidental
    assert problems(write_kb, data) == [message]


def test_modality_is_required(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    del data["facts"][CITIES]["modality"]
    assert problems(write_kb, data) == [f"facts[{CITIES}]: missing required field 'modality'"]


def test_a_conditional_claim_quotes_its_condition(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    forecast = data["facts"][FORECAST]
    forecast.update(modality="conditional", condition="If the corridor opens")
    forecast["exceptions"] = [{"rule": "reported-cue", "reason": "a test of the condition"}]
    del forecast["attributed_to"]
    assert problems(write_kb, data) == [
        f"facts[{FORECAST}].condition: the condition does not stand verbatim in the fact's quotes; quote the "
        "source's words for it"
    ]
    forecast["condition"] = "according to forecasts"
    assert load_knowledge_base(str(write_kb(data))).facts[FORECAST].condition == "according to forecasts"
    del forecast["condition"]
    assert problems(write_kb, data) == [
        f"facts[{FORECAST}].modality: a conditional claim needs `condition`: the condition, quoted"
    ]


def test_a_hedged_claim_says_it_may_be_so(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][5].update(modality="hedged")
    assert problems(write_kb, data) == [
        "facts[5].modality: hedged, but its quotes say nothing may be so (can, could, may, might, ...); quote the "
        "hedging words, or write the modality the quotes give [hedge-cue]"
    ]


# -- exceptions ----------------------------------------------------------------------------------------------------


def test_a_reasoned_exception_excuses_its_rule_only(write_kb: Callable[..., Path]) -> None:
    data = reworded("In 2017 the port handled 40 trains.", "In 2017 the port will handle 40 trains.")
    data["facts"][TRAINS]["exceptions"] = [{"rule": "statistic-cue", "reason": "a plan the port states as done"}]
    kb = load_knowledge_base(str(write_kb(data)))
    assert kb.warnings == ()
    assert [(item.rule, item.reason) for item in kb.facts[TRAINS].exceptions] == [
        ("statistic-cue", "a plan the port states as done")
    ]
    data["facts"][TRAINS]["quantity"]["scale"] = "thousand"  # another rule still applies
    assert problems(write_kb, data) == [
        f"facts[{TRAINS}].quantity.scale: the quote gives 40 with no scale word, but the scale is thousand; "
        "write scale: one [scale-cue]",
        f"facts[{TRAINS}].quantity.scale: the statement gives 40 with no scale word, but the scale is thousand; "
        "write scale: one, or fix the statement [scale-cue]",
    ]


def test_an_exception_needs_a_reason_and_a_known_rule(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][TRAINS]["exceptions"] = [{"rule": "time-cue"}]
    assert problems(write_kb, data) == [f"facts[{TRAINS}].exceptions[0]: missing required field 'reason'"]
    data["facts"][TRAINS]["exceptions"] = [{"rule": "time-cue", "reason": " "}]
    assert problems(write_kb, data) == [f"facts[{TRAINS}].exceptions[0].reason: expected text, found an empty string"]
    data["facts"][TRAINS]["exceptions"] = [{"rule": "forcast-cue", "reason": "a typo in the rule's name"}]
    assert problems(write_kb, data) == [
        f"facts[{TRAINS}].exceptions[0].rule: no rule 'forcast-cue' takes exceptions; did you mean 'forecast-cue'?"
    ]


def test_an_exception_that_excuses_nothing_is_a_warning(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][TRAINS]["exceptions"] = [{"rule": "forecast-cue", "reason": "not needed"}]
    path = write_kb(data)
    assert load_knowledge_base(str(path)).warnings == (
        f"{path}: fact trains-2017: the exception to forecast-cue excuses nothing; remove it",
    )
