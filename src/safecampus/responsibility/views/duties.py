"""Pages for duties, teams and letters. Every read starts from scope; every write is one service call."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from safecampus.core import inputs
from safecampus.core.badges import status_badge
from safecampus.core.errors import DomainError, Forbidden, NotFound
from safecampus.core.pdf import pdf_response
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import (
    Column,
    ScopedListView,
    ScopedMixin,
    ServiceFormView,
    apply_errors,
    history_of,
)
from safecampus.org.models import OrgUnit, Post, Staff

from .. import forms, services
from ..choices import LetterStatus
from ..filters import LetterFilter
from ..models import LetterTemplate, PostDuty, ResponsibilityLetter, SafetyTeam, TeamMember
from ..selectors import can_read_letter, letters_for, open_actions_of, rules_to_acknowledge
from ..workflows import LETTER


def _zh() -> bool:
    return (get_language() or "").lower().startswith("zh")


class Page(ScopedMixin, View):
    """A page with the scope errors mapped (404 / 403) like the generic views."""

    capability = "responsibility.view_own"

    def check(self) -> None:
        if not has_capability(self.request.user, self.capability):
            raise Forbidden()


def _posts():
    return Post.objects.prefetch_related(Prefetch("safety_duties", queryset=PostDuty.objects.order_by("sort")))


# ---------------------------------------------------------------- my duties, posts

class MyDuties(Page):
    def get(self, request):
        self.check()
        user = request.user
        staff = Staff.objects.filter(user=user).select_related("org_unit").first()
        posts = list(_posts().filter(staff=staff)) if staff else []
        teams = TeamMember.objects.filter(user=user).select_related("team", "team__org_unit")
        return render(request, "responsibility/my_duties.html", {
            "title": _("My duties"), "staff": staff, "posts": posts, "teams": teams,
            "letters": letters_for(user).filter(recipient=user).select_related("org_unit").order_by("-year"),
            "actions": open_actions_of(user).order_by("due"),
            "rules_open": rules_to_acknowledge(user).count()})


class MyLetters(Page):
    capability = "responsibility.sign"

    def get(self, request):
        self.check()
        letters = (letters_for(request.user).filter(recipient=request.user).select_related("org_unit", "issuer_unit")
                   .order_by("status", "-year", "-id"))
        return render(request, "responsibility/my_letters.html", {"title": _("My letters"), "letters": letters})


class PostList(Page):
    def get(self, request):
        self.check()
        return render(request, "responsibility/post_list.html", {
            "title": _("Posts and duties"), "posts": _posts(),
            "can_edit": has_capability(request.user, "responsibility.edit_duties")})


class PostEdit(ServiceFormView):
    form_class = forms.DutiesForm
    capability = "responsibility.edit_duties"
    title = gettext_lazy("Edit the duties of a post")

    def post_obj(self) -> Post:
        post = Post.objects.filter(pk=self.kwargs["pk"]).first()
        if post is None:
            raise NotFound()
        return post

    def get(self, request, *args, **kwargs):
        self.check()
        post = self.post_obj()
        duties = list(post.safety_duties.order_by("sort"))
        form = self.form_class(user=request.user, initial={
            "duties_en": "\n".join(d.text for d in duties), "duties_zh": "\n".join(d.text_zh for d in duties)})
        return self.render_form(form)

    def extra_context(self) -> dict:
        return {"title": f"{self.title}: {self.post_obj().display_name}"}

    def perform(self, form):
        d = form.cleaned_data
        services.set_post_duties(self.post_obj(), actor=self.request.user, duties_en=d["duties_en"],
                                 duties_zh=d["duties_zh"])
        return None

    def success_url(self, result) -> str:
        return reverse("responsibility:post-list")


# ---------------------------------------------------------------- teams

class TeamList(Page):
    def get(self, request):
        self.check()
        teams = (SafetyTeam.objects.visible_to(request.user, "responsibility.view_own")
                 .select_related("org_unit").prefetch_related("members").order_by("org_unit__path", "kind"))
        return render(request, "responsibility/team_list.html", {
            "title": _("Safety teams"), "teams": teams,
            "can_create": has_capability(request.user, "responsibility.manage_team")})


class TeamDetail(Page):
    def get(self, request, pk):
        # A member reads her team, even one of the unit above hers (a principal on the central team).
        team = SafetyTeam.objects.select_related("org_unit").filter(pk=pk, members__user=request.user).first() or \
            SafetyTeam.objects.select_related("org_unit").get_visible(request.user, "responsibility.view_own", pk=pk)
        return render(request, "responsibility/team_detail.html", {
            "object": team, "members": team.members.select_related("user"), "history": history_of(team),
            "can_manage": has_capability(request.user, "responsibility.manage_team", team.org_unit.path)})


class TeamCreate(ServiceFormView):
    form_class = forms.TeamForm
    capability = "responsibility.manage_team"
    title = gettext_lazy("Set up a safety team")

    def perform(self, form):
        d = form.cleaned_data
        return services.ensure_team(actor=self.request.user, org_unit=d["org_unit"], kind=d["kind"], name=d["name"],
                                    duties=d["duties"])


class MemberAdd(ServiceFormView):
    form_class = forms.MemberForm
    title = gettext_lazy("Add a team member")

    def team(self) -> SafetyTeam:
        if not hasattr(self, "_team"):
            self._team = SafetyTeam.objects.select_related("org_unit").get_visible(
                self.request.user, "responsibility.manage_team", pk=self.kwargs["pk"])
        return self._team

    def check(self) -> None:
        self.team()

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user, "team": self.team()}

    def perform(self, form):
        d = form.cleaned_data
        services.add_member(self.team(), actor=self.request.user, user=d["user_account"], name=d["name"],
                            team_role=d["team_role"], position=d["position"], contact=d["contact"])
        return self.team()


class MemberRemove(Page):
    def post(self, request, pk):
        member = TeamMember.objects.select_related("team").get_visible(request.user, "responsibility.manage_team",
                                                                       pk=pk)
        services.remove_member(member, actor=request.user)
        messages.success(request, _("Member removed."))
        return HttpResponseRedirect(member.team.get_absolute_url())


# ---------------------------------------------------------------- letters

def unit_label(unit) -> str:
    """Classes are named alike in every school ("Class 1-1"): say whose class it is."""
    if unit.kind == "class" and unit.parent_id and unit.parent.parent_id:
        return f"{unit.parent.parent} · {unit}"
    return str(unit)


def _letter_columns():
    return [
        Column("title", gettext_lazy("Title"), link=True),
        Column("recipient_name", gettext_lazy("Recipient")),
        Column(lambda o: unit_label(o.org_unit), gettext_lazy("Unit")),
        Column("year_label", gettext_lazy("School year"), sort="year"),
        Column(status_badge, gettext_lazy("Status")),
        Column("signed_at", gettext_lazy("Signed at")),
    ]


class AppListView(ScopedListView):
    """A core list page with this app's additions; HTMX row updates still render core's partial."""

    page_template = "core/list.html"

    @property
    def template_name(self) -> str:
        htmx = getattr(self.request, "htmx", None)
        return "core/list.html" if htmx and not htmx.boosted else self.page_template


class LetterList(AppListView):
    page_template = "responsibility/letter_list.html"
    model = ResponsibilityLetter
    capability = "responsibility.view"
    filterset_class = LetterFilter
    title = gettext_lazy("Responsibility letters")
    export_name = "responsibility-letters"
    create_url = "responsibility:letter-batch"
    create_capability = "responsibility.issue"
    create_label = gettext_lazy("Issue letters")
    status_field = "status"
    default_order = ("-year", "org_unit__path", "id")


    columns = _letter_columns()

    def get_queryset(self):
        return letters_for(self.request.user).select_related("org_unit__parent__parent")


class UnsignedLetters(Page):
    """Unsigned letters per unit, with a reminder button for those who issue them."""

    capability = "responsibility.view"

    def get(self, request):
        self.check()
        year = request.GET.get("year") or str(services.school_year_of(timezone.localdate()))
        try:
            year_int = inputs.year(year)
        except DomainError:
            year_int = services.school_year_of(timezone.localdate())
        base = letters_for(request.user).filter(year=year_int)
        by_unit = list(base.values("org_unit", "org_unit__path")
                   .annotate(total=Count("id"), unsigned=Count("id", filter=Q(status=LetterStatus.ISSUED)))
                   .order_by("org_unit__path"))
        unsigned = (base.filter(status=LetterStatus.ISSUED).select_related("org_unit__parent__parent")
                    .order_by("org_unit__path"))
        names = {u.pk: unit_label(u) for u in OrgUnit.objects.filter(
            pk__in=[r["org_unit"] for r in by_unit]).select_related("parent__parent")}
        for row in by_unit:
            row["label"] = names.get(row["org_unit"], "")
        unsigned = list(unsigned)
        for letter in unsigned:
            letter.unit_label = unit_label(letter.org_unit)
        units = forms.units_for(request.user, "responsibility.issue")
        return render(request, "responsibility/unsigned.html", {
            "title": _("Unsigned letters"), "year": year_int, "by_unit": by_unit, "unsigned": unsigned,
            "units": units})


class RemindUnsigned(Page):
    capability = "responsibility.issue"

    def post(self, request):
        unit = OrgUnit.objects.get_visible(request.user, "responsibility.issue", pk=request.POST.get("unit") or 0)
        try:
            sent = services.remind_unsigned(actor=request.user, org_unit=unit, year=request.POST.get("year"))
        except (Forbidden, NotFound):
            raise
        except DomainError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(reverse("responsibility:letter-unsigned"))
        messages.success(request, _("%(n)d reminders sent.") % {"n": sent})
        return HttpResponseRedirect(reverse("responsibility:letter-unsigned") + f"?year={request.POST.get('year')}")


def qr_data_uri(url: str) -> str:
    png = segno.make(url, error="m").png_data_uri(scale=4, border=2)
    return png if png.startswith("data:") else "data:image/png;base64," + base64.b64encode(png).decode()


def verify_url(request, letter) -> str:
    path = reverse("responsibility:verify", args=[letter.pk, services.letter_digest(letter)])
    return request.build_absolute_uri(path)


class LetterDetail(Page):
    def letter(self, request, pk) -> ResponsibilityLetter:
        letter = ResponsibilityLetter.objects.select_related("org_unit", "issuer_unit").get_visible(
            request.user, "org.view", pk=pk)
        if not can_read_letter(request.user, letter):
            raise Forbidden()
        return letter

    def get(self, request, pk):
        letter = self.letter(request, pk)
        return render(request, "responsibility/letter_detail.html", {
            "object": letter, "actions": [LETTER.get(a) for a in LETTER.allowed_actions(letter, request.user)],
            "history": history_of(letter)})


class LetterSign(LetterDetail):
    def get(self, request, pk, form=None, status=200):
        letter = self.letter(request, pk)
        if letter.status == LetterStatus.ISSUED:
            LETTER.check(letter, "sign", request.user)  # someone else's letter: 403 before any form
        form = form or forms.SignForm(user=request.user, initial={"signed_name": letter.recipient_name})
        return render(request, "responsibility/letter_sign.html", {"object": letter, "form": form},
                      status=status)

    def post(self, request, pk):
        letter = self.letter(request, pk)
        form = forms.SignForm(data=request.POST, user=request.user)
        if not form.is_valid():
            return self.get(request, pk, form=form, status=400)
        try:
            services.sign_letter(letter, actor=request.user, signed_name=form.cleaned_data["signed_name"],
                                 signature=form.cleaned_data["signature"])
        except (Forbidden, NotFound):
            raise
        except DomainError as exc:
            if "signature" in exc.fields:  # a hidden field: show its error above the form
                form.add_error(None, exc.fields.pop("signature")[0])
            if exc.fields or not form.errors:
                apply_errors(form, exc)
            return self.get(request, pk, form=form, status=exc.status)
        messages.success(request, _("Letter signed. Thank you."))
        return HttpResponseRedirect(letter.get_absolute_url())


class LetterPdf(LetterDetail):
    def get(self, request, pk):
        letter = self.letter(request, pk)
        url = verify_url(request, letter) if letter.status == LetterStatus.SIGNED else ""
        return pdf_response("responsibility/letter_pdf.html", {
            "letter": letter, "verify_url": url, "qr": qr_data_uri(url) if url else ""},
            f"letter-{letter.pk}", request)


def verify(request, pk: int, digest: str):
    """Public: anyone holding the printed letter checks it against the system, signed in or not."""
    letter = services.verify_letter(pk, digest)
    return render(request, "responsibility/verify.html", {"letter": letter, "valid": letter is not None},
                  status=200 if letter else 404)


class LetterIssue(ServiceFormView):
    form_class = forms.LetterForm
    capability = "responsibility.issue"
    title = gettext_lazy("Issue one responsibility letter")
    submit_label = gettext_lazy("Issue the letter")

    def perform(self, form):
        d = form.cleaned_data
        return services.issue_letter(actor=self.request.user, org_unit=d["org_unit"], recipient=d["recipient"],
                                     year=d["year"], title=d["title"], duties=d["duties"], body=d["body"])


class LetterBatch(ServiceFormView):
    form_class = forms.BatchForm
    capability = "responsibility.issue"
    title = gettext_lazy("Issue letters in a batch")
    submit_label = gettext_lazy("Issue letters")
    template_name = "responsibility/batch_form.html"

    def perform(self, form):
        d = form.cleaned_data
        result = services.issue_batch(actor=self.request.user, org_unit=d["org_unit"], kind=d["kind"],
                                      year=d["year"], language=d["language"])
        messages.success(self.request, _("%(n)d letters issued; %(m)d recipients already had theirs.")
                         % {"n": len(result.created), "m": result.existing})
        return result

    def success_url(self, result) -> str:
        return reverse("responsibility:letter-list")


class LetterRenew(LetterBatch):
    form_class = forms.RenewForm
    title = gettext_lazy("Renew letters for a new school year")
    submit_label = gettext_lazy("Renew the letters")

    def perform(self, form):
        d = form.cleaned_data
        result = services.renew_letters(actor=self.request.user, org_unit=d["org_unit"],
                                        from_year=d["from_year"], to_year=d["year"], language=d["language"])
        messages.success(self.request, _("%(n)d letters issued; %(m)d recipients already had theirs.")
                         % {"n": len(result.created), "m": result.existing})
        return result


class TemplateList(AppListView):
    page_template = "responsibility/template_list.html"
    model = LetterTemplate
    capability = "responsibility.edit_templates"
    title = gettext_lazy("Letter templates")
    export_name = "letter-templates"
    default_order = ("org_unit__path", "level")
    columns = [Column("__str__", gettext_lazy("Title"), link=True), Column("get_level_display", gettext_lazy("Level")),
               Column("org_unit", gettext_lazy("Unit"))]

    select_related = ("org_unit",)

    def extra_context(self) -> dict:
        return {"template_units": forms.units_for(self.request.user, "responsibility.edit_templates")}


class TemplateCreate(Page):
    """Copy the shipped wording into templates of the chosen unit, so it can word its own letters."""

    capability = "responsibility.edit_templates"

    def post(self, request):
        unit = OrgUnit.objects.get_visible(request.user, "responsibility.edit_templates",
                                           pk=request.POST.get("unit") or 0)
        if unit.kind not in ("central_school", "school"):
            messages.error(request, _("Templates belong to a school or the central school."))
        else:
            services.ensure_templates(actor=request.user, org_unit=unit)
            messages.success(request, _("The unit now has its own letter templates."))
        return HttpResponseRedirect(reverse("responsibility:template-list"))


class TemplateEdit(ServiceFormView):
    form_class = forms.TemplateForm
    title = gettext_lazy("Edit a letter template")

    def template_obj(self) -> LetterTemplate:
        return LetterTemplate.objects.get_visible(self.request.user, "responsibility.edit_templates",
                                                  pk=self.kwargs["pk"])

    def check(self) -> None:
        self.template_obj()

    def get(self, request, *args, **kwargs):
        tpl = self.template_obj()
        return self.render_form(self.form_class(user=request.user, initial={
            "title": tpl.title, "title_zh": tpl.title_zh, "body": tpl.body, "body_zh": tpl.body_zh,
            "version": tpl.version}))

    def perform(self, form):
        d = form.cleaned_data
        services.update_template(self.template_obj(), actor=self.request.user, title=d["title"],
                                 title_zh=d["title_zh"], body=d["body"], body_zh=d["body_zh"],
                                 expected_version=d.get("version"))
        return None

    def success_url(self, result) -> str:
        return reverse("responsibility:template-list")
