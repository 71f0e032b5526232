"""Two-step imports: keep an uploaded file between its preview and its commit.

Step 1 checks the upload and, when it is clean, `stage()`s it; step 2 `load()`s the very same
bytes, checks them again and writes; `discard()` forgets them. The file is bound to the user's
session and to an unguessable token (the preview's commit form posts it back, so a second
preview in another tab cannot be committed by the first one's button), its size and SHA-256 are
recorded at staging and checked at loading, and its stored name reveals nothing.
"""

import contextlib
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

SESSION_KEY = "staged_imports"
FOLDER = "imports"
TOKEN_FIELD = "import_token"  # noqa: S105 - a form field name, not a secret
# A preview left without a commit is forgotten after this long.
STALE_AFTER = timedelta(days=1)


class StagingError(ValueError):
    pass


@dataclass(frozen=True)
class Staged:
    token: str
    data: bytes
    meta: dict[str, Any]


def _slots(request) -> dict[str, dict[str, Any]]:
    return request.session.get(SESSION_KEY, {})


def _limit(max_bytes: int | None) -> int:
    return max_bytes or settings.UPLOAD_MAX_BYTES


def stage(
    request,
    *,
    purpose: str,
    data: bytes,
    meta: dict[str, Any] | None = None,
    max_bytes: int | None = None,
) -> str:
    """Keep `data` for this session's `purpose` (replacing an earlier one); return its token."""
    if not data or len(data) > _limit(max_bytes):
        raise StagingError(_("Berkas impor kosong atau terlalu besar."))
    discard(request, purpose=purpose)
    sweep()
    token = secrets.token_urlsafe(32)
    name = default_storage.save(f"{FOLDER}/{secrets.token_hex(16)}.bin", ContentFile(data))
    slots = _slots(request)
    slots[purpose] = {
        "token": token,
        "name": name,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "user": request.user.pk,
        "meta": meta or {},
    }
    request.session[SESSION_KEY] = slots
    return token


def load(
    request, *, purpose: str, token: str | None = None, max_bytes: int | None = None
) -> Staged | None:
    """The bytes staged for `purpose` in this session, or None when there are none any more.

    A posted `token` must be the staged one; the size and hash must be those recorded.
    """
    slot = _slots(request).get(purpose)
    if not slot or slot.get("user") != request.user.pk:
        return None
    if token is not None and not constant_time_compare(token, slot["token"]):
        return None
    if slot["size"] > _limit(max_bytes):
        return None
    try:
        if default_storage.size(slot["name"]) != slot["size"]:
            return None
        with default_storage.open(slot["name"], "rb") as handle:
            data = handle.read(slot["size"] + 1)
    except (FileNotFoundError, OSError):
        return None
    if len(data) != slot["size"] or hashlib.sha256(data).hexdigest() != slot["sha256"]:
        return None
    return Staged(token=slot["token"], data=data, meta=dict(slot["meta"]))


def discard(request, *, purpose: str) -> None:
    """Forget what is staged for `purpose` and delete its file."""
    slots = _slots(request)
    slot = slots.pop(purpose, None)
    if slot is None:
        return
    request.session[SESSION_KEY] = slots
    with contextlib.suppress(OSError):
        default_storage.delete(slot["name"])


def sweep(*, older_than: timedelta = STALE_AFTER) -> int:
    """Delete staged files of previews nobody committed; return how many went."""
    try:
        _dirs, names = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    cutoff = timezone.now() - older_than
    removed = 0
    for name in names:
        path = f"{FOLDER}/{name}"
        with contextlib.suppress(OSError):
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
    return removed
