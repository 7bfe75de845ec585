"""The parse cache: keyed on content, atomic, ignored when corrupt, optional when the directory is unusable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builders import small_kb
from conftest import subprocess_env
from kzcn.errors import KnowledgeBaseError
from kzcn.kb import cache
from kzcn.kb.cache_format import FORMAT
from kzcn.kb.load import load_knowledge_base

MAGIC = FORMAT.encode() + b"\n"
"""An entry file's first line: the one format version, which the JSON after it repeats."""


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "kzcn"


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.kzcn-cache"))


def test_second_load_comes_from_the_cache_without_yaml(
    write_kb: Callable[..., Path], private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(write_kb())
    first = load_knowledge_base(path)
    assert len(entries(private_cache)) == 1
    monkeypatch.setattr("kzcn.kb.load.checked_knowledge_base", lambda *_: pytest.fail("parsed despite the cache"))
    assert load_knowledge_base(path) == first


def test_edit_with_same_size_and_mtime_is_not_served_stale(write_kb: Callable[..., Path]) -> None:
    path = write_kb()
    load_knowledge_base(str(path))
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("The port handled 40 trains in 2017.", "The port handled 40 TRAINS in 2017.")
    assert len(edited) == len(text)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert load_knowledge_base(str(path)).facts[0].statement == "The port handled 40 TRAINS in 2017."


def test_broken_edit_is_reported_even_after_a_good_version_was_cached(write_kb: Callable[..., Path]) -> None:
    path = write_kb()
    load_knowledge_base(str(path))
    data = small_kb()
    data["facts"][0]["quantity"]["amount"] = 41
    write_kb(data, name=path.name)
    with pytest.raises(KnowledgeBaseError, match="the amount 41 does not appear"):
        load_knowledge_base(str(path))


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"garbage",
        b"kzcn-cache-1\n\x80\x05garbage",
        b"kzcn-cache-2\n[]",
        b"kzcn-cache-3\n",
        MAGIC,
        MAGIC + b'["' + FORMAT.encode() + b'"',
    ],
)
def test_corrupt_cache_is_ignored_and_rebuilt(
    write_kb: Callable[..., Path], private_cache: Path, content: bytes
) -> None:
    path = str(write_kb())
    expected = load_knowledge_base(path)
    [entry] = entries(private_cache)
    entry.write_bytes(content)
    assert load_knowledge_base(path) == expected
    assert entry.read_bytes().startswith(MAGIC) and len(entry.read_bytes()) > 100


def test_cache_that_would_run_code_is_refused(
    write_kb: Callable[..., Path], private_cache: Path, tmp_path: Path
) -> None:
    import pickle

    path = str(write_kb())
    expected = load_knowledge_base(path)
    [entry] = entries(private_cache)
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    entry.write_bytes(MAGIC + pickle.dumps(Exploit()))
    assert load_knowledge_base(path) == expected
    assert not marker.exists()


def test_read_only_or_unusable_cache_directory_still_works(
    write_kb: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(write_kb())
    read_only = tmp_path / "ro"
    read_only.mkdir()
    read_only.chmod(0o500)
    monkeypatch.setenv("XDG_CACHE_HOME", str(read_only))
    # As root the mode cannot bite (root writes anyway); the refused write below is the same case for anyone.
    assert len(load_knowledge_base(path).facts) == 6
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(not_a_directory))
    assert len(load_knowledge_base(path).facts) == 6


def test_a_cache_that_refuses_writes_still_works(
    write_kb: Callable[..., Path], private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = str(write_kb())
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert len(load_knowledge_base(path).facts) == 6
    assert entries(private_cache) == [] and list(private_cache.iterdir()) == []


def test_entries_are_pruned(write_kb: Callable[..., Path], private_cache: Path) -> None:
    for number in range(cache.MAX_ENTRIES + 3):
        data = small_kb()
        data["facts"][5]["statement"] = f"In the author's view, trade grew quickly{'!' * (number + 1)}"
        load_knowledge_base(str(write_kb(data)))
    assert len(entries(private_cache)) == cache.MAX_ENTRIES
    assert not list(private_cache.glob(".tmp-*"))


def test_concurrent_processes_share_one_cache(write_kb: Callable[..., Path], tmp_path: Path) -> None:
    path = write_kb()
    env = subprocess_env(tmp_path, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    command = [sys.executable, "-m", "kzcn", "--facts", str(path), "facts", "--json"]
    workers = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(6)]
    outputs = [worker.communicate(timeout=60) for worker in workers]
    assert [worker.returncode for worker in workers] == [0] * 6
    assert len({stdout for stdout, _ in outputs}) == 1
    assert all(stderr == b"" for _, stderr in outputs)
    cache_dir = tmp_path / "xdg" / "kzcn"
    assert len(entries(cache_dir)) == 1 and not list(cache_dir.glob(".tmp-*"))
    rerun = subprocess.run(command, capture_output=True, env=env, check=False, timeout=60)
    assert rerun.stdout == outputs[0][0]


def test_a_fact_with_exceptions_is_served_from_the_cache(write_kb: Callable[..., Path], private_cache: Path) -> None:
    data = small_kb()
    data["facts"][5]["modality"] = "hedged"
    data["facts"][5]["exceptions"] = [{"rule": "hedge-cue", "reason": "a test"}]
    path = str(write_kb(data))
    first = load_knowledge_base(path)
    [entry] = entries(private_cache)
    served = cache.load(entry.name.removesuffix(cache.SUFFIX), source_size=Path(path).stat().st_size)
    assert served == first  # not refused as foreign, rebuilt every run


def entry_of(path: Path, directory: Path) -> Path:
    return directory / f"{cache.cache_key(str(path), path.read_bytes())}{cache.SUFFIX}"


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import kzcn.kb.load

    parsed: list[str] = []
    real = kzcn.kb.load.checked_knowledge_base

    def parse(path: str, loaded: Any) -> Any:
        parsed.append(path)
        return real(path, loaded)

    monkeypatch.setattr(kzcn.kb.load, "checked_knowledge_base", parse)
    return parsed


@pytest.mark.parametrize("change", ["mtime", "size", "new module"])
def test_an_entry_made_by_other_code_is_not_reused(
    write_kb: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    package = tmp_path / "package"
    shutil.copytree(Path(cache.__file__).parent.parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_PACKAGE", str(package))
    parsed = count_parses(monkeypatch)
    path = str(write_kb())
    expected = load_knowledge_base(path)
    assert load_knowledge_base(path) == expected and len(parsed) == 1
    module = package / "render" / "table.py"
    if change == "mtime":
        os.utime(module, ns=(module.stat().st_atime_ns, module.stat().st_mtime_ns + 1))
    elif change == "size":
        before = module.stat()
        module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))
    else:
        (package / "render" / "extra.py").write_text('"""A module added by a checkout."""\n', encoding="utf-8")
    assert load_knowledge_base(path) == expected and len(parsed) == 2
    assert load_knowledge_base(path) == expected and len(parsed) == 2


def _symlink_to_dev_zero(entry: Path) -> None:
    entry.symlink_to("/dev/zero")


@pytest.mark.parametrize("make", [_symlink_to_dev_zero, os.mkfifo, os.mkdir], ids=["symlink", "fifo", "directory"])
def test_an_entry_that_is_not_a_regular_file_is_ignored_at_once(
    write_kb: Callable[..., Path], private_cache: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[Path], None]
) -> None:
    path = write_kb()
    expected = load_knowledge_base(str(path), use_cache=False)
    private_cache.mkdir(parents=True)
    entry = entry_of(path, private_cache)
    make(entry)
    parsed = count_parses(monkeypatch)
    started = time.monotonic()
    assert load_knowledge_base(str(path)) == expected
    assert time.monotonic() - started < 5
    assert parsed == [str(path)]


def test_an_entry_larger_than_its_limit_is_ignored(
    write_kb: Callable[..., Path], private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_kb()
    expected = load_knowledge_base(str(path))
    [entry] = entries(private_cache)
    parsed = count_parses(monkeypatch)
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", entry.stat().st_size - 1)
    assert load_knowledge_base(str(path)) == expected
    assert parsed == [str(path)]


def test_pruning_removes_only_kzcns_own_entries(write_kb: Callable[..., Path], private_cache: Path) -> None:
    private_cache.mkdir(parents=True)
    others = [private_cache / f"my-model-{number}.pickle" for number in range(20)]
    others += [private_cache / "notes.txt", private_cache / ("A" * 64 + ".kzcn-cache"), private_cache / ".tmp-x"]
    for other in others:
        other.write_bytes(b"not kzcn's")
    for number in range(cache.MAX_ENTRIES + 3):
        data = small_kb()
        data["facts"][5]["note"] = f"Variant {number}."
        load_knowledge_base(str(write_kb(data)))
    assert len(entries(private_cache)) == cache.MAX_ENTRIES + 1  # the upper-case name is not one of kzcn's
    assert all(other.read_bytes() == b"not kzcn's" for other in others)


def test_relative_xdg_cache_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "home").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == str(tmp_path / "home" / ".cache" / "kzcn")


@pytest.mark.parametrize("home", [None, "", "relative", "missing/home"])
def test_no_usable_home_means_no_cache_and_nothing_created(
    write_kb: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: str | None
) -> None:
    path = str(write_kb())
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("XDG_CACHE_HOME")
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home if home != "missing/home" else str(tmp_path / home))
    before = sorted(tmp_path.rglob("*"))
    assert cache.cache_dir() is None
    assert len(load_knowledge_base(path).facts) == 6
    assert sorted(tmp_path.rglob("*")) == before


def test_cache_base_is_created_only_inside_an_existing_directory(
    write_kb: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(write_kb())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "missing" / "cache"))
    assert cache.cache_dir() is None
    load_knowledge_base(path)
    assert not (tmp_path / "missing").exists()
    (tmp_path / "home").mkdir()
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    load_knowledge_base(path)
    assert len(entries(tmp_path / "home" / ".cache" / "kzcn")) == 1
    assert (tmp_path / "home" / ".cache").stat().st_mode & 0o777 == 0o700


def test_without_the_cache_nothing_is_read_or_written(
    write_kb: Callable[..., Path], private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_kb()
    expected = load_knowledge_base(str(path), use_cache=False)
    assert not private_cache.exists()
    # A good entry for another knowledge base, stored under this file's key: trusted only if the cache is read.
    data = small_kb()
    data["facts"][5]["statement"] = "In the author's view, trade between the countries grew."
    other = load_knowledge_base(str(write_kb(data)), use_cache=False)
    cache.store(cache.cache_key(str(path), path.read_bytes()), other, source_size=path.stat().st_size)
    assert load_knowledge_base(str(path)) == other  # the poisoned entry is what the cache would serve
    parsed = count_parses(monkeypatch)
    assert load_knowledge_base(str(path), use_cache=False) == expected
    assert parsed == [str(path)]
    assert len(entries(private_cache)) == 1
