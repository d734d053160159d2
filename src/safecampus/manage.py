"""The `safecampus` command: Django management with the settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safecampus.config.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018  (reads the settings: a missing key stops here, plainly)
    except ImproperlyConfigured as exc:
        # Without this, Django goes on to look the command up among apps it could not load and
        # prints a KeyError traceback before the real reason.
        sys.stderr.write(f"safecampus: {exc}\n")
        if not os.environ.get("SAFECAMPUS_DEBUG"):
            sys.stderr.write("The demo's data (make demo) uses the development keys: run the command with "
                             "SAFECAMPUS_DEBUG=true, e.g. SAFECAMPUS_DEBUG=true safecampus audit verify\n")
        sys.exit(2)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
