"""The public transparency portal: open to anyone, phone-first, and nothing private on it."""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from integritas.commitment.models import Declaration
from integritas.evaluation import engine, selectors
from integritas.evaluation.models import Assessment
from integritas.organization.models import Employee
from integritas.planning.models import Innovation
from integritas.portal import demo

pytestmark = pytest.mark.django_db
PUBLIC_PAGES = [
    "portal:public_home",
    "portal:public_units",
    "portal:public_survey_guide",
    "portal:public_complaint_guide",
]
NIP = re.compile(r"(?<!\d)\d{18}(?!\d)")
# Where a public page may link: other public pages, static files, the login page, outside media.
ALLOWED = ("/publik/", "/s/", "/komitmen/publik/", "/static/", "/akun/masuk/", "/pengaduan/")


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_public_page_opens_without_login_and_without_script(world, name):
    response = Client().get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="id"' in body
    assert "<script" not in body
    assert 'name="viewport"' in body


def test_an_undeclared_unit_has_no_public_page(world):
    assert Client().get(reverse("portal:public_unit", args=[world.unit_a.pk])).status_code == 404
    assert Client().get("/publik/unit/999999/").status_code == 404


def test_a_declared_unit_shows_its_charter_innovations_and_no_evidence(world):
    Declaration.objects.create(
        scope=Declaration.Scope.UNIT, unit=world.unit_a, declared_on="2026-02-03",
        place="Aula Dukcapil", head_name="Drs. Kepala", head_position="Kepala Dinas",
    )  # fmt: skip
    Innovation.objects.create(
        unit=world.unit_a, name="KTP Keliling", problem="Antrean panjang", change="Layanan jemput",
        started_on="2026-03-01", evidence_url="https://contoh.test/bukti-rahasia",
    )  # fmt: skip
    body = Client().get(reverse("portal:public_unit", args=[world.unit_a.pk])).content.decode()
    assert "3 Februari 2026" in body and "Aula Dukcapil" in body and "Drs. Kepala" in body
    assert "KTP Keliling" in body and "Layanan jemput" in body
    assert "bukti-rahasia" not in body
    listing = Client().get(reverse("portal:public_units")).content.decode()
    assert reverse("portal:public_unit", args=[world.unit_a.pk]) in listing
    assert 'scope="col"' in listing and "<caption>" in listing


def test_the_complaint_guide_links_only_to_pages_that_exist(world, settings):
    client = Client()
    body = client.get(reverse("portal:public_complaint_guide")).content.decode()
    assert 'href="/pengaduan/"' in body and 'href="/pengaduan/lacak/"' in body
    assert client.get("/pengaduan/").status_code == 200
    assert client.get("/pengaduan/lacak/").status_code == 200


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("href", "src", "action") and value:
                self.links.append(value)


def _crawl(client: Client) -> dict[str, str]:
    pages: dict[str, str] = {}
    queue = deque([reverse("portal:public_home")])
    while queue and len(pages) < 150:
        url = queue.popleft()
        if url in pages:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        if "text/html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        pages[url] = body
        parser = _Links()
        parser.feed(body)
        for link in parser.links:
            link = urldefrag(link)[0]
            if not link:
                continue  # a link within the page
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") and parts.netloc:
                continue  # outside media links of a declaration
            assert link == "/" or link.startswith(ALLOWED), (
                f"{url} links to a non-public page {link}"
            )
            public_results = link.startswith("/s/") and link.endswith("/hasil/")
            if public_results or link.startswith(("/publik/", "/komitmen/publik/")):
                queue.append(link)
    return pages


def test_the_public_pages_of_the_demo_show_nothing_private():
    demo.build(employees_per_unit=3)
    pages = _crawl(Client())
    assert any("/publik/unit/" in url for url in pages)
    nips = set(Employee.objects.values_list("nip", flat=True))
    drafts = [
        row
        for row in selectors.city_comparison(2026)
        if row.assessment.status != Assessment.Status.FINAL
    ]
    assert drafts, "the demo has a draft assessment to hide"
    draft_scores = {engine.round2(row.score.total) for row in drafts}
    from integritas.common.formatting import angka

    # Evidence behind innovations is never linked (every link is also checked by the crawl).
    evidence_links = set(
        Innovation.objects.exclude(evidence_url="").values_list("evidence_url", flat=True)
    )

    for url, body in pages.items():
        text = re.sub(r"<[^>]+>", " ", body)
        assert not NIP.search(text), f"an 18-digit number (NIP) on {url}"
        assert not any(nip in body for nip in nips), url
        for score in draft_scores:
            assert f"Nilai {angka(score, 2)}" not in text, url
        assert "/lke/" not in body and "/berkas/" not in body, url
        assert not any(link in body for link in evidence_links), url
