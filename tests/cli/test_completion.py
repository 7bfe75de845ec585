"""kzcn.cli.completion and completion_classes in-process: the values offered, what gives up, and the quoting (the
real shells are in test_completion_shells.py)."""

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer._click import Context
from typer._click.shell_completion import CompletionItem, get_completion_class
from typer.core import TyperCommand as Command

from builders import fact_data, listing, small_kb
from kzcn.cli import completion
from kzcn.cli.completion import (
    BASH_SPECIAL,
    bash_word,
    complete_kinds,
    complete_modalities,
    complete_verdicts,
    completer,
    zsh_word,
)
from kzcn.cli.completion_classes import QuotingBashComplete, QuotingZshComplete, use_quoting_completion
from kzcn.model.records import FACT_KINDS, MODALITIES, VERDICT_CHOICES


def context(facts: Path | None) -> typer.Context:  # a Click context, which is what Typer passes
    """A command's context whose root was given `--facts PATH`, as the shell's words are parsed for completion."""
    root = Context(Command("kzcn"))
    root.params = {"facts": None if facts is None else str(facts)}
    return typer.Context(Command("show"), parent=root)


def test_a_completer_keeps_its_facet_for_the_fast_paths_table() -> None:
    assert [completer(facet).facet for facet in ("id", "year")] == ["id", "year"]  # type: ignore[attr-defined]


def test_ids_are_offered_in_knowledge_base_order(write_kb: Callable[..., Path]) -> None:
    path = write_kb()
    assert completer("id")(context(path), "income-") == [
        "income-2017",
        "income-transit-2017",
        "income-forecast-2020",
    ]


def test_the_typed_prefix_matches_without_regard_to_case(write_kb: Callable[..., Path]) -> None:
    path = write_kb()
    assert completer("entity")(context(path), "cOR") == ["Corridor"]
    assert completer("topic")(context(path), "TR") == ["trade", "transport"]
    assert completer("year")(context(path), "") == ["2017", "2020"]
    assert completer("topic")(context(path), "x") == []


def test_a_value_with_control_characters_is_offered_escaped(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"].append(
        listing(fact_data(id="odd", quotes=[{"paragraph": 1, "text": "the two countries"}]), "Bad\x1b[31mName")
    )
    assert completer("entity")(context(write_kb(data)), "bad") == ["Bad\\x1b[31mName"]


def test_the_knowledge_base_named_by_the_environment_is_read(
    write_kb: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KZCN_FACTS", str(write_kb()))
    assert completer("id")(context(None), "trains") == ["trains-2017"]


@pytest.mark.parametrize("content", ["facts: [\n", "kzcn: 1\nsources: []\nfacts: 3\n"], ids=["yaml", "schema"])
def test_a_broken_knowledge_base_offers_nothing(content: str, write_kb: Callable[..., Path]) -> None:
    assert completer("id")(context(write_kb(content)), "") == []


def test_a_missing_knowledge_base_offers_nothing(tmp_path: Path) -> None:
    assert completer("id")(context(tmp_path / "nowhere.yaml"), "") == []


def test_a_slow_knowledge_base_offers_nothing_and_starts_a_warm_up(
    write_kb: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_kb()
    warming: list[str] = []
    released = threading.Event()
    threads = threading.active_count()

    def slow_load(path: Path) -> None:
        released.wait(5)

    monkeypatch.setattr(completion, "COMPLETION_TIMEOUT", 0.05)
    monkeypatch.setattr("kzcn.kb.load.load_knowledge_base", slow_load)
    monkeypatch.setattr("kzcn.kb.warmup.start_warming", warming.append)
    assert completer("id")(context(path), "") == []
    assert warming == [str(path)]
    released.set()  # the reader that was given up on ends now, so no thread outlives this test
    deadline = time.monotonic() + 5
    while threading.active_count() > threads and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_knowledge_base_read_in_time_starts_no_warm_up(
    write_kb: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    warming: list[str] = []
    monkeypatch.setattr("kzcn.kb.warmup.start_warming", warming.append)
    assert completer("id")(context(write_kb()), "trade") == ["trade-grew"]
    assert warming == []


def test_kinds_and_modalities_are_completed_from_their_fixed_lists() -> None:
    assert complete_kinds("") == list(FACT_KINDS)
    assert complete_kinds("fo") == ["forecast"]
    assert complete_kinds("Fo") == []
    assert complete_modalities("") == list(MODALITIES)
    assert complete_modalities("pre") == ["predicted"]
    assert complete_verdicts("") == list(VERDICT_CHOICES)
    assert complete_verdicts("partly") == ["partly-supported"]


def test_bash_word_escapes_each_special_character_and_nothing_else() -> None:
    assert bash_word("South Korea") == "South\\ Korea"
    assert bash_word("Côte d'Ivoire") == "Côte\\ d\\'Ivoire"
    assert bash_word("a-b_c.d/e,f:g=h%") == "a-b_c.d/e,f:g=h%"
    assert "".join(bash_word(c) for c in sorted(BASH_SPECIAL)) == "".join(f"\\{c}" for c in sorted(BASH_SPECIAL))


def test_zsh_word_escapes_a_backslash_for_each_layer() -> None:
    assert zsh_word("a\\b") == '"a\\\\\\\\b"'
    assert zsh_word("") == '""'


def test_the_quoting_classes_format_a_candidate_with_and_without_help() -> None:
    bash = QuotingBashComplete(Command("kzcn"), {}, "kzcn", "_KZCN_COMPLETE")
    zsh = QuotingZshComplete(Command("kzcn"), {}, "kzcn", "_KZCN_COMPLETE")
    assert bash.format_completion(CompletionItem("South Korea", help="a  country")) == "South\\ Korea"
    assert zsh.format_completion(CompletionItem("a:b")) == '"a\\\\:b"'
    assert zsh.format_completion(CompletionItem("Côte d'Ivoire", help="a\n  country")) == (
        '"Côte d\'\\\'\'Ivoire":"a country"'
    )


def test_use_quoting_completion_registers_both_classes() -> None:
    use_quoting_completion()
    assert get_completion_class("bash") is QuotingBashComplete
    assert get_completion_class("zsh") is QuotingZshComplete
