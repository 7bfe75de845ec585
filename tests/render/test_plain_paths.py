"""The plain paths of kzcn/render/plain_text.py change no byte: every table-format output of the shipped and a
hostile knowledge base prints the same with them and with Rich alone, at several widths."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from builders import hostile_kb, page_kb
from conftest import SHIPPED_FACTS
from kzcn.render import table

COMMANDS = [
    ["facts"],
    ["facts", "--evidence"],
    ["report"],
    ["article"],
    ["check", "--coverage"],
    ["revenue"],
    ["totals"],
    ["sources"],
    ["stats"],
    ["review"],
    ["search", "grain"],
]


@pytest.mark.parametrize("width", ["60", "80", "100", "160"])
@pytest.mark.parametrize("which", ["shipped", "page", "hostile"])
def test_every_output_prints_the_same_without_the_plain_paths(
    which: str, width: str, cli: Callable[..., Any], write_kb: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = {
        "shipped": lambda: SHIPPED_FACTS,
        "page": lambda: write_kb(page_kb()),
        "hostile": lambda: write_kb(hostile_kb()),
    }[which]()
    env = {"COLUMNS": width}
    fast = [cli("--facts", str(path), *command, env=env) for command in COMMANDS]
    monkeypatch.setattr(table, "plain_grid", lambda *args: None)
    monkeypatch.setattr(table, "plain_lines", lambda *args, **kwargs: None)
    slow = [cli("--facts", str(path), *command, env=env) for command in COMMANDS]
    printed = 0
    for command, quick, rich in zip(COMMANDS, fast, slow, strict=True):
        assert (quick.exit_code, quick.stdout) == (rich.exit_code, rich.stdout), command
        printed += len(quick.stdout.splitlines())
    assert printed > 100  # the commands printed tables, not only errors
