"""Coverage: which parts of the source texts no fact quotes, as a query over a loaded knowledge base."""

from __future__ import annotations

from dataclasses import dataclass

from kzcn.model import KnowledgeBase
from kzcn.result import WHOLE, Field, Result
from kzcn.text import IndexedSource, Span, sentences


@dataclass(frozen=True)
class UncoveredSentence:
    source: str
    """The source id."""
    paragraph: int
    """The 1-based paragraph."""
    text: str
    """The sentence as the source writes it."""


def uncovered_sentences(kb: KnowledgeBase) -> list[UncoveredSentence]:
    """The sentences of every source text that no fact quotes from, in source order."""
    quoted: dict[str, list[Span]] = {}
    # Coverage is of the claims of the primary sources; evidence pages are quoted only as far as they bear on them.
    indexed = {
        source.id: IndexedSource.of(source.text)
        for source in kb.sources
        if source.text is not None and source.role == "primary"
    }
    for fact in kb.facts:
        source = indexed.get(fact.source)
        if source is None:
            continue
        for quote in fact.quotes:
            span = source.span_of(quote.text, quote.paragraph)
            if span is not None:
                quoted.setdefault(fact.source, []).append(span)
    missing = []
    for source_id, source in indexed.items():
        spans = quoted.get(source_id, [])
        for number, paragraph in enumerate(source.paragraphs, start=1):
            for sentence in sentences(source.text, paragraph):
                if not any(span.start < sentence.end and sentence.start < span.end for span in spans):
                    text = " ".join(source.text[sentence.start : sentence.end].split())
                    missing.append(UncoveredSentence(source_id, number, text))
    return missing


COVERAGE_FIELDS = (
    Field("source", "Source", shape=WHOLE),
    Field("paragraph", "¶", shape=WHOLE),
    Field("sentence", "Sentence no fact quotes"),
)


def coverage(kb: KnowledgeBase) -> Result:
    """The sentences of the sources that no fact quotes from."""
    missing = uncovered_sentences(kb)
    return Result(
        fields=COVERAGE_FIELDS,
        records=tuple({"source": item.source, "paragraph": item.paragraph, "sentence": item.text} for item in missing),
        title="Sentences no fact quotes from",
        empty_message="Every sentence of every source text is quoted by at least one fact.",
    )
