"""The fast path (kzcn/cli/fast.py): its table is the Typer app's, it declines what it cannot read, and whatever it
reads gives the very output, messages and status the Typer app gives for the same command line."""

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from builders import small_kb
from kzcn.cli import fast, fast_spec
from kzcn.cli.completion_classes import use_quoting_completion
from kzcn.cli.fast import COMMANDS
from kzcn.cli.typer_app import app
from kzcn.render.options import Format

ENV = {"COLUMNS": "100", "NO_COLOR": None, "FORCE_COLOR": None, "KZCN_FACTS": None, "KZCN_PAGER": "cat"}


def test_the_table_is_the_one_the_typer_app_gives() -> None:
    assert fast_spec.TABLE_PATH.read_text(encoding="utf-8") == fast_spec.source(), (
        "kzcn/cli/fast_table.json is out of date: run python -m kzcn.cli.fast_spec"
    )


def test_the_commands_on_the_fast_path() -> None:
    assert list(COMMANDS) == [
        "facts",
        "show",
        "sources",
        "search",
        "article",
        "review",
        "revenue",
        "totals",
        "stats",
        "report",
        "check",
        "init",
        "schema",
    ]


def test_a_command_line_is_read_as_click_reads_it() -> None:
    call = fast.read(["--facts", "kb.yaml", "facts", "grain", "-t", "trade", "--topic=transport", "-n3", "--json"])
    assert call is not None
    assert (call.command, call.root) == ("facts", {"facts": "kb.yaml", "no_color": False, "no_pager": False})
    given = {name: value for name, value in call.arguments.items() if value not in (None, False)}
    assert given == {"text": ["grain"], "topic": ["trade", "transport"], "limit": 3, "as_json": True, "sort": "source"}
    show = fast.read(["show", "-fjson", "an-id"])
    assert show is not None and show.arguments["output_format"] is Format.json and show.arguments["fact_id"] == "an-id"
    article = fast.read(["article", "-p", "2", "--paragraph", "3", "--format", "csv", "--format", "tsv"])
    assert article is not None
    assert (article.arguments["paragraph"], article.arguments["output_format"]) == ([2, 3], Format.tsv)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--help"],
        ["-h"],
        ["--version"],
        ["facts", "--help"],
        ["facts", "-h"],
        ["fact"],  # a typo: Click suggests
        ["export", "sqlite", "out.db"],  # a group
        ["--install-completion"],
        ["facts", "--topic"],  # no value
        ["facts", "--topic", "--json"],  # a value that looks like an option
        ["facts", "--json=yes"],
        ["facts", "--jso"],
        ["check", "-vv"],  # a cluster of short flags
        ["facts", "-y=2017"],
        ["facts", "--", "text"],
        ["facts", "-"],
        ["facts", "--limit", "x"],
        ["facts", "--limit", "-1"],
        ["facts", "--limit=-1"],
        ["article", "--paragraph", "0"],
        ["facts", "--format", "JSON"],
        ["facts", "--format", "xml"],
        ["show"],  # a required argument missing
        ["show", "a", "b"],
        ["review", "a", "b"],
        ["sources", "extra"],
        ["--facts"],
        ["--no-color"],  # no command
        ["--no-color", "--topic", "x", "facts"],  # a command's option before the command
    ],
)
def test_what_the_fast_path_declines(argv: list[str]) -> None:
    assert fast.read(argv) is None


@pytest.fixture
def knowledge_base(write_kb: Callable[..., Path]) -> str:
    return str(write_kb(small_kb()))


Side = tuple[int, str, str, dict[str, bytes]]


def outputs_of_both(argv: list[str], where: Path) -> tuple[Side, Side | None]:
    """What the Typer app gives for `argv` and what the fast path gives (None: it declines): the status, stdout,
    stderr and the files written, each run in its own empty directory under `where`."""
    runner = CliRunner()
    with _inside(where / "typer") as typer_dir:
        typer_result = runner.invoke(app, argv, env=ENV, catch_exceptions=False)
        typer_side = (typer_result.exit_code, typer_result.stdout, typer_result.stderr, _files(typer_dir))
    call = fast.read(argv)
    if call is None:
        return typer_side, None
    with _inside(where / "fast") as fast_dir, runner.isolation(env=ENV) as (stdout, stderr, _):
        status = fast.run(call)
        fast_side = (status, stdout.getvalue().decode(), stderr.getvalue().decode(), _files(fast_dir))
    return typer_side, fast_side


@contextlib.contextmanager
def _inside(directory: Path) -> Iterator[Path]:
    """The current directory is `directory`, new and empty, for a while."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    before = Path.cwd()
    os.chdir(directory)
    try:
        yield directory
    finally:
        os.chdir(before)


def _files(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


@pytest.mark.parametrize(
    "argv",
    [
        ["facts"],
        ["facts", "--json"],
        ["facts", "trains", "--fields", "id,statement"],
        ["facts", "--topic", "Transport", "-k", "statistic", "--format", "csv"],
        ["facts", "--topic", "transprt"],  # kzcn's own did-you-mean, exit 2
        ["facts", "--year", "20x"],
        ["facts", "--kind", "forecast", "--kind", "statistic", "-n", "1", "--sort", "year"],
        ["facts", "--sort", "nowhere"],
        ["facts", "--json", "--format", "csv"],
        ["facts", "--raw"],
        ["facts", "--force"],
        ["facts", "--verdict", "supported"],
        ["--no-color", "facts", "--no-pager", "--format", "markdown"],
        ["show", "trains-2017"],
        ["show", "trains-2071"],  # an unknown id, exit 1
        ["show", "income-2017", "--json"],
        ["sources", "--format", "tsv", "--no-header"],
        ["article", "-p", "1", "--format", "html"],
        ["article", "--paragraph", "9"],
        ["review"],
        ["review", "trains-2017", "--topic", "trade"],
        ["revenue"],
        ["revenue", "--year", "2017", "--json"],
        ["revenue", "--year", "1999"],
        ["revenue", "--interpolate"],
        ["totals", "--explain", "transit-share-2017"],
        ["stats", "--format", "ndjson"],
        ["report", "--format", "markdown", "--topic", "trade"],
        ["check", "--verbose"],
        ["check", "--coverage", "--json"],
        ["check", "--json"],
        ["facts", "--output", "out.csv", "--format", "csv"],
        ["report", "-o", "sheet.html", "--format", "html", "--force"],
    ],
)
def test_the_fast_path_gives_what_the_typer_app_gives(argv: list[str], knowledge_base: str, tmp_path: Path) -> None:
    typer_side, fast_side = outputs_of_both(["--facts", knowledge_base, *argv], tmp_path)
    assert fast_side == typer_side


def test_facts_after_the_command_and_in_the_environment_are_read_alike(
    knowledge_base: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(ENV, "KZCN_FACTS", str(tmp_path / "missing.yaml"))
    for argv in (["facts", "--facts", knowledge_base], ["--facts", "", "facts"], ["stats"]):
        typer_side, fast_side = outputs_of_both(argv, tmp_path)
        assert fast_side == typer_side


def test_init_on_the_fast_path_writes_what_typer_writes(tmp_path: Path) -> None:
    runner = CliRunner()
    typer_result = runner.invoke(app, ["init", str(tmp_path / "a.yaml")], env=ENV, catch_exceptions=False)
    call = fast.read(["init", str(tmp_path / "b.yaml")])
    assert call is not None
    with runner.isolation(env=ENV) as (stdout, stderr, _):
        assert fast.run(call) == typer_result.exit_code == 0
        assert (stdout.getvalue(), stderr.getvalue().decode()) == (b"", typer_result.stderr.replace("a.yaml", "b.yaml"))
    assert (tmp_path / "a.yaml").read_bytes() == (tmp_path / "b.yaml").read_bytes()
    typer_side, fast_side = outputs_of_both(["init", str(tmp_path / "a.yaml")], tmp_path)  # exists: never replaced
    assert fast_side == typer_side and typer_side[0] == 2


VALUES = ["trade", "Transport", "2017", "20x", "0", "-1", "3", "json", "csv", "JSON", "", "trains-2017", "a,b", "id"]
NOISE = ["--help", "--", "-", "-x", "--facts=", "--json=1", "-pk", "-vv"]


@st.composite
def _command_lines(draw: st.DrawFn) -> list[str]:
    """Command lines of one command: its options written every way Click reads them, with values of their kind
    (some out of range or not a choice), positional words, and now and then a word the table does not know."""
    name = draw(st.sampled_from([name for name in COMMANDS if name != "init"]))  # init writes a file: own test
    spec = fast._spec(name)
    argv = [name]
    for _ in range(draw(st.integers(0, 5))):
        what = draw(st.sampled_from(["option", "option", "option", "positional", "noise"]))
        if what == "option" and not spec["options"]:  # `kzcn schema` takes none
            what = "positional"
        if what == "option":
            option = draw(st.sampled_from(sorted(spec["options"])))
            kind = spec["params"][spec["options"][option]]
        if what == "positional":
            argv.append(draw(st.sampled_from(VALUES)))
        elif what == "noise":
            argv.append(draw(st.sampled_from(NOISE)))
        elif kind[0] == "flag":
            argv.append(option)
        else:
            pool = (
                [*kind[2], "xml"] if kind[0] == "choice" else ["0", "1", "2", "-1", "x"] if kind[0] == "int" else VALUES
            )
            value = draw(st.sampled_from(pool))
            written = draw(st.sampled_from(["apart", "joined"]))
            if written == "apart":
                argv += [option, value]
            else:
                argv.append(f"{option}={value}" if option.startswith("--") else option + value)
    return argv


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=_command_lines())
@example(argv=["facts", "--limit", "0"])
@example(argv=["facts", "-n2", "--topic=trade", "trains"])
def test_any_command_line_the_fast_path_reads_gives_the_typer_apps_output(
    argv: list[str], knowledge_base: str, tmp_path: Path
) -> None:
    typer_side, fast_side = outputs_of_both(["--facts", knowledge_base, *argv], tmp_path)
    assert fast_side in (None, typer_side)


def completions_of_both(words: str, cword: int, **env: str) -> tuple[str, str | None]:
    """What Typer's completion prints for bash's COMP_WORDS and COMP_CWORD, and what the fast path prints (None:
    it leaves the answer to Typer)."""
    environ = {**ENV, "_KZCN_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword), **env}
    runner = CliRunner()
    command = typer.main.get_command(app)
    use_quoting_completion()  # as kzcn.cli.main does, after get_command
    with runner.isolation(env=environ) as (stdout, _, _):
        with contextlib.suppress(SystemExit):
            command(prog_name="kzcn", args=[])
        typer_side = stdout.getvalue().decode()
        answer = fast.complete(os.environ)
    return typer_side, None if answer is None else answer + "\n"


@pytest.mark.parametrize(
    ("words", "cword"),
    [
        ("kzcn show tr", 2),
        ("kzcn show", 2),
        ("kzcn show ", 2),
        ("kzcn show TRAINS", 2),
        ("kzcn --no-color show in", 3),
        ("kzcn show --json in", 3),
        ("kzcn facts --topic tr", 3),
        ("kzcn facts -t ", 3),
        ("kzcn facts --entity c", 3),
        ("kzcn facts --year 20", 3),
        ("kzcn facts --source d", 3),
        ("kzcn facts --kind s", 3),
        ("kzcn facts --modality a", 3),
        ("kzcn facts --verdict p", 3),
        ("kzcn facts grain --topic t", 4),
        ("kzcn article --fact in", 3),
        ("kzcn article --source ", 3),
        ("kzcn review in", 2),
        ("kzcn review trains-2017 in", 3),
        ("kzcn revenue --year 2", 3),
        ("kzcn totals --explain t", 3),
        ("kzcn facts tr", 2),  # the search: nothing to offer
        ("kzcn facts --limit 3", 3),
        ("kzcn show tr extra", 2),  # completing in the middle of the line
        ("kzcn re", 1),
        ("kzcn facts --to", 2),
        ("kzcn facts --topic=tr", 2),
        ("kzcn export sqlite --topic t", 4),
        ("kzcn show 'tr", 2),
        ("kzcn", 1),
        ("kzcn show tr", 0),
        ("kzcn show tr", 9),
    ],
)
def test_completion_on_the_fast_path_is_typers(words: str, cword: int, knowledge_base: str) -> None:
    typer_side, fast_side = completions_of_both(words, cword, KZCN_FACTS=knowledge_base)
    assert fast_side in (None, typer_side)


def test_completion_reads_the_knowledge_base_named_before_the_command(knowledge_base: str, tmp_path: Path) -> None:
    words = f"kzcn --facts {knowledge_base} show tr"
    typer_side, fast_side = completions_of_both(words, 4, KZCN_FACTS=str(tmp_path / "missing.yaml"))
    assert fast_side == typer_side == "trains-2017\ntrade-grew\n"


def test_what_fast_completion_answers_and_what_it_leaves_to_typer(knowledge_base: str) -> None:
    answers = {
        (words, cword): completions_of_both(words, cword, KZCN_FACTS=knowledge_base)[1]
        for words, cword in [
            ("kzcn show in", 2),
            ("kzcn facts --kind fo", 3),
            ("kzcn facts --topic", 3),
            ("kzcn re", 1),
            ("kzcn facts --to", 2),
            ("kzcn show tr extra", 2),
        ]
    }
    assert answers == {
        ("kzcn show in", 2): "income-2017\nincome-transit-2017\nincome-forecast-2020\n",
        ("kzcn facts --kind fo", 3): "forecast\n",
        ("kzcn facts --topic", 3): "trade\ntransport\n",
        ("kzcn re", 1): None,  # a command's name: Typer's
        ("kzcn facts --to", 2): None,  # an option's name: Typer's
        ("kzcn show tr extra", 2): "trains-2017\ntrade-grew\n",
    }


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=_command_lines(), typed=st.sampled_from(["", "t", "tr", "in", "20", "c", "fo", "T"]), at_end=st.booleans())
def test_completion_of_any_command_line_is_typers(
    argv: list[str], typed: str, at_end: bool, knowledge_base: str
) -> None:
    words = ["kzcn", *(word for word in argv if word and " " not in word), typed]
    cword = len(words) - 1 if at_end else max(1, len(words) - 2)
    typer_side, fast_side = completions_of_both(" ".join(words), cword, KZCN_FACTS=knowledge_base)
    assert fast_side in (None, typer_side)


def test_without_its_table_the_fast_path_leaves_everything_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_open = builtins.open

    def no_table(path: str, *args: Any, **kwargs: Any) -> Any:
        if str(path).endswith("fast_table.json"):
            raise FileNotFoundError(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", no_table)
    table = fast._table()
    assert (table["COMMANDS"], table["SHARED"]) == ({}, {})
    monkeypatch.setattr(fast, "ROOT", table["ROOT"])
    monkeypatch.setattr(fast, "COMMANDS", table["COMMANDS"])
    assert fast.read(["revenue", "--json"]) is None
    assert fast.complete({"_KZCN_COMPLETE": "complete_bash", "COMP_WORDS": "kzcn show tr", "COMP_CWORD": "2"}) is None


def test_an_option_the_fast_path_cannot_read_keeps_its_command_on_the_typer_path() -> None:
    probe = typer.Typer()

    @probe.command()
    def anything(
        both: bool = typer.Option(True, "--both/--neither"),
        many: int = typer.Option(0, "--many", count=True),
        told: str = typer.Option("", "--told", envvar="TOLD"),
        plain: str = typer.Option("", "--plain"),
        whole: int = typer.Option(0, "--whole"),
        pair: tuple[int, int] = typer.Option((1, 2), "--pair"),
    ) -> None:
        """Options of every kind Click does more with than take its words."""

    command = typer.main.get_command(probe)
    params = {str(param.name): param for param in command.params}
    for name in ("both", "many", "told", "pair"):
        with pytest.raises(fast_spec.Unreadable):
            fast_spec._kind(params[name], anything)
    assert fast_spec._kind(params["plain"], anything) == ("text", False)
    assert fast_spec._kind(params["whole"], anything) == ("int", False, None, None)


def test_a_completion_request_without_its_words_is_left_to_typer() -> None:
    assert fast.complete({"_KZCN_COMPLETE": "complete_bash", "COMP_CWORD": "1"}) is None
    assert fast.complete({"_KZCN_COMPLETE": "complete_bash", "COMP_WORDS": "kzcn show"}) is None
    assert fast.complete({"_KZCN_COMPLETE": "complete_zsh", "COMP_WORDS": "kzcn show", "COMP_CWORD": "2"}) is None
