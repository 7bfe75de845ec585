"""`kzcn report`: a fact sheet in every format, written to a file safely."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import SHIPPED_FACTS
from kzcn.kb.load import load_knowledge_base
from kzcn.queries.report import report

Run = Callable[..., Any]

HEADINGS = [
    "In short", "The other claims", "The source", "The claims, counted", "Key figures",
    "Transport income: the article's figures beside the record", "The text, annotated: doc", "Sources",
]  # fmt: skip
"""A small knowledge base without reviews: no claim cards, its claims listed as the other claims (issue 24)."""


def section(sheet: Any, heading: str) -> Any:
    """The section of a fact sheet under this heading."""
    return next(item for item in sheet.sections if item.heading == heading)


def test_the_sections_of_a_small_knowledge_base(write_kb: Callable[..., Path]) -> None:
    result = report(load_knowledge_base(str(write_kb())))
    assert [section.heading for section in result.sections] == HEADINGS
    source = section(result, "The source").text
    assert source[:2] == (
        "doc (article): language en; view counter 7.",
        "Unknown, because the source does not give them: title, author, publisher, published, url.",
    )
    figures = {record["id"]: record for record in result.records}
    assert figures["income-2017"]["where"] == 'doc ¶2: “the "new corridor" earned $ 2 billion in 2017”'
    assert figures["income-growth"]["where"] == "computed by kzcn from income-2017, income-forecast-2020: " + (
        "((4 / 2) ^ (1 / (2020 − 2017)) − 1) × 100 = 25.9921; declared comparable: The article sets the earnings and "
        "the forecast income side by side."
    )
    assert figures["income-growth"]["basis"] == "derived from forecast"
    counts = section(result, "The claims, counted").result
    assert counts is not None
    assert {(row["facet"], row["value"]): row["count"] for row in counts.records}[("verdict", "unreviewed")] == 5


def test_every_format(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb())
    table = cli("--facts", path, "report").stdout
    assert [heading.upper() in table for heading in HEADINGS] == [True] * len(HEADINGS)
    markdown = cli("--facts", path, "report", "--format", "markdown").stdout
    assert re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE) == HEADINGS
    used = set(re.findall(r"\[\^([\w-]+)\](?!:)", markdown))
    assert used and used == set(re.findall(r"^\[\^([\w-]+)\]:", markdown, flags=re.MULTILINE))
    assert "```text" in markdown and "░" in markdown  # the chart as text bars, the forecast light
    document = json.loads(cli("--facts", path, "report", "--json").stdout)
    assert [section["heading"] for section in document["sections"]] == HEADINGS
    csv_lines = cli("--facts", path, "report", "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == "id,basis,what,figure,time,verdict,outcome,where"
    page = cli("--facts", path, "report", "--format", "html").stdout
    assert (
        page.startswith('<!DOCTYPE html>\n<html lang="en">') and '<ul class="bars">' in page and "<figcaption>" in page
    )


def test_every_footnote_links_both_ways_in_html(cli: Run) -> None:
    page = cli("report", "--format", "html").stdout
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets and targets <= ids
    assert {target for target in targets if target.startswith("fn-")} == {i for i in ids if i.startswith("fn-")}
    assert {target for target in targets if target.startswith("fnref-")} == {i for i in ids if i.startswith("fnref-")}
    kb = load_knowledge_base(str(SHIPPED_FACTS))
    claims = {fact.id for fact in kb.facts if kb.is_claim(fact)}
    assert claims <= set(re.findall(r'data-fact="([^"]+)"', page))


def test_output_file_is_written_atomically_and_never_over_a_file_unasked(
    cli: Run, write_kb: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_kb()
    target = tmp_path / "sheet.html"
    first = cli("--facts", str(path), "report", "--format", "html", "-o", str(target))
    assert (first.exit_code, first.stdout, first.stderr) == (0, "", f"kzcn: wrote {target}\n")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    target.write_text("my notes", encoding="utf-8")
    again = cli("--facts", str(path), "report", "-o", str(target))
    assert (again.exit_code, again.stderr) == (2, f"kzcn: {target} exists; add --force to replace it\n")
    assert target.read_text(encoding="utf-8") == "my notes"
    forced = cli("--facts", str(path), "report", "--format", "markdown", "-o", str(target), "--force")
    assert forced.exit_code == 0 and target.read_text(encoding="utf-8").startswith("# Fact sheet: doc")
    before = path.read_bytes()
    over = cli("--facts", str(path), "report", "-o", str(path), "--force")
    assert (over.exit_code, over.stderr) == (
        2,
        f"kzcn: {path} is the knowledge base it was made from; name another file\n",
    )
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == sorted(
        name for name in os.listdir(tmp_path) if not name.startswith(".kzcn-")
    )
    lone = cli("--facts", str(path), "report", "--force")
    assert (lone.exit_code, lone.stderr) == (2, "kzcn: --force replaces the file --output names; add --output FILE\n")


def test_key_figures_say_what_they_hold_and_where_each_comes_from() -> None:
    from builders import fact, knowledge_base, quote, source
    from kzcn.model.records import Quantity
    from kzcn.queries.report import _where

    figures = section(report(knowledge_base(facts=(fact(quantity=Quantity(3, "trains")),))), "Key figures")
    assert (figures.heading, figures.text) == (
        "Key figures",
        (
            "Stated and forecast figures of the article, figures kzcn derives from them (with the arithmetic), "
            "and what other sources report; each with the words it comes from.",
        ),
    )
    # No table without rows: a sentence says there is none (issue 23: a fresh knowledge base's sheet).
    none = section(report(knowledge_base()), "Key figures")
    assert (none.heading, none.text, none.result) == ("Key figures", ("No claim states a figure.",), None)
    page = source(id="page", role="evidence", text="Trains ran.", publisher=None, url=None, published="2019-01-02")
    evidence = fact(id="ran", source="page", quotes=(quote(text="Trains ran."),))
    kb = knowledge_base(sources=(source(), page), facts=(fact(), evidence))
    assert _where(kb, evidence) == "page, 2019-01-02, no URL: “Trains ran.”"
    assert _where(kb, fact()) == "doc ¶1: “Trade between the two countries grew quickly.”"


def test_only_a_reviewed_claim_with_something_to_check_is_a_card() -> None:
    from builders import fact, knowledge_base
    from kzcn.model.records import EvidenceItem, Review

    cards = "What the article claims, and what the record shows"
    unreviewed = report(knowledge_base(facts=(fact(kind="opinion"), fact(id="ev", kind="event"))))
    assert cards not in [item.heading for item in unreviewed.sections]
    assert [row["claim"] for row in section(unreviewed, "The other claims").result.records] == ["trade-grew", "ev"]
    page = fact(id="page-fact", source="page")
    from builders import source

    reviewed = knowledge_base(
        sources=(source(), source(id="page", role="evidence")),
        facts=(fact(kind="opinion"), fact(id="ev", kind="event"), page),
        reviews=(
            Review("trade-grew", "not-checkable", "An opinion."),
            Review("ev", "supported", "A page says so.", (EvidenceItem("page-fact", "corroborates"),)),
        ),
    )
    sheet = report(reviewed)
    assert [item.claim for item in section(sheet, cards).cards] == ["ev"]
    assert [row["claim"] for row in section(sheet, cards).result.records] == ["ev"]  # what JSON gives
    assert [row["claim"] for row in section(sheet, "The other claims").result.records] == ["trade-grew"]


def test_a_fresh_knowledge_base_reads_as_one_with_no_claims_yet() -> None:
    from builders import knowledge_base
    from kzcn.queries.overview import list_sources, stats

    kb = knowledge_base(facts=(), derived=(), relations=())
    sheet = report(kb)
    claims = section(sheet, "The claims, counted")
    # Before: "0 claims of the article, each quoted verbatim; 0 facts of 0 other sources ..." over an empty table.
    assert (claims.heading, claims.text, claims.result) == (
        "The claims, counted",
        ("No claims yet: the knowledge base records no fact of the article (kzcn init wrote one to copy).",),
        None,
    )
    assert (list_sources(kb).title, stats(kb).title) == ("1 source", "0 facts from 1 source")  # was "1 sources"


def test_in_short_names_every_claim_the_record_does_not_support_figure_or_not() -> None:
    from builders import fact, knowledge_base, source
    from kzcn.model.records import EvidenceItem, Review
    from kzcn.queries.cards import findings

    page = fact(id="page-fact", source="page")
    kb = knowledge_base(
        sources=(source(), source(id="page", role="evidence")),
        facts=(fact(id="ev", kind="event", statement="The port opened."), fact(kind="opinion"), page),
        reviews=(
            Review("ev", "contradicted", "A page says it did not.", (EvidenceItem("page-fact", "contradicts"),)),
            Review("trade-grew", "not-checkable", "An opinion."),
        ),
    )
    # Before: only figures were findings, and the claim stood in quotation marks as if the article's words.
    assert findings(kb) == ("Contradicted: The port opened. A page says it did not.",)
    other = section(report(kb), "The other claims").result
    assert [(row["claim"], row["verdict"]) for row in other.records] == [("trade-grew", "not-checkable")]
    unreviewed_opinion = knowledge_base(facts=(fact(kind="opinion"),))
    rows = section(report(unreviewed_opinion), "The other claims").result.records
    assert [row["verdict"] for row in rows] == [None]  # an opinion is never "unreviewed"
