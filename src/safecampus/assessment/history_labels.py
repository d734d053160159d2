"""How assessment's audit changes read in a history (``core.history``): keys that are not fields."""

from django.utils.translation import gettext_lazy as _

from safecampus.core.labels import CHANGE_CHOICES, CHANGE_LABELS, CHANGE_REFS, HIDDEN_CHANGES


def indicator_title(code: str) -> str:
    """An indicator's title in the reader's language (from the default scheme, else the registry)."""
    from .models import SchemeItem
    from .registry import get

    item = SchemeItem.objects.filter(code=code).order_by("scheme__org_unit_id", "id").first()
    if item is not None:
        return item.display_title
    provider = get(code)
    if provider is not None:
        from django.utils.translation import get_language

        zh = (get_language() or "").lower().startswith("zh")
        return provider.title_zh if zh and provider.title_zh else provider.title
    return str(_("Indicator"))


CHANGE_LABELS.update({"copied_from": _("Copied from"), "assessment.marked:indicator": _("Indicator"),
                      "assessment.self_assessed:indicator": _("Indicator")})
CHANGE_REFS.update({"copied_from": "assessment.scheme"})
CHANGE_CHOICES.update({"assessment.marked:indicator": indicator_title,
                       "assessment.self_assessed:indicator": indicator_title})
HIDDEN_CHANGES.update({"assessment.item_added:code"})
