"""The one wording module and the one escaper, tested directly."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kzcn.escape import json_safe, visible
from kzcn.model.records import Quantity, TimeRef
from kzcn.model.wording import amount_text, number_text, plain_number, quantity_text, time_text


def test_quantities_read_as_the_source_gives_them() -> None:
    assert quantity_text(Quantity(25, "cities", qualifier="more-than")) == "more than 25 cities"
    assert quantity_text(Quantity(3, "USD", "billion")) == "$3 billion"
    assert quantity_text(Quantity(1.3, "KZT", "billion", "about")) == "about ₸1.3 billion"
    assert quantity_text(None) is None


def test_times_and_numbers() -> None:
    assert [time_text(TimeRef(2017, kind)) for kind in ("point", "start", "target")] == [
        "2017",
        "since 2017",
        "by 2020".replace("2020", "2017"),
    ]
    assert time_text(None) is None
    assert number_text(1e-7) == "0.0000001" and number_text(10**24) == "1" + "0" * 24 and number_text(-1.5) == "-1.5"


def test_computed_amounts_carry_sign_and_approximation() -> None:
    assert amount_text(Decimal(2), "USD", "billion", signed=True) == "+$2 billion"
    assert amount_text(Decimal(2), "USD", "billion") == "$2 billion"
    assert amount_text(Decimal(-2), "USD", "billion") == "−$2 billion"
    assert amount_text(Decimal("43.333"), "percent", "one") == "43.3 %"
    assert amount_text(Decimal("18.56"), "percent per year", "one", qualifier="approximate") == "≈ 18.6 % per year"
    assert plain_number(Decimal("0.00512"), 1) == "0.0051" and plain_number(Decimal("1.70")) == "1.7"


def test_visible_escapes_controls_and_one_line_also_breaks() -> None:
    assert visible("a\x1b[31mb\u202ec") == "a\\x1b[31mb\\u202ec"
    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("a\tb\nc\rd", one_line=True) == "a\\tb\\nc\\rd"
    assert visible(visible("x\x07\n", one_line=True), one_line=True) == "x\\x07\\n"  # idempotent
    assert json_safe('"a\u009bb\u2028"') == '"a\\u009bb\\u2028"'
    assert json_safe('"a\x7fb"') == '"a\\u007fb"'  # DEL: a control character JSON itself leaves raw


def test_visible_shows_every_invisible_character() -> None:
    # Issue 20, case 2: "$ 1<U+200B>3 billion" printed raw reads as 13 where kzcn reads 3 (or nothing).
    assert visible("$ 1\u200b3 billion") == "$ 1\\u200b3 billion"
    assert visible("soft\u00adhyphen \ufeffmark, word\u2060joiner") == "soft\\xadhyphen \\ufeffmark, word\\u2060joiner"
    assert visible("tag \U000e0041 selector \ufe0f filler \u3164") == "tag \\U000e0041 selector \\ufe0f filler \\u3164"
    assert visible("a\u200bb", one_line=True) == "a\\u200bb"


def test_every_format_character_of_this_python_is_made_visible() -> None:
    import sys
    import unicodedata

    format_characters = [chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"]
    assert len(format_characters) > 150
    shown = [char for char in format_characters if visible(char) == char]
    assert shown == [], [f"U+{ord(char):04X}" for char in shown]


def test_visible_leaves_visible_text_alone() -> None:
    text = "Қазақстан — 中国 «1,3 млрд» café naïve ☃ \u00a0 \u2003"
    assert visible(text) == text


def test_script_safe_json_reads_back_the_same_and_holds_no_angle_bracket_or_ampersand() -> None:
    import json

    from kzcn.escape import script_safe

    document = ["</script><!-- & -->", {"a<b": "x>y&z"}]
    text = script_safe(json.dumps(document, ensure_ascii=False))
    assert text == '["\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e", {"a\\u003cb": "x\\u003ey\\u0026z"}]'
    assert json.loads(text) == document


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://example.org/a?b=1#c", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("file:///etc/passwd", False),
        ("//example.org/a", False),
        ("https://", False),
        ("https://exa mple.org", False),
        ("https://example.org/\x1b[31m", False),
        ("https://user@evil.example", False),
        ("https://a\u200bb.example/", False),  # an invisible character in the host
        ("example.org", False),
        # Found by an adversarial review (issue 24): a quote that would leave an attribute, a port no URL has, a
        # space or a letter outside URL characters is no address (the Nu checker: "Illegal character in query").
        ('https://example.com/a"onmouseover="alert(1)', False),
        ('https://example.org/?x="><b>', False),
        ("https://x.example:99999/", False),
        ("https://x.example:8443/a_b?x=1&y=2", True),
        ("https://example.org/caf\u00e9", False),
    ],
)
def test_only_http_and_https_urls_with_a_host_are_web_urls(url: str, web: bool) -> None:
    from kzcn.escape import is_web_url

    assert is_web_url(url) is web


def test_every_ascii_character_is_escaped_exactly_when_it_is_not_printable() -> None:
    # visible() returns printable ASCII as it is without searching it: every other ASCII character must be one the
    # search escapes (or a tab or line end, which only one-line text escapes).
    for code in range(128):
        char = chr(code)
        if char.isprintable():
            assert visible(f"a{char}b") == f"a{char}b" == visible(f"a{char}b", one_line=True)
        elif char in "\t\n":
            assert visible(char) == char and visible(char, one_line=True) != char
        else:
            assert visible(f"a{char}b") != f"a{char}b", repr(char)
