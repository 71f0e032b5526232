from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date

from integritas.accounts import access
from integritas.audit.models import AuditRecord
from integritas.common.numbers import query_int
from integritas.planning import progress
from integritas.portal import attention, audit_display
from integritas.surveys import selectors as survey_selectors


def home(request):
    """Each role's landing page: what needs my attention."""
    return render(request, "portal/home.html", {"cards": attention.cards_for(request.user)})


@login_not_required
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def audit_log(request):
    """Administrators browse and filter the audit trail."""
    access.require(access.can_administer(request.user))
    records = AuditRecord.objects.select_related("actor").order_by("-id")
    filters = {
        "action": request.GET.get("tindakan", "").strip(),
        "actor": request.GET.get("pelaku", "").strip(),
        "object": request.GET.get("objek", "").strip(),
        "since": request.GET.get("dari", ""),
        "until": request.GET.get("sampai", ""),
    }
    if filters["action"]:
        records = records.filter(action__icontains=filters["action"])
    if filters["actor"]:
        records = records.filter(actor_label__icontains=filters["actor"])
    if filters["object"]:
        records = records.filter(object_repr__icontains=filters["object"])
    if since := _date(filters["since"]):
        records = records.filter(created_at__date__gte=since)
    if until := _date(filters["until"]):
        records = records.filter(created_at__date__lte=until)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    audit_display.decorate(list(page))
    return render(request, "portal/audit_log.html", {"page": page, "filters": filters})


def _date(value: str):
    """A filter date typed in the address bar: well-formed but impossible dates are ignored."""
    try:
        return parse_date(value)
    except ValueError:
        return None


def unit_progress(request, pk):
    """Pasal 9: the seven steps of building ZI in a unit, with their state and evidence."""
    unit = access.get_unit_for_user(request.user, pk)
    today = timezone.localdate()
    year = query_int(request.GET, "tahun", default=today.year, min_value=2000, max_value=2100)
    steps = progress.unit_progress(
        unit, year, today, surveys=survey_selectors.wave_facts(unit, year)
    )
    return render(
        request, "portal/unit_progress.html", {"unit": unit, "year": year, "steps": steps}
    )
