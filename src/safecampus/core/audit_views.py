"""The authority's view of the witness: the last signed head of every central school's chain
(a page, and a panel on the home page of those who read a whole district's trail)."""

from __future__ import annotations

import json

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .audit_witness import payload, signature_ok, to_file_data
from .models import AuditChain, AuditCheckpoint
from .permissions import grants_of

PANEL_ROWS = 5


def witnessed_heads(user) -> list[dict]:
    """One row per central school the user reads the trail of: its last checkpoint and length now."""
    OrgUnit = apps.get_model("org", "OrgUnit")
    centrals = list(OrgUnit.objects.visible_to(user, "audit.view").filter(kind="central_school").order_by("path"))
    keys = [f"cs{unit.pk}" for unit in centrals]
    latest: dict[str, AuditCheckpoint] = {}
    for cp in AuditCheckpoint.objects.filter(chain__in=keys).order_by("chain", "made_at"):
        latest[cp.chain] = cp
    lengths = dict(AuditChain.objects.filter(key__in=keys).values_list("key", "length"))
    rows = []
    for unit, key in zip(centrals, keys, strict=True):
        cp = latest.get(key)
        rows.append({"unit": unit, "checkpoint": cp, "length": lengths.get(key, 0),
                     "signed": bool(cp) and signature_ok({**payload(cp), "signature": cp.signature})})
    return rows


def _reads_a_district(user) -> bool:
    """audit.view held at an authority or central school (paths "/a/" and "/a/c/"): no query."""
    return any(g.path.count("/") <= 3 and g.allows("audit.view") for g in grants_of(user))


@login_required
def witness(request):
    rows = witnessed_heads(request.user) if _reads_a_district(request.user) else []
    if not rows:
        # Only those who read a whole district's trail (central school, authority) witness it.
        raise PermissionDenied
    return render(request, "core/audit_witness.html", {"rows": rows})


@login_required
def witness_file(request):
    """The stored checkpoints of the reader's central schools as the signed file `audit verify
    --checkpoints` reads: the authority keeps a copy outside the database."""
    rows = witnessed_heads(request.user) if _reads_a_district(request.user) else []
    if not rows:
        raise PermissionDenied
    keys = [f"cs{row['unit'].pk}" for row in rows]
    data = to_file_data(AuditCheckpoint.objects.filter(chain__in=keys).order_by("made_at", "chain"))
    response = HttpResponse(json.dumps(data, indent=1) + "\n", content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="audit-checkpoints.json"'
    return response


def witness_panel(request) -> dict | None:
    if not _reads_a_district(request.user):
        return None
    rows = witnessed_heads(request.user)
    if not rows:
        return None
    return {"template": "core/panel_audit_witness.html", "title": _("Witnessed audit trail"),
            "items": rows[:PANEL_ROWS], "more": len(rows) > PANEL_ROWS}
