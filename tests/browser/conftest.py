"""Playwright on Debian's Chromium against pytest-django's live server.

Every page load is watched: a request to any host other than the live server fails the test
(catches CDN links). Screenshots go to artifacts/screenshots/ for a human to look at.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            f"CI needs Chromium at {CHROMIUM} for the browser tests (apt-get install chromium)."
        )
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}: browser tests skipped (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def _browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield browser
    browser.close()


class OffsiteRequest(AssertionError):
    pass


def _new_page(browser, live_server, *, viewport, offsite):
    context = browser.new_context(viewport=viewport, locale="id-ID", timezone_id="Asia/Makassar")
    allowed = urlparse(live_server.url).netloc

    def watch(request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != allowed:
            offsite.append(request.url)

    context.on("request", watch)
    page = context.new_page()
    # Anything the page's Content-Security-Policy blocked (an inline script, a style) fails too.
    page.on(
        "console",
        lambda m: offsite.append(f"CSP: {m.text}") if "Content Security Policy" in m.text else None,
    )
    page.set_default_timeout(15000)
    # Decisive steps ask first (data-confirm): a journey answers "yes" and keeps what was asked.
    page.confirmations = []  # type: ignore[attr-defined]

    def accept(dialog):
        page.confirmations.append(dialog.message)  # type: ignore[attr-defined]
        dialog.accept()

    page.on("dialog", accept)
    return context, page


@pytest.fixture
def page(_browser, live_server):
    """A desktop-sized page; fails the test if anything off the live server is requested."""
    offsite: list[str] = []
    context, page = _new_page(
        _browser, live_server, viewport={"width": 1366, "height": 900}, offsite=offsite
    )
    yield page
    context.close()
    assert not offsite, f"off-site requests or blocked by the page policy: {offsite}"


@pytest.fixture
def phone_page(_browser, live_server):
    """A phone-sized page (360×780), same off-site guard."""
    offsite: list[str] = []
    context, page = _new_page(
        _browser, live_server, viewport={"width": 360, "height": 780}, offsite=offsite
    )
    yield page
    context.close()
    assert not offsite, f"off-site requests or blocked by the page policy: {offsite}"


@pytest.fixture
def shot():
    """Save a full-page screenshot under artifacts/screenshots/<name>.png and return its path."""
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def login(live_server):
    """Log a user in through the real login form."""
    from conftest import PASSWORD

    def do(page, username: str, password: str = PASSWORD):
        page.goto(f"{live_server.url}/akun/masuk/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/akun/masuk/" not in url)

    return do
