"""Background work: the one-minute sweep (reminders, escalations, every app's registered ``core.sweeps`` hooks).

``crontask`` (the scheduler process) imports this module and enqueues the task each minute;
the django-tasks-db worker runs it. Without crontask installed, `safecampus tick` does the same.
"""

from __future__ import annotations

from django.tasks import task


@task
def sweep_obligations() -> dict:
    from .reminders import sweep

    result = sweep()
    return {"evaluated": result.evaluated, "sent": result.sent, "notifications": result.notifications}


try:  # the scheduler is optional: the app works (and `tick` works) without it
    from crontask import cron
except ImportError:  # pragma: no cover
    cron = None

if cron is not None:
    sweep_obligations = cron("* * * * *", sentry_monitor_config=None)(sweep_obligations)
