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


def test_json_ld_can_be_pasted_into_a_script_element_and_links_only_the_web(
    cli: Run, write_kb: Callable[..., Path]
) -> None:
    # Issue 20, case 11: `</script>` in a string closed the element JSON-LD is published in, and `javascript:`
    # URLs were written as links.
    data = small_kb()
    data["sources"][0] |= {"title": "</script><script>alert(1)</script>", "url": "javascript:alert(1)"}
    data["reviews"] = [{"claim": "trade-grew", "verdict": "not-checkable", "summary": "Tom & Jerry <b>say</b> so."}]
    data["reviewer"] = {"name": "Desk", "url": "data:text/html,<script>alert(1)</script>"}
    result = cli("--facts", str(write_kb(data)), "export", "claimreview", "--url-base", "https://example.org/fc")
    assert result.exit_code == 0
    assert not set("<>&") & set(result.stdout)
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in result.stdout
    [document] = json.loads(result.stdout)
    assert document["itemReviewed"]["appearance"] == {
        "@type": "CreativeWork",
        "headline": "</script><script>alert(1)</script>",
        "inLanguage": "en",
    }
    assert document["reviewBody"] == "Tom & Jerry <b>say</b> so."
    assert document["author"] == {"@type": "Organization", "name": "Desk"}
    assert document["url"] == "https://example.org/fc#trade-grew"
    refused = cli("--facts", str(write_kb(data)), "export", "claimreview", "--url-base", "javascript:alert(1)//")
    assert (refused.exit_code, refused.stdout, refused.stderr) == (
        2,
        "",
        "kzcn: --url-base 'javascript:alert(1)//' is not an http or https URL; give where the reviews are published\n",
    )
