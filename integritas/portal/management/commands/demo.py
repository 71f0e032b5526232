from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from integritas.portal import demo


class Command(BaseCommand):
    help = "Load the Kota Kupang demo data (refuses to run with DEBUG off)."

    def add_arguments(self, parser):
        parser.add_argument("--employees-per-unit", type=int, default=8)

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo data is for development only: set DEBUG=true to load it.")
        world = demo.build(employees_per_unit=options["employees_per_unit"])
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(world['units'])} units."))
        self.stdout.write(f"Demo logins (password: {settings.INTEGRITAS_DEMO_PASSWORD}):")
        for username, *_rest, role, role_unit in demo.DEMO_USERS:
            scope = f" — {role_unit}" if role_unit else ""
            self.stdout.write(f"  {username:<20} {role.label}{scope}")
