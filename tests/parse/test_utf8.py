"""kzcn.parse.utf8: checked_utf8 accepts exactly what decode accepts, refuses with the same located problem, and
gives the bytes libyaml reads as decode's text, without making the text."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kzcn.errors import KnowledgeBaseError
from kzcn.parse import utf8
from kzcn.parse.utf8 import checked_utf8, decode

PIECES = st.sampled_from(
    [b"a: 1\n", b" ", b"\n", b"\t", "é".encode(), "—".encode(), "中".encode(), "😀".encode(), "\u3000".encode(),
     b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]
)  # fmt: skip
"""Text of several widths, whitespace that is not ASCII, byte-order marks, NUL, and broken or refused UTF-8."""


def outcome(function: object, raw: bytes) -> object:
    try:
        return function(path="kb.yaml", raw=raw)  # type: ignore[operator]
    except KnowledgeBaseError as error:
        return str(error)


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(PIECES, max_size=12), chunk=st.integers(min_value=1, max_value=8))
@example(pieces=["中".encode(), b"a"], chunk=2)  # a character cut by the end of a chunk
@example(pieces=[b"\xef\xbb\xbf", b" ", "\u3000".encode()], chunk=3)  # blank after its byte-order mark
def test_checked_utf8_agrees_with_decode(pieces: list[bytes], chunk: int) -> None:
    raw = b"".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(utf8, "_CHUNK", chunk)  # chunks of a few bytes, so characters straddle them
        text, document = outcome(decode, raw), outcome(checked_utf8, raw)
    if isinstance(text, str) and isinstance(document, bytes):
        assert document == text.encode("utf-8")
    else:
        assert document == text  # both refused it, with the same message


def test_a_character_cut_by_a_chunk_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(utf8, "_CHUNK", 4)
    raw = "ab: 中文 😀\n".encode()
    assert checked_utf8("kb.yaml", raw) == raw
    with pytest.raises(KnowledgeBaseError) as caught:
        checked_utf8("kb.yaml", raw[:7] + b"\xff" + raw[7:])  # after "ab: 中", seven bytes
    assert str(caught.value) == "kb.yaml:1:8: invalid UTF-8 (byte 0xff); save the file as UTF-8"  # as decode says
