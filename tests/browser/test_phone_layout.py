"""Phone widths: the dashboard and the public pages never scroll sideways at 360 px, the menu bar
passes axe's colour-contrast rule, and the unit head's journey reads at 360×780 and 1366×900."""

import re

import pytest

from integritas.evaluation.models import Assessment
from integritas.organization.models import Unit
from integritas.planning.models import MonthlyReport

from .axe import contrast, serious

pytestmark = pytest.mark.django_db(transaction=True)
PUBLIC = ["/publik/", "/publik/unit/", "/publik/survei/", "/publik/pengaduan/", "/pengaduan/"]
OVERFLOW = "[document.documentElement.scrollWidth, window.innerWidth]"
# What a civil servant must never read on these pages (the crawl checks the same in HTML).
RAW = re.compile(
    r"\b(draft|submitted|in_review|superseded|None|True|False|JSON)\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\w+_\w+\b|(?<![\w.,/])\d+\.\d{1,2}(?![\d.,/]|\s?WITA)"
)


@pytest.fixture
def demo_world():
    from integritas.portal import demo

    demo.build(employees_per_unit=2)


def _fits(page, where: str) -> None:
    scroll_width, inner_width = page.evaluate(OVERFLOW)
    assert scroll_width <= inner_width, f"{where} is {scroll_width}px wide in {inner_width}px"


def test_the_dashboard_and_the_public_pages_do_not_scroll_sideways_on_a_phone(
    phone_page, live_server, demo_world, login, shot, settings
):
    for path in PUBLIC:
        phone_page.goto(live_server.url + path)
        _fits(phone_page, path)
        assert not contrast(phone_page), (path, contrast(phone_page))
    login(phone_page, "walikota", settings.INTEGRITAS_DEMO_PASSWORD)
    phone_page.goto(f"{live_server.url}/dasbor/")
    shot(phone_page, "dashboard-phone")
    _fits(phone_page, "/dasbor/")
    assert not serious(phone_page), serious(phone_page)  # the menu bar included
    # Each unit reads as a card: its name, current stage, what holds it back and its score.
    first = phone_page.locator("#dashboard tbody tr").first
    assert first.locator("th a").is_visible()
    box = first.bounding_box()
    assert box is not None and box["width"] <= 360
    labels = first.locator("td[data-label]:visible").evaluate_all(
        "cells => cells.map(c => c.dataset.label)"
    )
    assert {"Tahap saat ini", "Kendala", "Nilai total"} <= set(labels), labels


def test_the_dashboard_on_a_desktop_keeps_its_full_table(
    page, live_server, demo_world, login, shot, settings
):
    login(page, "walikota", settings.INTEGRITAS_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/dasbor/")
    shot(page, "dashboard-desktop")
    _fits(page, "/dasbor/")
    assert page.locator("#dashboard thead th").first.is_visible()
    assert page.locator("#dashboard thead th").count() > 10
    assert not serious(page), serious(page)


def _journey(live_server) -> list[tuple[str, str]]:
    unit = Unit.objects.get(code="DUKCAPIL")
    assessment = Assessment.objects.filter(unit=unit).order_by("-year", "-revision").first()
    report = MonthlyReport.objects.filter(plan__unit=unit).order_by("-plan__year", "-month").first()
    steps = [
        ("home", "/"),
        ("zone", f"/komitmen/unit/{unit.pk}/"),
        ("plan", f"/rencana/unit/{unit.pk}/"),
    ]
    if report is not None:
        steps.append(("report", f"/rencana/laporan/{report.pk}/"))
    if assessment is not None:
        steps += [
            ("assessment", f"/lke/{assessment.pk}/"),
            ("score", f"/lke/{assessment.pk}/nilai/"),
        ]
    return steps


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_unit_head_walks_from_home_to_the_score_page(
    request, size, live_server, demo_world, login, shot, settings
):
    page = request.getfixturevalue("phone_page" if size == "phone" else "page")
    login(page, "kadis.dukcapil", settings.INTEGRITAS_DEMO_PASSWORD)
    steps = _journey(live_server)
    assert [name for name, _path in steps][-1] == "score", steps
    for name, path in steps:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        shot(page, f"head-{size}-{name}")
        _fits(page, path)
        text = page.locator("body").inner_text()
        assert not RAW.findall(text), (path, sorted(set(RAW.findall(text))))
        assert not contrast(page), (path, contrast(page))
