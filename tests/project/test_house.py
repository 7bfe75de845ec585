"""docs/development.md's "How kzcn is built" stays true: the files and names it points to exist, and the layers hold."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "kzcn"


def _section() -> str:
    reference = (REPO / "docs" / "development.md").read_text(encoding="utf-8")
    return reference.split("## How kzcn is built", 1)[1].split("\n## ", 1)[0]


def test_every_file_the_section_names_exists() -> None:
    paths = set(re.findall(r"kzcn/[a-z_/]*(?:\.py|/)", _section()))
    assert len(paths) >= 15
    missing = [path for path in sorted(paths) if not (REPO / path).exists()]
    assert missing == []


def test_every_name_the_section_places_in_a_file_is_defined_there() -> None:
    placed = {
        "kzcn/render/__init__.py": ["render"],
        "kzcn/render/options.py": ["Format", "renderer_of", "RenderOptions"],
        "kzcn/model/derive.py": ["OPERATIONS"],
        "kzcn/cli/registry.py": ["command"],
        "kzcn/cli/options.py": ["Output"],
        "kzcn/model/records.py": ["Fact"],
        "kzcn/parse/schema.py": ["SchemaReader"],
        "kzcn/queries/facts.py": ["fact_record", "FACT_FIELDS"],
        "kzcn/queries/filters.py": ["Filters", "OPTIONS", "all_hold"],
        "kzcn/cli/declarations.py": ["with_filters"],
        "kzcn/cli/filters.py": ["given_filters"],
        "kzcn/model/result.py": ["Result", "Field"],
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


def test_the_records_import_nothing_else_of_kzcn() -> None:
    assert not any(name.startswith("kzcn") for name in _imports(PACKAGE / "model" / "records.py"))


LAYERS: dict[str, set[str]] = {
    "escape": set(),
    "records_light": set(),
    "errors": {"escape"},
    "model": {"errors", "escape"},
    "parse": {"model", "errors", "escape"},
    "checks": {"parse", "model", "errors", "escape"},
    "kb": {"checks", "parse", "model", "errors", "escape"},
    "queries": {"model", "errors", "escape", "records_light"},
    "export": {"queries", "model", "errors", "escape"},
    "render": {"model", "errors", "escape", "records_light"},
    "cli": {"kb", "queries", "export", "render", "checks", "model", "errors", "escape", "records_light"},
    "__main__": {"cli"},
}
"""What each part of kzcn may import: the flow runs one way (load, check, query, result, render, CLI) and no arrow
runs back up. A part's own modules may import each other."""


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def test_the_top_level_holds_only_the_parts_and_the_shared_leaves() -> None:
    top = {path.stem for path in PACKAGE.glob("*.py")} | {path.name for path in PACKAGE.iterdir() if path.is_dir()}
    assert top - {"__init__", "__pycache__"} == set(LAYERS)


def test_every_import_runs_down_the_layers() -> None:
    upward: list[tuple[str, str]] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts == ("__init__",):
            continue
        own = parts[0]
        for module in _imports(path):
            if module.startswith("kzcn."):
                target = _part(module)
                if target != own and target not in LAYERS[own]:
                    upward.append((path.relative_to(REPO).as_posix(), module))
    assert upward == []


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


MAX_FUNCTION_LINES = 60
MAX_COMPLEXITY = 20
"""A function's limits: its lines from `def` to its last, and radon's cyclomatic complexity (branches, loops and
boolean operators, its closures' included)."""

OVER_THE_LIMITS: dict[str, str] = {}
"""Functions over a limit today, each with the reason; an entry goes once its function is back within them."""


def _functions() -> dict[str, tuple[int, int]]:
    """Every function and method of kzcn, "path:Class.name", with its lines and its complexity."""
    from radon.complexity import cc_visit
    from radon.visitors import Function

    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(REPO).as_posix()
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if isinstance(block, Function):
                found[f"{relative}:{block.fullname}"] = (block.endline - block.lineno + 1, block.complexity)
    return found


def test_no_function_over_60_lines_or_complexity_20() -> None:
    functions = _functions()
    assert len(functions) > 300  # every module was read, methods and all
    over = {
        name: (f"{lines} lines", f"complexity {complexity}")
        for name, (lines, complexity) in functions.items()
        if (lines > MAX_FUNCTION_LINES or complexity > MAX_COMPLEXITY) and name not in OVER_THE_LIMITS
    }
    assert over == {}


def test_every_function_excused_from_the_limits_still_needs_it() -> None:
    functions = _functions()
    within = [
        name
        for name in OVER_THE_LIMITS
        if name not in functions or (functions[name][0] <= MAX_FUNCTION_LINES and functions[name][1] <= MAX_COMPLEXITY)
    ]
    assert within == [], "back within the limits (or gone): take them off OVER_THE_LIMITS"


def test_vulture_finds_no_dead_code() -> None:
    """vulture with pyproject.toml's [tool.vulture]: every function, class, attribute and variable of kzcn is read
    somewhere in kzcn (tests do not count), or is listed there with what reaches it by name."""
    import subprocess
    import sys

    found = subprocess.run(
        [sys.executable, "-m", "vulture"], cwd=REPO, capture_output=True, text=True, check=False, timeout=120
    )
    assert found.stdout.splitlines() == []
    assert (found.returncode, found.stderr) == (0, "")
