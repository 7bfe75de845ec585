"""How the fact-check page scales with the knowledge base (issue 24: linear in its size): the shipped facts repeated
to N facts (generate.py, reviews and evidence with them), then `kzcn report` built and rendered as HTML, in process,
the best of three runs. Standard library, PyYAML and kzcn only.

    python benchmarks/report_scale.py 1000 2000 4000
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import DEFAULT_SOURCE, generate, to_yaml

from kzcn.kb.load import load_knowledge_base
from kzcn.queries.filters import NO_FILTERS
from kzcn.queries.report import report
from kzcn.render import Format, render
from kzcn.render.options import RenderOptions


def main(argv: list[str]) -> None:
    base = yaml.safe_load(DEFAULT_SOURCE.read_text(encoding="utf-8"))
    print(f"{'facts':>7} {'reviews':>8} {'cards':>6} {'ms':>8} {'µs/fact':>8} {'kB':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(arg) for arg in argv):
            path = Path(folder) / f"facts-{size}.yaml"
            path.write_text(to_yaml(generate(base, size, seed=1)), encoding="utf-8")
            kb = load_knowledge_base(str(path), use_cache=False)
            best, page, cards = float("inf"), "", 0
            for _ in range(3):
                start = time.perf_counter()
                sheet = report(kb, NO_FILTERS)
                page = render(sheet, Format.html, RenderOptions())
                best = min(best, time.perf_counter() - start)
                cards = sum(len(section.cards) for section in sheet.sections)
            print(
                f"{size:>7} {len(kb.reviews):>8} {cards:>6} {best * 1000:>8.0f} {best * 1e6 / size:>8.0f} "
                f"{len(page) // 1000:>7}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
