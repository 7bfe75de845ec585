"""The parse cache's entry format: the model as JSON arrays of plain values, read back with every value checked."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from kzcn.model.records import (
    BEARINGS,
    FACT_KINDS,
    MODALITIES,
    QUALIFIERS,
    RELATION_KINDS,
    SCALES,
    SOURCE_ROLES,
    TIME_KINDS,
    VERDICTS,
    Comparison,
    DerivedSpec,
    EvidenceItem,
    Exemption,
    Fact,
    KnowledgeBase,
    Quantity,
    Quote,
    Relation,
    Review,
    Reviewer,
    Source,
    TimeRef,
)

FORMAT = "kzcn-cache-3"  # 3: sources' roles, facts' modality, condition, exceptions and measure, and reviews
"""The first value of every entry; an entry of any other format is ignored."""

# JSON, not pickle or marshal: pickle runs whatever a tampered file names, and marshal trusts the counts it reads
# (a 5-byte entry declaring a tuple of 2**27 items made marshal.loads allocate 1 GiB). A JSON container holds only
# what its bytes spell out, and json.loads refuses deep nesting with RecursionError. Every text is stored once in
# a table and referred to by index: a knowledge base may repeat one long text through YAML aliases 100,000 times.

_FACT_KINDS = frozenset(FACT_KINDS)
_TIME_KINDS = frozenset(TIME_KINDS)
_SCALES = frozenset(SCALES)
_QUALIFIERS = frozenset(QUALIFIERS)
_RELATION_KINDS = frozenset(RELATION_KINDS)
_MODALITIES = frozenset(MODALITIES)
_SOURCE_ROLES = frozenset(SOURCE_ROLES)
_VERDICTS = frozenset(VERDICTS)
_BEARINGS = frozenset(BEARINGS)
# The ranges schema.SchemaReader accepts for the same fields.
_MAX_PARAGRAPH = 10**6
_MAX_YEAR = 9999
_MAX_VIEW_COUNT = 10**15


class InvalidEntry(Exception):
    """The entry is not one this kzcn wrote: a value has the wrong type or is out of range."""


def encode(kb: KnowledgeBase) -> bytes:
    """The knowledge base as the bytes of one entry."""
    table: dict[str, int] = {}

    def text(value: str) -> int:
        index = table.get(value)
        if index is None:
            index = table[value] = len(table)
        return index

    def optional(value: str | None) -> int | None:
        return None if value is None else text(value)

    sources = [
        [
            text(s.id), text(s.kind), optional(s.title), optional(s.author), optional(s.publisher),
            optional(s.published), optional(s.language), optional(s.url), s.view_count, optional(s.notes),
            optional(s.text), optional(s.sha256), None if s.cited_in is None else [text(s.cited_in[0]), s.cited_in[1]],
            text(s.role), optional(s.retrieved),
        ]
        for s in kb.sources
    ]  # fmt: skip
    facts = [
        [
            text(f.id), text(f.statement), text(f.kind), [text(t) for t in f.topics], [text(e) for e in f.entities],
            text(f.source), [[q.paragraph, text(q.text)] for q in f.quotes],
            None if f.time is None else [f.time.year, text(f.time.kind)],
            None if f.quantity is None
            else [f.quantity.amount, text(f.quantity.unit), text(f.quantity.scale), text(f.quantity.qualifier)],
            optional(f.attributed_to), optional(f.series), [text(r) for r in f.refers_to], optional(f.note),
            text(f.modality), optional(f.condition), [[text(e.rule), text(e.reason)] for e in f.exceptions],
            optional(f.measure),
        ]
        for f in kb.facts
    ]  # fmt: skip
    relations = [[text(r.id), text(r.kind), text(r.left), text(r.right), optional(r.reason)] for r in kb.relations]
    derived = [
        [text(d.id), text(d.label), text(d.operation), [[text(r), text(i)] for r, i in d.inputs], optional(d.series)]
        for d in kb.derived
    ]
    reviews = [
        [
            text(r.claim), text(r.verdict), text(r.summary),
            [[text(i.fact), text(i.bearing), optional(i.note)] for i in r.evidence], optional(r.searched),
            optional(r.date),
        ]
        for r in kb.reviews
    ]  # fmt: skip
    comparisons = [[text(c.id), [text(f) for f in c.facts], c.comparable, text(c.reason)] for c in kb.comparisons]
    reviewer = None if kb.reviewer is None else [text(kb.reviewer.name), optional(kb.reviewer.url)]
    warnings = [text(w) for w in kb.warnings]
    path = text(kb.path)
    # The table last: every text above has been entered in it by now.
    payload = [FORMAT, list(table), sources, facts, relations, derived, path, warnings, reviews, comparisons, reviewer]
    # ASCII only: a lone surrogate (YAML's "\ud800") is escaped instead of failing to encode.
    return json.dumps(payload, separators=(",", ":"), allow_nan=False).encode("ascii")


def decode(data: bytes) -> KnowledgeBase:
    """The knowledge base an entry holds; InvalidEntry, or any exception json or indexing raises, if it is not a
    good one (the caller ignores the entry on any exception)."""
    payload = json.loads(data)
    if type(payload) is not list or len(payload) != 11 or payload[0] != FORMAT:
        raise InvalidEntry("not an entry of this format")
    _, strings, sources, facts, relations, derived, path, warnings, reviews, comparisons, reviewer = payload
    if type(strings) is not list or not all(type(item) is str for item in strings):
        raise InvalidEntry("the text table holds something other than text")
    # Every text is strings[index]: anything but an int in range raises (TypeError, IndexError), so what comes
    # out is always a str from the table. Indexing in C, with no check of our own per text, keeps a warm start
    # of 30,000 facts as fast as unpickling was.
    text = strings.__getitem__
    read_sources = tuple(_source(item, text) for item in _list(sources))
    kb = KnowledgeBase(
        sources=read_sources,
        facts=_facts(_list(facts), text, {source.id for source in read_sources}),
        relations=tuple(_relation(item, text) for item in _list(relations)),
        derived=tuple(_derived(item, text) for item in _list(derived)),
        reviews=tuple(_review(item, text) for item in _list(reviews)),
        comparisons=tuple(_comparison(item, text) for item in _list(comparisons)),
        reviewer=None if reviewer is None else _reviewer(reviewer, text),
        path=text(path),
        warnings=tuple(map(text, _list(warnings))),
    )
    _check_references(kb)
    return kb


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise InvalidEntry("expected a list")
    return value


def _whole(value: Any, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise InvalidEntry(f"expected a whole number from {low} to {high}")
    return value


def _choice(value: str, choices: frozenset[str]) -> str:
    if value not in choices:
        raise InvalidEntry(f"{value!r} is not one of {sorted(choices)}")
    return value


def _source(item: Any, text: Callable[[Any], str]) -> Source:
    (id_, kind, title, author, publisher, published, language, url, views, notes, body, sha256, cited_in, role,
     retrieved) = _list(item)  # fmt: skip
    if views is not None:
        views = _whole(views, 0, _MAX_VIEW_COUNT)
    if cited_in is not None:
        cited_id, cited_paragraph = _list(cited_in)
        cited_in = (text(cited_id), _whole(cited_paragraph, 1, _MAX_PARAGRAPH))
    return Source(
        text(id_), text(kind), _optional(text, title), _optional(text, author), _optional(text, publisher),
        _optional(text, published), _optional(text, language), _optional(text, url), views, _optional(text, notes),
        _optional(text, body), _optional(text, sha256), cited_in, _choice(text(role), _SOURCE_ROLES),
        _optional(text, retrieved),
    )  # fmt: skip


def _optional(text: Callable[[Any], str], index: Any) -> str | None:
    return None if index is None else text(index)


def _facts(items: list[Any], text: Callable[[Any], str], source_ids: set[str]) -> tuple[Fact, ...]:
    # One loop with everything local: this is the whole cost of a warm start on a large knowledge base. A list of
    # texts needs no check of its own: map(text, anything else) raises, or gives () for an empty string or object.
    # Records are made as pickle made them, by filling the instance's dict: a frozen dataclass's __init__ sets each
    # field through object.__setattr__, which made rebuilding 30,000 facts take 0.17 s instead of 0.12 s.
    new, fact_class, quote_class, time_class, quantity_class = object.__new__, Fact, Quote, TimeRef, Quantity
    fact_kinds, time_kinds, scales, qualifiers = _FACT_KINDS, _TIME_KINDS, _SCALES, _QUALIFIERS
    facts = []
    # Equal years are one TimeRef, as immutable as an int; most facts share a handful of years.
    times: dict[tuple[int, str], TimeRef] = {}
    for item in items:
        (id_, statement, kind, topics, entities, source, quotes, time, quantity, attributed_to, series, refers_to,
         note, modality, condition, exceptions, measure) = item  # fmt: skip
        kind = text(kind)
        if kind not in fact_kinds:
            raise InvalidEntry(f"unknown fact kind {kind!r}")
        read_quotes = []
        for paragraph, quoted in quotes:
            if type(paragraph) is not int or not 1 <= paragraph <= _MAX_PARAGRAPH:
                raise InvalidEntry("a paragraph is not a whole number in range")
            quote = new(quote_class)
            quote.__dict__.update(paragraph=paragraph, text=text(quoted))
            read_quotes.append(quote)
        if time is not None:
            year, time_kind = time
            time_kind = text(time_kind)
            shared = times.get((year, time_kind))
            if shared is None:
                if type(year) is not int or not 1 <= year <= _MAX_YEAR or time_kind not in time_kinds:
                    raise InvalidEntry("a time is out of range")
                shared = times[year, time_kind] = new(time_class)
                shared.__dict__.update(year=year, kind=time_kind)
            time = shared
        if quantity is not None:
            amount, unit, scale, qualifier = quantity
            scale, qualifier = text(scale), text(qualifier)
            if type(amount) is not int and (type(amount) is not float or not math.isfinite(amount)):
                raise InvalidEntry("an amount is not a finite number")
            if scale not in scales or qualifier not in qualifiers:
                raise InvalidEntry("unknown scale or qualifier")
            quantity = new(quantity_class)
            quantity.__dict__.update(amount=amount, unit=text(unit), scale=scale, qualifier=qualifier)
        modality = text(modality)
        if modality not in _MODALITIES:
            raise InvalidEntry(f"unknown modality {modality!r}")
        read_exceptions = []
        for rule, reason in exceptions:
            exemption = new(Exemption)
            exemption.__dict__.update(rule=text(rule), reason=text(reason))
            read_exceptions.append(exemption)
        source, refers_to = text(source), tuple(map(text, refers_to))
        if source not in source_ids or not source_ids.issuperset(refers_to):
            raise InvalidEntry("a fact names an unknown source")
        fact = new(fact_class)
        fact.__dict__.update(
            id=text(id_), statement=text(statement), kind=kind, topics=tuple(map(text, topics)),
            entities=tuple(map(text, entities)), source=source, quotes=tuple(read_quotes), time=time,
            quantity=quantity, attributed_to=None if attributed_to is None else text(attributed_to),
            series=None if series is None else text(series), refers_to=refers_to,
            note=None if note is None else text(note), modality=modality,
            condition=None if condition is None else text(condition), exceptions=tuple(read_exceptions),
            measure=None if measure is None else text(measure),
        )  # fmt: skip
        facts.append(fact)
    return tuple(facts)


def _relation(item: Any, text: Callable[[Any], str]) -> Relation:
    id_, kind, left, right, reason = item
    relation = object.__new__(Relation)
    relation.__dict__.update(
        id=text(id_), kind=_choice(text(kind), _RELATION_KINDS), left=text(left), right=text(right),
        reason=None if reason is None else text(reason),
    )  # fmt: skip
    return relation


def _derived(item: Any, text: Callable[[Any], str]) -> DerivedSpec:
    id_, label, operation, inputs, series = item
    pairs = []
    for role, fact_id in inputs:
        pairs.append((text(role), text(fact_id)))
    spec = object.__new__(DerivedSpec)
    # The operation is only checked to be text: derive reports an unknown one itself, and importing its registry
    # here would load decimal on every warm start.
    spec.__dict__.update(
        id=text(id_), label=text(label), operation=text(operation), inputs=tuple(pairs),
        series=None if series is None else text(series),
    )  # fmt: skip
    return spec


def _review(item: Any, text: Callable[[Any], str]) -> Review:
    claim, verdict, summary, evidence, searched, date = _list(item)
    items = tuple(
        EvidenceItem(text(fact), _choice(text(bearing), _BEARINGS), _optional(text, note))
        for fact, bearing, note in _list(evidence)
    )
    return Review(
        text(claim), _choice(text(verdict), _VERDICTS), text(summary), items, _optional(text, searched),
        _optional(text, date),
    )  # fmt: skip


def _comparison(item: Any, text: Callable[[Any], str]) -> Comparison:
    id_, facts, comparable, reason = _list(item)
    first, second = _list(facts)
    if type(comparable) is not bool:
        raise InvalidEntry("comparable is not true or false")
    return Comparison(text(id_), (text(first), text(second)), comparable, text(reason))


def _reviewer(item: Any, text: Callable[[Any], str]) -> Reviewer:
    name, url = _list(item)
    return Reviewer(text(name), _optional(text, url))


def _check_references(kb: KnowledgeBase) -> None:
    """Every id unique and every reference resolving, as the check left them: later code indexes by id. (_facts
    has checked the facts' sources.)"""
    source_ids = set(kb.sources_by_id)
    fact_ids = set(kb.facts_by_id)
    if len(source_ids) != len(kb.sources) or len(fact_ids) != len(kb.facts):
        raise InvalidEntry("an id is used twice")
    for source in kb.sources:
        if source.cited_in is not None and source.cited_in[0] not in source_ids:
            raise InvalidEntry(f"source {source.id!r} is cited in an unknown source")
    for relation in kb.relations:
        if relation.left not in fact_ids or relation.right not in fact_ids:
            raise InvalidEntry(f"relation {relation.id!r} names an unknown fact")
    for spec in kb.derived:
        if not fact_ids.issuperset(fact_id for _, fact_id in spec.inputs):
            raise InvalidEntry(f"derived figure {spec.id!r} names an unknown fact")
    for review in kb.reviews:
        if review.claim not in fact_ids or not fact_ids.issuperset(item.fact for item in review.evidence):
            raise InvalidEntry(f"the review of {review.claim!r} names an unknown fact")
    for comparison in kb.comparisons:
        if not fact_ids.issuperset(comparison.facts):
            raise InvalidEntry(f"comparison {comparison.id!r} names an unknown fact")
