"""Production error pages: in Indonesian, in the product's layout, saying what to do, no traceback."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import include, path, reverse

import integritas.urls


def _boom(request):
    raise RuntimeError("kaboom secret detail")


def _forbidden(request):
    raise PermissionDenied


def _suspicious(request):
    raise SuspiciousOperation("bad")


urlpatterns = [
    path("uji/rusak/", _boom),
    path("uji/terlarang/", _forbidden),
    path("uji/aneh/", _suspicious),
    path("", include(integritas.urls.urlpatterns)),
]


def _assert_product_page(response, status, heading):
    assert response.status_code == status
    body = response.content.decode()
    assert 'id="error-page"' in body and heading in body
    assert "Yang dapat Anda lakukan" in body and "Ke beranda" in body
    assert "Integritas" in body and "navbar" in body  # the product's layout
    assert '<html lang="id">' in body
    for leak in ("Traceback", "kaboom", "Page not found", "Server Error", "Forbidden", "DEBUG"):
        assert leak not in body, leak
    return body


@pytest.fixture
def logged_in(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.kerja_a)
    return client


def test_debug_is_off_for_these_pages(settings):
    assert settings.DEBUG is False


def test_an_unknown_address_gets_the_404_page(logged_in):
    _assert_product_page(logged_in.get("/tidak-ada/"), 404, "Halaman tidak ditemukan")


def test_an_action_address_opened_directly_gets_the_405_page(logged_in):
    response = logged_in.get(reverse("planning:report_submit", args=[1]))
    body = _assert_product_page(response, 405, "Langkah ini dijalankan dari tombolnya")
    assert "Tidak ada data yang berubah" in body
    assert "POST" in response["Allow"]


@pytest.mark.urls(__name__)
def test_a_server_error_gets_the_500_page(logged_in):
    _assert_product_page(logged_in.get("/uji/rusak/"), 500, "Terjadi gangguan pada server")


@pytest.mark.urls(__name__)
def test_a_refusal_gets_the_403_page(logged_in):
    _assert_product_page(logged_in.get("/uji/terlarang/"), 403, "Akses ditolak")


@pytest.mark.urls(__name__)
def test_a_bad_request_gets_the_400_page(logged_in):
    _assert_product_page(logged_in.get("/uji/aneh/"), 400, "Permintaan tidak dapat dibaca")


def test_an_expired_form_gets_the_403_page_that_says_to_reload(db):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    body = _assert_product_page(response, 403, "Akses ditolak")
    assert "Muat ulang halaman formulir" in body
