"""The command line: the only package that knows Typer and exit statuses; one module per family of commands."""

from __future__ import annotations

import gc
import os
import sys

from kzcn.cli.output import exit_now, sane_terminal_environment, stand_in_for_closed_streams
from kzcn.cli.status import ExitStatus, report

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any

COMPLETE_VAR = "_KZCN_COMPLETE"
"""The environment variable through which a shell's completion script asks kzcn for completions (Click's name)."""


def main() -> None:
    """The app, with what happens outside any command handled too: interrupts, broken pipes, unwritable output."""
    # A run is short and builds no cycles worth collecting; the collector's passes only cost time (and the
    # process leaves through os._exit without a teardown). kzcn.kb.load does the same around a load for library use.
    gc.disable()
    if sys.stdout is None or sys.stderr is None:
        stand_in_for_closed_streams()
    if "COLUMNS" in os.environ or "LINES" in os.environ:
        sane_terminal_environment()
    try:
        status = _run()
    except SystemExit as exit_request:
        status = _exit_status(exit_request.code)
    except BaseException as error:  # outside any command: --help, --version, completion, start-up
        reported = report(error)
        if reported is None:
            raise
        status = reported
    exit_now(status, broken_pipe=ExitStatus.BROKEN_PIPE, output_failed=ExitStatus.OUTPUT_FAILED)


def _run() -> int:
    """A command line the fast path reads, run without Typer; any other by the Typer app. Its exit status."""
    from kzcn.cli import fast

    if COMPLETE_VAR in os.environ:  # the shell asks for completions
        answer = fast.complete(os.environ)
        if answer is not None:
            from kzcn.cli.output import write

            write(answer + "\n")
            return 0
        import typer

        from kzcn.cli.completion_classes import use_quoting_completion
        from kzcn.cli.typer_app import app

        command = typer.main.get_command(app)
        use_quoting_completion()  # after get_command, which registers Typer's own completion classes
        command(prog_name="kzcn")
        return 0
    call = fast.read(sys.argv[1:])
    if call is not None:
        return fast.run(call)
    from kzcn.cli.typer_app import app

    app(prog_name="kzcn")
    return 0


def _exit_status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    from kzcn.cli.output import say

    say(str(code))  # sys.exit("message") semantics
    return 1


def __getattr__(name: str) -> Any:
    """`kzcn.cli.app`, the Typer app, built when first asked for: a run on the fast path never builds it."""
    if name == "app":
        from kzcn.cli.typer_app import app

        globals()["app"] = app
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["app", "main"]
