"""Every URL of the product, whatever app adds it: signed-out visitors reach only the pages
declared public, and no address answers 500 to a missing object or a user without rights.

A new view is covered here the moment its URL exists; a new public view must be added to
PUBLIC below (and so be looked at) or it fails.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# View names a signed-out member of the public may open (Pasal 7 ayat 2: the public watches).
PUBLIC = {
    "accounts:login", "portal:healthz", "portal:public_home", "set_language",
    "survey_public:form", "survey_public:thanks", "survey_public:results",
    "complaints_public:intake", "complaints_public:track", "complaints_public:figures",
    "predicates:public", "commitment:public_declaration", "commitment:publication_photo",
    "portal:public_complaint_guide", "portal:public_survey_guide", "portal:public_unit",
    "portal:public_units",
}  # fmt: skip
KWARG_VALUES = {"int": 987654, "str": "X9", "slug": "x9", "path": "x9", "uuid": "0" * 32}


def _patterns(patterns=None, namespace=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if entry.namespace and namespace:
                ns = f"{namespace}:{entry.namespace}"
            yield from _patterns(entry.url_patterns, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, entry, prefix + str(entry.pattern)


def _url(name, route):
    kwargs = {}
    for converter, key in re.findall(r"<(?:(\w+):)?(\w+)>", route):
        kwargs[key] = KWARG_VALUES.get(converter or "str", "X9")
    try:
        return reverse(name, kwargs=kwargs)
    except Exception:  # a converter of its own (e.g. a token pattern): skip nothing silently
        pytest.fail(f"cannot build a URL for {name} ({route}); add its converter here")


ALL = sorted({name: (name, route) for name, _p, route in _patterns()}.values())


def test_the_public_list_is_exactly_the_views_marked_public():
    """A view opened to signed-out visitors (`login_not_required`) must be declared above."""
    marked = {
        name
        for name, pattern, _route in _patterns()
        if getattr(pattern.callback, "login_required", True) is False
    }
    assert marked - {"set_language"} == PUBLIC - {"set_language"}


@pytest.mark.parametrize(("name", "route"), ALL, ids=[n for n, _r in ALL])
def test_a_signed_out_visitor_reaches_only_public_pages(client, name, route):
    if route.startswith(("static/", "media/")) or name == "set_language":
        return
    response = client.get(_url(name, route))
    assert response.status_code < 500, f"{name}: HTTP {response.status_code}"
    if name in PUBLIC:
        return
    assert response.status_code == 302, f"{name} answers {response.status_code} without login"
    assert response["Location"].startswith(reverse("accounts:login")), name


@pytest.mark.parametrize(("name", "route"), ALL, ids=[n for n, _r in ALL])
def test_a_signed_in_user_without_rights_gets_no_500_and_no_other_units_data(
    world, client_for, name, route
):
    if route.startswith(("static/", "media/")) or name in ("set_language", "accounts:logout"):
        return
    client = client_for(world.staff_b)
    url = _url(name, route)
    for response in (client.get(url), client.post(url, {})):
        assert response.status_code < 500, f"{name}: HTTP {response.status_code}"
        if "987654" in url or "X9" in url or "x9" in url:
            # the object does not exist: "not there" and "not yours" look the same
            assert response.status_code in (302, 400, 403, 404, 405), (name, response.status_code)


def _matrices():
    from importlib import import_module
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for path in sorted(root.glob("integritas/*/tests/test_access_matrix.py")):
        yield import_module(".".join(path.relative_to(root).with_suffix("").parts))


def test_every_view_is_requested_by_an_access_matrix():
    """A new view without a row in its app's access matrix (tests/access.py) fails here."""
    covered = set()
    for module in _matrices():
        assert hasattr(module, "COVERED"), f"{module.__name__} declares no COVERED"
        covered |= module.COVERED
    unknown = covered - {name for name, _route in ALL}
    assert not unknown, f"matrices declare URL names that do not exist: {sorted(unknown)}"
    missing = [
        f"{name} ({route})"
        for name, route in ALL
        if name not in PUBLIC | covered | {"set_language"}
        and not route.startswith(("static/", "media/"))
    ]
    assert not missing, "URL names no access matrix requests:\n" + "\n".join(missing)


def test_the_unchanged_check_sees_a_changed_field_and_a_new_audit_record(world, unchanged):
    from integritas.audit.services import record

    with pytest.raises(AssertionError, match="organization.Unit"), unchanged():
        type(world.unit_a).objects.filter(pk=world.unit_a.pk).update(name="Diubah")
    with pytest.raises(AssertionError, match="audit"), unchanged():
        record(actor=world.admin, action="uji.catat", obj=world.unit_b, unit_id=world.unit_b.pk)
