"""Reading a file kzcn is given, safely: a regular file, of bounded size, read without blocking and never whole at once
before its size is known."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from kzcn.errors import KnowledgeBaseError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from typing import Any

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Larger files are refused before reading: a knowledge base of 100,000 facts is about 60 MiB."""


@dataclass(frozen=True)
class InputKind:
    """What a file read is to the user, for the messages that refuse it."""

    noun: str
    """What the file should be: "knowledge-base file"."""
    give: str
    """What to give instead of a device or FIFO: "a YAML file"."""
    inside: str
    """What to name inside a directory given instead: "the facts.yaml"."""
    plural: str
    """What kzcn reads, in the plural, for the size limit: "knowledge bases"."""
    given_by: str
    """Where the path came from: "--facts or KZCN_FACTS"."""


KNOWLEDGE_BASE = InputKind(
    "knowledge-base file", "a YAML file", "the facts.yaml", "knowledge bases", "--facts or KZCN_FACTS"
)
"""The knowledge base, from --facts, KZCN_FACTS or the one shipped."""


def read_bytes(path: str, kind: InputKind = KNOWLEDGE_BASE) -> bytes:
    """The file's bytes, refusing what is not a regular, readable file of sane size: a device such as /dev/zero
    would never end, and a FIFO would wait for a writer."""
    try:
        # stat before open: opening a FIFO for reading would block until a writer appears.
        info = os.stat(path)
    except FileNotFoundError:
        raise KnowledgeBaseError.of_file(path, f"no such file; check the path given by {kind.given_by}") from None
    except OSError as error:
        raise KnowledgeBaseError.of_file(path, f"cannot be read: {error.strerror or error}") from None
    not_regular = f"is not a regular file (a device, FIFO or socket); give {kind.give}"
    if stat.S_ISDIR(info.st_mode):
        raise KnowledgeBaseError.of_file(path, f"is a directory, not a {kind.noun}; name {kind.inside} inside it")
    if not stat.S_ISREG(info.st_mode):
        raise KnowledgeBaseError.of_file(path, not_regular)
    if info.st_size > MAX_FILE_BYTES:
        raise KnowledgeBaseError.of_file(
            path, f"is {info.st_size:,} bytes; kzcn reads {kind.plural} of at most {MAX_FILE_BYTES:,} bytes"
        )
    try:
        # O_NONBLOCK: should the path become a FIFO between the stat and the open, the open still returns.
        with open(path, "rb", buffering=0, opener=_open_nonblocking) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise KnowledgeBaseError.of_file(path, not_regular)
            raw = read_capped(handle, info.st_size, MAX_FILE_BYTES)
    except OSError as error:
        raise KnowledgeBaseError.of_file(path, f"cannot be read: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise KnowledgeBaseError.of_file(
            path, f"is larger than {MAX_FILE_BYTES:,} bytes; kzcn reads {kind.plural} of at most that"
        )
    return raw


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def read_capped(handle: Any, expected: int, cap: int) -> bytes:
    """At most cap + 1 bytes from an unbuffered file, counted as read: a /proc file stats as size 0 and may never
    end. `expected` is the size stat reported."""
    chunks = []
    total = 0
    # First the size stat reports and one byte more, so a regular file is one read and its end the next; then
    # chunks from 64 KiB, doubling. A read allocates what it asks for: one read of the whole cap took 256 MiB
    # for every file, however small.
    wanted = min(expected, cap) + 1
    following = 64 * 1024
    while total <= cap:
        chunk = handle.read(min(wanted, cap + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        wanted, following = following, min(following * 2, 16 << 20)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)
