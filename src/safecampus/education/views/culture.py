"""Campaigns and the news and model cases published under them."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy

from safecampus.core.views.generic import Column, ScopedDetailView, ScopedListView, ServiceFormView

from .. import services
from ..filters import CampaignFilter
from ..forms import CampaignForm, StoryForm
from ..models import Campaign


def reachable(user):
    """Campaigns in the reader's scope, and those of the units above it: a school takes part in its
    central school's and the authority's campaigns."""
    from safecampus.core.permissions import scope_paths

    roots = scope_paths(user, "education.view")
    if not roots:
        return Campaign.objects.none()
    above = {int(p) for r in roots for p in r.split("/") if p}
    return Campaign.objects.filter(Q(pk__in=Campaign.objects.visible_to(user, "education.view").values("pk"))
                                   | Q(org_unit_id__in=above))


def reachable_one(user, pk) -> Campaign:
    from safecampus.core.errors import NotFound

    try:
        obj = reachable(user).select_related("org_unit").filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        obj = None
    if obj is None:
        raise NotFound()
    return obj


class CampaignList(ScopedListView):
    model = Campaign
    queryset = Campaign.objects.select_related("org_unit")
    capability = "education.view"
    filterset_class = CampaignFilter
    title = gettext_lazy("Safety campaigns")
    export_name = "safety-campaigns"
    create_url = "education:campaign-new"
    create_capability = "education.publish"
    create_label = gettext_lazy("New campaign")
    default_order = ("-starts_on", "-id")
    columns = [
        Column("title", gettext_lazy("Title"), link=True),
        Column("get_kind_display", gettext_lazy("Kind")),
        Column("starts_on", gettext_lazy("Starts on"), sort="starts_on"),
        Column("ends_on", gettext_lazy("Ends on")),
        Column("org_unit", gettext_lazy("Run by")),
    ]

    def base_queryset(self):
        return reachable(self.request.user).select_related("org_unit")


class CampaignDetail(ScopedDetailView):
    model = Campaign
    queryset = Campaign.objects.select_related("org_unit")
    capability = "education.view"
    template_name = "education/culture/detail.html"
    fields = [Column("get_kind_display", gettext_lazy("Kind")), Column("starts_on", gettext_lazy("Starts on")),
              Column("ends_on", gettext_lazy("Ends on")), Column("org_unit", gettext_lazy("Run by")),
              Column("description", gettext_lazy("Description"))]

    def get_object(self):
        return reachable_one(self.request.user, self.kwargs["pk"])

    def get_context(self, obj) -> dict:
        from safecampus.core.permissions import scope_paths
        from safecampus.core.scoping import path_q

        context = super().get_context(obj)
        roots = scope_paths(self.request.user, "education.view")
        # What the reader's units published and what the units above them published for everyone.
        above = {int(p) for r in roots for p in r.split("/") if p}
        context["stories"] = (obj.stories.filter(path_q("org_unit__path", roots) | Q(org_unit_id__in=above))
                              .select_related("org_unit").order_by("-published_on", "-id"))
        return context


class NewCampaign(ServiceFormView):
    form_class = CampaignForm
    template_name = "education/form.html"
    title = gettext_lazy("New campaign")
    capability = "education.publish"
    success_message = gettext_lazy("Campaign created.")

    def perform(self, form):
        data = form.cleaned_data
        return services.create_campaign(actor=self.request.user, org_unit=data["org_unit"], title=data["title"],
                                        kind=data["kind"], starts_on=data["starts_on"], ends_on=data["ends_on"],
                                        description=data["description"])

    def extra_context(self) -> dict:
        return {"cancel_url": "education:campaigns"}


class PublishStory(ServiceFormView):
    form_class = StoryForm
    template_name = "education/form.html"
    title = gettext_lazy("Publish news or a model case")
    capability = "education.publish"
    success_message = gettext_lazy("Published.")

    def campaign(self) -> Campaign:
        if not hasattr(self, "_campaign"):
            self._campaign = reachable_one(self.request.user, self.kwargs["pk"])
        return self._campaign

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "campaign": self.campaign()}

    def perform(self, form):
        data = form.cleaned_data
        photo = data.get("photo")
        services.publish_story(self.campaign(), actor=self.request.user, org_unit=data["org_unit"],
                               kind=data["kind"], title=data["title"], body=data["body"],
                               photos=[photo] if photo else [])
        return self.campaign()

    def success_url(self, result) -> str:
        return result.get_absolute_url()

    def extra_context(self) -> dict:
        return {"cancel_href": self.campaign().get_absolute_url()}
