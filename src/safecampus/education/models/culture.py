"""Safety culture: campaigns with dates, and the news and model cases published under them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import CampaignKind, StoryKind


class Campaign(ScopedModel):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CampaignKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("campaign")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("education:campaign-detail", args=[self.pk])


class Story(ScopedModel):
    """News or a model case; ``org_unit`` is the unit that published it (at or below the campaign's)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="stories",
                                 verbose_name=_("campaign"))
    kind = models.CharField(_("kind"), max_length=12, choices=StoryKind.choices, default=StoryKind.NEWS)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    published_on = models.DateField(_("published on"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                     related_name="+")

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return self.title
