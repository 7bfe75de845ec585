"""Hostile knowledge-base files given as --facts: each ends in a clear error and exit 3, in bounded time."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builders import listing, small_kb
from conftest import subprocess_env
from kzcn.cli.completion import bash_word
from kzcn.parse.files import MAX_FILE_BYTES
from kzcn.render import Format, renderer_of

Run = Callable[..., Any]


def kzcn(tmp_path: Path, *args: str, timeout: float = 30, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kzcn", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=subprocess_env(tmp_path, **env),
        check=False,
        stdin=subprocess.DEVNULL,
    )


def assert_unusable(result: Any, path: Path | str, message: str) -> None:
    assert result.exit_code == 3 if hasattr(result, "exit_code") else result.returncode == 3
    assert result.stdout == ""
    assert result.stderr == f"{path}{message}\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", ": is empty; a knowledge base needs at least `sources:` and `facts:`"),
        (b"# only a comment\n", ": holds no YAML document (only comments or blank lines?)"),
        (b"a: 1\n---\nb: 2\n", ":2:1: a second YAML document starts here; a knowledge base is one document"),
        (b"- a\n- b\n", ":1:1: expected a mapping with `sources:` and `facts:` at the top, found a list"),
        (b"42\n", ":1:1: expected a mapping with `sources:` and `facts:` at the top, found integer 42"),
        (b"\xff\xfek\x00", ": is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"),
        (b"facts: caf\xe9\n", ":1:11: invalid UTF-8 (byte 0xe9); save the file as UTF-8"),
        (b"\x7fELF\x02\x01\x01\x00\x00", ":1:8: contains a NUL byte: this is a binary file, not YAML"),
    ],
)
def test_malformed_files_are_one_clear_error(
    cli: Run, write_kb: Callable[..., Path], content: bytes, message: str
) -> None:
    path = write_kb("")
    path.write_bytes(content)
    assert_unusable(cli("--facts", str(path), "facts"), path, message)


def test_a_directory_and_a_missing_file(cli: Run, tmp_path: Path) -> None:
    assert_unusable(
        cli("--facts", str(tmp_path), "facts"),
        tmp_path,
        ": is a directory, not a knowledge-base file; name the facts.yaml inside it",
    )
    missing = tmp_path / "nope.yaml"
    assert_unusable(
        cli("--facts", str(missing), "facts"), missing, ": no such file; check the path given by --facts or KZCN_FACTS"
    )


def test_devices_and_fifos_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        started = time.monotonic()
        result = kzcn(tmp_path, "--facts", path, "check", timeout=20)
        assert time.monotonic() - started < 20
        assert (result.returncode, result.stdout) == (3, "")
        assert result.stderr == f"{path}: is not a regular file (a device, FIFO or socket); give a YAML file\n"


def test_oversized_file_is_refused_before_reading(cli: Run, tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    started = time.monotonic()
    result = cli("--facts", str(huge), "facts")
    assert time.monotonic() - started < 5
    assert_unusable(
        result,
        huge,
        f": is {MAX_FILE_BYTES + 1:,} bytes; kzcn reads knowledge bases of at most {MAX_FILE_BYTES:,} bytes",
    )


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = write_kb()
    path.chmod(0)
    assert_unusable(cli("--facts", str(path), "facts"), path, ": cannot be read: Permission denied")


def test_alias_bomb_is_refused_quickly_with_bounded_memory(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 12):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()

    def limit_memory() -> None:
        # 512 MiB of address space: the document describes billions of values, so any expansion would die here.
        resource.setrlimit(resource.RLIMIT_AS, (512 * 1024 * 1024, 512 * 1024 * 1024))

    result = subprocess.run(
        [sys.executable, "-m", "kzcn", "--facts", str(bomb), "facts", "--json"],
        capture_output=True,
        text=True,
        timeout=30,
        env=subprocess_env(tmp_path),
        preexec_fn=limit_memory,
        check=False,
    )
    assert time.monotonic() - started < 10
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == (
        f"{bomb}:6:8: aliases expand to more than 100,000 values (a 'billion laughs' document?); "
        "write the values out instead\n"
    )


def test_object_constructing_tags_have_no_side_effect(cli: Run, write_kb: Callable[..., Path], tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = write_kb(f"sources: !!python/object/apply:os.system ['touch {marker}']\nfacts: []\n")
    result = cli("--facts", str(path), "facts")
    assert result.exit_code == 3
    assert "tag tag:yaml.org,2002:python/object/apply:os.system is not allowed" in result.stderr
    assert not marker.exists()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("published: null", "published: 2017-05-01", "found a date (2017-05-01)"),
        ("language: en", "language: no", "found boolean false (YAML reads unquoted 'no' as false)"),
        (
            "paragraph: 2",
            "paragraph: 02",
            "expected a plain decimal number, found integer 2 (YAML reads unquoted '02' as 2)",
        ),
        ("amount: 40", "amount: 010", "found integer 8 (YAML reads unquoted '010' as 8)"),
    ],
)
def test_yaml_1_1_surprises_are_rejected_with_their_place(
    cli: Run, write_kb: Callable[..., Path], old: str, new: str, message: str
) -> None:
    text = write_kb().read_text(encoding="utf-8")
    assert old in text
    path = write_kb(text.replace(old, new, 1))
    result = cli("--facts", str(path), "facts", "--json")
    assert (result.exit_code, result.stdout) == (3, "")
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{path}:") and message in line


def test_terminal_escapes_are_escaped_in_json_and_visible_in_tables(cli: Run, write_kb: Callable[..., Path]) -> None:
    nasty = "A\x1b[2J\x1b]0;title\x07 B\u202eC \x9b31m D\x00E [link=http://x]F[/link] :smile:"
    data = small_kb()
    data["facts"][5]["statement"] = nasty
    data["facts"][5]["exceptions"] = [
        {"rule": "statement-numbers", "reason": "the 0 of an escape sequence"},
        {"rule": "statement-words", "reason": "hostile words, written as an attacker writes them"},
        {"rule": "opinion-frame", "reason": "hostile text in place of a statement, with no view's frame"},
    ]
    listing(data["facts"][5], "\x1b[31mred")
    path = str(write_kb(data))
    raw = cli("--facts", path, "facts", "--kind", "opinion", "--json").stdout
    for forbidden in ("\x1b", "\x07", "\u202e", "\x9b", "\x00"):
        assert forbidden not in raw
    import json

    assert json.loads(raw)[0]["statement"] == nasty
    assert json.loads(raw)[0]["entities"] == ["\x1b[31mred"]
    for output_format in Format:
        if renderer_of(output_format).exact:
            continue  # kept exact: CSV below, and every exact format in tests/render/test_conformance.py
        out = cli("--facts", path, "facts", "--kind", "opinion", "--format", output_format.value).stdout
        for forbidden in ("\x1b", "\x07", "\u202e", "\x9b", "\x00"):
            assert forbidden not in out, output_format
    # CSV is the one exact format (it has no escapes): the value round-trips, control characters included,
    # but for NUL, which CSV cannot carry and kzcn writes as the text \x00.
    import csv
    import io

    csv_out = cli("--facts", path, "facts", "--kind", "opinion", "--format", "csv").stdout
    assert next(csv.DictReader(io.StringIO(csv_out)))["statement"] == nasty.replace("\x00", "\\x00")
    table = cli("--facts", path, "facts", "--kind", "opinion", "--fields", "statement", env={"FORCE_COLOR": "1"}).stdout
    assert "A\\x1b[2J\\x1b]0;title\\x07 B\\u202eC \\x9b31m D\\x00E [link=http://x]F[/link] :smile:" in table


def test_messages_and_completions_never_carry_raw_control_characters(
    cli: Run, write_kb: Callable[..., Path], tmp_path: Path
) -> None:
    data = small_kb()
    listing(data["facts"][0], "\x1b]0;PWNED\x07\x1b[2J", "\u202eevil")
    path = write_kb(data)
    result = cli("--facts", str(path), "facts", "--entity", "nobody")
    assert result.exit_code == 2  # an unknown entity is a usage error that lists the known ones
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;PWNED\\x07\\x1b[2J" in result.stderr
    completion = subprocess.run(
        [sys.executable, "-m", "kzcn"],
        capture_output=True,
        text=True,
        timeout=30,
        env=subprocess_env(
            tmp_path,
            KZCN_FACTS=str(path),
            _KZCN_COMPLETE="complete_bash",
            COMP_WORDS="kzcn facts --entity ",
            COMP_CWORD="3",
        ),
        check=False,
    )
    # Made visible, then escaped as one bash word (what Tab inserts reads back as the visible text).
    assert "\x1b" not in completion.stdout
    assert bash_word("\\x1b]0;PWNED\\x07\\x1b[2J") in completion.stdout.splitlines()


def test_csv_lists_follow_the_formula_policy(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    listing(data["facts"][5], "=cmd|' /C calc'!A0", "Europe")
    out = cli(
        "--facts", str(write_kb(data)), "facts", "--kind", "opinion", "--format", "csv", "--fields", "entities"
    ).stdout
    assert out == "entities\n'=cmd|' /C calc'!A0; Europe\n"


def test_an_id_with_a_trailing_newline_is_not_kebab_case(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][0]["id"] = "trains-2017\n"
    result = cli("--facts", str(write_kb(data)), "check")
    assert result.exit_code == 3
    assert (
        "facts[0].id: expected a kebab-case id (lower-case letters, digits and single hyphens), found 'trains-2017\\n'"
        in result.stderr
    )


@pytest.mark.parametrize(
    ("command", "status"),
    [
        ("--facts {broken} check 2>&-", 3),
        ("facts --fields nope 2>&-", 2),
        ("facts --json > /dev/full 2>&-", 74),
        ("check >&-", 0),
        ("check --verbose >&-", 0),
    ],
)
def test_closed_streams_keep_the_documented_status(
    tmp_path: Path, write_kb: Callable[..., Path], command: str, status: int
) -> None:
    broken = write_kb("facts: [\n")
    shell_command = f"{sys.executable} -m kzcn " + command.format(broken=broken)
    result = subprocess.run(
        ["bash", "-c", shell_command],
        capture_output=True,
        text=True,
        timeout=60,
        env=subprocess_env(tmp_path),
        check=False,
    )
    assert result.returncode == status
    assert "Traceback" not in result.stderr


def test_unreadable_file_message_even_as_root(
    cli: Run, write_kb: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root reads any file, so the permission error is simulated where kzcn opens the file.
    import kzcn.parse.files

    path = write_kb()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(kzcn.parse.files, "open", refuse, raising=False)
    assert_unusable(cli("--facts", str(path), "facts"), path, ": cannot be read: Permission denied")


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        ("kzcn: 1\n", "kzcn: 0x" + "f" * 4000 + "\n", "1:7: kzcn: expected a plain decimal number"),
        ("kzcn: 1\n", "kzcn: 0b" + "1" * 15000 + "\n", "1:7: kzcn: expected a plain decimal number"),
        ("kzcn: 1\n", "kzcn: " + "1:" * 2500 + "0\n", "1:7: kzcn: expected a plain decimal number"),
        ("paragraph: 1\n", "paragraph: 0x" + "f" * 4000 + "\n", "facts[0].quotes[0].paragraph: expected a plain"),
    ],
    ids=["hex", "binary", "sexagesimal", "paragraph"],
)
def test_integers_too_long_to_print_are_a_located_problem(
    cli: Run, write_kb: Callable[..., Path], old: str, new: str, found: str
) -> None:
    path = write_kb()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = cli("--facts", str(path), "check")
    assert (result.exit_code, result.stdout) == (3, "")
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{path}:") and found in line
    assert f"found integer of more than {sys.get_int_max_str_digits():,} digits" in line


@pytest.mark.parametrize("line_end", ["\r\n", "\r", "\u2028"], ids=["crlf", "cr", "line-separator"])
def test_a_source_with_other_line_ends_reads_and_prints_as_one_with_line_feeds(
    cli: Run, write_kb: Callable[..., Path], line_end: str
) -> None:
    # Issue 20, case 5: `article` printed \r at every line end of a CRLF source.
    from builders import fact_data, source_data

    def kb_with(newline: str) -> Path:
        text = f"First line{newline}second line.{newline}{newline}Next paragraph here."
        fact = fact_data(statement="Next paragraph here.", quotes=[{"paragraph": 2, "text": "Next paragraph here."}])
        return write_kb(small_kb(sources=[source_data(text=text)], facts=[fact], relations=[], derived=[]))

    theirs, ours = kb_with(line_end), kb_with("\n")
    for output in (["--no-color"], ["--format", "markdown"], ["--format", "html"]):
        shown = cli("--facts", str(theirs), "article", *output)
        assert shown.exit_code == 0
        # CRLF reads as a space and a line feed (offsets kept): HTML keeps that space, which renders as nothing.
        assert shown.stdout.replace(" \n", "\n") == cli("--facts", str(ours), "article", *output).stdout
        assert "\r" not in shown.stdout and "\\r" not in shown.stdout and "\\u2028" not in shown.stdout
    assert "¶2" in cli("--facts", str(theirs), "article", "--no-color").stdout


@pytest.mark.parametrize("columns", ["2147483647", "99999999999999999999", "100000000"])
def test_any_columns_gives_output_of_bounded_width_and_a_success(cli: Run, columns: str) -> None:
    # Issue 20, case 10: exit 70 (MemoryError, OverflowError), or 558 MB of chart bars.
    for command in (["revenue"], ["report"]):
        result = cli(*command, env={"COLUMNS": columns})
        assert result.exit_code == 0, command
        assert max(len(line) for line in result.stdout.splitlines()) <= 1000


def test_invisible_characters_are_shown_in_every_human_format(cli: Run, write_kb: Callable[..., Path]) -> None:
    # Issue 20, case 2: tables, `article` and HTML printed U+200B raw, so "1<U+200B>3" read as 13.
    from builders import fact_data, source_data

    text = "Trade and\u200bthe port grew.\n\nThe port earned $ 1\u00ad3 billion."
    reason = [{"rule": "invisible-character", "reason": "the page has it"}]
    fact = fact_data(
        statement="Trade and the port grew.", quotes=[{"paragraph": 1, "text": "Trade and\u200bthe port grew."}]
    )
    path = write_kb(
        small_kb(sources=[source_data(text=text)], facts=[fact | {"exceptions": reason}], relations=[], derived=[])
    )
    commands = [
        ["article", "--no-color"],
        ["article", "--format", "markdown"],
        ["article", "--format", "html"],
        ["show", "happened", "--no-color"],
        ["facts", "--no-color", "--fields", "id,quotes"],
        ["report", "--format", "markdown"],
    ]
    for command in commands:
        shown = cli("--facts", str(path), *command)
        assert shown.exit_code == 0, command
        assert "\u200b" not in shown.stdout and "\u00ad" not in shown.stdout, command
        assert "\\u200b" in shown.stdout, command
    article = cli("--facts", str(path), "article", "--no-color").stdout
    assert "\\xad" in article


@pytest.mark.parametrize("name", ["COLUMNS", "LINES"])
def test_a_number_too_long_for_python_in_columns_or_lines_is_ignored(tmp_path: Path, name: str) -> None:
    # The adversarial round of issue 20: Rich read the 4,301-digit COLUMNS itself and stopped with exit 70.
    for command in (["facts"], ["revenue"], ["check", "--coverage"]):
        result = kzcn(tmp_path, *command, **{name: "9" * 4301})
        assert (result.returncode, result.stderr) == (0, ""), command
