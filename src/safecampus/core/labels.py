"""Readable names for audit actions and for change keys that are not model fields.

Apps add theirs with ``ACTION_LABELS.update`` / ``CHANGE_LABELS.update`` in ready().
"""

from django.utils.translation import gettext_lazy as _

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

# Keys of an event's changes that name no field of the record. A key in LISTED holds a list of
# names (who was told), not a before/after pair, whatever its length.
CHANGE_LABELS: dict[str, object] = {
    "to": _("Told"),
}
LISTED: set[str] = {"to"}
