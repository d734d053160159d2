"""Assessment pages: the central school's table, a page per school explaining its score, the scheme,
marks, self-assessment and commendations."""

from __future__ import annotations

import uuid
from itertools import groupby

from django.apps import apps
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safecampus.core.errors import Forbidden, NotFound
from safecampus.core.exports import xlsx_response
from safecampus.core.permissions import has_capability
from safecampus.core.scoping import PRESENCE
from safecampus.core.views.generic import ServiceFormView, guarded

from . import selectors, services
from .choices import CHAPTERS, MarkKind, Method
from .forms import CommendationForm, ItemForm, MarkForm
from .models import Scheme, SchemeItem
from .selectors import COMMEND, MARK, SCHEME, SELF, VIEW


def _org(name):
    return apps.get_model("org", name)


def unit_name(unit: dict) -> str:
    zh = (get_language() or "").lower().startswith("zh")
    return unit["name_zh"] if zh and unit.get("name_zh") else unit["name"]


def _period_query(period) -> str:
    query = f"school_year={period.school_year.pk}"
    return query + (f"&semester={period.semester.pk}" if period.semester else "")


def _period_choices(unit, period) -> dict:
    years = selectors.years_for(unit)
    return {"years": years, "period": period, "semesters": list(period.school_year.semesters.all()),
            "period_query": _period_query(period)}


def _fmt(value) -> str:
    return "" if value is None else f"{value:.1f}"


@guarded(VIEW)
def board(request):
    """The schools of a central school (or county), ranked, with export."""
    unit = selectors.unit_in_scope(request.user, request.GET.get("org_unit"))
    period = selectors.pick_period(unit, request.GET.get("school_year"), request.GET.get("semester"))
    rows = sorted(selectors.scores(request.user, unit, period),
                  key=lambda s: (s.score is None, -(s.score or 0), s.unit["path"]))
    codes = []
    for row in rows:
        for ind in row.indicators:
            if ind.code not in [c for c, _t in codes]:
                codes.append((ind.code, ind.title))
    if request.GET.get("export") == "xlsx":
        headers = [_("School"), _("Score"), _("Score before veto"), _("Rank in the central school"),
                   _("Rank in the county"), _("One-vote veto"), *[t for _c, t in codes]]
        body = []
        for r in rows:
            by_code = {i.code: i.score for i in r.indicators}
            body.append([unit_name(r.unit), r.score, r.raw, r.rank, r.county_rank,
                         "; ".join(v.title for v in r.vetoes), *[by_code.get(c) for c, _t in codes]])
        return xlsx_response(f"assessment-{period.school_year.name}", headers, body, title=_("Assessment"))
    units = (_org("OrgUnit").objects.visible_to(request.user, VIEW)
             .filter(kind__in=["authority", "central_school"]).order_by("path"))
    return render(request, "assessment/board.html", {
        "unit": unit, "rows": [(r, unit_name(r.unit)) for r in rows], "units": units,
        **_period_choices(unit, period)})


def _school(request, pk: int):
    school = _org("OrgUnit").objects.visible_to(request.user, PRESENCE).filter(pk=pk, kind="school").first()
    if school is None:
        raise NotFound()
    if not has_capability(request.user, VIEW, school.path):
        raise Forbidden()
    return school


@guarded()
def school_page(request, pk: int):
    """One school's score explained: each indicator, its number, marks beside it, and its records."""
    school = _school(request, pk)
    period = selectors.pick_period(school, request.GET.get("school_year"), request.GET.get("semester"))
    result = selectors.school_score(request.user, school, period)
    labels = dict(CHAPTERS)
    order = [c for c, _l in CHAPTERS]
    indicators = sorted(result.indicators, key=lambda i: order.index(i.chapter) if i.chapter in order else 99)
    chapters = [(labels.get(key, key), list(items)) for key, items in groupby(indicators, key=lambda i: i.chapter)]
    return render(request, "assessment/school.html", {
        "school": school, "result": result, "chapters": chapters,
        "commendations": selectors.commendations(request.user, school, period.school_year),
        "can_mark": has_capability(request.user, MARK, school.path),
        "can_self": has_capability(request.user, SELF, school.path),
        **_period_choices(school, period)})


class _MarkView(ServiceFormView):
    form_class = MarkForm
    kind = MarkKind.INSPECTOR
    template_name = "assessment/mark_form.html"

    def setup_school(self):
        self.school = _school(self.request, self.kwargs["pk"])
        source = self.request.GET  # the form posts back to its own address, query included
        self.period = selectors.pick_period(self.school, source.get("school_year"), source.get("semester"))
        scheme = selectors.scheme_in_force(self.school, self.period.school_year)
        self.indicators = [(i.code, i.display_title) for i in (scheme.items.all() if scheme else [])
                           if i.active and i.method != Method.VETO]

    def check(self) -> None:
        self.setup_school()
        cap = MARK if self.kind == MarkKind.INSPECTOR else SELF
        if not has_capability(self.request.user, cap, self.school.path):
            raise Forbidden()

    def get_form_kwargs(self) -> dict:
        initial = {"indicator": self.request.GET.get("indicator", "")}
        return {**super().get_form_kwargs(), "indicators": self.indicators, "initial": initial,
                "note_required": self.kind == MarkKind.INSPECTOR}

    def extra_context(self) -> dict:
        return {"school": self.school, "period": self.period}

    def perform(self, form):
        data = form.cleaned_data
        mark, _created = services.set_mark(
            actor=self.request.user, org_unit=self.school, school_year=self.period.school_year,
            semester=self.period.semester, indicator=data["indicator"], score=data["score"], note=data["note"],
            kind=self.kind)
        return mark

    def success_url(self, result) -> str:
        return f"{reverse('assessment:school', args=[self.school.pk])}?{_period_query(self.period)}"


class MarkIndicator(_MarkView):
    title = gettext_lazy("Mark an indicator")
    success_message = gettext_lazy("Mark saved.")


class SelfAssess(_MarkView):
    kind = MarkKind.SELF
    title = gettext_lazy("Self-assessment")
    success_message = gettext_lazy("Self-assessment saved.")


def _keeper(request):
    """The unit whose scheme the reader keeps: the highest unit where she may keep one."""
    unit = selectors.default_unit(request.user, SCHEME)
    chosen = request.GET.get("org_unit") or request.POST.get("org_unit")
    if chosen:
        unit = selectors.unit_in_scope(request.user, chosen, SCHEME)
    return unit


@guarded(SCHEME)
def schemes(request):
    """The scheme in force for the reader's unit and school year; start its own copy to change it."""
    unit = _keeper(request)
    period = selectors.pick_period(unit, request.GET.get("school_year"))
    own = selectors.own_scheme(unit, period.school_year)
    scheme = own or selectors.scheme_in_force(unit, period.school_year)
    return render(request, "assessment/scheme.html", {
        "unit": unit, "scheme": scheme, "own": own is not None, "items": _items(scheme),
        **_period_choices(unit, period)})


def _items(scheme):
    if scheme is None:
        return []
    from . import registry

    return [(item, item.method == Method.MARKED or registry.get(item.code) is not None)
            for item in scheme.items.all()]


@guarded(SCHEME)
@require_POST
def scheme_start(request):
    unit = _keeper(request)
    period = selectors.pick_period(unit, request.POST.get("school_year"))
    scheme = services.start_scheme(actor=request.user, org_unit=unit, school_year=period.school_year)
    messages.success(request, _("Your scheme for this school year is ready to change."))
    return HttpResponseRedirect(scheme.get_absolute_url())


@guarded(SCHEME)
def scheme_detail(request, pk: int):
    scheme = _scheme(request, pk)
    return render(request, "assessment/scheme.html", {
        "unit": scheme.org_unit, "scheme": scheme, "own": True, "items": _items(scheme), "detail": True})


def _scheme(request, pk: int) -> Scheme:
    scheme = Scheme.objects.filter(pk=pk, org_unit__isnull=False).select_related("org_unit", "school_year").first()
    if scheme is None or not _org("OrgUnit").objects.visible_to(request.user, PRESENCE).filter(
            pk=scheme.org_unit_id).exists():
        raise NotFound()
    if not has_capability(request.user, SCHEME, scheme.org_unit.path):
        raise Forbidden()
    return scheme


class ItemEdit(ServiceFormView):
    form_class = ItemForm
    title = gettext_lazy("Change an indicator")
    success_message = gettext_lazy("Indicator saved.")

    capability = SCHEME

    def check(self) -> None:
        super().check()
        item = SchemeItem.objects.filter(pk=self.kwargs["pk"]).select_related("scheme").first()
        if item is None:
            raise NotFound()
        self.scheme = _scheme(self.request, item.scheme_id)
        self.item = item

    def get_form_kwargs(self) -> dict:
        i = self.item
        initial = {"title": i.title, "title_zh": i.title_zh, "chapter": i.chapter, "weight": i.weight,
                   "effect": i.effect, "cap": i.cap, "active": i.active, "version": i.version}
        return {**super().get_form_kwargs(), "method": i.method, "initial": initial}

    def extra_context(self) -> dict:
        return {"object": self.scheme}

    def perform(self, form):
        d = form.cleaned_data
        return services.change_item(self.item, actor=self.request.user, expected_version=d.get("version"),
                                    title=d["title"], title_zh=d["title_zh"], weight=d.get("weight") or 0,
                                    effect=d.get("effect", ""), cap=d.get("cap") or 0, chapter=d["chapter"],
                                    active=d["active"])

    def success_url(self, result) -> str:
        return self.scheme.get_absolute_url()


class ItemAdd(ServiceFormView):
    form_class = ItemForm
    title = gettext_lazy("Add an indicator marked by inspectors")
    success_message = gettext_lazy("Indicator added.")

    capability = SCHEME

    def check(self) -> None:
        super().check()
        self.scheme = _scheme(self.request, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "method": Method.MARKED, "adding": True}

    def extra_context(self) -> dict:
        return {"object": self.scheme}

    def perform(self, form):
        d = form.cleaned_data
        return services.add_item(self.scheme, actor=self.request.user, title=d["title"], title_zh=d["title_zh"],
                                 weight=d.get("weight") or 0, chapter=d["chapter"])

    def success_url(self, result) -> str:
        return self.scheme.get_absolute_url()


@guarded(VIEW)
def commendations(request):
    unit = selectors.unit_in_scope(request.user, request.GET.get("org_unit"))
    period = selectors.pick_period(unit, request.GET.get("school_year"))
    return render(request, "assessment/commendations.html", {
        "unit": unit, "rows": selectors.commendations(request.user, unit, period.school_year),
        "can_commend": has_capability(request.user, COMMEND, unit.path), **_period_choices(unit, period)})


class Commend(ServiceFormView):
    form_class = CommendationForm
    title = gettext_lazy("Record a commendation")
    success_message = gettext_lazy("Commendation recorded.")
    capability = COMMEND

    def check(self) -> None:
        super().check()
        self.unit = selectors.default_unit(self.request.user, COMMEND)
        self.period = selectors.pick_period(self.unit, self.request.GET.get("school_year"))
        self.schools = list(_org("OrgUnit").objects.visible_to(self.request.user, COMMEND)
                            .filter(kind="school", is_active=True).order_by("path"))

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "schools": self.schools,
                "rewards": selectors.rewards(self.unit, self.period.school_year),
                "initial": {"request_id": uuid.uuid4().hex}}

    def perform(self, form):
        d = form.cleaned_data
        school = next(s for s in self.schools if str(s.pk) == d["org_unit"])
        return services.commend(actor=self.request.user, org_unit=school, school_year=self.period.school_year,
                                kind=d["kind"], person=d["person"], reason=d["reason"],
                                reward_record=d["reward_record"] or None, request_id=d["request_id"])

    def success_url(self, result) -> str:
        return reverse("assessment:commendations")
