"""Upload points: every place a user's file enters the private store, driven by its service.

Each point uploads one file the way its view does and returns the stored instance, its field,
the download URL (or None when the file has no download of its own) and a user allowed to read
it. A new file field without an entry here fails ``test_every_file_field_has_an_upload_point``.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import reverse

YEAR = 2025
DAY = date(2025, 3, 3)


@dataclass
class Uploaded:
    instance: Any
    field: str
    url: str | None
    reader: Any


def pact_signing(world, upload):
    from integritas.commitment import services

    signing = services.pacts_mass_sign(
        unit=world.unit_a, signed_on=DAY, occasion="mass_signing",
        employees=[world.staff_a.employee], document=upload, by=world.head_a,
    )  # fmt: skip
    return Uploaded(
        signing, "document", reverse("commitment:signing_document", args=[signing.pk]), world.admin
    )


def integrity_pact(world, upload):
    from integritas.commitment import services

    pact = services.pact_record(
        employee=world.staff_a.employee, signed_on=DAY, occasion="mass_signing", document=upload,
        by=world.head_a,
    )  # fmt: skip
    return Uploaded(
        pact, "document", reverse("commitment:pact_document", args=[pact.pk]), world.admin
    )


def publication_photo(world, upload):
    from integritas.commitment import services

    declaration = services.city_declaration_create(
        declared_on=DAY, place="Balai Kota", head_name="Wali Kota", head_position="Wali Kota Kupang",
        by=world.admin,
    )  # fmt: skip
    publication = services.publication_add(
        declaration=declaration, kind="photo", caption="Apel", photo=upload, by=world.admin
    )
    url = reverse("commitment:publication_photo", args=[publication.pk])
    return Uploaded(publication, "photo", url, None)


def designation_decree(world, upload):
    from integritas.commitment import services
    from integritas.commitment.models import DesignationDecree

    decree = DesignationDecree(number="188.45/1/2025", decree_date=DAY, year=YEAR)
    services.decree_save(decree=decree, file=upload, by=world.admin)
    return Uploaded(
        decree, "file", reverse("commitment:decree_file", args=[decree.pk]), world.staff_b
    )


def institution_logo(world, upload):
    from integritas.organization import services

    institution = world.institution
    institution.logo = upload
    services.institution_save(institution=institution, by=world.admin)
    return Uploaded(institution, "logo", None, world.admin)


def unit_logo(world, upload):
    from integritas.organization import services

    unit = world.unit_a
    unit.logo = upload
    services.unit_save(unit=unit, by=world.admin)
    return Uploaded(unit, "logo", reverse("organization:unit_logo", args=[unit.pk]), world.staff_a)


def team_decree(world, upload):
    from integritas.organization import services
    from integritas.organization.models import Team

    team = Team(
        kind=Team.Kind.TIM_KERJA, unit=world.unit_a, name="Tim Kerja ZI", decree_number="800/1",
        decree_date=DAY, period_start=DAY, decree_file=upload,
    )  # fmt: skip
    services.team_save(team=team, by=world.head_a)
    url = reverse("organization:team_decree", args=[team.pk])
    return Uploaded(team, "decree_file", url, world.staff_a)


def work_plan_decree(world, upload):
    from integritas.planning import services

    plan = services.work_plan_save(
        unit=world.unit_a, year=YEAR, decree_number="800/2", decree_date=DAY,
        socialisation="Apel pagi", targets={}, decree_file=upload, by=world.head_a,
    )  # fmt: skip
    url = reverse("planning:work_plan_decree_file", args=[world.unit_a.pk, YEAR])
    return Uploaded(plan, "decree_file", url, world.staff_a)


def report_evidence(world, upload):
    from integritas.planning import services
    from integritas.planning.models import ActionPlan, MonthlyReport

    plan = ActionPlan.objects.create(unit=world.unit_a, year=YEAR)
    report = MonthlyReport.objects.create(plan=plan, month=3)
    evidence = services.monthly_report_evidence_add(report=report, file=upload, by=world.kerja_a)
    url = reverse("planning:report_evidence_file", args=[evidence.pk])
    return Uploaded(evidence, "file", url, world.staff_a)


def innovation_evidence(world, upload):
    from integritas.planning import services
    from integritas.planning.models import Innovation

    innovation = Innovation(
        unit=world.unit_a, name="Antrean daring", problem="Antrean", change="Nomor lewat WA",
        started_on=DAY,
    )  # fmt: skip
    services.innovation_save(innovation=innovation, evidence=upload, by=world.kerja_a)
    url = reverse("planning:innovation_evidence", args=[innovation.pk])
    return Uploaded(innovation, "evidence_file", url, world.staff_a)


def evaluation_evidence(world, upload):
    from integritas.evaluation import services
    from integritas.evaluation.models import EvidenceDocument

    document = EvidenceDocument.objects.create(unit=world.unit_a, title="SK Tim")
    revision = services.evidence_revise(document=document, upload=upload, by=world.kerja_a)
    url = reverse("evaluation:evidence_download", args=[revision.pk])
    return Uploaded(revision, "file", url, world.staff_a)


def institution_fact(field):
    def upload_point(world, upload):
        from integritas.predicates import services

        facts = services.institution_facts_save(
            institution=world.institution, year=YEAR, values={}, files={field: upload},
            by=world.admin,
        )  # fmt: skip
        return Uploaded(facts, field, None, world.admin)

    return upload_point


def _recommendation(world, **fields):
    from django.utils import timezone

    from integritas.evaluation.models import Assessment, FrameworkVersion
    from integritas.predicates.models import Recommendation

    framework = FrameworkVersion.objects.create(
        code="lke-uji", version=1, title="LKE uji", sha256="0" * 64, data={}
    )
    assessment = Assessment.objects.create(unit=world.unit_a, year=YEAR, framework=framework)
    return Recommendation.objects.create(
        unit=world.unit_a, year=YEAR, assessment=assessment, level="wbk", outcome="proposed",
        total=90, recommended_by=world.admin, recommended_at=timezone.now(),
        check_result={"ok": True}, verdicts={"ok": True}, **fields,
    )  # fmt: skip


def predicate_decision_scan(world, upload):
    from integritas.predicates import services

    proposal = services.decision_record_paper(
        recommendation=_recommendation(world), approve=True, scan=upload, by=world.admin
    )
    url = reverse("predicates:scan", args=["keputusan-walikota", proposal.pk])
    return Uploaded(proposal, "decision_scan", url, world.staff_a)


def predicate_decree_scan(world, upload):
    from integritas.predicates import services

    predicate = services.tpn_result_record(
        recommendation=_recommendation(world, decision="approved"), granted=True,
        decree_number="B/100/M.PANRB/2025", granted_on=DAY, scan=upload, by=world.admin,
    )  # fmt: skip
    url = reverse("predicates:scan", args=["kepmenpanrb", predicate.pk])
    return Uploaded(predicate, "decree_scan", url, world.staff_a)


def predicate_revocation_scan(world, upload):
    from integritas.predicates import services
    from integritas.predicates.models import Predicate

    predicate = Predicate.objects.create(
        unit=world.unit_a,
        level="wbk",
        granted_on=DAY,
        decree_number="B/100/M.PANRB/2025",
        recorded_by=world.admin,
    )
    predicate = services.revocation_record(
        predicate=predicate, tpn_note="Tidak lagi memenuhi syarat", tpn_on=date(2025, 6, 2),
        revoked_on=date(2025, 6, 3), number="B/200/M.PANRB/2025", scan=upload, by=world.admin,
    )  # fmt: skip
    url = reverse("predicates:scan", args=["pencabutan", predicate.pk])
    return Uploaded(predicate, "revocation_scan", url, world.staff_a)


def complaint_attachment(world, upload):
    from integritas.complaints import services

    complaint, _code = services.complaint_record(
        channel="letter", unit=world.unit_a, what="Pungutan di loket", uploads=[upload],
        by=world.admin,
    )  # fmt: skip
    attachment = complaint.attachments.get()
    url = reverse("complaints:download", args=[complaint.pk, attachment.pk])
    return Uploaded(attachment, "file", url, world.admin)


def issued_signed_scan(world, upload):
    from integritas.documents import services
    from integritas.documents.models import IssuedDocument

    document = IssuedDocument.objects.create(
        type_code="piagam", object_id=1, unit=world.unit_a, year=YEAR, data_sha256="0" * 64,
        created_by=world.admin, state=IssuedDocument.State.FINAL,
    )  # fmt: skip
    document = services.document_sign(document=document, upload=upload, by=world.admin)
    url = reverse("documents:issued_file", args=[document.pk, "signed"])
    return Uploaded(document, "signed_file", url, world.admin)


def document_template(world, upload):
    from integritas.documents import catalogue, services

    template = services.template_upload(
        doc_type=catalogue.get("piagam"), upload=upload, by=world.admin
    )
    return Uploaded(template, "file", None, world.admin)


# Files the product renders itself (a finalised document's .docx and PDF): no user uploads
# them, and they are served by the same guarded function as every upload.
GENERATED = {
    ("documents", "issueddocument", "docx_file"),
    ("documents", "issueddocument", "pdf_file"),
}

# Uploads whose raw bytes are never downloaded (a Word template is only ever rendered into a
# preview or a document): the attacks at upload apply, the download checks do not.
NOT_SERVED = {("documents", "documenttemplate", "file")}

UPLOAD_POINTS = {
    ("commitment", "pactsigning", "document"): pact_signing,
    ("commitment", "integritypact", "document"): integrity_pact,
    ("commitment", "declarationpublication", "photo"): publication_photo,
    ("commitment", "designationdecree", "file"): designation_decree,
    ("organization", "institution", "logo"): institution_logo,
    ("organization", "unit", "logo"): unit_logo,
    ("organization", "team", "decree_file"): team_decree,
    ("planning", "workplan", "decree_file"): work_plan_decree,
    ("planning", "reportevidence", "file"): report_evidence,
    ("planning", "innovation", "evidence_file"): innovation_evidence,
    ("evaluation", "evidencerevision", "file"): evaluation_evidence,
    ("predicates", "institutionfacts", "opini_file"): institution_fact("opini_file"),
    ("predicates", "institutionfacts", "sakip_file"): institution_fact("sakip_file"),
    ("predicates", "institutionfacts", "indeks_rb_file"): institution_fact("indeks_rb_file"),
    ("predicates", "institutionfacts", "spip_file"): institution_fact("spip_file"),
    ("predicates", "recommendation", "decision_scan"): predicate_decision_scan,
    ("predicates", "predicate", "decree_scan"): predicate_decree_scan,
    ("predicates", "predicate", "revocation_scan"): predicate_revocation_scan,
    ("complaints", "attachment", "file"): complaint_attachment,
    ("documents", "issueddocument", "signed_file"): issued_signed_scan,
    ("documents", "documenttemplate", "file"): document_template,
}
