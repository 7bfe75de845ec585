"""The JSON contract: for each command, the shape of its JSON and the fields of its records (docs/scripting.md);
`kzcn schema` prints it as JSON Schema."""

from __future__ import annotations

from kzcn.checks.coverage import COVERAGE_FIELDS
from kzcn.queries.article import ANNOTATION_FIELDS
from kzcn.queries.facts import FACT_FIELDS, SHOW_FIELDS
from kzcn.queries.figures import FIGURE_FIELDS
from kzcn.queries.overview import SOURCE_FIELDS, STAT_FIELDS
from kzcn.queries.report import KEY_FIGURE_FIELDS
from kzcn.queries.reviews import REVIEW_DETAIL_FIELDS, REVIEW_FIELDS
from kzcn.queries.search import SEARCH_FIELDS
from kzcn.queries.totals import TOTAL_FIELDS
from kzcn.render.json_schema import Shape

SHAPES = (
    Shape("facts", "an array of facts", many=FACT_FIELDS),
    Shape("show", "one fact, with its review, source title and paragraphs", one=SHOW_FIELDS, one_when="always"),
    Shape("sources", "an array of sources", many=SOURCE_FIELDS),
    Shape(
        "search", "an array of hits: claims, evidence facts, reviews and paragraphs of source texts", many=SEARCH_FIELDS
    ),
    Shape("article", "an array of annotations: each quoted span, by offsets in the source", many=ANNOTATION_FIELDS),
    Shape(
        "review",
        "an array of reviews; given a CLAIM, that claim's review as one object",
        many=REVIEW_FIELDS,
        one=REVIEW_DETAIL_FIELDS,
        one_when="given a CLAIM",
    ),
    Shape("revenue", "an array of figures, with or without --year", many=FIGURE_FIELDS),
    Shape(
        "totals",
        "an array of derived figures; with --explain ID, that figure as one object",
        many=TOTAL_FIELDS,
        one=TOTAL_FIELDS,
        one_when="with --explain ID",
    ),
    Shape("stats", "an array of counts", many=STAT_FIELDS),
    Shape("report", "one object: the fact sheet's title and sections", sheet=KEY_FIGURE_FIELDS),
    Shape("check", "with --coverage, an array of paragraphs and the words no fact quotes", many=COVERAGE_FIELDS),
)
"""Every command that prints JSON, in the order of `kzcn --help`."""

SHAPES_BY_COMMAND = {shape.command: shape for shape in SHAPES}


def schema_text(shape: Shape) -> str:
    """The JSON Schema of one command's JSON, as `kzcn schema COMMAND` prints it and docs/schema/ keeps it."""
    import json

    from kzcn.render.json_schema import command_schema

    return json.dumps(command_schema(shape), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> None:
    """`python -m kzcn.cli.contract DIR`: writes each command's schema to DIR/COMMAND.json, as `kzcn schema`
    prints it (docs/schema/ holds them, tests/cli/test_json_contract.py keeps them so)."""
    from pathlib import Path

    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    for shape in SHAPES:
        (folder / f"{shape.command}.json").write_text(schema_text(shape), encoding="utf-8")
        print(f"wrote {folder / shape.command}.json")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
