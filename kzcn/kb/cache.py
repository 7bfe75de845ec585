"""The parse cache: checked knowledge bases stored by content digest, so a repeated run skips YAML entirely."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys

try:
    # The C module itself: importing hashlib would also load OpenSSL's bindings, a few milliseconds per run.
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

from _operator import _compare_digest  # hmac.compare_digest itself, without hmac's import of OpenSSL

from kzcn import __version__
from kzcn.kb.cache_format import FORMAT
from kzcn.model.records import KnowledgeBase

MAX_ENTRIES = 16
"""Cached knowledge bases kept; older ones are removed when a new one is stored."""

MAX_ENTRY_BYTES = 256 * 1024 * 1024
"""No entry is read or written beyond this, nor beyond 8 bytes per byte of its knowledge base and 1 MiB more."""

SUFFIX = ".kzcn-cache"
"""Entries are named <64 hex digits>.kzcn-cache; pruning touches nothing else in the directory."""

SECRET_NAME = "secret"
"""The file in the cache directory holding this user's 32 random bytes, the key of every entry's seal (0600)."""

SEAL_BYTES = 32
"""An entry's seal: a keyed BLAKE2b of its name and content, written after the format's line."""

_MAGIC = FORMAT.encode("ascii") + b"\n"  # an entry of another format is refused before its JSON is read
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}" + re.escape(SUFFIX))
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # kzcn/, from kzcn/kb/cache.py


def cache_dir() -> str | None:
    """$XDG_CACHE_HOME/kzcn, else $HOME/.cache/kzcn; None where neither is usable, and kzcn then runs uncached.
    A string, not a pathlib.Path: pathlib (and the urllib.parse it loads) would cost every run 2 to 3 ms.

    kzcn creates at most the cache base and `kzcn` in it, and only inside a directory that already exists:
    XDG_CACHE_HOME's parent, or the home directory. A home that does not exist (HOME=/nonexistent, a volume not
    mounted) is never built, and an empty or unset HOME is no cache rather than /.cache/kzcn.
    """
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec: a relative path in these variables is invalid and ignored, so the default applies.
    if os.path.isabs(xdg):
        return os.path.join(xdg, "kzcn") if os.path.isdir(os.path.dirname(os.path.normpath(xdg))) else None
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home) or not os.path.isdir(home):
        return None
    return os.path.join(home, ".cache", "kzcn")


def code_stamp(package: str | None = None) -> bytes:
    """The name, size and modification time of each of kzcn's own modules, subpackages included: an edited or
    added module changes the key, so a checkout never serves an entry made by other code. About 20 stat calls."""
    package = package or _PACKAGE
    stamps: list[str] = []
    pending = [package]
    while pending:
        directory = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.endswith(".py") and entry.is_file():
                    info = entry.stat()
                    stamps.append(f"{os.path.relpath(entry.path, package)}\0{info.st_size}\0{info.st_mtime_ns}")
                elif entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    pending.append(entry.path)
    return "\n".join(sorted(stamps)).encode(errors="surrogateescape")


def cache_key(path: str, raw: bytes) -> str:
    """The entry's name: a digest of the file's content, its path as given (messages and warnings name it),
    kzcn's and Python's versions, and kzcn's modules as they are on disk."""
    digest = blake2b(raw, digest_size=32)
    digest.update(f"\0{path}\0{__version__}\0{sys.version_info[:2]}\0".encode(errors="surrogateescape"))
    try:
        digest.update(code_stamp())
    except OSError:
        # Modules that cannot be listed cannot be told apart from edited ones: a key no entry will match.
        digest.update(os.urandom(16))
    return digest.hexdigest()


def entry_limit(source_size: int) -> int:
    """The largest entry read or written for a knowledge base of `source_size` bytes."""
    return min(MAX_ENTRY_BYTES, 8 * source_size + (1 << 20))


def load(key: str, *, source_size: int) -> KnowledgeBase | None:
    """The cached knowledge base for this key, or None if there is none, it is unreadable in any way, or it is not
    sealed by this user's secret: an entry kzcn did not write for exactly this file is never believed."""
    directory = trusted_cache_dir()
    if directory is None:
        return None
    data = _read_entry(os.path.join(directory, f"{key}{SUFFIX}"), entry_limit(source_size))
    if data is None or not data.startswith(_MAGIC):
        return None
    secret = read_secret(directory)
    body = memoryview(data)[len(_MAGIC) + SEAL_BYTES :]
    if secret is None or not _compare_digest(data[len(_MAGIC) : len(_MAGIC) + SEAL_BYTES], seal(secret, key, body)):
        return None
    from kzcn.kb.cache_format import decode

    try:
        return decode(bytes(body))
    except Exception:  # any corruption, RecursionError and MemoryError included, means: ignore it and parse again
        return None


def seal(secret: bytes, key: str, payload: bytes | memoryview) -> bytes:
    """The keyed digest that binds an entry's content to its name (the file's bytes, path and kzcn's code)."""
    digest = blake2b(key.encode("ascii"), digest_size=SEAL_BYTES, key=secret)
    digest.update(payload)
    return digest.digest()


def trusted_cache_dir() -> str | None:
    """cache_dir() if it may be trusted, as ssh trusts a key file: a directory owned by this user that no one else
    can write to. Anything else (another user's directory, one writable by a group or by all) is not used."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        info = os.stat(directory)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022 or info.st_uid != _user():
        return None
    return directory


def read_secret(directory: str) -> bytes | None:
    """The key that seals entries: this user's secret (32 bytes in a regular file of their own that no one else may
    read or write), bound to that file itself (its device and inode), so that a copy of the cache directory, secret
    and all, made elsewhere and put in its place, seals nothing kzcn believes."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(os.path.join(directory, SECRET_NAME), flags)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077 or info.st_uid != _user() or info.st_size != 32:
            return None
        secret = os.read(descriptor, 33)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    if len(secret) != 32:
        return None
    return secret + blake2b(f"{info.st_dev}:{info.st_ino}".encode(), digest_size=16).digest()


def _make_secret(directory: str) -> bytes | None:
    """The secret, made if there is none: written whole beside its name, then linked to it (never half-written)."""
    secret = read_secret(directory)
    if secret is not None or os.path.lexists(os.path.join(directory, SECRET_NAME)):
        return secret  # one that cannot be trusted is left for the user to see, and the cache goes unused
    import tempfile

    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")  # mode 0600
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(os.urandom(32))
        with contextlib.suppress(FileExistsError):  # another kzcn made it first: use theirs
            os.link(temporary, os.path.join(directory, SECRET_NAME))
    finally:
        os.unlink(temporary)
    return read_secret(directory)


def _user() -> int:
    return os.getuid() if hasattr(os, "getuid") else 0


def _read_entry(path: str, limit: int) -> bytes | None:
    """The entry's bytes if it is a regular file of at most `limit` bytes; None for anything else, at once."""
    from kzcn.parse.files import read_capped

    # O_NOFOLLOW: a symlink (to /dev/zero, say) is refused; O_NONBLOCK: a FIFO opens without waiting for a writer,
    # and is then refused as not a regular file, like a device or a directory named like an entry.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with open(descriptor, "rb", buffering=0, closefd=False) as handle:
            data = read_capped(handle, info.st_size, limit)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return data if len(data) <= limit else None


def store(key: str, kb: KnowledgeBase, *, source_size: int) -> None:
    """Caches a checked knowledge base, atomically; a cache that cannot be written is silently skipped."""
    directory = cache_dir()
    if directory is None:
        return
    try:
        from kzcn.kb.cache_format import encode

        body = encode(kb)
        if len(_MAGIC) + SEAL_BYTES + len(body) > entry_limit(source_size):
            return
        make_cache_directory(directory)
        secret = _make_secret(directory) if trusted_cache_dir() == directory else None
        if secret is None:
            return
        payload = _MAGIC + seal(secret, key, body) + body
        import tempfile

        # Write beside the target and rename: readers see the old entry or the whole new one, never a part,
        # and two processes storing at once each rename a complete file of the same content.
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=SUFFIX)
        try:
            with os.fdopen(handle, "wb") as output:
                output.write(payload)
            os.replace(temporary, os.path.join(directory, f"{key}{SUFFIX}"))
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(directory)
    except (OSError, ValueError, RecursionError, MemoryError):
        return


def make_cache_directory(directory: str) -> None:
    """The cache base (0700, as the XDG spec asks) if missing, then `kzcn` in it; never any directory above."""
    for level in (os.path.dirname(directory), directory):
        with contextlib.suppress(FileExistsError):
            os.mkdir(level, 0o700)


def _prune(directory: str) -> None:
    entries = []
    with os.scandir(directory) as listing:
        for entry in listing:
            if _ENTRY_NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    entries.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
    entries.sort(reverse=True)
    for _, stale in entries[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            os.unlink(stale)
