import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from integritas.audit.services import anchor_head, anchor_problem, verify


class Command(BaseCommand):
    help = (
        "Audit trail tools: `integritas audit verify [--anchor FILE]` checks the keyed hash chain; "
        "`integritas audit anchor [--output FILE]` writes its current head to keep elsewhere."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser(
            "verify", help="Walk the keyed hash chain and report the first broken record."
        )
        check.add_argument(
            "--anchor", metavar="FILE",
            help="an anchor written earlier by `audit anchor`: the chain must still reach it",
        )  # fmt: skip
        head = sub.add_parser(
            "anchor", help="Write the chain's head (count, time, keyed hash) as JSON."
        )
        head.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")

    def handle(self, *args, **options):
        if options["action"] == "anchor":
            return self._anchor(options.get("output"))
        anchor = self._read_anchor(options["anchor"]) if options.get("anchor") else None
        result = verify(anchor=anchor)
        if not result.ok:
            raise CommandError(
                f"Audit chain BROKEN after {result.checked} good records: {result.reason}",
                returncode=1,
            )
        if anchor is not None:
            self.stdout.write(
                f"Audit chain OK: {result.checked} records verified; it still reaches the anchor "
                f"of {anchor.get('anchored_at', '?')} ({anchor['count']} records)."
            )
        else:
            self.stdout.write(f"Audit chain OK: {result.checked} records verified.")

    def _anchor(self, output: str | None) -> None:
        result = verify()
        if not result.ok:
            raise CommandError(
                f"Not anchoring a broken audit chain ({result.checked} good records): {result.reason}",
                returncode=1,
            )
        text = json.dumps(anchor_head(), indent=2) + "\n"
        if not output:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(
                f"Cannot write the anchor to {output}: {exc.strerror}", returncode=2
            ) from exc
        self.stdout.write(f"Anchor written to {output} ({result.checked} records).")

    def _read_anchor(self, path: str) -> dict:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(
                f"Cannot read the anchor {path}: {exc.strerror}", returncode=2
            ) from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise CommandError(f"The anchor {path} is not valid JSON.", returncode=2) from exc
        problem = anchor_problem(data)
        if problem:
            raise CommandError(f"The anchor {path} cannot be used: {problem}.", returncode=2)
        return data
