"""The records this app keeps in a school's semester archive (core.archive; read by the reports app)."""

from __future__ import annotations

from safecampus.core.archive import model_kind, register

register(model_kind("incidents.incident", "incidents", "incidents.Incident", "filed_at", order=10,
                    title=lambda i: f"{i.get_kind_display()} · {i.get_severity_display()} · {i.location}"))
register(model_kind("incidents.amendment", "incidents", "incidents.Amendment", "at", order=11,
                    select_related=("incident",), title=lambda a: f"{a.incident} · {a.reason[:80]}"))
register(model_kind("incidents.follow_up", "incidents", "incidents.FollowUp", "at", order=12,
                    select_related=("incident",), title=lambda f: f"{f.incident} · {f.get_kind_display()}"))
register(model_kind("incidents.investigation", "incidents", "incidents.Investigation", "at", order=13,
                    select_related=("incident",), title=lambda i: f"{i.incident} · {i.findings[:80]}"))
register(model_kind("incidents.info_report", "incidents", "incidents.InfoReport", "submitted_at", order=14,
                    select_related=("org_unit",), title=lambda r: f"{r.month:%Y-%m} · {r.summary[:80]}"))
register(model_kind("incidents.notice", "incidents", "incidents.Notice", "published_at", order=15,
                    title=lambda n: n.title))
register(model_kind("incidents.accountability", "incidents", "incidents.AccountabilityRecord", "decided_on",
                    order=16, title=str))
