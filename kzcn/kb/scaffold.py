"""Starter knowledge bases: a copy of the shipped one, or a new one around one article's text, ready for facts."""

from __future__ import annotations

import os
import shutil
from typing import Any

from kzcn.errors import UsageError


class TargetExistsError(UsageError):
    """`kzcn init` never overwrites: the file to create already exists."""


def init_copy(target: str, shipped: str) -> None:
    """Writes a copy of the shipped knowledge base to `target`, which must not exist."""
    with _new_file(target) as out, open(shipped, "rb") as original:
        shutil.copyfileobj(original, out)


def read_article(path: str) -> str:
    """The text `init --from-text` starts from: a regular file of at most MAX_FILE_BYTES (or stdin for "-"), UTF-8
    without NUL bytes. UsageError (exit 2) for anything else: a device such as /dev/zero, a FIFO, binary data."""
    from kzcn.errors import KnowledgeBaseError
    from kzcn.parse.files import MAX_FILE_BYTES, InputKind, read_bytes, read_capped

    try:
        if path == "-":
            import sys

            if sys.stdin is None:
                raise UsageError("stdin is closed: pipe the text in, or name its file to --from-text")
            raw = read_capped(sys.stdin.buffer, 0, MAX_FILE_BYTES)
            if len(raw) > MAX_FILE_BYTES:
                raise UsageError(f"stdin holds more than {MAX_FILE_BYTES:,} bytes; kzcn reads texts of at most that")
        else:
            raw = read_bytes(path, InputKind("text file", "a text file", "the article", "texts", "--from-text"))
    except KnowledgeBaseError as error:  # the same refusals as for a knowledge base, as a bad argument
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read: {error.strerror or error}") from None
    name = "stdin" if path == "-" else path
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{name} is not UTF-8 text; save it as UTF-8") from None
    if "\0" in text:
        raise UsageError(f"{name} holds a NUL byte: it is a binary file, not text")
    return text


def init_from_text(target: str, article: str, text: str) -> None:
    """Writes a knowledge base whose only source is `text` (read from `article`): fingerprinted, its paragraphs
    numbered in comments, no facts yet. It passes `kzcn check` as it is."""
    body = text.replace("\r\n", "\n").strip("\n")
    if not body.strip():
        raise UsageError(f"{article} has no text to start a knowledge base from")
    loaded_text, text_yaml = _text_yaml(body)
    document = _document(article, loaded_text, text_yaml)
    if _text_read_back(document) != loaded_text:
        # A literal block or a plain scalar can change a text on reading (U+0085 is a line break to YAML, a tab may
        # not start a line): every character escaped, in double quotes, reads back as it is.
        text_yaml = f"    text: {_quoted(loaded_text)}"
        document = _document(article, loaded_text, text_yaml)
        if _text_read_back(document) != loaded_text:
            raise UsageError(f"{article} holds text kzcn cannot write as YAML that reads back the same")
    with _new_file(target) as out:
        out.write(document.encode("utf-8"))


def _text_read_back(document: str) -> str | None:
    """The source text a written document reads back as, by kzcn's own reader; None if it does not read."""
    from kzcn.errors import KnowledgeBaseError
    from kzcn.parse.yamlload import parse

    try:
        data = parse("init", document).data
        text = data["sources"][0]["text"]
    except (KnowledgeBaseError, KeyError, IndexError, TypeError):
        return None
    return text if isinstance(text, str) else None


def _quoted(value: str) -> str:
    import yaml

    dumped = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=10**9)
    return str(dumped).strip().removesuffix("\n...")


def _document(article: str, loaded_text: str, text_yaml: str) -> str:
    """The starter knowledge base's YAML around the source text's `text:` entry."""
    from kzcn.escape import visible
    from kzcn.model.text import fingerprint, paragraphs

    # Control and invisible characters escaped: a comment holding ESC would make the file unreadable as YAML.
    numbered = [
        f"    #   ¶{number}: {visible(' '.join(loaded_text[span.start : span.end].split())[:70], one_line=True)}"
        for number, span in enumerate(paragraphs(loaded_text), 1)
    ]
    return "\n".join(
        [
            "# A kzcn knowledge base: add facts that quote the source below, then run `kzcn --facts THIS check`.",
            "kzcn: 1",
            "sources:",
            "  - id: article",
            "    kind: article",
            "    title: null                 # null: the source does not say",
            "    author: null",
            "    published: null",
            f"    notes: {_scalar('started by kzcn init from ' + os.path.basename(article))}",
            "    # Paragraphs, as facts' quotes number them (separated by blank lines):",
            *numbered,
            text_yaml,
            f"    sha256: {fingerprint(loaded_text)}",
            "facts: []",
            *_FACT_TEMPLATE,
            "relations: []",
            "derived: []",
            *_REVIEW_TEMPLATE,
            "",
        ]
    )


_FACT_TEMPLATE = (
    '# A fact to copy: replace `facts: []` with these lines, each without its first two characters ("# "), and',
    "# fill in every <...>; then `kzcn --facts THIS check` says what still disagrees with the quote.",
    "# facts:",
    "#   - id: <a-kebab-case-id>",
    "#     statement: <the claim in your words, saying no more than the quote does>",
    "#     kind: event                 # statistic (it states a figure), event, forecast or opinion",
    "#     modality: asserted          # asserted, reported (then attributed_to: WHO), predicted, conditional, hedged",
    "#     topics: [<a topic>]",
    "#     entities: [<whom or what it is about, as the quote names it>]",
    "#     source: article",
    "#     quotes:",
    "#       - paragraph: <its number, \u00b6 above>",
    '#         text: "<the source\'s words, exactly as it writes them>"',
    "#     # time: {year: 2017}                                # kind: start (since), target (by); default point",
    '#     # quantity: {amount: 3, unit: USD, scale: billion}  # qualifier: more-than for "more than 25"',
)
"""Under `facts: []` in a new knowledge base: a fact to copy, each field with its choices."""

_REVIEW_TEMPLATE = (
    "# A review to copy, at the end: the knowledge base's judgement of a claim against other sources (kzcn's",
    '# docs/reviews.md, "The verdict scale"); an evidence fact it cites comes from a source of role: evidence.',
    "# reviews:",
    "#   - claim: <the fact's id>",
    "#     verdict: unverified         # supported, partly-supported, not-supported, contradicted, not-checkable",
    "#     summary: <one neutral sentence saying why>",
    "#     searched: <what was looked for and not found>",
    "#     date: '<YYYY-MM-DD>'",
)
"""At the end of a new knowledge base: a review to copy."""


def _scalar(value: str) -> str:
    import yaml

    return (
        str(yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6))
        .strip()
        .removesuffix("\n...")
    )


def _text_yaml(body: str) -> tuple[str, str]:
    """(the text as YAML will load it, the `text:` entry): a literal block when it loads back exactly, else quoted."""
    import yaml

    lines = body.split("\n")
    literal = "    text: |-\n" + "\n".join(f"      {line}" if line else "" for line in lines)
    try:
        loaded = yaml.safe_load("text: |-\n" + "\n".join(f"  {line}" if line else "" for line in lines))
    except yaml.YAMLError:
        loaded = None
    if isinstance(loaded, dict) and loaded.get("text") == body:
        return body, literal
    return body, f"    text: {_scalar(body)}"


class _new_file:
    """A file created for writing that did not exist (O_EXCL): never an overwrite, even in a race."""

    def __init__(self, target: str) -> None:
        try:
            self.descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            raise TargetExistsError(f"{target} exists; kzcn init never overwrites a file: choose a new name") from None
        self.target = target

    def __enter__(self) -> Any:
        self.file = os.fdopen(self.descriptor, "wb")
        return self.file

    def __exit__(self, _kind: object, error: object, _trace: object) -> None:
        self.file.close()
        if error is not None:
            os.unlink(self.target)
