"""The `safecampus` command: Django management with the settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safecampus.config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018  (loads the settings: a missing key is said plainly)
    except ImproperlyConfigured as exc:
        # Without this, Django goes on to look the command up among no apps and prints a
        # KeyError traceback before the real reason.
        sys.stderr.write(f"safecampus: {exc}\nFor the demo data, run with SAFECAMPUS_DEBUG=true.\n")
        sys.exit(2)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
