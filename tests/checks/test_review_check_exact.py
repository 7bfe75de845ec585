"""kzcn.checks.reviews called directly: every message, every field path, and which records each check skips."""

from __future__ import annotations

from dataclasses import replace

from builders import fact, knowledge_base, source
from kzcn.checks.reviews import check_reviews
from kzcn.model.records import (
    Comparison,
    DerivedSpec,
    EvidenceItem,
    KnowledgeBase,
    Quantity,
    Review,
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
    return Review(claim, verdict, "Why.", tuple(EvidenceItem(fact_id, bearing) for fact_id, bearing in evidence))


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


def test_an_opinion_gets_no_judgement_of_truth() -> None:
    kb = replace(
        KB,
        reviews=(
            review("view", "supported", ("page-fact", "corroborates")),
            review("claim", "partly-supported"),
            review("claim-two", "not-supported"),
        ),
    )
    assert findings(kb) == [
        "('reviews', 0, 'verdict'): 'view' is an opinion: give context with verdict not-checkable, never a verdict "
        "of supported",
    ]
    for verdict in ("partly-supported", "not-supported"):
        assert findings(replace(KB, reviews=(review("view", verdict),))) == [
            "('reviews', 0, 'verdict'): 'view' is an opinion: give context with verdict not-checkable, never a "
            f"verdict of {verdict}",
        ]
    assert findings(replace(KB, reviews=(review("view", "unverified"),))) == []


def test_evidence_from_the_claims_own_source_is_refused_and_bears_nothing() -> None:
    kb = replace(KB, reviews=(review("claim", "supported", ("claim-two", "corroborates"), ("page-fact", "context")),))
    assert findings(kb) == [
        "('reviews', 0, 'evidence', 0, 'fact'): 'claim-two' quotes 'doc', the claim's own source: evidence must "
        "come from another source",
        "('reviews', 0, 'verdict'): a verdict of supported needs evidence that corroborates or outcome (bearings "
        "here: context); add it, or change the verdict",
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
                ("claim", "outcome"),
                ("page-fact", "outcome"),
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
        "('reviews', 0, 'verdict'): a verdict of contradicted needs evidence that contradicts or outcome (bearings "
        "here: context, qualifies); add it, or change the verdict",
        "('reviews', 1, 'verdict'): a verdict of supported needs evidence that corroborates or outcome (bearings "
        "here: none); add it, or change the verdict",
    ]


def test_an_outcome_bears_out_either_verdict() -> None:
    kb = replace(
        KB,
        reviews=(
            review("claim", "supported", ("page-fact", "outcome")),
            review("claim-two", "contradicted", ("page-fact", "outcome")),
        ),
    )
    assert findings(kb) == []


def test_verdicts_that_need_no_evidence_pass_without_any() -> None:
    kb = replace(KB, reviews=(review("claim", "partly-supported"), review("claim-two", "not-supported")))
    assert findings(kb) == []


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
            "('reviews', 0, 'verdict'): a verdict of supported needs evidence that corroborates or outcome "
            "(bearings here: none); add it, or change the verdict",
        ]
