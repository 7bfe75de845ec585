"""Evidence, reviews and comparisons: the check that keeps them honest, the review queries and ClaimReview."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builders import small_kb, source_data
from kzcn.errors import KnowledgeBaseError, NotFoundError
from kzcn.export.claimreview import claim_reviews
from kzcn.kb.load import load_knowledge_base
from kzcn.queries.filters import Filters
from kzcn.queries.reviews import list_reviews, show_review

PAGE = "The port handled 38 trains in 2017, the ministry said.\n\n[…]\n\nIncome reached $ 1.9 billion in 2017."

Run = Callable[..., Any]


def evidence_kb() -> dict[str, Any]:
    """The small knowledge base, with one evidence page, its two facts, reviews and a comparison."""
    data = small_kb()
    data["sources"].append(
        source_data(
            id="page",
            kind="news-article",
            role="evidence",
            publisher="Example News",
            published="2018-01-02",
            url="https://example.org/page",
            text=PAGE,
        )
    )
    data["facts"] += [
        {"id": "page-trains-2017", "statement": "The port handled 38 trains in 2017.", "kind": "statistic",
         "topics": ["transport"], "entities": ["Port"], "time": {"year": 2017},
         "quantity": {"amount": 38, "unit": "trains"}, "attributed_to": "the ministry", "modality": "reported",
         "source": "page",
         "quotes": [{"paragraph": 1, "text": "The port handled 38 trains in 2017"}]},
        {"id": "page-income-2017", "statement": "Income reached $1.9 billion in 2017.", "kind": "statistic",
         "topics": ["transport"], "entities": ["Corridor"], "time": {"year": 2017},
         "quantity": {"amount": 1.9, "unit": "USD", "scale": "billion"}, "measure": "income", "modality": "asserted",
         "source": "page",
         "quotes": [{"paragraph": 2, "text": "Income reached $ 1.9 billion in 2017."}]},
    ]  # fmt: skip
    data["reviewer"] = {"name": "Test desk", "url": "https://example.org/desk"}
    data["reviews"] = [
        {"claim": "trains-2017", "verdict": "contradicted", "summary": "The ministry gives 38 trains, not 40.",
         "evidence": [{"fact": "page-trains-2017", "bearing": "contradicts", "note": "38, not 40."}],
         "date": "2026-12-01"},
        {"claim": "income-2017", "verdict": "not-supported", "summary": "A page gives $1.9 billion.",
         "evidence": [{"fact": "page-income-2017", "bearing": "qualifies"}], "searched": "A $2 billion figure."},
        {"claim": "trade-grew", "verdict": "not-checkable", "summary": "An opinion."},
    ]  # fmt: skip
    data["comparisons"] = [
        {"id": "income-2017-vs-page", "facts": ["income-2017", "page-income-2017"], "comparable": True,
         "reason": "Both are the corridor's 2017 income in dollars."},
    ]  # fmt: skip
    return data


def test_a_knowledge_base_with_evidence_and_reviews_loads(write_kb: Callable[..., Path]) -> None:
    kb = load_knowledge_base(str(write_kb(evidence_kb())))
    assert [source.role for source in kb.sources] == ["primary", "evidence"]
    assert [review.claim for review in kb.reviews] == ["trains-2017", "income-2017", "trade-grew"]
    assert kb.reviewer is not None and kb.reviewer.name == "Test desk"
    assert kb.is_claim(kb.facts_by_id["trains-2017"]) and not kb.is_claim(kb.facts_by_id["page-trains-2017"])


def _problems(write_kb: Callable[..., Path], data: dict[str, Any]) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(str(write_kb(data)))
    return [f"{problem.path}: {problem.message}" for problem in caught.value.problems]


def test_an_altered_evidence_quote_fails(write_kb: Callable[..., Path]) -> None:
    data = evidence_kb()
    data["facts"][-1]["quotes"][0]["text"] = "Income reached $ 2.9 billion in 2017."
    problems = _problems(write_kb, data)
    assert any(
        problem.startswith("facts[7].quotes[0].text: the quote does not appear verbatim in source 'page'")
        for problem in problems
    )


def test_a_review_citing_the_claims_own_source_fails(write_kb: Callable[..., Path]) -> None:
    data = evidence_kb()
    data["reviews"][0]["evidence"].append({"fact": "cities-served", "bearing": "corroborates"})
    assert _problems(write_kb, data) == [
        "reviews[0].evidence[1].fact: 'cities-served' quotes 'doc', the claim's own source: evidence must come "
        "from another source"
    ]


def test_a_supported_verdict_needs_supporting_evidence(write_kb: Callable[..., Path]) -> None:
    data = evidence_kb()
    data["reviews"][0]["verdict"] = "supported"
    assert _problems(write_kb, data) == [
        "reviews[0].verdict: a verdict of supported needs evidence that corroborates (bearings here: contradicts); "
        "add it, or change the verdict",
        "reviews[0].verdict: a verdict of supported admits no evidence that qualifies or contradicts (bearings here: "
        "contradicts): a record that does makes it partly-supported",
    ]
    data["reviews"][0]["verdict"] = "contradicted"
    data["reviews"][0]["evidence"][0]["bearing"] = "context"
    assert _problems(write_kb, data)[0].startswith("reviews[0].verdict: a verdict of contradicted needs evidence")


def test_reviews_name_claims_of_the_primary_source_and_never_judge_an_opinion(write_kb: Callable[..., Path]) -> None:
    data = evidence_kb()
    data["reviews"][2]["verdict"] = "supported"
    data["reviews"][2]["evidence"] = [{"fact": "page-income-2017", "bearing": "corroborates"}]
    data["reviews"].append({"claim": "page-income-2017", "verdict": "unverified", "summary": "x", "searched": "y"})
    data["reviews"].append({"claim": "no-such-fact", "verdict": "unverified", "summary": "x", "searched": "y"})
    data["reviews"].append({"claim": "income-2017", "verdict": "unverified", "summary": "again", "searched": "y"})
    assert _problems(write_kb, data) == [
        "reviews[2].verdict: 'trade-grew' is an opinion: give context with verdict not-checkable, never a verdict "
        "of supported; review a checkable premise as its own fact",
        "reviews[3].claim: 'page-income-2017' is evidence from 'page', not a claim of a primary source; review the "
        "claim it bears on",
        "reviews[4].claim: names no known fact 'no-such-fact'",
        "reviews[5].claim: claim 'income-2017' is reviewed twice; merge this review into the first",
    ]


def test_unknown_verdicts_and_bearings_are_located_with_a_suggestion(write_kb: Callable[..., Path]) -> None:
    data = evidence_kb()
    data["reviews"][0]["verdict"] = "contradictd"
    data["reviews"][1]["evidence"][0]["bearing"] = "qualify"
    problems = _problems(write_kb, data)
    assert problems[0] == (
        "reviews[0].verdict: expected one of supported, partly-supported, not-supported, contradicted, "
        "not-checkable, unverified, found 'contradictd'; did you mean 'contradicted'?"
    )
    assert problems[1].startswith("reviews[1].evidence[0].bearing: expected one of corroborates, contradicts")


def test_figures_of_different_measures_are_compared_only_where_declared(write_kb: Callable[..., Path]) -> None:
    data = evidence_kb()
    data["facts"][1]["measure"] = "transport sector earnings"
    data["derived"].append(
        {"id": "income-gap", "label": "Gap", "operation": "change",
         "inputs": {"from": "page-income-2017", "to": "income-2017"}}
    )  # fmt: skip
    load_knowledge_base(str(write_kb(data)))  # declared comparable: allowed
    data["comparisons"][0]["comparable"] = False
    data["comparisons"][0]["reason"] = "Earnings of a sector against income of one page."
    assert _problems(write_kb, data) == [
        "derived[3]: its inputs are page-income-2017 and income-2017; but `comparisons` says 'income-2017-vs-page' is "
        "not comparable: Earnings of a sector against income of one page.; drop the figure, or mend the comparison"
    ]


def test_a_claim_whose_review_is_removed_shows_as_unreviewed(write_kb: Callable[..., Path]) -> None:
    data = evidence_kb()
    kb = load_knowledge_base(str(write_kb(data)))
    assert "unreviewed" not in {record["verdict"] for record in list_reviews(kb).records}
    data = copy.deepcopy(data)
    del data["reviews"][1]
    kb = load_knowledge_base(str(write_kb(data)))
    unreviewed = list_reviews(kb, Filters.given(verdicts=["unreviewed"])).records
    assert [record["claim"] for record in unreviewed] == [
        "income-2017",
        "income-transit-2017",
        "income-forecast-2020",
        "cities-served",
    ]
    assert {record["verdict"] for record in unreviewed} == {None}


def test_one_review_in_full(write_kb: Callable[..., Path]) -> None:
    kb = load_knowledge_base(str(write_kb(evidence_kb())))
    record = show_review(kb, "trains-2017").records[0]
    assert (record["verdict"], record["summary"], record["quotes"]) == (
        "contradicted",
        "The ministry gives 38 trains, not 40.",
        [{"paragraph": 1, "text": "In 2017 the port handled 40 trains."}],
    )
    assert record["evidence"] == [
        {"fact": "page-trains-2017", "bearing": "contradicts", "note": "38, not 40.",
         "statement": "The port handled 38 trains in 2017.",
         "quotes": [{"paragraph": 1, "text": "The port handled 38 trains in 2017"}],
         "quantity_text": "38 trains", "time_text": "2017", "attributed_to": "the ministry", "source": "page",
         "publisher": "Example News", "published": "2018-01-02", "url": "https://example.org/page"}
    ]  # fmt: skip
    with pytest.raises(NotFoundError, match=r"'page-trains-2017' is evidence from 'page': kzcn show page-trains-2017"):
        show_review(kb, "page-trains-2017")


def test_one_review_as_a_record_says_each_field_its_way(write_kb: Callable[..., Path]) -> None:
    kb = load_knowledge_base(str(write_kb(evidence_kb())))
    result = show_review(kb, "trains-2017")
    record = result.records[0]
    assert (result.single, result.title, record["reviewer"]) == (True, "trains-2017", "Test desk")
    assert record["evidence_lines"] == [
        "contradicts: page-trains-2017 (Example News, 2018-01-02; https://example.org/page). 38, not 40.\n"
        "“The port handled 38 trains in 2017”"
    ]
    assert [(item.key, item.header, item.joiner, item.missing) for item in result.record_fields] == [
        ("claim", "Claim", "; ", "—"),
        ("statement", "The claim (kzcn's words)", "; ", "—"),
        ("quotes", "Quotes", "\n", "—"),
        ("verdict", "Verdict", "; ", "unreviewed"),
        ("summary", "Why (kzcn's review)", "; ", "no review yet"),
        ("searched", "Searched for, not found", "; ", "—"),
        ("evidence_lines", "Evidence", "\n\n", "none"),
        ("date", "Reviewed", "; ", "unknown"),
        ("reviewer", "Reviewer", "; ", "unknown"),
    ]
    assert result.record_fields[2].item_format == "¶{paragraph}: {text}"
    assert [item.key for item in result.fields][-3:] == ["quotes", "evidence", "reviewer"]
    unreviewed = show_review(kb, "cities-served").records[0]
    assert (unreviewed["verdict"], unreviewed["evidence"], unreviewed["evidence_lines"]) == (None, [], [])
    anonymous = evidence_kb()
    del anonymous["reviewer"]
    assert show_review(load_knowledge_base(str(write_kb(anonymous))), "trains-2017").records[0]["reviewer"] is None


def test_review_command_in_every_format(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb(evidence_kb()))
    rows = json.loads(cli("--facts", path, "review", "--json").stdout)
    assert [(row["claim"], row["verdict"], row["evidence_count"]) for row in rows] == [
        ("trains-2017", "contradicted", 1), ("income-2017", "not-supported", 1), ("trade-grew", "not-checkable", 0),
        ("income-transit-2017", None, 0), ("income-forecast-2020", None, 0), ("cities-served", None, 0),
    ]  # fmt: skip
    csv_text = cli("--facts", path, "review", "--verdict", "contradicted", "-f", "csv").stdout
    assert csv_text.splitlines()[1].startswith("trains-2017,contradicted,statistic,")
    table = cli("--facts", path, "review", "trains-2017").stdout
    assert (
        "Verdict" in table
        and "contradicts: page-trains-2017 (Example News, 2018-01-02; https://example.org/page)" in table
    )
    one = json.loads(cli("--facts", path, "review", "trains-2017", "--json").stdout)
    assert one["claim"] == "trains-2017" and one["evidence"][0]["url"] == "https://example.org/page"
    facts = json.loads(cli("--facts", path, "facts", "--verdict", "unreviewed", "--json").stdout)
    assert [fact["id"] for fact in facts] == ["income-transit-2017", "income-forecast-2020", "cities-served"]
    bad = cli("--facts", path, "review", "--verdict", "true")
    assert (bad.exit_code, bad.stderr.splitlines()[0]) == (
        2,
        "kzcn: unknown --verdict 'true' (choose from: contradicted, not-checkable, not-supported, partly-supported, "
        "supported, unreviewed, unverified)",
    )


def test_claimreview_structure(write_kb: Callable[..., Path]) -> None:
    kb = load_knowledge_base(str(write_kb(evidence_kb())))
    documents = claim_reviews(kb, url_base="https://example.org/reviews").documents
    assert len(documents) == 2  # the checkable claims' reviews; the opinion's with everything=True
    first = documents[0]
    # Google's required ClaimReview properties: claimReviewed, reviewRating (with alternateName), url.
    assert first["@context"] == "https://schema.org" and first["@type"] == "ClaimReview"
    assert first["claimReviewed"] == "The port handled 40 trains in 2017."
    assert first["url"] == "https://example.org/reviews#trains-2017"
    assert first["reviewRating"] == {
        "@type": "Rating", "alternateName": "contradicted", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
        "ratingExplanation": "a record of the claim's measure says otherwise",
    }  # fmt: skip
    assert first["itemReviewed"] == {
        "@type": "Claim",
        "appearance": {"@type": "CreativeWork", "inLanguage": "en"},
    }  # fmt: skip  (no title, author, date or URL in the source: none is invented)
    assert first["author"] == {"@type": "Organization", "name": "Test desk", "url": "https://example.org/desk"}
    assert first["datePublished"] == "2026-12-01"
    assert "datePublished" not in documents[1]  # that review has no date
    opinion = claim_reviews(kb, url_base="https://example.org/reviews", everything=True).documents[2]
    assert (opinion["reviewRating"]["alternateName"], opinion["reviewRating"]["ratingValue"]) == ("not-checkable", 3)
    assert claim_reviews(kb).documents[0]["url"] == "https://example.org/desk#trains-2017"  # the reviewer's url

    # Valid JSON-LD by structure: every object has a schema.org @type, every key is a schema.org term.
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            assert "@type" in node
            for key, value in node.items():
                assert key in ALLOWED_TERMS, key
                walk(value)

    for document in documents:
        walk(document)


ALLOWED_TERMS = {
    "@context", "@type", "claimReviewed", "itemReviewed", "reviewRating", "reviewBody", "url", "author",
    "datePublished", "appearance", "headline", "inLanguage", "publisher", "name", "alternateName", "ratingValue",
    "bestRating", "worstRating", "ratingExplanation", "citation",
}  # fmt: skip


def test_export_claimreview_command(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb(evidence_kb()))
    result = cli("--facts", path, "export", "claimreview", "--url-base", "https://example.org/r")
    assert result.exit_code == 0 and result.stderr == ""
    assert [document["url"] for document in json.loads(result.stdout)] == [
        "https://example.org/r#trains-2017", "https://example.org/r#income-2017",
    ]  # fmt: skip
    bare = cli("--facts", path, "export", "claimreview")  # the reviewer's declared url stands in
    assert (bare.exit_code, bare.stderr) == (0, "")
    assert json.loads(bare.stdout)[0]["url"] == "https://example.org/desk#trains-2017"
