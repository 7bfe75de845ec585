"""The exploring commands at a terminal: facts, show, sources, revenue, totals, stats."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builders import small_kb

Run = Callable[..., Any]


def ids_in_json(result: Any) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [record["id"] for record in json.loads(result.stdout)]


def test_facts_table_lists_ids_kinds_and_quantities(cli: Run, write_kb: Callable[..., Path]) -> None:
    result = cli("--facts", str(write_kb()), "facts")
    assert result.exit_code == 0
    out = result.stdout
    assert "6 of 6 facts" in out
    for expected in ("trains-2017", "income-forecast-2020", "more than 10 cities", "$4 billion (forecast)"):
        assert expected in out
    assert "statistic" in out and "forecast" in out and "opinion" in out
    assert "\x1b[" not in out  # not a terminal: no escape codes


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--kind", "forecast"], ["income-forecast-2020"]),
        (["--topic", "trade"], ["income-2017", "cities-served", "trade-grew"]),
        # A repeated option allows any of its values (it used to require all: only income-2017 had both topics).
        (
            ["--topic", "trade", "--topic", "transport", "--kind", "opinion", "--kind", "forecast"],
            ["income-forecast-2020", "trade-grew"],
        ),
        (["--entity", "corridor"], ["income-2017", "income-transit-2017", "income-forecast-2020"]),
        (["--year", "2017"], ["trains-2017", "income-2017", "income-transit-2017"]),
        (["--year", "2020"], ["income-forecast-2020"]),
        (["--source", "doc", "--kind", "opinion"], ["trade-grew"]),
        (["TRAINS"], ["trains-2017"]),
        (["new corridor"], ["income-2017"]),
        (["--sort", "id", "--limit", "2"], ["cities-served", "income-2017"]),
        (
            ["--sort", "year"],
            [
                "trains-2017",
                "income-2017",
                "income-transit-2017",
                "income-forecast-2020",
                "cities-served",
                "trade-grew",
            ],
        ),
    ],
)
def test_facts_filters_repeat_with_or_and_combine_with_and(
    cli: Run, write_kb: Callable[..., Path], args: list[str], expected: list[str]
) -> None:
    assert ids_in_json(cli("--facts", str(write_kb()), "facts", *args, "--json")) == expected


def test_year_filter_matches_start_years_onwards(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][5]["time"] = {"year": 2017, "kind": "start"}
    data["facts"][5]["quotes"][0]["text"] = "In 2017 the port handled 40 trains."
    for fact in data["facts"]:  # the same words as trains-2017 quotes: declared on both
        if fact["quotes"][0]["text"] == "In 2017 the port handled 40 trains.":
            fact["quotes"][0]["shared"] = "a test of --year on a start year"
    data["facts"][5]["statement"] = "In the author's view, the port handled 40 trains since 2017."
    data["facts"][5]["exceptions"] = [{"rule": "time-cue", "reason": "a test of --year on a start year"}]
    path = str(write_kb(data))
    assert ids_in_json(cli("--facts", path, "facts", "--year", "2019", "--json")) == ["trade-grew"]
    assert ids_in_json(cli("--facts", path, "facts", "--year", "2016", "--json")) == []


def test_empty_result_says_so_and_exits_0(cli: Run, write_kb: Callable[..., Path]) -> None:
    result = cli("--facts", str(write_kb()), "facts", "--entity", "Europe", "--year", "2017")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "No facts match.\n"


def test_text_match_is_highlighted_in_colour(cli: Run, write_kb: Callable[..., Path]) -> None:
    result = cli("--facts", str(write_kb()), "facts", "trains", env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert "\x1b[7mtrains\x1b[0m" in result.stdout


def test_show_prints_every_field_and_the_quote_in_its_paragraph(cli: Run, write_kb: Callable[..., Path]) -> None:
    result = cli("--facts", str(write_kb()), "show", "income-transit-2017")
    assert result.exit_code == 0
    out = result.stdout
    assert "$0.5 billion" in out and "Value (base units)" in out and "500000000" in out
    assert "»in 2017 (of which $ 0.5 billion came from transit)«" in out
    assert "transit-share-2017; income-other-2017" in out
    assert "Paragraph 2:" in out


def test_show_unknown_id_suggests_the_closest(cli: Run, write_kb: Callable[..., Path]) -> None:
    result = cli("--facts", str(write_kb()), "show", "income-2018")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("kzcn: no fact with id 'income-2018'; did you mean income-2017")


def test_sources_say_unknown_and_count_citing_facts(cli: Run, write_kb: Callable[..., Path]) -> None:
    result = cli("--facts", str(write_kb()), "sources", "--json")
    record = json.loads(result.stdout)[0]
    assert record["title"] is None and record["facts"] == 6 and record["view_count"] == 7
    table = cli("--facts", str(write_kb()), "sources").stdout
    assert "unknown" in table and "doc" in table


def test_shipped_revenue_series_has_the_articles_figures_and_derived_ones(cli: Run) -> None:
    result = cli("revenue", "--json")
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["transport-income-2017"]["value"] == 3_000_000_000
    assert rows["transport-income-2017"]["basis"] == "stated"
    assert rows["transport-income-china-2017"]["role"] == "part"
    assert rows["transport-income-forecast-2020"]["forecast"] is True
    assert rows["transport-income-forecast-2020"]["basis"] == "forecast"
    share = rows["china-share-2017"]
    assert (share["text"], share["derived"], share["forecast"]) == ("43.3 %", True, False)
    assert share["amount"] == pytest.approx(1.3 / 3 * 100)
    assert rows["transport-income-2017-rest"]["text"] == "$1.7 billion"
    assert rows["transport-income-2017-rest"]["value"] == 1_700_000_000
    change = rows["income-change-2017-2020"]
    assert (change["text"], change["value"], change["forecast"]) == ("+$2 billion", 2_000_000_000, True)
    assert rows["income-percent-change-2017-2020"]["text"] == "+66.7 %"
    growth = rows["income-annual-growth-2017-2020"]
    assert growth["text"] == "18.6 % per year"
    assert growth["amount"] == pytest.approx(((5 / 3) ** (1 / 3) - 1) * 100)
    assert growth["basis"] == "derived from forecast"


def test_revenue_table_shows_chart_with_distinct_bars(cli: Run) -> None:
    out = cli("revenue").stdout
    assert "█" in out and "▓" in out and "░" in out
    assert "2020 forecast" in out and "derived from" in out


def test_revenue_year_2020_is_the_forecast_then_its_companions(cli: Run) -> None:
    result = cli("revenue", "--year", "2020", "--json")
    rows = json.loads(result.stdout)
    data = rows[0]
    assert (data["year"], data["amount"], data["scale"], data["unit"], data["forecast"]) == (
        2020,
        5,
        "billion",
        "USD",
        True,
    )
    assert [row["id"] for row in rows[1:]] == [
        "income-change-2017-2020",
        "income-percent-change-2017-2020",
        "income-annual-growth-2017-2020",
        "nazarbayev-fic-5bn-profit-by-2020",
        "nazarbayev-fic-5bn-transit-income-ru",
        "transit-revenue-target-2020-5bn-tenge",
        "transit-income-target-2020-4bn-usd",
        # Gaps after the records they are computed from.
        "gap-fic-transit-income-2020-vs-transit-2019",
        "gap-target-4bn-vs-forecast-5bn",
    ]
    records = [row for row in rows if row["role"] == "record"]
    assert {row["basis"] for row in records} == {"record (forecast)"}
    tenge = next(row for row in records if row["unit"] == "KZT")
    assert tenge["caveats"][0] == (
        "transit-revenue-target-2020-5bn-tenge: in KZT, not converted: no source gives a rate for it."
    )


def test_revenue_year_without_figure_names_the_years(cli: Run) -> None:
    result = cli("revenue", "--year", "2015")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "kzcn: no transport income figure for 2015; years with one: 2016, 2017, 2018, 2019, 2020 (--interpolate estimates years between them)\n"
    )


NO_FIGURE = (
    "kzcn: no transport income figure for {}; years with one: 2017, 2020 (--interpolate estimates years between them)\n"
)
NOT_A_YEAR = "kzcn: --year needs a year from 1 to 9999, such as 2017; '{}' is not one\n"


@pytest.mark.parametrize(
    ("year", "status", "message"),
    [("1", 1, NO_FIGURE), ("9999", 1, NO_FIGURE), ("0", 2, NOT_A_YEAR), ("10000", 2, NOT_A_YEAR)],
)
def test_a_year_from_1_to_9999_is_a_year_and_one_beyond_is_a_usage_error(
    cli: Run, write_kb: Callable[..., Path], year: str, status: int, message: str
) -> None:
    result = cli("--facts", str(write_kb()), "revenue", "--year", year)
    assert (result.exit_code, result.stdout, result.stderr) == (status, "", message.format(year))


def test_a_year_with_only_records_shows_them(cli: Run) -> None:
    rows = json.loads(cli("revenue", "--year", "2019", "--json").stdout)
    assert [item["id"] for item in rows] == [
        "transit-revenue-2019-1-2bn-usd",
        "transit-revenue-2019-450bn-tenge",
        "gap-transit-2017-vs-2019-tenge",
        "gap-transit-2018-vs-2019-usd",
    ]
    row = rows[0]
    assert (row["id"], row["basis"], row["amount"], row["unit"]) == (
        "transit-revenue-2019-1-2bn-usd",
        "record",
        1.2,
        "USD",
    )
    assert row["reported_by"] == "Ministry of Infrastructure and Industrial Development"


def test_2018_shows_the_record_whose_year_is_inferred_and_says_so(cli: Run) -> None:
    row, other = json.loads(cli("revenue", "--year", "2018", "--json").stdout)
    assert other["id"] == "transport-gross-output-2018-7240bn-tenge"
    assert (row["id"], row["basis"], row["text"]) == (
        "transit-revenue-2018-1-5bn-usd",
        "record, year inferred",
        "$1.5 billion",
    )
    assert row["caveats"] == [
        'transit-revenue-2018-1-5bn-usd: the year 2018 is inferred, not printed: "Last year" on a page dated '
        "2019-06-25; the page does not print the year."
    ]
    table = cli("revenue", "--year", "2018", env={"COLUMNS": "160"}).stdout
    assert "Caveat on transit-revenue-2018-1-5bn-usd: the year 2018 is inferred, not printed" in table


def test_a_forecast_review_shows_its_verdict_and_outcome_apart(cli: Run) -> None:
    shown = cli("review", "transport-income-forecast-2020", env={"COLUMNS": "200"}).stdout
    lines = [" ".join(line.split()) for line in shown.splitlines()]
    assert "Verdict (was it made as reported?) partly-supported" in lines
    assert "Outcome (what became of it?) not-found" in lines
    record = json.loads(cli("revenue", "--year", "2020", "--json").stdout)[0]
    assert (record["id"], record["verdict"], record["outcome"]) == (
        "transport-income-forecast-2020",
        "partly-supported",
        "not-found",
    )


def test_interpolated_year_is_labelled(cli: Run) -> None:
    data, *_records = json.loads(cli("revenue", "--year", "2019", "--interpolate", "--json").stdout)
    assert (data["basis"], data["interpolated"], data["stated"]) == ("interpolated from forecast", True, False)
    assert (data["forecast"], data["qualifier"]) == (True, "approximate")
    assert data["amount"] == pytest.approx(3 + 2 * 2 / 3)
    assert "not stated by the article" in data["label"]


def test_small_kb_revenue_uses_its_own_series(cli: Run, write_kb: Callable[..., Path]) -> None:
    rows = json.loads(cli("--facts", str(write_kb()), "revenue", "--json").stdout)
    assert [row["id"] for row in rows] == [
        "income-2017", "income-transit-2017", "transit-share-2017", "income-other-2017",
        "income-forecast-2020", "income-growth",
    ]  # fmt: skip
    assert rows[2]["text"] == "25 %" and rows[3]["text"] == "$1.5 billion"
    assert rows[5]["amount"] == pytest.approx((2 ** (1 / 3) - 1) * 100)


def test_revenue_shows_any_series_named_and_completes_the_names(cli: Run, write_kb: Callable[..., Path]) -> None:
    # Issue 23, item 8: a new knowledge base's series could not be seen; revenue knew only transport-income.
    data = small_kb()
    trains = next(fact for fact in data["facts"] if fact["id"] == "trains-2017")
    trains["series"] = "port-trains"
    path = str(write_kb(data))
    table = cli("--facts", path, "revenue", "--series", "port-trains", "--fields", "year,basis,text,id")
    assert table.exit_code == 0
    assert [line.split() for line in table.stdout.splitlines()] == [
        ["The", "port-trains", "series"],
        [],
        ["Year", "Basis", "Amount", "ID"],
        ["─" * len(table.stdout.splitlines()[3].strip())],
        ["2017", "stated", "40", "trains", "trains-2017"],
        [],
        ["stated:", "the", "article", "gives", "the", "figure.", "forecast:", "the", "article", "reports", "a", "forecast,",
         "not", "a", "result."],
        ["derived:", "computed", "by", "kzcn", "from", "the", "facts", "named,", "never", "stated", "by", "the", "article."],
    ][: len(table.stdout.splitlines())]  # fmt: skip
    empty = cli("--facts", path, "revenue", "--series", " ")
    assert (empty.exit_code, empty.stderr) == (
        2,
        "kzcn: --series needs a series name, such as --series transport-income\n",
    )
    unknown = cli("--facts", path, "revenue", "--series", "port-train")
    assert (unknown.exit_code, unknown.stdout) == (1, "")
    assert unknown.stderr == (
        "kzcn: the knowledge base has no facts in the 'port-train' series; series with figures: port-trains, "
        "transport-income (kzcn revenue --series NAME)\n"
    )
    assert (
        cli("--facts", path, "revenue", "--year", "2017", "--json").stdout
        == cli("--facts", path, "revenue", "--series", "transport-income", "--year", "2017", "--json").stdout
    )
    from kzcn.kb.load import load_knowledge_base
    from kzcn.queries.facets import facet_values

    assert facet_values(load_knowledge_base(path), "series") == ["port-trains", "transport-income"]


def test_totals_spell_out_the_derivation(cli: Run, write_kb: Callable[..., Path]) -> None:
    result = cli("--facts", str(write_kb()), "totals", "--explain", "transit-share-2017")
    out = result.stdout
    assert "part / whole × 100" in out
    assert "0.5 / 2 × 100 = 25" in out
    assert "part = income-transit-2017 = $0.5 billion (stated)" in out
    assert "derived: computed by kzcn, not stated by the source" in out


def test_totals_from_bounds_are_bounds(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["derived"].append(
        {
            "id": "trains-per-city",
            "label": "x",
            "operation": "sum",
            "inputs": {"first": "cities-served", "second": "cities-served"},
        }
    )
    record = json.loads(cli("--facts", str(write_kb(data)), "totals", "--explain", "trains-per-city", "--json").stdout)
    assert (record["exact"], record["qualifier"], record["amount"], record["text"]) == (
        False,
        "more-than",
        20,
        "more than 20 cities",
    )


def test_totals_unknown_id_is_not_found(cli: Run) -> None:
    result = cli("totals", "--explain", "china-share")
    assert result.exit_code == 1
    assert "did you mean china-share-2017" in result.stderr


def test_stats_count_facets(cli: Run, write_kb: Callable[..., Path]) -> None:
    rows = json.loads(cli("--facts", str(write_kb()), "stats", "--json").stdout)
    counts = {(row["facet"], row["value"]): row["count"] for row in rows}
    assert counts[("kind", "statistic")] == 4
    assert counts[("topic", "transport")] == 4
    assert counts[("year", "2017")] == 3
    assert counts[("year", "by 2020")] == 1
    assert counts[("year", None)] == 2
    assert counts[("source", "doc")] == 6


def test_knowledge_base_text_is_never_markup(cli: Run, write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][5]["statement"] = "[bold red]Trade[/] grew :smile: \\[x] \x1b]0;pwned\x07 \u202eevil \x9b31m"
    data["facts"][5]["exceptions"] = [
        {"rule": "statement-numbers", "reason": "the 0 of an escape sequence"},
        {"rule": "statement-words", "reason": "markup words, as a hostile author writes them"},
        {"rule": "opinion-frame", "reason": "markup in place of a statement, with no view's frame"},
    ]
    result = cli("--facts", str(write_kb(data)), "facts", "--kind", "opinion", env={"FORCE_COLOR": "1"})
    assert "[bold red]Trade[/] grew :smile: \\[x]" in result.stdout
    assert "\x1b]0;" not in result.stdout and "\u202e" not in result.stdout and "\x9b" not in result.stdout
    assert "\\x1b]0;pwned\\x07" in result.stdout and "\\u202eevil" in result.stdout and "\\x9b31m" in result.stdout


def test_version_and_help(cli: Run) -> None:
    assert cli("--version").stdout.startswith("kzcn 0.")
    # Issue 23, item 9: `kzcn -V` was a usage error; as most tools have it, it is the version (a command's -V is
    # still its --verdict).
    assert (cli("-V").exit_code, cli("-V").stdout) == (0, cli("--version").stdout)
    assert cli("facts", "-V", "contradicted").exit_code == 0
    assert "Exit statuses: 0 success" in cli("--help").stdout


@pytest.mark.parametrize("command", ["facts", "show", "sources", "revenue", "totals", "stats", "check"])
def test_help_leads_with_an_example_that_works(
    cli: Run, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex
    import shutil

    from conftest import SHIPPED_FACTS

    help_text = cli(command, "--help").stdout
    first_paragraph = next(line.strip() for line in help_text.splitlines()[1:] if line.strip())
    assert first_paragraph.startswith("Example: kzcn ")  # the help leads with it, right under the usage line
    example = first_paragraph.removeprefix("Example: ")
    words = shlex.split(example)
    assert words[0] == "kzcn" and command in words
    shutil.copy(SHIPPED_FACTS, tmp_path / "my-facts.yaml")
    monkeypatch.chdir(tmp_path)
    result = cli(*words[1:])
    assert result.exit_code == 0, (example, result.stderr)
    assert result.stdout or result.stderr


@pytest.mark.parametrize(
    ("env", "args"),
    [
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, []),
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, []),
        ({"FORCE_COLOR": "1"}, ["--no-color"]),
    ],
)
def test_colour_is_off_for_no_color_dumb_terminals_and_the_flag(cli: Run, env: dict[str, str], args: list[str]) -> None:
    result = cli("facts", "--kind", "forecast", *args, env=env)
    assert result.exit_code == 0
    assert "transport-income-forecast-2020" in result.stdout
    assert "\x1b[" not in result.stdout


def test_an_empty_no_color_leaves_colour_on_as_the_convention_says(cli: Run) -> None:
    # no-color.org: NO_COLOR turns colour off when it is present and not empty.
    assert "\x1b[1;33mforecast" in cli("facts", "--kind", "forecast", env={"FORCE_COLOR": "1", "NO_COLOR": ""}).stdout


def test_output_to_a_file_has_no_colour_even_when_forced(
    cli: Run, write_kb: Callable[..., Path], tmp_path: Path
) -> None:
    path, target = str(write_kb()), tmp_path / "facts.txt"
    result = cli("--facts", path, "facts", "--kind", "opinion", "--output", str(target), env={"FORCE_COLOR": "1"})
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"kzcn: wrote {target}\n")
    plain = cli("--facts", path, "facts", "--kind", "opinion", env={"COLUMNS": "100"})
    assert "\x1b[" not in target.read_text(encoding="utf-8")
    assert target.read_text(encoding="utf-8") == plain.stdout


def test_fields_ignore_blanks_and_a_trailing_comma(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb())
    for fields in ("id,statement,", " id , statement ", "id,,statement"):
        result = cli("--facts", path, "facts", "--kind", "opinion", "--fields", fields, "--format", "csv")
        assert (result.exit_code, result.stdout, result.stderr) == (
            0,
            'id,statement\ntrade-grew,"In the author\'s view, trade grew quickly."\n',
            "",
        )


def test_forced_colour_styles_kinds(cli: Run) -> None:
    assert "\x1b[1;33mforecast" in cli("facts", "--kind", "forecast", env={"FORCE_COLOR": "1"}).stdout


def test_limit_title_says_how_many_matched(cli: Run, write_kb: Callable[..., Path]) -> None:
    out = cli("--facts", str(write_kb()), "facts", "--topic", "transport", "--limit", "2").stdout
    assert out.startswith("2 of 4 matching facts (6 in all)\n")
    assert cli("--facts", str(write_kb()), "facts", "--topic", "transport").stdout.startswith("4 of 6 facts\n")


def test_source_filter_includes_facts_mentioning_the_source(cli: Run) -> None:
    assert ids_in_json(cli("facts", "--source", "export-of-integration", "--json")) == [
        "export-of-integration-film",
        "film-prepared-by-presidential-tv",
    ]
    record = json.loads(cli("sources", "--json").stdout)[1]
    assert (record["cited_in"], record["cited_in_paragraph"], record["facts"]) == ("article", 11, 2)


def test_limit_zero_says_how_many_matched(cli: Run, write_kb: Callable[..., Path]) -> None:
    result = cli("--facts", str(write_kb()), "facts", "--limit", "0")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No facts shown: --limit 0 (6 match).\n")


def test_modality_is_shown_filtered_and_completed(cli: Run, write_kb: Callable[..., Path]) -> None:
    from kzcn.cli.completion import complete_modalities

    path = str(write_kb())
    table = cli("--facts", path, "facts", "--fields", "id,says,modality").stdout
    assert " income-forecast-2020   unnamed forecasts   reported\n" in table
    assert " trade-grew             author              asserted\n" in table
    assert "Says: who makes the claim" in cli("--facts", path, "facts").stdout
    records = json.loads(cli("--facts", path, "facts", "--modality", "reported", "--json").stdout)
    assert [
        (r["id"], r["says"], r["modality"], r["attributed_to"], r["condition"], r["exceptions"]) for r in records
    ] == [("income-forecast-2020", "unnamed forecasts", "reported", "unnamed forecasts", None, [])]
    result = cli("--facts", path, "facts", "--modality", "rumoured")
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        "unknown --modality 'rumoured' (choose from: asserted, conditional, hedged, predicted, reported)"
        in result.stderr
    )
    assert complete_modalities("p") == ["predicted"]


def test_since_a_year_includes_that_year_and_sort_kind_sorts_by_kind(write_kb: Callable[..., Path]) -> None:
    from kzcn.kb.load import load_knowledge_base
    from kzcn.model.records import TimeRef
    from kzcn.queries.facts import list_facts
    from kzcn.queries.filters import year_matches

    since = TimeRef(year=2017, kind="start")
    assert [year_matches(since, year) for year in (2016, 2017, 2018)] == [False, True, True]
    assert [year_matches(TimeRef(year=2017, kind="point"), year) for year in (2016, 2017, 2018)] == [False, True, False]
    assert year_matches(None, 2017) is False
    kb = load_knowledge_base(str(write_kb()))
    records = list_facts(kb, sort="kind").records
    kinds = [record["kind"] for record in records]
    assert kinds == sorted(kinds) and len(set(kinds)) == 3
    assert [record["id"] for record in records] != sorted(record["id"] for record in records)


def test_no_derived_gap_or_interpolated_row_says_the_article_reported_it(cli: Run) -> None:
    rows = json.loads(cli("revenue", "--json").stdout)
    rows += [
        row
        for row in json.loads(cli("revenue", "--year", "2019", "--interpolate", "--json").stdout)
        if row["interpolated"]
    ]
    computed = [row for row in rows if row["derived"]]
    assert len(computed) == 11
    assert {(row["reported_by"], row["source"].split(",")[0]) for row in computed} == {
        ("nobody: computed by kzcn", "kzcn")
    }
    table = cli("revenue", "--year", "2017", "--fields", "id,reported_by").stdout
    assert [line.split() for line in table.splitlines() if line.startswith(" china-share-2017")] == [
        ["china-share-2017", "nobody:", "computed", "by", "kzcn"]
    ]


def test_a_search_that_finds_no_claim_says_how_many_evidence_facts_it_finds(cli: Run) -> None:
    # Issue 23, item 7: "No facts match." hid seven evidence facts about transit revenue.
    result = cli("facts", "transit", "revenue")  # the message goes to stderr: stdout stays empty for scripts
    assert (result.exit_code, result.stdout, result.stderr.strip()) == (
        0,
        "",
        "No claims of the article match; 7 evidence facts do: add --evidence.",
    )
    assert len(json.loads(cli("facts", "transit", "revenue", "--evidence", "--json").stdout)) == 7
    none = cli("facts", "--evidence", "jobs", "citizens")
    assert none.stderr.strip() == "No evidence facts match; 1 claim of the article does: drop --evidence."
    assert cli("facts", "zzzz-nothing").stderr.strip() == "No facts match."


def test_the_sources_table_shows_the_view_counter_its_help_promises(cli: Run) -> None:
    # Issue 23, item 9: `kzcn sources` promised the view count in its help; only JSON had the article's 1556.
    table = cli("sources", env={"COLUMNS": "160"}).stdout
    header, _rule, article = table.splitlines()[2:5]
    assert header.split()[-1] == "Views" and article.split()[-1] == "1556"


def test_numbers_are_grouped_in_words_never_in_json_or_csv_values(cli: Run) -> None:
    [record] = json.loads(cli("facts", "--evidence", "664,000", "--json").stdout)
    assert (record["quantity_text"], record["amount"], record["value"]) == ("664,000 containers", 664000, 664000)
    csv_text = cli("facts", "--evidence", "664,000", "--format", "csv", "--fields", "amount,quantity_text").stdout
    assert csv_text.splitlines() == ["amount,quantity_text", '664000,"664,000 containers"']
