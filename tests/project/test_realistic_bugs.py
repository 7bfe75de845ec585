"""The hand-written realistic bugs (benchmarks/realistic_bugs.py) still apply: each one's text stands once in its file."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from types import ModuleType

from conftest import REPO


def _bugs_module() -> ModuleType:
    path = REPO / "benchmarks" / "realistic_bugs.py"
    spec = importlib.util.spec_from_file_location("realistic_bugs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("realistic_bugs", module)  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


BUGS = _bugs_module().BUGS


def test_every_bug_changes_text_that_stands_exactly_once_in_its_file() -> None:
    # When the code moves on, a bug whose text is gone (or now stands twice) must be rewritten, not silently skipped.
    misplaced = {
        bug.id: (REPO / bug.path).read_text(encoding="utf-8").count(bug.original)
        for bug in BUGS
        if not (REPO / bug.path).is_file() or (REPO / bug.path).read_text(encoding="utf-8").count(bug.original) != 1
    }
    assert misplaced == {}
    assert [bug.id for bug in BUGS if bug.replacement == bug.original] == []


def test_the_bugs_are_at_least_36_with_distinct_kebab_case_ids_across_every_part() -> None:
    ids = [bug.id for bug in BUGS]
    assert len(ids) >= 36
    assert [name for name, count in Counter(ids).items() if count > 1] == []
    assert [name for name in ids if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name)] == []
    parts = {bug.path.split("/")[1] for bug in BUGS if bug.path.count("/") >= 2}
    assert parts == {"model", "parse", "checks", "kb", "queries", "export", "render", "cli"}
    assert all(bug.category and bug.effect for bug in BUGS)


def test_the_issue_s_surviving_mutant_is_among_them() -> None:
    cue = [bug for bug in BUGS if bug.id == "meaning-cue-word-edge"]
    assert [(bug.path, bug.original, bug.replacement) for bug in cue] == [
        ("kzcn/checks/meaning.py", 'if before.endswith(" " + cue):', "if before.endswith(cue):")
    ]


def test_each_bug_s_default_tests_are_its_part_s_folder_then_the_command_line_tests() -> None:
    by_id = {bug.id: bug for bug in BUGS}
    assert by_id["meaning-cue-word-edge"].tests()[:2] == ("tests/checks", "tests/cli/test_cli_check.py")
    assert by_id["cli-pager-fits-screen"].tests()[0] == "tests/cli"
    assert len(by_id["cli-pager-fits-screen"].tests()) == 1
    assert by_id["escape-one-line-tab"].tests()[:2] == ("tests/model", "tests/render")
    assert all((REPO / path).exists() for bug in BUGS for path in bug.tests())
