from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from integritas.portal import reminders


class Command(BaseCommand):
    help = "Raise today's reminders and e-mail every user his or her unsent notifications."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the day to remind for (YYYY-MM-DD); default today")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today harus berupa tanggal YYYY-MM-DD, bukan {options['today']!r}."
                ) from None
        result = reminders.remind(today=today, base_url=getattr(settings, "SITE_URL", ""))
        self.stdout.write(
            f"{today.isoformat()}: {result.raised} pemberitahuan baru, {result.emails} surel dikirim."
        )
