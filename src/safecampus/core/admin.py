from django.contrib import admin

from .models import AuditEvent, Notification

# The admin is a superuser's tool; every other person works through the scoped UI and API.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["seq", "at", "actor_name", "action", "object_type", "object_id", "chain"]
    list_filter = ["action", "chain"]
    search_fields = ["object_type", "object_id", "actor_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "kind", "title", "read_at"]
    list_filter = ["kind"]
