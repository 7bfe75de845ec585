"""Cache entries as tests write them: sealed with the cache directory's secret, as kzcn seals its own."""

from __future__ import annotations

from pathlib import Path

from kzcn.kb import cache
from kzcn.kb.cache_format import FORMAT

MAGIC = FORMAT.encode() + b"\n"
"""An entry file's first line: the one format version, which the JSON after it repeats."""


def body_of(entry: Path) -> bytes:
    """The encoded knowledge base in an entry file: what follows the format's line and the seal."""
    return entry.read_bytes()[len(MAGIC) + cache.SEAL_BYTES :]


def sealed(directory: Path, key: str, body: bytes) -> bytes:
    """What an entry file named by `key` holds for `body`, sealed with the directory's secret (made if missing)."""
    secret = cache._make_secret(str(directory))
    assert secret is not None, f"{directory} holds no secret kzcn trusts"
    return MAGIC + cache.seal(secret, key, body) + body


def write_sealed(entry: Path, body: bytes) -> None:
    """Writes `body` into the entry file, sealed as kzcn would: a forger who had the secret."""
    entry.write_bytes(sealed(entry.parent, entry.name.removesuffix(cache.SUFFIX), body))
