"""kzcn.checks.check called directly on small knowledge bases: every problem's place and whole message, every warning."""

from __future__ import annotations

from typing import Any

import pytest

from builders import ARTICLE, dump, fact, fact_data, knowledge_base, quote, sha256, small_kb, source, source_data
from kzcn.checks import check as check_module
from kzcn.checks.check import check
from kzcn.model.records import KnowledgeBase
from kzcn.model.text import CLOSEST_SECONDS, IndexedSource
from kzcn.parse.schema import SchemaReader
from kzcn.parse.yamlfields import Locator
from kzcn.parse.yamlload import parse

KB = "kb.yaml"


def read(data: dict[str, Any]) -> tuple[KnowledgeBase, SchemaReader]:
    reader = SchemaReader(KB, parse(KB, dump(data)))
    kb = reader.read()
    assert kb is not None
    # Only the records written to fail (`{"id": "broken"}`) may fail the schema.
    assert all(problem.message.startswith("missing required field") for problem in reader.problems), reader.problems
    return kb, reader


def checked(data: dict[str, Any], excused: set[str] | None = None) -> tuple[list[str], list[str]]:
    """("path: message" of every problem, in the order the check finds them; the warnings) of the records that
    passed the schema."""
    kb, reader = read(data)
    problems, warnings = check(kb, reader.locator, reader.positions, excused)
    return [f"{problem.path}: {problem.message}" for problem in problems], warnings


def problems_of(data: dict[str, Any]) -> list[str]:
    problems, _warnings = checked(data)
    return problems


def line_of(data: dict[str, Any], text: str, nth: int = 1) -> int:
    """The 1-based line of the nth line of the dumped file that contains `text`."""
    lines = [number for number, line in enumerate(dump(data).splitlines(), start=1) if text in line]
    return lines[nth - 1]


TRANSIT_WITHIN_INCOME = {"id": "transit-within-income", "kind": "part-of", "part": "income-transit-2017",
                         "whole": "income-2017"}  # fmt: skip


# -- the whole check ----------------------------------------------------------------------------------------------


def test_a_valid_knowledge_base_has_no_problems_and_no_warnings_without_positions_or_excused_ids() -> None:
    kb, reader = read(small_kb())
    assert check(kb, reader.locator) == ([], [])


def test_the_shared_builders_make_records_and_data_that_pass_the_check() -> None:
    locator = Locator(parse(KB, "{}\n"))
    assert check(knowledge_base(), locator) == ([], [])
    other = source(id="page", role="evidence", text="Other words.")
    quoting_it = fact(id="page-fact", source="page", quotes=(quote(text="Other words."),), kept_because="A test.")
    assert check(knowledge_base(sources=(source(), other), facts=(fact(), quoting_it)), locator) == ([], [])
    assert checked(small_kb(sources=[source_data()], facts=[fact_data()], relations=[], derived=[])) == ([], [])


def wrong_amount(data: dict[str, Any], index: int) -> None:
    data["facts"][index]["quantity"]["amount"] = 41
    data["facts"][index]["statement"] = "The port handled 41 trains in 2017."


def test_a_problem_names_the_file_line_column_and_field_path() -> None:
    data = small_kb()
    wrong_amount(data, 0)
    kb, reader = read(data)
    problems, _warnings = check(kb, reader.locator)
    assert [str(problem) for problem in problems] == [
        f"{KB}:{line_of(data, 'amount: 41')}:13: facts[0].quantity.amount: the amount 41 does not appear in the "
        "fact's quotes (numbers there: 40, 2017); quote the words that give it"
    ]


def test_a_record_after_one_that_failed_the_schema_is_reported_at_its_place_in_the_file() -> None:
    data = small_kb()
    data["facts"].insert(0, {"id": "broken"})
    wrong_amount(data, 1)
    kb, reader = read(data)
    assert kb.facts[0].id == "trains-2017"
    problems, _warnings = check(kb, reader.locator, reader.positions)
    assert [str(problem) for problem in problems] == [
        f"{KB}:{line_of(data, 'amount: 41')}:13: facts[1].quantity.amount: the amount 41 does not appear in the "
        "fact's quotes (numbers there: 40, 2017); quote the words that give it"
    ]


def test_problems_come_in_the_order_of_the_checks() -> None:
    data = small_kb()
    data["sources"].append(source_data())
    data["facts"][0]["refers_to"] = ["film"]
    data["relations"][0]["part"] = "nothing"
    data["derived"][0]["inputs"]["part"] = "nothing"
    data["facts"][3]["quantity"]["unit"] = "EUR"
    data["facts"][5]["quotes"][0]["paragraph"] = 2
    data["reviews"] = [{"claim": "nothing", "verdict": "unverified", "summary": "x"}]
    data["facts"][5]["exceptions"] = [{"rule": "hedge-cue", "reason": "r"}]
    problems, warnings = checked(data)
    assert problems == [
        "sources[1].id: duplicate source id 'doc', first used at sources[0]",
        "facts[0].refers_to[0]: names no known source 'film'",
        "facts[3].quantity.unit: the unit EUR is printed in no quote; quote the words that give it, or record the "
        "unit they give [unit-cue]",
        "facts[5].quotes[0].paragraph: the quote stands in paragraph 1 (offset 0), not 2; write paragraph: 1",
        "relations[0].part: names no known fact 'nothing'",
        "relations[1]: compares USD with EUR; both facts need one unit",
        "derived[0].inputs.part: names no known fact 'nothing'",
        "derived[2]: cannot be computed: its inputs are in different units (EUR, USD)",
        "facts[3].quantity.unit: series 'transport-income' is in USD (facts[1]), this fact in EUR",
        "facts[2].quantity: series 'transport-income' already has a stated 2017 total: income-2017 ($2 billion), "
        "this fact gives $0.5 billion; keep one, give the other its own series, or declare it a part with a part-of "
        "relation",
        "reviews[0].claim: names no known fact 'nothing'",
    ]
    assert warnings == [f"{KB}: fact trade-grew: the exception to hedge-cue excuses nothing; remove it"]


def test_a_review_problem_is_located_at_the_review_in_the_file() -> None:
    data = small_kb()
    data["reviews"] = [
        {"claim": "trains-2017", "verdict": "unverified", "summary": "x", "searched": "The port's count."},
        {"claim": "trains-2017", "verdict": "unverified", "summary": "again", "searched": "Again."},
    ]
    kb, reader = read(data)
    problems, _warnings = check(kb, reader.locator)
    assert [str(problem) for problem in problems] == [
        f"{KB}:{line_of(data, 'claim: trains-2017', 2)}:10: reviews[1].claim: claim 'trains-2017' is reviewed twice; "
        "merge this review into the first"
    ]


def test_a_reference_to_an_id_declared_by_a_record_that_failed_the_schema_is_not_reported_again() -> None:
    data = small_kb()
    data["facts"][0]["refers_to"] = ["film", "other"]
    data["derived"][0]["inputs"]["part"] = "film"
    problems, _warnings = checked(data, excused={"film"})
    assert problems == ["facts[0].refers_to[1]: names no known source 'other'"]


# -- ids --------------------------------------------------------------------------------------------------------


def test_a_repeated_source_id_names_where_it_was_first_used() -> None:
    data = small_kb()
    data["sources"] += [source_data(), source_data()]
    assert problems_of(data) == [
        "sources[1].id: duplicate source id 'doc', first used at sources[0]",
        "sources[2].id: duplicate source id 'doc', first used at sources[0]",
    ]


def test_ids_are_unique_across_facts_relations_derived_figures_and_comparisons() -> None:
    data = small_kb()
    data["relations"][0]["id"] = "trains-2017"
    data["derived"][0]["id"] = "income-rises"
    data["derived"][1]["id"] = "trains-2017"
    data["comparisons"] = [
        {"id": "income-growth", "facts": ["income-2017", "trains-2017"], "comparable": False, "reason": "No."},
    ]
    assert problems_of(data) == [
        "relations[0].id: duplicate id 'trains-2017', first used at facts[0]",
        "derived[0].id: duplicate id 'income-rises', first used at relations[1]",
        "derived[1].id: duplicate id 'trains-2017', first used at facts[0]",
        "comparisons[0].id: duplicate id 'income-growth', first used at derived[2]",
    ]


def test_a_fact_may_share_its_id_with_a_source() -> None:
    data = small_kb()
    data["facts"][0]["id"] = "doc"
    assert problems_of(data) == []


def test_where_an_id_was_first_used_is_its_place_in_the_file() -> None:
    data = small_kb()
    data["facts"].insert(0, {"id": "broken"})
    data["facts"].append({**data["facts"][1], "statement": "The port handled 40 trains in 2017, again."})
    data["sources"].insert(0, {"id": "broken-source"})
    data["sources"].append(source_data())
    assert problems_of(data) == [
        "sources[2].id: duplicate source id 'doc', first used at sources[1]",
        "facts[7].id: duplicate id 'trains-2017', first used at facts[1]",
        f"facts[7].quotes[0].text: fact trains-2017 quotes these same words; {SHARED_FIX}",
    ]


# -- sources ----------------------------------------------------------------------------------------------------


def test_a_text_that_does_not_match_its_fingerprint_is_reported_with_both_digests() -> None:
    data = small_kb()
    data["sources"][0]["sha256"] = sha256("other")
    assert problems_of(data) == [
        f"sources[0].sha256: fingerprint mismatch: the text's SHA-256 is {sha256(ARTICLE)}, the file records "
        f"{sha256('other')}; the text was changed, or the digest is wrong"
    ]


def test_a_source_without_its_digest_or_its_text_is_left_to_the_schema() -> None:
    data = small_kb()
    data["sources"] += [
        source_data(id="page", text="Some text.", sha256=None),
        source_data(id="film", text=None, sha256=sha256("x")),
    ]
    reader = SchemaReader(KB, parse(KB, dump(data)))
    kb = reader.read()
    assert kb is not None and [source.id for source in kb.sources] == ["doc", "page", "film"]
    assert [problem.path for problem in reader.problems] == ["sources[1]"]
    assert check(kb, reader.locator, reader.positions) == ([], [])


def test_a_source_cited_in_another_needs_a_paragraph_that_exists_in_a_source_with_text() -> None:
    data = small_kb()
    data["sources"] += [
        source_data(id="film", text=None, cited_in={"source": "doc", "paragraph": 3}),
        source_data(id="show", text=None, cited_in={"source": "doc", "paragraph": 4}),
        source_data(id="play", text=None, cited_in={"source": "film", "paragraph": 1}),
        source_data(id="song", text=None, cited_in={"source": "radio", "paragraph": 1}),
    ]
    assert problems_of(data) == [
        "sources[2].cited_in: paragraph 4 does not exist; source 'doc' has 3",
        "sources[3].cited_in: source 'film' has no text to quote from; add its `text` or cite another source",
        "sources[4].cited_in: names no known source 'radio'; known: doc, film, show, play, song",
    ]


# -- facts ------------------------------------------------------------------------------------------------------


def test_a_fact_must_name_known_sources() -> None:
    data = small_kb()
    data["sources"].append(source_data(id="page", text="Other words."))
    data["facts"][0]["refers_to"] = ["doc", "film", "doc", "play"]
    data["facts"][1]["source"] = "radio"
    data["facts"][1]["quotes"][0]["text"] = "Words from nowhere."
    assert problems_of(data) == [
        "facts[0].refers_to[1]: names no known source 'film'",
        "facts[0].refers_to[3]: names no known source 'play'",
        "facts[1].source: names no known source 'radio'; known: doc, page",
    ]


def test_a_quote_from_a_source_without_text_is_refused_and_not_read_for_numbers() -> None:
    data = small_kb()
    data["sources"].append(source_data(id="film", text=None))
    data["facts"][0]["source"] = "film"
    assert problems_of(data) == [
        "facts[0].quotes[0].paragraph: source 'film' has no text to quote from; add its `text` or cite another source",
        "facts[0].quantity.amount: the amount 40 does not appear in the fact's quotes (numbers there: none); quote "
        "the words that give it",
    ]


def test_a_quote_in_a_missing_paragraph_is_skipped_and_the_next_quote_still_read() -> None:
    data = small_kb()
    data["facts"][0]["quotes"].insert(0, {"paragraph": 4, "text": "In 2017 the port handled 40 trains."})
    data["facts"][0]["quotes"].append({"paragraph": 3, "text": "More than 10 cities"})
    assert problems_of(data) == [
        "facts[0].quotes[0].paragraph: paragraph 4 does not exist; source 'doc' has 3",
    ]


def test_a_year_missing_from_the_quotes_lists_their_numbers() -> None:
    data = small_kb()
    data["facts"][4]["time"] = {"year": 2019}
    data["facts"][4]["statement"] = "More than 10 cities are served in 2019."
    assert problems_of(data) == [
        "facts[4].time.year: the year 2019 does not appear as a year in the fact's quotes (numbers there: 10); "
        "quote the words that give it, say how it is known with `inferred:`, or drop `time`"
    ]


def test_a_year_in_a_quote_of_a_missing_paragraph_still_counts() -> None:
    data = small_kb()
    data["facts"][0]["quotes"] = [
        {"paragraph": 1, "text": "the port handled 40 trains"},
        {"paragraph": 5, "text": "In 2017"},
    ]
    assert problems_of(data) == ["facts[0].quotes[1].paragraph: paragraph 5 does not exist; source 'doc' has 3"]


# -- meaning ----------------------------------------------------------------------------------------------------


def test_an_exception_to_no_rule_suggests_the_closest_rule_or_lists_them_all() -> None:
    data = small_kb()
    data["facts"][0]["exceptions"] = [
        {"rule": "forecast-cues", "reason": "r"},
        {"rule": "zzz", "reason": "r"},
    ]
    problems, warnings = checked(data)
    assert problems == [
        "facts[0].exceptions[0].rule: no rule 'forecast-cues' takes exceptions; did you mean 'forecast-cue'?",
        "facts[0].exceptions[1].rule: no rule 'zzz' takes exceptions; rules that admit one: qualifier-cue, "
        "scale-cue, time-cue, statement-numbers, forecast-cue, statistic-cue, hedge-cue, invisible-character, statement-words, negation, attribution-cue, reported-cue, conditional-cue, "
        "hedge-lost, entity-order, entity-named, unit-cue, opinion-forecast-cue, opinion-frame",
    ]
    assert warnings == []


STATISTIC_CUE = (
    "facts[3].kind: a statistic, but its quotes read as a forecast ('by 2020'); write kind: forecast, or quote the "
    "stated figure only [statistic-cue]"
)
REPORTED_CUE = (
    "facts[3].modality: the quotes attribute the claim ('according to'), but the modality is asserted; write "
    "modality: reported with attributed_to, and keep the attribution in the statement [reported-cue]"
)
FORECAST_AS_STATISTIC = {
    "id": "income-forecast-2020",
    "kind": "statistic",
    "modality": "asserted",
    "time": {"year": 2020, "kind": "target"},
}


def test_a_heuristic_finding_ends_with_its_rule_name_and_a_modality_finding_does_not() -> None:
    data = small_kb()
    data["facts"][3].update(FORECAST_AS_STATISTIC)
    data["facts"][3]["attributed_to"] = "someone"
    assert problems_of(data) == [
        "facts[3].attributed_to: an asserted claim is the author's own, yet `attributed_to` names 'someone'; write "
        "modality: reported, or drop attributed_to",
        STATISTIC_CUE,
        "facts[3].attributed_to: attributed to 'someone', but 'someone' stands in no quote and not in the source's "
        "title, author, publisher or notes; name whom the quotes name, or an unnamed form they support ('unnamed "
        "forecasts') [attribution-cue]",
        REPORTED_CUE,
    ]


def test_an_exception_excuses_its_rule_only_and_is_used() -> None:
    data = small_kb()
    data["facts"][3].update(FORECAST_AS_STATISTIC)
    data["facts"][3].pop("attributed_to")
    data["facts"][3]["exceptions"] = [{"rule": "statistic-cue", "reason": "The source states it."}]
    assert checked(data) == ([REPORTED_CUE], [])  # the statistic-cue excused, not the report
    data["facts"][3]["exceptions"] = [{"rule": "forecast-cue", "reason": "Wrong rule."}]
    assert checked(data) == (
        [STATISTIC_CUE, REPORTED_CUE],
        [f"{KB}: fact income-forecast-2020: the exception to forecast-cue excuses nothing; remove it"],
    )


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_a_quote_in_another_language_is_not_held_to_english_cue_words(language: str) -> None:
    data = small_kb()
    data["sources"][0]["language"] = language
    data["facts"][3].update(FORECAST_AS_STATISTIC)
    data["facts"][3].pop("attributed_to")
    data["facts"][3]["statement"] = "Income rises to $4 billion by 2021."
    assert problems_of(data) == [
        "facts[3].statement: the statement gives 2021, which neither the fact's quantity ($4 billion) nor its quotes "
        "give; say what the quotes say [statement-numbers]",
        "facts[3].statement: the statement does not give the fact's year 2020; state it as the quotes do "
        "[statement-numbers]",
    ]


@pytest.mark.parametrize("language", ["en", "en-GB", None])
def test_a_quote_in_english_or_an_unknown_language_is_held_to_cue_words(language: str | None) -> None:
    data = small_kb()
    data["sources"][0]["language"] = language
    data["facts"][3].update(FORECAST_AS_STATISTIC)
    data["facts"][3].pop("attributed_to")
    assert problems_of(data) == [STATISTIC_CUE, REPORTED_CUE]


# -- quotes -----------------------------------------------------------------------------------------------------


def test_a_quote_in_another_paragraph_names_the_paragraph_and_offset() -> None:
    data = small_kb()
    data["facts"][0]["quotes"][0]["paragraph"] = 2
    assert problems_of(data) == [
        "facts[0].quotes[0].paragraph: the quote stands in paragraph 1 (offset 46), not 2; write paragraph: 1"
    ]


def test_a_misquote_gets_the_closest_passage_only_when_it_is_at_least_half_alike() -> None:
    data = small_kb()
    data["facts"][0]["quotes"][0]["text"] = "In 2017 the port handled 40 planes."
    data["facts"][5]["quotes"][0]["text"] = "Completely different words."
    assert problems_of(data) == [
        "facts[0].quotes[0].text: the quote does not appear verbatim in source 'doc'; closest passage (paragraph 1, "
        "91% alike): 'In 2017 the port handled 40 trains.'",
        "facts[5].quotes[0].text: the quote does not appear verbatim in source 'doc'",
    ]


def test_only_the_first_twenty_misquotes_get_a_closest_passage() -> None:
    data = small_kb()
    data["facts"][5]["quotes"] = [
        {"paragraph": 1, "text": f"Trade between the two countries grew {n}."} for n in range(21)
    ]
    problems = problems_of(data)
    hinted = [problem for problem in problems if "closest passage" in problem]
    assert len(problems) == 21
    assert problems[19] == (
        "facts[5].quotes[19].text: the quote does not appear verbatim in source 'doc'; closest passage (paragraph 1, "
        "89% alike): 'Trade between the two countries grew quickly.'"
    )
    assert len(hinted) == 20
    assert problems[20] == "facts[5].quotes[20].text: the quote does not appear verbatim in source 'doc'"


def test_a_passage_exactly_half_alike_is_shown() -> None:
    data = small_kb()
    data["facts"][5]["quotes"][0]["text"] = "Trade xxxxx"
    assert problems_of(data) == [
        "facts[5].quotes[0].text: the quote does not appear verbatim in source 'doc'; closest passage (paragraph 1, "
        "50% alike): 'Trade between'"
    ]


def test_no_closest_passage_is_searched_once_the_time_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check_module, "CLOSEST_BUDGET_SECONDS", 0.0)
    data = small_kb()
    data["facts"][0]["quotes"][0]["text"] = "In 2017 the port handled 40 planes."
    assert problems_of(data) == ["facts[0].quotes[0].text: the quote does not appear verbatim in source 'doc'"]


def test_a_quote_differing_only_in_unicode_normalisation_says_how_the_source_writes_it() -> None:
    composed = "Caf\u00e9 owners say trade grew."
    decomposed = "Cafe\u0301 owners say trade grew."
    data = small_kb()
    data["sources"] += [
        source_data(id="nfc", text=composed),
        source_data(id="nfd", text=decomposed),
        source_data(id="mixed", text=composed + " " + decomposed),
    ]
    data["facts"] += [
        fact_data(id="cafe-nfc", source="nfc", quotes=[{"paragraph": 1, "text": decomposed}]),
        fact_data(id="cafe-nfd", source="nfd", quotes=[{"paragraph": 1, "text": composed}]),
        fact_data(
            id="cafe-mixed",
            source="mixed",
            quotes=[{"paragraph": 1, "text": "Cafe\u0301 owners say trade grew. Caf\u00e9"}],
        ),
    ]
    message = (
        "the quote does not appear verbatim in source {!r}: it differs from paragraph 1 only in Unicode normalisation "
        "(the same letters composed differently, such as é as one character or as e and a combining accent); {}"
    )
    assert problems_of(data) == [
        "facts[6].quotes[0].text: " + message.format("nfc", "write the quote in NFC, as the source is"),
        "facts[7].quotes[0].text: " + message.format("nfd", "write the quote in NFD, as the source is"),
        "facts[8].quotes[0].text: " + message.format("mixed", "copy it from the source"),
    ]


# -- relations --------------------------------------------------------------------------------------------------


def test_a_relation_reports_each_end_that_is_unknown_or_has_no_figure() -> None:
    data = small_kb()
    data["relations"] = [
        {"id": "both-missing", "kind": "part-of", "part": "nothing", "whole": "nowhere"},
        {"id": "no-figures", "kind": "increase", "from": "trade-grew", "to": "trade-grew"},
        {"id": "fine", "kind": "part-of", "part": "income-transit-2017", "whole": "income-2017"},
    ]
    assert problems_of(data) == [
        "relations[0].part: names no known fact 'nothing'",
        "relations[0].whole: names no known fact 'nowhere'",
        "relations[1].from: fact 'trade-grew' has no quantity to compare",
        "relations[1].to: fact 'trade-grew' has no quantity to compare",
    ]


def test_a_part_may_equal_its_whole_but_not_exceed_it() -> None:
    data = small_kb()
    data["relations"] = [
        {"id": "equal", "kind": "part-of", "part": "trains-2017", "whole": "trains-2017"},
        {"id": "units", "kind": "part-of", "part": "trains-2017", "whole": "income-2017"},
        {"id": "larger", "kind": "part-of", "part": "income-forecast-2020", "whole": "income-2017"},
        {"id": "smaller", "kind": "part-of", "part": "income-transit-2017", "whole": "income-forecast-2020"},
        TRANSIT_WITHIN_INCOME,
    ]
    assert problems_of(data) == [
        "relations[1]: compares trains with USD; both facts need one unit",
        "relations[2]: part-of does not hold: the part income-forecast-2020 (4,000,000,000 USD) is larger than the "
        "whole income-2017 (2,000,000,000 USD)",
    ]


def test_an_increase_must_end_strictly_higher() -> None:
    data = small_kb()
    data["relations"] = [
        {"id": "flat", "kind": "increase", "from": "income-2017", "to": "income-2017"},
        {"id": "fall", "kind": "increase", "from": "income-2017", "to": "income-transit-2017"},
        {"id": "rise", "kind": "increase", "from": "income-transit-2017", "to": "income-2017"},
        TRANSIT_WITHIN_INCOME,
    ]
    assert problems_of(data) == [
        "relations[0]: increase does not hold: income-2017 (2,000,000,000 USD) is not above income-2017 "
        "(2,000,000,000 USD)",
        "relations[1]: increase does not hold: income-transit-2017 (500,000,000 USD) is not above income-2017 "
        "(2,000,000,000 USD)",
    ]


# -- derived figures --------------------------------------------------------------------------------------------


def test_a_derived_figure_needs_known_inputs_and_a_computable_value() -> None:
    data = small_kb()
    data["derived"] = [
        {"id": "missing", "label": "x", "operation": "share", "inputs": {"part": "nothing", "whole": "nowhere"}},
        {"id": "wrong-way", "label": "x", "operation": "annual-growth", "comparable": "Both income.",
         "inputs": {"from": "income-forecast-2020", "to": "income-2017"}},
        {"id": "fine", "label": "x", "operation": "share", "comparable": "A part of the whole.",
         "inputs": {"part": "income-transit-2017", "whole": "income-2017"}},
    ]  # fmt: skip
    assert problems_of(data) == [
        "derived[0].inputs.part: names no known fact 'nothing'",
        "derived[0].inputs.whole: names no known fact 'nowhere'",
        "derived[1]: cannot be computed: the end year 2017 is not after the start year 2020",
    ]


# -- series -----------------------------------------------------------------------------------------------------


def test_a_series_keeps_the_unit_of_its_first_fact_with_a_figure() -> None:
    data = small_kb(relations=[], derived=[])
    data["facts"].insert(0, {"id": "broken"})
    data["facts"][5]["series"] = "transport-income"  # cities-served, in cities, no year
    data["facts"][6]["series"] = "transport-income"  # trade-grew, no figure
    data["facts"][3]["series"] = "other"
    data["facts"][1]["series"] = "freight"  # trains-2017, in trains: another series, another unit
    assert problems_of(data) == [
        "facts[5].quantity.unit: series 'transport-income' is in USD (facts[2]), this fact in cities",
    ]


# -- warnings ---------------------------------------------------------------------------------------------------


def quoting(fact_id: str, *quotes: tuple[int, str]) -> dict[str, Any]:
    """A fact of doc quoting each (paragraph, text)."""
    return fact_data(
        id=fact_id,
        statement=quotes[0][1],
        quotes=[{"paragraph": paragraph, "text": text} for paragraph, text in quotes],
    )


TRADE = (1, "Trade between the two countries grew quickly.")
SHARED_FIX = (
    "quote the words of this fact's own claim, or, where two claims rest on one span (a condition they share), "
    "say why on both quotes: `shared: ...`"
)
CITIES = (3, "More than 10 cities")


def test_a_span_quoted_by_several_facts_is_refused_at_each_later_use() -> None:
    data = small_kb()
    data["facts"] += [
        quoting("a", TRADE, (1, "Trade between the two countries grew quickly.")),
        quoting("b", (1, "Trade between the two countries grew quickly."), TRADE),
        quoting("f", CITIES),
        quoting("g", CITIES),
    ]
    problems, warnings = checked(data)
    fix = SHARED_FIX
    assert (problems, warnings) == (
        [
            f"facts[6].quotes[0].text: fact trade-grew quotes these same words; {fix}",
            f"facts[6].quotes[1].text: fact trade-grew quotes these same words; {fix}",
            f"facts[7].quotes[0].text: fact trade-grew quotes these same words; {fix}",
            f"facts[7].quotes[1].text: fact trade-grew quotes these same words; {fix}",
            f"facts[9].quotes[0].text: fact f quotes these same words; {fix}",
        ],
        [],
    )


def test_a_span_all_its_facts_declare_shared_is_no_problem() -> None:
    data = small_kb()
    data["facts"] += [quoting("a", TRADE), quoting("b", TRADE)]
    for item in data["facts"]:
        if item["id"] in ("trade-grew", "a", "b"):
            item["quotes"][0]["shared"] = "one sentence backs three claims"
    assert checked(data) == ([], [])


def test_a_fact_repeating_its_own_quote_or_another_sources_words_is_no_shared_quote() -> None:
    data = small_kb()
    data["sources"].append(source_data(id="copy", text=ARTICLE))
    data["facts"] += [quoting("twice", CITIES, CITIES), {**quoting("elsewhere", TRADE), "source": "copy"}]
    assert checked(data) == ([], [])


# -- the numbers a problem lists --------------------------------------------------------------------------------


def amount_problem(quote: str, amount: int = 7) -> str:
    """The message for a fact of `amount` whose one quote (from a source of just that text) is `quote`."""
    data = small_kb()
    data["sources"].append(source_data(id="page", text=quote))
    data["facts"].append(
        fact_data(
            id="counted",
            statement=f"There are {amount} things.",
            source="page",
            quotes=[{"paragraph": 1, "text": quote}],
            quantity={"amount": amount, "unit": "things"},
            exceptions=[
                {"rule": "qualifier-cue", "reason": "r"},
                {"rule": "statement-words", "reason": "a test of the amount's message"},
                {"rule": "unit-cue", "reason": "a test of the amount's message"},
                {"rule": "negation", "reason": "a test of the amount's message"},
            ],
        )
    )
    problems = problems_of(data)
    assert len(problems) == 1, problems
    return problems[0].removeprefix("facts[6].quantity.amount: ")


def test_the_numbers_listed_are_the_ten_smallest_floats_as_written() -> None:
    assert amount_problem("Counts 12, 0.5, 3, 11, 10, 9, 8, 6, 5, 4 and 2 here.") == (
        "the amount 7 does not appear in the fact's quotes (numbers there: 0.5, 2, 3, 4, 5, 6, 8, 9, 10, 11); quote "
        "the words that give it"
    )


def test_no_numbers_listed_is_none() -> None:
    assert amount_problem("Counts nothing here.") == (
        "the amount 7 does not appear in the fact's quotes (numbers there: none); quote the words that give it"
    )


def test_a_number_of_more_than_thirty_characters_is_shortened() -> None:
    thirty = "1" * 30
    assert amount_problem(f"Counts {thirty} and 2{thirty} here.") == (
        f"the amount 7 does not appear in the fact's quotes (numbers there: {thirty}, 2{'1' * 26}...); quote the "
        "words that give it"
    )


class FrozenClock:
    """A stand-in for the time module whose monotonic clock never moves."""

    @staticmethod
    def monotonic() -> float:
        return 1000.0


def searches(monkeypatch: pytest.MonkeyPatch, budget: float) -> tuple[list[str], list[float]]:
    """(the problems, the seconds each closest-passage search was given) of one misquote, the clock stopped."""
    given: list[float] = []
    closest = IndexedSource.closest

    def timed(self: IndexedSource, quote: str, *, seconds: float = CLOSEST_SECONDS) -> tuple[int, str, float]:
        given.append(seconds)
        return closest(self, quote, seconds=seconds)

    monkeypatch.setattr(IndexedSource, "closest", timed)
    monkeypatch.setattr(check_module, "time", FrozenClock)
    monkeypatch.setattr(check_module, "CLOSEST_BUDGET_SECONDS", budget)
    data = small_kb()
    data["facts"][0]["quotes"][0]["text"] = "In 2017 the port handled 40 planes."
    return problems_of(data), given


HINTED = (
    "facts[0].quotes[0].text: the quote does not appear verbatim in source 'doc'; closest passage (paragraph 1, 91% "
    "alike): 'In 2017 the port handled 40 trains.'"
)


def test_a_closest_passage_search_gets_at_most_its_own_limit_of_time(monkeypatch: pytest.MonkeyPatch) -> None:
    assert searches(monkeypatch, 5.0) == ([HINTED], [CLOSEST_SECONDS])


def test_a_closest_passage_search_gets_no_more_than_what_is_left_of_the_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert searches(monkeypatch, 0.5) == ([HINTED], [0.5])


def test_no_closest_passage_is_searched_when_the_budget_ends_now(monkeypatch: pytest.MonkeyPatch) -> None:
    unhinted = "facts[0].quotes[0].text: the quote does not appear verbatim in source 'doc'"
    assert searches(monkeypatch, 0.0) == ([unhinted], [])
