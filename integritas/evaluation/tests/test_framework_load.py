"""framework_load: a worksheet file stored once; a published version never changes (A.1)."""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from pathlib import Path

import pytest

from integritas.audit.models import AuditRecord
from integritas.evaluation import engine, services
from integritas.evaluation.models import FrameworkVersion

pytestmark = pytest.mark.django_db

SOURCE = Path(engine.published_frameworks()[0].source)


def test_it_stores_the_packaged_worksheet_with_its_content_hash(db):
    version = services.framework_load(path=SOURCE)
    assert (version.code, version.version, version.published) == ("lke-zi-2021", 1, True)
    assert len(version.sha256) == 64
    assert version.data["code"] == "lke-zi-2021"
    assert AuditRecord.objects.filter(action="lke.versi_dimuat").count() == 1


def test_loading_the_same_file_again_changes_nothing(db):
    first = services.framework_load(path=SOURCE)
    again = services.framework_load(path=SOURCE)
    assert again.pk == first.pk
    assert FrameworkVersion.objects.count() == 1
    assert AuditRecord.objects.filter(action__startswith="lke.versi").count() == 1


def test_a_published_version_with_other_content_is_refused(db, tmp_path):
    services.framework_load(path=SOURCE)
    changed = tmp_path / "lke.yaml"
    changed.write_text(
        SOURCE.read_text(encoding="utf-8").replace(
            "title: Lembar Kerja Evaluasi", "title: Lembar Kerja Evaluasi (diubah)", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(services.FrameworkConflict, match="sudah diterbitkan"):
        services.framework_load(path=changed)
    assert "(diubah)" not in FrameworkVersion.objects.get().title


def test_an_unpublished_version_may_be_replaced(db, tmp_path):
    draft = tmp_path / "draft.yaml"
    text = SOURCE.read_text(encoding="utf-8").replace("published: true", "published: false", 1)
    draft.write_text(text, encoding="utf-8")
    first = services.framework_load(path=draft)
    draft.write_text(text.replace("title: Lembar", "title: Konsep Lembar", 1), encoding="utf-8")
    second = services.framework_load(path=draft)
    assert second.pk == first.pk and second.title.startswith("Konsep")
    assert not second.published


def test_an_invalid_file_is_refused_with_its_problems(db, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("code: x\nversion: 0\n", encoding="utf-8")
    with pytest.raises(engine.FrameworkError):
        services.framework_load(path=broken)
    assert not FrameworkVersion.objects.exists()
