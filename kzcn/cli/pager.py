"""The pager: output taller than the terminal goes through $PAGER (default `less -FRX`), as git does."""

import contextlib
import math
import os
import shlex
import signal
import subprocess
import sys
from collections.abc import Mapping

DEFAULT_PAGER = "less -FRX"
"""less: quit if the output fits one screen (-F), pass colours through (-R), leave the text on screen (-X)."""

NO_PAGER = ("", "cat")
"""Pager settings that mean no pager at all."""


def pager_command(
    *, is_terminal: bool, no_pager: bool, environ: Mapping[str, str], lines: int, height: int
) -> list[str] | None:
    """The pager to run for output of `lines` lines on a screen `height` lines tall, or None to write directly.

    Never without a terminal on stdout (a pipe, a file), never with --no-pager, never for output that fits the
    screen. KZCN_PAGER wins over PAGER; either set empty or to `cat` means no pager.
    """
    if no_pager or not is_terminal or lines <= height:
        return None
    setting = environ.get("KZCN_PAGER")
    if setting is None:
        setting = environ.get("PAGER", DEFAULT_PAGER)
    if setting.strip() in NO_PAGER:
        return None
    try:
        command = shlex.split(setting)
    except ValueError:  # an unbalanced quote: not a command kzcn can run
        return None
    return command or None


def screen_lines(text: str, width: int) -> int:
    """How many terminal lines `text` takes at `width` columns, long lines wrapped."""
    return sum(max(1, math.ceil(len(line) / max(1, width))) for line in text.splitlines())


def terminal_height(stream: object) -> int:
    """LINES if it is a positive number, else the terminal's height, else 24."""
    with contextlib.suppress(ValueError):
        lines = int(os.environ.get("LINES", ""))
        if lines > 0:
            return lines
    try:
        return os.get_terminal_size(stream.fileno()).lines or 24  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return 24


def page(data: bytes, command: list[str]) -> bool:
    """Writes `data` through the pager and waits for it to end; False if the pager cannot start, so the caller
    writes the output itself. A user who quits the pager early has read enough: that is no error."""
    sys.stdout.flush()
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE)
    except (OSError, ValueError):
        return False
    # Ctrl-C in less is for less (it stops a search); kzcn waits for the pager as git does, rather than die under it.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert pager.stdin is not None
        with contextlib.suppress(BrokenPipeError, OSError):
            pager.stdin.write(data)
        with contextlib.suppress(BrokenPipeError, OSError):
            pager.stdin.close()
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True
