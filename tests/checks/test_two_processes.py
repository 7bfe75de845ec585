"""kzcn.checks.two_processes: a check made in two processes finds what one finds, in the same order, or is not made
(and the facts are then checked in one)."""

from __future__ import annotations

import copy
import os
import threading
from typing import Any

import pytest
from checks.test_check_exact import read

from builders import small_kb
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
        if os.getpid() == parent and index == 10:
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
