"""The two-step import store: bound to the session and its user, token- and hash-checked."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import RequestFactory, override_settings

from integritas.common import staging

pytestmark = pytest.mark.django_db


def _request(user_pk=1, session=None):
    request = RequestFactory().post("/")
    request.session = session if session is not None else SessionStore()
    request.user = SimpleNamespace(pk=user_pk)
    return request


def _stored_name(request, purpose="x"):
    return request.session[staging.SESSION_KEY][purpose]["name"]


def test_staged_bytes_load_back_with_their_meta_and_token():
    request = _request()
    token = staging.stage(request, purpose="x", data=b"isi berkas", meta={"kind": "units"})
    staged = staging.load(request, purpose="x", token=token)
    assert staged is not None
    assert (staged.data, staged.meta, staged.token) == (b"isi berkas", {"kind": "units"}, token)
    assert len(token) >= 40 and token not in _stored_name(request)


def test_a_wrong_token_or_another_purpose_loads_nothing():
    request = _request()
    staging.stage(request, purpose="x", data=b"isi")
    assert staging.load(request, purpose="x", token="tebakan") is None
    assert staging.load(request, purpose="y") is None


def test_the_slot_is_bound_to_the_user_that_staged_it():
    request = _request(user_pk=1)
    token = staging.stage(request, purpose="x", data=b"isi")
    other = _request(user_pk=2, session=request.session)
    assert staging.load(other, purpose="x", token=token) is None


def test_a_file_changed_on_disk_is_not_loaded():
    request = _request()
    token = staging.stage(request, purpose="x", data=b"isi asli")
    name = _stored_name(request)
    default_storage.delete(name)
    default_storage.save(name, ContentFile(b"isi lain"))
    assert staging.load(request, purpose="x", token=token) is None


def test_staging_again_replaces_and_deletes_the_earlier_file():
    request = _request()
    staging.stage(request, purpose="x", data=b"pertama")
    first = _stored_name(request)
    token = staging.stage(request, purpose="x", data=b"kedua")
    assert not default_storage.exists(first)
    assert staging.load(request, purpose="x", token=token).data == b"kedua"


def test_discard_forgets_the_slot_and_deletes_the_file():
    request = _request()
    staging.stage(request, purpose="x", data=b"isi")
    name = _stored_name(request)
    staging.discard(request, purpose="x")
    assert staging.load(request, purpose="x") is None and not default_storage.exists(name)
    staging.discard(request, purpose="x")  # nothing left: no error


@override_settings(UPLOAD_MAX_BYTES=10)
def test_an_oversize_or_empty_file_is_not_staged():
    request = _request()
    for data in (b"x" * 11, b""):
        with pytest.raises(staging.StagingError):
            staging.stage(request, purpose="x", data=data)
    assert staging.SESSION_KEY not in request.session


def test_files_of_abandoned_previews_are_swept_after_a_day():
    request = _request()
    staging.stage(request, purpose="x", data=b"lama")
    old = _stored_name(request)
    request.session = SessionStore()  # another session: the first preview is abandoned
    staging.sweep()
    assert default_storage.exists(old)
    later = default_storage.get_modified_time(old) + staging.STALE_AFTER + timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        staging.stage(request, purpose="x", data=b"baru")
    assert not default_storage.exists(old)
    assert staging.load(request, purpose="x").data == b"baru"
