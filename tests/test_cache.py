"""The parse cache: keyed on content, atomic, ignored when corrupt, optional when the directory is unusable."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import small_kb, subprocess_env
from kzcn import cache
from kzcn.kb import load_knowledge_base


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "kzcn"


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.pickle"))


def test_second_load_comes_from_the_cache_without_yaml(
    write_kb: Callable[..., Path], private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(write_kb())
    first = load_knowledge_base(path)
    assert len(entries(private_cache)) == 1
    monkeypatch.setattr("kzcn.kb.parse_knowledge_base", lambda *_: pytest.fail("parsed despite the cache"))
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
    with pytest.raises(Exception, match="the amount 41 does not appear"):
        load_knowledge_base(str(path))


@pytest.mark.parametrize("content", [b"", b"garbage", b"kzcn-cache-2\n\x80\x05garbage", b"kzcn-cache-2\n"])
def test_corrupt_cache_is_ignored_and_rebuilt(
    write_kb: Callable[..., Path], private_cache: Path, content: bytes
) -> None:
    path = str(write_kb())
    expected = load_knowledge_base(path)
    [entry] = entries(private_cache)
    entry.write_bytes(content)
    assert load_knowledge_base(path) == expected
    assert entry.read_bytes().startswith(b"kzcn-cache-2\n") and len(entry.read_bytes()) > 100


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

    entry.write_bytes(b"kzcn-cache-2\n" + pickle.dumps(Exploit()))
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
    assert len(load_knowledge_base(path).facts) == 6
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(not_a_directory))
    assert len(load_knowledge_base(path).facts) == 6


def test_entries_are_pruned(write_kb: Callable[..., Path], private_cache: Path) -> None:
    for number in range(cache.MAX_ENTRIES + 3):
        data = small_kb()
        data["facts"][5]["statement"] = f"Trade grew quickly{'!' * (number + 1)}"
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
    assert cache.load(entry.name.removesuffix(".pickle")) == first  # not refused as foreign, rebuilt every run
