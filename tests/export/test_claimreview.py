"""ClaimReview JSON-LD: the article's own fields, each from the field that means it, and nothing invented."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import small_kb

Run = Callable[..., Any]


def test_the_claim_appears_in_the_article_with_each_field_the_knowledge_base_knows(
    cli: Run, write_kb: Callable[..., Path]
) -> None:
    data = small_kb()
    data["sources"][0] |= {
        "title": "Trade on the new corridor",
        "author": "A. Writer",
        "publisher": "Example Times",
        "published": "2018-03-01",
        "retrieved": "2026-12-01",  # when kzcn's editors fetched the page: no date of the article's
        "url": "https://example.org/corridor",
    }
    data["reviews"] = [{"claim": "trade-grew", "verdict": "not-checkable", "summary": "An opinion."}]
    result = cli("--facts", str(write_kb(data)), "export", "claimreview")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": "Trade grew quickly.",
            "itemReviewed": {
                "@type": "Claim",
                "appearance": {
                    "@type": "CreativeWork",
                    "headline": "Trade on the new corridor",
                    "url": "https://example.org/corridor",
                    "datePublished": "2018-03-01",
                    "inLanguage": "en",
                    "author": {"@type": "Person", "name": "A. Writer"},
                    "publisher": {"@type": "Organization", "name": "Example Times"},
                },
            },
            "reviewRating": {"@type": "Rating", "alternateName": "not-checkable"},
            "reviewBody": "An opinion.",
        }
    ]
