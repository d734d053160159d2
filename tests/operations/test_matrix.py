"""Who may open each operations page and endpoint: 401/login, 404 out of scope, 403 without the right."""

from __future__ import annotations

from safecampus.core.testing.matrix import Case, matrix_test

from .helpers import duty_log, id_number, route, visitor


def _visitor(school="school_a", who="guard_a", data=None):
    def setup(world):
        made = {"kwargs": {"pk": visitor(world, school=school, who=who).pk}}
        if data is not None:
            made["data"] = data
        return made
    return setup


def _new_visitor(world):
    return {"data": {"org_unit": world.school_a.pk, "name": "访客", "id_number": id_number(), "purpose": "开会"}}


def _new_watch(world):
    return {"data": {"org_unit": world.school_a.pk, "id_number": id_number(), "reason": "court order"}}


def _watch_entry(world):
    from safecampus.operations.services.visitors import add_to_watchlist

    entry = add_to_watchlist(actor=world.user("officer_a"), org_unit=world.school_a, id_number=id_number(),
                             reason="known risk")
    return {"kwargs": {"pk": entry.pk}}


def _visitor_form(world):
    return {"data": {"org_unit": world.school_a.pk, "name": "访客", "id_number": id_number(), "purpose": "开会"}}


def _log(data=None):
    def setup(world):
        made = {"kwargs": {"pk": duty_log(world, shift="holiday").pk}}
        if data is not None:
            made["data"] = data(world) if callable(data) else data
        return made
    return setup


def _assignment(data=None):
    def setup(world):
        from safecampus.operations.models import DutyAssignment

        item = DutyAssignment.objects.filter(org_unit=world.school_a, user=world.user("duty_a")).first()
        made = {"kwargs": {"pk": item.pk}}
        if data is not None:
            made["data"] = data(world) if callable(data) else data
        return made
    return setup


def _new_log(world):
    from safecampus.operations.people import local_today

    return {"data": {"org_unit": world.school_a.pk, "date": local_today(world.school_a).isoformat(),
                     "shift": "holiday", "leader": world.user("principal_a").pk, "summary": "ok"}}


def _new_assignment(world):
    return {"data": {"org_unit": world.school_a.pk, "date": "2099-01-01", "shift": "night",
                     "user": world.user("teacher_a").pk}}


def _to(name, **extra):
    return lambda world: {"to_user": world.user(name).pk, **extra}


def _route(world):
    return {"kwargs": {"pk": route(world).pk}}


def _new_route(world):
    return {"data": {"org_unit": world.school_a.pk, "name": "Fire", "kind": "fire", "checkpoints": [{"name": "A"}]}}


def _checkin(world):
    return {"data": {"code": route(world).checkpoints.first().code, "note": ""}}


def _checkin_row(world):
    from safecampus.operations.services.patrols import check_in

    return {"kwargs": {"pk": check_in(actor=world.user("guard_a"), code=route(world).checkpoints.first().code).pk}}


def _pupil(world):
    from safecampus.org.models import Student

    return Student.objects.filter(org_unit=world.class_a).order_by("-id").first()


def _pupil_kwargs(world):
    return {"kwargs": {"pk": _pupil(world).pk}}


def _new_adult(world):
    return {"data": {"student": _pupil(world).pk, "name": "外婆", "relation": "外婆", "phone": ""}}


def _adult(world):
    from safecampus.operations.services.pickup import create_authorisation

    return {"kwargs": {"pk": create_authorisation(actor=None, student=_pupil(world), name="A", relation="B").pk}}


def _refusal(world):
    return {"data": {"student": _pupil(world).pk, "collector_name": "陌生人", "relation": "?"}}


def _pickup_row(world):
    from safecampus.operations.services.pickup import create_pickup

    return {"kwargs": {"pk": create_pickup(actor=None, student=_pupil(world), collector_name="陌生人").pk}}


def _class_query(world):
    return {"query": f"?org_unit={world.class_a.pk}"}


def _class_kwargs(world):
    return {"kwargs": {"pk": world.class_a.pk}}


def _defence(data=None):
    def setup(world):
        from safecampus.operations.models import Defence

        made = {"kwargs": {"pk": Defence.objects.get(org_unit=world.school_a, kind="gate_barrier").pk}}
        if data is not None:
            made["data"] = data
        return made
    return setup


def _new_defence(world):
    from safecampus.operations.models import Defence, DefenceCheck

    DefenceCheck.objects.filter(defence__org_unit=world.school_a, defence__kind="intrusion_alarm").delete()
    Defence.objects.filter(org_unit=world.school_a, kind="intrusion_alarm").delete()
    return {"data": {"org_unit": world.school_a.pk, "kind": "intrusion_alarm"}}


SCHOOL_A_STAFF = ("teacher_a", "canteen_a")

CASES = [
    # API
    Case("visitor-list", allowed=("guard_a", "officer_a", "principal_a", "central", "authority"),
         forbidden=SCHOOL_A_STAFF, ok=(200,)),
    Case("visitor-list", method="post", id="POST visitor-list", setup=_new_visitor,
         allowed=("guard_a", "officer_a", "principal_a"), forbidden=("teacher_a", "central", "authority"), ok=(201,)),
    Case("visitor-detail", setup=_visitor(), allowed=("guard_a", "officer_a", "central", "authority"),
         forbidden=SCHOOL_A_STAFF, hidden=("officer_b", "principal_c"), ok=(200,)),
    Case("visitor-leave", method="post", setup=_visitor(data={}), allowed=("guard_a", "officer_a"),
         forbidden=("teacher_a", "central", "authority"), hidden=("officer_b",), ok=(200,)),
    Case("visitor-watchlist-list", allowed=("officer_a", "principal_a", "central"),
         forbidden=("guard_a", "teacher_a", "authority"), ok=(200,)),
    Case("visitor-watchlist-list", method="post", id="POST visitor-watchlist-list", setup=_new_watch,
         allowed=("officer_a", "principal_a", "central"), forbidden=("guard_a", "teacher_a", "authority"), ok=(201,)),
    Case("duty-log-list", allowed=("guard_a", "teacher_a", "officer_a", "central", "authority"), ok=(200,)),
    Case("duty-log-list", method="post", id="POST duty-log-list", setup=_new_log,
         allowed=("duty_a", "officer_a", "principal_a"), forbidden=("guard_a", "teacher_a", "central", "authority"),
         ok=(201,)),
    Case("duty-log-detail", setup=_log(), allowed=("guard_a", "officer_a", "central"), hidden=("officer_b",),
         ok=(200,)),
    Case("duty-log-handover", method="post", setup=_log(_to("guard_a")), allowed=("duty_a", "officer_a"),
         forbidden=("guard_a", "teacher_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("duty-assignment-list", allowed=("guard_a", "officer_a", "central"), ok=(200,)),
    Case("duty-assignment-list", method="post", id="POST duty-assignment-list", setup=_new_assignment,
         allowed=("officer_a", "principal_a"), forbidden=("duty_a", "guard_a", "central"), ok=(201,)),
    Case("duty-assignment-detail", setup=_assignment(), allowed=("duty_a", "officer_a", "central"),
         hidden=("officer_b",), ok=(200,)),
    Case("duty-assignment-swap", method="post", setup=_assignment(_to("teacher_a", reason="ill")),
         allowed=("officer_a", "principal_a"), forbidden=("duty_a", "guard_a", "central"), hidden=("officer_b",),
         ok=(200,)),
    Case("visitor-watchlist-detail", setup=_watch_entry, allowed=("officer_a", "central"),
         forbidden=("guard_a", "teacher_a", "authority"), hidden=("officer_b",), ok=(200,)),
    Case("patrol-route-list", allowed=("guard_a", "teacher_a", "officer_a", "central", "authority"), ok=(200,)),
    Case("patrol-route-list", method="post", id="POST patrol-route-list", setup=_new_route,
         allowed=("officer_a", "principal_a"), forbidden=("guard_a", "duty_a", "central"), ok=(201,)),
    Case("patrol-route-detail", setup=_route, allowed=("guard_a", "officer_a", "central"), hidden=("officer_b",),
         ok=(200,)),
    Case("patrol-route-sheet", setup=_route, allowed=("guard_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("patrol-checkin-list", allowed=("guard_a", "officer_a", "central"), ok=(200,)),
    Case("patrol-checkin-list", method="post", id="POST patrol-checkin-list", setup=_checkin,
         allowed=("guard_a", "duty_a", "officer_a"), forbidden=("teacher_a", "central", "authority"), ok=(201,)),
    Case("patrol-checkin-detail", setup=_checkin_row, allowed=("guard_a", "officer_a", "central"),
         hidden=("officer_b",), ok=(200,)),
    Case("patrol-day-list", allowed=("guard_a", "teacher_a", "central", "authority"), ok=(200,)),
    Case("pickup-authorisation-list", allowed=("guard_a", "teacher_a", "officer_a"), forbidden=("duty_a", "central"),
         ok=(200,)),
    Case("pickup-authorisation-list", method="post", id="POST pickup-authorisation-list", setup=_new_adult,
         allowed=("teacher_a", "officer_a"), forbidden=("guard_a", "central"), ok=(201,)),
    Case("pickup-authorisation-detail", setup=_adult, allowed=("guard_a", "teacher_a", "officer_a"),
         forbidden=("duty_a",), hidden=("officer_b", "teacher_b"), ok=(200,)),
    Case("pickup-list", setup=_class_query, allowed=("guard_a", "teacher_a", "officer_a", "central"), ok=(200,)),
    Case("pickup-list", method="post", id="POST pickup-list", setup=_refusal,
         allowed=("guard_a", "teacher_a", "officer_a"), forbidden=("duty_a", "central", "authority"), ok=(201,)),
    Case("pickup-detail", setup=_pickup_row, allowed=("guard_a", "teacher_a", "central"),
         hidden=("officer_b", "teacher_b"), ok=(200,)),
    Case("security-defence-list", allowed=("guard_a", "teacher_a", "central", "authority"), ok=(200,)),
    Case("security-defence-list", method="post", id="POST security-defence-list", setup=_new_defence,
         allowed=("officer_a", "guard_a"), forbidden=("teacher_a", "central"), ok=(201,)),
    Case("security-defence-detail", setup=_defence(), allowed=("guard_a", "central"), hidden=("officer_b",),
         ok=(200,)),
    Case("security-defence-check", method="post", setup=_defence({"ok": True}), allowed=("guard_a", "officer_a"),
         forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(201,)),
    # Pages
    Case("operations:home", allowed=("guard_a", "teacher_a", "officer_a", "central", "authority"), ok=(200,)),
    Case("operations:visitors", allowed=("guard_a", "officer_a", "central", "authority"), forbidden=SCHOOL_A_STAFF,
         ok=(200,)),
    Case("operations:visitor-new", allowed=("guard_a", "officer_a"), forbidden=("teacher_a", "central"), ok=(200,)),
    Case("operations:visitor-new", method="post", id="POST operations:visitor-new", setup=_visitor_form,
         allowed=("guard_a", "officer_a"), forbidden=("teacher_a", "central"), ok=(302,)),
    Case("operations:inside", allowed=("guard_a", "officer_a", "central"), forbidden=SCHOOL_A_STAFF, ok=(200,)),
    Case("operations:visitor-detail", setup=_visitor(), allowed=("guard_a", "officer_a", "authority"),
         forbidden=SCHOOL_A_STAFF, hidden=("officer_b",), ok=(200,)),
    Case("operations:visitor-leave", method="post", setup=_visitor(data={}), allowed=("guard_a", "officer_a"),
         forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(302,)),
    Case("operations:watchlist", allowed=("officer_a", "central"), forbidden=("guard_a", "teacher_a"), ok=(200,)),
    Case("operations:watch-new", allowed=("officer_a", "central"), forbidden=("guard_a", "teacher_a"), ok=(200,)),
    Case("operations:duty", allowed=("duty_a", "guard_a", "teacher_a", "officer_a", "central"), ok=(200,)),
    Case("operations:roster", allowed=("duty_a", "officer_a", "central", "authority"), ok=(200,)),
    Case("operations:roster-new", allowed=("officer_a", "principal_a"), forbidden=("duty_a", "guard_a"), ok=(200,)),
    Case("operations:roster-swap", setup=_assignment(), allowed=("officer_a", "principal_a"),
         forbidden=("duty_a", "guard_a"), hidden=("officer_b",), ok=(200,)),
    Case("operations:duty-logs", allowed=("duty_a", "officer_a", "central", "authority"), ok=(200,)),
    Case("operations:duty-log-new", allowed=("duty_a", "officer_a"), forbidden=("guard_a", "teacher_a"), ok=(200,)),
    Case("operations:duty-log-detail", setup=_log(), allowed=("duty_a", "guard_a", "central"),
         hidden=("officer_b",), ok=(200,)),
    Case("operations:patrols", allowed=("guard_a", "teacher_a", "officer_a", "central"), ok=(200,)),
    Case("operations:scan", allowed=("guard_a", "duty_a", "officer_a"), forbidden=("teacher_a", "central"),
         ok=(200,)),
    Case("operations:scan", method="post", id="POST operations:scan", setup=_checkin,
         allowed=("guard_a", "duty_a", "officer_a"), forbidden=("teacher_a", "central"), ok=(302,)),
    Case("operations:routes", allowed=("guard_a", "officer_a", "central", "authority"), ok=(200,)),
    Case("operations:route-new", allowed=("officer_a", "principal_a"), forbidden=("guard_a", "central"), ok=(200,)),
    Case("operations:route-detail", setup=_route, allowed=("guard_a", "officer_a", "central"),
         hidden=("officer_b",), ok=(200,)),
    Case("operations:route-sheet", setup=_route, allowed=("guard_a", "officer_a"), hidden=("officer_b",),
         ok=(200,)),
    Case("operations:pickup", allowed=("guard_a", "teacher_a", "officer_a", "central"), ok=(200, 302)),
    Case("operations:pickup-class", setup=_class_kwargs, allowed=("guard_a", "teacher_a", "central"),
         hidden=("officer_b", "teacher_b"), ok=(200,)),
    Case("operations:pickup-child", setup=_pupil_kwargs, allowed=("guard_a", "teacher_a", "officer_a"),
         forbidden=("duty_a", "central"), hidden=("officer_b", "teacher_b"), ok=(200,)),
    Case("operations:pickup-child", method="post", id="POST operations:pickup-child",
         setup=lambda world: {**_pupil_kwargs(world), "data": {"collector_name": "陌生人"}},
         allowed=("guard_a", "teacher_a"), forbidden=("duty_a", "central"), hidden=("officer_b",), ok=(302,)),
    Case("operations:pickup-adult-new", setup=_pupil_kwargs, allowed=("teacher_a", "officer_a"),
         forbidden=("guard_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("operations:defences", allowed=("guard_a", "teacher_a", "central", "authority"), ok=(200,)),
    Case("operations:defence-new", allowed=("officer_a", "guard_a"), forbidden=("teacher_a", "central"), ok=(200,)),
    Case("operations:defence-check", setup=_defence(), allowed=("officer_a", "guard_a"),
         forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("operations:defence-check", method="post", id="POST operations:defence-check",
         setup=_defence({"ok": "true"}), allowed=("officer_a", "guard_a"), forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(302,)),
    Case("operations:duty-handover", setup=_log(), allowed=("duty_a", "officer_a"), forbidden=("guard_a",),
         hidden=("officer_b",), ok=(200,)),
]

test_matrix = matrix_test(CASES)
