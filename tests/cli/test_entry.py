"""kzcn's way in and out, in-process: the console script (kzcn/__main__.py), kzcn.cli.main, and the one mapping of
exceptions to messages and exit statuses (kzcn/cli/status.py)."""

import errno
import gc
import os
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import kzcn.cli
import kzcn.cli.typer_app
from kzcn import __main__ as console_script
from kzcn.cli.status import ExitStatus, report
from kzcn.errors import KnowledgeBaseError, NotFoundError, Problem, UsageError


class Left(Exception):
    """Raised in place of os._exit, carrying its status."""


@pytest.fixture
def leaving(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """os._exit raises Left(status) instead of ending the test process; the collector is on again afterwards."""

    def leave(status: int) -> None:
        raise Left(status)

    monkeypatch.setattr(os, "_exit", leave)
    yield
    gc.enable()


class _Interrupting(types.ModuleType):
    """kzcn.cli as it is while Ctrl-C arrives during its import."""

    def __getattr__(self, name: str) -> Any:
        raise KeyboardInterrupt


def test_ctrl_c_during_start_up_is_one_line_and_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], leaving: None
) -> None:
    monkeypatch.setitem(sys.modules, "kzcn.cli", _Interrupting("kzcn.cli"))
    with pytest.raises(Left) as left:
        console_script.main()
    assert left.value.args == (130,)
    assert capsys.readouterr() == ("", "kzcn: interrupted\n")


def test_ctrl_c_during_start_up_without_stderr_still_leaves_with_130(
    monkeypatch: pytest.MonkeyPatch, leaving: None
) -> None:
    monkeypatch.setitem(sys.modules, "kzcn.cli", _Interrupting("kzcn.cli"))
    monkeypatch.setattr(sys, "stderr", None)
    with pytest.raises(Left) as left:
        console_script.main()
    assert left.value.args == (130,)


def test_the_console_script_runs_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[bool] = []
    monkeypatch.setattr(kzcn.cli, "main", lambda: ran.append(True))
    console_script.main()
    assert ran == [True]


def run_main(monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    """kzcn.cli.main with these arguments; the status it leaves with."""
    monkeypatch.setattr(sys, "argv", ["kzcn", *argv])
    with pytest.raises(Left) as left:
        kzcn.cli.main()
    (status,) = left.value.args
    assert isinstance(status, int)
    return status


def test_main_runs_the_command_and_leaves_without_the_collector(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], leaving: None
) -> None:
    assert run_main(monkeypatch, "--version") == 0
    assert not gc.isenabled()
    assert capsys.readouterr().out.startswith("kzcn ")


def test_main_leaves_with_the_commands_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], leaving: None, write_kb: Callable[..., Path]
) -> None:
    assert run_main(monkeypatch, "--facts", str(write_kb()), "show", "no-such-fact") == 1
    assert run_main(monkeypatch, "--no-such-option") == 2


@pytest.mark.parametrize(
    ("raised", "status", "stderr"),
    [
        (KeyboardInterrupt(), 130, "kzcn: interrupted\n"),
        (SystemExit(None), 0, ""),
        (SystemExit(3), 3, ""),
        (SystemExit("kzcn: gone"), 1, "kzcn: gone\n"),
        (UsageError("no such thing"), 2, "kzcn: no such thing\n"),
    ],
)
def test_what_leaves_the_app_becomes_a_status(
    raised: BaseException,
    status: int,
    stderr: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    leaving: None,
) -> None:
    def app(**kwargs: Any) -> None:
        assert kwargs == {"prog_name": "kzcn"}
        raise raised

    monkeypatch.setattr(kzcn.cli.typer_app, "app", app)
    assert run_main(monkeypatch) == status
    assert capsys.readouterr().err == stderr


def test_what_main_cannot_report_propagates(monkeypatch: pytest.MonkeyPatch, leaving: None) -> None:
    class Unknown(BaseException):
        pass

    def app(**kwargs: Any) -> None:
        raise Unknown

    monkeypatch.setattr(kzcn.cli.typer_app, "app", app)
    monkeypatch.setattr(sys, "argv", ["kzcn"])
    with pytest.raises(Unknown):
        kzcn.cli.main()


def test_main_gives_exit_now_the_statuses_of_failed_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], leaving: None
) -> None:
    given: list[tuple[int, dict[str, int]]] = []
    monkeypatch.setattr(kzcn.cli, "exit_now", lambda status, **statuses: given.append((status, statuses)))
    monkeypatch.setattr(sys, "argv", ["kzcn", "--version"])
    kzcn.cli.main()
    assert given == [(0, {"broken_pipe": 141, "output_failed": 74})]


@pytest.mark.parametrize(
    ("error", "status", "stderr"),
    [
        (NotFoundError("no fact 'x'"), ExitStatus.NOT_FOUND, "kzcn: no fact 'x'\n"),
        (
            KnowledgeBaseError([Problem("kb.yaml", "broken", line=2), Problem("kb.yaml", "and worse")]),
            ExitStatus.KB_UNUSABLE,
            "kb.yaml:2: broken\nkb.yaml: and worse\n",
        ),
        (UsageError("bad\x1b[2J"), ExitStatus.USAGE, "kzcn: bad\\x1b[2J\n"),
        (KeyboardInterrupt(), ExitStatus.INTERRUPTED, "kzcn: interrupted\n"),
        (
            OSError(errno.ENOSPC, "No space left on device", "out.csv"),
            ExitStatus.OUTPUT_FAILED,
            "kzcn: cannot write out.csv: No space left on device\n",
        ),
        (OSError(errno.EIO, "I/O error"), ExitStatus.OUTPUT_FAILED, "kzcn: cannot write output: I/O error\n"),
        (
            UnicodeEncodeError("ascii", "a—b", 1, 2, "ordinal not in range"),
            ExitStatus.OUTPUT_FAILED,
            "kzcn: cannot write output: the output encoding cannot show '—'\n",
        ),
        (
            ValueError("x"),
            ExitStatus.INTERNAL,
            "kzcn: internal error (ValueError); this is a bug in kzcn. Run again with KZCN_DEBUG=1 to see the "
            "traceback, and report it.\n",
        ),
    ],
)
def test_report_says_what_went_wrong_and_gives_the_status(
    error: BaseException,
    status: int,
    stderr: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("KZCN_DEBUG", raising=False)
    monkeypatch.delenv("_KZCN_COMPLETE", raising=False)
    monkeypatch.setattr("kzcn.cli.status.silence_stdout", lambda: None)
    assert report(error) == status
    assert capsys.readouterr() == ("", stderr)


def test_report_stays_silent_in_completion_and_lets_a_bug_through_when_debugging(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("_KZCN_COMPLETE", "complete_bash")
    assert report(ValueError("x")) == ExitStatus.INTERNAL
    assert capsys.readouterr() == ("", "")
    monkeypatch.setenv("KZCN_DEBUG", "1")
    assert report(ValueError("x")) is None
    assert report(SystemExit(0)) is None


def test_report_silences_stdout_after_a_broken_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    silenced: list[bool] = []
    monkeypatch.setattr("kzcn.cli.status.silence_stdout", lambda: silenced.append(True))
    assert report(BrokenPipeError()) == ExitStatus.BROKEN_PIPE
    assert silenced == [True]


def test_a_problem_is_one_line_and_an_error_its_problems_lines() -> None:
    first = Problem("kb.yaml", "two\nlines\tand a tab", line=3, column=4, path="facts[0].id")
    second = Problem("kb.yaml", "the file as a whole")
    assert str(first) == "kb.yaml:3:4: facts[0].id: two\\nlines\\tand a tab"
    assert str(Problem("kb.yaml", "m", line=7)) == "kb.yaml:7: m"
    error = KnowledgeBaseError([first, second])
    assert str(error) == "kb.yaml:3:4: facts[0].id: two\\nlines\\tand a tab\nkb.yaml: the file as a whole"
    assert error.lines() == [str(first), str(second)] and error.problems == [first, second]


@pytest.mark.parametrize(
    ("words", "cword", "offered"),
    [
        ("kzcn show income-t", "2", ["income-transit-2017"]),  # a value: the fast path's to complete
        ("kzcn fac", "1", ["facts"]),  # a command's name: Typer's
    ],
)
def test_main_answers_the_shells_completion_request(
    words: str,
    cword: str,
    offered: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    leaving: None,
    write_kb: Callable[..., Path],
) -> None:
    monkeypatch.setenv("KZCN_FACTS", str(write_kb()))
    monkeypatch.setenv("_KZCN_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", cword)
    assert run_main(monkeypatch) == 0
    assert capsys.readouterr().out.split() == offered


# -- issue 20, case 12: closed standard streams ----------------------------------------------------------------------


def _with_closed(tmp_path: Path, descriptor: int, *args: str) -> tuple[int, str, str]:
    """kzcn run as a process with stdout (1) or stderr (2) closed: its status and what reached the other stream."""
    import subprocess

    from conftest import subprocess_env

    other = subprocess.PIPE
    child = subprocess.run(
        [sys.executable, "-m", "kzcn", *args],
        stdout=other if descriptor == 2 else None,
        stderr=other if descriptor == 1 else None,
        env=subprocess_env(tmp_path),
        preexec_fn=lambda: os.close(descriptor),
        timeout=60,
        check=False,
    )
    return child.returncode, (child.stdout or b"").decode(), (child.stderr or b"").decode()


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("facts", "--help"), ("facts", "--json")])
def test_output_to_a_closed_stdout_is_a_failure_to_write_not_a_success(tmp_path: Path, args: tuple[str, ...]) -> None:
    # --help and --version exited 0 having written nothing.
    assert _with_closed(tmp_path, 1, *args) == (
        ExitStatus.OUTPUT_FAILED,
        "",
        "kzcn: cannot write output: Bad file descriptor\n",
    )


@pytest.mark.parametrize("args", [("--bogus",), ("facts", "--bogus"), ("show", "no-such-fact")])
def test_with_stderr_closed_a_message_never_lands_in_stdout(tmp_path: Path, args: tuple[str, ...]) -> None:
    # Click's usage error went to stdout, where a script reads data.
    status, stdout, _stderr = _with_closed(tmp_path, 2, *args)
    assert (status, stdout) == (ExitStatus.NOT_FOUND if args[0] == "show" else ExitStatus.USAGE, "")
