"""kzcn.cli.output in-process: how to render for this stdout, writing output and messages, and leaving."""

import io
import os
import sys
from pathlib import Path

import pytest

from kzcn.cli import output
from kzcn.cli.output import exit_now, render_options, say, terminal_width, write
from kzcn.errors import UsageError
from kzcn.render.options import DelimitedOptions


class _Terminal(io.StringIO):
    """A stdout that says it is a terminal (or not), with an encoding."""

    def __init__(self, *, tty: bool, encoding: str = "utf-8") -> None:
        super().__init__()
        self.tty = tty
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    def isatty(self) -> bool:
        return self.tty


@pytest.fixture
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


def test_render_options_read_fields_colour_width_and_encoding(
    monkeypatch: pytest.MonkeyPatch, plain_environment: None
) -> None:
    monkeypatch.setattr(sys, "stdout", _Terminal(tty=True))
    monkeypatch.setenv("COLUMNS", "93")
    options = render_options(" id, ,statement ", False, header=False, formula_guard=False)
    assert (options.fields, options.color, options.width, options.ascii_only) == (["id", "statement"], True, 93, False)
    assert options.delimited == DelimitedOptions(header=False, formula_guard=False)
    assert render_options(None, False).delimited == DelimitedOptions(header=True, formula_guard=True)
    assert render_options(None, False).fields is None


@pytest.mark.parametrize(
    ("tty", "no_color", "env", "color"),
    [
        (True, True, {}, False),
        (True, False, {"NO_COLOR": "1"}, False),
        (True, False, {"TERM": "dumb"}, False),
        (True, False, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        (False, False, {"FORCE_COLOR": "1"}, True),
        (False, False, {}, False),
        (True, False, {"TERM": "xterm"}, True),
    ],
)
def test_colour_only_where_wanted(
    tty: bool,
    no_color: bool,
    env: dict[str, str],
    color: bool,
    monkeypatch: pytest.MonkeyPatch,
    plain_environment: None,
) -> None:
    monkeypatch.setattr(sys, "stdout", _Terminal(tty=tty))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert render_options(None, no_color).color is color


def test_an_output_encoding_without_dashes_is_ascii_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _Terminal(tty=False, encoding="ascii"))
    assert render_options(None, False).ascii_only is True
    monkeypatch.setattr(sys, "stdout", _Terminal(tty=False, encoding="no-such-codec"))
    assert render_options(None, False).ascii_only is True


def test_render_options_need_a_field_when_fields_are_given() -> None:
    with pytest.raises(UsageError, match="--fields needs at least one field name, such as --fields id,statement"):
        render_options(" , ", False)


def test_a_width_below_ten_columns_is_raised_to_ten(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "3")
    assert render_options(None, False).width == 10


@pytest.mark.parametrize(
    ("columns", "width"),
    [
        ("120", 120),
        ("1", 1),
        ("0", 100),
        ("-5", 100),
        ("wide", 100),
        ("1000", 1000),
        ("1001", 1000),
        # Issue 20, case 10: these were exit 70 (MemoryError, OverflowError) or 558 MB of bars.
        ("2147483647", 1000),
        ("99999999999999999999", 1000),
        ("100000000", 1000),
        ("9" * 5000, 1000),
    ],
)
def test_terminal_width_from_columns_else_100_without_a_terminal(
    columns: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr("os.get_terminal_size", lambda fd: (_ for _ in ()).throw(OSError("not a terminal")))
    assert terminal_width() == width


def test_terminal_width_asks_the_terminal_without_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr("os.get_terminal_size", lambda fd: os.terminal_size((132, 40)))
    assert terminal_width() == 132
    monkeypatch.setattr("os.get_terminal_size", lambda fd: os.terminal_size((0, 40)))
    assert terminal_width() == 100
    monkeypatch.setattr("os.get_terminal_size", lambda fd: os.terminal_size((5000, 40)))
    assert terminal_width() == 1000


def test_say_writes_one_visible_line_and_survives_a_missing_stderr(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    say("kzcn: two\nlines\x1b[2J")
    assert capsys.readouterr() == ("", "kzcn: two\\nlines\\x1b[2J\n")
    monkeypatch.setattr(sys, "stderr", None)
    say("nobody hears this")


def test_write_to_an_in_memory_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _Terminal(tty=False, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", text)
    write("Côte\n")
    assert text.getvalue() == "C\\xf4te\n"


def test_write_to_a_file_writes_every_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "ü" * 3_000_000  # more than one write of a mebibyte
    path = tmp_path / "out.txt"
    with open(path, "w", encoding="utf-8") as stream:  # as `kzcn facts > out.txt` gives stdout
        monkeypatch.setattr(sys, "stdout", stream)
        write(text, pager=True)  # a file is no terminal: no pager
    assert path.read_text(encoding="utf-8") == text


def test_write_without_stdout_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(OSError, match="Bad file descriptor"):
        write("x")


def test_exit_now_keeps_a_failure_status_and_maps_failed_flushes(monkeypatch: pytest.MonkeyPatch) -> None:
    statuses: list[int] = []
    monkeypatch.setattr(os, "_exit", statuses.append)

    class Failing(io.StringIO):
        def __init__(self, error: type[BaseException]) -> None:
            super().__init__()
            self.error = error

        def flush(self) -> None:
            raise self.error()

    monkeypatch.setattr(output, "silence_stdout", lambda: None)
    monkeypatch.setattr(sys, "stdout", Failing(BrokenPipeError))
    exit_now(0, broken_pipe=141, output_failed=74)
    exit_now(3, broken_pipe=141, output_failed=74)
    monkeypatch.setattr(sys, "stdout", Failing(OSError))
    exit_now(0, broken_pipe=141, output_failed=74)
    exit_now(1, broken_pipe=141, output_failed=74)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    exit_now(2, broken_pipe=141, output_failed=74)
    assert statuses == [141, 3, 74, 1, 2]


def test_tall_output_on_a_terminal_goes_through_the_pager_and_short_output_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    master, replica = os.openpty()
    with os.fdopen(replica, "w", encoding="utf-8") as terminal:
        monkeypatch.setattr(sys, "stdout", terminal)
        monkeypatch.setenv("LINES", "5")
        monkeypatch.setenv("COLUMNS", "80")
        monkeypatch.setenv("KZCN_PAGER", "mypager -x")
        paged: list[tuple[bytes, list[str]]] = []
        monkeypatch.setattr("kzcn.cli.pager.page", lambda data, command: paged.append((data, command)) or True)
        write("line\n" * 10, pager=True)
        write("short\n", pager=True)
        write("line\n" * 10)  # no pager asked for
    assert paged == [(b"line\n" * 10, ["mypager", "-x"])]
    assert os.read(master, 1000).replace(b"\r\n", b"\n") == b"short\n" + b"line\n" * 10
    os.close(master)


def test_exit_now_survives_a_closed_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    statuses: list[int] = []
    monkeypatch.setattr(os, "_exit", statuses.append)

    class Closed(io.StringIO):
        def flush(self) -> None:
            raise ValueError("I/O operation on closed file")

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", Closed())
    exit_now(0, broken_pipe=141, output_failed=74)
    assert statuses == [0]


def test_a_message_quoting_a_huge_argument_is_cut(capsys: pytest.CaptureFixture[str]) -> None:
    # `kzcn show <100,000 letters>` wrote 100 KB to stderr (an adversarial review, issue 24).
    from kzcn.cli.output import MAX_MESSAGE, say

    say("kzcn: no fact with id '" + "a" * 100_000 + "'")
    say("short")
    lines = capsys.readouterr().err.split("\n")
    assert (len(lines[0]), lines[0][-2:], lines[1]) == (MAX_MESSAGE, "a…", "short")
