"""The one escaper for untrusted text bound for a terminal or a JSON document: control characters made visible."""

from __future__ import annotations

import re

# Control characters, and the bidirectional controls that can reorder what a reader sees, are made visible as \xNN
# or \uNNNN: text from a knowledge base must never move the cursor, change a title or flip a line.
_INVISIBLE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_MULTI_LINE = f"[{_INVISIBLE}]"
_ONE_LINE = f"[\t\n{_INVISIBLE}]"
# Valid in JSON strings but able to change a terminal or reorder text when shown raw: DEL and the C1 controls (some
# terminals read U+009B as CSI), bidirectional controls and line separators. JSON itself escapes the C0 controls.
_JSON_UNSAFE = "[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"


_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str, *, one_line: bool = False) -> str:
    """Text with every control character shown as an escape, never sent raw (tables, messages, completion).

    With `one_line`, tabs and line breaks are escaped too: one message is one line, whatever it quotes.
    """
    # re caches the compiled pattern; compiling it at import would cost every run that prints no text.
    return re.sub(_ONE_LINE if one_line else _MULTI_LINE, _escaped, text)


def json_safe(json_text: str) -> str:
    """A JSON document with the characters that are valid in it but unsafe on a terminal written as \\uNNNN."""
    return re.sub(_JSON_UNSAFE, lambda match: f"\\u{ord(match.group()):04x}", json_text)
