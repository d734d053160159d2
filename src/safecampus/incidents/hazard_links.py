"""Links from a liability investigation to hazard records, when the hazards app is installed.

Hazards are read through the hazards app's public read functions (``hazards.selectors``),
imported at call time; the investigation keeps plain ids (a JSON list), so removing the hazards
app leaves the incidents app working and the free-text "hazards opened" note as the only record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext as _

from safecampus.core import inputs
from safecampus.core.errors import InvalidInput

HAZARDS_APP = "safecampus.hazards"
MAX_LINKS = 50


def hazard_reader():
    """The hazards app's read functions, or None when the app is not installed."""
    if not apps.is_installed(HAZARDS_APP):
        return None
    from safecampus.hazards import selectors

    return selectors


def available() -> bool:
    return hazard_reader() is not None


def _ids(raw: Iterable, field: str) -> list[int]:
    """Record numbers as people write them ("#12" too), once each, at most ``MAX_LINKS``."""
    if isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        raise InvalidInput.field(field, _("A list of hazard record numbers."))
    try:
        ids = inputs.ids([v.strip().lstrip("#") if isinstance(v, str) else v for v in raw], field)
    except InvalidInput:
        raise InvalidInput.field(field, _("A list of hazard record numbers.")) from None
    if len(ids) > MAX_LINKS:
        raise InvalidInput.field(field, _("At most %(n)d hazard records.") % {"n": MAX_LINKS})
    return ids


def school_hazards(actor, school):
    """Hazards of ``school`` (and its classes) that ``actor`` sees; None without the hazards app."""
    reader = hazard_reader()
    return reader.school_hazards(actor, school) if reader is not None else None


def clean_hazard_ids(*, actor, school, raw, field: str = "hazards") -> list[int]:
    """The ids in the order given, once each; every one must be a hazard the actor sees, at this school.

    Anything else is one 400 naming ``field``: an unknown hazard, one out of the actor's scope and
    one at another school read the same, so the answer leaks nothing.
    """
    if raw in (None, "", [], ()):
        return []
    ids = _ids(raw, field)
    hazards = school_hazards(actor, school)
    if hazards is None:
        raise InvalidInput.field(field, _("Hazard records are not kept here; describe them in the note."))
    found = set(hazards.filter(pk__in=ids).values_list("pk", flat=True))
    missing = [i for i in ids if i not in found]
    if missing:
        raise InvalidInput.field(field, _("Not a hazard record of this school that you can see: %(ids)s.") % {
            "ids": ", ".join(f"#{i}" for i in missing)})
    return ids


@dataclass(frozen=True)
class HazardLink:
    id: int
    title: str = ""
    status: str = ""
    url: str = ""


def links(user, ids: Iterable[int] | None) -> list[HazardLink]:
    """What the page shows: a link for each hazard the reader sees, the bare number for the rest."""
    ids = list(ids or [])
    if not ids:
        return []
    reader = hazard_reader()
    if reader is None:
        return [HazardLink(i) for i in ids]
    seen = {h.pk: h for h in reader.visible_hazards(user).filter(pk__in=ids)}
    out = []
    for i in ids:
        hazard = seen.get(i)
        out.append(HazardLink(i, str(hazard), hazard.get_status_display(), hazard.get_absolute_url())
                   if hazard is not None else HazardLink(i))
    return out


def choices(user, school, limit: int = 300) -> list[tuple[int, str]]:
    """The school's hazards the user sees, newest first, for a picker."""
    hazards = school_hazards(user, school)
    if hazards is None:
        return []
    return [(h.pk, f"#{h.pk} {h.title} · {h.get_status_display()}")
            for h in hazards.order_by("-reported_at", "-id")[:limit]]
