"""What a person sees in a real terminal (tmux) at 80, 100 and 160 columns, pinned (issue 23): `facts`, `revenue`,
`review ID` and `show`. A change of layout shows as a diff of tests/cli/captures/; after looking at it in a terminal,
`KZCN_UPDATE_CAPTURES=1 pytest tests/cli/test_terminal_captures.py` writes the new captures."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SHIPPED_FACTS

CAPTURES = Path(__file__).parent / "captures"
WIDTHS = (80, 100, 160)
COMMANDS = {
    "facts": ("facts",),
    "revenue": ("revenue",),
    "review": ("review", "transport-income-forecast-2020"),
    "show": ("show", "transport-income-2017"),
}
_DONE = "__kzcn_capture_done__"

if shutil.which("tmux") is None:
    if os.environ.get("CI") == "true":
        pytest.fail("CI needs tmux for the terminal captures: .ci/run installs it", pytrace=False)
    pytestmark = pytest.mark.skip(reason="tmux not installed; CI runs these")


def capture(arguments: tuple[str, ...], width: int, home: Path) -> str:
    """kzcn's output as a terminal `width` columns wide shows it: run in a private tmux server, read back with
    capture-pane (what is on the screen and above it, colours dropped), trailing spaces trimmed."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "KZCN_FACTS", "TMUX", "KZCN_PAGER", "PAGER")
    }
    environment.update(TERM="xterm-256color", LC_ALL="C.UTF-8", XDG_CACHE_HOME=str(home / "cache"))
    tmux = ["tmux", "-u", "-L", f"kzcn-{os.getpid()}-{width}", "-f", os.devnull]
    command = shlex.join([sys.executable, "-m", "kzcn", "--facts", str(SHIPPED_FACTS), "--no-pager", *arguments])
    script = f"{command}; printf '%s\\n' {_DONE}; sleep 60"
    try:
        subprocess.run([*tmux, "new-session", "-d", "-x", str(width), "-y", "50", script], env=environment, check=True)
        subprocess.run([*tmux, "set-option", "-g", "history-limit", "100000"], check=True)
        screen = ""
        deadline = time.monotonic() + 60
        while _DONE not in screen and time.monotonic() < deadline:
            time.sleep(0.1)
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p", "-S", "-", "-E", "-"], capture_output=True, text=True, check=True
            ).stdout
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, check=False)
    lines = screen.split("\n")
    assert _DONE in lines, f"kzcn did not finish in the terminal: {screen[-500:]}"
    return "\n".join(line.rstrip() for line in lines[: lines.index(_DONE)]).rstrip("\n") + "\n"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(COMMANDS))
def test_what_a_terminal_shows_is_pinned(name: str, width: int, tmp_path: Path) -> None:
    seen = capture(COMMANDS[name], width, tmp_path)
    pinned = CAPTURES / f"{name}-{width}.txt"
    if os.environ.get("KZCN_UPDATE_CAPTURES") == "1":
        pinned.write_text(seen, encoding="utf-8")
    assert pinned.exists(), f"no capture {pinned.name}: run with KZCN_UPDATE_CAPTURES=1 after looking at it"
    assert seen == pinned.read_text(encoding="utf-8")


def test_what_a_person_needs_is_on_every_capture() -> None:
    """Read from the pinned captures, so it holds whatever they are: at every width every fact shows its id and its
    verdict, every revenue row its id, and no id is split across lines."""
    import json

    facts = json.loads(
        subprocess.run(
            [sys.executable, "-m", "kzcn", "--facts", str(SHIPPED_FACTS), "facts", "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    for width in WIDTHS:
        listed = (CAPTURES / f"facts-{width}.txt").read_text(encoding="utf-8")
        words = listed.split()
        missing = [fact["id"] for fact in facts if fact["id"] not in words]
        assert missing == [], (width, missing)
        for fact in facts:
            line = next(line for line in listed.splitlines() if fact["id"] in line.split())
            if fact["verdict"]:
                assert fact["verdict"] in line.split(), (width, fact["id"], line)
        revenue = (CAPTURES / f"revenue-{width}.txt").read_text(encoding="utf-8").split()
        assert "transport-income-forecast-2020" in revenue and "income-change-2017-2020" in revenue, width
