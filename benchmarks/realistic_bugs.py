"""Realistic bugs, written by hand, and a runner that applies each one and says which test catches it.

A mutation score measures how well the tests catch the edits a mutation tool makes; these are the edits a tired
developer makes: a boolean the wrong way round, a boundary off by one, AND for OR, the wrong field, arguments
swapped, a case fold or an escape left out, an error path dropped. Each bug is data (the file, the exact text it
changes, which must stand there exactly once, and its replacement); tests/project/test_realistic_bugs.py keeps that
true as the code changes. The runner copies the checkout to a temporary directory once (one copy per job, two by
default), then for each bug patches a copy, runs pytest there (-x: the first failing test is the one that caught
it), and restores the file:

    .venv/bin/python benchmarks/realistic_bugs.py                     # every bug; exit 1 if one survives
    .venv/bin/python benchmarks/realistic_bugs.py --list              # the bugs, one line each
    .venv/bin/python benchmarks/realistic_bugs.py meaning-cue-word-edge export-file-mode
    .venv/bin/python benchmarks/realistic_bugs.py meaning-cue-word-edge --tests tests/checks  # ids before --tests

A bug's tests are, by default, the test folder that mirrors its part of kzcn (tests/checks for kzcn/checks/...),
then tests/cli. The copy comes first on PYTHONPATH, so the tests that run `python -m kzcn` in a subprocess run the
patched code too (the runner checks that before any bug, by breaking the copy's kzcn/__main__.py on purpose). Every
test that caught a bug is then run once more on the unpatched copy: a test that fails without any bug would credit
itself with every bug, so that exits 1 too. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

COPIED = ("kzcn", "tests", "benchmarks", ".ci", "facts.yaml", "pyproject.toml", "README.md")
"""What the tests read: the package, the tests, the shipped knowledge base and the files the project tests check."""

SECONDS_PER_BUG = 300
"""A run that takes longer is stopped and the bug counted as caught (a hang is no silent success), with its cause."""

CLI_TESTS = (
    # Fastest first: with -x a bug stops at its first failing test, and the slowest files hold few first failures.
    "tests/cli/test_cli_check.py",
    "tests/cli/test_cli_explore.py",
    "tests/cli/test_daily_use.py",
    "tests/cli/test_hostile_inputs.py",
    "tests/cli/test_pager.py",
    "tests/cli/test_completion_shells.py",
    "tests/cli/test_environments.py",
    "tests/cli/test_pipelines.py",
)
"""The command-line tests, which every bug meets after its own part's tests."""

PART_TESTS = {
    "kzcn/escape.py": ("tests/model", "tests/render"),
    "kzcn/errors.py": ("tests/parse",),
}
"""The tests of the modules outside the subpackages (shared leaves), which no folder mirrors."""


@dataclass(frozen=True)
class Bug:
    """One realistic bug: a small edit to one file of kzcn."""

    id: str
    """A short kebab-case name, given on the command line to run only it."""
    path: str
    """The file it edits, relative to the repository."""
    original: str
    """The exact text it replaces; it must stand in the file exactly once."""
    replacement: str
    """What it writes instead."""
    category: str
    """The kind of mistake: wrong boolean, off-by-one, and/or, wrong field, swapped arguments, ..."""
    effect: str
    """What a user would see, in one line."""

    def tests(self) -> tuple[str, ...]:
        """The default test selection: the folder mirroring the bug's part, then the command-line tests."""
        parts = Path(self.path).parts
        own = PART_TESTS.get(self.path) or (f"tests/{parts[1]}",)
        return (*own, *(test for test in CLI_TESTS if not any(test.startswith(folder) for folder in own)))


BUGS: tuple[Bug, ...] = (
    # -- kzcn/model ------------------------------------------------------------------------------------------------
    Bug(
        "text-fold-dropped",
        "kzcn/model/text.py",
        'return " ".join((text if text.isascii() else text.translate(_FOLD)).split())',
        'return " ".join(text.split())',
        "missing case fold",
        "a quote copied with the article's curly quotes or dashes is reported as not verbatim",
    ),
    Bug(
        "text-span-last-paragraph",
        "kzcn/model/text.py",
        "        if not 0 < paragraph <= len(self.paragraphs):\n            return None",
        "        if not 0 < paragraph < len(self.paragraphs):\n            return None",
        "off-by-one",
        "quotes in the source's last paragraph are not marked by `kzcn article` and have no offsets in SQLite",
    ),
    Bug(
        "text-span-end",
        "kzcn/model/text.py",
        "base + offsets[at + len(needle) - 1] + 1)",
        "base + offsets[at + len(needle) - 1])",
        "off-by-one",
        "every marked quote loses its last character",
    ),
    Bug(
        "text-thousands-groups",
        "kzcn/model/numbers.py",
        "if all(len(group) == 3 for group in groups[1:]):",
        "if all(len(group) == 3 for group in groups):",
        "off-by-one",
        'an amount written "1,556" in a quote is not found (only "123,456" still reads as thousands)',
    ),
    Bug(
        "text-decimal-comma",
        "kzcn/model/numbers.py",
        'not ("," in token and len(groups[1]) == 3)',
        'not ("." in token and len(groups[1]) == 3)',
        "wrong field",
        '"1,300" also reads as 1.3 and "1.300" no longer does',
    ),
    Bug(
        "wording-leading-zero",
        "kzcn/model/wording.py",
        'text = text.rjust(-exponent + 1, "0")',
        'text = text.rjust(-exponent, "0")',
        "off-by-one",
        'an amount below one reads ".5 billion" instead of "0.5 billion"',
    ),
    Bug(
        "wording-bound-rounding",
        "kzcn/model/wording.py",
        'if value < 0 and towards != "half-up":',
        'if value > 0 and towards != "half-up":',
        "wrong comparison",
        "a computed bound is rounded away from its bound: more than 43.36 % reads more than 43.4 %",
    ),
    Bug(
        "derive-scale-inverted",
        "kzcn/model/derive.py",
        "return item.amount * Decimal(SCALES[item.scale]) / Decimal(SCALES[scale])",
        "return item.amount * Decimal(SCALES[scale]) / Decimal(SCALES[item.scale])",
        "wrong unit/scale",
        "a share of $500 million in $2 billion is computed with the scales inverted",
    ),
    Bug(
        "derive-bound-direction",
        "kzcn/model/derive.py",
        "directions.add(moved_value > value)",
        "directions.add(moved_value < value)",
        "wrong comparison",
        'a share of "more than $3 billion" reads as more than, not less than, the share of $3 billion',
    ),
    Bug(
        "derive-growth-same-year",
        "kzcn/model/derive.py",
        "if years <= 0:",
        "if years < 0:",
        "off-by-one",
        "growth between two figures of one year fails with a bare DivisionByZero instead of saying why",
    ),
    Bug(
        "derive-year-earliest",
        "kzcn/model/derive.py",
        "year=max(years) if years else None,",
        "year=min(years) if years else None,",
        "wrong field",
        "a change from 2017 to 2020 is listed under 2017",
    ),
    # -- kzcn/parse ------------------------------------------------------------------------------------------------
    Bug(
        "yaml-depth-limit",
        "kzcn/parse/yamlload.py",
        "if depth >= MAX_DEPTH:",
        "if depth > MAX_DEPTH:",
        "off-by-one",
        "a document nested one level deeper than the documented limit is read",
    ),
    Bug(
        "yaml-problem-cap",
        "kzcn/parse/yamlload.py",
        "if len(problems) <= MAX_PROBLEMS:",
        "if len(problems) < MAX_PROBLEMS:",
        "off-by-one",
        'exactly 50 problems end with a line "... and 0 more problems"',
    ),
    Bug(
        "yaml-bom-strip",
        "kzcn/parse/utf8.py",
        'start = 3 if raw.startswith(b"\\xef\\xbb\\xbf") else 0',
        'start = 2 if raw.startswith(b"\\xef\\xbb\\xbf") else 0',
        "off-by-one",
        "a file saved with a UTF-8 byte-order mark is refused as invalid UTF-8",
    ),
    Bug(
        "yaml-utf8-column",
        "kzcn/parse/utf8.py",
        'column = error.start - (raw.rfind(b"\\n", 0, error.start) + 1) + 1',
        'column = error.start - (raw.rfind(b"\\n", 0, error.start) + 1)',
        "off-by-one",
        "an invalid UTF-8 byte is reported one column to the left of where it is",
    ),
    Bug(
        "fields-boolean-integer",
        "kzcn/parse/yamlfields.py",
        "if isinstance(value, bool) or not isinstance(value, int):",
        "if not isinstance(value, int):",
        "missing case",
        "`paragraph: true` is read as paragraph 1 instead of being reported",
    ),
    Bug(
        "fields-range-high",
        "kzcn/parse/yamlfields.py",
        "if not low <= value <= high:",
        "if not low <= value < high:",
        "off-by-one",
        "the year 9999, inside the documented range, is refused",
    ),
    Bug(
        "fields-id-anchor",
        "kzcn/parse/yamlfields.py",
        r'ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")',
        r'ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")',
        "wrong anchor",
        "an id written as a block scalar keeps its final line break and is accepted",
    ),
    Bug(
        "schema-qualifier-default",
        "kzcn/parse/schema.py",
        'if "qualifier" in value else "exact"',
        'if "qualifier" in value else "about"',
        "wrong default",
        "a quantity without a qualifier reads as approximate",
    ),
    Bug(
        "schema-relation-swapped",
        "kzcn/parse/schema.py",
        "Relation(relation_id, kind, str(ends[0]), str(ends[1]), reason)",
        "Relation(relation_id, kind, str(ends[1]), str(ends[0]), reason)",
        "swapped arguments",
        "every part-of relation is checked the wrong way round: the whole is reported larger than the part",
    ),
    Bug(
        "schema-quotes-not-required",
        "kzcn/parse/schema.py",
        '_FACT_REQUIRED = {"id", "statement", "kind", "modality", "topics", "entities", "source", "quotes"}',
        '_FACT_REQUIRED = {"id", "statement", "kind", "modality", "topics", "entities", "source"}',
        "dropped error path",
        "a fact with no quotes at all passes the check: nothing traces it to its source",
    ),
    # -- kzcn/checks -----------------------------------------------------------------------------------------------
    Bug(
        "two-processes-join-swapped",
        "kzcn/checks/two_processes.py",
        "checker.problems += (odd if index % 2 else even)[index // 2]",
        "checker.problems += (even if index % 2 else odd)[index // 2]",
        "swapped arguments",
        "the child's and the parent's problems are joined to each other's facts: problems listed out of order",
    ),
    Bug(
        "two-processes-budget-kept",
        "kzcn/checks/two_processes.py",
        "checker.closest_until += time.monotonic() - before.started",
        "checker.closest_until -= time.monotonic() - before.started",
        "sign",
        "the seconds two processes spent are taken from the closest-passage budget again, not given back",
    ),
    Bug(
        "meaning-cue-word-edge",
        "kzcn/checks/meaning.py",
        'if before.endswith(" " + cue):',
        "if before.endswith(cue):",
        "word boundary",
        '"moreover 10" is taken for "over 10" and the exact qualifier is reported as wrong',
    ),
    Bug(
        "meaning-cue-case",
        "kzcn/checks/meaning.py",
        "before = text[max(0, token.start - 40) : token.start].lower()",
        "before = text[max(0, token.start - 40) : token.start]",
        "missing case fold",
        '"More than 10 cities" at the start of a sentence has no cue: qualifier more-than is reported as wrong',
    ),
    Bug(
        "meaning-hedged-forecast",
        "kzcn/checks/meaning.py",
        'hedge = _first_cue(HEDGE_CUE, lowered) if fact.modality == "hedged" else None',
        "hedge = _first_cue(HEDGE_CUE, lowered)",
        "missing condition",
        'an asserted forecast whose quote says "may" is no longer asked for a forecast cue',
    ),
    Bug(
        "meaning-series-amount",
        "kzcn/checks/meaning.py",
        "other.quantity.value != fact.quantity.value",
        "other.quantity.amount != fact.quantity.amount",
        "wrong field",
        "$2 billion and $2,000 million for one year of a series are reported as two different values",
    ),
    Bug(
        "check-last-paragraph",
        "kzcn/checks/check.py",
        "if paragraph > len(indexed.paragraphs):",
        "if paragraph >= len(indexed.paragraphs):",
        "off-by-one",
        "a quote from the source's last paragraph is reported as citing a paragraph that does not exist",
    ),
    Bug(
        "check-language-region",
        "kzcn/checks/check.py",
        'or source.language.startswith("en")',
        'or source.language == "en"',
        "missing case",
        "an article in en-GB is no longer held to the English cue-word rules",
    ),
    Bug(
        "check-increase-equal",
        "kzcn/checks/check.py",
        'elif relation.kind == "increase" and not small < large:',
        'elif relation.kind == "increase" and small > large:',
        "off-by-one",
        "an increase between two equal values passes the check",
    ),
    Bug(
        "check-repeat-unfolded",
        "kzcn/checks/check.py",
        "key = (fact.source, fold(quote.text))",
        "key = (fact.source, quote.text)",
        "missing case fold",
        "two facts quoting the same words, one with curly quotes, are not warned about",
    ),
    Bug(
        "check-series-unit-where",
        "kzcn/checks/check.py",
        'where = format_path(self.in_file(("facts", first)))',
        'where = format_path(self.in_file(("facts", index)))',
        "wrong field",
        "a series in two units names the offending fact itself as where the series' unit was set",
    ),
    # -- kzcn/kb ---------------------------------------------------------------------------------------------------
    Bug(
        "cache-key-without-path",
        "kzcn/kb/cache.py",
        'digest.update(f"\\0{path}\\0{__version__}',
        'digest.update(f"\\0{__version__}',
        "wrong cache key",
        "a copy of a knowledge base under another name is served from the cache, its messages naming the first file",
    ),
    Bug(
        "cache-prune-newest",
        "kzcn/kb/cache.py",
        "entries.sort(reverse=True)",
        "entries.sort()",
        "wrong order",
        "a full cache deletes its newest entries, the one just written included",
    ),
    Bug(
        "cache-stamp-without-mtime",
        "kzcn/kb/cache.py",
        '\\0{info.st_size}\\0{info.st_mtime_ns}"',
        '\\0{info.st_size}"',
        "wrong cache key",
        "after an edit to kzcn that keeps a module's size, an entry made by the old code is served",
    ),
    Bug(
        "load-empty-env",
        "kzcn/kb/load.py",
        "    if from_env:",
        "    if from_env is not None:",
        "missing case",
        "KZCN_FACTS set but empty is taken as a path: 'no such file' instead of the shipped knowledge base",
    ),
    Bug(
        "load-schema-problems-dropped",
        "kzcn/kb/load.py",
        "if reader.problems or problems:",
        "if problems:",
        "dropped error path",
        "a knowledge base with schema problems only (an unknown field, say) loads as if valid",
    ),
    # -- kzcn/queries ----------------------------------------------------------------------------------------------
    Bug(
        "filters-options-or",
        "kzcn/queries/filters.py",
        "return all(not values or any(test(value) for value in values) for values, test in options)",
        "return any(not values or any(test(value) for value in values) for values, test in options)",
        "and/or",
        "`kzcn review --topic transport --kind forecast` lists every transport claim and every forecast",
    ),
    Bug(
        "filters-values-and",
        "kzcn/queries/filters.py",
        "return all(not values or any(test(value) for value in values) for values, test in options)",
        "return all(not values or all(test(value) for value in values) for values, test in options)",
        "and/or",
        "`--topic trade --topic transport` keeps only the facts that carry both topics, not either",
    ),
    Bug(
        "filters-topic-case",
        "kzcn/queries/filters.py",
        "    return any(name.casefold() == folded for name in names)",
        "    return any(name == folded for name in names)",
        "missing case fold",
        "`kzcn facts --topic Transport` is accepted and then matches no fact whose topic is spelled with a capital",
    ),
    Bug(
        "filters-choice-case",
        "kzcn/queries/filters.py",
        "    found = by_fold.get(value.casefold())",
        "    found = by_fold.get(value)",
        "missing case fold",
        "`kzcn review --topic Transport` is refused as unknown although `transport` exists",
    ),
    Bug(
        "filters-year-start-boundary",
        "kzcn/queries/filters.py",
        "        return year >= time.year",
        "        return year > time.year",
        "off-by-one",
        "`--year 2013` misses a fact true since 2013",
    ),
    Bug(
        "filters-search-skipped",
        "kzcn/queries/filters.py",
        "        return all_hold(options) and self.found_in(fact)",
        "        return all_hold(options)",
        "dropped error path",
        "`kzcn facts grain` lists every fact: the search words are ignored",
    ),
    Bug(
        "selection-derived-partial",
        "kzcn/queries/selection.py",
        "derived=tuple(spec for spec in kb.derived if {fact for _role, fact in spec.inputs} <= kept)",
        "derived=tuple(spec for spec in kb.derived if {fact for _role, fact in spec.inputs} & kept)",
        "and/or",
        "a filtered fact sheet or export keeps a derived figure one of whose inputs it left out",
    ),
    Bug(
        "selection-evidence-dropped",
        "kzcn/queries/selection.py",
        "    kept = claims | {item.fact for review in reviews for item in review.evidence}",
        "    kept = claims",
        "dropped step",
        "a filtered SQLite export has review evidence rows that name facts it left out (a broken foreign key)",
    ),
    Bug(
        "figures-interpolation-scale",
        "kzcn/queries/figures.py",
        "* SCALES[after.quantity.scale] / SCALES[before.quantity.scale]",
        "* SCALES[before.quantity.scale] / SCALES[after.quantity.scale]",
        "wrong unit/scale",
        "interpolating between $800 million and $2 billion draws the line to $2 thousandth of a million",
    ),
    Bug(
        "figures-caveat-and",
        "kzcn/queries/caveats.py",
        "ids[fact_id] = ids.get(fact_id, False) or of_input",
        "ids[fact_id] = ids.get(fact_id, False) and of_input",
        "and/or",
        "a caveat no longer says it holds for the figures computed from its fact",
    ),
    Bug(
        "figures-value-unscaled",
        "kzcn/queries/figures.py",
        "value=number_of(figure.value * SCALES[figure.scale]),",
        "value=number_of(figure.value),",
        "wrong unit/scale",
        "a derived figure's value in base units is its amount in billions (1.5 instead of 1500000000)",
    ),
    Bug(
        "totals-input-kind-field",
        "kzcn/queries/totals.py",
        'kind = "forecast" if fact.kind == "forecast" else "stated"',
        'kind = "forecast" if fact.modality == "predicted" else "stated"',
        "wrong field",
        "`kzcn totals` calls a reported forecast input stated",
    ),
    Bug(
        "overview-citing-count",
        "kzcn/queries/overview.py",
        '"facts": citing[source.id],',
        '"facts": quoting[source.id],',
        "wrong field",
        "`kzcn sources` counts only the facts quoting a source, not those referring to it",
    ),
    Bug(
        "overview-stats-order",
        "kzcn/queries/overview.py",
        "key=lambda item: (-item[1], item[0])",
        "key=lambda item: (item[1], item[0])",
        "wrong order",
        "`kzcn stats` lists the rarest values first",
    ),
    Bug(
        "article-last-paragraph",
        "kzcn/queries/article.py",
        "if not 1 <= number <= len(indexed.paragraphs):",
        "if not 1 <= number < len(indexed.paragraphs):",
        "off-by-one",
        "`kzcn article --paragraph N` refuses the last paragraph",
    ),
    Bug(
        "article-focus-and",
        "kzcn/queries/article.py",
        "if focus is None or focus.source != source.id:",
        "if focus is None and focus.source != source.id:",
        "and/or",
        "`kzcn article --fact` with an unknown id is an internal error (exit 70) instead of 'no fact' (exit 1)",
    ),
    # -- kzcn/export -----------------------------------------------------------------------------------------------
    Bug(
        "export-dangling-symlink",
        "kzcn/export/files.py",
        "if os.path.lexists(target) and not force:",
        "if os.path.exists(target) and not force:",
        "refusing to overwrite",
        "a symbolic link at the target whose file is gone is replaced without --force",
    ),
    Bug(
        "export-file-mode",
        "kzcn/export/files.py",
        "        os.chmod(temporary, 0o666 & ~umask())\n",
        "",
        "dropped step",
        "an exported file is readable by its owner only (0600) instead of what the umask allows",
    ),
    Bug(
        "claimreview-date-field",
        "kzcn/export/claimreview.py",
        '"datePublished": source.published,',
        '"datePublished": source.retrieved,',
        "wrong field",
        "ClaimReview gives the article the date it was retrieved as its publication date",
    ),
    Bug(
        "sqlite-evidence-flag",
        "kzcn/export/sqlite_tables.py",
        "int(not kb.is_claim(fact)),",
        "int(kb.is_claim(fact)),",
        "wrong boolean",
        "the facts table marks the article's claims as evidence and the evidence as claims",
    ),
    Bug(
        "sqlite-relation-swapped",
        "kzcn/export/sqlite_tables.py",
        "left_role, relation.left, right_role, relation.right, relation.reason)",
        "left_role, relation.right, right_role, relation.left, relation.reason)",
        "swapped arguments",
        "the relations table names the whole as the part and the part as the whole",
    ),
    # -- kzcn/render and kzcn/escape.py ----------------------------------------------------------------------------
    Bug(
        "html-attribute-quote",
        "kzcn/render/html.py",
        "return _html_escape(visible(text), quote=True)",
        "return _html_escape(visible(text), quote=False)",
        "escaping dropped",
        'a fact id or language with a " closes the HTML attribute it stands in',
    ),
    Bug(
        "csv-guard-after-blanks",
        "kzcn/render/delimited.py",
        " or text[blanks.end() if blanks else 0 :].startswith(FORMULA_TRIGGERS)",
        "",
        "escaping dropped",
        'a CSV cell " =HYPERLINK(...)" runs as a formula in a spreadsheet that drops the leading blank',
    ),
    Bug(
        "tsv-backslash",
        "kzcn/render/delimited.py",
        '_TSV_ESCAPES = str.maketrans({"\\\\": "\\\\\\\\", "\\t": "\\\\t",',
        '_TSV_ESCAPES = str.maketrans({"\\t": "\\\\t",',
        "escaping dropped",
        'a TSV cell holding a backslash and "t" reads back as a tab',
    ),
    Bug(
        "table-control-characters",
        "kzcn/render/table.py",
        "return visible(plain)",
        "return plain",
        "escaping dropped",
        "an escape sequence in a fact's statement reaches the terminal raw in `kzcn facts`",
    ),
    Bug(
        "table-highlight-case",
        "kzcn/render/table.py",
        "needle = term.casefold()",
        "needle = term",
        "missing case fold",
        "`kzcn facts --search Trade` finds the facts but highlights nothing",
    ),
    Bug(
        "table-fits-width",
        "kzcn/render/table_layout.py",
        "return sum(floors) + 3 * len(floors) <= options.width",
        "return sum(floors) + 3 * len(floors) < options.width",
        "off-by-one",
        "a table exactly as wide as the terminal is shown as stacked records",
    ),
    Bug(
        "escape-one-line-tab",
        "kzcn/escape.py",
        '_ONE_LINE = f"[\\t\\n{_INVISIBLE}]"',
        '_ONE_LINE = f"[\\n{_INVISIBLE}]"',
        "escaping dropped",
        "a tab quoted in an error message reaches stderr raw",
    ),
    # -- kzcn/cli --------------------------------------------------------------------------------------------------
    Bug(
        "cli-pager-fits-screen",
        "kzcn/cli/pager.py",
        "lines <= height:",
        "lines < height:",
        "off-by-one",
        "output exactly one screen tall is sent through the pager",
    ),
    Bug(
        "cli-pager-empty-setting",
        "kzcn/cli/pager.py",
        "    if setting is None:",
        "    if not setting:",
        "missing case",
        "KZCN_PAGER= (empty, meaning no pager) falls back to $PAGER",
    ),
    Bug(
        "cli-global-no-color",
        "kzcn/cli/options.py",
        "no_color=no_color or before.no_color,",
        "no_color=no_color and before.no_color,",
        "and/or",
        "`kzcn --no-color facts` (the option before the command) still colours",
    ),
    Bug(
        "cli-year-upper-bound",
        "kzcn/cli/options.py",
        "not 1 <= int(text) <= 9999:",
        "not 1 <= int(text) < 9999:",
        "off-by-one",
        "`--year 9999` is refused though the message says years run to 9999",
    ),
    Bug(
        "cli-fields-trailing-comma",
        "kzcn/cli/output.py",
        'wanted = [name.strip() for name in fields.split(",") if name.strip()] if fields is not None else None',
        'wanted = [name.strip() for name in fields.split(",")] if fields is not None else None',
        "missing case",
        "`--fields id,statement,` fails on an unknown field ''",
    ),
    Bug(
        "cli-no-color-empty",
        "kzcn/cli/output.py",
        'if no_color or env.get("NO_COLOR") or env.get("TERM") == "dumb":',
        'if no_color or "NO_COLOR" in env or env.get("TERM") == "dumb":',
        "missing case",
        "NO_COLOR set but empty turns colour off, against the NO_COLOR convention",
    ),
    Bug(
        "cli-status-kb-unusable",
        "kzcn/cli/status.py",
        "        return ExitStatus.KB_UNUSABLE",
        "        return ExitStatus.USAGE",
        "wrong exit status",
        "a broken knowledge base exits 2 (usage) instead of the documented 3",
    ),
    Bug(
        "cli-output-file-colour",
        "kzcn/cli/options.py",
        "replace(options, color=False, width=100)",
        "replace(options, width=100)",
        "dropped step",
        "`--output FILE` with FORCE_COLOR set writes colour codes into the file",
    ),
    Bug(
        "cli-check-shaped",
        "kzcn/cli/commands/check.py",
        "if not coverage and output.shaped:",
        "if output.shaped:",
        "dropped condition",
        "`kzcn check --coverage --json` is refused as a usage error",
    ),
    Bug(
        "cli-write-strict-encoding",
        "kzcn/cli/output.py",
        'data = text.encode(encoding, errors="backslashreplace")',
        "data = text.encode(encoding)",
        "dropped error path",
        "on an ASCII-only terminal a fact with a non-ASCII letter ends the output with exit 74",
    ),
)
"""Every bug, by part of kzcn."""


@dataclass(frozen=True)
class Outcome:
    """What one run of the tests with one bug applied found."""

    bug: Bug
    """The bug applied."""
    status: str
    """killed, survived, not applicable (its text does not stand exactly once), or error (pytest could not run)."""
    by: str
    """The first failing test (its node id), or why the run ended; empty for a survivor."""
    seconds: float
    """How long the run took."""


def occurrences(bug: Bug, root: Path = REPO) -> int:
    """How often the bug's original text stands in its file (0 if the file is gone)."""
    path = root / bug.path
    return path.read_text(encoding="utf-8").count(bug.original) if path.is_file() else 0


def make_copy(root: Path) -> Path:
    """The checkout's files the tests need, under root/repo; root/shared points at the shared data beside it."""
    work = root / "repo"
    work.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "out", ".mypy_cache", ".ruff_cache")
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, work / name)
    # tests/conftest.py finds the evidence pack and YAML corpora beside the checkout (REPO.parent / "shared").
    shared = REPO.parent / "shared"
    if shared.is_dir():
        (root / "shared").symlink_to(shared)
    return work


def environment(work: Path, root: Path) -> dict[str, str]:
    """The tests' environment: the copy first on PYTHONPATH, so `python -m kzcn` in a subprocess runs it too, and no
    bytecode written (a patched module restored in the same second, at the same size, could be served stale .pyc)."""
    env = {key: value for key, value in os.environ.items() if key not in ("KZCN_FACTS", "PYTHONHOME")}
    env["PYTHONPATH"] = os.pathsep.join([str(work), *filter(None, [os.environ.get("PYTHONPATH")])])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["XDG_CACHE_HOME"] = str(root / "cache")
    return env


def verify_copy_runs(work: Path, env: dict[str, str]) -> None:
    """Exits unless `python -m kzcn`, started as the tests start it, runs the copy: its __main__ broken on purpose
    must make it fail with that very status."""
    main = work / "kzcn" / "__main__.py"
    original = main.read_text(encoding="utf-8")
    main.write_text("raise SystemExit(97)\n" + original, encoding="utf-8")
    try:
        broken = subprocess.run(
            [sys.executable, "-m", "kzcn", "--version"], cwd=work.parent, env=env, capture_output=True, timeout=60
        )
    finally:
        main.write_text(original, encoding="utf-8")
    if broken.returncode != 97:
        sys.exit(f"the tests would not run the patched copy: `python -m kzcn` exited {broken.returncode}, not 97")


def run_tests(work: Path, env: dict[str, str], tests: tuple[str, ...], timeout: float) -> tuple[int, str]:
    """(pytest's exit status, its output), or (-1, output so far) when the time ran out."""
    # Its own --basetemp per copy: runs side by side never share (or clean up) each other's temporary directories.
    basetemp = f"--basetemp={work.parent / 'pytest'}"
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", basetemp, *tests]
    # A session of its own, so that a timeout ends the kzcn processes the tests started too.
    process = subprocess.Popen(
        command,
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return -1, output
    return process.returncode, output


# "FAILED tests/a.py::test[param] - AssertionError: ...": the node id runs to " - " (a parameter may hold spaces).
_FAILED = re.compile(r"^(?:FAILED|ERROR) (.+?)(?: - .*)?$", re.MULTILINE)


def first_failure(output: str) -> str:
    """The node id of the first failing test in pytest's summary, else the first line that says what went wrong."""
    found = _FAILED.search(output)
    if found:
        return found.group(1)
    for line in output.splitlines():
        if "Error" in line or "error" in line:
            return line.strip()[:120]
    return output.strip().splitlines()[-1][:120] if output.strip() else "no output"


def apply_and_run(bug: Bug, work: Path, env: dict[str, str], tests: tuple[str, ...] | None, timeout: float) -> Outcome:
    path = work / bug.path
    original = path.read_text(encoding="utf-8") if path.is_file() else ""
    if original.count(bug.original) != 1:
        found = original.count(bug.original)
        return Outcome(bug, "not applicable", f"the text stands {found} times in {bug.path}, not once", 0.0)
    started = time.monotonic()
    path.write_text(original.replace(bug.original, bug.replacement), encoding="utf-8")
    try:
        status, output = run_tests(work, env, tests or bug.tests(), timeout)
    finally:
        path.write_text(original, encoding="utf-8")
    seconds = time.monotonic() - started
    if status == -1:
        return Outcome(bug, "killed", f"timeout after {timeout:.0f} s", seconds)
    if status == 0:
        return Outcome(bug, "survived", "", seconds)
    if status in (1, 2, 3):  # tests failed; interrupted (a collection error); an internal error in a test
        return Outcome(bug, "killed", first_failure(output), seconds)
    return Outcome(bug, "error", f"pytest exited {status}: {first_failure(output)}", seconds)


def confirm_killers(outcomes: list[Outcome], work: Path, env: dict[str, str], timeout: float) -> list[str]:
    """The tests credited with a kill that fail on the unpatched copy too: they would be credited with any bug."""
    killers = sorted({outcome.by for outcome in outcomes if outcome.status == "killed" and "::" in outcome.by})
    if not killers:
        return []
    status, output = run_tests(work, env, tuple(killers), timeout)
    if status == 0:
        return []
    return sorted(set(_FAILED.findall(output))) or [f"pytest exited {status}: {first_failure(output)}"]


def run_all(
    chosen: list[Bug], *, tests: tuple[str, ...] | None, jobs: int, timeout: float
) -> tuple[list[Outcome], list[str]]:
    """Each bug's outcome, in the order given, and the credited tests that fail without any bug too."""
    with tempfile.TemporaryDirectory(prefix="kzcn-bugs-") as temporary:
        # One copy per job, each patched by one bug at a time: a queue hands a free copy to the next bug.
        copies: queue.Queue[tuple[Path, dict[str, str]]] = queue.Queue()
        for job in range(jobs):
            root = Path(temporary, f"job{job}")
            root.mkdir()
            work = make_copy(root)
            env = environment(work, root)
            verify_copy_runs(work, env)
            copies.put((work, env))
        done = iter(range(1, len(chosen) + 1))
        printing = threading.Lock()

        def run(bug: Bug) -> Outcome:
            work, env = copies.get()
            try:
                outcome = apply_and_run(bug, work, env, tests, timeout)
            finally:
                copies.put((work, env))
            with printing:
                caught = f" by {outcome.by}" if outcome.by else ""
                print(f"[{next(done)}/{len(chosen)}] {bug.id}: {outcome.status}{caught} ({outcome.seconds:.1f} s)")
                sys.stdout.flush()
            return outcome

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            outcomes = list(pool.map(run, chosen))
        work, env = copies.get()
        return outcomes, confirm_killers(outcomes, work, env, timeout)


def report(outcomes: list[Outcome], unreliable: list[str], seconds: float) -> int:
    """Prints the table and the totals; the exit status: 0 only when every bug was caught, by reliable tests."""
    killed = sum(1 for outcome in outcomes if outcome.status == "killed")
    survived = sum(1 for outcome in outcomes if outcome.status == "survived")
    print()
    print("| bug | category | result | caught by |")
    print("| --- | --- | --- | --- |")
    for outcome in outcomes:
        print(f"| {outcome.bug.id} | {outcome.bug.category} | {outcome.status} | {outcome.by or '—'} |")
    print()
    others = len(outcomes) - killed - survived
    print(
        f"{killed} killed, {survived} survived, {others} not applicable or errors, of {len(outcomes)} bugs; "
        f"{seconds:.0f} s in all"
    )
    for test in unreliable:
        print(f"warning: {test} fails without any bug too, so the kills it is credited with prove nothing")
    return 1 if killed != len(outcomes) or unreliable else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("bugs", nargs="*", metavar="ID", help="only these bugs (default: all)")
    parser.add_argument("--list", action="store_true", help="list the bugs and exit")
    parser.add_argument("--tests", nargs="+", metavar="PATH", help="run these tests for every bug instead")
    parser.add_argument("--timeout", type=float, default=SECONDS_PER_BUG, help="seconds per bug (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=2, help="bugs run at once, each in its own copy (default: 2)")
    args = parser.parse_args(argv)

    if args.list:
        for bug in BUGS:
            print(f"{bug.id:30} {bug.category:20} {bug.path}: {bug.effect}")
        return 0
    by_id = {bug.id: bug for bug in BUGS}
    unknown = [name for name in args.bugs if name not in by_id]
    if unknown:
        parser.error(f"no bug {', '.join(unknown)}; see --list")
    chosen = [by_id[name] for name in args.bugs] if args.bugs else list(BUGS)
    started = time.monotonic()
    tests = tuple(args.tests) if args.tests else None
    outcomes, unreliable = run_all(chosen, tests=tests, jobs=max(1, args.jobs), timeout=args.timeout)
    return report(outcomes, unreliable, time.monotonic() - started)


if __name__ == "__main__":
    sys.exit(main())
