"""Files kzcn writes for a user (`export sqlite`, `--output`): an existing name is never taken without --force, and a
new file gets the permissions the user's umask gives any other."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Sets the process's umask for one test, and restores it after."""
    before = os.umask(0o022)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(before)


def test_a_symbolic_link_whose_file_is_gone_is_replaced_only_with_force(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "kb.sqlite"
    target.symlink_to(tmp_path / "moved-away.sqlite")
    result = cli("export", "sqlite", str(target))
    assert (result.exit_code, result.stderr) == (2, f"kzcn: {target} exists; add --force to replace it\n")
    assert os.readlink(target) == str(tmp_path / "moved-away.sqlite")
    output = cli("facts", "--json", "--output", str(target))
    assert (output.exit_code, output.stderr) == (2, f"kzcn: {target} exists; add --force to replace it\n")
    assert target.is_symlink()
    assert cli("export", "sqlite", str(target), "--force").exit_code == 0
    assert not target.is_symlink()
    assert sqlite3.connect(target).execute("SELECT count(*) FROM sources").fetchone()[0] > 0


@pytest.mark.parametrize(
    ("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)], ids=["umask-022", "umask-077", "umask-002"]
)
def test_a_written_file_has_the_mode_the_umask_gives(
    cli: Run, tmp_path: Path, umask: Callable[[int], None], mask: int, mode: int
) -> None:
    umask(mask)
    database, listing = tmp_path / "kb.sqlite", tmp_path / "facts.json"
    assert cli("export", "sqlite", str(database)).exit_code == 0
    assert cli("facts", "--json", "--output", str(listing)).exit_code == 0
    assert [stat.S_IMODE(path.stat().st_mode) for path in (database, listing)] == [mode, mode]
