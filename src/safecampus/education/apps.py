from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EducationConfig(AppConfig):
    name = "safecampus.education"
    label = "education"
    verbose_name = _("Education")

    def ready(self) -> None:
        from safecampus.core import home, nav
        from safecampus.core.attachments import register_owner
        from safecampus.core.labels import ACTION_LABELS
        from safecampus.core.permissions import grant
        from safecampus.org.roles import SCHOOL_STAFF_ROLES

        # Everyone at a school sees its lessons, training and campaigns.
        for role in (*SCHOOL_STAFF_ROLES, "central_officer", "authority_officer"):
            grant(role, ["education.view"])
        # Teachers record the lessons they hold; head teachers also write to their class's parents.
        for role in ("teacher", "head_teacher", "safety_officer", "principal", "central_officer"):
            grant(role, ["education.record_lesson"])
        for role in ("head_teacher", "safety_officer", "principal", "central_officer"):
            grant(role, ["education.notices", "education.send_notice"])
        # The authority reads notices' rates; it does not write to a school's parents.
        grant("authority_officer", ["education.notices"])
        for role in ("safety_officer", "principal", "central_officer", "authority_officer"):
            grant(role, ["education.train", "education.publish"])
        for role in ("central_officer", "authority_officer"):
            grant(role, ["education.manage_topics"])

        from .models import Lesson, ParentNotice, Story, TrainingSession

        # Who may read their attachments: who may read the record (parents reach a notice's own files
        # through their link, views/parent.py).
        register_owner(Lesson, "education.view")
        register_owner(ParentNotice, "education.notices")
        register_owner(TrainingSession, "education.view")
        register_owner(Story, "education.view")

        nav.register("education", _("Safety lessons"), "education:lessons", "education.view", 10)
        nav.register("education", _("Before the holiday"), "education:before-holiday", "education.view", 15)
        nav.register("education", _("Notices to parents"), "education:notices", "education.notices", 20)
        nav.register("education", _("Staff training"), "education:trainings", "education.view", 30)
        nav.register("education", _("Safety campaigns"), "education:campaigns", "education.view", 40)
        home.register_shortcut(_("Record a lesson"), "education:lesson-new", "education.record_lesson",
                               icon="book", order=20)
        ACTION_LABELS.update({
            "education.lesson_recorded": _("Safety lesson recorded"),
            "education.topic_added": _("Topic added to the library"),
            "education.notice_sent": _("Notice sent to parents"),
            "education.notice_acknowledged": _("Notice acknowledged by a parent"),
            "education.programme_created": _("Training programme created"),
            "education.training_recorded": _("Training session recorded"),
            "education.campaign_created": _("Campaign created"),
            "education.story_published": _("Story published"),
        })
        from . import evidence, policies  # noqa: F401
