"""Mutation score of one kzcn module against chosen test files: every mutmut mutant, tests collected once.

mutmut 3 writes each module's mutants into mutants/ (trampolines switched by $MUTANT_UNDER_TEST); its own runner
re-runs every covering test per mutant in a fresh fork, hours for 8,000 mutants on a 2-core machine. This screen
collects the chosen test files once and, per mutant, runs them in order until one fails (killed) or all pass
(survived), with a per-mutant alarm (a hang counts as killed, as mutmut's timeouts do). Usage, from the checkout:

    mutmut run --max-children 1 || true      # only to write mutants/; stop it (Ctrl-C) once "Running stats" shows
    python benchmarks/mutation_screen.py mutants kzcn/model/derive.py tests/model/test_derive_exact.py [more test files]
    python benchmarks/mutation_screen.py mutants --all        # every module below with its own tests, 2 at a time

It prints one line per mutant that survives, then "module: killed/mutants, equivalent, score"; mutants listed in
tests/equivalent_mutants/<module file's stem>.txt (name | change | reason) are left out of the score, and one
listed there that a test kills is reported (the list is wrong).
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any

SECONDS_PER_MUTANT = 120
MEMORY_LIMIT = 4 * 1024**3

MODULE_TESTS = {
    "kzcn/model/derive.py": ["tests/model/test_derive_exact.py"],
    "kzcn/model/wording.py": ["tests/model/test_wording_exact.py"],
    "kzcn/queries/totals.py": ["tests/queries/test_totals_exact.py"],
    "kzcn/model/text.py": ["tests/model/test_text_exact.py"],
    "kzcn/checks/check.py": ["tests/checks/test_check_exact.py"],
    "kzcn/checks/meaning.py": ["tests/checks/test_meaning_exact.py"],
    "kzcn/checks/reviews.py": ["tests/checks/test_review_check_exact.py"],
    "kzcn/queries/facts.py": ["tests/queries/test_query_exact.py"],
    "kzcn/queries/overview.py": ["tests/queries/test_overview_exact.py"],
    "kzcn/queries/figures.py": ["tests/queries/test_figures_exact.py"],
    "kzcn/parse/schema.py": ["tests/parse/test_schema_exact.py", "tests/parse/test_schema_exact_records.py"],
    "kzcn/parse/yamlfields.py": ["tests/parse/test_yamlfields_exact.py"],
    "kzcn/parse/review_schema.py": ["tests/parse/test_review_schema_exact.py"],
    "kzcn/kb/cache.py": ["tests/kb/test_cache_exact.py"],
    "kzcn/kb/cache_format.py": ["tests/kb/test_cache_format_exact.py"],
    "kzcn/render/__init__.py": ["tests/render/test_render_json_exact.py"],
    "kzcn/render/json_format.py": [
        "tests/render/test_render_json_exact.py",
        "tests/render/test_render_document_exact.py",
    ],
    "kzcn/render/delimited.py": ["tests/render/test_render_delimited_exact.py"],
    "kzcn/render/document.py": ["tests/render/test_render_document_exact.py"],
    "kzcn/render/reading.py": [
        "tests/render/test_render_reading_exact.py",
        "tests/render/test_render_document_exact.py",
    ],
    "kzcn/render/table.py": ["tests/render/test_table_exact.py", "tests/render/test_table_exact_words.py"],
    "kzcn/render/html.py": ["tests/render/test_html_exact.py"],
    "kzcn/render/markdown.py": ["tests/render/test_markdown_exact.py"],
}
"""Each measured module and the tests that measure it: its own exact-content tests (the rest of the suite kills more,
at a cost no 2-core machine can pay per mutant)."""


class _Screen:
    """A pytest plugin that takes over the run loop: the clean run first, then one run per mutant."""

    def __init__(self, names: list[str], results: dict[str, str]) -> None:
        self.names = names
        self.results = results

    @staticmethod
    def _run_mutant(name: str, first_failure: Any) -> int:
        """The tests under one mutant in a child process (the collected tests are shared, copy-on-write): 0 when
        they all pass. A mutant that hangs meets an alarm and one that allocates without end meets a memory cap,
        and either only ends its own child (mutmut counts such mutants as caught, and so does this)."""
        pid = os.fork()
        if pid == 0:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
            signal.alarm(SECONDS_PER_MUTANT)
            os.environ["MUTANT_UNDER_TEST"] = name
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            try:
                code = 0 if first_failure() is None else 1
            except BaseException:
                code = 1
            os._exit(code)
        _pid, status = os.waitpid(pid, 0)
        return 0 if os.waitstatus_to_exitcode(status) == 0 else 1

    def pytest_runtestloop(self, session: Any) -> bool:
        from _pytest.runner import runtestprotocol

        def first_failure() -> str | None:
            for item in session.items:
                for report in runtestprotocol(item, nextitem=None, log=False):
                    if report.failed:
                        return str(item.nodeid)
            return None

        os.environ["MUTANT_UNDER_TEST"] = ""
        failing = first_failure()
        if failing is not None:
            self.results["<clean run>"] = f"fails without a mutant: {failing}"
            return True
        for name in self.names:
            self.results[name] = "survived" if self._run_mutant(name, first_failure) == 0 else "killed"
        os.environ["MUTANT_UNDER_TEST"] = ""
        return True


def mutant_names(mutants: Path, module_file: str) -> list[str]:
    """Every mutant mutmut wrote for the module: kzcn.model.derive.x__share__mutmut_3 and so on."""
    module = module_file.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
    text = (mutants / module_file).read_text(encoding="utf-8")
    return [f"{module}.{name}" for name in re.findall(r"^\s*def (x\S*?__mutmut_\d+)\(", text, flags=re.M)]


def equivalents(module_file: str) -> set[str]:
    listed = Path("tests/equivalent_mutants") / f"{Path(module_file).stem}.txt"
    if not listed.exists():
        return set()
    return {line.split("|")[0].strip() for line in listed.read_text(encoding="utf-8").splitlines() if "|" in line}


def run_all(mutants: str, jobs: int = 2) -> int:
    """Every module of MODULE_TESTS, each in its own process, `jobs` at a time; their summary lines at the end."""
    import subprocess
    from concurrent.futures import ThreadPoolExecutor

    def one(module_file: str) -> str:
        command = [sys.executable, __file__, mutants, module_file, *MODULE_TESTS[module_file]]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        return done.stdout

    with ThreadPoolExecutor(jobs) as pool:
        outputs = list(pool.map(one, MODULE_TESTS))
    for output in outputs:
        print("\n".join(line for line in output.splitlines() if not line.startswith((".", " ")) and line))
    return 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[1] == "--all":
        return run_all(argv[0])
    if len(argv) < 3:
        print(__doc__)
        return 2
    mutants, module_file, tests = Path(argv[0]).resolve(), argv[1], argv[2:]
    sys.path.insert(0, str(mutants))
    os.environ["PYTHONPATH"] = str(mutants)
    import pytest

    import kzcn

    if not kzcn.__file__ or not kzcn.__file__.startswith(str(mutants)):
        print(f"kzcn comes from {kzcn.__file__}, not from {mutants}")
        return 2
    names = mutant_names(mutants, module_file)
    results: dict[str, str] = {}
    started = time.monotonic()
    pytest.main(["-q", "-p", "no:cacheprovider", "--no-header", *tests], plugins=[_Screen(names, results)])
    if "<clean run>" in results:
        print(results["<clean run>"])
        return 1
    listed = equivalents(module_file)
    wrongly_listed = sorted(name for name in listed if results.get(name) == "killed")
    unknown = sorted(name for name in listed if name not in results)
    survived = sorted(name for name, verdict in results.items() if verdict == "survived" and name not in listed)
    for name in survived:
        print(f"survived: {name}")
    for name in wrongly_listed:
        print(f"listed as equivalent but killed: {name}")
    for name in unknown:
        print(f"listed as equivalent but no such mutant: {name}")
    not_run = [name for name in names if name not in results]
    if not_run:
        print(f"{len(not_run)} mutants were not run (the screen stopped early): no score")
        return 1
    counted = len(names) - len(listed & set(results))
    killed = counted - len(survived)
    score = 100 * killed / counted if counted else 100.0
    print(
        f"{module_file}: {killed}/{counted} non-equivalent mutants killed ({score:.1f}%), "
        f"{len(listed & set(results))} equivalent, {len(names)} mutants, {time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
