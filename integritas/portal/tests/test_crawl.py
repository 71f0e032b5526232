"""Crawl the demo world as every demo role and as the public: no crash, Indonesian, working downloads."""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

import re
import time
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from integritas.accounts.models import User
from integritas.portal import demo

pytestmark = pytest.mark.django_db

ROLES = [
    "admin.org",
    "walikota",
    "tpi.ketua",
    "pendamping",
    "kadis.dukcapil",
    "timkerja.dukcapil",
    "pegawai.dukcapil",
    "pegawai.dpmptsp",
]
PAGE_LIMIT = 120
# Pages of the same shape (ids replaced) visited at most this often: breadth over depth.
SHAPE_LIMIT = 2
SKIP_PREFIXES = ("/akun/keluar/", "/django-admin/", "/static/", "/i18n/")
PUBLIC_PREFIXES = ("/publik/", "/s/", "/akun/masuk/", "/healthz", "/pengaduan/")
# Staff pages that live below a public prefix.
PRIVATE_PREFIXES = ("/pengaduan/kelola/",)


def _is_public(path: str) -> bool:
    if path.startswith(PRIVATE_PREFIXES):
        return False
    return path.startswith(PUBLIC_PREFIXES) or "/publik/" in path


# Untranslated Django/English interface text. Matched as whole words in visible text and in
# the attributes a user sees (placeholder, title, aria-label, button values).
ENGLISH = [
    "This field is required",
    "Enter a valid",
    "Page not found",
    "Not Found",
    "Server Error",
    "Forbidden",
    "Submit",
    "Save",
    "Cancel",
    "Delete",
    "Log in",
    "Log out",
    "Sign in",
    "Username",
    "Password",
    "Previous",
    "Next",
    "Search",
    "Upload",
    "Download",
    "Loading",
    "Close",
    "Toggle navigation",
    "Currently",
    "Change",
    "Clear",
    "None",
    "True",
    "False",
    "January",
    "February",
    "March",
    "June",
    "July",
    "August",
    "October",
    "December",
    "Monday",
    "Sunday",
    "a.m.",
    "p.m.",
]
ENGLISH_RE = re.compile(r"(?<![\w.])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w])")
# Internal references a user must never read: decision numbers, version codes, hashes, JSON.
INTERNAL_RE = re.compile(
    r"keputusan A\.\d|lke-zi-\d{4}|\b[0-9a-f]{40,64}\b|SHA-256|Cuplikan JSON"
    r"|\bhasil_pelayanan\b|\bhasil_bersih\b|\bclosed_by_id\b"
)
# A year printed with a thousands separator ("2.026") betrays a missing |unlocalize.
YEAR_RE = re.compile(r"(?<![\d.,])2\.0[0-9]{2}(?![\d.,])")
DOWNLOAD_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}


class _Page(HTMLParser):
    """Collect the links and the text a user sees."""

    VISIBLE_ATTRS = ("placeholder", "title", "aria-label", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self.inline_blocks: list[tuple[str, str]] = []  # (tag, nonce) of inline script/style
        self.handlers: list[str] = []  # inline event-handler attributes (onclick=...)
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
            if not values.get("src"):
                self.inline_blocks.append((tag, values.get("nonce") or ""))
        self.handlers += [f"{tag} {name}" for name, _value in attrs if name.startswith("on")]
        if values.get("href"):
            self.links.append(values["href"])
        for name in self.VISIBLE_ATTRS:
            if values.get(name):
                self.text.append(values[name])
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.text.append(values["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def text_problems(texts: list[str]) -> list[str]:
    """English interface words and years printed with a thousands separator."""
    text = " ".join(" ".join(texts).split())
    return (
        [f"English text {w!r}" for w in sorted(set(ENGLISH_RE.findall(text)))]
        + [f"year printed as {y!r}" for y in sorted(set(YEAR_RE.findall(text)))]
        + [f"internal reference {r!r}" for r in sorted(set(INTERNAL_RE.findall(text)))]
    )


def csp_problems(response, parser: _Page) -> list[str]:
    """Every HTML page carries the policy; its inline blocks carry the page's nonce."""
    policy = response.get("Content-Security-Policy", "")
    if "script-src 'self' 'nonce-" not in policy or "frame-ancestors 'none'" not in policy:
        return [f"no Content-Security-Policy ({policy!r})"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    problems = [f"inline <{tag}> without the page's nonce" for tag, n in parser.inline_blocks
                if n != nonce]  # fmt: skip
    return problems + [f"inline event handler {h}" for h in parser.handlers]


def _shape(path: str) -> str:
    return re.sub(r"/\d+(?=/|\.|$)", "/<n>", path)


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _check_download(url, response, problems):
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    body = _body(response)
    if not body:
        problems.append(f"{url}: empty download ({content_type})")
    disposition = response.get("Content-Disposition", "")
    match = re.search(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)', disposition)
    extension = match.group(1).rsplit(".", 1)[-1].lower() if match else ""
    expected = DOWNLOAD_TYPES.get(extension)
    if expected and content_type != expected:
        problems.append(f"{url}: {extension} served as {content_type}")
    if content_type == "application/pdf" and not body.startswith(b"%PDF"):
        problems.append(f"{url}: PDF body is not a PDF")
    if content_type in (DOWNLOAD_TYPES["docx"], DOWNLOAD_TYPES["xlsx"]) and not body.startswith(
        b"PK"
    ):
        problems.append(f"{url}: {content_type} body is not a zip package")


def crawl(
    client: Client,
    start: str,
    problems: list[str],
    *,
    downloaded: set[str],
    visited: set[str] | None = None,
    anonymous=False,
) -> int:
    """Breadth-first GET every same-site link from start; return the number of pages fetched."""
    queue = deque([start])
    seen_urls = {start}
    parents = {start: "(start)"}
    seen_paths: dict[str, int] = {}
    shapes: dict[str, int] = {}
    fetched = 0
    while queue and fetched < PAGE_LIMIT:
        url = queue.popleft()
        path = urlsplit(url).path
        if url in downloaded:
            continue  # rendering a document is slow: its content was checked for another role
        fetched += 1
        response = client.get(url)
        if response.status_code >= 500:
            problems.append(f"{url}: HTTP {response.status_code}")
            continue
        if response.status_code in (403, 404):
            problems.append(f"{url}: dead link (HTTP {response.status_code}) from {parents[url]}")
            continue
        if anonymous:
            is_public = _is_public(path)
            if response.status_code == 200 and not is_public:
                problems.append(f"{url}: private page open to the public")
            location = response.get("Location", "")
            redirected = response.status_code in (301, 302)
            if redirected and not is_public and not location.startswith("/akun/masuk/"):
                problems.append(f"{url}: redirects the public to {location}")
        if response.status_code != 200:
            continue
        if visited is not None:
            visited.add(url)
        content_type = response.get("Content-Type", "")
        if not content_type.startswith("text/html"):
            if not content_type.startswith("text/plain"):
                _check_download(url, response, problems)
                downloaded.add(url)
            continue
        parser = _Page()
        parser.feed(response.content.decode())
        problems += [f"{url}: {problem}" for problem in text_problems(parser.text)]
        problems += [f"{url}: {problem}" for problem in csp_problems(response, parser)]
        for href in parser.links:
            link, _fragment = urldefrag(href)
            parts = urlsplit(link)
            if not link or parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # '#', mailto:, external, relative
            if parts.path.startswith(SKIP_PREFIXES) or link in seen_urls:
                continue
            # the bare path and the first query-string variant of each path
            if parts.query and seen_paths.get(parts.path, 0) >= 1:
                continue
            shape = _shape(parts.path)
            if not parts.query and shapes.get(shape, 0) >= SHAPE_LIMIT:
                continue
            seen_urls.add(link)
            parents[link] = url
            if parts.query:
                seen_paths[parts.path] = seen_paths.get(parts.path, 0) + 1
            else:
                shapes[shape] = shapes.get(shape, 0) + 1
            queue.append(link)
    return fetched


def test_every_demo_role_can_open_every_page_it_is_shown(settings):
    started = time.monotonic()
    demo.build(employees_per_unit=2)
    built = time.monotonic()
    problems: list[str] = []
    counts = {}
    downloaded: set[str] = set()
    visited: set[str] = set()
    for username in ROLES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        role_problems: list[str] = []
        counts[username] = crawl(client, "/", role_problems, downloaded=downloaded, visited=visited)
        problems += [f"[{username}] {p}" for p in role_problems]
    public_problems: list[str] = []
    counts["(publik)"] = crawl(
        Client(), "/publik/", public_problems, downloaded=set(), anonymous=True
    )
    problems += [f"[publik] {p}" for p in public_problems]
    # Every page a signed-in role opened sends the public to the login page instead.
    anonymous = Client()
    for url in sorted(visited):
        path = urlsplit(url).path
        if _is_public(path):
            continue
        response = anonymous.get(url)
        if response.status_code != 302 or not response["Location"].startswith("/akun/masuk/"):
            problems.append(f"[publik] {url}: HTTP {response.status_code} without signing in")
    print(f"build {built - started:.1f}s, crawl {time.monotonic() - built:.1f}s, pages {counts}")
    assert not problems, "\n".join(problems)
    assert all(count > 10 for name, count in counts.items() if name != "(publik)"), counts


# On each role's main pages (home, the menu's first-level pages, one detail page of each) the
# stricter check: nothing a user reads is a stored value, a field key or a machine format.
RAW_RE = re.compile(
    r"(?<![\w-])(draft|submitted|in_review|superseded|standing|revoked|returned|None|True|False)"
    r"(?![\w-])"
    r"|\bJSON\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"  # an ISO date (2026-06-15)
    r"|\b\d{1,2}:\d{2}:\d{2}\b|\dT\d{2}:\d{2}"  # an ISO time
    r"|(?<![\w.,/])\d+\.\d{1,2}(?![\d.,/]|\s?WITA)"  # a decimal point (87.50), not 188.45/KEP
    r"|\b\w+_id\b|\b[a-z]+_[a-z_]+\b"  # a field key (unit_id, hasil_pelayanan)
)


class _MainPage(_Page):
    """Also collect the menu's first-level links and the links inside <main>."""

    def __init__(self):
        super().__init__()
        self.menu: list[str] = []
        self.main_links: list[str] = []
        self._in_main = 0
        self._in_coordinates = 0

    def handle_data(self, data):
        if not self._in_coordinates:  # a chart's tooltip coordinates (pygal's <desc>) are not read
            super().handle_data(data)

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "main":
            self._in_main += 1
        if tag == "desc" and {"x", "y"} & set(classes):
            self._in_coordinates += 1
        if tag == "a" and values.get("href"):
            if "nav-link" in classes and "dropdown-toggle" not in classes:
                self.menu.append(values["href"])
            elif self._in_main:
                self.main_links.append(values["href"])

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if tag == "main" and self._in_main:
            self._in_main -= 1
        if tag == "desc" and self._in_coordinates:
            self._in_coordinates -= 1


def strict_problems(texts: list[str]) -> list[str]:
    """What text_problems finds, and any stored value, field key or machine format."""
    text = " ".join(" ".join(texts).split())
    found = sorted({m.group(0) for m in RAW_RE.finditer(text)})
    return text_problems(texts) + [f"raw value {r!r}" for r in found]


def _detail_link(menu_path: str, links: list[str]) -> str | None:
    """The first link below a menu page to one object (a path with a number in it)."""
    for href in links:
        link, _fragment = urldefrag(href)
        if link.startswith(menu_path) and link != menu_path and re.search(r"/\d+/", link):
            return link
    return None


def main_pages(client: Client) -> tuple[list[str], list[str]]:
    """Home, the menu's first-level pages and one detail page of each: (urls, problems)."""
    urls: list[str] = []
    problems: list[str] = []

    def read(url: str) -> _MainPage | None:
        response = client.get(url, follow=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            problems.append(f"{url}: HTTP {response.status_code} {response.get('Content-Type')}")
            return None
        urls.append(url)
        parser = _MainPage()
        parser.feed(response.content.decode())
        problems.extend(f"{url}: {p}" for p in strict_problems(parser.text))
        return parser

    home = read("/")
    for menu_url in dict.fromkeys(home.menu if home else []):
        if menu_url == "/" or not menu_url.startswith("/"):
            continue
        page = read(menu_url)
        detail = _detail_link(urlsplit(menu_url).path, page.main_links) if page else None
        if detail:
            read(detail)
    return urls, problems


def test_every_role_s_main_pages_show_no_internal_reference_or_raw_value(settings):
    demo.build(employees_per_unit=2)
    problems: list[str] = []
    seen: dict[str, int] = {}
    for username in ROLES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        urls, found = main_pages(client)
        seen[username] = len(urls)
        problems += [f"[{username}] {p}" for p in found]
    public = Client()
    for url in ("/publik/", "/publik/unit/", "/publik/survei/", "/publik/pengaduan/"):
        parser = _MainPage()
        parser.feed(public.get(url).content.decode())
        problems += [f"[publik] {url}: {p}" for p in strict_problems(parser.text)]
    assert not problems, "\n".join(problems)
    assert all(count >= 4 for count in seen.values()), seen  # home, menu pages, details


def test_the_strict_checker_flags_raw_values_but_not_indonesian_numbers_and_times():
    parser = _Page()
    parser.feed(
        "<p>status draft, in_review; None; True; 2026-06-15; 10:00:00; nilai 87.50; unit_id; "
        "hasil_pelayanan; Cuplikan JSON</p>"
    )
    found = [p for p in strict_problems(parser.text) if p.startswith("raw")]
    assert found == [
        "raw value '10:00:00'", "raw value '2026-06-15'", "raw value '87.50'",
        "raw value 'JSON'", "raw value 'None'", "raw value 'True'", "raw value 'draft'",
        "raw value 'hasil_pelayanan'", "raw value 'in_review'", "raw value 'unit_id'",
    ]  # fmt: skip
    parser = _Page()
    parser.feed(
        "<p>Nilai 87,50; 1.234 pegawai; pukul 09.30 WITA; 15 Juni 2026; Pasal 17 ayat (6); "
        "KEP/MENPANRB/2023/088; draf</p>"
    )
    assert strict_problems(parser.text) == []


def test_the_checker_flags_english_and_localised_years_but_not_indonesian():
    parser = _Page()
    parser.feed(
        '<p>This field is required.</p><input type="submit" value="Save">'
        '<input placeholder="Search"><p>Tahun 2.026</p><script>var None = 1;</script>'
    )
    assert text_problems(parser.text) == [
        "English text 'Save'",
        "English text 'Search'",
        "English text 'This field is required'",
        "year printed as '2.026'",
    ]
    parser = _Page()
    parser.feed("<p>Perwali No. 23 Tahun 2025; nilai 1.234,56; 2.026,5 poin; April 2026</p>")
    assert text_problems(parser.text) == []
    parser = _Page()
    parser.feed(
        "<p>dihitung 0 (keputusan A.4); versi lke-zi-2021; SHA-256 "
        "<code>9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08</code></p>"
    )
    assert len([p for p in text_problems(parser.text) if p.startswith("internal")]) == 4
