"""`kzcn check`: silent and 0 when clean, every problem and exit 3 when not, coverage on request."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from builders import small_kb


def test_clean_check_is_silent(cli: Callable[..., Any], write_kb: Callable[..., Path]) -> None:
    result = cli("--facts", str(write_kb()), "check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_verbose_check_says_one_line(cli: Callable[..., Any], write_kb: Callable[..., Path]) -> None:
    path = write_kb()
    result = cli("--facts", str(path), "check", "--verbose")
    assert result.exit_code == 0
    assert result.stderr == (
        f"{path}: OK: 6 facts (6 claims, 0 evidence), 6 quotes, 1 sources, 2 relations, 3 derived figures, 0 reviews\n"
    )


def test_broken_knowledge_base_exits_3_with_one_line_per_problem(
    cli: Callable[..., Any], write_kb: Callable[..., Path]
) -> None:
    data = small_kb()
    data["facts"][0]["kind"] = "rumour"
    data["facts"][1]["quantity"]["unit"] = 5
    path = write_kb(data)
    result = cli("--facts", str(path), "check")
    assert result.exit_code == 3
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:") and "facts[0].kind: expected one of" in lines[0]
    assert "facts[1].quantity.unit: expected text, found integer 5" in lines[1]
    assert "Traceback" not in result.stderr


def test_every_command_refuses_a_broken_knowledge_base(cli: Callable[..., Any], write_kb: Callable[..., Path]) -> None:
    path = write_kb("facts: [\n")
    for command in (["facts"], ["show", "x"], ["sources"], ["revenue"], ["totals"], ["stats"], ["check"]):
        result = cli("--facts", str(path), *command)
        assert result.exit_code == 3, command
        assert result.stderr.startswith(f"{path}:") and "YAML syntax error" in result.stderr


def test_environment_variable_chooses_the_file_and_option_wins(
    cli: Callable[..., Any], write_kb: Callable[..., Path]
) -> None:
    good, bad = write_kb(), write_kb("facts: [\n")
    assert cli("check", env={"KZCN_FACTS": str(bad)}).exit_code == 3
    assert cli("--facts", str(good), "check", env={"KZCN_FACTS": str(bad)}).exit_code == 0


def test_default_is_the_shipped_knowledge_base(cli: Callable[..., Any]) -> None:
    result = cli("check", "--verbose")
    assert result.exit_code == 0
    assert "OK: 126 facts (54 claims, 72 evidence)" in result.stderr and "37 reviews" in result.stderr


def test_coverage_lists_unquoted_words_by_paragraph(cli: Callable[..., Any], write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    del data["facts"][5]  # the only quote of "Trade between the two countries grew quickly."
    result = cli("--facts", str(write_kb(data)), "check", "--coverage", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == (
        "source,paragraph,percent,words,covered,uncovered,starts,ends\n"
        "doc,1,50.0,14,7,Trade between the two countries grew quickly,0,44\n"
        "doc,2,88.2,17,15,Officials say,83,96\n"
        "doc,3,100.0,17,17,,,\n"
    )
    table = cli("--facts", str(write_kb(data)), "check", "--coverage").stdout
    assert " doc      1   50.0       Trade between the two countries grew quickly\n" in table


def test_coverage_of_shipped_file_is_page_furniture_only(cli: Callable[..., Any]) -> None:
    result = cli("check", "--coverage", "--json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [record["paragraph"] for record in records] == list(range(1, 13))
    assert all(record["percent"] == 100 and record["uncovered"] == [] for record in records[:11])
    assert records[11] == {  # the view counter, declared as the page's furniture: no words to quote
        "source": "article", "paragraph": 12, "percent": 100, "words": 0, "covered": 0,
        "uncovered": [], "starts": [], "ends": [],
    }  # fmt: skip


def test_check_never_writes_the_knowledge_base(cli: Callable[..., Any], write_kb: Callable[..., Path]) -> None:
    path = write_kb()
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    cli("--facts", str(path), "check", "--coverage")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_empty_facts_option_is_a_usage_error_and_empty_variable_is_unset(cli: Callable[..., Any]) -> None:
    result = cli("--facts", "", "check")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "kzcn: --facts needs a path; leave it out to read the knowledge base shipped with kzcn\n"
    assert cli("check", env={"KZCN_FACTS": ""}).exit_code == 0


def test_messages_name_the_path_as_given_even_from_the_cache(
    cli: Callable[..., Any], write_kb: Callable[..., Path], monkeypatch: Any
) -> None:
    path = write_kb()
    monkeypatch.chdir(path.parent)
    first = cli("--facts", f"./{path.name}", "check", "--verbose")
    second = cli("--facts", path.name, "check", "--verbose")
    assert first.stderr.startswith(f"./{path.name}: OK")
    assert second.stderr.startswith(f"{path.name}: OK")


def test_verbose_lists_every_exception_with_its_reason(cli: Callable[..., Any], write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][0]["quotes"][0]["text"] = "In 2017 the port handled 40 trains."
    data["facts"][5]["modality"] = "hedged"
    data["facts"][5]["exceptions"] = [{"rule": "hedge-cue", "reason": "the author hedges in the next sentence"}]
    path = write_kb(data)
    result = cli("--facts", str(path), "check", "--verbose")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.splitlines()[1:] == [
        f"{path}: fact trade-grew: excepted from hedge-cue: the author hedges in the next sentence"
    ]
