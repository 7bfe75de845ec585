"""The terminal and the process: how to render for this stdout, writing output and messages, and leaving."""

from __future__ import annotations

import contextlib
import errno
import io  # loaded by the interpreter itself for sys.stdout: no cost
import os
import sys

from kzcn.errors import UsageError
from kzcn.escape import visible
from kzcn.render.options import DelimitedOptions, RenderOptions

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any


def render_options(
    fields: str | None, no_color: bool, *, header: bool = True, formula_guard: bool = True
) -> RenderOptions:
    """How to render: --fields, and colour unless --no-color, NO_COLOR or TERM=dumb; the terminal's width."""
    wanted = [name.strip() for name in fields.split(",") if name.strip()] if fields is not None else None
    if fields is not None and not wanted:
        raise UsageError("--fields needs at least one field name, such as --fields id,statement")
    env = os.environ
    if no_color or env.get("NO_COLOR") or env.get("TERM") == "dumb":
        color = False
    elif env.get("FORCE_COLOR"):
        color = True
    else:
        color = _isatty(sys.stdout)
    width = max(10, terminal_width())
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        "\u2014\u00b6".encode(encoding)
        ascii_only = False
    except (UnicodeEncodeError, LookupError):
        ascii_only = True
    return RenderOptions(
        fields=wanted,
        color=color,
        width=width,
        ascii_only=ascii_only,
        delimited=DelimitedOptions(header=header, formula_guard=formula_guard),
    )


MAX_WIDTH = 1000
"""The widest output kzcn lays out, whatever COLUMNS says: COLUMNS=2147483647 made Rich allocate until it failed,
and COLUMNS=100000000 wrote 558 MB of chart bars."""


MAX_LINES = 100_000
"""The tallest terminal kzcn believes LINES about."""


def sane_terminal_environment() -> None:
    """COLUMNS and LINES as Rich will read them: a positive whole number within MAX_WIDTH and MAX_LINES, or not set.
    Rich reads them itself, and a 4,301-digit COLUMNS stopped it with a ValueError (Python's integer limit)."""
    for name, limit in (("COLUMNS", MAX_WIDTH), ("LINES", MAX_LINES)):
        value = os.environ.get(name)
        if value is None:
            continue
        digits = value.strip()
        if digits.isascii() and digits.isdigit() and int(digits[:12]) > 0:
            os.environ[name] = str(min(int(digits[:12]), limit))
        else:
            del os.environ[name]


def terminal_width() -> int:
    """COLUMNS if it is a positive number, else the terminal's width, else 100 (output to a pipe or file); at most
    MAX_WIDTH."""
    try:
        columns = int(os.environ.get("COLUMNS", "")[:12])  # a longer number is wider than MAX_WIDTH anyway
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or 100  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 100
    return min(columns, MAX_WIDTH)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def stand_in_for_closed_streams() -> None:
    """Stand-ins for stdout and stderr when kzcn was started with them closed (`kzcn --help >&-`), where Python
    sets them to None: Click then dropped help without a word (exit 0) and wrote its usage errors to stdout, where
    a script reads data. Now writing to a closed stdout fails as a full disk does (exit 74), and messages to a
    closed stderr go nowhere."""
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedOutput()), encoding="utf-8")
    if sys.stderr is None:
        sys.stderr = io.TextIOWrapper(io.BufferedWriter(_Discarded()), encoding="utf-8")


class _ClosedOutput(io.RawIOBase):
    """A stdout that was closed: every write fails with EBADF, which kzcn reports as output it cannot write."""

    def writable(self) -> bool:
        return True

    def write(self, _data: Any) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


class _Discarded(io.RawIOBase):
    """A stderr that was closed: messages have nowhere to go."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return len(data)


MAX_MESSAGE = 2000
"""The longest message line kzcn writes: one that quotes a 100,000-character argument back is cut, with "…"."""


def say(line: str) -> None:
    """One message line on stderr, its control characters made visible: messages quote knowledge-base text too."""
    shown = visible(line, one_line=True)
    if len(shown) > MAX_MESSAGE:
        shown = shown[: MAX_MESSAGE - 1] + "…"
    try:
        sys.stderr.write(shown + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr itself is gone (closed, or None when started with 2>&-): there is nobody left to tell


def write(text: str, *, pager: bool = False) -> None:
    """All output in few large writes: with PYTHONUNBUFFERED, small writes would cost a syscall each. With `pager`,
    output taller than the terminal goes through the pager (kzcn/cli/pager.py decides)."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed (`kzcn facts >&-`)
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        data = text.encode(encoding, errors="backslashreplace")
    except LookupError:
        data = text.encode("utf-8", errors="backslashreplace")
    try:
        descriptor = stream.fileno()
    except (AttributeError, ValueError, OSError):
        descriptor = -1
    if descriptor < 0:  # an in-memory stream, as in tests
        if hasattr(stream, "buffer"):
            stream.buffer.write(data)
        else:
            stream.write(data.decode(encoding))
        stream.flush()
        return
    if pager and _isatty(stream):
        from kzcn.cli.pager import page, pager_command, screen_lines, terminal_height

        command = pager_command(
            is_terminal=True,
            no_pager=False,
            environ=os.environ,
            lines=screen_lines(text, terminal_width()),
            height=terminal_height(stream),
        )
        if command is not None and page(data, command):
            return
    stream.flush()
    view = memoryview(data)
    while view:
        # os.write reports a short write when the reader goes away mid-way; the next call then fails with
        # EPIPE, so lost output always ends in an error, never in a silent success.
        written = os.write(descriptor, view[: 1 << 20])
        view = view[written:]


def silence_stdout() -> None:
    """After a broken pipe, Python would complain again while flushing stdout at exit ("Exception ignored")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def exit_now(status: int, *, broken_pipe: int, output_failed: int) -> None:
    """Flush and leave without the interpreter's teardown.

    Tearing down some two hundred imported modules costs about 7 ms, an eighth of a whole run (measured with
    os._exit against a normal exit, benchmarks/README.md). Nothing is lost by skipping it: kzcn's output is
    flushed here, the cache was written and renamed atomically before, and kzcn registers no exit handlers.
    """
    try:
        if sys.stdout is not None:  # None when started with stdout closed and nothing was written
            sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        status = status or broken_pipe
    except (OSError, ValueError):
        status = status or output_failed
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(status)
