from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safecampus.core.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Restore a backup made by `safecampus backup` into an empty data folder or database; checks every "
            "checksum first and compares the restored row counts and audit chain heads with the manifest.")
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="DIR", help="the folder `safecampus backup --to` wrote")

    def handle(self, *args, source, **options):
        try:
            summary = restore(Path(source))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restore: OK {summary['rows']} rows in {summary['tables']} tables, "
                          f"{summary['chains']} audit chains, {summary['files']} files; "
                          "run `safecampus audit verify` with the same SAFECAMPUS_AUDIT_KEY")
