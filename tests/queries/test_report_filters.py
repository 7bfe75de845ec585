"""`kzcn report` with filters: a fact sheet of the claims that pass, and of what goes with them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_reviews import evidence_kb

from kzcn.kb.load import load_knowledge_base
from kzcn.model.records import KnowledgeBase
from kzcn.model.result import Result
from kzcn.queries.filters import NO_FILTERS, Filters
from kzcn.queries.report import report
from kzcn.queries.selection import kept_part

WHOLE_NOTE = (
    "The key figures, the chart, the reviews, the caveats and the marks in the text are those of these claims; a "
    "figure kzcn derives is shown only when every fact it is computed from is. The source and the list of sources "
    "are shown whole."
)


@pytest.fixture
def kb(write_kb: Callable[..., Path]) -> KnowledgeBase:
    """Six claims of doc; page's two facts, each cited by a review (of trains-2017 and of income-2017); a review of
    trade-grew; derived figures and relations over the income facts."""
    data = evidence_kb()
    data["facts"][1]["note"] = "The article does not say which corridor."  # income-2017
    data["facts"][0]["note"] = "Trains, not wagons."  # trains-2017
    return load_knowledge_base(str(write_kb(data)))


def ids(result: Result | None) -> list[str]:
    assert result is not None
    return [str(record.get("id") or record.get("claim") or record.get("fact")) for record in result.records]


def sections(sheet: Result) -> dict[str, Any]:
    """Each section's ids (its records') or its text, by heading."""
    return {
        section.heading: ids(section.result) if section.result is not None and section.heading != "The claims, counted" else
        section.text
        for section in sheet.sections
    }  # fmt: skip


def test_one_option_keeps_its_claims_and_what_their_reviews_cite(kb: KnowledgeBase) -> None:
    sheet = report(kb, Filters.given(topics=["TRADE"]))
    assert sheet.title == "Fact sheet: doc (filtered: --topic trade)"
    assert sections(sheet) == {
        "In short": (
            "The knowledge base's verdicts on the claims that pass the filters: 1 not-supported, 1 not-checkable, 1 "
            "unreviewed. A verdict is its judgement against other sources, never the article's words.",
            # The claim in the knowledge base's words, never in quotation marks as if the article's (a review).
            "Not-supported: The corridor earned $2 billion in 2017. A page gives $1.9 billion.",
        ),
        # A card for the claim a record bears on; the opinion and the unreviewed claim listed apart (issue 24).
        "What the article claims, and what the record shows": ["income-2017"],
        "The other claims": ["cities-served", "trade-grew"],
        "The source": (
            "doc (article): language en; view counter 7.",
            "Unknown, because the source does not give them: title, author, publisher, published, url.",
        ),
        "The claims, counted": (
            "Filtered: --topic trade. Claims that pass: 3 of the article's 6, each quoted verbatim; their reviews "
            "cite 1 fact of 1 other source as evidence.",
            WHOLE_NOTE,
        ),
        # No derived figure: each needs income-transit-2017 or income-forecast-2020, which are not about trade.
        "Key figures": ["income-2017", "cities-served", "page-income-2017"],
        # Beside the article's figure, the record of it that the review cites (issue 24).
        "Transport income: the article's figures beside the record": ["income-2017", "page-income-2017"],
        "Caveats": ("income-2017: The article does not say which corridor.",),
        "The text, annotated: doc": ["trade-grew", "income-2017", "cities-served"],
        "Sources": ["doc", "page"],
    }
    counts = next(item for item in sheet.sections if item.heading == "The claims, counted").result
    assert counts is not None
    assert [(row["facet"], row["value"], row["count"]) for row in counts.records] == [
        ("kind", "statistic", 2), ("kind", "opinion", 1),
        ("modality", "asserted", 3),
        ("verdict", "not-checkable", 1), ("verdict", "not-supported", 1), ("verdict", "unreviewed", 1),
    ]  # fmt: skip


def test_a_derived_figure_is_shown_only_when_every_input_is_kept(kb: KnowledgeBase) -> None:
    # Corridor AND 2017: income-2017 and income-transit-2017, not the 2020 forecast; so the share and the remainder
    # (both of the 2017 facts) are shown, and the growth to 2020 is not.
    sheet = report(kb, Filters.given(entities=["corridor"], years=[2017]))
    assert sheet.title == "Fact sheet: doc (filtered: --entity Corridor --year 2017)"
    shown = sections(sheet)
    assert shown["Key figures"] == [
        "income-2017", "income-transit-2017", "transit-share-2017", "income-other-2017", "page-income-2017",
    ]  # fmt: skip
    assert [record["id"] for record in sheet.records] == shown["Key figures"]
    assert shown["Transport income: the article's figures beside the record"] == [
        "income-2017", "income-transit-2017", "transit-share-2017", "income-other-2017", "page-income-2017",
    ]  # fmt: skip
    assert shown["What the article claims, and what the record shows"] == ["income-2017"]
    assert shown["The other claims"] == ["income-transit-2017"]  # not reviewed yet
    assert shown["The text, annotated: doc"] == ["income-2017", "income-transit-2017"]


def test_values_of_one_option_are_any_of_them(kb: KnowledgeBase) -> None:
    sheet = report(kb, Filters.given(kinds=["forecast", "opinion"]))
    assert sheet.title == "Fact sheet: doc (filtered: --kind forecast --kind opinion)"
    assert sections(sheet)["The text, annotated: doc"] == ["trade-grew", "income-forecast-2020"]
    assert sections(sheet)["The claims, counted"][0] == (
        "Filtered: --kind forecast --kind opinion. Claims that pass: 2 of the article's 6, each quoted verbatim; their "
        "reviews cite 0 facts of 0 other sources as evidence."
    )


def test_no_claim_passing_leaves_the_source_and_the_sources(kb: KnowledgeBase) -> None:
    sheet = report(kb, Filters.given(verdicts=["contradicted"], topics=["trade"]))
    assert sections(sheet) == {
        "The source": sections(report(kb))["The source"],
        "The claims, counted": (
            "Filtered: --topic trade --verdict contradicted. Claims that pass: 0 of the article's 6, each quoted "
            "verbatim; their reviews cite 0 facts of 0 other sources as evidence.",
            WHOLE_NOTE,
        ),
        "Key figures": ("No claim that passes the filters states a figure.",),
        "The text, annotated: doc": [],
        "Sources": ["doc", "page"],
    }


def test_without_filters_the_sheet_is_the_whole_knowledge_base(kb: KnowledgeBase) -> None:
    sheet = report(kb)
    assert sheet == report(kb, NO_FILTERS) == report(kb, Filters.given())
    assert kept_part(kb, NO_FILTERS) is kb
    assert sheet.title == "Fact sheet: doc"
    assert sections(sheet)["The claims, counted"] == (
        "6 claims of the article, each quoted verbatim; 2 facts of 1 other source are quoted as evidence about them.",
    )
    assert sections(sheet)["Key figures"] == [
        "trains-2017", "income-2017", "income-transit-2017", "income-forecast-2020", "cities-served",
        "transit-share-2017", "income-other-2017", "income-growth", "page-trains-2017", "page-income-2017",
    ]  # fmt: skip
    assert sections(sheet)["Caveats"] == (
        "trains-2017: Trains, not wagons.",
        "income-2017: The article does not say which corridor.",
    )


def test_the_kept_part_names_nothing_left_out(kb: KnowledgeBase) -> None:
    part = kept_part(kb, Filters.given(topics=["trade"]).checked(kb))
    assert [fact.id for fact in part.facts] == ["income-2017", "cities-served", "trade-grew", "page-income-2017"]
    assert [review.claim for review in part.reviews] == ["income-2017", "trade-grew"]
    assert (part.relations, part.derived) == ((), ())
    assert [comparison.id for comparison in part.comparisons] == ["income-2017-vs-page"]
    assert part.sources == kb.sources
