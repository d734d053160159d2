"""Pick-up pages: the classes, a class's list for today, handing one child over, a child's adults."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.core.errors import DomainError, Forbidden
from safecampus.core.forms import UserForm
from safecampus.core.permissions import has_capability
from safecampus.core.scoping import PRESENCE
from safecampus.core.views.generic import apply_errors, guarded
from safecampus.org.choices import UnitKind
from safecampus.org.models import Guardian, OrgUnit, Student

from ..models import PickupAuthorisation
from ..people import local_today
from ..selectors import pickup_classes
from ..services import pickup as services
from .common import FormPage


@guarded("operations.view")
def classes(request):
    rows = pickup_classes(request.user)
    if len(rows) == 1:
        return HttpResponseRedirect(reverse("operations:pickup-class", args=[rows[0]["class"].pk]))
    return render(request, "operations/pickup_classes.html", {"title": _("Pick-up"), "rows": rows})


def _class(request, pk) -> OrgUnit:
    klass = OrgUnit.objects.visible_to(request.user, PRESENCE).filter(pk=pk, kind=UnitKind.CLASS).first()
    if klass is None:
        from safecampus.core.errors import NotFound

        raise NotFound()
    if not has_capability(request.user, "operations.view", klass.path):
        raise Forbidden()
    return klass


@guarded()
def class_list(request, pk):
    klass = _class(request, pk)
    rows = services.class_list(klass, local_today(klass))
    waiting = sum(1 for r in rows if r["status"] != "handed_over")
    return render(request, "operations/pickup_class.html", {
        "title": _("Pick-up: %(class)s") % {"class": klass}, "klass": klass, "rows": rows, "waiting": waiting,
        "can_hand_over": has_capability(request.user, "operations.pickup", klass.path)})


class RefuseForm(UserForm):
    collector_name = forms.CharField(label=_("Who came?"), max_length=100, required=False)
    relation = forms.CharField(label=_("Says they are the child's"), max_length=32, required=False)


def _adults(student: Student) -> list[dict]:
    """The adults who may collect the child: the guardians who may pick up, then those added."""
    rows = []
    added = list(PickupAuthorisation.objects.filter(student=student, active=True).order_by("id"))
    from_guardians = {a.guardian_id for a in added if a.guardian_id}
    for guardian in Guardian.objects.filter(guardianlink__student=student, guardianlink__may_pick_up=True).exclude(
            pk__in=from_guardians).order_by("id"):
        rows.append({"value": f"g{guardian.pk}", "name": guardian.name, "relation": "", "phone": guardian.phone})
    for a in added:
        rows.append({"value": f"a{a.pk}", "name": a.name, "relation": a.relation, "phone": a.phone})
    return rows


@guarded()
def child(request, pk):
    """Hand one child over: tap the adult who came, or record who came and refuse them."""
    student = Student.objects.select_related("org_unit").get_visible(request.user, "operations.pickup", pk=pk)
    form = RefuseForm(user=request.user)
    if request.method == "POST":
        chosen = request.POST.get("adult", "")
        try:
            if chosen:
                authorisation = None
                if chosen.startswith("g") and chosen[1:].isdigit():
                    guardian = Guardian.objects.filter(pk=int(chosen[1:]), guardianlink__student=student).first()
                    authorisation = services.authorise_guardian(student, guardian) if guardian else None
                elif chosen.startswith("a") and chosen[1:].isdigit():
                    authorisation = PickupAuthorisation.objects.filter(pk=int(chosen[1:]), student=student).first()
                if authorisation is None:
                    raise DomainError(_("This adult is not authorised for this child."))
                services.create_pickup(actor=request.user, student=student, authorisation=authorisation)
                messages.success(request, _("%(child)s handed over to %(adult)s.") % {
                    "child": student.name, "adult": authorisation.name})
                return HttpResponseRedirect(reverse("operations:pickup-class", args=[student.org_unit_id]))
            form = RefuseForm(data=request.POST, user=request.user)
            if form.is_valid():
                services.create_pickup(actor=request.user, student=student, **form.cleaned_data)
                messages.warning(request, _("Refused. The head teacher and the safety officer have been told."))
                return HttpResponseRedirect(reverse("operations:pickup-class", args=[student.org_unit_id]))
        except Forbidden:
            raise
        except DomainError as exc:
            apply_errors(form, exc)
            return render(request, "operations/pickup_child.html", {
                "title": student.name, "student": student, "adults": _adults(student), "form": form}, status=400)
    return render(request, "operations/pickup_child.html", {
        "title": student.name, "student": student, "adults": _adults(student), "form": form,
        "can_manage": has_capability(request.user, "operations.pickup_manage", student.org_unit.path)})


class AdultForm(UserForm):
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    relation = forms.CharField(label=_("Relation to the child"), max_length=32, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel"}))
    photo = forms.ImageField(label=_("Photo"), required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))


class AddAdult(FormPage):
    """An adult the guardians name, added by the head teacher."""

    form_class = AdultForm
    capability = "operations.pickup_manage"
    title = gettext_lazy("Add an authorised adult")
    success_message = gettext_lazy("Authorised adult added.")

    def check(self) -> None:
        self.student = Student.objects.select_related("org_unit").get_visible(
            self.request.user, self.capability, pk=self.kwargs["pk"])

    def extra_context(self) -> dict:
        return {"cancel": reverse("operations:pickup-child", args=[self.student.pk]), "object": self.student}

    def perform(self, form):
        return services.create_authorisation(actor=self.request.user, student=self.student, **form.cleaned_data)

    def success_url(self, result) -> str:
        return reverse("operations:pickup-child", args=[self.student.pk])
