"""The records this app keeps in a school's semester archive (core.archive; read by the reports app)."""

from __future__ import annotations

from safecampus.core.archive import model_kind, register

register(model_kind("education.lesson", "education", "education.Lesson", "held_on", order=10,
                    select_related=("topic", "org_unit"), title=lambda x: f"{x.org_unit} · {x.topic}"))
register(model_kind("education.parent_notice", "education", "education.ParentNotice", "sent_on", order=20,
                    title=lambda n: n.title))
register(model_kind("education.training", "education", "education.TrainingSession", "held_on", order=30,
                    title=lambda t: t.title))
register(model_kind("education.campaign", "education", "education.Campaign", "starts_on", order=40,
                    title=lambda c: c.title))
register(model_kind("education.story", "education", "education.Story", "published_on", order=41,
                    title=lambda s: s.title))
