"""Where a cold load of a large knowledge base spends its memory and time: the peak and current size of the
process after each step of kzcn.kb.load, and what the parse's positions weigh against its data. Linux only (it
reads /proc/self/statm); standard library and kzcn only.

    python benchmarks/generate.py --facts 150000 --seed 1 --out benchmarks/out/facts-150000.yaml
    python benchmarks/parse_memory.py benchmarks/out/facts-150000.yaml
    python benchmarks/parse_memory.py --positions benchmarks/out/facts-30000.yaml   # also weigh the positions

The steps are those of kzcn.kb.load's cold path, run one by one with the garbage collector off as kzcn runs them;
the cache entry is written to a temporary directory, never to the user's cache.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from typing import Any


def _step(name: str, started: float) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with open("/proc/self/statm", encoding="ascii") as statm:
        current = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    print(f"{name:<28} peak {peak:>7,.0f} MiB   held {current:>7,.0f} MiB   {time.perf_counter() - started:7.2f} s")


def _weights(loaded: Any) -> None:
    """What the positions' containers and numbers weigh, and the data's containers and values (each value counted
    once per reference: shared strings are counted more than once, so the data's figure is an upper bound)."""
    marks_bytes = sys.getsizeof(loaded.positions) + sum(sys.getsizeof(key) for key in loaded.positions)
    values = 0
    for marks in loaded.positions.values():
        marks_bytes += sys.getsizeof(marks)
        for stored in marks.values() if isinstance(marks, dict) else marks:
            marks_bytes += sys.getsizeof(stored)
            values += 1

    def size(value: Any) -> int:
        total = sys.getsizeof(value)
        if isinstance(value, dict):
            total += sum(size(key) + size(item) for key, item in value.items())
        elif isinstance(value, list):
            total += sum(size(item) for item in value)
        return total

    print(
        f"positions: {len(loaded.positions):,} containers, {values:,} values, {marks_bytes / 2**20:,.0f} MiB; "
        f"data: at most {size(loaded.data) / 2**20:,.0f} MiB"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("facts", help="a knowledge-base file (benchmarks/generate.py makes large ones)")
    parser.add_argument("--positions", action="store_true", help="also weigh the parse's positions and data")
    args = parser.parse_args(argv)
    gc.disable()
    from kzcn.checks.check import check
    from kzcn.kb import cache
    from kzcn.parse.files import read_bytes
    from kzcn.parse.schema import SchemaReader
    from kzcn.parse.utf8 import checked_utf8
    from kzcn.parse.yamlload import parse

    started = time.perf_counter()
    _step("start", started)
    raw = read_bytes(args.facts)
    _step("read the bytes", started)
    key, size = cache.cache_key(args.facts, raw), len(raw)
    document = checked_utf8(args.facts, raw)
    del raw
    _step("checked as UTF-8", started)
    loaded = parse(args.facts, document)
    del document
    _step("parsed", started)
    if args.positions:
        _weights(loaded)
    reader = SchemaReader(args.facts, loaded)
    kb = reader.read()
    _step("schema (the model)", started)
    assert kb is not None, reader.problems[:3]
    check(kb, reader.locator, reader.positions, set())
    _step("checked", started)
    del reader, loaded  # as kzcn.kb.load lets go of the parse before it writes the cache entry
    with tempfile.TemporaryDirectory() as home:
        os.environ["XDG_CACHE_HOME"] = home
        cache.store(key, kb, source_size=size)
        _step("cache entry written", started)


if __name__ == "__main__":
    main()
