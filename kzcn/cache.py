"""The parse cache: checked knowledge bases stored by content digest, so a repeated run skips YAML entirely."""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import sys
from pathlib import Path
from typing import Any

try:
    # The C module itself: importing hashlib would also load OpenSSL's bindings, a few milliseconds per run.
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

from kzcn import __version__
from kzcn.model import KnowledgeBase

MAX_ENTRIES = 16
"""Cached knowledge bases kept; older ones are removed when a new one is stored."""

_MAGIC = b"kzcn-cache-2\n"  # 2: facts gained modality, condition and exceptions; a 1 entry lacks them
_ALLOWED = {
    ("kzcn.model", name)
    for name in (
        "KnowledgeBase",
        "Source",
        "Fact",
        "Quote",
        "Quantity",
        "TimeRef",
        "Relation",
        "DerivedSpec",
        "EvidenceItem",
        "Review",
        "Comparison",
        "Reviewer",
        "Exemption",
    )
}


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/kzcn, else ~/.cache/kzcn."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kzcn"


def cache_key(path: str, raw: bytes) -> str:
    """The entry's name: a digest of the file's content, its path as given (messages and warnings name it),
    kzcn's and Python's versions."""
    digest = blake2b(raw, digest_size=32)
    digest.update(f"\0{path}\0{__version__}\0{sys.version_info[:2]}".encode(errors="surrogateescape"))
    return digest.hexdigest()


class _ModelUnpickler(pickle.Unpickler):
    """Unpickles only kzcn's own model classes: a tampered cache file cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a kzcn model class")


def load(key: str) -> KnowledgeBase | None:
    """The cached knowledge base for this key, or None if there is none or it is unreadable in any way."""
    try:
        data = (cache_dir() / f"{key}.pickle").read_bytes()
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    # Seek past the magic instead of slicing it off: a slice would copy the whole entry, tens of MiB for a
    # large knowledge base, and BytesIO shares the bytes it is given.
    stream = io.BytesIO(data)
    stream.seek(len(_MAGIC))
    try:
        kb = _ModelUnpickler(stream).load()
    except Exception:  # any corruption means: ignore the entry and parse again
        return None
    return kb if isinstance(kb, KnowledgeBase) else None


def store(key: str, kb: KnowledgeBase) -> None:
    """Caches a checked knowledge base, atomically; a cache that cannot be written is silently skipped."""
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        payload = _MAGIC + pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL)
        import tempfile

        # Write beside the target and rename: readers see the old entry or the whole new one, never a part,
        # and two processes storing at once each rename a complete file of the same content.
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(handle, "wb") as output:
                output.write(payload)
            os.replace(temporary, directory / f"{key}.pickle")
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(directory)
    except (OSError, pickle.PicklingError, RecursionError):
        return


def _prune(directory: Path) -> None:
    entries = sorted(directory.glob("*.pickle"), key=lambda entry: entry.stat().st_mtime, reverse=True)
    for stale in entries[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            stale.unlink()
