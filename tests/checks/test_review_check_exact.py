"""kzcn.checks.reviews called directly: every message, every field path, and which records each check skips."""

from __future__ import annotations

from dataclasses import replace

import pytest

from builders import fact, knowledge_base, source
from kzcn.checks.reviews import check_records_used, check_reviews, scale_problems
from kzcn.model.records import (
    Comparison,
    DerivedSpec,
    EvidenceItem,
    KnowledgeBase,
    Quantity,
    Review,
    TimeRef,
)

FIGURE = Quantity(1, "USD")

FACTS = (
    fact(id="claim", quantity=FIGURE),
    fact(id="claim-two", quantity=FIGURE),
    fact(id="view", kind="opinion"),
    fact(id="page-fact", quantity=FIGURE, source="page"),
    fact(id="page-other", quantity=FIGURE, source="page"),
    fact(id="other-fact", quantity=FIGURE, source="other"),
)
KB = knowledge_base(
    sources=(
        source(),
        source(id="page", role="evidence", text="A page of other words."),
        source(id="other", role="evidence", text="Another page."),
    ),
    facts=FACTS,
    path="kb.yaml",
)
"""Claims of doc (one of them an opinion), and evidence from two pages; each test adds its reviews."""


def findings(kb: KnowledgeBase) -> list[str]:
    """Every report and every unknown reference, in the order the check makes them, as text."""
    seen: list[str] = []

    def report(path: tuple[str | int, ...], message: str) -> None:
        seen.append(f"{path}: {message}")

    def unknown(path: tuple[str | int, ...], what: str, name: str) -> None:
        seen.append(f"{path}: unknown {what} {name}")

    check_reviews(kb, report, unknown)
    return seen


def review(claim: str, verdict: str = "unverified", *evidence: tuple[str, str]) -> Review:
    """A review; an unverified one says what was looked for, as the scale asks."""
    items = tuple(EvidenceItem(fact_id, bearing) for fact_id, bearing in evidence)
    return Review(claim, verdict, "Why.", items, "Looked." if verdict == "unverified" else None)


def test_well_supported_reviews_are_not_reported() -> None:
    kb = replace(
        KB,
        reviews=(
            review("claim", "supported", ("page-fact", "corroborates")),
            review("claim-two", "contradicted", ("page-fact", "context"), ("other-fact", "contradicts")),
            review("view", "not-checkable", ("page-fact", "context")),
        ),
    )
    assert findings(kb) == []


def test_a_review_of_an_unknown_claim_is_an_unknown_fact_and_the_next_review_is_still_checked() -> None:
    kb = replace(KB, reviews=(review("nothing"), review("page-fact")))
    assert findings(kb) == [
        "('reviews', 0, 'claim'): unknown fact nothing",
        "('reviews', 1, 'claim'): 'page-fact' is evidence from 'page', not a claim of a primary source; review the "
        "claim it bears on",
    ]


def test_a_claim_reviewed_twice_is_reported_at_each_later_review() -> None:
    kb = replace(KB, reviews=(review("claim"), review("claim-two"), review("claim"), review("claim")))
    assert findings(kb) == [
        "('reviews', 2, 'claim'): claim 'claim' is reviewed twice; merge this review into the first",
        "('reviews', 3, 'claim'): claim 'claim' is reviewed twice; merge this review into the first",
    ]


def test_a_claim_of_a_fact_with_an_unknown_source_counts_as_a_primary_claim() -> None:
    kb = replace(KB, facts=(*FACTS, fact(id="stray", quantity=FIGURE, source="nowhere")), reviews=(review("stray"),))
    assert findings(kb) == []


def test_an_opinion_gets_no_verdict_but_not_checkable() -> None:
    kb = replace(KB, reviews=(review("view", "supported", ("page-fact", "corroborates")),))
    assert findings(kb) == [
        "('reviews', 0, 'verdict'): 'view' is an opinion: give context with verdict not-checkable, never a verdict "
        "of supported; review a checkable premise as its own fact",
    ]
    for verdict in ("partly-supported", "not-supported", "contradicted", "unverified"):
        assert findings(replace(KB, reviews=(review("view", verdict),))) == [
            "('reviews', 0, 'verdict'): 'view' is an opinion: give context with verdict not-checkable, never a "
            f"verdict of {verdict}; review a checkable premise as its own fact",
        ]
    assert findings(replace(KB, reviews=(review("view", "not-checkable", ("page-fact", "context")),))) == []


def test_evidence_from_the_claims_own_source_is_refused_and_bears_nothing() -> None:
    kb = replace(KB, reviews=(review("claim", "supported", ("claim-two", "corroborates"), ("page-fact", "context")),))
    assert findings(kb) == [
        "('reviews', 0, 'evidence', 0, 'fact'): 'claim-two' quotes 'doc', the claim's own source: evidence must "
        "come from another source",
        "('reviews', 0, 'verdict'): a verdict of supported needs evidence that corroborates (bearings here: "
        "context); add it, or change the verdict",
    ]


def test_each_evidence_item_is_checked_after_an_unknown_or_own_source_one() -> None:
    kb = replace(
        KB,
        reviews=(
            review(
                "claim",
                "supported",
                ("missing", "corroborates"),
                ("claim-two", "corroborates"),
                ("claim", "context"),
                ("page-fact", "corroborates"),
            ),
        ),
    )
    assert findings(kb) == [
        "('reviews', 0, 'evidence', 0, 'fact'): unknown fact missing",
        "('reviews', 0, 'evidence', 1, 'fact'): 'claim-two' quotes 'doc', the claim's own source: evidence must "
        "come from another source",
        "('reviews', 0, 'evidence', 2, 'fact'): 'claim' quotes 'doc', the claim's own source: evidence must "
        "come from another source",
    ]


def test_a_verdict_without_bearing_evidence_lists_the_bearings_found_sorted() -> None:
    kb = replace(
        KB,
        reviews=(
            review("claim", "contradicted", ("page-fact", "qualifies"), ("other-fact", "context")),
            review("claim-two", "supported"),
        ),
    )
    assert findings(kb) == [
        "('reviews', 0, 'verdict'): a verdict of contradicted needs evidence that contradicts (bearings here: "
        "context, qualifies); add it, or change the verdict",
        "('reviews', 1, 'verdict'): a verdict of supported needs evidence that corroborates (bearings here: none); "
        "add it, or change the verdict",
    ]


# The verdict scale (docs/reviews.md, "The verdict scale"): each verdict's definition, as `check` holds the evidence to it.

SCALE = [
    # (verdict, bearings of the evidence, searched, the problems)
    ("supported", ["corroborates"], None, []),
    ("supported", ["corroborates", "context"], None, []),
    (
        "supported",
        ["corroborates", "qualifies"],
        None,
        [
            "a verdict of supported admits no evidence that qualifies or contradicts (bearings here: corroborates, "
            "qualifies): a record that does makes it partly-supported"
        ],
    ),
    (
        "supported",
        ["attributes"],
        None,
        [
            "a verdict of supported needs evidence that corroborates (bearings here: attributes); add it, or change the "
            "verdict"
        ],
    ),
    ("partly-supported", ["corroborates", "qualifies"], None, []),
    ("partly-supported", ["corroborates"], "No record of the second half.", []),
    (
        "partly-supported",
        ["corroborates"],
        None,
        [
            "a verdict of partly-supported needs evidence that qualifies or contradicts (bearings here: corroborates), or "
            "`searched` saying which part no record was found for; add it, or the verdict is supported"
        ],
    ),
    (
        "partly-supported",
        ["qualifies"],
        None,
        [
            "a verdict of partly-supported needs evidence that corroborates (bearings here: qualifies); add it, or change "
            "the verdict"
        ],
    ),
    ("not-supported", ["qualifies"], None, []),
    (
        "not-supported",
        ["context"],
        None,
        [
            "a verdict of not-supported needs records of the claim's measure that qualify or contradict it (bearings "
            "here: context); with none found it is unverified"
        ],
    ),
    (
        "not-supported",
        ["qualifies", "corroborates"],
        None,
        [
            "a verdict of not-supported admits no evidence that corroborates (bearings here: corroborates, qualifies): a "
            "record that does makes it partly-supported"
        ],
    ),
    ("contradicted", ["contradicts", "context"], None, []),
    (
        "contradicted",
        ["contradicts", "corroborates"],
        None,
        [
            "a verdict of contradicted admits no evidence that corroborates (bearings here: contradicts, corroborates): "
            "records on both sides make it partly-supported"
        ],
    ),
    ("unverified", ["context"], "Looked for the 2017 figure.", []),
    ("unverified", [], None, ["a verdict of unverified says what was looked for: write `searched`"]),
    (
        "unverified",
        ["qualifies", "context"],
        "Looked.",
        [
            "a verdict of unverified means nothing relevant was found, but evidence here qualifies; judge the claim by "
            "it, or cite it as context"
        ],
    ),
    ("not-checkable", ["context"], None, []),
    (
        "not-checkable",
        ["corroborates"],
        None,
        [
            "a verdict of not-checkable means no record can meet the claim, but evidence here corroborates or "
            "contradicts it (bearings here: corroborates); judge the claim by it"
        ],
    ),
]


@pytest.mark.parametrize(("verdict", "bearings", "searched", "problems"), SCALE)
def test_each_verdict_holds_its_evidence_to_its_definition(
    verdict: str, bearings: list[str], searched: str | None, problems: list[str]
) -> None:
    assert scale_problems(verdict, set(bearings), forecast=False, searched=searched) == problems


def test_a_forecasts_verdict_judges_that_it_was_made_so_attribution_bears_it_out() -> None:
    assert scale_problems("supported", {"attributes"}, forecast=True, searched=None) == []
    assert scale_problems("partly-supported", {"attributes", "qualifies"}, forecast=True, searched=None) == []
    assert scale_problems("not-checkable", {"corroborates"}, forecast=True, searched=None) == []
    assert scale_problems("not-supported", {"qualifies", "attributes"}, forecast=True, searched=None) == [
        "a verdict of not-supported admits no evidence that corroborates or attributes (bearings here: attributes, "
        "qualifies): a record that does makes it partly-supported"
    ]


FORECAST_FACTS = (
    *FACTS,
    fact(id="plan", kind="forecast", modality="predicted", time=TimeRef(2030, "target"), quantity=FIGURE),
    fact(id="plan-undated", kind="forecast", modality="predicted", quantity=FIGURE),
    fact(id="plan-past", kind="forecast", modality="predicted", time=TimeRef(2020, "target"), quantity=FIGURE),
)


def judged(claim: str, outcome: str | None, *evidence: tuple[str, str], summary: str | None = "What became of it.",
           date: str | None = "2026-12-01") -> Review:  # fmt: skip
    items = tuple(EvidenceItem(fact_id, bearing) for fact_id, bearing in evidence)
    return Review(claim, "not-checkable", "Why.", items, None, date, outcome, summary)


@pytest.mark.parametrize(
    ("the_review", "problems"),
    [
        (judged("plan", "too-early"), []),
        (judged("plan-past", "not-found"), []),
        (judged("plan-past", "met", ("page-fact", "outcome")), []),
        (judged("plan-past", "not-met", ("page-fact", "outcome")), []),
        (judged("plan-past", None, summary=None), [
            "('reviews', 0, 'outcome'): a forecast is judged twice: its verdict says whether it was made as "
            "reported, and `outcome` (met, not-met, too-early, not-found) with `outcome_summary` what became of it; "
            "write outcome"]),
        (judged("plan-past", "not-found", summary=None), [
            "('reviews', 0, 'outcome_summary'): a forecast is judged twice: its verdict says whether it was made as "
            "reported, and `outcome` (met, not-met, too-early, not-found) with `outcome_summary` what became of it; "
            "write outcome_summary"]),
        (judged("plan-past", "met", ("page-fact", "context")), [
            "('reviews', 0, 'outcome'): an outcome of met stands on a record of the outcome: cite one with bearing "
            "outcome, or write not-found"]),
        (judged("plan-past", "too-early"), [
            "('reviews', 0, 'outcome'): too-early is for a forecast whose time is still to come, but the forecast is "
            "for 2020 and this is a review of 2026; write not-found or what the records say"]),
        (judged("plan-undated", "too-early", date=None), [
            "('reviews', 0, 'outcome'): too-early is for a forecast whose time is still to come, but the forecast "
            "names no year and this is an undated review; write not-found or what the records say"]),
        (judged("claim", "not-found"), [
            "('reviews', 0, 'outcome'): 'claim' is a statistic, not a forecast: only a forecast has an outcome; drop "
            "it, or make the claim the forecast it is"]),
        (Review("claim", "supported", "Why.", (EvidenceItem("page-fact", "corroborates"),
                                                 EvidenceItem("other-fact", "outcome"))), [
            "('reviews', 0, 'verdict'): 'claim' is a statistic: evidence bears on it as corroborates, contradicts or "
            "qualifies, never as the outcome of a forecast"]),
    ],
)  # fmt: skip
def test_a_forecasts_outcome_is_judged_apart_and_held_to_its_definition(
    the_review: Review, problems: list[str]
) -> None:
    assert findings(replace(KB, facts=FORECAST_FACTS, reviews=(the_review,))) == problems


def test_a_compared_fact_must_exist_and_have_a_figure() -> None:
    comparisons = [
        Comparison("first", ("claim", "nothing"), True, "Same."),
        Comparison("second", ("view", "page-fact"), True, "Same."),
    ]
    kb = replace(KB, comparisons=comparisons)
    assert findings(kb) == [
        "('comparisons', 0, 'facts', 1): unknown fact nothing",
        "('comparisons', 1, 'facts', 0): fact 'view' has no figure to compare",
    ]


def test_comparisons_are_checked_even_when_there_are_no_reviews_and_after_a_bad_review() -> None:
    comparisons = [Comparison("first", ("nothing", "claim"), True, "Same.")]
    assert findings(replace(KB, reviews=(review("missing"),), comparisons=comparisons)) == [
        "('reviews', 0, 'claim'): unknown fact missing",
        "('comparisons', 0, 'facts', 0): unknown fact nothing",
    ]


MEASURED = [
    fact(id="revenue", quantity=FIGURE, measure="transit revenue"),
    fact(id="output", quantity=FIGURE, source="page", measure="gross output"),
    fact(id="plain", quantity=FIGURE),
    fact(id="profit", quantity=FIGURE, source="other", measure="profit"),
]


def gap(spec_id: str, first: str, second: str) -> DerivedSpec:
    return DerivedSpec(spec_id, "Gap", "change", (("from", first), ("to", second)))


FIX = (
    "give each input its `measure:`, or say why they may be joined with `comparable: <reason>` on the figure (shown "
    "as a caveat wherever the figure is)"
)


def test_a_figure_from_two_measures_or_an_unstated_one_needs_a_declaration() -> None:
    kb = replace(
        KB,
        facts=MEASURED,
        derived=(
            gap("unstated", "revenue", "plain"),
            gap("mixed", "revenue", "output"),
            gap("both-unstated", "plain", "claim"),
            gap("same", "revenue", "revenue"),
        ),
    )
    assert findings(replace(kb, facts=(*MEASURED, fact(id="claim", quantity=FIGURE)))) == [
        f"('derived', 0): the measure of plain is not stated, so nothing shows its inputs measure one thing; {FIX}",
        f"('derived', 1): its inputs measure different things (gross output; transit revenue); {FIX}",
        "('derived', 2): the measures of plain and claim are not stated, so nothing shows its inputs measure one "
        f"thing; {FIX}",
    ]


def test_a_figure_declared_comparable_on_itself_or_by_a_comparison_passes_in_either_order() -> None:
    declared = replace(gap("mixed", "revenue", "output"), comparable="Both are the page's own dollars.")
    assert findings(replace(KB, facts=MEASURED, derived=(declared, replace(declared, id="unstated")))) == []
    comparisons = [Comparison("ok", ("output", "revenue"), True, "Both in dollars.")]
    kb = replace(KB, facts=MEASURED, derived=(gap("mixed", "revenue", "output"),), comparisons=comparisons)
    assert findings(kb) == []


def test_a_figure_from_two_measures_declared_not_comparable_gives_the_reason() -> None:
    comparisons = [
        Comparison("other-pair", ("revenue", "profit"), True, "Fine."),
        Comparison("no", ("revenue", "output"), False, "Different things"),
    ]
    derived = (gap("mixed", "revenue", "output"), replace(gap("said", "output", "revenue"), comparable="Same."))
    kb = replace(KB, facts=MEASURED, derived=derived, comparisons=comparisons)
    assert findings(kb) == [
        "('derived', 0): its inputs are revenue and output; but `comparisons` says 'no' is not comparable: "
        "Different things; drop the figure, or mend the comparison",
        "('derived', 1): it declares its inputs comparable; but `comparisons` says 'no' is not comparable: "
        "Different things; settle which holds",
    ]


def test_the_measures_of_a_figure_with_an_unknown_input_are_those_of_the_known_ones() -> None:
    kb = replace(KB, facts=MEASURED, derived=(gap("half", "revenue", "missing"), gap("same", "revenue", "revenue")))
    assert findings(kb) == []


def test_evidence_whose_text_is_or_holds_the_claims_source_is_refused_and_bears_nothing() -> None:
    # Issue 20, case 4: a page byte-identical to the article, labelled "Ministry of Transport", made a review
    # `supported`, bearing "corroborates".
    from builders import ARTICLE

    for text, how in ((ARTICLE, "is the text of"), (f"Reprinted:\n\n{ARTICLE}\n\nEnd.", "holds the whole text of")):
        ministry = source(id="ministry", role="evidence", text=text, title="Ministry of Transport")
        kb = replace(
            KB,
            sources=(*KB.sources, ministry),
            facts=(*FACTS, fact(id="ministry-fact", quantity=FIGURE, source="ministry")),
            reviews=(review("claim", "supported", ("ministry-fact", "corroborates")),),
        )
        assert findings(kb) == [
            f"('reviews', 0, 'evidence', 0, 'fact'): 'ministry-fact' quotes 'ministry', whose text {how} 'doc', "
            "the claim's own source: the same words cannot corroborate themselves; cite an independent source",
            "('reviews', 0, 'verdict'): a verdict of supported needs evidence that corroborates "
            "(bearings here: none); add it, or change the verdict",
        ]


def used(kb: KnowledgeBase) -> list[str]:
    seen: list[str] = []
    check_records_used(kb, lambda path, message: seen.append(f"{path}: {message}"))
    return seen


def test_every_evidence_fact_is_cited_used_or_says_why_it_is_kept() -> None:
    kb = replace(
        KB,
        reviews=(review("claim", "supported", ("page-fact", "corroborates")),),
        comparisons=(Comparison("pair", ("claim", "other-fact"), True, "Same."),),
    )
    assert used(kb) == [
        "('facts', 4): evidence 'page-other' is cited by no review and used by no derived figure or comparison; cite "
        "it where it bears, or say why it is kept with `kept_because:`",
    ]
    kept = replace(FACTS[4], kept_because="Shows the page's other figure.")
    assert used(replace(kb, facts=(*FACTS[:4], kept, FACTS[5]))) == []
    by_figure = replace(kb, derived=(DerivedSpec("sum", "Sum", "sum", (("first", "page-other"), ("second", "claim"))),))
    assert used(by_figure) == []
    needless = replace(FACTS[3], kept_because="Why not.")
    claimed = replace(FACTS[0], kept_because="The article's.")
    assert used(replace(by_figure, facts=(claimed, *FACTS[1:3], needless, *FACTS[4:]))) == [
        "('facts', 0, 'kept_because'): a claim of the article is kept for being the article's; kept_because is for "
        "evidence no review cites: drop it",
        "('facts', 3, 'kept_because'): evidence 'page-fact' is used (by a review, a derived figure or a comparison), "
        "so kept_because says nothing more: drop it",
    ]
