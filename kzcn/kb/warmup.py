"""Warming the parse cache in a detached process, so that completion which gave up waiting finds it warm next time."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time

STALE_AFTER_SECONDS = 300.0
"""A warming lock older than this is left over from a warm-up that died (killed, the machine shut down): ignored."""

_LOCK_PREFIX = ".warming-"
"""Locks live beside the cache entries; pruning removes only entries (`<digest>.kzcn-cache`), never these."""

_WARM = "import sys; from kzcn.kb.warmup import warm; warm(sys.argv[1], sys.argv[2])"
"""What the detached interpreter runs: a few imports and one load, no Typer and no kzcn command."""


def start_warming(path: str) -> bool:
    """Starts a detached, low-priority process that loads `path` through the parse cache, unless one is already
    warming it. Returns at once (fork and exec, a few milliseconds) and never raises: completion must not fail or
    wait for it. The process has its own session and no terminal, so the shell neither waits for it nor reports
    it, and its output goes nowhere."""
    from kzcn.kb.cache import cache_dir, make_cache_directory

    directory = cache_dir()
    if directory is None:  # no cache to warm
        return False
    try:
        make_cache_directory(directory)
        lock = _lock_for(directory, path)
        if not _claim(lock):
            return False
        package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env = dict(os.environ)
        # The same kzcn as this process, even from a source checkout that is not installed: the cache key covers
        # kzcn's own modules, so other code would warm an entry this one never reads.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (package_root, env.get("PYTHONPATH"))))
        try:
            subprocess.Popen(
                [sys.executable, "-c", _WARM, path, lock],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
                env=env,
            )
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(lock)
            raise
    except (OSError, ValueError, subprocess.SubprocessError):
        return False
    return True


def warm(path: str, lock: str) -> None:
    """The detached process: load `path` through the cache, quietly and at low priority, then release the lock.
    The path is the one completion resolved, as given, and the working directory is the same: the cache key
    includes the path, so this warms the very entry the next completion looks up."""
    try:
        with contextlib.suppress(OSError):
            os.nice(10)  # the user's shell and commands come first
        from kzcn.kb.load import load_knowledge_base

        load_knowledge_base(path)
    except Exception:
        pass  # nobody to tell: a knowledge base that cannot be loaded is reported when a command reads it
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)


def _lock_for(directory: str, path: str) -> str:
    from hashlib import blake2b

    digest = blake2b(os.path.abspath(path).encode(errors="surrogateescape"), digest_size=16).hexdigest()
    return os.path.join(directory, f"{_LOCK_PREFIX}{digest}")


def _claim(lock: str) -> bool:
    """Creates the lock; False if another warm-up of the same knowledge base holds a fresh one."""
    for _ in range(2):
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o600))
            return True
        except FileExistsError:
            try:
                age = time.time() - os.lstat(lock).st_mtime
            except OSError:
                continue  # released meanwhile: try once more
            if age < STALE_AFTER_SECONDS:
                return False
            with contextlib.suppress(OSError):
                os.unlink(lock)
    return False
