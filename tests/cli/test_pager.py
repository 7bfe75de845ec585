"""The pager on a real pseudo-terminal, with a fake pager that records (its rules, in-process: test_pager_rules.py)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from conftest import subprocess_env


@pytest.fixture
def fake_pager(tmp_path: Path) -> Path:
    """A pager that records its arguments and everything it reads, and then says so on the terminal."""
    script = tmp_path / "fake-pager"
    record = tmp_path / "paged.txt"
    script.write_text(f'#!/bin/sh\necho "args: $*" > {record}\ncat >> {record}\necho PAGER-DONE\n', encoding="utf-8")
    script.chmod(0o755)
    return record


def on_terminal(args: list[str], env: dict[str, str], rows: int = 10) -> tuple[int, str]:
    """Runs kzcn with a pseudo-terminal `rows` tall as stdin, stdout and stderr; its exit status and screen."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: become kzcn
        os.execve(sys.executable, [sys.executable, "-m", "kzcn", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 150, 0, 0))
    output = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child has gone and the terminal is closed
                break
            if not chunk:
                break
            output += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", errors="replace").replace("\r\n", "\n")


def terminal_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = subprocess_env(tmp_path, TERM="xterm", **extra)
    for name in ("COLUMNS", "LINES", "PAGER", "KZCN_PAGER"):
        env.pop(name, None)
    env.update(extra)
    return env


def test_a_long_table_on_a_terminal_goes_through_the_pager(tmp_path: Path, fake_pager: Path) -> None:
    pager = str(tmp_path / "fake-pager")
    status, screen = on_terminal(["facts", "--no-color"], terminal_env(tmp_path, KZCN_PAGER=f"{pager} -X"))
    assert status == 0
    assert "PAGER-DONE" in screen and "transport-income-2017" not in screen  # the pager had it, not the screen
    paged = fake_pager.read_text(encoding="utf-8")
    assert paged.startswith("args: -X\n54 of 54 facts\n")
    assert "transport-income-2017" in paged


@pytest.mark.parametrize(
    "how",
    [
        ["--no-pager", "facts", "--no-color"],
        ["facts", "--no-color", "--no-pager"],
    ],
    ids=["before", "after"],
)
def test_no_pager_before_or_after_the_command(how: list[str], tmp_path: Path, fake_pager: Path) -> None:
    status, screen = on_terminal(how, terminal_env(tmp_path, KZCN_PAGER=str(tmp_path / "fake-pager")))
    assert status == 0
    assert "transport-income-2017" in screen and not fake_pager.exists()


def test_kzcn_pager_cat_and_short_output_write_directly(tmp_path: Path, fake_pager: Path) -> None:
    pager = str(tmp_path / "fake-pager")
    status, screen = on_terminal(["facts", "--no-color"], terminal_env(tmp_path, KZCN_PAGER="cat", PAGER=pager))
    assert (status, "transport-income-2017" in screen, fake_pager.exists()) == (0, True, False)
    status, screen = on_terminal(["show", "transport-income-2017"], terminal_env(tmp_path, KZCN_PAGER=pager), rows=200)
    assert (status, fake_pager.exists()) == (0, False)  # it fits the screen


def test_a_pager_that_cannot_start_falls_back_to_plain_output(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-pager")
    status, screen = on_terminal(["facts", "--no-color"], terminal_env(tmp_path, KZCN_PAGER=missing))
    assert status == 0
    assert "54 of 54 facts" in screen and "transport-income-2017" in screen


def test_never_a_pager_when_piped(tmp_path: Path, fake_pager: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kzcn", "facts"],
        capture_output=True,
        text=True,
        env=terminal_env(tmp_path, KZCN_PAGER=str(tmp_path / "fake-pager"), LINES="5"),
        check=True,
    )
    assert result.stdout.startswith("54 of 54 facts") and not fake_pager.exists()
