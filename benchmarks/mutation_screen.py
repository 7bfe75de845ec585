"""Mutation score of kzcn's modules: mutants written from mutmut's mutators, keyed by their text, screened fast.

mutmut 3's own runner re-runs every covering test per mutant in a fresh fork: hours for the whole package on a
2-core machine, and its results are keyed by numbers that shift with every edit of a function. This script uses
mutmut's mutators only, and does the rest itself:

    python benchmarks/mutation_screen.py write OUT                 # every module of kzcn/ mutated, into OUT
    python benchmarks/mutation_screen.py screen OUT kzcn/model/derive.py [test files or folders]
    python benchmarks/mutation_screen.py all OUT [--sample N] [--seed S] [--jobs J]

`write` copies the checkout (kzcn/, tests/, facts.yaml, README.md, pyproject.toml) into OUT and replaces each module
with mutmut's version of it (trampolines switched by $MUTANT_UNDER_TEST). `screen` collects the chosen tests once
(default: the module's own exact tests in MODULE_TESTS, else the test folder that mirrors its part) and, per mutant,
runs them in a forked child until one fails (killed) or all pass (survived), with an alarm and a memory cap (a hang
or a runaway allocation counts as killed, as mutmut's timeouts do). `all` screens every module, `--sample N` at most N
mutants of each, drawn with the seed. Each run prints the survivors by key, then "module: killed/counted".

A mutant's key is its text, not mutmut's number: `function: original line -> mutated line` (" #2" and so on when one
function has the same change twice). Equivalent mutants (no input can tell them apart) are excused in
tests/equivalent_mutants/<module>.txt, one `key | reason` a line, or at the line itself with `# pragma: no mutate`
and the reason beside it; a listed key that a test kills, or that names no mutant, is reported.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any

_EXIT = os._exit
SECONDS_PER_MUTANT = 120
MEMORY_LIMIT = 4 * 1024**3

MODULE_TESTS = {
    "kzcn/model/derive.py": ["tests/model/test_derive_exact.py"],
    "kzcn/model/wording.py": ["tests/model/test_wording_exact.py"],
    "kzcn/queries/totals.py": ["tests/queries/test_totals_exact.py"],
    "kzcn/model/text.py": ["tests/model/test_text_exact.py"],
    "kzcn/model/records.py": ["tests/model/test_records_exact.py", "tests/model", "tests/cli"],
    "kzcn/model/result.py": ["tests/model/test_result_exact.py", "tests/render", "tests/cli"],
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
    "kzcn/render/options.py": ["tests/render/test_render_json_exact.py", "tests/render/test_conformance.py"],
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
    "kzcn/render/table.py": [
        "tests/render/test_table_exact.py",
        "tests/render/test_table_exact_words.py",
        "tests/render/test_plain_text.py",
    ],
    "kzcn/render/plain_text.py": ["tests/render/test_plain_text.py", "tests/render/test_table_exact.py"],
    "kzcn/render/html.py": ["tests/render/test_html_exact.py"],
    "kzcn/render/markdown.py": ["tests/render/test_markdown_exact.py"],
    "kzcn/queries/article.py": ["tests/queries/test_article.py"],
    "kzcn/queries/report.py": ["tests/queries/test_report.py", "tests/queries/test_report_filters.py"],
    "kzcn/queries/reviews.py": ["tests/queries/test_reviews.py"],
    "kzcn/queries/filters.py": ["tests/queries/test_filters.py", "tests/queries/test_query_exact.py"],
    "kzcn/queries/selection.py": ["tests/queries/test_report_filters.py", "tests/export/test_export_sqlite_filters.py"],
    "kzcn/export/sqlite.py": ["tests/export/test_export_sqlite.py", "tests/export/test_export_sqlite_filters.py"],
    "kzcn/export/sqlite_registry.py": ["tests/export/test_export_sqlite.py"],
    "kzcn/export/sqlite_tables.py": [
        "tests/export/test_export_sqlite.py",
        "tests/export/test_export_sqlite_filters.py",
    ],
    "kzcn/kb/load.py": ["tests/kb/test_load.py", "tests/kb/test_cache.py", "tests/parse/test_loader.py"],
    "kzcn/kb/warmup.py": ["tests/kb/test_warmup.py"],
    "kzcn/kb/scaffold.py": ["tests/kb/test_scaffold.py", "tests/cli/test_daily_use.py"],
    "kzcn/parse/yamlload.py": ["tests/parse/test_loader.py", "tests/parse/test_hostile_yaml.py"],
    # The CLI's modules and the two shared leaves: their own in-process tests first, then tests/cli (default_tests).
    "kzcn/cli/fast.py": ["tests/cli/test_fast.py"],
    "kzcn/cli/fast_spec.py": ["tests/cli/test_fast.py"],
    "kzcn/cli/registry.py": ["tests/cli/test_registry.py", "tests/cli/test_fast.py"],
    "kzcn/cli/typer_app.py": ["tests/cli/test_registry.py", "tests/cli/test_fast.py"],
    "kzcn/cli/declarations.py": ["tests/cli/test_registry.py", "tests/cli/test_fast.py"],
    "kzcn/__main__.py": ["tests/cli/test_entry.py"],
    "kzcn/cli/__init__.py": ["tests/cli/test_entry.py"],
    "kzcn/cli/status.py": ["tests/cli/test_entry.py"],
    "kzcn/cli/output.py": ["tests/cli/test_output.py"],
    "kzcn/cli/pager.py": ["tests/cli/test_pager_rules.py"],
    "kzcn/cli/completion.py": ["tests/cli/test_completion.py"],
    "kzcn/cli/completion_classes.py": ["tests/cli/test_completion.py"],
    "kzcn/errors.py": ["tests/cli/test_entry.py", "tests/model/test_wording_and_escape.py"],
    "kzcn/escape.py": ["tests/model/test_wording_and_escape.py"],
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
            # The function itself, bound at import: a test that replaces os._exit (tests/cli/test_entry.py does,
            # to see kzcn leave) may still have it replaced when its failure ends the run.
            _EXIT(code)
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


EQUIVALENTS = Path("tests/equivalent_mutants")
COPIED = ("kzcn", "tests", "facts.yaml", "README.md", "pyproject.toml")
GENERATED = " # type: ignore # mutmut generated"


def module_name(module_file: str) -> str:
    """kzcn/model/derive.py -> kzcn.model.derive; a package's __init__.py is the package."""
    return module_file.removesuffix(".py").replace("/", ".").removesuffix(".__init__")


def every_module() -> list[str]:
    """Every module of kzcn with code to mutate, in path order."""
    return sorted(path.as_posix() for path in Path("kzcn").rglob("*.py"))


LEFT_OUT_TESTS = (
    "tests/kb/test_properties.py",  # random knowledge bases: minutes per surviving mutant
    "tests/cli/test_completion_shells.py",  # real interactive shells
    "tests/cli/test_pager.py",  # a real pager in a pseudo-terminal
    "tests/project/test_browser.py",  # Chromium
    "tests/cli/test_startup_imports.py",  # a mutated module imports mutmut's trampoline, which the guard forbids
    # A completion in a subprocess of the mutated copy loads the knowledge base through trampolined code, slower than
    # the two seconds completion waits, and answers nothing: these fail before any mutant is switched on.
    "tests/cli/test_pipelines.py::test_completion_of_fact_ids",
    "tests/cli/test_pipelines.py::test_completion_of_topics_kinds_and_years",
    "tests/cli/test_pipelines.py::test_completion_for_zsh_and_fish",
)
"""Left out of the default selection: each costs far more per mutant than it adds to the exact tests, or cannot
pass on mutated code at all."""


CLI_IN_PROCESS = [
    "tests/cli/test_cli_explore.py",
    "tests/cli/test_cli_check.py",
    "tests/cli/test_filter_options.py",
    "tests/cli/test_cli_filtered_outputs.py",
]
"""The command-line tests that run kzcn in-process (CliRunner), after a CLI module's own."""


def default_tests(module_file: str) -> list[str]:
    """The module's own exact tests where MODULE_TESTS names them, else the test folder mirroring its part (the
    CLI's own for a module at the top, such as errors.py), without the slow tests."""
    part = Path(module_file).parts[1].removesuffix(".py")
    leave_out = [f"--deselect={slow}" if "::" in slow else f"--ignore={slow}" for slow in LEFT_OUT_TESTS]
    if module_file in MODULE_TESTS:
        own = MODULE_TESTS[module_file]
        # A module of the CLI, or a leaf at the top, is exercised by every command too: the in-process command
        # tests follow its own (those that start kzcn as a process cost minutes per surviving mutant here).
        return [*own, *CLI_IN_PROCESS] if part in ("cli", "__main__", "errors", "escape") else own
    folder = Path("tests") / part
    # The CLI's tests too: a command's output is where many a module's mistake shows (as realistic_bugs.py runs).
    chosen = [folder.as_posix(), "tests/cli"] if folder.is_dir() and part != "cli" else ["tests/cli"]
    return [*chosen, *leave_out]


def _function(mangled: str) -> str:
    """x_share -> share; xǁSchemaReaderǁread -> SchemaReader.read."""
    name = mangled.partition("__mutmut_")[0]
    if name.startswith("x\u01c1"):
        return ".".join(name[2:].split("\u01c1"))
    return name.removeprefix("x_")


def _changed_lines(mutated: Any, orig: str, mutant: str) -> str:
    import difflib

    lines = mutated.code.splitlines()

    def body(name: str) -> list[str]:
        span = mutated.line_span_by_function_name[name]
        # The def line carries the generated name (x_share__mutmut_3): without it, the lines are as written.
        return [
            re.sub(r"__mutmut_\w+", "", line.replace(GENERATED, "")).strip() for line in lines[span.start : span.end]
        ]

    before, after = body(orig), body(mutant)
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += before[i1:i2]
            added += after[j1:j2]
    # A mutant that deletes a line (an argument left out) has nothing on its right: say so, so the key keeps its end.
    return f"{' / '.join(removed) or '(nothing)'} -> {' / '.join(added) or '(nothing)'}"


def mutated(module_file: str) -> Any:
    """mutmut's mutated version of the module: its code with trampolines, and the names of its mutants."""
    from mutmut.mutation.file_mutation import mutate_file_contents

    return mutate_file_contents(module_file, Path(module_file).read_text(encoding="utf-8"))


def mutant_keys(module_file: str, mutated_file: Any = None) -> dict[str, str]:
    """Each mutant of the module (mutmut's name, e.g. x_share__mutmut_3) and its key, the change in words; from
    `mutated_file` when the caller has mutated the module already."""
    mutated_file = mutated_file or mutated(module_file)
    keys: dict[str, str] = {}
    seen: dict[str, int] = {}
    for name in mutated_file.mutant_names:
        orig = name.partition("__mutmut_")[0] + "__mutmut_orig"
        key = f"{_function(name)}: {_changed_lines(mutated_file, orig, name)}"
        seen[key] = seen.get(key, 0) + 1
        keys[name] = key if seen[key] == 1 else f"{key} #{seen[key]}"
    return keys


def write(out: Path, modules: list[str]) -> int:
    """A copy of the checkout in `out` with every module mutated, and each module's mutant keys beside it."""
    import json
    import shutil

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for item in COPIED:
        if Path(item).is_dir():
            shutil.copytree(item, out / item, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(item, out / item)
    index: dict[str, dict[str, str]] = {}
    for module_file in modules:
        mutated_file = mutated(module_file)  # once: the keys are read from the same mutated file
        if mutated_file.mutant_names:
            (out / module_file).write_text(mutated_file.code, encoding="utf-8")
        index[module_file] = mutant_keys(module_file, mutated_file)
    (out / "mutant-keys.json").write_text(json.dumps(index, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"{sum(map(len, index.values()))} mutants of {len(modules)} modules written to {out}")
    return 0


def equivalents(module_file: str) -> dict[str, str]:
    """The keys excused as equivalent for the module, with their reasons."""
    listed = EQUIVALENTS / f"{module_name(module_file)}.txt"
    if not listed.exists():
        return {}
    rows = [line.rsplit(" | ", 1) for line in listed.read_text(encoding="utf-8").splitlines() if " | " in line]
    return {key.strip(): reason.strip() for key, reason in rows}


def screen(out: Path, module_file: str, tests: list[str], sample: int | None, seed: int) -> int:
    """One module's mutants against its tests, run inside `out`; prints the survivors and the score."""
    import json
    import random

    os.chdir(out)
    sys.path.insert(0, str(out))
    os.environ["PYTHONPATH"] = str(out)
    import pytest

    import kzcn

    if not kzcn.__file__ or not kzcn.__file__.startswith(str(out)):
        print(f"kzcn comes from {kzcn.__file__}, not from {out}")
        return 2
    keys: dict[str, str] = json.loads(Path("mutant-keys.json").read_text(encoding="utf-8"))[module_file]
    module = module_name(module_file)
    listed = equivalents(module_file)
    by_key = {key: f"{module}.{name}" for name, key in keys.items()}
    unknown = sorted(key for key in listed if key not in by_key)
    candidates = [by_key[key] for key in by_key if key not in listed]
    if sample is not None and len(candidates) > sample:
        candidates = sorted(random.Random(f"{seed}:{module_file}").sample(candidates, sample))
    checked = candidates + [by_key[key] for key in listed if key in by_key]
    results: dict[str, str] = {}
    started = time.monotonic()
    pytest.main(["-q", "-p", "no:cacheprovider", "--no-header", *tests], plugins=[_Screen(checked, results)])
    if "<clean run>" in results:
        print(results["<clean run>"])
        return 1
    key_of = {f"{module}.{name}": key for name, key in keys.items()}
    survived = [name for name in candidates if results.get(name) == "survived"]
    for name in survived:
        print(f"survived: {module_file}: {key_of[name]}")
    for key in sorted(key for key in listed if key in by_key and results.get(by_key[key]) == "killed"):
        print(f"listed as equivalent but killed: {module_file}: {key}")
    for key in unknown:
        print(f"listed as equivalent but no such mutant: {module_file}: {key}")
    if len(results) < len(checked):
        print(f"{len(checked) - len(results)} mutants were not run (the screen stopped early): no score")
        return 1
    killed = len(candidates) - len(survived)
    score = 100 * killed / len(candidates) if candidates else 100.0
    drawn = f" (a sample of {len(candidates)})" if sample is not None and len(candidates) == sample else ""
    print(
        f"{module_file}: {killed}/{len(candidates)} non-equivalent mutants killed ({score:.1f}%){drawn}, "
        f"{len(listed) - len(unknown)} equivalent, {len(keys)} mutants, {time.monotonic() - started:.0f} s"
    )
    return 0


def run_all(out: Path, sample: int | None, seed: int, jobs: int) -> int:
    """Every module with mutants, each in its own process, `jobs` at a time; their summary lines, then the total."""
    import json
    import subprocess
    from concurrent.futures import ThreadPoolExecutor

    index: dict[str, dict[str, str]] = json.loads((out / "mutant-keys.json").read_text(encoding="utf-8"))
    modules = [module for module, keys in index.items() if keys]

    def one(module_file: str) -> str:
        command = [sys.executable, __file__, "screen", str(out), module_file]  # the screen picks its default tests
        if sample is not None:
            command += ["--sample", str(sample), "--seed", str(seed)]
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout

    killed = counted = 0
    with ThreadPoolExecutor(jobs) as pool:
        for output in pool.map(one, modules):  # in module order, each printed as soon as it and those before are done
            for line in output.splitlines():
                if (
                    line.startswith(("survived:", "listed as", "kzcn/"))
                    or "no score" in line
                    or "fails without" in line
                ):
                    print(line, flush=True)
                score = re.match(r"kzcn/\S+: (\d+)/(\d+) ", line)
                if score:
                    killed, counted = killed + int(score[1]), counted + int(score[2])
    if counted:
        print(f"all modules: {killed}/{counted} non-equivalent mutants killed ({100 * killed / counted:.1f}%)")
    return 0


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    written = verbs.add_parser("write", help="mutate every module (or those named) into a copy of the checkout")
    written.add_argument("out", type=Path)
    written.add_argument("modules", nargs="*")
    for name in ("screen", "all"):
        verb = verbs.add_parser(name)
        verb.add_argument("out", type=Path)
        if name == "screen":
            verb.add_argument("module")
            verb.add_argument("tests", nargs="*")
        else:
            verb.add_argument("--jobs", type=int, default=2)
        verb.add_argument("--sample", type=int, help="at most this many mutants of a module, drawn with the seed")
        verb.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.verb == "write":
        return write(args.out.resolve(), args.modules or every_module())
    if args.verb == "screen":
        # Test paths, and pytest options such as --ignore=PATH after `--`.
        tests = args.tests or default_tests(args.module)
        return screen(args.out.resolve(), args.module, tests, args.sample, args.seed)
    return run_all(args.out.resolve(), args.sample, args.seed, args.jobs)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
