"""kzcn.cli.registry and kzcn.cli.typer_app directly: what a command module records, and the Typer app built from
the record (its options declared by postponed annotations, its filters and output options given, its errors
turned into statuses)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Optional

import pytest
import typer
from typer.testing import CliRunner

from kzcn.cli import registry, typer_app
from kzcn.cli.registry import Group, Registered

if TYPE_CHECKING:
    from kzcn.cli.options import Output
    from kzcn.queries.filters import Filters


def test_command_records_a_command_and_returns_it_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    entries: list[Registered | Group] = []
    monkeypatch.setattr(registry, "ENTRIES", entries)

    def count_them() -> None:
        """A command."""

    recorded = registry.command(short_help="s", help="h", filters=("topic",), output=False, group="export")
    assert recorded(count_them) is count_them
    registry.command(short_help="s2", help="h2")(count_them)
    registry.group("tools", short_help="gs", help="gh")
    assert entries == [
        Registered(count_them, "s", "h", ("topic",), False, "export"),
        Registered(count_them, "s2", "h2", (), True, None),
        Group("tools", "gs", "gh"),
    ]
    assert entries[0].name == "count-them"  # type: ignore[union-attr]


def test_kzcns_commands_in_the_order_of_its_help() -> None:
    names = [entry.name if isinstance(entry, Registered) else f"[{entry.name}]" for entry in registry.ENTRIES]
    assert names == [
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
        "[export]",
        "sqlite",
        "claimreview",
        "init",
        "schema",
    ]


Word = Annotated[str, typer.Argument(metavar="WORD", help="What to say.")]
"""A declaration the command's own module holds: its annotation is read in that module's names."""


def commands() -> tuple[Callable[..., None], Callable[..., None]]:
    """Two commands as command modules declare them, made afresh for each test: building an app evaluates a
    command's annotations in place, and the next build must find them as text again."""

    def shout(
        ctx: typer.Context,
        word: Word,
        filters: Filters = None,  # type: ignore[assignment]
        times: Annotated[Optional[int], typer.Option("--times", min=1, help="How often.")] = None,  # noqa: UP045
        *,
        output: Output,
    ) -> None:
        """A command as a command module declares one: its annotations are text until the app is built."""
        from kzcn.cli.output import say

        if word == "fail":
            from kzcn.errors import NotFoundError

            raise NotFoundError("no such word")
        say(f"{word * (times or 1)} {output.format.value} {filters.options_given()} {output.facts_path}")

    def plain(path: Annotated[str, typer.Argument()]) -> None:
        """A command without output options or filters."""
        from kzcn.cli.output import say

        say(f"plain {path}")

    return shout, plain


def test_the_app_is_built_from_the_record_with_what_each_command_takes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    shout, plain = commands()
    app = typer.Typer(rich_markup_mode=None)
    app.callback()(typer_app.main_options)
    monkeypatch.setattr(typer_app, "app", app)
    monkeypatch.setattr(
        typer_app,
        "ENTRIES",
        [
            Registered(shout, "Shout.", "Shout a word.", ("topic",), True, None),
            Group("more", "More.", "More commands."),
            Registered(plain, "Plain.", "A plain one.", (), False, "more"),
        ],
    )
    monkeypatch.setattr(typer_app, "TYPER_COMMANDS", {})
    typer_app._join_commands()
    runner = CliRunner()
    env = {"KZCN_FACTS": "kb.yaml"}
    result = runner.invoke(app, ["shout", "ab", "--times", "2", "--json", "--topic", "trade"], env=env)
    assert (result.exit_code, result.stderr) == (0, "abab json (('--topic', 'trade'),) kb.yaml\n")
    assert list(typer_app.TYPER_COMMANDS) == ["shout"]
    failed = runner.invoke(app, ["shout", "fail"], env=env)
    assert (failed.exit_code, failed.stderr) == (1, "kzcn: no such word\n")
    nested = runner.invoke(app, ["more", "plain", "x.yaml"], env=env)
    assert (nested.exit_code, nested.stderr) == (0, "plain x.yaml\n")
    refused = runner.invoke(app, ["shout", "ab", "--times", "0"], env=env)
    assert refused.exit_code == 2
    help_text = runner.invoke(app, ["--help"], env=env).stdout
    assert "shout" in help_text and "Shout." in help_text and "more" in help_text
    bare_group = runner.invoke(app, ["more"], env=env)
    assert "More commands." in bare_group.output  # a group without a command shows its help
    shout_help = runner.invoke(app, ["shout", "--help"], env=env).stdout
    assert "Shout a word." in shout_help and "-t, --topic" in shout_help and "--json" in shout_help
    group_help = runner.invoke(app, ["more", "--help"], env=env).stdout
    assert "More commands." in group_help and "╭" not in group_help  # plain Click help, no Rich panels
