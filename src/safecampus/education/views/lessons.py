"""Lesson pages: the register, recording a lesson on a phone, a class's topics this semester, topics."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from safecampus.core.errors import NotFound
from safecampus.core.views.generic import Column, ScopedDetailView, ScopedListView, ServiceFormView, guarded
from safecampus.org.choices import UnitKind
from safecampus.org.models import OrgUnit

from .. import selectors, services
from ..filters import LessonFilter
from ..forms import LessonForm, TopicForm
from ..models import Lesson, Topic
from ..services.common import local_today


def _teacher(lesson: Lesson) -> str:
    user = lesson.teacher
    if user is None:
        return ""
    staff = getattr(user, "staff", None)
    return staff.name if staff is not None else user.get_username()


class LessonList(ScopedListView):
    model = Lesson
    queryset = Lesson.objects.select_related("topic", "org_unit", "teacher__staff")
    capability = "education.view"
    filterset_class = LessonFilter
    title = gettext_lazy("Safety lessons")
    export_name = "safety-lessons"
    create_url = "education:lesson-new"
    create_capability = "education.record_lesson"
    create_label = gettext_lazy("Record a lesson")
    default_order = ("-held_on", "-id")
    columns = [
        Column("held_on", gettext_lazy("Held on"), sort="held_on"),
        Column("topic", gettext_lazy("Topic"), link=True),
        Column("get_kind_display", gettext_lazy("Kind"), sort="kind"),
        Column("org_unit", gettext_lazy("Class"), sort="org_unit__path"),
        Column(_teacher, gettext_lazy("Teacher")),
    ]


class LessonDetail(ScopedDetailView):
    model = Lesson
    queryset = Lesson.objects.select_related("topic", "org_unit", "teacher__staff")
    capability = "education.view"
    template_name = "education/lessons/detail.html"
    fields = [
        Column("topic", gettext_lazy("Topic")),
        Column("get_kind_display", gettext_lazy("Kind")),
        Column("held_on", gettext_lazy("Held on")),
        Column("org_unit", gettext_lazy("Class")),
        Column(_teacher, gettext_lazy("Teacher")),
        Column("note", gettext_lazy("Note")),
    ]


class RecordLesson(ServiceFormView):
    form_class = LessonForm
    template_name = "education/lessons/form.html"
    title = gettext_lazy("Record a lesson")
    capability = "education.record_lesson"
    success_message = gettext_lazy("Lesson recorded.")

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            kwargs["initial"] = {"held_on": timezone.localdate().isoformat()}
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        photo = data.get("photo")
        return services.record_lesson(actor=self.request.user, org_unit=data["org_unit"], topic=data["topic"],
                                      kind=data["kind"], held_on=data["held_on"], note=data["note"],
                                      photos=[photo] if photo else [])

    def success_url(self, result) -> str:
        from django.urls import reverse

        return reverse("education:class-topics", args=[result.org_unit_id])


@guarded("education.view")
def class_topics(request, pk: int):
    """A class's coverage of the topic library this semester."""
    klass = OrgUnit.objects.get_visible(request.user, "education.view", pk=pk)
    if klass.kind != UnitKind.CLASS:
        raise NotFound()
    coverage = selectors.topic_coverage(klass, local_today(klass))
    recent = Lesson.objects.filter(org_unit=klass).select_related("topic").order_by("-held_on", "-id")[:10]
    return render(request, "education/lessons/class_topics.html",
                  {"klass": klass, "coverage": coverage, "recent": recent,
                   "title": klass.display_name})


@guarded("education.view")
def topic_list(request):
    topics = Topic.visible_to(request.user).select_related("owner").order_by("sort", "code")
    from safecampus.core.permissions import has_capability

    return render(request, "education/lessons/topics.html",
                  {"topics": topics, "can_add": has_capability(request.user, "education.manage_topics")})


class AddTopic(ServiceFormView):
    form_class = TopicForm
    title = gettext_lazy("Add a topic")
    capability = "education.manage_topics"
    template_name = "education/form.html"
    success_message = gettext_lazy("Topic added.")

    def perform(self, form):
        data = form.cleaned_data
        return services.create_topic(actor=self.request.user, org_unit=data["org_unit"], name=data["name"],
                                     name_zh=data["name_zh"], code=data["code"])

    def success_url(self, result) -> str:
        from django.urls import reverse

        return reverse("education:topics")

    def extra_context(self) -> dict:
        return {"cancel_url": "education:topics"}


@guarded("education.view")
def before_holiday(request):
    """One school before the coming holiday: which classes had their lesson, which families got the notice."""
    from safecampus.core.permissions import scope_paths
    from safecampus.core.scoping import path_q

    from ..choices import LessonKind, NoticeKind
    from ..models import ParentNotice
    from ..services.coverage import holiday_window, next_holiday

    roots = scope_paths(request.user, "education.view")
    schools = OrgUnit.objects.filter(path_q("path", roots), kind=UnitKind.SCHOOL).order_by("path")
    chosen = request.GET.get("school", "")
    school = schools.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    if school is None:
        school = schools.first() or next((u.school for u in OrgUnit.objects.filter(path_q("path", roots))
                                          .order_by("depth")[:1] if u.school), None)
    if school is None:
        raise NotFound()
    today = local_today(school)
    holiday = next_holiday(school, today)
    rows = []
    if holiday is not None:
        start, end = holiday_window(school, holiday)
        classes = list(OrgUnit.objects.filter(path__startswith=school.path, kind=UnitKind.CLASS, is_active=True)
                       .order_by("path"))
        taught = dict(Lesson.objects.filter(org_unit__in=classes, kind=LessonKind.BEFORE_HOLIDAY, held_on__gte=start,
                                            held_on__lte=end).values_list("org_unit_id", "held_on"))
        sent = list(ParentNotice.objects.filter(org_unit__path__startswith=school.path, kind=NoticeKind.HOLIDAY,
                                                sent_on__gte=start, sent_on__lte=end)
                    .values_list("org_unit__path", "sent_on"))
        for klass in classes:
            notices = [d for p, d in sent if klass.path.startswith(p)]
            rows.append({"unit": klass, "lesson": taught.get(klass.pk), "notice": max(notices) if notices else None})
    return render(request, "education/lessons/before_holiday.html", {
        "school": school, "schools": schools, "holiday": holiday, "rows": rows,
        "missing": sum(1 for r in rows if not r["lesson"]), "title": school.display_name})
