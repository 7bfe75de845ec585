"""The one escaper for untrusted text bound for a terminal or a JSON document: control characters made visible."""

from __future__ import annotations

import re

INVISIBLE = (
    "\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u2800"  # controls that end no line, and the braille blank
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef"
)
"""A regular-expression class body (no brackets) of the characters that print as nothing: control characters that
end no line (DEL, \\x1f, the C1 controls), the braille blank, every format character
(Unicode category Cf: soft hyphen, zero-width space and joiners, word joiner, byte-order mark, bidirectional controls,
tags) and the fillers and selectors that show no glyph. A number or word written across one reads differently to a
person than to a program."""

# Control characters and the invisible characters above are made visible as \xNN or \uNNNN: text from a knowledge
# base must never move the cursor, change a title, flip a line, or hide a character between two digits.
_INVISIBLE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + INVISIBLE
_MULTI_LINE = f"[{_INVISIBLE}]"
_ONE_LINE = f"[\t\n{_INVISIBLE}]"
# Valid in JSON strings but able to change a terminal or reorder text when shown raw: DEL and the C1 controls (some
# terminals read U+009B as CSI), bidirectional controls and line separators. JSON itself escapes the C0 controls.
_JSON_UNSAFE = "[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"


_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code > 0xFFFF:
        return f"\\U{code:08x}"
    return _SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str, *, one_line: bool = False) -> str:
    """Text with every control and invisible character shown as an escape, never sent raw (tables, messages, HTML,
    Markdown, completion).

    With `one_line`, tabs and line breaks are escaped too: one message is one line, whatever it quotes.
    """
    if text.isascii() and text.isprintable():
        return text  # nothing to escape: every character escaped is a control or beyond ASCII (a third of the time)
    # re caches the compiled pattern; compiling it at import would cost every run that prints no text.
    return re.sub(_ONE_LINE if one_line else _MULTI_LINE, _escaped, text)


def json_safe(json_text: str) -> str:
    """A JSON document with the characters that are valid in it but unsafe on a terminal written as \\uNNNN."""
    return re.sub(_JSON_UNSAFE, lambda match: f"\\u{ord(match.group()):04x}", json_text)


_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def script_safe(json_text: str) -> str:
    """A JSON document that can sit inside an HTML <script> element, where JSON-LD is published: <, > and & are
    written as \\u003c, \\u003e and \\u0026, so a string holding "</script>" cannot close the element. JSON
    itself uses none of them outside strings, so only strings change, and they read back the same."""
    return re.sub("[<>&]", lambda match: _SCRIPT_UNSAFE[match.group()], json_text)


URL_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")
"""What an address may hold as it stands (RFC 3986): one with a space, a quote or a bracket is no address."""


def is_web_url(url: str) -> bool:
    """True for an http or https URL with a host, a valid port if any, no user name, and only the characters an
    address holds: the only URLs kzcn writes as links (pages, Markdown, ClaimReview). Anything else (javascript:,
    data:, file:, a bare path, `…?x="><b>`) is written as plain text, or left out where only a link can go."""
    from urllib.parse import urlsplit

    if not set(url) <= URL_CHARACTERS:
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - urlsplit checks a port only when asked: 99999 is no port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and "@" not in parts.netloc
