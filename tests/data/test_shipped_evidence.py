"""The shipped evidence as data: quoted exactly from the evidence pack, and enough to answer "does it hold?"."""

from __future__ import annotations

import re

import pytest

from conftest import SHARED, SHIPPED_FACTS
from kzcn.kb.load import load_knowledge_base
from kzcn.model.records import KnowledgeBase
from kzcn.model.text import ELISION, IndexedSource
from kzcn.queries.figures import is_money
from kzcn.queries.reviews import checkable_claims

PACK = SHARED / "source" / "evidence"


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    return load_knowledge_base(str(SHIPPED_FACTS))


def _pack(source_id: str) -> tuple[dict[str, str], list[str]]:
    """(header, quotations) of the pack file a source was quoted from."""
    head, _, body = (PACK / f"{source_id}.txt").read_text(encoding="utf-8").partition("\n---\n")
    header = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    return header, [part.strip("\n") for part in re.split(rf"\n{re.escape(ELISION)}\n", body.rstrip("\n"))]


def test_every_evidence_source_is_a_pack_page_quoted_exactly(shipped: KnowledgeBase) -> None:
    if not PACK.is_dir():
        pytest.skip(f"{PACK} is not here to compare with")
    evidence = [source for source in shipped.sources if source.role == "evidence"]
    in_pack = [source for source in evidence if (PACK / f"{source.id}.txt").is_file()]
    assert len(in_pack) == 46
    # Found with the search tool's stored pages, not in the pack (README, "Evidence"): quoted exactly, dated.
    assert sorted(source.id for source in evidence if source not in in_pack) == [
        "chinadaily-2007-10-15-china-kazakhstan-relations",
        "chinadaily-2011-06-14-all-round-strategic-partnership",
    ]
    for source in in_pack:
        header, quotations = _pack(source.id)
        assert (source.url, source.publisher, source.language) == (
            header["url"], header["publisher"], header["language"],
        ), source.id  # fmt: skip
        assert source.published == (None if header["published"] == "unknown" else header["published"]), source.id
        assert source.text is not None
        indexed = IndexedSource.of(source.text)
        paragraphs = [source.text[span.start : span.end] for span in indexed.paragraphs]
        # The pack's quotations come first, each a paragraph, in the pack's order; a quotation added from the
        # stored page (README, "Evidence") may follow them.
        assert paragraphs[: len(quotations)] == quotations, source.id


def test_every_checkable_claim_has_a_review(shipped: KnowledgeBase) -> None:
    reviewed = {review.claim for review in shipped.reviews}
    assert [fact.id for fact in checkable_claims(shipped) if fact.id not in reviewed] == []


def test_who_made_the_five_billion_forecast_and_when(shipped: KnowledgeBase) -> None:
    review = shipped.reviews_by_claim["transport-income-forecast-2020"]
    originators = [
        (shipped.facts_by_id[item.fact], shipped.sources_by_id[shipped.facts_by_id[item.fact].source])
        for item in review.evidence
        if item.bearing in ("attributes", "corroborates")
    ]
    dated = {(fact.attributed_to, source.published) for fact, source in originators}
    assert ("Nursultan Nazarbayev", "2018-06-06") in dated


def test_records_give_transit_revenue_around_2017_in_their_own_currency(shipped: KnowledgeBase) -> None:
    records = sorted(
        (fact.time.year, fact.quantity.unit, fact.quantity.amount, fact.quantity.scale)
        for fact in shipped.facts
        if not shipped.is_claim(fact)
        and fact.kind == "statistic"
        and fact.quantity is not None
        and fact.time is not None
        and is_money(fact.quantity.unit)
        and "transit" in (fact.measure or "")
    )
    assert records == [
        (2016, "KZT", 267, "billion"), (2016, "USD", 856, "million"), (2017, "KZT", 350, "billion"),
        (2019, "KZT", 450, "billion"), (2019, "USD", 1.2, "billion"),
    ]  # fmt: skip


def test_the_2017_figures_are_unverified(shipped: KnowledgeBase) -> None:
    verdicts = {review.claim: review.verdict for review in shipped.reviews}
    assert (verdicts["transport-income-2017"], verdicts["transport-income-china-2017"]) == ("unverified", "unverified")
