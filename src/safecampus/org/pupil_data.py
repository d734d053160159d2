"""Everything held about one pupil, asked of every app: the registry behind the pupil's data rights.

Under the PIPL a child's guardian may obtain a copy of everything held about the child, and the
data is erased once it is no longer needed, unless a law requires it be kept. No app knows every
other app's tables, so each app that holds records about a pupil registers a section in its
``AppConfig.ready()``::

    from safecampus.org.pupil_data import PupilData, register_pupil_data
    register_pupil_data(PupilData(
        code="operations.pickups", title=_("Pick-ups"),
        collect=lambda pupil: [{"at": p.at, "by": p.guardian_name} for p in Pickup.objects.filter(student=pupil)],
        attachments=lambda pupil: Attachment.objects.filter(...),   # optional
        erase=erase_pickups,                                         # erase(pupil) -> rows touched
    ))

A section without ``erase`` is kept on erasure; ``kept_because`` names the law that keeps it.
``collect`` returns plain rows (JSON-able values; dates are written as ISO text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

RETENTION_POLICY = "org.pupil_retention"


@dataclass(frozen=True)
class PupilData:
    code: str
    title: Any
    collect: Callable[[Any], list[dict[str, Any]]]
    attachments: Callable[[Any], Iterable[Any]] | None = None
    erase: Callable[[Any], int] | None = None
    kept_because: Any = ""


SECTIONS: dict[str, PupilData] = {}


def register_pupil_data(section: PupilData) -> PupilData:
    SECTIONS[section.code] = section
    return section


def sections() -> list[PupilData]:
    return [SECTIONS[code] for code in sorted(SECTIONS)]


# --- the organisation's own sections ---------------------------------------------------------------

def _plain(value) -> str:
    return value.reveal() if hasattr(value, "reveal") else str(value or "")


def _pupil_record(pupil) -> list[dict[str, Any]]:
    unit = pupil.org_unit
    return [{
        "id": pupil.pk, "name": pupil.name, "gender": pupil.gender, "birth_date": pupil.birth_date,
        "student_no": pupil.student_no, "id_number": _plain(pupil.id_number),
        "health_notes": _plain(pupil.health_notes), "enrolled_on": pupil.enrolled_on, "active": pupil.is_active,
        "class": unit.name, "unit_path": unit.path, "created_at": pupil.created_at, "updated_at": pupil.updated_at,
    }]


ERASED_NAME = "#{pk}"


def _erase_pupil_record(pupil) -> int:
    from .models import Student

    return Student.objects.filter(pk=pupil.pk).update(
        name=ERASED_NAME.format(pk=pupil.pk), gender="", birth_date=None, student_no="", id_number="",
        id_number_hash="", health_notes="", version=F("version") + 1, updated_at=timezone.now())


def _guardians(pupil) -> list[dict[str, Any]]:
    return [{"name": link.guardian.name, "relation": link.relation, "phone": link.guardian.phone,
             "id_number": _plain(link.guardian.id_number), "may_pick_up": link.may_pick_up}
            for link in pupil.guardianlink_set.select_related("guardian").order_by("guardian__name")]


def _erase_guardians(pupil) -> int:
    """The links go; a guardian left with no other pupil keeps no personal data either."""
    from .models import Guardian, GuardianLink

    guardian_ids = list(GuardianLink.objects.filter(student=pupil).values_list("guardian_id", flat=True))
    removed, _ = GuardianLink.objects.filter(student=pupil).delete()
    alone = Guardian.objects.filter(pk__in=guardian_ids).exclude(guardianlink__isnull=False)
    for guardian in alone:
        Guardian.objects.filter(pk=guardian.pk).update(name=f"#{guardian.pk}", phone="", id_number="",
                                                        id_number_hash="")
    return removed


def _attachments_of_pupil(pupil):
    from safecampus.core.models import Attachment

    from .models import Student

    return Attachment.objects.filter(content_type=ContentType.objects.get_for_model(Student), object_id=str(pupil.pk))


def _attachment_rows(pupil) -> list[dict[str, Any]]:
    return [{"file": archive_name(att), "name": att.original_name, "purpose": att.purpose, "type": att.mime_type,
             "size": att.size, "sha256": att.sha256, "uploaded_at": att.created_at}
            for att in _attachments_of_pupil(pupil).order_by("id")]


def _erase_attachments(pupil) -> int:
    from django.db import transaction

    atts = list(_attachments_of_pupil(pupil))
    names = [(att.file.storage, att.file.name) for att in atts]
    _attachments_of_pupil(pupil).delete()
    # Files go only once the erasure is committed (a rollback keeps them with their rows).
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])
    return len(atts)


def archive_name(att) -> str:
    return f"attachments/{att.uid}-{att.original_name}"


def _audit(pupil) -> list[dict[str, Any]]:
    from safecampus.core.models import AuditEvent

    return [{"seq": e.seq, "at": e.at, "actor": e.actor_name, "action": e.action, "changes": e.changes,
             "reason": e.reason}
            for e in AuditEvent.objects.filter(object_type="org.student", object_id=str(pupil.pk)).order_by("seq")]


def register_org_sections() -> None:
    register_pupil_data(PupilData("org.student", _("Pupil record"), _pupil_record, erase=_erase_pupil_record))
    register_pupil_data(PupilData("org.guardians", _("Guardians"), _guardians, erase=_erase_guardians))
    register_pupil_data(PupilData("core.attachments", _("Files about the pupil"), _attachment_rows,
                                  attachments=_attachments_of_pupil, erase=_erase_attachments))
    register_pupil_data(PupilData(
        "core.audit", _("Who read and changed the pupil's record (identity number reveals included)"), _audit,
        kept_because=_("The audit trail is append-only: it proves who read and changed personal data "
                       "(PIPL art. 54) and is kept after erasure; it holds no identity number.")))


def register_retention_policy() -> None:
    from safecampus.core.policies import Number, PolicySpec, register_policy

    register_policy(PolicySpec(
        code=RETENTION_POLICY, title=_("Pupils' personal data after leaving"),
        source="PIPL art. 19 and 47 (kept no longer than needed, then erased); Civil Code art. 188 "
               "(claims lapse after three years)",
        fields=[Number("years_after_leaving", _("Years a pupil's data is kept after leaving"), default=3,
                       minimum=1, maximum=30, unit=_("years"))]))
