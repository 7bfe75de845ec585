"""Issue 14, daily use round two: each papercut's test, written before its fix."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]


# j. JSON: one field, one meaning, everywhere; unknown is null.


def test_stats_json_says_null_for_facts_without_a_year(cli: Run, write_kb: Callable[..., Path]) -> None:
    rows = json.loads(cli("--facts", str(write_kb()), "stats", "--json").stdout)
    assert {"facet": "year", "value": None, "count": 2} in rows
    assert "no year given" in cli("--facts", str(write_kb()), "stats").stdout


def test_show_json_names_the_derived_figures_using_it_apart_from_the_derived_flag(
    cli: Run, write_kb: Callable[..., Path]
) -> None:
    record = json.loads(cli("--facts", str(write_kb()), "show", "income-2017", "--json").stdout)
    assert "derived" not in record
    assert record["used_by_derived"] == ["transit-share-2017", "income-other-2017", "income-growth"]


def test_quotes_keep_their_paragraphs_in_json_everywhere(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb())
    listed = json.loads(cli("--facts", path, "facts", "--json").stdout)
    shown = json.loads(cli("--facts", path, "show", "trains-2017", "--json").stdout)
    expected = [{"paragraph": 1, "text": "In 2017 the port handled 40 trains."}]
    assert listed[0]["quotes"] == expected
    assert shown["quotes"] == expected
    assert shown["context"][0]["paragraph"] == 1
    assert cli("--facts", path, "facts", "--fields", "id,quotes", "-f", "csv").stdout.splitlines()[1] == (
        "trains-2017,¶1: In 2017 the port handled 40 trains."
    )


# 2. CSV and TSV: --no-header, and --raw to write values without the formula guard.


@pytest.mark.parametrize("output_format", ["csv", "tsv"])
def test_no_header_leaves_out_the_header_line(cli: Run, output_format: str) -> None:
    with_header = cli("stats", "-f", output_format).stdout.splitlines()
    without = cli("stats", "-f", output_format, "--no-header").stdout.splitlines()
    assert without == with_header[1:]


def test_raw_writes_signed_figures_without_the_apostrophe(cli: Run) -> None:
    guarded = cli("revenue", "-f", "csv", "--fields", "id,text").stdout
    raw = cli("revenue", "-f", "csv", "--fields", "id,text", "--raw").stdout
    assert "income-change-2017-2020,'+$2 billion" in guarded
    assert "income-change-2017-2020,+$2 billion" in raw
    assert "income-percent-change-2017-2020,+66.7 %" in raw


@pytest.mark.parametrize("flag", ["--no-header", "--raw"])
def test_csv_flags_with_another_format_are_usage_errors(cli: Run, flag: str) -> None:
    result = cli("stats", "--json", flag)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"kzcn: {flag} applies to --format csv and tsv only, not json\n"


# k. Conflicting output options are a usage error.


def test_json_with_another_format_is_a_usage_error(cli: Run) -> None:
    result = cli("facts", "--json", "-f", "csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "kzcn: --json and --format csv contradict each other: --json is --format json\n"
    assert cli("facts", "--json", "-f", "json").exit_code == 0


# l. Legends follow their column; no line ends in spaces.


def test_kind_legend_only_with_the_kind_column(cli: Run) -> None:
    assert "Kinds:" not in cli("facts", "--fields", "id").stdout
    assert "Kinds:" in cli("facts", "--fields", "id,kind").stdout


@pytest.mark.parametrize(
    "command", [["facts"], ["revenue"], ["show", "transport-income-2017"], ["stats"]], ids=" ".join
)
def test_no_table_line_ends_in_spaces(cli: Run, command: list[str]) -> None:
    out = cli(*command).stdout
    assert out
    assert [line for line in out.splitlines() if line != line.rstrip()] == []


# a. An amount is never split, at any width; b. on a narrow terminal, prose gives way before figures and ids.


AMOUNTS = ("$3 billion", "$1.3 billion", "43.3 %", "$1.7 billion", "+$2 billion", "+66.7 %", "18.6 % per year")


@pytest.mark.parametrize("columns", ["200", "150", "100", "80", "60", "40", "20"])
@pytest.mark.parametrize("command", [["revenue"], ["totals"]], ids=" ".join)
def test_an_amount_is_never_split_at_any_width(cli: Run, command: list[str], columns: str) -> None:
    out = cli(*command, env={"COLUMNS": columns}).stdout
    lines = out.splitlines()
    for amount in AMOUNTS:
        if command == ["totals"] and amount in ("$3 billion", "$1.3 billion", "$5 billion"):
            continue  # totals shows only derived results
        assert any(amount in line for line in lines), (amount, columns)


@pytest.mark.parametrize("columns", ["40", "60", "80", "100", "160"])
@pytest.mark.parametrize("command", [["revenue"], ["facts"]], ids=" ".join)
def test_every_record_shows_its_id_and_its_words_at_every_width(
    cli: Run, write_kb: Callable[..., Path], columns: str, command: list[str]
) -> None:
    # Issue 23: at 100 columns `facts` showed ids without claims, and at 80 `revenue` neither id nor label. Now a
    # table keeps the id and the words (claim, label), or each record becomes a card: its id on the first line, its
    # words below. Read as a person reads: whitespace between the words does not matter, line ends do not either.
    out = cli("--facts", str(write_kb()), *command, "--json").stdout
    records = json.loads(out)
    shown = " ".join(cli("--facts", str(write_kb()), *command, env={"COLUMNS": columns}).stdout.split())
    for record in records:
        words = record["statement"] if command == ["facts"] else record["label"]
        if record["id"] is not None:
            assert record["id"] in shown.replace(" ", ""), (record["id"], columns)
        for word in words.split():
            assert word in shown, (word, columns)
    if command == ["revenue"]:
        assert all(record["text"] in shown for record in records)  # the amounts, whole


# i. check's closest passage ends at a word boundary.


def test_closest_passage_is_cut_between_words() -> None:
    from kzcn.model.text import IndexedSource

    source = IndexedSource.of("Officials say the new corridor earned $ 2 billion in 2017 (of which more).")
    paragraph, passage, similarity = source.closest("corridor earned 2 billion")
    assert (paragraph, passage) == (1, "corridor earned $ 2 billion")
    assert similarity > 0.9
    assert source.closest("the new corridor earned $ 3 billions")[1] == "the new corridor earned $ 2 billion"


# d. An id of another kind of thing: say what it is and which command shows it.


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (
            ["show", "china-share-2017"],
            "kzcn: no fact with id 'china-share-2017'; china-share-2017 is a derived figure: "
            "kzcn totals --explain china-share-2017\n",
        ),
        (
            ["totals", "--explain", "transport-income-2017"],
            "kzcn: no derived figure with id 'transport-income-2017'; transport-income-2017 is a fact: "
            "kzcn show transport-income-2017\n",
        ),
        (
            ["show", "article"],
            "kzcn: no fact with id 'article'; article is a source: kzcn sources, or kzcn facts --source article\n",
        ),
    ],
)
def test_an_id_of_another_kind_says_what_it_is(cli: Run, command: list[str], message: str) -> None:
    result = cli(*command)
    assert (result.exit_code, result.stderr) == (1, message)


# e. The global --facts works after the command too.


def test_facts_option_after_the_command(cli: Run, write_kb: Callable[..., Path], tmp_path: Path) -> None:
    path = str(write_kb())
    result = cli("facts", "--facts", path, "--json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 6
    assert cli("export", "sqlite", str(tmp_path / "kb.sqlite"), "--facts", path).exit_code == 0
    assert cli("check", "--facts", path, "--verbose").stderr.startswith(f"{path}: OK: 6 facts")


# m. Help and README say what the program does.


def test_facts_help_lists_the_columns_in_table_order(cli: Run) -> None:
    from kzcn.queries.facts import _FACT_TABLE, FACT_FIELDS

    help_text = " ".join(cli("facts", "--help").stdout.split())
    headers = {field.key: field.key.removesuffix("_text") for field in FACT_FIELDS} | {"says": "who says it"}
    names = [headers[key] if key != "paragraphs" else "paragraph" for key in _FACT_TABLE]
    assert f"{', '.join(names[:-1])} and {names[-1]}" in help_text


def test_the_documentation_says_the_verbose_ok_line_goes_to_stderr() -> None:
    from conftest import REPO

    page = " ".join((REPO / "docs" / "check.md").read_text(encoding="utf-8").split())
    assert "The `OK` line of `--verbose` is a message, so it goes to stderr" in page


# h. Several words match facts containing all of them, in any order; a quoted phrase is a phrase.


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["grain", "vietnam"], ["grain-exports-to-vietnam"]),
        (["vietnam grain"], ["grain-exports-to-vietnam"]),
        (['"grain to Vietnam"'], ["grain-exports-to-vietnam"]),
        (['"vietnam grain"'], []),
    ],
)
def test_search_words_in_any_order_and_phrases(cli: Run, words: list[str], expected: list[str]) -> None:
    result = cli("facts", *words, "--json")
    assert result.exit_code == 0, result.stderr
    assert [record["id"] for record in json.loads(result.stdout)] == expected


def test_search_highlights_each_word_in_searched_fields_only(cli: Run) -> None:
    out = cli("facts", "grain", "vietnam", "--fields", "id,statement", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[7mgrain\x1b[0m to \x1b[7mVietnam\x1b[0m" in out
    assert "grain-exports-to-vietnam" in out and "\x1b[7mgrain\x1b[0m-exports" not in out


# g. One policy for choices: case-insensitive, did-you-mean on every one, plain words; an unknown topic or entity
# is a usage error.


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--kind", "forcast"],
            "kzcn: unknown --kind 'forcast'; did you mean forecast? (choose from: event, forecast, opinion, statistic)\n",
        ),
        (
            ["--topic", "transprt"],
            "kzcn: unknown --topic 'transprt'; did you mean transport? (choose from: trade, transport)\n",
        ),
        (
            ["--entity", "Corridr"],
            "kzcn: unknown --entity 'Corridr'; did you mean Corridor? (choose from: Corridor, Europe, Port)\n",
        ),
        (["--source", ""], "kzcn: unknown --source '' (choose from: doc)\n"),
        (["--source", "dco"], "kzcn: unknown --source 'dco'; did you mean doc? (choose from: doc)\n"),
        (["--sort", "yaer"], "kzcn: unknown --sort 'yaer'; did you mean year? (choose from: id, kind, source, year)\n"),
        (["--year", "abc"], "kzcn: --year needs a year from 1 to 9999, such as 2017; 'abc' is not one\n"),
    ],
)
def test_a_wrong_choice_is_a_usage_error_with_did_you_mean(
    cli: Run, write_kb: Callable[..., Path], args: list[str], message: str
) -> None:
    result = cli("--facts", str(write_kb()), "facts", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_choices_ignore_case(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb())
    for args in (
        ["--kind", "Forecast"],
        ["--topic", "TRANSPORT"],
        ["--entity", "corridor"],
        ["--sort", "Year"],
        ["--source", "DOC"],
    ):
        assert cli("--facts", path, "facts", *args).exit_code == 0, args
    assert cli("--facts", path, "revenue", "--year", "abc").stderr == (
        "kzcn: --year needs a year from 1 to 9999, such as 2017; 'abc' is not one\n"
    )


# n. kzcn init: a starter knowledge base, never over an existing file.


def test_init_copies_the_shipped_knowledge_base(cli: Run, tmp_path: Path) -> None:
    from conftest import SHIPPED_FACTS

    target = tmp_path / "my.yaml"
    assert cli("init", str(target)).exit_code == 0
    assert target.read_bytes() == SHIPPED_FACTS.read_bytes()


def test_init_from_text_passes_the_check_and_numbers_paragraphs(cli: Run, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("First paragraph: with a colon.\n\n  Second # not a comment\n\nThird.\n", encoding="utf-8")
    target = tmp_path / "new.yaml"
    assert cli("init", str(target), "--from-text", str(article)).exit_code == 0
    written = target.read_text(encoding="utf-8")
    assert "#   ¶2: Second # not a comment" in written
    result = cli("--facts", str(target), "check", "--verbose")
    assert (result.exit_code, result.stderr) == (
        0,
        f"{target}: OK: 0 facts (0 claims, 0 evidence), 0 quotes, 1 sources, 0 relations, 0 derived figures, 0 reviews\n",
    )


def test_init_never_overwrites(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "taken.yaml"
    target.write_text("mine", encoding="utf-8")
    result = cli("init", str(target))
    assert (result.exit_code, result.stderr) == (
        2,
        f"kzcn: {target} exists; kzcn init never overwrites a file: choose a new name\n",
    )
    assert target.read_text(encoding="utf-8") == "mine"


def test_facts_is_one_option_before_and_after_every_command_that_reads_the_knowledge_base() -> None:
    import typer

    from kzcn.cli import app

    def facts_options(command: Any, path: str) -> dict[str, tuple[object, ...]]:
        found = {}
        for option in command.params:
            if option.param_type_name == "option" and option.name == "facts":
                found[path] = (tuple(option.opts), option.metavar, option.help)
        for name, sub in getattr(command, "commands", {}).items():
            found |= facts_options(sub, f"{path} {name}")
        return found

    declared = facts_options(typer.main.get_command(app), "kzcn")
    assert {"kzcn", "kzcn facts", "kzcn export sqlite", "kzcn export claimreview"} <= set(declared)
    assert len(set(declared.values())) == 1, declared


def test_review_wraps_between_words_and_never_splits_a_url_at_80_columns(cli: Run) -> None:
    # Issue 23, item 2: at 80 columns `review ID` was printed as lines a terminal folds anywhere ("will incre|ase",
    # "(en.inform.|kz)"). Now every line fits, or is one word that cannot (a URL), whole on a line of its own.
    from rich.cells import cell_len

    out = cli("review", "transport-income-forecast-2020", env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert [line for line in lines if cell_len(line) > 80 and len(line.split()) > 1] == []
    assert "https://en.inform.kz/amp/kazakhstan-may-earn-usd-5-bln-on-through-traffic_a3278468/)." in lines
    assert "Verdict (was it made as reported?): partly-supported" in lines


@pytest.mark.parametrize("columns", ["80", "100", "160"])
def test_facts_puts_each_verdict_on_the_line_of_its_id(cli: Run, columns: str) -> None:
    # Issue 23, item 1: "for every fact its id, the claim in words and its verdict" at 80, 100 and 160 columns.
    records = json.loads(cli("facts", "--json").stdout)
    lines = cli("facts", env={"COLUMNS": columns}).stdout.splitlines()
    for record in records:
        first = next(line for line in lines if record["id"] in line.split())
        if record["verdict"] is not None:
            assert record["verdict"] in first.split(), (record["id"], columns, first)
