"""The schema of reviews, comparisons and the reviewer: plain YAML data to the model, every problem located."""

from __future__ import annotations

import dataclasses
from typing import Any

from kzcn.model.records import BEARINGS, OUTCOMES, VERDICTS, Comparison, EvidenceItem, Heading, Review, Reviewer
from kzcn.parse.yamlfields import FieldReader

_REVIEW_FIELDS = {field.name for field in dataclasses.fields(Review)}
_ITEM_FIELDS = {field.name for field in dataclasses.fields(EvidenceItem)}
_COMPARISON_FIELDS = {field.name for field in dataclasses.fields(Comparison)}
_REVIEWER_FIELDS = {field.name for field in dataclasses.fields(Reviewer)}
_HEADING_FIELDS = {field.name for field in dataclasses.fields(Heading)}


def read_review(reader: FieldReader, item: Any, path: tuple[str | int, ...]) -> Review | None:
    """One review of a claim, or None (with its problems reported)."""
    before = len(reader.problems)
    if not reader.mapping(item, path, _REVIEW_FIELDS, {"claim", "verdict", "summary"}):
        return None
    claim = reader.text(item, "claim", path, kebab_id=True)
    verdict = reader.text(item, "verdict", path, choices=VERDICTS)
    summary = reader.text(item, "summary", path)
    searched = reader.text(item, "searched", path, nullable=True)
    date = reader.text(item, "date", path, nullable=True, what='a date as text ("2026-12-01")')
    outcome = reader.text(item, "outcome", path, choices=OUTCOMES, nullable=True)
    outcome_summary = reader.text(item, "outcome_summary", path, nullable=True)
    claim_short = reader.text(item, "claim_short", path, nullable=True)
    if claim_short is not None and len(claim_short) > 75:
        reader.report((*path, "claim_short"), f"a short form is at most 75 characters, this one {len(claim_short)}")
    items = []
    for index, entry in enumerate(reader.sequence(item, "evidence", path)):
        here = (*path, "evidence", index)
        if not reader.mapping(entry, here, _ITEM_FIELDS, {"fact", "bearing"}):
            continue
        fact = reader.text(entry, "fact", here, kebab_id=True)
        bearing = reader.text(entry, "bearing", here, choices=BEARINGS)
        note = reader.text(entry, "note", here, nullable=True)
        if fact is not None and bearing is not None:
            items.append(EvidenceItem(fact, bearing, note))
    if len(reader.problems) > before or claim is None or verdict is None or summary is None:
        return None
    return Review(claim, verdict, summary, tuple(items), searched, date, outcome, outcome_summary, claim_short)


def read_comparison(reader: FieldReader, item: Any, path: tuple[str | int, ...]) -> Comparison | None:
    """One declaration that two figures can (or cannot) be compared, or None (with its problems reported)."""
    before = len(reader.problems)
    if not reader.mapping(item, path, _COMPARISON_FIELDS, _COMPARISON_FIELDS):
        return None
    comparison_id = reader.text(item, "id", path, kebab_id=True)
    facts = reader.text_list(item, "facts", path, kebab=True)
    if "facts" in item and isinstance(item["facts"], list) and len(item["facts"]) != 2:
        reader.report((*path, "facts"), f"expected the ids of two facts, found {len(item['facts'])}")
    comparable = item.get("comparable")
    if "comparable" in item and not isinstance(comparable, bool):
        reader.report((*path, "comparable"), "expected true or false")
    reason = reader.text(item, "reason", path)
    if len(reader.problems) > before or comparison_id is None or reason is None or len(facts) != 2:
        return None
    return Comparison(comparison_id, (facts[0], facts[1]), bool(comparable), reason)


def read_heading(reader: FieldReader, item: Any, path: tuple[str | int, ...]) -> Heading | None:
    """`report: {title, lead}`: how the fact sheet opens, or None (with its problems reported)."""
    if item is None or not reader.mapping(item, path, _HEADING_FIELDS, {"title"}):
        return None
    title = reader.text(item, "title", path)
    lead = reader.text(item, "lead", path, nullable=True)
    return Heading(title, lead) if title is not None else None


def read_reviewer(reader: FieldReader, item: Any, path: tuple[str | int, ...]) -> Reviewer | None:
    """Who writes the reviews, or None (with its problems reported)."""
    if item is None or not reader.mapping(item, path, _REVIEWER_FIELDS, {"name"}):
        return None
    name = reader.text(item, "name", path)
    url = reader.text(item, "url", path, nullable=True)
    return Reviewer(name, url) if name is not None else None
