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
    result = cli(
        "--facts", str(write_kb(data)), "export", "claimreview", "--url-base", "https://example.org/fc", "--all"
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": "https://example.org/fc#trade-grew",
            "claimReviewed": "In the author's view, trade grew quickly.",
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
                "author": {"@type": "Person", "name": "A. Writer"},
                "datePublished": "2018-03-01",
            },
            "reviewRating": {
                "@type": "Rating",
                "alternateName": "not-checkable",
                "ratingValue": 3,
                "bestRating": 5,
                "worstRating": 1,
                "ratingExplanation": "no record could meet the claim: an opinion, or no time, measure or scope to check",
            },
            "reviewBody": "An opinion.",
        }
    ]
    # By default only the checkable claims' reviews: an opinion's is exported with --all.
    default = cli("--facts", str(write_kb(data)), "export", "claimreview", "--url-base", "https://example.org/fc")
    assert (default.exit_code, default.stdout) == (0, "[]\n")


def test_json_ld_can_be_pasted_into_a_script_element_and_links_only_the_web(
    cli: Run, write_kb: Callable[..., Path]
) -> None:
    # Issue 20, case 11: `</script>` in a string closed the element JSON-LD is published in, and `javascript:`
    # URLs were written as links.
    data = small_kb()
    data["sources"][0] |= {"title": "</script><script>alert(1)</script>", "url": "javascript:alert(1)"}
    data["reviews"] = [{"claim": "trade-grew", "verdict": "not-checkable", "summary": "Tom & Jerry <b>say</b> so."}]
    data["reviewer"] = {"name": "Desk", "url": "data:text/html,<script>alert(1)</script>"}
    result = cli(
        "--facts", str(write_kb(data)), "export", "claimreview", "--url-base", "https://example.org/fc", "--all"
    )
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


def test_every_review_has_a_url_from_the_option_or_the_reviewer_or_the_command_says_why_not(
    cli: Run, write_kb: Callable[..., Path]
) -> None:
    data = small_kb()
    data["reviews"] = [
        {"claim": "trains-2017", "verdict": "unverified", "summary": "No count found.", "searched": "Port counts."}
    ]
    refused = cli("--facts", str(write_kb(data)), "export", "claimreview")
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == (
        "kzcn: every ClaimReview needs a url (Google requires one): give --url-base URL, where you publish the "
        "reviews (each url is URL#claim-id), or declare the reviewer's url in the knowledge base (reviewer: {url: "
        "...})\n"
    )
    data["reviewer"] = {"name": "Desk", "url": "https://example.org/desk"}
    [document] = json.loads(cli("--facts", str(write_kb(data)), "export", "claimreview").stdout)
    assert (document["url"], document["reviewRating"]["ratingValue"]) == ("https://example.org/desk#trains-2017", 3)


def test_a_long_claim_is_exported_whole_with_a_warning_or_in_its_declared_short_form(
    cli: Run, write_kb: Callable[..., Path]
) -> None:
    data = small_kb()
    statement = "The port handled 40 trains in 2017, " + "which the article says with many more words, " * 2
    data["facts"][0]["statement"] = statement.rstrip(", ") + "."
    data["facts"][0]["exceptions"] = [{"rule": "statement-words", "reason": "a long statement for a test of length"}]
    data["reviews"] = [{"claim": "trains-2017", "verdict": "unverified", "summary": "Why.", "searched": "Counts."}]
    long = cli("--facts", str(write_kb(data)), "export", "claimreview", "--url-base", "https://example.org/fc")
    assert long.stderr == (
        "kzcn: warning: claimReviewed of trains-2017 is 125 characters, more than the 75 Google recommends: declare "
        "a short form with claim_short in its review\n"
    )
    assert json.loads(long.stdout)[0]["claimReviewed"] == data["facts"][0]["statement"]  # never cut silently
    data["reviews"][0]["claim_short"] = "The port handled 40 trains in 2017"
    short = cli("--facts", str(write_kb(data)), "export", "claimreview", "--url-base", "https://example.org/fc")
    assert (short.stderr, json.loads(short.stdout)[0]["claimReviewed"]) == ("", "The port handled 40 trains in 2017")
    data["reviews"][0]["claim_short"] = "x" * 76
    refused = cli("--facts", str(write_kb(data)), "check")
    assert "reviews[0].claim_short: a short form is at most 75 characters, this one 76" in refused.stderr
