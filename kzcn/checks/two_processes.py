"""The facts of a large knowledge base checked in two processes at once: the first half in a forked child, the second
here, their problems joined in order, so that the result is the one a single process gives."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (kzcn/records_light.py)

if TYPE_CHECKING:
    from kzcn.checks.check import _Checker

MIN_FACTS = 1_000
"""Fewer facts are checked in one process, which is simpler to follow: their check takes under a tenth of a second
(measured in process, generated knowledge bases: 300 facts 47 ms in one process, 32 ms in two; 1,000 facts 137
and 83 ms; 2,000 facts 265 and 154 ms; 30,000 facts 3.8 and 2.1 s)."""

MAX_HELD_BYTES = 512 * 1024 * 1024
"""A process that has held this much checks alone. A forked child shares the parent's memory until it writes to it,
and checking half the facts writes to most pages that hold them (each object read has its reference count changed):
measured, the child copied 53% of a 239 MiB parent (30,000 facts) and 58% of a 1,084 MiB one (150,000 facts). Up
to this size, both together stay under about 820 MiB."""


def check_in_two(checker: _Checker, count: int) -> bool:
    """Checks facts 0 to count - 1 with checker.fact in two processes; False, with nothing done, where two processes
    cannot be had (no fork, one CPU, threads running, too large a process) or would give another result than one
    (a quote that needed a closest-passage search: those share one budget of searches and seconds, in order)."""
    if not _two_processes_pay(count):
        return False
    middle = count // 2
    before = (len(checker.problems), set(checker.excepted), checker.closest_searches)
    try:
        reader, writer = os.pipe()
        child = os.fork()
    except OSError:  # no process or pipe left to have: check in this one
        return False
    if child == 0:
        _first_half(checker, middle, reader, writer)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        try:
            for index in range(middle, count):
                checker.fact(index)
            sent = pipe.read()
        except BaseException:
            import signal

            os.kill(child, signal.SIGKILL)  # an interrupted check leaves no process behind
            raise
        finally:
            _, status = os.waitpid(child, 0)
    if status != 0 or not sent or checker.closest_searches != before[2]:
        _restore(checker, before)
        return False
    import pickle

    problems, excepted, searches = pickle.loads(sent)  # written by this process's own fork, just now
    if searches != before[2]:
        _restore(checker, before)
        return False
    checker.problems[before[0] : before[0]] = problems
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


def _first_half(checker: _Checker, middle: int, reader: int, writer: int) -> None:
    """The child: checks facts 0 to middle - 1, sends what it found, and exits without running the parent's exit
    handlers or flushing its buffers (status 1, nothing sent, on any error: the parent then checks alone)."""
    status = 1
    try:
        os.close(reader)
        first = len(checker.problems)
        for index in range(middle):
            checker.fact(index)
        import pickle

        found = (checker.problems[first:], checker.excepted, checker.closest_searches)
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
        status = 0
    finally:
        os._exit(status)  # an error's traceback is dropped with the process: the parent sees status 1


def _restore(checker: _Checker, before: tuple[int, set[tuple[str, str]], int]) -> None:
    """The checker as it was before the facts: the caller checks them all again in this process."""
    del checker.problems[before[0] :]
    checker.excepted.clear()
    checker.excepted |= before[1]
    checker.closest_searches = before[2]
