"""The public transparency portal on a phone, and the pimpinan dashboard: accessible (axe-core,
no serious or critical violation), light (under 300 KB on first load) and readable without
JavaScript."""

import pytest

from integritas.commitment.models import Declaration

from .axe import serious as _serious

pytestmark = pytest.mark.django_db(transaction=True)
MAX_BYTES = 300 * 1024


@pytest.fixture
def demo_world(settings):
    from integritas.portal import demo

    demo.build(employees_per_unit=2)
    return Declaration.objects.filter(scope=Declaration.Scope.UNIT).order_by("pk").first()


def _public_paths(declaration):
    return [
        "/publik/",
        "/publik/unit/",
        f"/publik/unit/{declaration.unit_id}/",
        "/publik/survei/",
        "/publik/pengaduan/",
    ]


def test_public_pages_on_a_phone_are_accessible_and_light(
    phone_page, live_server, demo_world, shot
):
    responses = []
    phone_page.on("response", lambda r: responses.append(r))
    for path in _public_paths(demo_world):
        responses.clear()
        phone_page.goto(live_server.url + path, wait_until="load")
        weight = sum(len(r.body()) for r in responses if r.status < 300)
        assert weight < MAX_BYTES, f"{path} weighs {weight} bytes on first load"
        assert phone_page.locator("h1").count() == 1
        problems = _serious(phone_page)
        assert not problems, f"{path}: {problems}"
        # Nothing wider than the phone: no sideways scrolling of the whole page.
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360 + 1, f"{path} is {width}px wide on a 360px phone"
        shot(phone_page, "public" + path.strip("/").replace("/", "-").replace("publik", ""))


def test_public_pages_read_without_javascript(_browser, live_server, demo_world):
    context = _browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 780}
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/publik/unit/{demo_world.unit_id}/")
        assert page.locator("h1").inner_text().strip() == demo_world.unit.name
        assert page.get_by_text("Piagam pencanangan").is_visible()
        assert page.locator("table caption").first.is_visible()
        page.goto(f"{live_server.url}/publik/unit/")
        assert page.locator("tbody tr").count() >= 1
    finally:
        context.close()


def test_the_dashboard_is_accessible_with_its_charts(
    page, live_server, demo_world, login, shot, settings
):
    login(page, "walikota", settings.INTEGRITAS_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/dasbor/")
    assert page.locator("#dashboard tbody tr").count() > 10
    assert page.locator(".chart svg").count() >= 3
    page.select_option("#jenis", "urban_village")
    with page.expect_navigation():
        page.get_by_role("button", name="Tampilkan").click()
    assert "jenis=urban_village" in page.url, page.url
    assert all("Kelurahan" in t for t in page.locator("#dashboard tbody th a").all_inner_texts())
    page.goto(f"{live_server.url}/dasbor/")
    problems = _serious(page)  # the whole page, the staff menu bar included
    assert not problems, problems
    shot(page, "dashboard")
