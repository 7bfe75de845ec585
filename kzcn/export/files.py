"""Writing a user's file safely: never the knowledge base, an existing file only when asked, and atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator

from kzcn.errors import UsageError


class OutputFileError(UsageError):
    """The file to write cannot be used: it exists (without --force), is a directory, or is the knowledge base."""


def refuse_target(
    target: str, kb_path: str, *, force: bool, what: str = "file", source: str = "the knowledge base it was made from"
) -> None:
    """OutputFileError unless `target` may be written: never the knowledge base, an existing file only with force."""
    if os.path.isdir(target):
        raise OutputFileError(f"{target} is a directory; name the {what} to write")
    directory = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(directory):
        raise OutputFileError(f"cannot write {target}: the directory {directory} does not exist")
    same = os.path.realpath(target) == os.path.realpath(kb_path)
    if not same and os.path.exists(target) and os.path.exists(kb_path):
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
def replacing(target: str, *, suffix: str = ".tmp") -> Iterator[str]:
    """A temporary file beside `target` to fill; on success it is synced and renamed over `target` (a reader sees
    the old file or the whole new one), on any failure it is deleted and nothing is left behind."""
    directory = os.path.dirname(os.path.abspath(target))
    try:
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".kzcn-", suffix=suffix)
    except OSError as error:  # name the file asked for, not the temporary one
        raise OSError(error.errno, error.strerror, target) from None
    os.close(descriptor)
    try:
        yield temporary
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())  # on disk before the rename makes it visible
        os.chmod(temporary, 0o666 & ~umask())
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def write_atomically(target: str, data: bytes, *, kb_path: str, force: bool = False) -> None:
    """Writes `data` to `target` atomically (see `replacing`), never over the knowledge base nor, unasked, a file."""
    refuse_target(target, kb_path, force=force)
    with replacing(target) as temporary, open(temporary, "wb") as output:
        output.write(data)
