"""kzcn.kb.scaffold directly: the starter knowledge base written around an article's text."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


# -- issue 20: every input read with the knowledge base's limits; previews that keep the file valid ------------------


def test_a_device_or_fifo_is_refused_at_once_with_the_option_named(tmp_path: Path) -> None:
    # Case 8: `init X --from-text /dev/zero` read 24 GB before the system killed it; a FIFO hung.
    import os

    from kzcn.kb.scaffold import read_article

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        with pytest.raises(UsageError) as caught:
            read_article(path)
        assert str(caught.value) == f"{path}: is not a regular file (a device, FIFO or socket); give a text file"
    with pytest.raises(UsageError) as missing:
        read_article(str(tmp_path / "gone.txt"))
    assert str(missing.value) == f"{tmp_path / 'gone.txt'}: no such file; check the path given by --from-text"
    with pytest.raises(UsageError) as directory:
        read_article(str(tmp_path))
    assert str(directory.value) == f"{tmp_path}: is a directory, not a text file; name the article inside it"


def test_a_larger_text_than_a_knowledge_base_may_be_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzcn.kb.scaffold import read_article
    from kzcn.parse import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 10)
    big = tmp_path / "big.txt"
    big.write_text("eleven char")
    with pytest.raises(UsageError) as caught:
        read_article(str(big))
    assert str(caught.value) == f"{big}: is 11 bytes; kzcn reads texts of at most 10 bytes"


def test_binary_and_non_utf8_texts_are_refused_and_a_bom_is_dropped(tmp_path: Path) -> None:
    from kzcn.kb.scaffold import read_article

    cases = {"nul.txt": b"a\x00b", "latin1.txt": b"caf\xe9", "bom.txt": b"\xef\xbb\xbfText."}
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
    with pytest.raises(UsageError, match=r"nul.txt holds a NUL byte: it is a binary file, not text$"):
        read_article(str(tmp_path / "nul.txt"))
    with pytest.raises(UsageError, match=r"latin1.txt is not UTF-8 text; save it as UTF-8$"):
        read_article(str(tmp_path / "latin1.txt"))
    assert read_article(str(tmp_path / "bom.txt")) == "Text."


def test_a_dash_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from kzcn.kb.scaffold import read_article

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"From a pipe.\n")))
    assert read_article("-") == "From a pipe.\n"


def test_control_characters_in_a_paragraph_preview_are_escaped_and_the_file_passes_its_check(tmp_path: Path) -> None:
    # Case 12: ESC written raw into the ¶ preview comments made the new file fail `check`.
    target = tmp_path / "kb.yaml"
    text = "Hello \x1b[31mred\x1b[0m world.\n\nA second\u200b paragraph."
    init_from_text(str(target), "a.txt", text)
    written = target.read_text(encoding="utf-8")
    assert "    #   ¶1: Hello \\x1b[31mred\\x1b[0m world.\n    #   ¶2: A second\\u200b paragraph.\n" in written
    assert load_knowledge_base(str(target), use_cache=False).sources[0].text == text


@pytest.mark.parametrize(
    "text",
    ["Alpha\u0085one.\n\nBravo two.", "\tAlpha one.\n\nBravo two.", "Alpha \u2028one.", "Tab\there, then\u00a0NBSP."],
    ids=["next-line", "leading-tab", "line-separator", "tab-and-nbsp"],
)
def test_a_starter_reads_back_its_text_exactly_whatever_it_holds(tmp_path: Path, text: str) -> None:
    # The adversarial round of issue 20: U+0085 (YAML's next-line) and a leading tab made files that failed check.
    target = tmp_path / "kb.yaml"
    init_from_text(str(target), "a.txt", text)
    assert load_knowledge_base(str(target), use_cache=False).sources[0].text == text


def test_a_closed_stdin_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from kzcn.kb.scaffold import read_article

    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(UsageError, match=r"^stdin is closed: pipe the text in, or name its file to --from-text$"):
        read_article("-")


def test_a_new_knowledge_base_shows_its_text_with_paragraph_numbers_and_a_sensible_sheet(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    # Issue 23, item 8: `article` on a knowledge base made by init --from-text printed "No quoted span matches."
    # instead of the text the author must quote from, and the report said "article (article): .".
    text = tmp_path / "new.txt"
    text.write_text("First paragraph of a new article.\n\nSecond paragraph, from 2020.\n", encoding="utf-8")
    made = tmp_path / "new.yaml"
    assert cli("init", str(made), "--from-text", str(text)).exit_code == 0
    shown = cli("--facts", str(made), "article")
    assert (shown.exit_code, shown.stderr) == (
        0,
        "No fact quotes this text yet; its paragraphs are numbered (¶N) for the first quote.\n",
    )
    assert shown.stdout.splitlines()[-6:] == [
        "¶1",
        "First paragraph of a new article.",
        "",
        "¶2",
        "Second paragraph, from 2020.",
        "",
    ]
    sheet = cli("--facts", str(made), "report").stdout
    assert "article (article): nothing is known of it but its text." in sheet


def _filled_in(written: str, values: dict[str, str]) -> str:
    """The starter as its author edits it: `facts: []` replaced by the template's lines uncommented, the review's
    appended the same way, every <...> filled in with `values`."""
    lines = written.splitlines()
    fact_start = lines.index("# facts:")
    fact_end = lines.index("relations: []")
    review_start = lines.index("# reviews:")
    fact = [line[2:] for line in lines[fact_start:fact_end]]
    review = [line[2:] for line in lines[review_start:]]
    edited = [line for line in lines[:fact_start] if line != "facts: []"] + fact + lines[fact_end:] + review
    text = "\n".join(edited) + "\n"
    for placeholder, value in values.items():
        text = text.replace(f"<{placeholder}>", value)
    assert re.findall(r"<(?!\.\.\.>)[^<>\n]+>", text) == [], "a placeholder is left"
    return text


def test_the_templates_of_a_fact_and_a_review_pass_the_check_once_filled_in(tmp_path: Path) -> None:
    # Issue 23, item 8: a new knowledge base had no fact to copy, and its author had to learn the format first.
    target = tmp_path / "kb.yaml"
    init_from_text(str(target), "a.txt", "Kazakhstan began exporting grain to Vietnam.\n\nA second paragraph.")
    written = target.read_text(encoding="utf-8")
    assert "# facts:\n#   - id: <a-kebab-case-id>\n" in written
    assert "# reviews:\n#   - claim: <the fact's id>\n" in written
    assert load_knowledge_base(str(target), use_cache=False).facts == ()  # the templates are comments until used
    filled = _filled_in(
        written,
        {
            "a-kebab-case-id": "grain-to-vietnam",
            "the claim in your words, saying no more than the quote does": "Kazakhstan began exporting grain to Vietnam.",
            "a topic": "agriculture",
            "whom or what it is about, as the quote names it": "Kazakhstan, Vietnam",
            "its number, ¶ above": "1",
            "the source's words, exactly as it writes them": "Kazakhstan began exporting grain to Vietnam.",
            "the fact's id": "grain-to-vietnam",
            "one neutral sentence saying why": "No other source was found.",
            "what was looked for and not found": "Customs statistics on grain exports to Vietnam.",
            "YYYY-MM-DD": "2026-12-07",
        },
    )
    target.write_text(filled, encoding="utf-8")
    kb = load_knowledge_base(str(target), use_cache=False)  # loads and passes every check, or raises
    assert [(fact.id, fact.kind, fact.entities) for fact in kb.facts] == [
        ("grain-to-vietnam", "event", ("Kazakhstan", "Vietnam"))
    ]
    assert [(review.claim, review.verdict) for review in kb.reviews] == [("grain-to-vietnam", "unverified")]
