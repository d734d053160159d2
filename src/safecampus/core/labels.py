"""Readable names for audit actions and for change keys that are not model fields.

Apps add theirs with ``ACTION_LABELS.update`` / ``CHANGE_LABELS.update`` in ready().
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

ACTION_LABELS: dict[str, object] = {
    "security.login": _("Signed in"),
    "security.logout": _("Signed out"),
    "security.login_failed": _("Failed sign-in"),
    "security.denied": _("Access denied"),
    "security.two_step_enabled": _("Two-step sign-in turned on"),
    "security.two_step_disabled": _("Two-step sign-in turned off"),
    "security.token_issued": _("API token issued"),
    "security.token_created": _("Integration token created"),
    "security.token_revoked": _("API token revoked"),
    "attachment.added": _("Attachment added"),
    "core.files_pruned": _("Orphaned files deleted"),
    "org.unit_created": _("Unit created"),
    "org.role_assigned": _("Role assigned"),
    "org.staff_created": _("Staff member added"),
    "org.student_created": _("Student added"),
    "org.guardian_added": _("Guardian added"),
    "org.identity_revealed": _("Identity number revealed"),
    "org.calendar_set": _("School calendar set"),
}

# How core.history renders an event's changes (see there). Keys are "<key>" or "<action>:<key>".
# CHANGE_LABELS: keys that name no field of the record. A key in LISTED holds a list of names (who
# was told), not a before/after pair, whatever its length.
CHANGE_LABELS: dict[str, object] = {
    "to": _("Told"),
    "attachment.added:name": _("File"),
    "attachment.added:purpose": _("Purpose"),
    "ip": _("IP address"),
    "reminders": _("Reminders"),
    "notifications": _("Notifications sent"),
    "at": _("At"),
    "user": _("Person"),
    "username": _("User name"),
    "role": _("Role"),
    "posts": _("Posts"),
    "student": _("Student"),
    "holidays": _("Holidays"),
    "semesters": _("Semesters"),
    "note": _("Note"),
    "date": _("Date"),
    "hours": _("Hours"),
    "topic": _("Topic"),
    "held_on": _("Held on"),
    "hazard": _("Hazard"),
    "notice": _("Notice"),
    "roles": _("Roles"),
    "guardians": _("Guardians"),
    "first_password": _("First password set"),
    "name": _("Name"),
    "title": _("Title"),
    "version": _("Version"),
    "sort": _("Order"),
    "status": _("Status"),
    "kind": _("Kind"),
    "core.files_pruned:files": _("Files deleted"),
    "core.files_pruned:bytes": _("Size"),
    "core.files_pruned:older_than_hours": _("Left behind for more than"),
}
LISTED: set[str] = {"to", "semesters", "holidays"}
# The value is the id (or a user's username) of a record of this model: shown by its name.
CHANGE_REFS: dict[str, str] = {"user": "auth.user", "student": "org.student"}
# The value is a code of these choices ({code: label} or a TextChoices class).
CHANGE_CHOICES: dict[str, object] = {
    "attachment.added:purpose": {"evidence": _("Evidence"), "report": _("Report photo"),
                                 "rectification": _("Rectification photo"), "certificate": _("Certificate"),
                                 "ticket": _("Purchase ticket")},
    "to": {"authority": _("Education authority"), "central": _("Central school"), "school": _("School")},
}
# The whole value is formatted by this function (lists of rows: a meeting's tasks, a calendar's terms).
def _size(value) -> str:
    from django.template.defaultfilters import filesizeformat

    return filesizeformat(int(value or 0))


CHANGE_FORMATS: dict[str, object] = {
    "core.files_pruned:files": lambda n: ngettext("%(n)d file", "%(n)d files", int(n)) % {"n": int(n)},
    "core.files_pruned:bytes": _size,
    "core.files_pruned:older_than_hours": lambda h: ngettext(
        "%(n)s hour", "%(n)s hours", 1 if float(h) == 1 else 2) % {"n": f"{float(h):g}"},
}
# Technical keys nobody reads (checksums, internal ids of a file).
HIDDEN_CHANGES: set[str] = {"sha256", "attachment.added:attachment", "seed", "hazards.reported:source_ref"}
