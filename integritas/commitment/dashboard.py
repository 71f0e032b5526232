"""The commitment columns of the pimpinan dashboard: pacts, declaration, designation (Pasal 5–8).

Five queries whatever the number of units.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from integritas.commitment import rules, selectors
from integritas.common.dashboard import Cell, Column, DashboardPart, StageState, UnitFacts
from integritas.common.formatting import angka, tanggal


def part(*, year: int, unit_ids: Sequence[int], today: date) -> DashboardPart:
    """Pasal 6 (pact gate), Pasal 7 (declaration) and Pasal 8 (designation) for many units."""
    coverage = selectors.coverage_by_unit(unit_ids)
    declared = selectors.declarations_by_unit(unit_ids)
    designated = selectors.designations_by_unit(year, unit_ids)
    min_share = selectors.min_pact_share()
    units = {}
    for unit_id in unit_ids:
        cov = coverage[unit_id]
        gate = rules.declaration_gate(cov, min_share)
        declaration = declared.get(unit_id)
        pact_text = _("%(s)d/%(t)d (%(p)s %%)") % {
            "s": cov.signed, "t": cov.total, "p": angka(cov.percent, 2)
        }  # fmt: skip
        if not cov.has_head:
            pact_detail = _("kepala unit belum tercatat")
        elif not cov.head_signed:
            pact_detail = _("kepala unit belum menandatangani pakta integritas")
        else:
            pact_detail = _("%(m)d pegawai belum menandatangani pakta integritas") % {
                "m": cov.missing
            }
        units[unit_id] = UnitFacts(
            stages=(
                StageState("pact", gate.allowed, cov.signed > 0, pact_detail),
                StageState(
                    "declaration",
                    declaration is not None,
                    gate.allowed,
                    _("belum mencanangkan pembangunan zona integritas"),
                ),
                StageState(
                    "designation",
                    unit_id in designated,
                    False,
                    _("belum ditetapkan sebagai unit pembangunan ZI tahun %(y)d") % {"y": year},
                ),
            ),
            cells={
                "pact": Cell(pact_text, cov.percent, tone="" if gate.allowed else "warning"),
                "declared_on": Cell(
                    tanggal(declaration.declared_on) if declaration else _("belum"),
                ),
                "designated": Cell(_("ditetapkan") if unit_id in designated else _("belum")),
            },
        )
    return DashboardPart(
        columns=(
            Column("pact", _("Pakta integritas")),
            Column("declared_on", _("Pencanangan")),
            Column("designated", _("Penetapan %(y)d") % {"y": year}),
        ),
        units=units,
    )
