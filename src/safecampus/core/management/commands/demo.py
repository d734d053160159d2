from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from safecampus.core.demo import DEMO_PASSWORD, load_all

LOGINS = [
    ("authority", "education authority safety officer"),
    ("central", "central school safety office"),
    ("principal_a", "principal of School A"),
    ("officer_a", "safety officer of School A"),
    ("teacher_a", "head teacher, School A"),
    ("guard_a", "door guard of School A"),
    ("canteen_a", "canteen manager of School A"),
    ("officer_b", "safety officer of School B"),
    ("teacher_b", "head teacher, School B"),
    ("officer_c", "safety officer of Kindergarten C"),
]


class Command(BaseCommand):
    help = "Load the demo district (idempotent) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true")

    def handle(self, *args, port: int, no_serve: bool, **options):
        call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            load_all()
        self.stdout.write(self.style.SUCCESS("Demo district ready."))
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for username, who in LOGINS:
            self.stdout.write(f"  {username:<12} {who}")
        if not no_serve:
            self.stdout.write(f"Serving http://127.0.0.1:{port}/")
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
