from django.core.management.base import BaseCommand, CommandError

from safecampus.compliance.services import load_rules
from safecampus.org.models import OrgUnit


class Command(BaseCommand):
    help = "Load the safety work plan's rules at a unit (default: every central school). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--unit", type=int, help="id of the unit that sets the rules")
        parser.add_argument("--replace", action="store_true", help="overwrite rules already loaded")

    def handle(self, *args, unit=None, replace=False, **options):
        if unit:
            units = list(OrgUnit.objects.filter(pk=unit))
            if not units:
                raise CommandError(f"--unit: no unit {unit}")
        else:
            units = list(OrgUnit.objects.filter(kind="central_school"))
        for u in units:
            created, updated = load_rules(actor=None, org_unit=u, replace=replace)
            self.stdout.write(f"{u}: {created} rules created, {updated} updated")
