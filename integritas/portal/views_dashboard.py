"""The pimpinan dashboard page and its export (Pasal 12 ayat 5, Pasal 19–20)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from integritas.accounts import access
from integritas.organization.models import Unit
from integritas.portal import charts, dashboard, dashboard_html, export


def _filters(request) -> dashboard.Filters:
    """Filters typed in the address bar: anything not understood falls back to 'all'."""
    today = timezone.localdate()
    value = request.GET.get("tahun", "")
    year = int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else today.year
    unit_type = request.GET.get("jenis", "")
    if unit_type not in Unit.Type.values:
        unit_type = ""
    kecamatan = request.GET.get("kecamatan", "")
    return dashboard.Filters(
        year=year,
        unit_type=unit_type,
        kecamatan_id=int(kecamatan) if kecamatan.isdigit() else None,
    )


def city_dashboard(request):
    """Which units are ready for WBK/WBBM this year, and what holds each of the others back."""
    access.require(access.can_read_city(request.user))
    filters = _filters(request)
    today = timezone.localdate()
    board = dashboard.build(filters, today)
    return render(
        request,
        "portal/dashboard.html",
        {
            "board": board,
            "rows_html": dashboard_html.rows_html(board) if board.rows else [],
            "filters": filters,
            "years": list(range(today.year + 1, today.year - 5, -1)),
            "unit_types": Unit.Type.choices,
            "kecamatan": dashboard.kecamatan_choices(),
            # Server-made SVG from numbers only: safe to inline (user text never reaches it).
            "charts": [(c, mark_safe(charts.svg(c))) for c in board.charts if c.series],  # noqa: S308
            "ready_count": sum(1 for r in board.rows if r.ready),
            "query": request.GET.urlencode(),
        },
    )


def city_dashboard_xlsx(request):
    """The dashboard as shown (same filters), as an .xlsx workbook."""
    access.require(access.can_read_city(request.user))
    filters = _filters(request)
    board = dashboard.build(filters, timezone.localdate())
    response = HttpResponse(
        export.workbook(board),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="dasbor-zi-{filters.year}.xlsx"'
    return response
