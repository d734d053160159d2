"""``safecampus check --deploy``: the keys, with the reason each one is unfit."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from . import keys

IDS = {"secret_dev": "safecampus.E001", "secret_weak": "safecampus.E002", "field_dev": "safecampus.E003",
       "field_weak": "safecampus.E004", "field_is_secret": "safecampus.E005"}


@checks.register(checks.Tags.security, deploy=True)
def check_keys(app_configs, **kwargs) -> list[checks.CheckMessage]:
    return [checks.Error(why, hint=keys.HOW, id=IDS[code])
            for code, why in keys.problems(settings.SECRET_KEY, settings.FIELD_KEY)]
