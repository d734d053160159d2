from django.conf import settings
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
        options_ = settings.MAILERS["default"].get("OPTIONS", {})
        if "file_path" in options_:
            self.stdout.write(f"E-mail notifications are written to {options_['file_path']}/")
        if not no_serve:
            background = start_background(self.stdout)
            self.stdout.write(f"Serving http://127.0.0.1:{port}/")
            try:
                call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
            finally:
                for proc in background:
                    proc.terminate()


def start_background(out) -> list:
    """The task worker and the one-minute scheduler, beside the web server (only when serving).

    The scheduler is `crontask` when it is an installed app; otherwise a small thread enqueues
    the sweep each minute, so reminders and escalations run in the demo either way.
    """
    import subprocess
    import sys
    import threading
    import time

    from django.apps import apps
    from django.conf import settings

    procs = []
    command = [sys.executable, "-c", "from safecampus.manage import main; main()"]
    if "django_tasks_db" in settings.INSTALLED_APPS and not settings.TESTING:
        procs.append(subprocess.Popen([*command, "db_worker", "--no-reload", "--interval", "2"]))  # noqa: S603 (our own command)
        out.write("Task worker started (django-tasks-db).")
    if apps.is_installed("crontask"):
        procs.append(subprocess.Popen([*command, "crontask"]))  # noqa: S603 (our own command)
        out.write("Scheduler started (crontask, one-minute sweep).")
    else:
        from safecampus.core import sweeps

        def every_minute() -> None:
            while True:
                try:
                    sweeps.enqueue()
                except Exception as exc:  # keep the demo serving
                    out.write(f"sweep not enqueued: {exc}")
                time.sleep(60)

        threading.Thread(target=every_minute, name="sweep-scheduler", daemon=True).start()
        out.write("Scheduler started (one-minute sweep thread; add 'crontask' to INSTALLED_APPS for crontask).")
    return procs
