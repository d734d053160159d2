import sys

from django.core.management.base import BaseCommand

from safecampus.core.audit import verify


class Command(BaseCommand):
    help = "Audit trail tools. `audit verify` recomputes every hash chain."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action, **options):
        result = verify()
        if result.ok:
            self.stdout.write(f"audit: OK {result.events} events in {result.chains} chains")
            return
        self.stdout.write(
            f"audit: BROKEN at event {result.broken_seq} in chain {result.broken_chain}: {result.reason}")
        sys.exit(1)
