"""Writing a user's file safely: never the knowledge base, an existing file only when asked, and atomically."""

from __future__ import annotations

import os
import tempfile

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


def write_atomically(target: str, data: bytes, *, kb_path: str, force: bool = False) -> None:
    """Writes `data` to `target` through a temporary file beside it and a rename: a reader sees the old file or the
    whole new one, and a failure leaves nothing behind."""
    refuse_target(target, kb_path, force=force)
    directory = os.path.dirname(os.path.abspath(target))
    try:
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".kzcn-", suffix=".tmp")
    except OSError as error:  # name the file asked for, not the temporary one
        raise OSError(error.errno, error.strerror, target) from None
    try:
        with os.fdopen(descriptor, "wb") as output:
            output.write(data)
            output.flush()
            os.fsync(output.fileno())  # on disk before the rename makes it visible
        os.chmod(temporary, 0o666 & ~umask())
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
