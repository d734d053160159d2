"""Who may open each dormitory, large activity and vaccination page and endpoint: 401/login, 404 out of
scope, 403 without the right (the required level only approves an activity)."""

from __future__ import annotations

from datetime import timedelta

from safecampus.core.testing.matrix import Case, matrix_test


def _free_bed_and_pupil(world):
    from safecampus.operations.models import DormBed
    from safecampus.org.models import Student

    bed = DormBed.objects.filter(org_unit=world.school_a).exclude(stays__active=True).order_by("id").first()
    pupil = Student.objects.filter(org_unit=world.class_a).exclude(dorm_stays__active=True).order_by("id").first()
    return {"data": {"student": pupil.pk, "bed": bed.pk}}


def _stay(data=None):
    def setup(world):
        from safecampus.operations.models import Resident

        made = {"kwargs": {"pk": Resident.objects.filter(org_unit=world.school_a, active=True).first().pk}}
        if data is not None:
            made["data"] = data
        return made
    return setup


def _check(world):
    from safecampus.operations.models import BedCheck

    return {"kwargs": {"pk": BedCheck.objects.filter(org_unit=world.school_a).order_by("-date").first().pk}}


def _tonight(world):
    return {"data": {"org_unit": world.school_a.pk, "absent": []}}


def _tonight_page(world):
    return {"data": {"school": world.school_a.pk}}


def _pending(world):
    from safecampus.operations.models import Activity

    return {"kwargs": {"pk": Activity.objects.filter(org_unit=world.school_a).order_by("id").first().pk}}


def _school_level(data):
    def setup(world):
        from django.utils import timezone

        from safecampus.operations.services.activities import apply

        item = apply(actor=world.user("officer_a"), org_unit=world.school_a, title="Class picnic", place="Playground",
                     starts_at=timezone.now() + timedelta(days=30), expected_people=60, safety_plan="Head counts")
        return {"kwargs": {"pk": item.pk}, "data": data}
    return setup


def _new_activity(world):
    from django.utils import timezone

    return {"data": {"org_unit": world.school_a.pk, "title": "Outing", "place": "Park", "expected_people": 50,
                     "starts_at": (timezone.now() + timedelta(days=30)).isoformat(), "safety_plan": "Head counts"}}


def _pupil(world):
    from safecampus.org.models import Student

    return Student.objects.filter(org_unit=world.class_a).order_by("id").first()


def _new_check(world):
    return {"data": {"student": _pupil(world).pk, "status": "complete"}}


def _vaccination(world):
    from safecampus.operations.models import VaccinationCheck

    return {"kwargs": {"pk": VaccinationCheck.objects.filter(student=_pupil(world)).first().pk}}


CASES = [
    # API
    Case("dormitory-resident-list", query="", allowed=("dorm_a", "teacher_a", "guard_a", "central"), ok=(200,)),
    Case("dormitory-resident-list", method="post", id="POST dormitory-resident-list", setup=_free_bed_and_pupil,
         allowed=("dorm_a", "officer_a"), forbidden=("teacher_a", "guard_a", "central"), ok=(201,)),
    Case("dormitory-resident-detail", setup=_stay(), allowed=("dorm_a", "teacher_a", "central"),
         hidden=("officer_b",), ok=(200,)),
    Case("bed-check-list", allowed=("dorm_a", "teacher_a", "central", "authority"), ok=(200,)),
    Case("bed-check-list", method="post", id="POST bed-check-list", setup=_tonight,
         allowed=("dorm_a", "officer_a", "principal_a"), forbidden=("teacher_a", "guard_a", "central"), ok=(201,)),
    Case("bed-check-detail", setup=_check, allowed=("dorm_a", "teacher_a", "central"), hidden=("officer_b",),
         ok=(200,)),
    Case("activity-list", allowed=("teacher_a", "guard_a", "central", "authority"), ok=(200,)),
    Case("activity-list", method="post", id="POST activity-list", setup=_new_activity,
         allowed=("officer_a", "principal_a"), forbidden=("teacher_a", "guard_a", "dorm_a", "central"), ok=(201,)),
    Case("activity-detail", setup=_pending, allowed=("guard_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("activity-approve", method="post", setup=_school_level({"note": ""}), allowed=("principal_a",),
         forbidden=("officer_a", "central", "authority"), hidden=("officer_b", "principal_b"), ok=(200,)),
    Case("activity-reject", method="post", setup=_school_level({"note": "Not this term"}), allowed=("principal_a",),
         forbidden=("officer_a", "central", "authority"), hidden=("officer_b", "principal_b"), ok=(200,)),
    Case("vaccination-check-list", allowed=("doctor_a", "officer_a", "principal_a", "central", "authority"),
         forbidden=("teacher_a", "guard_a", "dorm_a"), ok=(200,)),
    Case("vaccination-check-list", method="post", id="POST vaccination-check-list", setup=_new_check,
         allowed=("doctor_a", "officer_a"), forbidden=("teacher_a", "principal_a", "central"), ok=(201,)),
    Case("vaccination-check-detail", setup=_vaccination, allowed=("doctor_a", "principal_a", "central"),
         forbidden=("teacher_a",), hidden=("officer_b",), ok=(200,)),
    # Pages
    Case("operations:dormitory", allowed=("dorm_a", "teacher_a", "central"), ok=(200,)),
    Case("operations:dormitory", id="operations:dormitory of a school", allowed=("dorm_a", "central"),
         hidden=("officer_b",), ok=(200,), setup=lambda world: {"query": f"?school={world.school_a.pk}"}),
    Case("operations:bed-check", allowed=("dorm_a", "officer_a"), forbidden=("teacher_a", "guard_a", "central"),
         ok=(200,)),
    Case("operations:bed-check", method="post", id="POST operations:bed-check", setup=_tonight_page,
         allowed=("dorm_a", "officer_a"), forbidden=("teacher_a", "guard_a"), ok=(302,)),
    Case("operations:bed-check-detail", setup=_check, allowed=("dorm_a", "teacher_a", "central"),
         hidden=("officer_b",), ok=(200,)),
    Case("operations:absences", allowed=("dorm_a", "teacher_a", "central", "authority"), ok=(200,)),
    Case("operations:dorm-room-new", allowed=("dorm_a", "officer_a"), forbidden=("teacher_a", "central"), ok=(200,)),
    Case("operations:boarder-new", allowed=("dorm_a", "principal_a"), forbidden=("teacher_a", "central"),
         ok=(200,)),
    Case("operations:boarder-out", method="post", setup=_stay({"version": 1}), allowed=("dorm_a",),
         forbidden=("teacher_a", "guard_a"), hidden=("officer_b",), ok=(302,)),
    Case("operations:activities", allowed=("teacher_a", "guard_a", "central", "authority"), ok=(200,)),
    Case("operations:activity-new", allowed=("officer_a", "principal_a"), forbidden=("teacher_a", "guard_a", "central"),
         ok=(200,)),
    Case("operations:activity-detail", setup=_pending, allowed=("guard_a", "central"), hidden=("officer_b",),
         ok=(200,)),
    Case("operations:activity-decide", method="post", setup=_school_level({"decision": "approve", "note": ""}),
         allowed=("principal_a",), forbidden=("officer_a", "central"), hidden=("officer_b",), ok=(302,)),
    Case("operations:vaccination", allowed=("doctor_a", "officer_a", "central"), forbidden=("teacher_a", "guard_a"),
         ok=(200,)),
    Case("operations:vaccination-new", allowed=("doctor_a", "officer_a"), forbidden=("teacher_a", "principal_a"),
         ok=(200,)),
    Case("operations:vaccination-detail", setup=_vaccination, allowed=("doctor_a", "central"),
         forbidden=("teacher_a",), hidden=("officer_b",), ok=(200,)),
]

test_matrix = matrix_test(CASES)
