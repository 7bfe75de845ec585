"""Writing a user's file safely: regular files only, never the knowledge base, an existing file only when asked,
atomically, and nothing left behind when interrupted."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator

from kzcn.errors import UsageError

SYSTEM_DIRECTORIES = ("/dev/", "/proc/", "/sys/")
"""Paths under these are devices and kernel files (/dev/null, /dev/stdout, /proc/self/fd/1), never a file to write:
renaming a file onto /dev/stdout would replace the link itself. /dev/shm, a memory file system, is the exception."""


def system_path(path: str) -> bool:
    """True for a path under /dev, /proc or /sys (but /dev/shm): devices and kernel files, never a file to write."""
    return (path + "/").startswith(SYSTEM_DIRECTORIES) and not path.startswith("/dev/shm/")


class OutputFileError(UsageError):
    """The file to write cannot be used: it exists (without --force), is no regular file, or is the knowledge base."""


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived while a file was being written: clean up as Ctrl-C does, then die of the signal."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


def refuse_target(
    target: str, kb_path: str, *, force: bool, what: str = "file", source: str = "the knowledge base it was made from"
) -> None:
    """OutputFileError unless `target` may be written: a regular file or a new one, never the knowledge base, an
    existing file only with force. Devices, FIFOs, sockets and /dev/std* are refused even with force."""
    if not target:
        raise OutputFileError(f"the file name is empty; name the {what} to write")
    if target == "-":
        raise OutputFileError(f"'-' (stdout) cannot take a {what}; name the {what} to write")
    if os.path.isdir(target):
        raise OutputFileError(f"{target} is a directory; name the {what} to write")
    directory = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(directory):
        raise OutputFileError(f"cannot write {target}: the directory {directory} does not exist")
    real = os.path.realpath(target)
    try:
        info: os.stat_result | None = os.stat(target)
    except OSError:  # a new file, or a link to nothing
        info = None
    if (
        (info is not None and not stat.S_ISREG(info.st_mode))
        or system_path(os.path.abspath(target))
        or system_path(real)
    ):
        raise OutputFileError(
            f"{target} is not a regular file (a device, FIFO, socket or system file); kzcn writes regular files "
            f"only, so name a {what} to write"
        )
    same = real == os.path.realpath(kb_path)
    if not same and info is not None and os.path.exists(kb_path):
        same = os.path.samefile(target, kb_path)
    if same:
        raise OutputFileError(f"{target} is {source}; name another file")
    if os.path.lexists(target) and not force:
        raise OutputFileError(f"{target} exists; add --force to replace it")


def umask() -> int:
    """The process's file-creation mask (reading it means setting it: set it back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def replacing(target: str, *, force: bool = False, suffix: str = ".tmp") -> Iterator[str]:
    """A temporary file beside `target` to fill; on success it is synced and put in place: renamed over `target`
    with force (a reader sees the old file or the whole new one), else linked to the name only if nothing has
    taken it meanwhile. On any failure, Ctrl-C, SIGTERM or SIGHUP it is deleted and nothing is left behind."""
    directory = os.path.dirname(os.path.abspath(target))
    with _terminations_raise():
        try:
            descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".kzcn-", suffix=suffix)
        except OSError as error:  # name the file asked for, not the temporary one
            raise OSError(error.errno, error.strerror, target) from None
        os.close(descriptor)
        try:
            yield temporary
            with open(temporary, "rb+") as written:
                os.fsync(written.fileno())  # on disk before the name makes it visible
            os.chmod(temporary, 0o666 & ~umask())
            if force:
                os.replace(temporary, target)
            else:
                _place_new(temporary, target)
        finally:
            if os.path.lexists(temporary):
                os.unlink(temporary)


def _place_new(temporary: str, target: str) -> None:
    """Gives the written file the name `target` only if no file has it: a file that appeared while kzcn was
    writing (the existence check came before the work) is never replaced without --force."""
    appeared = OutputFileError(
        f"{target} appeared while kzcn was writing it and was left as it is; add --force to replace it"
    )
    try:
        os.link(temporary, target)  # fails if the name is taken, atomically
        return
    except FileExistsError:
        raise appeared from None
    except OSError:
        pass  # a file system without hard links: create the name exclusively and copy
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise appeared from None
    with os.fdopen(descriptor, "wb") as out, open(temporary, "rb") as written:
        while chunk := written.read(1 << 20):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


@contextlib.contextmanager
def _terminations_raise() -> Iterator[None]:
    """SIGTERM and SIGHUP raise inside the block (so its cleanup runs, as for Ctrl-C), and then end the process by
    the same signal, so the caller sees the status it would have without kzcn's cleanup."""
    import signal

    previous = {}
    for number in (signal.SIGTERM, signal.SIGHUP):
        with contextlib.suppress(ValueError, OSError):  # not the main thread: leave the signal as it is
            previous[number] = signal.signal(number, _raise_terminated)
    try:
        yield
    except _Terminated as terminated:
        signal.signal(terminated.signal_number, signal.SIG_DFL)
        os.kill(os.getpid(), terminated.signal_number)
        raise  # only if the signal is blocked: the exception then ends the process as an error would
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _raise_terminated(signal_number: int, _frame: object) -> None:
    raise _Terminated(signal_number)


def write_atomically(target: str, data: bytes, *, kb_path: str, force: bool = False) -> None:
    """Writes `data` to `target` atomically (see `replacing`), never over the knowledge base nor, unasked, a file."""
    refuse_target(target, kb_path, force=force)
    with replacing(target, force=force) as temporary, open(temporary, "wb") as output:
        output.write(data)
