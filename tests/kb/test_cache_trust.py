"""A cache that cannot lie (issue 20, case 3): entries sealed with the user's secret, a directory trusted only when
it is the user's own and no one else can write to it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from builders import small_kb
from cache_entries import MAGIC, body_of
from kzcn.kb import cache
from kzcn.kb.load import load_knowledge_base

Run = Callable[..., object]
TRAINS = "In 2017 the port handled 40 trains."
FORGED = "In 2017 the port handled 400 trains, a record."


@pytest.fixture
def cached(write_kb: Callable[..., Path], private_cache_dir: Path) -> tuple[str, Path]:
    """A knowledge base loaded once, so its entry is in the cache; its path and the entry file."""
    path = str(write_kb())
    load_knowledge_base(path)
    [entry] = private_cache_dir.glob("*" + cache.SUFFIX)
    return path, entry


def forged_body(entry: Path) -> bytes:
    """The entry's knowledge base with the first quote made to say 400 trains: what an attacker wants shown."""
    text = body_of(entry).decode()
    assert TRAINS in text
    return text.replace(TRAINS, FORGED).encode()


def first_quote(path: str) -> str:
    return load_knowledge_base(path).facts[0].quotes[0].text


def test_an_entry_forged_without_the_secret_is_never_believed(cached: tuple[str, Path]) -> None:
    # Every input to an entry's name is public: an attacker can compute the name and write a well-formed entry.
    path, entry = cached
    key = entry.name.removesuffix(cache.SUFFIX)
    body = forged_body(entry)
    guesses = [
        MAGIC + body,  # the format of the last round: no seal at all
        MAGIC + cache.seal(os.urandom(32), key, body) + body,  # sealed with a secret of the attacker's
        MAGIC + bytes(cache.SEAL_BYTES) + body,
    ]
    for forged in guesses:
        entry.write_bytes(forged)
        assert first_quote(path) == TRAINS
        assert FORGED.encode() not in entry.read_bytes()  # the file was parsed and the entry written again


def test_an_entry_sealed_for_another_file_is_not_believed_under_this_ones_name(
    cached: tuple[str, Path], write_kb: Callable[..., Path], private_cache_dir: Path
) -> None:
    # A genuine entry of another knowledge base (one that does say 400 trains), copied under this file's name.
    path, entry = cached
    data = small_kb()
    data["facts"][0]["statement"] = "In 2017 the port handled 40 trains."
    other = str(write_kb(data))
    load_knowledge_base(other)
    [other_entry] = [item for item in private_cache_dir.glob("*" + cache.SUFFIX) if item != entry]
    entry.write_bytes(other_entry.read_bytes())
    assert load_knowledge_base(path).facts[0].statement == "The port handled 40 trains in 2017."


def test_an_entry_sealed_with_the_secret_is_believed(cached: tuple[str, Path]) -> None:
    # The seal is what is trusted: one made with the user's secret (by kzcn, or by someone who can read the
    # user's files and could as well edit the knowledge base) is read, as the threat model in the README says.
    path, entry = cached
    secret = cache.read_secret(str(entry.parent))
    assert secret is not None
    body = forged_body(entry)
    entry.write_bytes(MAGIC + cache.seal(secret, entry.name.removesuffix(cache.SUFFIX), body) + body)
    assert first_quote(path) == FORGED


def test_the_secret_is_the_users_own_file_that_no_one_else_may_read(cached: tuple[str, Path]) -> None:
    _path, entry = cached
    secret_file = entry.parent / cache.SECRET_NAME
    info = secret_file.stat()
    assert (info.st_mode & 0o777, info.st_size, info.st_uid) == (0o600, 32, os.getuid())
    assert (entry.parent.stat().st_mode & 0o777) == 0o700


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o640, 0o604])
def test_a_secret_others_may_read_or_write_is_not_used(cached: tuple[str, Path], mode: int) -> None:
    path, entry = cached
    secret_file = entry.parent / cache.SECRET_NAME
    secret_file.chmod(mode)
    assert cache.read_secret(str(entry.parent)) is None
    assert cache.load(entry.name.removesuffix(cache.SUFFIX), source_size=Path(path).stat().st_size) is None
    before = entry.stat().st_mtime_ns
    assert first_quote(path) == TRAINS  # parsed, not read from the cache
    assert secret_file.stat().st_mode & 0o777 == mode  # left for the user to see, not replaced
    assert entry.stat().st_mtime_ns == before  # and nothing stored under a secret that cannot be trusted


@pytest.mark.parametrize("mode", [0o720, 0o702, 0o777])
def test_a_cache_directory_others_may_write_to_is_not_used(
    cached: tuple[str, Path], mode: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, entry = cached
    entry.parent.chmod(mode)
    assert cache.trusted_cache_dir() is None
    parses: list[str] = []
    real = cache.load
    monkeypatch.setattr(cache, "load", lambda *args, **kwargs: parses.append("load") or real(*args, **kwargs))
    entry.unlink()
    load_knowledge_base(path)
    assert parses == ["load"]
    assert list(entry.parent.glob("*" + cache.SUFFIX)) == []  # nothing written there either


def test_a_cache_directory_of_another_user_is_not_used(
    cached: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, entry = cached
    monkeypatch.setattr(cache, "_user", lambda: os.getuid() + 1)  # as if the directory were someone else's
    assert cache.trusted_cache_dir() is None
    assert cache.load(entry.name.removesuffix(cache.SUFFIX), source_size=Path(path).stat().st_size) is None


def test_a_secret_that_is_a_symbolic_link_is_not_followed(cached: tuple[str, Path], tmp_path: Path) -> None:
    _path, entry = cached
    secret_file = entry.parent / cache.SECRET_NAME
    elsewhere = tmp_path / "their-secret"
    elsewhere.write_bytes(secret_file.read_bytes())
    elsewhere.chmod(0o600)
    secret_file.unlink()
    secret_file.symlink_to(elsewhere)
    assert cache.read_secret(str(entry.parent)) is None


def test_a_forged_entry_never_reaches_what_any_command_shows(
    cli: Run, write_kb: Callable[..., Path], private_cache_dir: Path
) -> None:
    path = write_kb()
    assert cli("--facts", str(path), "facts", "--json").exit_code == 0  # type: ignore[attr-defined]
    [entry] = private_cache_dir.glob("*" + cache.SUFFIX)
    body = forged_body(entry)
    entry.write_bytes(MAGIC + body)
    for command in (["facts", "--json"], ["show", "trains-2017", "--json"], ["article", "--format", "html"]):
        shown = cli("--facts", str(path), *command)
        assert shown.exit_code == 0, command  # type: ignore[attr-defined]
        assert "400 trains" not in shown.stdout and "40 trains" in shown.stdout, command  # type: ignore[attr-defined]


def test_a_copied_cache_directory_secret_and_all_is_not_believed(
    cached: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The adversarial round of issue 20: a cache directory built elsewhere, with its own secret and a forged entry
    # sealed by it, copied into place, made `facts` show a figure the file does not say.
    import shutil

    path, entry = cached
    secret = cache.read_secret(str(entry.parent))
    assert secret is not None
    body = forged_body(entry)
    entry.write_bytes(MAGIC + cache.seal(secret, entry.name.removesuffix(cache.SUFFIX), body) + body)
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(entry.parent.parent, elsewhere, copy_function=shutil.copy2)
    monkeypatch.setenv("XDG_CACHE_HOME", str(elsewhere))
    assert first_quote(path) == TRAINS
