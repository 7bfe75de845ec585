"""How `check --coverage` scales: a generated source of N sentences, nine in ten quoted by a fact; times the
coverage query and the check over the same knowledge base. Standard library and kzcn only.

    python benchmarks/coverage_scale.py 10000 20000 40000
"""

from __future__ import annotations

import sys
import time

from kzcn.checks.check import check
from kzcn.checks.coverage import coverage
from kzcn.model.records import Fact, KnowledgeBase, Quote, Source
from kzcn.model.text import fingerprint


class _NoLocator:
    def at(self, path: object) -> tuple[int, int, None]:
        return (1, 1, None)


def generated(sentences: int) -> KnowledgeBase:
    per_paragraph = 5
    paragraphs = []
    facts = []
    for start in range(0, sentences, per_paragraph):
        paragraph = []
        for number in range(start, min(start + per_paragraph, sentences)):
            sentence = f"At the same time, the corridor number {number} carried goods to city {number}."
            paragraph.append(sentence)
            if number % 10:
                quote = f"the corridor number {number} carried goods to city {number}."
                facts.append(
                    Fact(
                        id=f"claim-{number}", statement=f"Corridor {number} carried goods.", kind="event",
                        modality="asserted", topics=("transport",), entities=(), source="doc",
                        quotes=(Quote(len(paragraphs) + 1, quote),),
                    )
                )  # fmt: skip
        paragraphs.append(" ".join(paragraph))
    text = "\n\n".join(paragraphs)
    source = Source("doc", "article", None, None, None, None, "en", None, None, None, text, fingerprint(text))
    return KnowledgeBase(sources=(source,), facts=tuple(facts), path="generated")


def main() -> None:
    for size in [int(arg) for arg in sys.argv[1:]] or [10_000, 20_000, 40_000]:
        kb = generated(size)
        started = time.perf_counter()
        problems, _warnings = check(kb, _NoLocator())  # type: ignore[arg-type]
        checked = time.perf_counter() - started
        assert not problems, problems[:3]
        started = time.perf_counter()
        result = coverage(kb)
        covered = time.perf_counter() - started
        print(f"{size:>7,} sentences: check {checked:6.2f} s, coverage {covered:6.2f} s, {len(result.records)} records")


if __name__ == "__main__":
    main()
