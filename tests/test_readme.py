"""The README's promises that can be checked mechanically: its test command is the one CI runs."""

from __future__ import annotations

import re

from conftest import REPO


def quick_start_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_is_two_commands() -> None:
    assert quick_start_commands() == ["pip install . && kzcn facts", "pip install -e '.[test]' && pytest"]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()
