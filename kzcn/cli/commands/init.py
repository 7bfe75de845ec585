"""`kzcn init PATH`: a starter knowledge base to edit, never written over an existing file."""

from __future__ import annotations

from kzcn.cli.registry import command

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from typing import Annotated, Optional

    import typer


@command(
    short_help="Write a starter knowledge base.",
    help="Example: kzcn init my-facts.yaml --from-text article.txt\n\n"
    "Without --from-text: a copy of the knowledge base shipped with kzcn. With it: a new knowledge base whose only "
    "source is that text (UTF-8; its SHA-256 computed, its paragraphs numbered in comments) and no facts yet; it "
    "passes `kzcn --facts PATH check`. PATH must not exist (exit 2 if it does).",
    output=False,
)
def init(
    path: Annotated[str, typer.Argument(metavar="PATH", help="The knowledge base file to create.")],
    from_text: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--from-text",
            metavar="ARTICLE",
            help="Start from this text file ('-': stdin) instead of the shipped facts.",
        ),
    ] = None,
) -> None:
    import os

    from kzcn.errors import UsageError
    from kzcn.export.files import system_path
    from kzcn.kb import scaffold
    from kzcn.kb.load import packaged_facts_path

    if not path:
        raise UsageError("the file name is empty; name the knowledge base to create")
    if system_path(os.path.abspath(path)) or system_path(os.path.realpath(path)):
        raise UsageError(f"{path} is under /dev, /proc or /sys; kzcn init writes regular files only")

    from kzcn.cli.output import say

    if from_text is None:
        scaffold.init_copy(path, packaged_facts_path())
    else:
        scaffold.init_from_text(path, "stdin" if from_text == "-" else from_text, scaffold.read_article(from_text))
    say(f"kzcn: wrote {path}; kzcn --facts {path} check verifies it")
