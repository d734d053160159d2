import sys

from django.core.management.base import BaseCommand, CommandError

from safecampus.core import audit_witness
from safecampus.core.audit import verify


class Command(BaseCommand):
    help = ("Audit trail tools. `audit verify [--checkpoints FILE]` recomputes every hash chain and checks "
            "it against the signed checkpoints; `audit checkpoint [--out FILE]` signs every chain's head now.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint"])
        parser.add_argument("--checkpoints", metavar="FILE",
                            help="verify: also check the chains against the checkpoints in FILE")
        parser.add_argument("--out", metavar="FILE", help="checkpoint: also write the checkpoints to FILE")

    def handle(self, *args, action, checkpoints=None, out=None, **options):
        if action == "checkpoint":
            made = audit_witness.make_checkpoints()
            if out:
                audit_witness.write_file(out, made)
            for cp in made:
                self.stdout.write(f"{cp.chain}: {cp.position} events, head {cp.hash[:16]}")
            self.stdout.write(f"audit: {len(made)} checkpoints signed" + (f", written to {out}" if out else ""))
            return
        entries = audit_witness.stored()
        if checkpoints:
            try:
                entries += audit_witness.read_file(checkpoints)
            except audit_witness.CheckpointFileError as exc:
                raise CommandError(str(exc)) from exc
        result = verify()
        if not result.ok:
            self.stdout.write(
                f"audit: BROKEN at event {result.broken_seq} in chain {result.broken_chain}: {result.reason}")
            sys.exit(1)
        findings = audit_witness.check(entries)
        if findings:
            for finding in findings:
                self.stdout.write(f"audit: BROKEN {finding}")
            sys.exit(1)
        if entries:
            self.stdout.write(f"checkpoints: {len(entries)} checked")
        self.stdout.write(f"audit: OK {result.events} events in {result.chains} chains")
