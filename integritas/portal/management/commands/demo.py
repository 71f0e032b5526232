from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from integritas.portal import demo
from integritas.portal.scale import build as build_scale
from integritas.portal.scale import parse_scale


class Command(BaseCommand):
    help = "Load the Kota Kupang demo data (refuses to run with DEBUG off)."

    def add_arguments(self, parser):
        parser.add_argument("--employees-per-unit", type=int, default=8)
        parser.add_argument(
            "--scale",
            help="also generate a large data set for benchmarks, UNITSxYEARS (e.g. 200x5)",
        )
        parser.add_argument(
            "--responses-per-wave",
            type=int,
            default=333,
            help="survey responses per generated wave with --scale (200x5 × 3 kinds ≈ 1M)",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo data is for development only: set DEBUG=true to load it.")
        scale = None
        if options["scale"]:
            try:
                scale = parse_scale(options["scale"])
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        world = demo.build(employees_per_unit=options["employees_per_unit"])
        if scale:
            counts = build_scale(
                units=scale[0], years=scale[1], responses_per_wave=options["responses_per_wave"],
                log=self.stdout.write,
            )  # fmt: skip
            self.stdout.write(f"Scale data ready: {counts}")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(world['units'])} units."))
        self.stdout.write(f"Demo logins (password: {settings.INTEGRITAS_DEMO_PASSWORD}):")
        for username, *_rest, role, role_unit in demo.DEMO_USERS:
            scope = f" — {role_unit}" if role_unit else ""
            self.stdout.write(f"  {username:<20} {role.label}{scope}")
