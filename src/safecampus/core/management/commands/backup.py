from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safecampus.core.backup import BackupError, backup


class Command(BaseCommand):
    help = ("Back up the database (SQLite online backup, or pg_dump in custom format), the media files "
            "and a manifest (row counts, audit chain heads, file checksums; never a key) into a new folder.")
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, metavar="DIR", help="a new or empty folder")

    def handle(self, *args, to, **options):
        try:
            manifest = backup(Path(to))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        database = manifest["database"]
        self.stdout.write(f"backup: OK {sum(database['row_counts'].values())} rows in "
                          f"{len(database['row_counts'])} tables, {len(database['chains'])} audit chains, "
                          f"{len(manifest['files'])} files in {to}")
