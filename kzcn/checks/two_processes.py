"""The facts of a large knowledge base checked in two processes at once: every other fact in a forked child, their
problems joined in the facts' order, so that the result is the one a single process gives."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (kzcn/records_light.py)

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn

    from kzcn.checks.check import _Checker
    from kzcn.errors import Problem

MIN_FACTS = 1_000
"""Fewer facts are checked in one process, which is simpler to follow: their check takes under a tenth of a second
(measured in process, generated knowledge bases: 300 facts 43 ms in one process, 31 ms in two; 1,000 facts 127
and 79 ms; 2,000 facts 244 and 144 ms; 30,000 facts 3.5 and 2.0 s)."""

MAX_HELD_BYTES = 512 * 1024 * 1024
"""A process that has held this much checks alone. A forked child shares the parent's memory until it writes to it,
and checking half the facts writes to most pages that hold them (each object read has its reference count changed):
measured, the child copied 53% of a 239 MiB parent (30,000 facts) and 58% of a 1,084 MiB one (150,000 facts). Up
to this size, both together stay under about 820 MiB."""

LOOK_EVERY = 64
"""Facts checked between two looks at the other process: a parent whose child has failed stops early, and a child
whose parent has gone (killed, say) stops too, rather than check on for nobody."""


class InOrderOnly(Exception):
    """Raised by the check where a quote stands nowhere in its source while the facts are checked in two processes:
    whether its closest passage is sought depends on the searches before it (one budget of searches and seconds,
    spent in the facts' order), so the facts go back to one process."""


@dataclass(frozen=True)
class _Before:
    """What the checker held before the facts, to start again from in one process."""

    problems: int
    """How many problems it had found."""
    excepted: frozenset[tuple[str, str]]
    """The (fact id, rule) pairs its exceptions had excused."""
    started: float
    """time.monotonic() when the two processes began: the seconds they took are given back to the search budget."""


def check_in_two(checker: _Checker, count: int) -> bool:
    """Checks facts 0 to count - 1 with checker.fact in two processes, the child taking the even ones (so that a
    knowledge base whose claims come before its evidence splits evenly). False, with the checker as it was, where two
    processes cannot be had (no fork, one CPU, threads running, too large a process) or would not give what one
    gives: the child failed, a check raised (one process then raises the error where it stands first), or a quote
    stands nowhere in its source (see InOrderOnly)."""
    if not _two_processes_pay(count):
        return False
    import signal  # before the fork: an interrupt while it imported would leave the child running

    before = _Before(len(checker.problems), frozenset(checker.excepted), time.monotonic())
    try:
        reader, writer = os.pipe()
    except OSError:  # no descriptor left: check in this process
        return False
    parent = os.getpid()
    checker.halved = True
    try:
        pid = os.fork()
    except OSError:  # no process left to have
        os.close(reader)
        os.close(writer)
        checker.halved = False
        return False
    if pid == 0:
        _child(checker, range(0, count, 2), reader, writer, parent)
    os.close(writer)
    child = _Child(pid, signal.SIGKILL)
    odd: list[list[Problem]] | None = None
    sent = b""
    try:
        with os.fdopen(reader, "rb") as pipe:
            odd = _each_fact(checker, range(1, count, 2), child.failed)
            if odd is not None:
                sent = pipe.read()
        if odd is not None and child.wait() != 0:
            sent = b""
    except Exception:  # InOrderOnly, or a bug: the one-process check raises it where it stands first
        odd = None
    finally:
        checker.halved = False
        child.stop()
    if odd is None or not sent:
        _restore(checker, before)
        return False
    import pickle

    even, excepted = pickle.loads(sent)  # written by this process's own fork, just now
    for index in range(count):
        checker.problems += (odd if index % 2 else even)[index // 2]
    checker.excepted |= excepted
    return True


def _two_processes_pay(count: int) -> bool:
    if count < MIN_FACTS or not hasattr(os, "fork"):
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    threading = sys.modules.get("threading")
    # A fork copies the calling thread alone: a lock another thread held would stay held in the child for ever.
    if cpus < 2 or (threading is not None and threading.active_count() > 1):
        return False
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak * (1 if sys.platform == "darwin" else 1024) <= MAX_HELD_BYTES


def _each_fact(checker: _Checker, indices: range, stop: Callable[[], bool]) -> list[list[Problem]] | None:
    """Each fact's problems, checked in turn; None as soon as `stop()` says so (asked every LOOK_EVERY facts)."""
    found = []
    for done, index in enumerate(indices):
        if done % LOOK_EVERY == 0 and stop():
            return None
        start = len(checker.problems)
        checker.fact(index)
        found.append(checker.problems[start:])
        del checker.problems[start:]
    return found


def _child(checker: _Checker, indices: range, reader: int, writer: int, parent: int) -> NoReturn:
    """The child: checks its facts, sends what it found, and exits without running the parent's exit handlers or
    flushing its buffers. On any error, or once the parent is gone, it exits with status 1 and sends nothing."""
    status = 1
    try:
        os.close(reader)
        # The standard streams go to /dev/null: a caller reading kzcn's output (`$(kzcn check)`) waits until every
        # process that holds it has closed it, and a child whose parent was killed would keep it waiting.
        quiet = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(quiet, stream)
        found = _each_fact(checker, indices, lambda: os.getppid() != parent)
        if found is not None:
            import pickle

            with os.fdopen(writer, "wb") as pipe:
                pipe.write(pickle.dumps((found, checker.excepted), protocol=pickle.HIGHEST_PROTOCOL))
            status = 0
    finally:
        os._exit(status)  # an error's traceback goes with the process: the parent sees status 1


class _Child:
    """The forked child: whether it has ended, and how, asked without waiting; stopped and reaped once."""

    __slots__ = ("kill", "pid", "status")

    def __init__(self, pid: int, kill: int) -> None:
        self.pid = pid
        self.kill = kill
        """The signal that stops it (SIGKILL)."""
        self.status: int | None = None
        """Its wait status once it has ended and been reaped."""

    def failed(self) -> bool:
        """True once it has ended other than with status 0."""
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            self.status = status if pid else None
        return self.status is not None and self.status != 0

    def wait(self) -> int:
        if self.status is None:
            self.status = os.waitpid(self.pid, 0)[1]
        return self.status

    def stop(self) -> None:
        """Kills it if it runs still (an interrupt, an error, a failure of the other half), and reaps it."""
        if self.status is None:
            os.kill(self.pid, self.kill)
            self.wait()


def _restore(checker: _Checker, before: _Before) -> None:
    """The checker as it was before the facts, the seconds the two processes took given back to the search budget:
    the caller checks every fact again in this process."""
    del checker.problems[before.problems :]
    checker.excepted.clear()
    checker.excepted |= before.excepted
    checker.closest_until += time.monotonic() - before.started
