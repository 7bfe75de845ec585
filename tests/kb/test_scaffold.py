"""kzcn.kb.scaffold directly: the starter knowledge base written around an article's text."""

from pathlib import Path

import pytest
import yaml

from kzcn.errors import UsageError
from kzcn.kb.load import load_knowledge_base
from kzcn.kb.scaffold import init_copy, init_from_text


def test_a_starter_holds_the_text_as_a_literal_block_and_passes_the_check(tmp_path: Path) -> None:
    target = tmp_path / "kb.yaml"
    text = "First paragraph, with words.\n\nSecond paragraph."
    init_from_text(str(target), "/somewhere/article.txt", text + "\n")
    written = target.read_text(encoding="utf-8")
    assert "    notes: started by kzcn init from article.txt\n" in written
    assert "    text: |-\n      First paragraph, with words.\n\n      Second paragraph.\n" in written
    assert "    #   ¶1: First paragraph, with words.\n    #   ¶2: Second paragraph.\n" in written
    kb = load_knowledge_base(str(target), use_cache=False)
    assert (kb.sources[0].text, kb.sources[0].notes, kb.facts) == (text, "started by kzcn init from article.txt", ())


def test_a_text_a_literal_block_cannot_hold_is_quoted_on_one_line(tmp_path: Path) -> None:
    target = tmp_path / "kb.yaml"
    text = "  Indented first line, " + "long " * 30 + "\n\nand a tab\there."  # a block cannot start indented
    init_from_text(str(target), "a.txt", text)
    entry = next(line for line in target.read_text(encoding="utf-8").splitlines() if line.startswith("    text:"))
    assert entry.startswith('    text: "') and yaml.safe_load(entry.strip())["text"] == text.strip("\n")
    assert load_knowledge_base(str(target), use_cache=False).sources[0].text == text.strip("\n")


def test_an_empty_text_and_an_existing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^empty.txt has no text to start a knowledge base from$"):
        init_from_text(str(tmp_path / "kb.yaml"), "empty.txt", "\n \n")
    existing = tmp_path / "mine.yaml"
    existing.write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError):
        init_from_text(str(existing), "a.txt", "Words.")
    with pytest.raises(UsageError):
        init_copy(str(existing), str(existing))
    assert existing.read_text(encoding="utf-8") == "mine"
