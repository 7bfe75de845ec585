"""The README's promises that can be checked mechanically: its test command is the one CI runs."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, subprocess_env
from kzcn.errors import KnowledgeBaseError
from kzcn.kb.load import load_knowledge_base


def quick_start_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_is_two_commands() -> None:
    assert quick_start_commands() == [
        "python3 -m venv .venv && . .venv/bin/activate && pip install . && kzcn facts",
        "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest",
    ]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def documents() -> str:
    """The README and every page of docs/, which the README links: the documentation as a reader has it."""
    pages = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


def test_knowledge_base_example_passes_the_check(tmp_path: Path) -> None:
    reference = (REPO / "docs" / "knowledge-base.md").read_text(encoding="utf-8")
    section = reference.split("## The knowledge base", 1)[1]
    example = re.findall(r"```yaml\n(.+?)```", section, flags=re.S)[0]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    kb = load_knowledge_base(str(path))
    assert [fact.id for fact in kb.facts] == ["trains-2017"]
    changed = example.replace("handled 40 trains.\n\n", "handled 40 trains!\n\n")
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"fingerprint mismatch: the text.s SHA-256 is [0-9a-f]{64}"):
        load_knowledge_base(str(path))


def console_examples() -> list[tuple[str, str]]:
    """(command, output) of every console example of the documentation shown whole (elided ones say so with …)."""
    examples = []
    for block in re.findall(r"```console\n(.*?)\n```", documents(), flags=re.S):
        if "…" in block or "broken.yaml" in block or "\n$ sqlite3 " in block:
            continue
        command, _, output = block.partition("\n")
        assert command.startswith("$ kzcn ") and "\n$ " not in output, block
        examples.append((command[2:], output))
    return examples


@pytest.mark.parametrize(("command", "output"), console_examples(), ids=[c for c, _ in console_examples()])
def test_console_examples_match_real_output(command: str, output: str, tmp_path: Path) -> None:
    env = subprocess_env(tmp_path, COLUMNS="100")
    shell_command = f"{shlex.quote(sys.executable)} -m {command}"
    real = subprocess.run(["bash", "-c", shell_command], capture_output=True, text=True, env=env, timeout=60).stdout
    assert [line.rstrip() for line in real.rstrip("\n").splitlines()] == output.splitlines()


def sqlite_session() -> list[tuple[str, str]]:
    """(command, output) of each step of the documentation's sqlite3 sessions, one after the other."""
    blocks = [
        block for block in re.findall(r"```console\n(.*?)\n```", documents(), flags=re.S) if "$ sqlite3 " in block
    ]
    steps = [step for block in blocks for step in re.split(r"^\$ ", block, flags=re.M)[1:]]
    return [(step.partition("\n")[0], step.partition("\n")[2]) for step in steps]


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 shell is not installed")
def test_sqlite_session_matches_real_output(tmp_path: Path) -> None:
    env = subprocess_env(tmp_path)
    for command, output in sqlite_session():
        if command.startswith("kzcn "):
            command = f"{shlex.quote(sys.executable)} -m {command}"
        real = subprocess.run(
            ["bash", "-c", command], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
        )
        assert real.returncode == 0, real.stderr
        assert [line.rstrip() for line in real.stdout.rstrip("\n").splitlines()] == output.rstrip("\n").splitlines()


def test_a_newcomer_reads_the_readme_in_ten_minutes() -> None:
    """Issue 23: the README had grown to ~1,000 lines. About 250 words a minute; reference material is in docs/."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```", "", readme, flags=re.S)
    assert len(prose.split()) <= 2500


def test_every_page_of_docs_is_linked_and_every_link_resolves() -> None:
    pages = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    readme = pages[0].read_text(encoding="utf-8")
    assert [page.name for page in pages[1:] if f"](docs/{page.name})" not in readme] == []
    broken = []
    for page in pages:
        text = re.sub(r"```.*?```|`[^`\n]*`", "", page.read_text(encoding="utf-8"), flags=re.S)  # not in code
        for target in re.findall(r"\]\(([^)#]+?)(?:#[^)]*)?\)", text):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.name}: {target}")
    assert broken == []
