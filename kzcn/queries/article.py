"""The annotated source: its text paragraph by paragraph, every quoted span marked by the claim it supports."""

from __future__ import annotations

from collections.abc import Iterable

from kzcn.errors import NotFoundError, UsageError
from kzcn.model.document import Block, Document, Mark, Note
from kzcn.model.records import FACT_KINDS, Fact, KnowledgeBase, Source
from kzcn.model.result import WHOLE, Field, Result
from kzcn.model.text import IndexedSource, with_lf_line_ends
from kzcn.queries.facets import verdict_of
from kzcn.queries.facts import closest_ids, says
from kzcn.queries.filters import NO_FILTERS, Filters

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any

KIND_TAGS = {"statistic": "S", "event": "E", "forecast": "F", "opinion": "O"}
"""The letter a mark's tag carries for each kind: the cue that survives no colour, a pipe and a colour-blind reader."""

KIND_MEANINGS = {
    "statistic": "a figure the source states",
    "event": "a stated fact without a figure",
    "forecast": "a prediction, not a result",
    "opinion": "the author's view",
}

ANNOTATION_FIELDS = (
    Field("source", "Source", shape=WHOLE),
    Field("paragraph", "¶", shape=WHOLE, json_type="integer"),
    Field("start", "Start", shape=WHOLE, json_type="integer"),
    Field("end", "End", shape=WHOLE, json_type="integer"),
    Field("fact", "Fact", shape=WHOLE),
    Field("ref", "Ref", shape=WHOLE, json_type="integer"),
    Field("kind", "Kind", styled=True),
    Field("modality", "Modality", json_type="string"),
    Field("says", "Says"),
    Field("verdict", "Verdict", styled=True, json_type="string?"),
    Field("quote", "Quote (as the knowledge base writes it)"),
    Field("text", "Text (the source's own characters)"),
)
"""Stand-off annotations: start and end are offsets in the source's stored text, so text == stored[start:end]."""


def primary_text_source(kb: KnowledgeBase, source_id: str | None) -> Source:
    """The source asked for, or the first primary source with a text; an error that says which sources have one."""
    with_text = [source for source in kb.sources if source.text is not None]
    if source_id is None:
        primary = [source for source in with_text if source.role == "primary"] or with_text
        if not primary:
            raise NotFoundError("the knowledge base has no source with a text to show")
        return primary[0]
    source = kb.sources_by_id.get(source_id)
    if source is None:
        hint = closest_ids((item.id for item in with_text), source_id)
        raise NotFoundError(f"no source with id {source_id!r}{hint}")
    if source.text is None:
        known = ", ".join(item.id for item in with_text[:5])
        raise UsageError(f"source {source_id!r} has no text kzcn can show; sources with one: {known}, ...")
    return source


Span = tuple[int, int, int, Fact, str]
"""(start, end, paragraph, fact, quote): one quote of a fact where it stands in the source's stored text."""


def annotate(
    kb: KnowledgeBase,
    *,
    source_id: str | None = None,
    paragraphs: Iterable[int] = (),
    filters: Filters = NO_FILTERS,
    fact_id: str | None = None,
) -> Result:
    """The source's paragraphs with the quoted spans of the facts that pass the filters marked, and the same marks
    as stand-off records."""
    source = primary_text_source(kb, source_id)
    assert source.text is not None
    wanted_facts = filters.checked(kb)
    indexed = IndexedSource.of(source.text)
    wanted = set(paragraphs)
    for number in sorted(wanted):
        if not 1 <= number <= len(indexed.paragraphs):
            raise NotFoundError(f"source {source.id!r} has no paragraph {number}; it has {len(indexed.paragraphs)}")
    focus = _focus(kb, source, fact_id)
    spans = _spans(kb, source, indexed, wanted_facts)
    # A fact's number is its place in the whole text (by its first quote), whatever the filters show: "O19" is the
    # same fact in `article` and `article --kind opinion --paragraph 7` (issue 23).
    every = spans if wanted_facts == NO_FILTERS else _spans(kb, source, indexed, NO_FILTERS)
    refs: dict[str, int] = {}
    for _start, _end, _number, fact, _quote in sorted(every, key=lambda span: (span[0], span[1])):
        refs.setdefault(fact.id, len(refs) + 1)
    if focus is not None:
        wanted |= {quote.paragraph for quote in focus.quotes}
    blocks = []
    records = []
    for number, paragraph in enumerate(indexed.paragraphs, start=1):
        if wanted and number not in wanted:
            continue
        here = sorted((span for span in spans if span[2] == number), key=lambda span: (span[0], -span[1]))
        blocks.append(_block(kb, source.text, paragraph.start, paragraph.end, number, here, refs, focus))
        records += [
            _record(kb, source, fact, refs[fact.id], number, start, end, quote)
            for start, end, number, fact, quote in here
        ]
    legend = tuple((kind, KIND_TAGS[kind], KIND_MEANINGS[kind]) for kind in FACT_KINDS)
    title = f"{source.id}" + (f": {source.title}" if source.title else " (title unknown)")
    return Result(
        fields=ANNOTATION_FIELDS,
        records=tuple(records),
        title=title,
        empty_message="No quoted span matches."
        if every
        else "No fact quotes this text yet; its paragraphs are numbered (¶N) for the first quote.",
        document=Document(title, source.language, tuple(blocks), legend),
    )


def _focus(kb: KnowledgeBase, source: Source, fact_id: str | None) -> Fact | None:
    """The fact --fact names, which must quote the source shown; None without --fact."""
    if fact_id is None:
        return None
    focus = kb.facts_by_id.get(fact_id)
    if focus is None or focus.source != source.id:
        quoting = [fact.id for fact in kb.facts if fact.source == source.id]
        raise NotFoundError(f"no fact quoting {source.id!r} with id {fact_id!r}{closest_ids(quoting, fact_id)}")
    return focus


def _block(
    kb: KnowledgeBase,
    text: str,
    start: int,
    end: int,
    number: int,
    here: list[Span],
    refs: dict[str, int],
    focus: Fact | None,
) -> Block:
    """One paragraph (text[start:end]) with the marks of its spans, offsets counted from the paragraph's start, and
    a note for each fact marked, in the order of their numbers."""
    marks = tuple(
        Mark(span_start - start, span_end - start, refs[fact.id], fact.kind, fact is focus)
        for span_start, span_end, _number, fact, _quote in here
    )
    notes = {}
    for _start, _end, _number, fact, _quote in here:
        if fact.id not in notes:
            notes[fact.id] = Note(refs[fact.id], fact.id, fact.kind, _note_text(kb, fact))
    shown = with_lf_line_ends(text[start:end])
    return Block(number, shown, marks, tuple(sorted(notes.values(), key=lambda note: note.ref)))


def _spans(kb: KnowledgeBase, source: Source, indexed: IndexedSource, filters: Filters) -> list[Span]:
    """Every quote of the source that stands in it, of the facts that pass the filters, by fact."""
    found = []
    for fact in kb.facts:
        if fact.source != source.id or not filters.matches(fact, kb):
            continue
        for quote in fact.quotes:
            span = indexed.span_of(quote.text, quote.paragraph)
            if span is not None:
                found.append((span.start, span.end, quote.paragraph, fact, quote.text))
    return found


def _note_text(kb: KnowledgeBase, fact: Fact) -> str:
    verdict = verdict_of(fact, kb)
    return f"{fact.kind}, {says(fact)}{f'; verdict: {verdict}' if verdict else ''}. {fact.statement}"


def _record(
    kb: KnowledgeBase, source: Source, fact: Fact, ref: int, paragraph: int, start: int, end: int, quote: str
) -> dict[str, Any]:
    assert source.text is not None
    return {
        "source": source.id,
        "paragraph": paragraph,
        "start": start,
        "end": end,
        "fact": fact.id,
        "ref": ref,
        "kind": fact.kind,
        "modality": fact.modality,
        "says": says(fact),
        "verdict": verdict_of(fact, kb),
        "quote": quote,
        "text": source.text[start:end],
    }
