"""kzcn.kb.warmup: one detached warm-up per knowledge base at a time, and a warm-up that loads into the cache."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kzcn.kb import warmup


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The processes start_warming would start, recorded instead of started."""
    calls: list[dict[str, Any]] = []

    def record(argv: list[str], **options: Any) -> None:
        calls.append({"argv": argv, **options})

    monkeypatch.setattr(warmup.subprocess, "Popen", record)
    return calls


def test_one_warm_up_per_knowledge_base_at_a_time(started: list[dict[str, Any]], private_cache_dir: Path) -> None:
    assert warmup.start_warming("a.yaml") is True
    assert warmup.start_warming("a.yaml") is False  # the first one holds the lock
    assert warmup.start_warming("b.yaml") is True
    assert [call["argv"][-2] for call in started] == ["a.yaml", "b.yaml"]
    detached = started[0]
    assert detached["start_new_session"] is True
    assert (detached["stdin"], detached["stdout"], detached["stderr"]) == (warmup.subprocess.DEVNULL,) * 3


def test_a_stale_lock_is_taken_over(started: list[dict[str, Any]], private_cache_dir: Path) -> None:
    assert warmup.start_warming("a.yaml")
    (lock,) = private_cache_dir.glob(".warming-*")
    old = time.time() - warmup.STALE_AFTER_SECONDS - 1
    os.utime(lock, (old, old))
    assert warmup.start_warming("a.yaml") is True
    assert len(started) == 2


def test_no_cache_means_no_warm_up(started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "")
    assert warmup.start_warming("a.yaml") is False
    assert started == []


def test_warm_loads_into_the_cache_and_releases_the_lock(
    write_kb: Callable[..., Path], private_cache_dir: Path
) -> None:
    path = write_kb()
    private_cache_dir.mkdir(parents=True)
    lock = private_cache_dir / ".warming-test"
    lock.touch()
    warmup.warm(str(path), str(lock))
    assert len(list(private_cache_dir.glob("*.kzcn-cache"))) == 1
    assert not lock.exists()


def test_warm_is_silent_about_a_broken_knowledge_base(
    write_kb: Callable[..., Path], private_cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = private_cache_dir / ".warming-test"
    private_cache_dir.mkdir(parents=True)
    lock.touch()
    warmup.warm(str(write_kb("facts: [\n")), str(lock))
    assert capsys.readouterr() == ("", "")
    assert not lock.exists()


def test_the_warm_up_runs_this_kzcn_at_low_priority_with_nothing_inherited(
    started: list[dict[str, Any]], private_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setenv("PYTHONPATH", "elsewhere")
    assert warmup.start_warming("a.yaml") is True
    (lock,) = private_cache_dir.glob(".warming-*")
    assert len(lock.name) == len(".warming-") + 32 and int(lock.name[len(".warming-") :], 16) >= 0
    (call,) = started
    assert call["argv"] == [sys.executable, "-c", warmup._WARM, "a.yaml", str(lock)]
    assert call["close_fds"] is True
    package_root = str(Path(warmup.__file__).resolve().parent.parent.parent)
    assert call["env"]["PYTHONPATH"] == os.pathsep.join([package_root, "elsewhere"])


def test_a_warm_up_that_cannot_start_releases_its_lock(
    private_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_: Any, **__: Any) -> None:
        raise OSError("no such interpreter")

    monkeypatch.setattr(warmup.subprocess, "Popen", fail)
    assert warmup.start_warming("a.yaml") is False
    assert list(private_cache_dir.glob(".warming-*")) == []


def test_warm_gives_way_to_the_users_own_work(
    write_kb: Callable[..., Path], private_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    niced: list[int] = []
    monkeypatch.setattr(warmup.os, "nice", niced.append)
    private_cache_dir.mkdir(parents=True)
    warmup.warm(str(write_kb()), str(private_cache_dir / ".warming-x"))
    assert niced == [10]
