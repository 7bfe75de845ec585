"""The Markdown pages as a linter and a renderer read them (issue 24): `report`, `article` and `show` in Markdown pass
pymarkdown under the repository's .pymarkdown.json (one rule off: MD013, line length, since a paragraph or a table
row is one line), and rendered as CommonMark with tables, every link goes to exactly an address the knowledge base
holds, http or https, and none comes from text that is not an address field."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from builders import dump, hostile_kb
from conftest import REPO, SHIPPED_FACTS, subprocess_env
from kzcn.kb.load import load_knowledge_base

_missing = [name for name in ("pymarkdown", "markdown_it") if importlib.util.find_spec(name) is None]
if _missing:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs {', '.join(_missing)}: pip install -e '.[test]'", pytrace=False)
    pytestmark = pytest.mark.skip(reason=f"{', '.join(_missing)} not installed (pip install -e '.[test]')")

COMMANDS = {"report": ("report",), "article": ("article",), "show": ("show", "transport-income-forecast-2020")}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each Markdown page, of the shipped knowledge base and of a hostile one, with the knowledge base it came from."""
    folder = tmp_path_factory.mktemp("markdown")
    hostile = folder / "hostile.yaml"
    hostile.write_text(dump(hostile_kb()), encoding="utf-8")
    written = {}
    for kb_name, kb_path in (("shipped", SHIPPED_FACTS), ("hostile", hostile)):
        for name, command in COMMANDS.items():
            if kb_name == "hostile" and name == "show":
                command = ("show", "trains-2017")
            target = folder / f"{kb_name}-{name}.md"
            result = subprocess.run(
                [sys.executable, "-m", "kzcn", "--facts", str(kb_path), *command, "--format", "markdown", "-o",
                 str(target)],
                capture_output=True, text=True, env=subprocess_env(folder), timeout=120, check=False,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr
            written[f"{kb_name}-{name}"] = (target, Path(kb_path))
    return written


def test_the_pages_pass_the_markdown_linter(pages: dict[str, tuple[Path, Path]]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pymarkdown", "--config", str(REPO / ".pymarkdown.json"), "scan",
         *(str(path) for path, _kb in pages.values())],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_linter_would_see_a_bare_address(tmp_path: Path) -> None:
    """The check can fail: a bare address and a heading ending in a full stop are what kzcn once wrote."""
    page = tmp_path / "old.md"
    page.write_text("# Sheet\n\n## A claim.\n\nSee https://example.org/a_b here.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pymarkdown", "--config", str(REPO / ".pymarkdown.json"), "scan", str(page)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert [line.split(":")[3].strip() for line in result.stdout.splitlines()] == ["MD026", "MD034"]


def test_every_link_goes_to_an_address_the_knowledge_base_holds(pages: dict[str, tuple[Path, Path]]) -> None:
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark").enable("table")
    for name, (path, kb_path) in pages.items():
        kb = load_knowledge_base(str(kb_path))
        addresses = {source.url for source in kb.sources if source.url}
        tokens = renderer.parse(path.read_text(encoding="utf-8"))
        hrefs = [child.attrs["href"] for token in tokens for child in token.children or () if child.type == "link_open"]
        assert [href for href in hrefs if href not in addresses] == [], name  # exactly, nothing escaped or added
        assert all(href.startswith(("https://", "http://")) for href in hrefs), name
        if name == "shipped-report":
            cited = {
                kb.sources_by_id[kb.facts_by_id[item.fact].source].url
                for review in kb.reviews
                for item in review.evidence
            }
            assert {url for url in cited if url} <= set(hrefs)
        if name.startswith("hostile"):
            # The address that holds a quote and brackets is no address: shown as text, never a link.
            assert not any("example.org" in href for href in hrefs)
