"""kzcn.cli.pager in-process: when a pager runs and which, the screen's height, and writing through one."""

import signal
import sys

import pytest

from kzcn.cli.pager import DEFAULT_PAGER, page, pager_command, screen_lines, terminal_height

TALL = {"lines": 100, "height": 24}


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, DEFAULT_PAGER.split()),
        ({"PAGER": "more"}, ["more"]),
        ({"PAGER": "more", "KZCN_PAGER": "less -R"}, ["less", "-R"]),  # KZCN_PAGER wins
        ({"KZCN_PAGER": ""}, None),
        ({"KZCN_PAGER": "cat"}, None),
        ({"KZCN_PAGER": " cat "}, None),
        ({"PAGER": ""}, None),
        ({"PAGER": "cat"}, None),
        ({"PAGER": "cat", "KZCN_PAGER": "most"}, ["most"]),
        ({"KZCN_PAGER": "less '-P unbalanced"}, None),  # not a command line kzcn can split
    ],
)
def test_the_pager_setting(environ: dict[str, str], expected: list[str] | None) -> None:
    assert pager_command(is_terminal=True, no_pager=False, environ=environ, **TALL) == expected


def test_never_piped_never_with_no_pager_never_when_it_fits() -> None:
    assert pager_command(is_terminal=False, no_pager=False, environ={}, **TALL) is None
    assert pager_command(is_terminal=True, no_pager=True, environ={}, **TALL) is None
    assert pager_command(is_terminal=True, no_pager=False, environ={}, lines=24, height=24) is None
    assert pager_command(is_terminal=True, no_pager=False, environ={}, lines=25, height=24) == DEFAULT_PAGER.split()


def test_screen_lines_counts_wrapped_lines() -> None:
    assert screen_lines("a\nb\n", 80) == 2
    assert screen_lines("x" * 81 + "\n\n", 80) == 3  # a long line takes two, an empty one one


class _Stream:
    """A stream whose file descriptor is `fd` (None: a stream with no descriptor, such as StringIO)."""

    def __init__(self, fd: int | None) -> None:
        self.fd = fd

    def fileno(self) -> int:
        if self.fd is None:
            raise ValueError("no descriptor")
        return self.fd


@pytest.mark.parametrize(("setting", "height"), [("40", 40), ("1", 1), ("0", 24), ("-3", 24), ("x", 24), ("", 24)])
def test_lines_sets_the_height_when_it_is_a_positive_number(
    setting: str, height: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINES", setting)
    assert terminal_height(_Stream(None)) == height


def test_without_lines_the_terminal_is_asked_and_24_is_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINES", raising=False)
    monkeypatch.setattr("os.get_terminal_size", lambda fd: __import__("os").terminal_size((80, 51 if fd == 7 else 0)))
    assert terminal_height(_Stream(7)) == 51
    assert terminal_height(_Stream(8)) == 24  # a terminal that says 0 lines
    assert terminal_height(_Stream(None)) == 24
    assert terminal_height(object()) == 24


def test_page_writes_through_the_pager_and_leaves_ctrl_c_to_it(capfd: pytest.CaptureFixture[str]) -> None:
    before = signal.getsignal(signal.SIGINT)
    # The pager reads all, then Ctrl-C reaches kzcn too (as a terminal sends it to the whole foreground group).
    script = (
        "import os, signal, sys; text = sys.stdin.read(); os.kill(os.getppid(), signal.SIGINT); print(text.upper())"
    )
    try:
        assert page(b"through the pager", [sys.executable, "-c", script]) is True
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C while the pager runs interrupted kzcn")
    assert capfd.readouterr().out == "THROUGH THE PAGER\n"
    assert signal.getsignal(signal.SIGINT) is before


def test_a_pager_that_quits_early_is_no_error() -> None:
    before = signal.getsignal(signal.SIGINT)
    assert page(b"x" * 1_000_000, [sys.executable, "-c", "pass"]) is True
    assert signal.getsignal(signal.SIGINT) is before


@pytest.mark.parametrize("command", [["/nonexistent/pager"], ["bad\0name"]], ids=["missing", "nul"])
def test_a_pager_that_cannot_start_leaves_the_writing_to_the_caller(command: list[str]) -> None:
    before = signal.getsignal(signal.SIGINT)
    assert page(b"text", command) is False
    assert signal.getsignal(signal.SIGINT) is before
