"""Claim cards in every format made for reading, exactly (issue 24): the claim, its words, the verdict as a badge,
what the record shows, the evidence linked only where the address is http or https."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kzcn.model.result import Card, Cited, Field, Result, Section
from kzcn.render import Format, RenderOptions, html_cards, markdown_cards, render
from kzcn.render.html import escape as html_escape
from kzcn.render.markdown import escape as markdown_escape
from kzcn.render.reading import badge_text, host_of

EVIDENCE = (
    Cited("page-a", "contradicts", "Они сказали <b>", "A note.", "News <Agency>", "2019-01-02", "ru",
          "https://example.org/a_b?x=1&y=2"),
    Cited("page-b", "context", "A quote.", None, None, None, None, "javascript:alert(1)"),
    Cited("page-c", "qualifies", "Another.", None, "Desk", None, "en", None),
)  # fmt: skip
CARD = Card(
    claim="income-2017",
    kind="statistic",
    statement="The corridor earned $2 billion in 2017.",
    quote="earned $ 2 billion",
    paragraphs=(2,),
    says="the author, as a fact",
    verdict="not-supported",
    verdict_meaning="records of the claim's measure exist and none says so",
    summary="A page gives $1.9 billion.",
    evidence=EVIDENCE,
    caveats=("Which corridor is not said.",),
)
FORECAST = Card(
    claim="f-2020",
    kind="forecast",
    statement="Income will reach $4 billion by 2020.",
    quote="will rise to $ 4 billion",
    paragraphs=(3,),
    says="unnamed, as the article reports",
    verdict="partly-supported",
    verdict_meaning="records bear out part of the claim",
    summary="Made, but hedged.",
    outcome="not-found",
    outcome_summary="no record of its time was found: none for 2020.",
)


def test_a_badge_says_its_verdict_with_a_sign_and_a_word() -> None:
    assert [badge_text(verdict) for verdict in ("supported", "not-supported", None)] == [
        "✔ supported",
        "✘ not-supported",
        "… unreviewed",
    ]


def test_only_an_http_or_https_address_has_a_host() -> None:
    assert host_of("https://en.inform.kz/amp/x_y/") == "en.inform.kz"
    assert [host_of(url) for url in ("javascript:alert(1)", "ftp://x.org/", "https://", "http://[::1")] == [None] * 4
    assert host_of("https://x.example:99999/") is None  # no port is that high
    # A character no address holds: shown as text, never a link (the Nu checker: "Illegal character in query").
    assert [host_of(url) for url in ('https://x.org/?q="><b>', "https://x.org/a b", "https://x.org/\u00e9")] == [
        None
    ] * 3


def test_an_html_card_quotes_links_and_escapes() -> None:
    page = "\n".join(html_cards.card(CARD, html_escape))
    assert page.startswith(
        '<article class="card" id="claim-income-2017" aria-labelledby="claim-income-2017-h">\n'
        '<h3 id="claim-income-2017-h">The corridor earned $2 billion in 2017.</h3>\n'
        "<blockquote><p>“earned $ 2 billion”</p></blockquote>\n"
        '<p class="who">The article, ¶2: the author, as a fact. <code>income-2017</code></p>\n'
        '<p><span class="badge v-not-supported">✘ not-supported</span> records of the claim&#x27;s measure exist and '
        "none says so.</p>\n"
    )
    assert (
        '<li><span class="bearing">contradicts</span>: <q lang="ru">Они сказали &lt;b&gt;</q> <span class="who">News '
        '&lt;Agency&gt;, 2019-01-02, in Russian <a href="https://example.org/a_b?x=1&amp;y=2" rel="noopener noreferrer">'
        "example.org</a>.</span> A note.</li>"
    ) in page
    # Never a link but to http or https: the address is shown as text.
    assert '<q>A quote.</q> <span class="who">publisher unknown (javascript:alert(1)).</span></li>' in page
    assert '<q lang="en">Another.</q> <span class="who">Desk (no address).</span></li>' in page
    assert page.endswith('<p class="note"><b>Caveat:</b> Which corridor is not said.</p>\n</article>')


def test_a_forecast_card_sets_how_it_was_made_beside_what_became_of_it() -> None:
    page = "\n".join(html_cards.card(FORECAST, html_escape))
    assert (
        '<div class="pair">\n<div><h4>Made as the article reports it?</h4><p><span class="badge v-partly-supported">'
        "◐ partly-supported</span> records bear out part of the claim.</p></div>\n"
        '<div><h4>What became of it?</h4><p><span class="badge v-not-found">? not-found</span> no record of its time '
        "was found: none for 2020.</p></div>\n</div>"
    ) in page
    markdown = markdown_cards.card(FORECAST, markdown_escape)
    assert markdown[6:10] == [
        "Made as the article reports it? **◐ partly-supported**: records bear out part of the claim.",
        "",
        "What became of it? **? not-found**: no record of its time was found: none for 2020.",
        "",
    ]


def test_a_markdown_card_links_with_the_address_untouched() -> None:
    lines = markdown_cards.card(CARD, markdown_escape)
    assert lines[:8] == [
        "### The corridor earned \\$2 billion in 2017",  # a heading ends without its full stop (markdownlint MD026)
        "",
        "> “earned \\$ 2 billion”",
        "",
        "The article, ¶2: the author, as a fact. Claim `income-2017`.",
        "",
        "**✘ not-supported**: records of the claim's measure exist and none says so.",
        "",
    ]
    # GitHub turned an escaped \\_ inside a bare URL into %5C_: the address goes inside <…>, as it is.
    assert lines[12:15] == [
        "- **contradicts**: “Они сказали &lt;b\\>” (News &lt;Agency\\>, 2019-01-02, in Russian, "
        "[example.org](<https://example.org/a_b?x=1&y=2>)). A note.",
        "- **context**: “A quote.” (publisher unknown, `javascript:alert(1)`).",  # shown as code, never a link
        "- **qualifies**: “Another.” (Desk, no address).",
    ]
    assert markdown_cards.link("https://example.org/a b") is None  # a space would end the link early


def test_a_sheet_shows_its_lead_its_tally_and_its_cards_in_every_format_for_reading() -> None:
    sheet = Result(
        fields=(Field("id", "ID"),),
        records=(),
        title="What it claims",
        lead=("In brief.",),
        sections=(Section("In short", ("Counted.",), tally=(("supported", 2), ("unverified", 1))),
                  Section("Claims", (), cards=(CARD,))),
    )  # fmt: skip
    markdown = render(sheet, Format.markdown, RenderOptions())
    assert markdown.startswith(
        "# What it claims\n\nIn brief.\n\n## In short\n\n**✔ 2 supported** · **? 1 unverified**\n\nCounted.\n\n"
        "## Claims\n\n### The corridor earned"
    )
    page = render(sheet, Format.html, RenderOptions())
    assert '<h1>What it claims</h1>\n<p class="lead">In brief.</p>' in page
    assert (
        '<ul class="tally" aria-label="Verdicts counted"><li><span class="badge v-supported">✔ 2 supported</span>'
        '</li><li><span class="badge v-unverified">? 1 unverified</span></li></ul>'
    ) in page
    text = render(sheet, Format.table, RenderOptions(width=80))
    assert text.splitlines()[:6] == [
        "What it claims",
        "",
        "In brief.",
        "",
        "IN SHORT",
        "✔ supported: 2   ? unverified: 1",
    ]
    assert "  ✘ not-supported: records of the claim's measure exist and none says so." in text.splitlines()


def test_addresses_in_text_are_linked_only_where_they_end_as_addresses() -> None:
    from kzcn.render.reading import with_addresses

    assert with_addresses("See https://a.org/x_y, then (https://b.org/z).") == [
        ("See ", None),
        ("https://a.org/x_y", "a.org"),
        (", then (", None),
        ("https://b.org/z", "b.org"),
        (").", None),
    ]
    # An address cut short by a quote is no address: the whole of it is text, nothing of it a link.
    assert with_addresses('Go https://e.org/?x="><b> now') == [
        ("Go ", None),
        ('https://e.org/?x="><b>', ""),
        (" now", None),
    ]
    assert with_addresses("https://e.org/a: “words”") == [("https://e.org/a", "e.org"), (": “words”", None)]


@given(st.lists(st.sampled_from([*'ab /:.,()"“é', "https://", "http://x.org", "h.org/a_b"]), max_size=20).map("".join))
@settings(max_examples=300, derandomize=True)
def test_addresses_in_text_lose_nothing_and_link_only_addresses(text: str) -> None:
    from kzcn.render.reading import host_of, with_addresses

    pieces = with_addresses(text)
    assert "".join(words for words, _host in pieces) == text
    for words, host in pieces:
        if host:
            assert host_of(words) == host and words.startswith(("http://", "https://"))
