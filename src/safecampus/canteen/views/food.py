"""The canteen manager's day (meals, samples, what is missing, 陪餐), the sample ledger and a sample."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.core import inputs
from safecampus.core.errors import DomainError, Forbidden, InvalidInput
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import Column, ScopedListView, apply_errors, guarded, history_of

from .. import policies, selectors
from ..filters import SampleFilter
from ..forms.food import CompanionForm, MenuForm, SampleForm
from ..models import FoodSample
from ..services import food as services
from ..services.common import today
from .common import countdown, person


def _day_url(unit, day) -> str:
    return reverse("canteen:day") + f"?org_unit={unit.pk}&date={day.isoformat()}"


def _context(request, unit, choices, day, *, sample_form=None, menu_form=None):
    now = timezone.now()
    overview = selectors.day_overview(unit, day)
    min_weight = policies.samples(unit)["min_weight_g"]
    for meal in overview.meals:
        for s in meal.samples:
            s.left = countdown(s.keep_until, now)
            s.state = selectors.keep_state(s, now)
    is_today = day == today(unit, now)
    can_sample = has_capability(request.user, "canteen.sample", unit.path)
    first_missing = next((m for m in overview.meals if m.missing or not m.samples), None)
    if sample_form is None and can_sample and is_today:
        initial = {"weight_g": min_weight, "request_id": uuid.uuid4().hex}
        if first_missing is not None:
            initial["meal"] = first_missing.code
            if first_missing.missing:
                initial["dish"] = first_missing.missing[0]
        elif overview.meals:
            initial["meal"] = overview.meals[-1].code
        sample_form = SampleForm(user=request.user, initial=initial, min_weight=min_weight)
    if menu_form is None and can_sample:
        menu_form = MenuForm(user=request.user, auto_id="menu-%s",
                             initial={"meal": first_missing.code if first_missing else "lunch"})
    return {
        "title": _("Today's canteen") if is_today else _("Canteen day"),
        "unit": unit, "schools": choices, "day": day, "is_today": is_today, "overview": overview,
        "previous_day": day - timedelta(days=1), "next_day": day + timedelta(days=1),
        "sample_form": sample_form if is_today else None, "menu_form": menu_form,
        "can_sample": can_sample, "can_accompany": has_capability(request.user, "canteen.accompany", unit.path),
        "companion_form": CompanionForm(user=request.user),
        "expiring": selectors.expiring(request.user, unit, now),
        "can_manage": has_capability(request.user, "canteen.manage", unit.path),
    }


def _unit_and_day(request, source):
    unit, choices = selectors.pick_school(request.user, "canteen.view", source.get("org_unit"))
    if unit is None:
        raise Forbidden()
    raw = source.get("date")
    try:
        day = inputs.date(raw, "date", required=False) or today(unit)
    except InvalidInput:
        day = today(unit)
    return unit, choices, day


@guarded("canteen.view")
def day_page(request):
    unit, choices, day = _unit_and_day(request, request.GET)
    return render(request, "canteen/day.html", _context(request, unit, choices, day))


@guarded("canteen.sample")
def sample_new(request):
    """POST from the day page: one sample; errors show beside the field on the same page."""
    if request.method != "POST":
        return HttpResponseRedirect(reverse("canteen:day"))
    unit, choices, day = _unit_and_day(request, request.POST)
    form = SampleForm(data=request.POST, user=request.user, min_weight=policies.samples(unit)["min_weight_g"])
    if form.is_valid():
        try:
            sample = services.record_sample(actor=request.user, org_unit=unit, **form.cleaned_data)
        except Forbidden:
            raise
        except DomainError as exc:
            apply_errors(form, exc)
            return render(request, "canteen/day.html", _context(request, unit, choices, day, sample_form=form),
                          status=exc.status)
        messages.success(request, _("Sample of %(dish)s recorded.") % {"dish": sample.dish})
        return HttpResponseRedirect(_day_url(unit, sample.meal.date))
    return render(request, "canteen/day.html", _context(request, unit, choices, day, sample_form=form), status=400)


@guarded("canteen.sample")
def menu_set(request):
    if request.method != "POST":
        return HttpResponseRedirect(reverse("canteen:day"))
    unit, choices, day = _unit_and_day(request, request.POST)
    form = MenuForm(data=request.POST, user=request.user, auto_id="menu-%s")
    if form.is_valid():
        try:
            services.set_menu(actor=request.user, org_unit=unit, date=day, meal=form.cleaned_data["meal"],
                              dishes=form.cleaned_data["menu"])
        except Forbidden:
            raise
        except DomainError as exc:
            apply_errors(form, exc)
            return render(request, "canteen/day.html", _context(request, unit, choices, day, menu_form=form),
                          status=exc.status)
        messages.success(request, _("Menu saved."))
        return HttpResponseRedirect(_day_url(unit, day))
    return render(request, "canteen/day.html", _context(request, unit, choices, day, menu_form=form), status=400)


@guarded("canteen.accompany")
def accompany(request):
    if request.method != "POST":
        return HttpResponseRedirect(reverse("canteen:day"))
    unit, _choices, day = _unit_and_day(request, request.POST)
    form = CompanionForm(data=request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a meal."))
        return HttpResponseRedirect(_day_url(unit, day))
    try:
        services.record_companion(actor=request.user, org_unit=unit, date=day, meal=form.cleaned_data["meal"],
                                  note=form.cleaned_data["note"])
    except Forbidden:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(_day_url(unit, day))
    messages.success(request, _("Recorded: you ate with the pupils."))
    return HttpResponseRedirect(_day_url(unit, day))


def _keep(sample: FoodSample) -> str:
    if sample.disposed_at is not None:
        return _("Disposed of")
    left = countdown(sample.keep_until, timezone.now())
    return left or _("May be disposed of")


class SampleList(ScopedListView):
    """The sample ledger (留样台账): every dish of every meal, with its keep-until countdown."""

    model = FoodSample
    queryset = FoodSample.objects.select_related("meal", "org_unit", "taken_by__staff")
    capability = "canteen.view"
    filterset_class = SampleFilter
    title = gettext_lazy("Food samples")
    export_name = "food-samples"
    default_order = ("-taken_at", "-id")
    columns = [
        Column("dish", gettext_lazy("Dish"), link=True),
        Column("meal.date", gettext_lazy("Date"), sort="meal__date"),
        Column("meal.get_meal_display", gettext_lazy("Meal")),
        Column("org_unit", gettext_lazy("School"), sort="org_unit__path"),
        Column("weight_g", gettext_lazy("Weight (g)"), sort="weight_g"),
        Column(lambda s: person(s.taken_by), gettext_lazy("Taken by")),
        Column("keep_until", gettext_lazy("Keep until"), sort="keep_until"),
        Column(_keep, gettext_lazy("Kept")),
    ]


@guarded()
def sample_detail(request, pk: int):
    sample = FoodSample.objects.select_related("meal", "org_unit", "taken_by", "disposed_by").get_visible(
        request.user, "canteen.view", pk=pk)
    now = timezone.now()
    return render(request, "canteen/sample.html", {
        "title": str(sample), "sample": sample, "left": countdown(sample.keep_until, now),
        "state": selectors.keep_state(sample, now), "taken_by": person(sample.taken_by),
        "disposed_by": person(sample.disposed_by), "history": history_of(sample),
        "can_dispose": has_capability(request.user, "canteen.sample", sample.org_unit.path),
        "day_url": _day_url(sample.org_unit, sample.meal.date),
    })


@guarded()
def sample_dispose(request, pk: int):
    sample = FoodSample.objects.get_visible(request.user, "canteen.sample", pk=pk)
    if request.method != "POST":
        return HttpResponseRedirect(sample.get_absolute_url())
    try:
        version = inputs.number(request.POST.get("version"), "version", minimum=1, required=False)
        services.dispose_sample(sample, actor=request.user, expected_version=version)
    except Forbidden:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(sample.get_absolute_url())
    messages.success(request, _("Disposal recorded."))
    return HttpResponseRedirect(sample.get_absolute_url())
