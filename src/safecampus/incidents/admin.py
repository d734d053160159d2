"""The admin may look, never touch: filed reports are changed only by amendments, through the services."""

from django.contrib import admin

from .models import Amendment, FollowUp, Incident, InfoReport, Investigation


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_actions(self, request, action_location=None):
        # No bulk actions (no bulk delete) on records that are never altered.
        return {}


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ("id", "org_unit", "kind", "severity", "occurred_at", "filed_at", "late")
    exclude = ("injured_names",)  # minors' names are never shown in the admin


@admin.register(Amendment)
class AmendmentAdmin(ReadOnlyAdmin):
    list_display = ("id", "incident", "author", "at")
    exclude = ("injured_names_old", "injured_names_new")


admin.site.register(FollowUp, ReadOnlyAdmin)
admin.site.register(Investigation, ReadOnlyAdmin)
admin.site.register(InfoReport, ReadOnlyAdmin)
