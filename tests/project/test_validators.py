"""The HTML pages as third-party checkers and a phone see them (issue 24): the W3C Nu HTML checker finds no error and
no warning; axe-core, in Chromium, finds no violation at 390 and 1280 px; no page is wider than the screen at 320, 390
or 1280 px; every link goes to an http(s) page or to an id of the page. For `report`, `article` and `show`, on the
shipped knowledge base and on a hostile one.

The tools come from .ci/run: Debian's chromium, chromium-driver and Java; vnu.jar and axe-core from npm, in the folder
KZCN_NODE_MODULES names. Without them these tests skip here and fail in CI.

The pages forbid every script (Content-Security-Policy: default-src 'none'). axe is run anyway: WebDriver's
execute_script evaluates in the page through the DevTools protocol, which the page's policy does not govern; nothing
is changed in the page to let it in.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builders import dump, hostile_kb
from conftest import SHIPPED_FACTS, subprocess_env

MODULES = Path(os.environ.get("KZCN_NODE_MODULES", "/nonexistent"))
VNU = MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = MODULES / "axe-core" / "axe.min.js"
_missing = [
    name
    for name, present in (
        ("java", shutil.which("java") is not None),
        ("chromium", shutil.which("chromium") is not None),
        ("chromedriver", shutil.which("chromedriver") is not None),
        ("vnu.jar (KZCN_NODE_MODULES)", VNU.is_file()),
        ("axe-core (KZCN_NODE_MODULES)", AXE.is_file()),
        ("selenium", importlib.util.find_spec("selenium") is not None),
    )
    if not present
]
if _missing:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs {', '.join(_missing)} for the page checks: .ci/run installs them", pytrace=False)
    pytestmark = pytest.mark.skip(reason=f"{', '.join(_missing)} missing here; CI installs them and runs these")

PAGES = {
    "report": ("report",),
    "article": ("article",),
    "show": ("show", "{fact}"),
}
"""Each page, as the command that writes it ({fact}: a fact of the knowledge base)."""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every page of the shipped knowledge base and of a hostile one, written by kzcn as a user would."""
    folder = tmp_path_factory.mktemp("pages")
    hostile = folder / "hostile.yaml"
    hostile.write_text(dump(hostile_kb()), encoding="utf-8")
    written = {}
    for kb_name, kb_path, fact in (
        ("shipped", SHIPPED_FACTS, "transport-income-forecast-2020"),
        ("hostile", hostile, "trains-2017"),
    ):
        for name, command in PAGES.items():
            target = folder / f"{kb_name}-{name}.html"
            arguments = [part.format(fact=fact) for part in command]
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "kzcn",
                    "--facts",
                    str(kb_path),
                    *arguments,
                    "--format",
                    "html",
                    "-o",
                    str(target),
                ],
                capture_output=True,
                text=True,
                env=subprocess_env(folder),
                timeout=120,
                check=False,
            )
            assert result.returncode == 0, result.stderr
            written[f"{kb_name}-{name}"] = target
    return written


def test_the_nu_checker_finds_no_error_and_no_warning(pages: dict[str, Path]) -> None:
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", *map(str, pages.values())],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    found = [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message['type']} {message['message']}"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "warning"
    ]
    assert found == []


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    # Headless, no sandbox (CI runs as root), and no network: every host name resolves to nowhere.
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--host-resolver-rules=MAP * ~NOTFOUND"):  # fmt: skip
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=options)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: Any, page: Path, width: int) -> None:
    browser.set_window_size(width, 900)
    browser.get(page.as_uri())


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation(browser: Any, pages: dict[str, Path], width: int) -> None:
    axe = AXE.read_text(encoding="utf-8")
    found = {}
    for name, page in pages.items():
        _open(browser, page, width)
        browser.execute_script(axe)
        violations = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document).then(r => done(r.violations.map(v => [v.id, v.nodes.length, v.nodes[0].html])));"
        )
        if violations:
            found[name] = violations
    assert found == {}


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_no_page_is_wider_than_the_screen(browser: Any, pages: dict[str, Path], width: int) -> None:
    wider = {}
    for name, page in pages.items():
        _open(browser, page, width)
        scroll, inner = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wider[name] = (scroll, inner)
    assert wider == {}


def test_every_link_goes_to_a_web_page_or_to_the_page_itself(browser: Any, pages: dict[str, Path]) -> None:
    for name, page in pages.items():
        _open(browser, page, 1280)
        links, ids = browser.execute_script(
            "return [Array.from(document.querySelectorAll('[href]'), a => a.getAttribute('href')),"
            " Array.from(document.querySelectorAll('[id]'), e => e.id)]"
        )
        assert links or name.endswith("show"), name
        assert [link for link in links if not link.startswith(("https://", "http://", "#"))] == [], name
        assert [link for link in links if link.startswith("#") and link[1:] not in ids] == [], name
    _open(browser, pages["hostile-report"], 1280)
    # The address that tried to close its attribute is text on the page: no script, and no link made of it.
    assert browser.execute_script("return document.querySelectorAll('script').length") == 0
    assert (
        browser.execute_script(
            "return Array.from(document.links, a => a.href).filter(h => h.includes('example.org')).length"
        )
        == 0
    )
    assert 'https://example.org/a_b?x="><script>alert(2)</script>' in browser.execute_script(
        "return document.body.innerText"
    )
