"""The README's "How kzcn is built" stays true: the files and names it points to exist, and the layers hold."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "kzcn"


def _section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme.split("## How kzcn is built", 1)[1].split("\n## ", 1)[0]


def test_every_file_the_section_names_exists() -> None:
    paths = set(re.findall(r"kzcn/[a-z_/]*(?:\.py|/)", _section()))
    assert len(paths) >= 15
    missing = [path for path in sorted(paths) if not (REPO / path).exists()]
    assert missing == []


def test_every_name_the_section_places_in_a_file_is_defined_there() -> None:
    placed = {
        "kzcn/render/__init__.py": ["Format", "render"],
        "kzcn/derive.py": ["OPERATIONS"],
        "kzcn/cli/app.py": ["command"],
        "kzcn/cli/options.py": ["Output"],
        "kzcn/model.py": ["Fact"],
        "kzcn/schema.py": ["SchemaReader"],
        "kzcn/query.py": ["fact_record", "FACT_FIELDS"],
        "kzcn/result.py": ["Result", "Field"],
    }
    section = _section()
    for path, names in placed.items():
        assert path in section
        tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
        defined = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
        defined |= {
            target.id
            for node in tree.body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        defined |= {
            node.target.id
            for node in tree.body
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
        }
        assert [name for name in names if name not in defined] == [], path


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module if node.module.startswith("kzcn") else node.module.split(".")[0])
    return found


def test_only_the_cli_imports_typer_and_only_render_imports_rich() -> None:
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(REPO).as_posix()
        imports = _imports(path)
        if "typer" in imports:
            assert relative.startswith("kzcn/cli/"), relative
        if "rich" in imports:
            assert relative.startswith("kzcn/render/"), relative


def test_the_model_imports_nothing_else_of_kzcn() -> None:
    assert not any(name.startswith("kzcn") for name in _imports(PACKAGE / "model.py"))


def test_renderers_name_no_command() -> None:
    commands = [path.stem for path in (PACKAGE / "cli" / "commands").glob("*.py") if path.stem != "__init__"]
    words = {"facts", "show", "sources", "revenue", "totals", "stats", "check"}
    for path in (PACKAGE / "render").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        named = [word for word in words if re.search(rf"[\"']{word}[\"']", source)]
        assert named == [], (path.name, named, commands)


def test_no_module_over_about_400_lines() -> None:
    sizes = {
        path.relative_to(REPO).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert {path: size for path, size in sizes.items() if size > 420} == {}
