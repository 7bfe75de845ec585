"""Coverage: which runs of words of the source texts no fact quotes, and how much of each paragraph is quoted."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kzcn.errors import Problem
from kzcn.model.records import KnowledgeBase
from kzcn.model.result import WHOLE, Field, Result
from kzcn.model.text import IndexedSource, Span

FILLER = (
    ("at", "the", "same", "time"),
    ("after", "all"),
    ("by", "and", "large"),
    ("and",),
    ("but",),
    ("or",),
    ("so",),
    ("also",),
    ("etc",),
)
"""Connectives and filler that carry no claim of their own: a run of unquoted words made only of these (and
punctuation, which is never a word) is not reported, and does not count against its paragraph. Kept small on
purpose: a word such as "thanks" or "if" carries a claim (a cause, a condition) and must be quoted."""

_WORD = re.compile(r"\d+(?:[.,]\d+)*(?![^\W_])|[^\W_]+(?:['’][^\W_]+)*")
"""A word: a number as written ("1.3", "1,556"), or letters and digits with an apostrophe inside ("country’s");
hyphens and other punctuation separate words."""


@dataclass(frozen=True)
class UncoveredSpan:
    """A run of a paragraph's words that no quote covers."""

    source: str
    """The source id."""
    paragraph: int
    """The 1-based paragraph."""
    start: int
    """Offset of its first character in the source text."""
    end: int
    """Offset just past its last character."""
    text: str
    """The words as the source writes them, white space folded."""


@dataclass(frozen=True)
class ParagraphCoverage:
    """How much of one paragraph the quotes cover, in words."""

    source: str
    """The source id."""
    paragraph: int
    """The 1-based paragraph."""
    words: int
    """Its words, less those of filler runs no quote needs to cover."""
    covered: int
    """How many of them some quote covers."""
    uncovered: tuple[UncoveredSpan, ...]
    """The runs of words no quote covers, in order."""

    @property
    def percent(self) -> float:
        """The share of its words that quotes cover, 0 to 100 (100 for a paragraph of filler only)."""
        return 100.0 if self.words == 0 else 100.0 * self.covered / self.words


def _is_filler(words: list[str]) -> bool:
    """Whether the words are a sequence of FILLER phrases only."""
    at = 0
    while at < len(words):
        for phrase in FILLER:
            if tuple(words[at : at + len(phrase)]) == phrase:
                at += len(phrase)
                break
        else:
            return False
    return True


def _merged(spans: list[Span]) -> list[Span]:
    """The spans sorted and overlapping or touching ones joined: one sweep can then walk them beside the words."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda span: span.start):
        if merged and span.start <= merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return merged


def paragraph_coverage(kb: KnowledgeBase) -> list[ParagraphCoverage]:
    """For each paragraph of each source text, in order: how many of its words quotes cover, and the runs they miss.

    Near-linear: quotes are located once, their spans sorted and merged, then one sweep over the words (the
    sentence-by-sentence test against every quote it replaced took 152 s for 40,000 sentences)."""
    # Coverage is of the claims of the primary sources; evidence pages are quoted only as far as they bear on them.
    indexed = {
        source.id: IndexedSource.of(source.text)
        for source in kb.sources
        if source.text is not None and source.role == "primary"
    }
    quoted = _quoted_spans(kb, indexed)
    report = []
    for source_id, source in indexed.items():
        furniture = _merged(_furniture_spans(kb.sources_by_id[source_id].furniture, source))
        swept = _sweep(source, _merged(quoted[source_id]), furniture)
        for number, (words, covered, runs) in enumerate(swept, start=1):
            uncovered = []
            for run in runs:
                if _is_filler([word.group().lower() for word in run]):
                    words -= len(run)
                    continue
                start, end = run[0].start(), run[-1].end()
                text = " ".join(source.text[start:end].split())
                uncovered.append(UncoveredSpan(source_id, number, start, end, text))
            report.append(ParagraphCoverage(source_id, number, words, covered, tuple(uncovered)))
    return report


def _quoted_spans(kb: KnowledgeBase, indexed: dict[str, IndexedSource]) -> dict[str, list[Span]]:
    """For each source text, where the facts' quotes stand in it (a quote not found there is the check's to report)."""
    quoted: dict[str, list[Span]] = {source_id: [] for source_id in indexed}
    for fact in kb.facts:
        source = indexed.get(fact.source)
        if source is None:
            continue
        for quote in fact.quotes:
            span = source.span_of(quote.text, quote.paragraph)
            if span is not None:
                quoted[fact.source].append(span)
    return quoted


def _furniture_spans(furniture: tuple[str, ...], source: IndexedSource) -> list[Span]:
    """Where the source's declared furniture stands (a passage not found is the check's to report)."""
    spans = []
    for passage in furniture:
        found = source.find(passage, 1)
        span = source.span_of(passage, found[0]) if found else None
        if span is not None:
            spans.append(span)
    return spans


def _sweep(
    source: IndexedSource, spans: list[Span], furniture: list[Span]
) -> Iterator[tuple[int, int, list[list[re.Match[str]]]]]:
    """For each paragraph in order: its words, how many of them the merged spans cover, and the runs they miss;
    words of the page's furniture are not counted at all."""
    at = 0  # the first merged span that may still cover a word: words and spans are both in text order
    skip = 0
    for paragraph in source.paragraphs:
        words = covered = 0
        runs: list[list[re.Match[str]]] = []
        previous_covered = True
        for word in _WORD.finditer(source.text, paragraph.start, paragraph.end):
            while skip < len(furniture) and furniture[skip].end <= word.start():
                skip += 1
            if skip < len(furniture) and furniture[skip].start <= word.start():
                continue
            while at < len(spans) and spans[at].end <= word.start():
                at += 1
            is_covered = at < len(spans) and spans[at].start <= word.start()
            words += 1
            if is_covered:
                covered += 1
            elif previous_covered or not runs:
                runs.append([word])
            else:
                runs[-1].append(word)
            previous_covered = is_covered
        yield words, covered, runs


def claims_without_own_words(kb: KnowledgeBase) -> list[str]:
    """The claims of a primary source every one of whose quoted words another fact quotes too: deleting one would
    leave the coverage unchanged, so coverage could not notice that its claim went missing."""
    indexed = {
        source.id: IndexedSource.of(source.text)
        for source in kb.sources
        if source.text is not None and source.role == "primary"
    }
    quoting: dict[tuple[str, int], set[str]] = {}
    words_of: dict[str, list[tuple[str, int]]] = {}
    for fact in kb.facts:
        source = indexed.get(fact.source)
        if source is None:
            continue
        mine = words_of.setdefault(fact.id, [])
        for quote in fact.quotes:
            span = source.span_of(quote.text, quote.paragraph)
            if span is None:
                continue
            for word in _WORD.finditer(source.text, span.start, span.end):
                place = (fact.source, word.start())
                quoting.setdefault(place, set()).add(fact.id)
                mine.append(place)
    return [fact_id for fact_id, places in words_of.items() if places and all(len(quoting[p]) > 1 for p in places)]


def coverage_problems(kb: KnowledgeBase) -> list[Problem]:
    """What `check --coverage --strict` refuses: words of a primary source no fact quotes (filler aside), and
    claims coverage could not tell apart (claims_without_own_words)."""
    problems = [
        Problem(
            kb.path,
            f"source {item.source!r} paragraph {item.paragraph}: no fact quotes {span.text!r}; quote it in the fact "
            "that states its claim, or add a fact",
        )
        for item in paragraph_coverage(kb)
        for span in item.uncovered
    ]
    problems.extend(
        Problem(
            kb.path,
            f"fact {fact_id}: every word it quotes, another fact quotes too, so its claim would not be missed if it "
            "were deleted; quote the words of its own claim (a clause, not the whole sentence)",
        )
        for fact_id in claims_without_own_words(kb)
    )
    return problems


COVERAGE_FIELDS = (
    Field("source", "Source", shape=WHOLE),
    Field("paragraph", "¶", shape=WHOLE, json_type="integer"),
    Field("percent", "% quoted", shape=WHOLE, json_type="number"),
    Field("words", "Words", shape=WHOLE, json_type="integer"),
    Field("covered", "Words quoted", shape=WHOLE, json_type="integer"),
    Field("uncovered", "Words no fact quotes", missing="—", json_type="string[]"),
    Field("starts", "Starts (offsets in the text)", json_type="integer[]"),
    Field("ends", "Ends", json_type="integer[]"),
)


def coverage(kb: KnowledgeBase) -> Result:
    """Each paragraph of each source text: the share of its words that quotes cover, and the runs they miss."""
    report = paragraph_coverage(kb)
    records = tuple(
        {
            "source": item.source,
            "paragraph": item.paragraph,
            "percent": math.floor(item.percent * 10) / 10,  # down: 99.96 is not all of it
            "words": item.words,
            "covered": item.covered,
            "uncovered": [span.text for span in item.uncovered],
            "starts": [span.start for span in item.uncovered],
            "ends": [span.end for span in item.uncovered],
        }
        for item in report
    )
    return Result(
        fields=COVERAGE_FIELDS,
        table_fields=("source", "paragraph", "percent", "uncovered"),
        records=records,
        title="Words of the sources that facts quote",
        empty_message="No source has a text to quote from.",
        notes=(
            "Not counted: punctuation, runs made only of connectives that carry no claim ("
            + ", ".join(f"“{' '.join(phrase)}”" for phrase in FILLER)
            + "), and what a source declares as page furniture (`furniture:`, a view counter, say).",
        ),
    )
