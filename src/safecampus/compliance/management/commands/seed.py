import time
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from safecampus.compliance.seed import seed


class Command(BaseCommand):
    help = "Generate a realistic district of N schools (bulk inserts) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=200)
        parser.add_argument("--pupils", type=int, default=600, help="pupils per school")
        parser.add_argument("--staff", type=int, default=50, help="staff per school")
        parser.add_argument("--per-central", type=int, default=20, help="schools per central school")
        parser.add_argument("--label", default="Bench")
        parser.add_argument("--now", help="ISO-8601 moment the records lead up to")

    def handle(self, *args, schools, pupils, staff, per_central, label, now=None, **options):
        if schools < 1:
            raise CommandError("--schools: at least 1")
        if staff < 2 or pupils < 0:
            raise CommandError("--staff: at least 2 (a principal and a safety officer); --pupils: 0 or more")
        moment = timezone.now()
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(f"--now: not ISO-8601: {now}") from exc
        started = time.perf_counter()
        ctx = seed(schools=schools, pupils=pupils, staff=staff, per_central=per_central, now=moment, label=label)
        counts = ", ".join(f"{n} {what}" for what, n in ctx.counts.items())
        self.stdout.write(f"seeded {len(ctx.schools)} schools under {ctx.authority} (id {ctx.authority.pk}): {counts} "
                          f"in {time.perf_counter() - started:.1f}s")
