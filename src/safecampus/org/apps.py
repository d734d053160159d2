from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "safecampus.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from safecampus.core.attachments import register_owner

        from .models import Staff, Student

        register_owner(Staff, "org.view_people")  # who may read its attachments
        register_owner(Student, "org.view_students")
        from . import policies  # noqa: F401  (the retention period of pupils' data)
        from .pupil_data import register_org_sections

        register_org_sections()
        from safecampus.core.permissions import grant, set_grant_source

        from . import history_labels  # noqa: F401  (how its audit changes read in a history)
        from .grants import grants_for_user
        from .services import sync_roles

        set_grant_source(grants_for_user)
        everyone = ("authority_officer", "central_officer", "principal", "safety_officer", "head_teacher",
                    "teacher", "staff", "door_guard", "duty_staff", "canteen_manager", "dormitory_manager",
                    "driver", "school_doctor")
        for role in everyone:
            grant(role, ["org.view"])
        for role in ("authority_officer", "central_officer", "principal", "safety_officer"):
            grant(role, ["org.view_people", "org.view_students", "audit.view"])
        grant("head_teacher", ["org.view_students"])
        # Reading a minor's identity number is the exception, held by those who must check it.
        for role in ("principal", "safety_officer", "school_doctor"):
            grant(role, ["org.reveal_identity"])
        for role in ("authority_officer", "central_officer", "principal"):
            grant(role, ["org.manage"])
        grant("central_officer", ["org.manage_calendar"])
        # A pupil's data rights (copy, erasure) are exercised through the head of the school.
        grant("principal", ["org.pupil_data"])
        # The district's shape (schools and above) and its calendar: the authority for the county,
        # the central school for its own schools (its calendar overrides the county's).
        for role in ("authority_officer", "central_officer"):
            grant(role, ["org.manage_units", "org.manage_calendar", "org.import"])
        grant("principal", ["org.import"])
        # Accounts that see a whole district or county may (and should) use two-step sign-in.
        for role in ("authority_officer", "central_officer"):
            grant(role, ["account.two_step"])
        from safecampus.core import nav

        nav.register("organisation", _("Units"), "org:unit-list", "org.view", 10)
        nav.register("organisation", _("Staff"), "org:staff-list", "org.view_people", 20)
        nav.register("organisation", _("Students"), "org:student-list", "org.view_students", 30)
        from . import onboarding_wiring

        onboarding_wiring.ready()
        post_migrate.connect(lambda **kw: sync_roles(), sender=self, weak=False)
