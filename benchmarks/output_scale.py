"""How big outputs scale: `kzcn article` (or the fact sheet) rendered as a table and as HTML, for a generated source
of N sentences (coverage_scale.py's generator), rendering only. Standard library and kzcn only.

    python benchmarks/output_scale.py article 14000 68000 135000     # about 1, 5 and 10 MB of source text
    python benchmarks/output_scale.py report 14000 68000 135000      # the fact sheet of that knowledge base
    python benchmarks/output_scale.py coverage 14000 68000 135000    # check --coverage's table

Each output is rendered three times and its fastest time kept, with the garbage collector off as kzcn's command
line runs (kzcn.cli.main): a single timing of a fraction of a second on a shared machine varies by a fifth.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coverage_scale import generated

from kzcn.checks.coverage import coverage
from kzcn.queries.article import annotate
from kzcn.queries.filters import NO_FILTERS
from kzcn.queries.report import report
from kzcn.render import Format, render
from kzcn.render.options import RenderOptions


def main(argv: list[str]) -> None:
    what, sizes = argv[0], [int(arg) for arg in argv[1:]]
    for size in sizes:
        kb = generated(size)
        megabytes = len(kb.sources[0].text or "") / 1e6
        queries = {"article": annotate, "report": lambda kb: report(kb, NO_FILTERS), "coverage": coverage}
        result = queries[what](kb)
        seconds = {}
        for output in (Format.table, Format.html):
            times = []
            for _round in range(3):
                started = time.perf_counter()
                render(result, output, RenderOptions(width=100))
                times.append(time.perf_counter() - started)
            seconds[output.value] = min(times)
        print(
            f"{what}, {size:,} sentences ({megabytes:.2f} MB): table {seconds['table']:.2f} s, "
            f"HTML {seconds['html']:.2f} s, {seconds['table'] / seconds['html']:.1f}×"
        )


if __name__ == "__main__":
    gc.disable()
    main(sys.argv[1:] or ["article", "14000"])
