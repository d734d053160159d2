"""Authorization matrix of every page and endpoint of the responsibility app."""

from datetime import date

import pytest

from safecampus.core.testing.matrix import Case, matrix_test

from .helpers import (
    letter_kw,
    meeting_kw,
    open_action_of,
    post_kw,
    rule_kw,
    team_kw,
    temp_member,
    template_kw,
    unacknowledged_rule_kw,
)


def _remind(w):
    return {"data": {"unit": w.school_a.pk, "year": str(date.today().year if date.today().month >= 9
                                                          else date.today().year - 1)}}


def _new_letter(w):
    return {"data": {"org_unit": w.school_a.pk, "recipient": w.user("teacher_a").pk, "year": 2031,
                     "title": "临时责任书", "duties": ["上好安全课"]}}


def _new_meeting(w):
    return {"data": {"org_unit": w.school_a.pk, "kind": "special", "held_at": "2026-10-10T09:00:00+08:00",
                     "title": "专题会议", "minutes": "纪要", "attendees": [w.user("teacher_a").pk],
                     "actions": [{"title": "检查", "owner": w.user("teacher_a").pk, "due": "2026-10-20"}]}}


def _verify(w):
    from safecampus.responsibility.services import letter_digest

    from .helpers import letter_of

    letter = letter_of(w, "officer_a")
    return {"kwargs": {"pk": letter.pk, "digest": letter_digest(letter)}}


CASES = [
    # pages
    Case("responsibility:my-duties", allowed=("teacher_a", "guard_a", "officer_a", "central")),
    Case("responsibility:my-letters", allowed=("teacher_a", "guard_a", "central")),
    Case("responsibility:post-list", allowed=("teacher_a", "central")),
    Case("responsibility:post-edit", setup=post_kw, allowed=("central",), forbidden=("principal_a", "teacher_a")),
    Case("responsibility:team-list", allowed=("teacher_a", "officer_a", "central")),
    Case("responsibility:team-create", allowed=("officer_a", "principal_a", "central"),
         forbidden=("teacher_a", "guard_a")),
    Case("responsibility:team-detail", setup=team_kw("school_b"), allowed=("officer_b", "teacher_b", "central"),
         hidden=("officer_a", "teacher_a")),
    Case("responsibility:member-add", setup=team_kw("school_a"), allowed=("officer_a", "principal_a", "central"),
         forbidden=("teacher_a",), hidden=("officer_b",)),
    Case("responsibility:member-remove", method="post", setup=temp_member, allowed=("officer_a", "central"),
         forbidden=("teacher_a",), hidden=("officer_b",)),
    Case("responsibility:letter-list", allowed=("officer_a", "principal_a", "central", "authority"),
         forbidden=("teacher_a", "guard_a")),
    Case("responsibility:letter-issue", allowed=("officer_a", "central"), forbidden=("teacher_a",)),
    Case("responsibility:letter-batch", allowed=("principal_a", "central"), forbidden=("teacher_a",)),
    Case("responsibility:letter-renew", allowed=("principal_a", "central"), forbidden=("guard_a",)),
    Case("responsibility:letter-unsigned", allowed=("officer_a", "central"), forbidden=("teacher_a",)),
    Case("responsibility:letter-remind", method="post", setup=_remind, allowed=("officer_a", "central"),
         forbidden=("teacher_a",), hidden=("officer_b",)),
    Case("responsibility:letter-detail", setup=letter_kw("teacher_a"),
         allowed=("teacher_a", "officer_a", "principal_a", "central"), forbidden=("guard_a",),
         hidden=("officer_b", "teacher_b")),
    Case("responsibility:letter-sign", setup=letter_kw("teacher_a"), allowed=("teacher_a",),
         forbidden=("officer_a", "guard_a"), hidden=("officer_b",)),
    Case("responsibility:letter-sign", method="post", id="POST sign (web)", setup=lambda w: {
        **letter_kw("teacher_a")(w), "data": {"confirm": "on", "signed_name": "周老师"}},
         allowed=("teacher_a",), forbidden=("officer_a", "principal_a"), hidden=("officer_b",)),
    Case("responsibility:letter-pdf", setup=letter_kw("officer_a"), allowed=("officer_a", "principal_a"),
         forbidden=("guard_a",), hidden=("officer_b",)),
    # Public: checked without signing in; its own tests are in test_letters.py.
    Case("responsibility:verify", setup=_verify, allowed=("teacher_b",)),
    Case("responsibility:template-list", allowed=("central", "principal_a"), forbidden=("officer_a", "teacher_a")),
    Case("responsibility:template-create", method="post", setup=lambda w: {"data": {"unit": w.school_a.pk}},
         allowed=("principal_a", "central"), forbidden=("officer_a",), hidden=("principal_b",)),
    Case("responsibility:template-edit", setup=template_kw, allowed=("central",), forbidden=("authority",),
         hidden=("principal_a",)),
    Case("responsibility:meeting-list", allowed=("teacher_a", "officer_a", "central")),
    Case("responsibility:meeting-create", allowed=("officer_a", "principal_a", "central"),
         forbidden=("teacher_a",)),
    Case("responsibility:meeting-detail", setup=meeting_kw, allowed=("teacher_a", "officer_a", "central"),
         hidden=("officer_b",)),
    Case("responsibility:meeting-pdf", setup=meeting_kw, allowed=("officer_a",), hidden=("officer_b",)),
    Case("responsibility:action-done", method="post", setup=open_action_of("teacher_a"),
         allowed=("teacher_a", "officer_a"), forbidden=("guard_a",), hidden=("officer_b",)),
    Case("responsibility:rule-list", allowed=("teacher_a", "central")),
    Case("responsibility:rule-adopt", allowed=("principal_a", "central"), forbidden=("officer_a", "teacher_a")),
    Case("responsibility:rule-coverage", allowed=("officer_a", "central"), forbidden=("teacher_a",)),
    Case("responsibility:rule-detail", setup=rule_kw(), allowed=("teacher_a", "central"), hidden=("officer_b",)),
    Case("responsibility:rule-acknowledge", method="post", setup=unacknowledged_rule_kw, allowed=("teacher_a",),
         forbidden=("central",), hidden=("officer_b",)),
    Case("responsibility:rule-revise", setup=rule_kw(), allowed=("principal_a", "central"),
         forbidden=("officer_a", "teacher_a"), hidden=("principal_b",)),
    # API
    Case("post-list", allowed=("teacher_a", "guard_a", "central"), ok=(200,)),
    Case("post-detail", setup=post_kw, allowed=("teacher_a",), ok=(200,)),
    Case("responsibility-letter-list", allowed=("teacher_a", "officer_a", "central"), ok=(200,)),
    Case("responsibility-letter-list", method="post", id="POST letters", setup=_new_letter,
         allowed=("principal_a", "officer_a", "central"), forbidden=("teacher_a", "guard_a"), ok=(201,)),
    Case("responsibility-letter-detail", setup=letter_kw("teacher_a"), allowed=("teacher_a", "officer_a", "central"),
         forbidden=("guard_a",), hidden=("officer_b",), ok=(200,)),
    Case("responsibility-letter-sign", method="post", setup=lambda w: {**letter_kw("teacher_a")(w), "data": {}},
         allowed=("teacher_a",), forbidden=("officer_a", "guard_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("meeting-list", allowed=("teacher_a", "officer_a", "central"), ok=(200,)),
    Case("meeting-list", method="post", id="POST meetings", setup=_new_meeting, allowed=("officer_a", "principal_a"),
         forbidden=("teacher_a", "guard_a"), ok=(201,)),
    Case("meeting-detail", setup=meeting_kw, allowed=("teacher_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("safety-team-list", allowed=("teacher_a", "officer_b", "central"), ok=(200,)),
    Case("safety-team-detail", setup=team_kw("school_b"), allowed=("teacher_b", "central"),
         hidden=("officer_a", "teacher_a"), ok=(200,)),
    Case("rule-list", allowed=("teacher_a", "guard_a", "central"), ok=(200,)),
    Case("rule-detail", setup=rule_kw(), allowed=("teacher_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("rule-acknowledge", method="post", setup=unacknowledged_rule_kw, allowed=("teacher_a", "guard_a"),
         forbidden=("central",), hidden=("officer_b",), ok=(200,)),
]

# The verification page is public, so the matrix's "anonymous is sent to sign in" rule does not
# apply to it; test_letters.py proves anonymous readers get the verdict.
test_matrix = matrix_test([c for c in CASES if c.url_name != "responsibility:verify"])


@pytest.mark.django_db
def test_verify_page_is_public_for_the_genuine_letter():
    from safecampus.core.testing.personas import World

    world = World()
    made = _verify(world)
    from django.urls import reverse

    response = world.web(None).get(reverse("responsibility:verify", kwargs=made["kwargs"]))
    assert response.status_code == 200
