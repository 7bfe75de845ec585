"""What checking a cache entry's seal costs beside a whole warm load, for a generated knowledge base of N facts
(generate.py), in one process, medians of R rounds. Standard library and kzcn only.

    python benchmarks/cache_seal.py 30000            # N facts, 7 rounds
    python benchmarks/cache_seal.py 1000 30000 --rounds 9

The seal check is what a warm run does beyond reading and decoding an entry: trust the directory (stat), read the
secret (one 32-byte file), and compute a keyed BLAKE2b over the entry. For comparison it also times re-verifying
every quote against its source text (`fold(quote) in fold(paragraph)`), which the seal makes unnecessary.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def median_ms(action: Callable[[], object], rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int, help="knowledge-base sizes in facts")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kzcn-seal-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")

    gc.disable()  # as kzcn runs a load
    for size in args.sizes:
        measure(work, size, args.rounds)


def measure(work: Path, size: int, rounds: int) -> None:
    """Prints the warm load, the seal check and a quote re-verification at one size."""
    from kzcn.kb import cache
    from kzcn.kb.load import load_knowledge_base
    from kzcn.model.text import fold, paragraphs

    path = work / f"facts-{size}.yaml"
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), "--facts", str(size), "--seed", "1", "--out", str(path)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    kb = load_knowledge_base(str(path))  # the cold run: parses, checks and stores the entry
    raw = path.read_bytes()
    key = cache.cache_key(str(path), raw)
    directory = cache.trusted_cache_dir()
    assert directory is not None
    entry = Path(directory) / f"{key}{cache.SUFFIX}"
    data = entry.read_bytes()
    body = memoryview(data)[len(cache.FORMAT) + 1 + cache.SEAL_BYTES :]

    def seal_check() -> bool:
        trusted = cache.trusted_cache_dir()
        secret = cache.read_secret(trusted or "")
        assert secret is not None
        return cache.seal(secret, key, body) == data[len(cache.FORMAT) + 1 : len(cache.FORMAT) + 1 + cache.SEAL_BYTES]

    def reverify_quotes() -> bool:
        folded = {}
        for source in kb.sources:
            if source.text is not None:
                folded[source.id] = [fold(source.text[span.start : span.end]) for span in paragraphs(source.text)]
        return all(
            fold(quote.text) in folded[fact.source][quote.paragraph - 1] for fact in kb.facts for quote in fact.quotes
        )

    assert seal_check() and reverify_quotes()
    warm = median_ms(lambda: load_knowledge_base(str(path)), rounds)
    sealing = median_ms(seal_check, rounds)
    quotes = median_ms(reverify_quotes, rounds)
    print(
        f"{size:,} facts ({len(raw) / 2**20:.1f} MiB file, {len(data) / 2**20:.1f} MiB entry): "
        f"warm load {warm:.1f} ms; seal check {sealing:.1f} ms ({sealing / warm:.1%} of it); "
        f"re-verifying {sum(len(fact.quotes) for fact in kb.facts):,} quotes instead {quotes:.1f} ms "
        f"({quotes / warm:.1%})"
    )


if __name__ == "__main__":
    main()
