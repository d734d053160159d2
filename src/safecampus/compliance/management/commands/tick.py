from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from safecampus.compliance.reminders import sweep


class Command(BaseCommand):
    help = "Evaluate obligations and send due reminders and escalations (idempotent for a moment)."

    def add_arguments(self, parser):
        parser.add_argument("--now", help="ISO-8601 moment to evaluate at (default: the server clock)")

    def handle(self, *args, now=None, **options):
        moment = timezone.now()
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(f"--now: not an ISO-8601 date-time: {now}") from exc
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        result = sweep(moment)
        self.stdout.write(f"tick {moment.isoformat()}: {result.evaluated} statuses, {result.sent} reminders sent, "
                          f"{result.notifications} notifications, {result.hooks} app sweeps")
