"""The predicates pages as users see them: Indonesian text, the numbers, the import preview."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integritas.predicates.models import ReportingDuty

from .conftest import YEAR, make_final, record_facts


def test_the_tpi_sees_the_candidates_the_deadline_warning_and_can_recommend(
    world, client_for, framework, clock
):
    record_facts(world, world.unit_a)
    make_final(world.unit_a, framework)
    make_final(world.unit_b, framework, strong=False)
    body = (
        client_for(world.tpi)
        .get(reverse("predicates:overview") + f"?tahun={YEAR}")
        .content.decode()
    )
    assert "Batas pengusulan ke TPN: 31 Mei 2026 (11 hari lagi)" in body
    assert body.index(world.unit_a.name) < body.index(world.unit_b.name)  # ranked by total
    assert "Rekomendasikan" in body
    assert "Prediksi penilaian TPN" in body
    detail = (
        client_for(world.tpi)
        .get(reverse("predicates:unit_detail", args=[world.unit_b.pk, YEAR]))
        .content.decode()
    )
    assert (
        "afirmasi Stranas PK" in detail or "boleh diusulkan; syarat masih dalam pemenuhan" in detail
    )
    assert "Catat rekomendasi" in detail
    # the TPI member who works in unit A is not offered the action on unit A
    own = (
        client_for(world.tpi_in_a)
        .get(reverse("predicates:unit_detail", args=[world.unit_a.pk, YEAR]))
        .content.decode()
    )
    assert "Catat rekomendasi" not in own


def test_the_import_preview_lists_every_bad_row_and_writes_nothing(world, client_for, clock):
    client = client_for(world.admin)
    csv = "nip,sudah_lapor\n123,ya\n" + f"{world.staff_a.employee.nip},mungkin\n"
    upload = SimpleUploadedFile("lhkpn.csv", csv.encode(), content_type="text/csv")
    response = client.post(
        reverse("predicates:duties_import", args=[YEAR]), {"kind": "lhkpn", "file": upload}
    )
    body = response.content.decode()
    assert "4 masalah; tidak ada yang disimpan." in body
    assert "NIP harus 18 digit" in body
    assert "Isi &#x27;ya&#x27; atau &#x27;tidak&#x27;, bukan &#x27;mungkin&#x27;." in body
    assert ReportingDuty.objects.count() == 0
    good = f"nip,sudah_lapor\n{world.staff_a.employee.nip},ya\n{world.head_a.employee.nip},tidak\n"
    upload = SimpleUploadedFile("lhkpn.csv", good.encode(), content_type="text/csv")
    body = client.post(
        reverse("predicates:duties_import", args=[YEAR]), {"kind": "lhkpn", "file": upload}
    ).content.decode()
    assert "Siap disimpan: 2 baris baru, 0 baris diperbarui." in body
    assert ReportingDuty.objects.count() == 0
    response = client.post(reverse("predicates:duties_import_commit", args=[YEAR]), follow=True)
    assert ReportingDuty.objects.count() == 2
    assert "50,00" in response.content.decode()
