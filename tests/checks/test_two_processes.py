"""kzcn.checks.two_processes: a check made in two processes finds what one finds, in the same order, or is not made
(and the facts are then checked in one); it leaves no process or descriptor behind."""

from __future__ import annotations

import copy
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from checks.test_check_exact import read

from builders import small_kb
from conftest import REPO
from kzcn.checks import two_processes
from kzcn.checks.check import _Checker, check

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="two processes need os.fork (not on Windows)")


def broken_kb() -> dict[str, Any]:
    """small_kb's six facts three times over (fresh ids, no series), with problems in facts of both halves: an amount
    its quote does not give (facts 1 and 13), a paragraph that does not exist (fact 16), an unused exception (fact
    4)."""
    data = small_kb()
    facts = [copy.deepcopy(item) | {"id": f"{item['id']}-{copy_number}"} for copy_number in range(3)
             for item in data["facts"]]  # fmt: skip
    for item in facts:
        item.pop("series", None)
        for quote in item["quotes"]:
            quote["shared"] = "copies of one claim, made for this test"
    facts[1]["quantity"] = {**facts[1]["quantity"], "amount": 3}
    facts[13]["quantity"] = {**facts[13]["quantity"], "amount": 5}
    facts[16]["quotes"][0]["paragraph"] = 9
    facts[4]["exceptions"] = [{"rule": "negation", "reason": "none is needed; the check says so"}]
    return small_kb(facts=facts, relations=[], derived=[])


def checked(data: dict[str, Any], *, two: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """(problems as "line:column path: message", warnings) of `data`, checked in two processes (whatever this machine
    and this test process's size) or in one."""
    monkeypatch.setattr(two_processes, "MIN_FACTS", 2 if two else 10**9)
    monkeypatch.setattr(two_processes, "MAX_HELD_BYTES", 1 << 50)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    kb, reader = read(data)
    problems, warnings = check(kb, reader.locator, reader.positions, set())
    return [f"{problem.line}:{problem.column} {problem.path}: {problem.message}" for problem in problems], warnings


def spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """What each check_in_two returned (True: the facts were checked in two processes)."""
    answers: list[bool] = []
    real = two_processes.check_in_two

    def recording(checker: _Checker, count: int) -> bool:
        answers.append(real(checker, count))
        return answers[-1]

    monkeypatch.setattr("kzcn.checks.check.check_in_two", recording)
    return answers


def test_two_processes_find_the_problems_and_warnings_of_one_in_its_order(monkeypatch: pytest.MonkeyPatch) -> None:
    one = checked(broken_kb(), two=False, monkeypatch=monkeypatch)
    answers = spy(monkeypatch)
    two = checked(broken_kb(), two=True, monkeypatch=monkeypatch)
    assert answers == [True]
    assert two == one
    problems, warnings = one
    assert [problem.split(": ", 1)[0] for problem in problems] == [
        "53:13 facts[1].quantity.amount",
        "42:14 facts[1].statement",
        "272:13 facts[13].quantity.amount",
        "261:14 facts[13].statement",
        "334:16 facts[16].quotes[0].paragraph",
        "329:13 facts[16].quantity.amount",
    ]
    assert warnings == ["kb.yaml: fact cities-served-0: the exception to negation excuses nothing; remove it"]


def test_a_valid_knowledge_base_checked_in_two_processes_has_no_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = spy(monkeypatch)
    assert checked(small_kb(), two=True, monkeypatch=monkeypatch) == ([], [])
    assert answers == [True]


def test_a_misquote_is_checked_in_one_process_where_its_closest_passage_is_sought(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Closest-passage searches share one budget, spent in the order of the facts: two processes would split it.
    data = broken_kb()
    data["facts"][10]["quotes"][0]["text"] = "More than 10 cities were served."
    one = checked(data, two=False, monkeypatch=monkeypatch)
    answers = spy(monkeypatch)
    assert checked(data, two=True, monkeypatch=monkeypatch) == one
    assert answers == [False]
    assert any("closest passage (paragraph 3" in problem for problem in one[0])


def test_a_child_that_fails_leaves_the_facts_to_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    one = checked(broken_kb(), two=False, monkeypatch=monkeypatch)
    parent = os.getpid()
    real_fact = _Checker.fact

    def failing_in_the_child(self: _Checker, index: int) -> None:
        if os.getpid() != parent:
            raise RuntimeError("a bug in the child")
        real_fact(self, index)

    monkeypatch.setattr(_Checker, "fact", failing_in_the_child)
    answers = spy(monkeypatch)
    assert checked(broken_kb(), two=True, monkeypatch=monkeypatch) == one
    assert answers == [False]


def test_an_error_in_the_parent_s_half_stops_the_child_and_is_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    real_fact = _Checker.fact

    def interrupted_in_the_parent(self: _Checker, index: int) -> None:
        if os.getpid() == parent and index == 11:  # the parent checks the odd facts
            raise KeyboardInterrupt
        real_fact(self, index)

    monkeypatch.setattr(_Checker, "fact", interrupted_in_the_parent)
    with pytest.raises(KeyboardInterrupt):
        checked(broken_kb(), two=True, monkeypatch=monkeypatch)
    with pytest.raises(ChildProcessError):  # the child was reaped: no process is left behind
        os.waitpid(-1, os.WNOHANG)


def test_two_processes_are_used_only_where_they_pay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(two_processes, "MIN_FACTS", 100)
    monkeypatch.setattr(two_processes, "MAX_HELD_BYTES", 1 << 50)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert two_processes._two_processes_pay(100)
    assert not two_processes._two_processes_pay(99)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert not two_processes._two_processes_pay(100)  # one CPU
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(two_processes, "MAX_HELD_BYTES", 1024)
    assert not two_processes._two_processes_pay(100)  # this process has already held more than that
    monkeypatch.setattr(two_processes, "MAX_HELD_BYTES", 1 << 50)
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        assert not two_processes._two_processes_pay(100)  # a thread runs beside this one
    finally:
        release.set()
        waiting.join()
    assert two_processes._two_processes_pay(100)


def test_a_bug_in_both_halves_is_raised_where_one_process_meets_it_first(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fact = _Checker.fact

    def failing(self: _Checker, index: int) -> None:
        if index in (2, 15):  # fact 2 is the child's, fact 15 the parent's
            raise ValueError(f"a bug at fact {index}")
        real_fact(self, index)

    monkeypatch.setattr(_Checker, "fact", failing)
    with pytest.raises(ValueError, match="a bug at fact 2"):
        checked(broken_kb(), two=True, monkeypatch=monkeypatch)


def test_a_child_s_problems_larger_than_a_pipe_holds_come_back_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    data = broken_kb()
    data["facts"] = [copy.deepcopy(data["facts"][1]) | {"id": f"wrong-amount-{number}"} for number in range(1000)]
    one = checked(data, two=False, monkeypatch=monkeypatch)
    answers = spy(monkeypatch)
    assert checked(data, two=True, monkeypatch=monkeypatch) == one
    assert answers == [True]
    assert len(one[0]) == 2000  # two problems a fact: the child's half (500 facts) is past twice a pipe's 64 KiB
    assert sum(len(problem) for problem in one[0]) > 4 * 64 * 1024


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts descriptors in /proc (Linux)")
def test_a_fork_that_fails_leaves_no_descriptor_open(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    one = checked(broken_kb(), two=False, monkeypatch=monkeypatch)
    before = len(os.listdir("/proc/self/fd"))
    answers = spy(monkeypatch)
    assert checked(broken_kb(), two=True, monkeypatch=monkeypatch) == one
    assert answers == [False]
    assert len(os.listdir("/proc/self/fd")) == before


KILLED_PARENT = """
import os, sys, time
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/checks"]
from checks.test_check_exact import read
from checks.test_two_processes import broken_kb
from kzcn.checks import two_processes
from kzcn.checks.check import _Checker, check

two_processes.MIN_FACTS, two_processes.MAX_HELD_BYTES = 2, 1 << 50
two_processes.LOOK_EVERY = int(sys.argv[3])
os.sched_getaffinity = lambda _pid: {0, 1}
real_fork, real_fact = os.fork, _Checker.fact

def fork():
    pid = real_fork()
    if pid:
        with open(sys.argv[2], "w") as written:
            written.write(str(pid))
    return pid

def slow_fact(self, index):
    time.sleep(0.5)  # the child's nine facts take 4.5 s
    real_fact(self, index)

os.fork, _Checker.fact = fork, slow_fact
kb, reader = read(broken_kb())
check(kb, reader.locator, reader.positions, set())
"""


def gone(pid: int) -> bool:
    """True once the process has exited (a zombie no init has reaped yet counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def killed_parent(tmp_path: Path, look_every: int) -> tuple[subprocess.Popen[bytes], int]:
    """A process checking broken_kb in two processes, slowly, killed (SIGTERM) once it has forked; and its child."""
    written = tmp_path / "child-pid"
    parent = subprocess.Popen(
        [sys.executable, "-c", KILLED_PARENT, str(REPO / "tests"), str(written), str(look_every)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    deadline = time.monotonic() + 30
    while not written.exists() or not written.read_text():
        assert time.monotonic() < deadline and parent.poll() is None, parent.communicate()
        time.sleep(0.02)
    parent.send_signal(signal.SIGTERM)
    return parent, int(written.read_text())


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="reads a process's state in /proc (Linux)")
def test_a_child_whose_parent_is_killed_keeps_no_output_open(tmp_path: Path) -> None:
    parent, child = killed_parent(tmp_path, look_every=1000)  # the child never looks: it checks all its facts
    started = time.monotonic()
    parent.communicate(timeout=30)  # returns once no process holds the output
    assert time.monotonic() - started < 2.0
    assert not gone(child)  # still checking, with /dev/null for its output
    os.kill(child, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="reads a process's state in /proc (Linux)")
def test_a_child_whose_parent_is_killed_stops_at_its_next_look(tmp_path: Path) -> None:
    parent, child = killed_parent(tmp_path, look_every=1)
    started = time.monotonic()
    parent.communicate(timeout=30)
    while not gone(child):  # within a fact or two, not the 4.5 s its facts take
        assert time.monotonic() - started < 2.0, f"the child {child} still runs"
        time.sleep(0.02)


def test_the_parent_stops_its_half_once_the_child_has_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(two_processes, "LOOK_EVERY", 1)
    one = checked(broken_kb(), two=False, monkeypatch=monkeypatch)
    parent = os.getpid()
    real_fact = _Checker.fact
    halved: list[int] = []

    def failing_in_the_child(self: _Checker, index: int) -> None:
        if os.getpid() != parent:
            raise RuntimeError("a bug in the child")
        if self.halved:  # the parent's half: slow enough for the child's failure to show before it ends
            halved.append(index)
            time.sleep(0.05)
        real_fact(self, index)

    monkeypatch.setattr(_Checker, "fact", failing_in_the_child)
    assert checked(broken_kb(), two=True, monkeypatch=monkeypatch) == one
    assert 1 <= len(halved) < 9  # of its 9 facts (the odd ones of 18)


def test_the_seconds_two_processes_took_are_given_back_to_the_closest_passage_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("kzcn.checks.check.CLOSEST_BUDGET_SECONDS", 0.3)
    data = broken_kb()
    data["facts"][17]["quotes"][0]["text"] = "Trade between the two countries grew slowly."  # the parent's last fact
    one = checked(data, two=False, monkeypatch=monkeypatch)
    real_fact = _Checker.fact

    def slow_in_two(self: _Checker, index: int) -> None:
        if self.halved:
            time.sleep(0.05)  # the parent's eight facts before the misquote: more than the whole budget
        real_fact(self, index)

    monkeypatch.setattr(_Checker, "fact", slow_in_two)
    answers = spy(monkeypatch)
    two = checked(data, two=True, monkeypatch=monkeypatch)
    assert answers == [False]
    assert two == one
    assert any("closest passage (paragraph 1, " in problem for problem in two[0])
