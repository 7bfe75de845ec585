"""Queries over a loaded knowledge base: facts, one fact, sources and facets, each as a Result."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, replace

from kzcn.errors import NotFoundError
from kzcn.model.records import Fact, KnowledgeBase
from kzcn.model.result import WHOLE, WORDS, Context, Field, Result
from kzcn.model.wording import counted, quantity_text, time_text
from kzcn.queries.facets import outcome_of, verdict_of
from kzcn.queries.filters import NO_FILTERS, Filters

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any

SORT_KEYS = ("source", "id", "kind", "year")
"""What `kzcn facts --sort` accepts; `source` is the order of the knowledge base (the article's order)."""

_LISTED_FACT_FIELDS = (
    Field("id", "ID", shape=WHOLE),
    # On a narrow terminal, the columns give way in this order: ¶, source, kind, says, time, quantity; the verdict,
    # the claim in words and the id stay (issue 23: a reader came for the claims), as a card where a table is too
    # narrow for them.
    Field("kind", "Kind", styled=True, give_way=7),
    Field("says", "Says", shape=WORDS, give_way=6),
    Field("statement", "Statement", searched=True, give_way=1, main=True),
    Field(
        "quantity_text",
        "Quantity",
        shape=WORDS,
        flag="forecast",
        flag_text=" (forecast)",
        give_way=4,
        json_type="string?",
    ),
    Field("time_text", "Time", shape=WORDS, give_way=5, json_type="string?"),
    Field("source", "Source", give_way=8),
    Field("paragraphs", "¶", shape=WORDS, item_prefix="¶", joiner=", ", give_way=9, json_type="integer[]"),
    Field("forecast", "Forecast", json_type="boolean"),
    Field("topics", "Topics", json_type="string[]"),
    Field("entities", "Entities", json_type="string[]"),
    Field("time_year", "Year", json_type="integer?"),
    Field("time_kind", "Time kind", json_type="string?"),
    Field("time_inferred", "Year inferred from", missing="—", json_type="string?"),
    Field("amount", "Amount", shape=WHOLE, json_type="number?"),
    Field("unit", "Unit", json_type="string?"),
    Field("scale", "Scale", json_type="string?"),
    Field("qualifier", "Qualifier", json_type="string?"),
    Field("value", "Value (base units)", shape=WHOLE, json_type="number?"),
    Field("quotes", "Quotes", searched=True, item_format="¶{paragraph}: {text}", json_type="object[]"),
    Field("attributed_to", "Attributed to", missing="the author", json_type="string?"),
    Field("modality", "Modality", styled=True),
    Field("condition", "Condition", json_type="string?"),
    Field("exceptions", "Check exceptions", json_type="string[]"),
    Field("series", "Series", json_type="string?"),
    Field("refers_to", "Refers to", json_type="string[]"),
    Field("note", "Note", json_type="string?"),
    Field("measure", "Measure", json_type="string?"),
    Field("verdict", "Verdict", missing="—", styled=True, give_way=0, json_type="string?"),  # with the id and the claim
    Field("outcome", "Outcome", missing="—", styled=True, json_type="string?"),
    Field("evidence", "From another source", json_type="boolean"),  # not the review's evidence, listed apart
)
OTHER_FACT_FIELDS = tuple(
    field.name
    for field in fields(Fact)
    if field.name not in {"time", "quantity"} | {listed.key for listed in _LISTED_FACT_FIELDS}
)
"""The model's fact fields the list above does not name (time and quantity it shows in parts): each is shown as it
is, under its own name, after the others. A new field of `Fact` is thus in every machine format, `kzcn show` and
the SQLite export without an entry here; an entry above gives it a place, a label or a shape of its own."""
_JSON_TYPES = {"str": "string", "str | None": "string?", "int | None": "integer?", "tuple[str, ...]": "string[]"}
"""A model field's JSON type by its annotation, for the fields shown as they are; any other annotation must be
listed above with its own `json_type`."""
_MODEL_TYPES = {field.name: str(field.type) for field in fields(Fact)}
FACT_FIELDS = (
    *_LISTED_FACT_FIELDS,
    *(
        Field(name, name.replace("_", " ").capitalize(), json_type=_JSON_TYPES[_MODEL_TYPES[name]])
        for name in OTHER_FACT_FIELDS
    ),
)
"""Every field of a fact's record, in the order of the machine formats (JSON, CSV, ...)."""
KIND_LEGEND = (
    "Kinds: statistic = a figure the article states; event = a stated fact without a figure; "
    "forecast = a prediction (not a result); opinion = the author's view."
)
"""Under a table that shows the Kind column."""
SAYS_LEGEND = (
    "Says: who makes the claim: the author (predicts: the author's forecast; if: only under a condition the article "
    "states; may: a possibility), or whom the article reports."
)
"""Under a table that shows the Says column."""

VERDICT_LEGEND = (
    "Verdict: the knowledge base's review of the claim against other sources (kzcn review ID), not the article's "
    "words; for a forecast, only whether it was made as reported (its outcome is apart); unreviewed: no review yet."
)
"""Under a table that shows the Verdict column."""

_SAYS = {"asserted": "author", "predicted": "author, predicts", "conditional": "author, if", "hedged": "author, may"}
"""How the Says column reads for the author's own claims, by modality; a reported claim names who makes it."""


def says(fact: Fact) -> str:
    """Who makes the claim, and how surely, in a few words: "author", "author, if", "unnamed forecasts"."""
    if fact.modality == "reported" or fact.attributed_to:
        return fact.attributed_to or "unnamed"
    return _SAYS[fact.modality]


_FACT_TABLE = ("id", "kind", "says", "statement", "quantity_text", "time_text", "verdict", "source", "paragraphs")
"""The default table columns, most important first: at a narrow width the last ones give way first."""


def fact_record(fact: Fact, kb: KnowledgeBase | None = None) -> dict[str, Any]:
    """Every field of a fact, flat, JSON-ready; with the knowledge base, its verdict (None where no review judges
    it: "unreviewed" for a checkable claim of the article)."""
    quantity = fact.quantity
    verdict = verdict_of(fact, kb) if kb is not None else None
    return {
        "id": fact.id,
        "kind": fact.kind,
        "says": says(fact),
        "statement": fact.statement,
        "quantity_text": quantity_text(quantity),
        "time_text": time_text(fact.time),
        "source": fact.source,
        "paragraphs": sorted({quote.paragraph for quote in fact.quotes}),
        "forecast": fact.kind == "forecast",
        "topics": list(fact.topics),
        "entities": list(fact.entities),
        "time_year": fact.time.year if fact.time else None,
        "time_kind": fact.time.kind if fact.time else None,
        "time_inferred": fact.time.inferred if fact.time else None,
        "amount": quantity.amount if quantity else None,
        "unit": quantity.unit if quantity else None,
        "scale": quantity.scale if quantity else None,
        "qualifier": quantity.qualifier if quantity else None,
        "value": quantity.value if quantity else None,
        "quotes": [{"paragraph": quote.paragraph, "text": quote.text} for quote in fact.quotes],
        "attributed_to": fact.attributed_to,
        "modality": fact.modality,
        "condition": fact.condition,
        "exceptions": [
            f"{item.rule} ({', '.join(item.words)}): {item.reason}" if item.words else f"{item.rule}: {item.reason}"
            for item in fact.exceptions
        ],
        "series": fact.series,
        "refers_to": list(fact.refers_to),
        "note": fact.note,
        "measure": fact.measure,
        "verdict": verdict,
        "outcome": outcome_of(fact, kb) if kb is not None else None,
        "evidence": kb is not None and not kb.is_claim(fact),
        **{name: _plain(getattr(fact, name)) for name in OTHER_FACT_FIELDS},
    }


def _plain(value: Any) -> Any:
    """A field's value as JSON has it: a tuple as a list."""
    return list(value) if isinstance(value, tuple) else value


def list_facts(
    kb: KnowledgeBase,
    filters: Filters = NO_FILTERS,
    *,
    evidence: bool = False,
    sort: str = "source",
    limit: int | None = None,
) -> Result:
    """The facts that pass the filters (`Filters.matches`), sorted, at most `limit` of them.

    Without `--source`, the claims of the primary sources (the article), or with `evidence` the facts of the
    other sources; a source named in the filters is shown whatever its role."""
    # Every value is matched ignoring case; one the knowledge base does not have is a usage error with the closest
    # ones, never an empty result that hides a typo.
    wanted = filters.checked(kb)
    in_view = [fact for fact in kb.facts if wanted.sources or kb.is_claim(fact) is not evidence]
    chosen = _sorted([fact for fact in in_view if wanted.matches(fact, kb)], sort)
    matched = len(chosen)
    if limit is not None:
        chosen = chosen[:limit]
    if len(chosen) < matched:
        title = f"{len(chosen)} of {matched} matching facts ({len(in_view)} in all)"
    else:
        title = f"{matched} of {len(in_view)} facts"
    others = len(kb.facts) - len(in_view)
    notes = []
    if others and not wanted.sources:
        notes.append(
            f"{others} facts from other sources are evidence: kzcn facts --evidence; kzcn review weighs them."
            if not evidence
            else f"{others} facts are the article's claims: kzcn facts."
        )
    return Result(
        fields=FACT_FIELDS,
        table_fields=_FACT_TABLE,
        records=tuple(fact_record(fact, kb) for fact in chosen),
        title=title,
        empty_message=f"No facts shown: --limit 0 ({matched} match)." if matched else _none_match(kb, wanted, evidence),
        highlight=wanted.terms,
        legends=(("kind", KIND_LEGEND), ("says", SAYS_LEGEND), ("verdict", VERDICT_LEGEND)),
        notes=tuple(notes),
    )


def _none_match(kb: KnowledgeBase, wanted: Filters, evidence: bool) -> str:
    """ "No facts match.", and where the other view (the evidence, or the claims) has some that do, how many and the
    command that shows them (issue 23: a search for "transit revenue" among the claims hid seven evidence facts)."""
    if wanted.sources:
        return "No facts match."
    elsewhere = sum(1 for fact in kb.facts if kb.is_claim(fact) is evidence and wanted.matches(fact, kb))
    if not elsewhere:
        return "No facts match."
    verb = "does" if elsewhere == 1 else "do"
    if evidence:
        return f"No evidence facts match; {counted(elsewhere, 'claim')} of the article {verb}: drop --evidence."
    return f"No claims of the article match; {counted(elsewhere, 'evidence fact')} {verb}: add --evidence."


def _sorted(facts: list[Fact], sort: str) -> list[Fact]:
    """The facts in the order `--sort` names; `source` keeps the knowledge base's order. Each sort is stable."""
    if sort == "id":
        return sorted(facts, key=lambda fact: fact.id)
    if sort == "kind":
        return sorted(facts, key=lambda fact: fact.kind)
    if sort == "year":
        return sorted(facts, key=lambda fact: (fact.time is None, fact.time.year if fact.time else 0))
    return facts


def closest_ids(candidates: Iterable[str], wanted: str) -> str:
    """ "; did you mean a, b?" with the ids most like the one asked for, or nothing."""
    from difflib import get_close_matches

    # 0.6: at 0.4, "nonexistent" was offered china-second-largest-economy, which shares only scattered letters.
    close = get_close_matches(wanted, list(candidates), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(close)}?" if close else ""


def what_else(kb: KnowledgeBase, wanted: str) -> str:
    """ "; it is a derived figure: kzcn totals --explain ID" when the id names another kind of thing, else nothing."""
    if wanted in kb.facts_by_id:
        return f"; {wanted} is a fact: kzcn show {wanted}"
    if any(spec.id == wanted for spec in kb.derived):
        return f"; {wanted} is a derived figure: kzcn totals --explain {wanted}"
    if any(relation.id == wanted for relation in kb.relations):
        return f"; {wanted} is a relation between facts, which kzcn check verifies"
    if wanted in kb.sources_by_id:
        return f"; {wanted} is a source: kzcn sources, or kzcn facts --source {wanted}"
    return ""


SHOW_FIELDS = (
    *FACT_FIELDS,
    Field("review", "Review (kzcn's judgement)", json_type="string?"),
    Field("review_evidence", "Evidence (kzcn review ID)", joiner="\n", json_type="string[]"),
    Field("source_title", "Source title", missing="unknown", json_type="string?"),
    Field("used_by_derived", "Derived figures using it", json_type="string[]"),
    Field("context", "Paragraphs", item_format="¶{paragraph}: {text}", json_type="object[]"),
)
"""Every field of `kzcn show ID`'s one record: a fact's, and its review, source title, derived figures and
paragraphs."""


def show_fact(kb: KnowledgeBase, fact_id: str) -> Result:
    """One fact in full, its quotes inside their paragraphs, and the derived figures that use it."""
    fact = kb.facts_by_id.get(fact_id)
    if fact is None:
        raise NotFoundError(
            f"no fact with id {fact_id!r}{what_else(kb, fact_id) or closest_ids(kb.facts_by_id, fact_id)}"
        )
    from kzcn.model.text import IndexedSource, with_lf_line_ends

    source = kb.sources_by_id[fact.source]
    contexts = []
    if source.text is not None:
        indexed = IndexedSource.of(source.text)
        for quote in fact.quotes:
            span = indexed.span_of(quote.text, quote.paragraph)
            paragraph = indexed.paragraphs[quote.paragraph - 1]
            start, end = (span.start - paragraph.start, span.end - paragraph.start) if span else (-1, -1)
            as_read = with_lf_line_ends(source.text[paragraph.start : paragraph.end])
            contexts.append(Context(quote.paragraph, as_read, start, end))
    used_by = [spec.id for spec in kb.derived if any(fact_id == input_id for _role, input_id in spec.inputs)]
    record = fact_record(fact, kb)
    review = kb.reviews_by_claim.get(fact.id)
    record["review"] = review.summary if review else None
    record["review_evidence"] = [f"{item.bearing}: {item.fact}" for item in review.evidence] if review else []
    record["source_title"] = source.title
    record["used_by_derived"] = used_by
    record["context"] = [{"paragraph": item.paragraph, "text": item.text} for item in contexts]
    shown = tuple(
        replace(field, flag_text=" (forecast, not a result)") if field.key == "quantity_text" else field
        for field in SHOW_FIELDS
        if field.key not in ("context", "quotes")
    )
    return Result(
        fields=SHOW_FIELDS,
        records=(record,),
        single=True,
        record_fields=shown,
        title=fact.id,
        context=tuple(contexts) if source.text is not None else None,
    )
