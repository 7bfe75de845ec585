"""The HTML pages in a real browser (headless Chromium): links resolve, nothing is fetched, something is drawn.

Locally, without Chromium, these tests skip with the reason; in CI (CI=true) a missing browser is a failure:
.ci/run installs Debian's chromium.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import SHIPPED_FACTS, subprocess_env
from kzcn.kb.load import load_knowledge_base

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")

if BROWSER is None:
    if os.environ.get("CI") == "true":
        pytest.fail("CI needs headless Chromium for the HTML tests: .ci/run installs Debian's chromium", pytrace=False)
    pytestmark = pytest.mark.skip(reason="no chromium here (apt-get install chromium); CI installs it and runs these")

# Headless, no sandbox (CI runs as root), nothing from the network: every host name resolves to nowhere.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
)  # fmt: skip


class Page(HTMLParser):
    """What a rendered DOM holds that the tests look at."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.anchors: list[str] = []
        self.facts: set[str] = set()
        self.external: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "script":
            self.scripts += 1
        if "data-fact" in values:
            self.facts.add(values["data-fact"])
        for name in ("href", "src", "srcset", "action", "poster", "data"):
            value = values.get(name, "")
            if value.startswith("#"):
                self.anchors.append(value[1:])
            elif tag == "a" and name == "href" and value.startswith(("https://", "http://")):
                # A link a reader may follow is not a fetch: the page loads nothing from it (issue 24's evidence).
                self.links.append((value, values.get("rel", "")))
            elif value and not value.startswith("data:"):
                self.external.append(value)
        if "url(" in values.get("style", ""):
            self.external.append(values["style"])


def browse(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )


def not_blank(png: bytes) -> bool:
    """True when the screenshot has drawing on it: more than a sliver of pixels neither white nor black."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    data, at = b"", 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        if kind == b"IDAT":
            data += png[at + 8 : at + 8 + length]
        at += 12 + length
    raw = zlib.decompress(data)
    inked = sum(1 for byte in raw[::7] if 16 < byte < 240)  # a sample; filter bytes and blank rows stay low
    return inked > len(raw[::7]) // 200


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    env = subprocess_env(folder, COLUMNS="100")
    made = {}
    for name, args in {"article": ["article"], "report": ["report"]}.items():
        out = folder / f"{name}.html"
        subprocess.run(
            [sys.executable, "-m", "kzcn", *args, "--format", "html", "-o", str(out)],
            check=True,
            env=env,
            capture_output=True,
        )
        made[name] = out
    return made


@pytest.mark.parametrize("name", ["article", "report"])
def test_the_dom_has_every_fact_every_footnote_target_and_nothing_external(
    pages: dict[str, Path], tmp_path: Path, name: str
) -> None:
    result = browse(pages[name], tmp_path, "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    page = Page()
    page.feed(result.stdout)
    kb = load_knowledge_base(str(SHIPPED_FACTS))
    quoted = {fact.id for fact in kb.facts if kb.is_claim(fact) and fact.source == "article"}
    assert quoted <= page.facts
    missing = [anchor for anchor in page.anchors if anchor not in page.ids]
    assert page.anchors and missing == []
    assert page.external == [] and page.scripts == 0
    addresses = {source.url for source in kb.sources if source.url}
    assert all(url in addresses and rel == "noopener noreferrer" for url, rel in page.links), page.links
    if name == "report":
        assert {url for url, _rel in page.links} >= {  # every evidence page a review cites, linked
            kb.sources_by_id[kb.facts_by_id[item.fact].source].url
            for review in kb.reviews
            for item in review.evidence
            if (kb.sources_by_id[kb.facts_by_id[item.fact].source].url or "").startswith(("http://", "https://"))
        }
    # A console message (a CSP refusal of a request, a script error) is logged as CONSOLE by --enable-logging.
    assert [line for line in result.stderr.splitlines() if "CONSOLE" in line] == []


@pytest.mark.parametrize(("name", "size"), [("article", "390,1200"), ("report", "1024,1400")])
def test_a_screenshot_is_not_blank_on_a_phone_and_a_desktop(
    pages: dict[str, Path], tmp_path: Path, name: str, size: str
) -> None:
    shot = tmp_path / "shot.png"
    result = browse(pages[name], tmp_path, f"--screenshot={shot}", f"--window-size={size}", "--hide-scrollbars")
    assert result.returncode == 0 and shot.is_file(), result.stderr[-2000:]
    assert not_blank(shot.read_bytes())


def test_a_blank_page_is_told_apart(tmp_path: Path) -> None:
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html lang='en'><body></body></html>", encoding="utf-8")
    shot = tmp_path / "blank.png"
    browse(blank, tmp_path, f"--screenshot={shot}", "--window-size=400,400")
    assert not not_blank(shot.read_bytes())


def test_a_page_that_fetches_is_caught(tmp_path: Path, write_kb: Callable[..., Any]) -> None:
    """The checks can fail: a page with a remote image is refused by kzcn's policy and seen in the DOM."""
    fetching = tmp_path / "fetching.html"
    fetching.write_text(
        '<!DOCTYPE html><html lang=\'en\'><head><meta http-equiv="Content-Security-Policy" content="default-src '
        "'none'\"></head><body><img src='https://example.org/x.png' alt='x'><a href='#nowhere'>x</a></body></html>",
        encoding="utf-8",
    )
    result = browse(fetching, tmp_path, "--dump-dom")
    page = Page()
    page.feed(result.stdout)
    assert page.external == ["https://example.org/x.png"] and page.anchors == ["nowhere"] and not page.ids
    assert any("CONSOLE" in line and "Content Security Policy" in line for line in result.stderr.splitlines())
