from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from safecampus.core.files import PRUNE_GRACE, find_orphans, prune_orphans


class Command(BaseCommand):
    help = ("Attachment storage tools. `files prune` deletes attachment files that no attachment "
            "refers to (left by rolled-back uploads); the one-minute sweep does it once an hour.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["prune"])
        parser.add_argument("--older-than", type=float, default=PRUNE_GRACE / timedelta(hours=1),
                            metavar="HOURS", help="only files at least this old (default: %(default)s)")
        parser.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")

    def handle(self, *args, action: str, older_than: float, dry_run: bool, **options):
        # Younger files may belong to an upload whose transaction has not committed yet.
        if older_than <= 0:
            raise CommandError("--older-than: must be more than 0 hours")
        grace = timedelta(hours=older_than)
        if dry_run:
            names = find_orphans(older_than=grace)
            for name in names:
                self.stdout.write(name)
            self.stdout.write(f"files: {len(names)} orphaned files would be deleted")
            return
        self.stdout.write(f"files: pruned {prune_orphans(older_than=grace)} orphaned files")
