"""kzcn in real shell pipelines: parsable output, early-closing readers, closed and full outputs, completion."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from builders import repeated_kb_text
from conftest import SHIPPED_FACTS, subprocess_env
from kzcn.render import Format

KZCN = f"{shlex.quote(sys.executable)} -m kzcn"


SHIPPED = yaml.safe_load(SHIPPED_FACTS.read_text(encoding="utf-8"))


def shell(command: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        capture_output=True,
        text=True,
        timeout=60,
        env=subprocess_env(tmp_path, **env),
        check=False,
    )


@pytest.fixture(scope="module")
def big_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Over a megabyte of JSON output, far more than a pipe buffers. Made once: the tests only read it."""
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text(repeated_kb_text(400, series=False), encoding="utf-8")
    return path


def test_json_pipes_into_a_json_reader(tmp_path: Path) -> None:
    result = shell(f"{KZCN} facts --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'", tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "54\n", "")


def test_csv_header_through_head(tmp_path: Path) -> None:
    result = shell(f"{KZCN} facts --format csv | head -1", tmp_path)
    assert result.stdout.startswith("id,kind,says,statement,quantity_text,time_text,source,paragraphs,")
    assert result.stderr == ""


def test_reader_quitting_early_is_silent(tmp_path: Path, big_kb: Path) -> None:
    for output_format in Format:
        result = shell(
            f"{KZCN} --facts {big_kb} facts --format {output_format.value} | head -c 100 >/dev/null", tmp_path
        )
        assert result.stderr == "", output_format
        assert result.returncode in (0, 141), output_format  # 141 when kzcn was still writing when head left


def test_broken_pipe_status_is_141_when_output_was_lost(tmp_path: Path, big_kb: Path) -> None:
    result = shell(
        f"{KZCN} --facts {big_kb} facts --format ndjson | (head -c 10 >/dev/null; sleep 1); echo ${{PIPESTATUS[0]}}",
        tmp_path,
    )
    assert result.stdout.strip().splitlines()[-1] == "141"
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_closed_stdout_is_a_one_line_error(tmp_path: Path) -> None:
    result = shell(f"{KZCN} facts --json >&-", tmp_path)
    assert result.returncode == 74
    assert result.stderr == "kzcn: cannot write output: Bad file descriptor\n"


def test_full_disk_is_a_one_line_error(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    result = shell(f"{KZCN} facts --json > /dev/full", tmp_path)
    assert result.returncode == 74
    assert result.stderr == "kzcn: cannot write output: No space left on device\n"


def test_output_redirected_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = shell(f"{KZCN} revenue --year 2020 --json > {target}", tmp_path)
    assert result.returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))[0]["amount"] == 5


def complete(tmp_path: Path, words: str, **env: str) -> subprocess.CompletedProcess[str]:
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    return subprocess.run(
        [sys.executable, "-m", "kzcn"],
        capture_output=True,
        text=True,
        timeout=30,
        env=subprocess_env(tmp_path, _KZCN_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=cword, **env),
        check=False,
    )


def test_completion_of_fact_ids(tmp_path: Path) -> None:
    result = complete(tmp_path, "kzcn show transport-income-")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.split() == [
        "transport-income-2017",
        "transport-income-china-2017",
        "transport-income-forecast-2020",
    ]


def test_completion_of_topics_kinds_and_years(tmp_path: Path) -> None:
    assert complete(tmp_path, "kzcn facts --topic tr").stdout.split() == ["trade", "transport"]
    assert complete(tmp_path, "kzcn facts --kind fo").stdout.split() == ["forecast"]
    years = sorted({str(fact["time"]["year"]) for fact in SHIPPED["facts"] if fact.get("time")})
    assert complete(tmp_path, "kzcn facts --year 20").stdout.split() == [
        year for year in years if year.startswith("20")
    ]
    assert {"2017", "2020"} <= set(years)
    assert "revenue" in complete(tmp_path, "kzcn re").stdout.split()


def test_completion_with_a_broken_knowledge_base_is_silent(tmp_path: Path, write_kb: Callable[..., Path]) -> None:
    broken = write_kb("facts: [\n")
    result = complete(tmp_path, "kzcn show tr", KZCN_FACTS=str(broken))
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "", "")


def test_completion_for_zsh_and_fish(tmp_path: Path) -> None:
    def run(shell: str, **env: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "kzcn"],
            capture_output=True,
            text=True,
            timeout=30,
            env=subprocess_env(tmp_path, _KZCN_COMPLETE=f"complete_{shell}", **env),
            check=True,
        ).stdout

    zsh = run("zsh", _TYPER_COMPLETE_ARGS="kzcn show transport-income-f")
    assert zsh == "_arguments '*: :((\"transport-income-forecast-2020\"))'\n"
    fish = run("fish", _TYPER_COMPLETE_ARGS="kzcn facts --entity Viet", _TYPER_COMPLETE_FISH_ACTION="get-args")
    assert fish == "Vietnam\n"


def test_completion_gives_up_quietly_on_a_slow_knowledge_base(tmp_path: Path, slow_kb: Path) -> None:
    started = time.monotonic()
    result = complete(tmp_path, "kzcn show trains-2017-n1", KZCN_FACTS=str(slow_kb))
    elapsed = time.monotonic() - started
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "", "")
    assert elapsed < 5  # the two-second limit, plus start-up


def test_completion_that_gives_up_leaves_the_cache_warm_for_the_next(tmp_path: Path, large_kb: Path) -> None:
    started = time.monotonic()
    first = complete(tmp_path, "kzcn show trains-2017-n1", KZCN_FACTS=str(large_kb))
    assert time.monotonic() - started < 5  # the shell is not kept waiting for the warm-up
    assert (first.returncode, first.stdout.strip(), first.stderr) == (0, "", "")
    cache = tmp_path / "cache" / "kzcn"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (list(cache.glob("*.kzcn-cache")) and not list(cache.glob(".warming-*"))):
        time.sleep(0.2)
    assert list(cache.glob("*.kzcn-cache")), "the completion that gave up left no warm cache behind"
    assert list(cache.glob(".warming-*")) == []  # the warm-up released its lock
    started = time.monotonic()
    second = complete(tmp_path, "kzcn show trains-2017-n10", KZCN_FACTS=str(large_kb))
    elapsed = time.monotonic() - started
    offered = second.stdout.split()
    # Candidates at all mean the load finished inside the two-second limit: from the cache (0.4 s here, warm).
    assert "trains-2017-n10" in offered and all(item.startswith("trains-2017-n10") for item in offered)
    assert elapsed < 5


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["facts", "--help"], ["--show-completion", "bash"]])
def test_help_and_version_into_a_full_disk_are_one_line(tmp_path: Path, args: list[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    result = shell(f"{KZCN} {' '.join(args)} > /dev/full", tmp_path, SHELL="/bin/bash")
    assert result.returncode == 74
    assert result.stderr == "kzcn: cannot write output: No space left on device\n"
