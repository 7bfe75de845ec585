"""The SQLite export's tables of the knowledge base's judgement: reviews, their evidence, comparisons."""

from __future__ import annotations

from collections.abc import Iterator

import kzcn.export.sqlite_tables  # noqa: F401 - registers the tables these refer to, so that they come first
from kzcn.export.sqlite_registry import Export, Row, one_of, table
from kzcn.model.records import BEARINGS, OUTCOMES, VERDICTS


@table(
    "reviews",
    f"""
    claim TEXT PRIMARY KEY REFERENCES facts (id),
    position INTEGER NOT NULL,
    verdict TEXT NOT NULL CHECK {one_of("verdict", VERDICTS)},
    summary TEXT NOT NULL,
    searched TEXT,
    date TEXT,
    outcome TEXT CHECK {one_of("outcome", OUTCOMES)},
    outcome_summary TEXT
    """,
)
def _reviews(export: Export) -> Iterator[Row]:
    """The reviews as written; a checkable claim without one has no row here (its facts.verdict is unreviewed)."""
    for position, review in enumerate(export.kb.reviews, 1):
        yield (
            review.claim,
            position,
            review.verdict,
            review.summary,
            review.searched,
            review.date,
            review.outcome,
            review.outcome_summary,
        )


@table(
    "review_evidence",
    f"""
    claim TEXT NOT NULL REFERENCES reviews (claim),
    position INTEGER NOT NULL,
    fact TEXT NOT NULL REFERENCES facts (id),
    bearing TEXT NOT NULL CHECK {one_of("bearing", BEARINGS)},
    note TEXT,
    PRIMARY KEY (claim, position)
    """,
)
def _review_evidence(export: Export) -> Iterator[Row]:
    """Each review's evidence items in the review's order: strongest and most official first."""
    for review in export.kb.reviews:
        for position, item in enumerate(review.evidence, 1):
            yield (review.claim, position, item.fact, item.bearing, item.note)


@table(
    "comparisons",
    f"""
    id TEXT PRIMARY KEY,
    first_fact TEXT NOT NULL REFERENCES facts (id),
    second_fact TEXT NOT NULL REFERENCES facts (id),
    comparable INTEGER NOT NULL CHECK {one_of("comparable", (0, 1))},
    reason TEXT NOT NULL
    """,
)
def _comparisons(export: Export) -> Iterator[Row]:
    for comparison in export.kb.comparisons:
        first, second = comparison.facts
        yield (comparison.id, first, second, int(comparison.comparable), comparison.reason)
