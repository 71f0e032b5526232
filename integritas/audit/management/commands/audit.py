from django.core.management.base import BaseCommand, CommandError

from integritas.audit.services import verify


class Command(BaseCommand):
    help = "Audit trail tools: `integritas audit verify` checks the hash chain."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Walk the hash chain and report the first broken record.")

    def handle(self, *args, **options):
        result = verify()
        if not result.ok:
            raise CommandError(
                f"Audit chain BROKEN after {result.checked} good records: {result.reason}",
                returncode=1,
            )
        self.stdout.write(f"Audit chain OK: {result.checked} records verified.")
