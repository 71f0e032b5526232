"""Demo LKE data: the worksheet published, a draft at DUKCAPIL, a final assessment at DPMPTSP."""

import random
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from integritas.accounts.models import User
from integritas.evaluation import engine, selectors, services
from integritas.evaluation.models import Assessment

# Skewed towards good answers, as units that build ZI usually report.
WEIGHTS = {0: 6, 1: 3, 2: 2, 3: 1, 4: 1}


def demo_pdf(title: str) -> bytes:
    """A small valid one-page PDF with a title line (no external tool needed)."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")[:80]
    stream = f"BT /F1 14 Tf 56 780 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _pick(rng: random.Random, question: engine.Question) -> dict[str, Any]:
    if question.is_percent:
        if question.inputs and question.formula and question.formula.name == "ratio":
            denominator = rng.randint(8, 40)
            values = {i.code: denominator for i in question.inputs}
            values[question.formula.numerator] = rng.randint(denominator * 6 // 10, denominator)
            return {"inputs": values}
        return {"percent": Decimal(rng.choice([60, 75, 80, 90, 100]))}
    options = question.options
    index = rng.choices(range(len(options)), [WEIGHTS.get(i, 1) for i in range(len(options))])[0]
    return {"option_label": options[index].label}


def _evidence(assessment: Assessment, code: str, title: str, by: User) -> None:
    upload = SimpleUploadedFile(f"{title}.pdf", demo_pdf(title), content_type="application/pdf")
    services.evidence_upload(
        assessment=assessment, item_code=code, files=[upload], title=title, by=by
    )


@transaction.atomic
def seed(world: dict[str, Any]) -> None:
    """Publish the LKE; DUKCAPIL ~70 % answered (draft), DPMPTSP final after TPI review."""
    users, units = world["users"], world["units"]
    framework_version = services.framework_load(
        path=engine.published_frameworks()[0].source, by=users["admin.org"]
    )
    year = timezone.localdate().year
    dukcapil, dpmptsp = units["DUKCAPIL"], units["DPMPTSP"]
    if Assessment.objects.filter(unit__in=[dukcapil, dpmptsp], year=year).exists():
        return
    for unit in (dukcapil, dpmptsp):
        services.reviewer_assign(
            unit=unit, year=year, user=users["tpi.ketua"], is_ketua=True, by=users["admin.org"]
        )
        services.reviewer_assign(
            unit=unit, year=year, user=users["tpi.anggota"], by=users["admin.org"]
        )
    framework = selectors.engine_framework(framework_version)
    rng = random.Random(2025)

    kerja = users["timkerja.dukcapil"]
    draft = services.assessment_create(unit=dukcapil, year=year, by=kerja)
    for question in framework.questions:
        if rng.random() < 0.7:
            services.answer_save(
                assessment=draft, question_code=question.code, by=kerja, **_pick(rng, question)
            )
    services.hasil_save(
        assessment=draft,
        by=kerja,
        ipak_index=Decimal("3.42"),
        ipkp_index=Decimal("3.55"),
        capaian_kinerja="B",
        tlhp_percent=Decimal("85"),
        note="IPAK/IPKP dari survei mandiri triwulan I; TLHP dari LHP Inspektorat.",
    )
    _evidence(draft, "P1.i.a", "SK Tim Kerja Pembangunan ZI Dukcapil", kerja)
    _evidence(draft, "P1.ii.a", "Rencana Kerja Pembangunan ZI Dukcapil", kerja)

    kerja_b = users["timkerja.dpmptsp"]
    final = services.assessment_create(unit=dpmptsp, year=year, by=kerja_b)
    for question in framework.questions:
        services.answer_save(
            assessment=final, question_code=question.code, by=kerja_b, **_pick(rng, question)
        )
    services.hasil_save(
        assessment=final,
        by=kerja_b,
        ipak_index=Decimal("3.71"),
        ipkp_index=Decimal("3.70"),
        capaian_kinerja="B",
        tlhp_percent=Decimal("100"),
    )
    _evidence(final, "P1.i.a", "SK Tim Kerja Pembangunan ZI DPMPTSP", kerja_b)
    services.assessment_submit(assessment=final, by=users["kadis.dpmptsp"])
    data = selectors.assessment_data(final, with_links=False)
    anggota, ketua = users["tpi.anggota"], users["tpi.ketua"]
    for index, question in enumerate(framework.questions):
        row = data.answers[question.code]
        kwargs: dict[str, Any]
        if question.is_percent:
            kwargs = {"inputs": row.inputs} if row.inputs else {"percent": row.percent}
        else:
            label = row.option_label
            # The TPI marks every seventh answer one option lower than the unit did.
            labels = [o.label for o in question.options]
            if index % 7 == 3 and labels.index(label) + 1 < len(labels):
                label = labels[labels.index(label) + 1]
            kwargs = {"option_label": label}
        reviewer = ketua if index % 2 else anggota
        services.review_save(
            assessment=final,
            question_code=question.code,
            by=reviewer,
            note="Data dukung sesuai." if index % 7 != 3 else "Bukti belum lengkap.",
            **kwargs,
        )
    services.assessment_finalise(assessment=final, by=ketua)
