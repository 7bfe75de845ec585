"""The YAML loader: safe, strict, located, the same with libyaml and without."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from kzcn.errors import KnowledgeBaseError
from kzcn.parse.files import read_bytes
from kzcn.parse.utf8 import decode
from kzcn.parse.yamlload import MAX_DEPTH, MAX_PROBLEMS, parse


def problems(text: str) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as caught:
        parse("kb.yaml", text)
    return [str(problem) for problem in caught.value.problems]


def test_plain_document_loads_with_positions() -> None:
    loaded = parse("kb.yaml", "a: 1\nb:\n  - x\n  - 'y'\n")
    assert loaded.data == {"a": 1, "b": ["x", "y"]}
    positions = loaded.positions
    assert positions.key(loaded.data, "b") == (2, 1, None) and positions.value(loaded.data, "b") == (3, 3, None)
    assert positions.item(loaded.data["b"], 1) == (4, 5, None)
    assert positions.listing(loaded.data) == [(1, 1, None), (1, 4, "1"), (2, 1, None), (3, 3, None),
                                              (3, 5, None), (4, 5, None)]  # fmt: skip


def test_duplicate_key_is_an_error_naming_both_lines() -> None:
    assert problems("a: 1\nb: 2\na: 3\n") == [
        "kb.yaml:3:1: duplicate key 'a': it is already set at line 1; a key may appear once per mapping"
    ]


def test_every_duplicate_is_reported_in_one_run() -> None:
    found = problems("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")
    assert [line.split(": duplicate")[0] for line in found] == ["kb.yaml:2:1", "kb.yaml:5:3"]


def test_yaml_1_1_values_are_loaded_as_safe_load_reads_them() -> None:
    loaded = parse("kb.yaml", "a: no\nb: 010\nc: 2017-05-01\nd: '010'\n")
    assert loaded.data == yaml.safe_load("a: no\nb: 010\nc: 2017-05-01\nd: '010'\n")
    assert loaded.data == {"a": False, "b": 8, "c": datetime.date(2017, 5, 1), "d": "010"}
    positions = loaded.positions
    assert positions.value(loaded.data, "a") == (1, 4, "no") and positions.value(loaded.data, "b") == (2, 4, "010")
    assert positions.value(loaded.data, "d") == (4, 4, None)


@pytest.mark.parametrize(
    "text",
    [
        "!!python/object/apply:os.system ['echo hacked']\n",
        "a: !!python/name:os.system\n",
        "a: !custom 3\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x}\n",
    ],
)
def test_tags_that_construct_objects_are_refused(text: str) -> None:
    found = problems(text)
    assert len(found) == 1
    assert "is not allowed" in found[0]


def test_several_documents_are_refused() -> None:
    assert problems("a: 1\n---\nb: 2\n") == [
        "kb.yaml:2:1: a second YAML document starts here; a knowledge base is one document"
    ]


def test_fifty_problems_are_all_listed_and_more_end_in_one_line_counting_the_rest() -> None:
    def duplicates(count: int) -> str:
        return "a: 0\n" + "a: 1\n" * count

    def duplicate(line: int) -> str:
        return f"kb.yaml:{line}:1: duplicate key 'a': it is already set at line 1; a key may appear once per mapping"

    assert problems(duplicates(MAX_PROBLEMS)) == [duplicate(line) for line in range(2, MAX_PROBLEMS + 2)]
    assert problems(duplicates(MAX_PROBLEMS + 1)) == [
        *(duplicate(line) for line in range(2, MAX_PROBLEMS + 2)),
        "kb.yaml: ... and 1 more problems",
    ]


def test_alias_bomb_is_refused_before_expansion() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        previous = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    found = problems("\n".join(lines) + "\n")
    assert len(found) == 1
    assert "aliases expand to more than 100,000 values" in found[0]


def test_alias_to_itself_is_refused() -> None:
    assert problems("a: &x [1, *x]\n") == ["kb.yaml:1:11: alias *x names no anchor defined before it"]


def test_ordinary_aliases_are_shared_values() -> None:
    loaded = parse("kb.yaml", "a: &t [x, y]\nb: *t\n")
    assert loaded.data == {"a": ["x", "y"], "b": ["x", "y"]}


def test_deep_nesting_is_refused_not_a_crash() -> None:
    assert len(problems("[" * 100_000)) == 1  # libyaml may stop it first, at its own limit
    found = problems("[" * 200)
    assert found == [
        f"kb.yaml:1:{MAX_DEPTH + 1}: nested deeper than {MAX_DEPTH} levels; a knowledge base needs far fewer"
    ]


def test_syntax_error_is_located() -> None:
    found = problems("a: [1, 2\nb: 3\n")
    assert len(found) == 1
    assert found[0].startswith("kb.yaml:2:") and "YAML syntax error" in found[0]


def test_merge_keys_are_refused() -> None:
    found = problems("base: &b {x: 1}\nthing:\n  <<: *b\n")
    assert found == ["kb.yaml:3:3: merge keys (<<) are not supported; write the fields out"]


def test_comments_only_is_no_document() -> None:
    assert problems("# nothing here\n") == ["kb.yaml: holds no YAML document (only comments or blank lines?)"]


def test_c_and_pure_python_loaders_give_the_same_data(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (REPO / "facts.yaml").read_text(encoding="utf-8")
    with_c = parse("kb.yaml", text)
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    pure = parse("kb.yaml", text)
    assert with_c.data == pure.data
    assert with_c.data == yaml.safe_load(text)


def test_reading_refuses_non_files_and_bad_encodings(tmp_path: Path) -> None:
    cases = {
        "utf16.yaml": b"\xff\xfea\x00:\x00",
        "latin1.yaml": b"a: caf\xe9\n",
        "nul.yaml": b"a: 1\n\x00",
        "empty.yaml": b"",
    }
    expected = {
        "utf16.yaml": "is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8",
        "latin1.yaml": ":1:7: invalid UTF-8 (byte 0xe9); save the file as UTF-8",
        "nul.yaml": ":2:1: contains a NUL byte: this is a binary file, not YAML",
        "empty.yaml": "is empty; a knowledge base needs at least `sources:` and `facts:`",
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(KnowledgeBaseError) as caught:
            decode(str(path), read_bytes(str(path)))
        assert str(caught.value).startswith(str(path))
        assert str(caught.value).endswith(expected[name])
    with pytest.raises(KnowledgeBaseError, match="is a directory"):
        read_bytes(str(tmp_path))
    with pytest.raises(KnowledgeBaseError, match="no such file"):
        read_bytes(str(tmp_path / "missing.yaml"))
    with pytest.raises(KnowledgeBaseError, match="not a regular file"):
        read_bytes("/dev/zero")
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert decode(str(bom), read_bytes(str(bom))) == "a: 1\n"


def test_reading_allocates_about_the_file_not_the_cap(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "kb.yaml"
    path.write_bytes(b"a: 1\n" * 20_000)
    tracemalloc.start()
    try:
        raw = read_bytes(str(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert raw == b"a: 1\n" * 20_000
    assert peak < 3 * 100_000 + 64 * 1024, peak


def test_reading_is_capped_by_bytes_read_not_by_the_size_stat_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"a: 1\n" * 1000)
    real_stat = os.stat
    # Like /proc/kmsg: a regular file by stat, of size 0, that reads on and on.
    monkeypatch.setattr(os, "stat", lambda name, *args, **kwargs: os.stat_result((*real_stat(name)[:6], 0, 0, 0, 0)))
    monkeypatch.setattr("kzcn.parse.files.MAX_FILE_BYTES", 4096)
    with pytest.raises(KnowledgeBaseError) as caught:
        read_bytes(str(path))
    assert caught.value.lines() == [f"{path}: is larger than 4,096 bytes; kzcn reads knowledge bases of at most that"]


def test_proc_files_of_reported_size_zero_are_read_whole() -> None:
    assert os.stat("/proc/self/status").st_size == 0
    assert read_bytes("/proc/self/status").startswith(b"Name:")


def test_a_path_that_cannot_be_looked_at_says_why() -> None:
    long_name = "x" * 5000
    with pytest.raises(KnowledgeBaseError) as refused:
        read_bytes(long_name)
    assert [str(problem) for problem in refused.value.problems] == [f"{long_name}: cannot be read: File name too long"]
