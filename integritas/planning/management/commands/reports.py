"""`integritas reports overdue [--today YYYY-MM-DD] [--email]`: monthly reports past their due day."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from integritas.planning import selectors, services


class Command(BaseCommand):
    help = "Monthly action-plan reports (Pasal 12 ayat 4): list, and optionally e-mail, the overdue ones."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        overdue = sub.add_parser("overdue", help="list reports past their due day")
        overdue.add_argument("--today", help="the date to check on (YYYY-MM-DD); default today")
        overdue.add_argument(
            "--email",
            action="store_true",
            help="e-mail the unit head, the Tim Kerja and the Tim Pendamping of each late unit",
        )

    def handle(self, *args, **options):
        if options["action"] != "overdue":
            raise CommandError(f"unknown action {options['action']!r}")
        today = timezone.localdate()
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(f"--today must be YYYY-MM-DD, not {options['today']!r}") from exc
        items = selectors.overdue_reports(today)
        due_day = selectors.due_day()
        self.stdout.write(
            f"Laporan bulanan terlambat per {today.isoformat()} "
            f"(batas tanggal {due_day} bulan berikutnya): {len(items)}"
        )
        for item in items:
            state = "konsep belum diajukan" if item.report_id else "belum dibuat"
            self.stdout.write(
                f"{item.unit.code}\tB{item.month:02d}/{item.plan.year}\t"
                f"batas {item.due.isoformat()}\t{state}"
            )
        if options["email"]:
            sent = services.overdue_notify(items=items)
            self.stdout.write(f"Surel terkirim ke {sent} unit.")
