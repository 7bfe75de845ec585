"""Hostile environments: odd terminals, encodings and locales, interrupts, and internal errors."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import SHIPPED_FACTS, subprocess_env

SHIPPED = yaml.safe_load(SHIPPED_FACTS.read_text(encoding="utf-8"))
ROLES = {source["id"]: source.get("role", "primary") for source in SHIPPED["sources"]}
IDS = [fact["id"] for fact in SHIPPED["facts"] if ROLES[fact["source"]] == "primary"]  # what `kzcn facts` lists


def kzcn(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kzcn", *args],
        capture_output=True,
        timeout=60,
        env=subprocess_env(tmp_path, **env),
        check=False,
        stdin=subprocess.DEVNULL,
        encoding="utf-8",
        errors="strict",
    )


@pytest.mark.parametrize("columns", ["20", "0", "abc", "-5", "60", "100", "250"])
def test_any_columns_value_keeps_every_id_and_number_whole(tmp_path: Path, columns: str) -> None:
    result = kzcn(tmp_path, "facts", COLUMNS=columns)
    assert (result.returncode, result.stderr) == (0, "")
    for fact_id in IDS:
        assert fact_id in result.stdout, fact_id
    words = result.stdout.split()
    for number in ("$3", "$1.3", "25", "51", "$5"):  # figures may wrap between words, never inside one
        assert number in words, number
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("columns", ["20", "0", "abc"])
def test_revenue_chart_and_show_survive_odd_widths(tmp_path: Path, columns: str) -> None:
    for args in (["revenue"], ["show", "transport-income-2017"], ["totals"], ["sources"], ["stats"]):
        result = kzcn(tmp_path, *args, COLUMNS=columns)
        assert (result.returncode, result.stderr) == (0, ""), args
        assert "\x1b" not in result.stdout


def test_ascii_only_output_encoding(tmp_path: Path) -> None:
    for args in (["facts"], ["revenue"], ["show", "strategic-partnership"], ["facts", "--format", "csv"]):
        result = subprocess.run(
            [sys.executable, "-m", "kzcn", *args],
            capture_output=True,
            timeout=60,
            env=subprocess_env(tmp_path, PYTHONIOENCODING="ascii"),
            check=False,
        )
        assert result.returncode == 0 and result.stderr == b"", args
        result.stdout.decode("ascii")  # every byte is ASCII: nothing crashed on an unencodable character
    raw = subprocess.run(
        [sys.executable, "-m", "kzcn", "facts", "--json"],
        capture_output=True,
        timeout=60,
        env=subprocess_env(tmp_path, PYTHONIOENCODING="ascii"),
        check=False,
    ).stdout
    records = json.loads(raw.decode("ascii"))
    assert records[0]["statement"] == SHIPPED["facts"][0]["statement"]  # exact, through JSON's own escapes


def test_c_locale_with_non_ascii_facts(tmp_path: Path) -> None:
    result = kzcn(tmp_path, "facts", "--kind", "statistic", "--fields", "statement", LC_ALL="C", LANG="C")
    assert result.returncode == 0 and result.stderr == ""
    assert 'China is the world economy "number two".' in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, False),
    ],
)
def test_colour_only_where_wanted(tmp_path: Path, env: dict[str, str], coloured: bool) -> None:
    result = kzcn(tmp_path, "facts", "--kind", "forecast", **env)
    assert result.returncode == 0
    assert ("\x1b[" in result.stdout) is coloured
    assert "\x1b" not in kzcn(tmp_path, "facts", "--json", **env).stdout


def test_ctrl_c_during_a_long_load_is_one_line_and_130(tmp_path: Path, slow_kb: Path) -> None:
    # kzcn as `python -m kzcn` runs it, but telling the test through a pipe when parsing starts, then waiting there,
    # so the signal lands inside the load. Ctrl-C handling as a terminal gives it: a suite started in the background
    # by a non-interactive shell (`pytest &`, some CI runners) hands its children SIGINT ignored, and Python then
    # installs no KeyboardInterrupt handler (the load finished undisturbed and this test saw status 3).
    program = (
        "import os, signal, sys, time\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "import kzcn.kb.load\n"
        "parse = kzcn.kb.load.checked_knowledge_base\n"
        "def signalling(path, loaded):\n"
        "    os.write(int(os.environ['READY_FD']), b'parsing')\n"
        "    time.sleep(600)\n"
        "    return parse(path, loaded)\n"
        "kzcn.kb.load.checked_knowledge_base = signalling\n"
        f"sys.argv = ['kzcn', '--facts', {str(slow_kb)!r}, 'facts', '--json']\n"
        "from kzcn.__main__ import main; main()\n"
    )
    ready, ready_writer = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-c", program],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(tmp_path, READY_FD=str(ready_writer)),
        pass_fds=(ready_writer,),
    )
    os.close(ready_writer)
    try:
        assert select.select([ready], [], [], 60)[0], "kzcn never started parsing"
        assert os.read(ready, 100) == b"parsing"
    finally:
        os.close(ready)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert (stdout, stderr) == (b"", b"kzcn: interrupted\n")


def test_each_test_has_a_private_cache_directory(tmp_path: Path) -> None:
    from kzcn.kb import cache

    assert cache.cache_dir() == str(tmp_path / "cache" / "kzcn")


def _failing_run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    program = (
        "import kzcn.queries.facts as query\n"
        "def list_facts(kb, *filters, **options):\n"
        "    secret_token = 'SENTINEL-7f3a9c'\n"
        "    raise RuntimeError('failed while holding ' + secret_token)\n"
        "query.list_facts = list_facts\n"
        "import sys; sys.argv = ['kzcn', 'facts']\n"
        "from kzcn.cli import main; main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        timeout=60,
        env=subprocess_env(tmp_path, **env),
        check=False,
    )


def test_internal_error_shows_no_traceback_and_no_locals(tmp_path: Path) -> None:
    result = _failing_run(tmp_path)
    assert result.returncode == 70
    assert result.stdout == ""
    assert result.stderr == (
        "kzcn: internal error (RuntimeError); this is a bug in kzcn. "
        "Run again with KZCN_DEBUG=1 to see the traceback, and report it.\n"
    )
    assert "SENTINEL" not in result.stderr


def test_kzcn_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = _failing_run(tmp_path, KZCN_DEBUG="1")
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "RuntimeError: failed while holding" in result.stderr


def test_json_is_unaffected_by_terminal_settings(tmp_path: Path) -> None:
    plain = kzcn(tmp_path, "revenue", "--year", "2017", "--json").stdout
    for env in ({"COLUMNS": "20"}, {"FORCE_COLOR": "1"}, {"TERM": "dumb"}, {"LC_ALL": "C"}):
        assert kzcn(tmp_path, "revenue", "--year", "2017", "--json", **env).stdout == plain


def test_no_output_is_written_into_the_knowledge_base(tmp_path: Path, write_kb: Callable[..., Path]) -> None:
    path = write_kb()
    before = path.read_bytes()
    for args in (["facts"], ["check", "--coverage"], ["revenue"], ["totals"], ["stats"], ["sources"]):
        kzcn(tmp_path, "--facts", str(path), *args)
    assert path.read_bytes() == before
    assert sorted(entry.name for entry in path.parent.iterdir() if entry.suffix == ".yaml") == [path.name]
