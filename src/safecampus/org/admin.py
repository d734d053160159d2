from django.contrib import admin

from .models import OrgUnit, Post, Role, RoleAssignment, SchoolYear, Semester

admin.site.register([Post, SchoolYear, Semester])


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "kind", "school_type", "path"]
    list_filter = ["kind", "school_type"]
    readonly_fields = ["path", "depth"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_zh"]
    readonly_fields = ["capabilities"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "org_unit"]
    list_filter = ["role"]
