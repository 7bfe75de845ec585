"""Time the closest-passage search alone: misquotes of the shipped article's shortest-but-typical and longest quotes
(30 % and 50 % of their words changed) against the article repeated 64 times (262 KB). Run with kzcn's interpreter;
PYTHONPATH=DIR runs another version of kzcn (e.g. one unpacked with `git archive COMMIT kzcn | tar -x -C DIR`).

    python benchmarks/closest_probe.py
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import yaml

import kzcn
from kzcn.model.text import IndexedSource

base = yaml.safe_load((Path(__file__).resolve().parent.parent / "facts.yaml").read_text(encoding="utf-8"))
article = base["sources"][0]["text"]
quotes = sorted((q["text"] for f in base["facts"] if f["source"] == "article" for q in f["quotes"]), key=len)
rnd = random.Random(1)


def misquoted(text: str, share: float) -> str:
    return " ".join(word if rnd.random() > share else "zzz" for word in text.split())


print(f"kzcn from {Path(kzcn.__file__).parent}")
source = IndexedSource.of("\n\n".join([article] * 64))
for share in (0.3, 0.5):
    for quote in (quotes[len(quotes) // 2], quotes[-1]):
        start = time.perf_counter()
        paragraph, _passage, similarity = source.closest(misquoted(quote, share))
        seconds = time.perf_counter() - start
        print(f"{share:.0%} of {len(quote)} characters: {seconds:.2f} s, paragraph {paragraph}, {similarity:.0%}")
