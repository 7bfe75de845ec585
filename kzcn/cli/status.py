"""Exit statuses, in one place: what each means, and the one mapping from an exception to its message and status."""

import enum
import os

from kzcn.cli.output import say, silence_stdout
from kzcn.errors import KnowledgeBaseError, KzcnError, NotFoundError


class ExitStatus(enum.IntEnum):
    """Every status kzcn exits with; the README and --help list the same."""

    OK = 0
    NOT_FOUND = 1  # what was asked for does not exist: an unknown id, a year with no figure
    USAGE = 2  # the command line asks for something kzcn cannot do
    KB_UNUSABLE = 3  # the knowledge base cannot be loaded, or fails its check
    INTERNAL = 70  # EX_SOFTWARE from sysexits.h: a bug in kzcn, not the user's doing
    OUTPUT_FAILED = 74  # EX_IOERR from sysexits.h: the output could not be written (a full disk, say)
    INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
    BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader closed the pipe before all output was written


EXIT_STATUS_HELP = (
    "Exit statuses: 0 success (an empty result is still success); 1 what was asked for does not exist "
    "(an unknown id, a year with no figure); 2 usage error; 3 the knowledge base cannot be loaded or fails its "
    "check; 70 internal error (a bug: rerun with KZCN_DEBUG=1 for the traceback); 74 output could not be written; "
    "130 interrupted; 141 the reader closed the pipe early."
)


def _status_of(error: KzcnError) -> ExitStatus:
    if isinstance(error, NotFoundError):
        return ExitStatus.NOT_FOUND
    if isinstance(error, KnowledgeBaseError):
        return ExitStatus.KB_UNUSABLE
    return ExitStatus.USAGE


def report(error: BaseException) -> int | None:
    """Says on stderr what went wrong and returns the documented exit status; None for what must propagate.

    The one mapping from exceptions to messages and statuses, used inside commands and around the whole app.
    """
    if isinstance(error, KzcnError):
        for line in error.lines():
            say(line)
        return _status_of(error)
    if isinstance(error, KeyboardInterrupt):
        say("kzcn: interrupted")
        return ExitStatus.INTERRUPTED
    if isinstance(error, BrokenPipeError):
        silence_stdout()
        return ExitStatus.BROKEN_PIPE
    if isinstance(error, (OSError, UnicodeEncodeError)):  # the output (or a file kzcn writes) cannot be written
        if isinstance(error, UnicodeEncodeError):
            reason = f"the output encoding cannot show {error.object[error.start : error.end]!r}"
        else:
            reason = str(error.strerror or error)
        target = f" {error.filename}" if isinstance(error, OSError) and error.filename else " output"
        say(f"kzcn: cannot write{target}: {reason}")
        silence_stdout()
        return ExitStatus.OUTPUT_FAILED
    if isinstance(error, Exception):
        if os.environ.get("KZCN_DEBUG"):
            return None
        if "_KZCN_COMPLETE" not in os.environ:  # completion must stay silent, whatever the shell passed
            say(
                f"kzcn: internal error ({type(error).__name__}); this is a bug in kzcn. "
                "Run again with KZCN_DEBUG=1 to see the traceback, and report it."
            )
        return ExitStatus.INTERNAL
    return None  # SystemExit and the like
