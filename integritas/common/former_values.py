"""Stored choice values renamed from Indonesian to English: model → field → old → new.

The data migrations rewrote the rows; the audit trail keeps the old values (they are hashed into
the chain), so the audit log reads them through this map. Plain data, no Django import.
"""

from __future__ import annotations

from collections.abc import Mapping

FORMER_VALUES: Mapping[str, Mapping[str, Mapping[str, str]]] = {
    "accounts.roleassignment": {
        "role": {
            "pimpinan": "leadership",
            "pendamping": "mentor",
            "tim_kerja": "work_team",
        },
    },
    "commitment.declarationwitness": {
        "role": {
            "inspektorat": "inspectorate",
            "tim_zi": "zi_team",
            "masyarakat": "public",
        },
    },
    "commitment.integritypact": {
        "occasion": {
            "pelantikan_cpns": "cpns_inauguration",
            "mutasi": "transfer",
            "massal": "mass_signing",
            "lainnya": "other",
        },
    },
    "commitment.pactsigning": {
        "occasion": {
            "pelantikan_cpns": "cpns_inauguration",
            "mutasi": "transfer",
            "massal": "mass_signing",
            "lainnya": "other",
        },
    },
    "complaints.complaint": {
        "channel": {
            "surat": "letter",
            "telepon": "telephone",
            "datang": "walk_in",
            "kotak": "box",
        },
        "kind": {
            "penundaan": "undue_delay",
            "tidak_melayani": "failure_to_serve",
            "tidak_kompeten": "incompetence",
            "wewenang": "abuse_of_authority",
            "prosedur": "procedural_deviation",
            "imbalan": "solicitation",
            "tidak_patut": "impropriety",
            "berpihak": "partiality",
            "diskriminasi": "discrimination",
            "konflik": "conflict_of_interest",
            "kualitas": "service_quality",
            "informasi": "information_request",
            "saran": "suggestion",
            "belum": "unclassified",
        },
        "status": {
            "diterima": "received",
            "identifikasi": "identification",
            "klarifikasi": "clarification",
            "pemantauan": "monitoring",
            "ditindaklanjuti": "in_progress",
            "selesai": "closed",
        },
        "outcome": {
            "selesai": "resolved",
            "tidak_terbukti": "not_grounded",
            "bukan_kewenangan": "out_of_scope",
            "ganda": "duplicate",
        },
        "severity": {
            "ringan": "minor",
            "normatif": "normative",
            "tidak_berkadar": "non_supervisory",
            "berkadar": "supervisory",
        },
    },
    "complaints.extraholiday": {
        "kind": {
            "cuti_bersama": "collective_leave",
            "lokal": "local",
        },
    },
    "complaints.message": {
        "direction": {
            "masuk": "from_complainant",
            "jawaban": "to_complainant",
            "klarifikasi": "to_unit",
            "jawaban_unit": "from_unit",
            "catatan": "note",
        },
    },
    "complaints.timelimit": {
        "key": {
            "ringan": "minor",
            "normatif": "normative",
            "tidak_berkadar": "non_supervisory",
            "berkadar": "supervisory",
        },
    },
    "documents.issueddocument": {
        "state": {
            "draf": "draft",
            "ditandatangani": "signed",
            "dibatalkan": "cancelled",
        },
    },
    "documents.letternumber": {
        "status": {
            "aktif": "active",
            "dibatalkan": "cancelled",
        },
    },
    "organization.team": {
        "kind": {
            "tim_kerja": "work_team",
            "pendamping": "mentoring",
        },
    },
    "organization.teammember": {
        "role": {
            "pengarah": "adviser",
            "ketua": "chair",
            "wakil": "vice_chair",
            "sekretaris": "secretary",
            "koordinator": "coordinator",
            "anggota": "member",
        },
    },
    "organization.unit": {
        "type": {
            "sekretariat": "secretariat",
            "inspektorat": "inspectorate",
            "dinas": "department",
            "badan": "agency",
            "kecamatan": "district",
            "kelurahan": "urban_village",
            "bagian": "section",
            "sekolah": "school",
            "lainnya": "other",
        },
    },
    "planning.actionrow": {
        "budget_source": {
            "lainnya": "other",
        },
    },
    "planning.mentoringentry": {
        "kind": {
            "konsultasi": "consultation",
            "asistensi": "assistance",
            "pemantauan": "monitoring",
        },
    },
    "predicates.recommendation": {
        "outcome": {
            "diusulkan": "proposed",
            "perbaikan": "improve",
        },
    },
    "surveys.response": {
        "channel": {
            "publik": "public",
            "kertas": "paper",
        },
        "status": {
            "ditahan": "held",
            "diterima": "accepted",
            "ditolak": "rejected",
        },
    },
    "surveys.surveywave": {
        "status": {
            "draf": "draft",
            "dibuka": "open",
            "ditutup": "closed",
        },
        "period_type": {
            "triwulan": "quarter",
            "tahun": "year",
        },
        "access_mode": {
            "kode": "code",
            "tautan": "link",
        },
    },
}
