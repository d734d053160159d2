from safecampus.core.testing.matrix import Case, matrix_test

from .helpers import file, quiet_month


def _incident(world):
    return {"kwargs": {"pk": file(world).pk}}


def _notice(world):
    from safecampus.incidents import services

    notice = services.publish_notice(actor=world.user("central"), org_unit=world.central, kind="criticism",
                                     title="Test notice", body="Body", targets=[world.school_a])
    return {"kwargs": {"pk": notice.pk}}


def _notice_target(world):
    from safecampus.incidents.models import NoticeTarget

    pk = _notice(world)["kwargs"]["pk"]
    return {"kwargs": {"pk": NoticeTarget.objects.get(notice_id=pk).pk}}


def _notice_api(world):
    return {"data": {"org_unit": world.central.pk, "kind": "warning", "title": "Ice on the paths",
                     "body": "Salt the paths before 7:00.", "targets": [world.school_a.pk]}}


def _notice_with(data):
    def setup(world):
        return {**_notice(world), "data": data}
    return setup


def _record(world):
    from django.utils import timezone

    from safecampus.incidents import services

    record = services.record_accountability(actor=world.user("central"), org_unit=world.school_a, kind="reward",
                                            person="周老师", measure="commendation", reason="Calm evacuation",
                                            decided_on=timezone.localdate())
    return {"kwargs": {"pk": record.pk}}


def _record_api(world):
    from django.utils import timezone

    return {"data": {"org_unit": world.school_a.pk, "kind": "reward", "person": "周老师", "measure": "commendation",
                     "reason": "Calm evacuation", "decided_on": timezone.localdate().isoformat()}}


def _record_with(data):
    def setup(world):
        return {**_record(world), "data": data}
    return setup


def _rule(world):
    from safecampus.incidents.models import ReportingRule

    return {"kwargs": {"pk": ReportingRule.objects.filter(org_unit=world.central).first().pk}}


def _info_report(world):
    from safecampus.incidents.models import InfoReport

    return {"kwargs": {"pk": InfoReport.objects.filter(org_unit=world.school_a).first().pk}}


def _file_form(world):
    from django.utils import timezone

    return {"data": {"org_unit": world.school_a.pk, "kind": "fire", "severity": "general",
                     "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "summary": "Smoke",
                     "injured": 0, "deaths": 0}}


def _file_api(world):
    from django.utils import timezone

    return {"data": {"org_unit": world.school_a.pk, "kind": "fire", "severity": "general",
                     "occurred_at": timezone.now().isoformat(), "summary": "Smoke", "injured": 0, "deaths": 0}}


def _zero(world):
    return {"data": {"org_unit": world.school_a.pk, "month": quiet_month(), "zero": True}}


def _with(data):
    def setup(world):
        return {**_incident(world), "data": data}
    return setup


SCHOOL_VIEWERS = ("officer_a", "principal_a", "central", "authority")
EVERYONE = ("authority", "central", "principal_a", "officer_a", "teacher_a", "guard_a", "officer_b")

CASES = [
    # pages
    # Staff who file read their own reports: the list answers with those.
    Case("incidents:list", allowed=(*SCHOOL_VIEWERS, "teacher_a", "guard_a")),
    Case("incidents:late", allowed=(*SCHOOL_VIEWERS, "teacher_a")),
    Case("incidents:stats", allowed=SCHOOL_VIEWERS, forbidden=("teacher_a",)),
    Case("incidents:timeline", allowed=SCHOOL_VIEWERS, forbidden=("teacher_a", "guard_a")),
    Case("incidents:file", allowed=("teacher_a", "guard_a", "officer_a"), forbidden=("central", "authority")),
    Case("incidents:file", method="post", setup=_file_form, allowed=("teacher_a", "officer_a"),
         forbidden=("central", "authority"), id="POST incidents:file", ok=(302,)),
    Case("incidents:detail", setup=_incident, allowed=SCHOOL_VIEWERS, forbidden=("teacher_a", "guard_a"),
         hidden=("officer_b", "officer_c")),
    Case("incidents:amend", setup=_incident, allowed=("officer_a", "central"), forbidden=("teacher_a", "authority"),
         hidden=("officer_b",)),
    Case("incidents:followup", setup=_incident, allowed=("officer_a", "central"),
         forbidden=("teacher_a", "authority"), hidden=("officer_b",)),
    Case("incidents:investigate", setup=_incident, allowed=("central",), forbidden=("officer_a", "authority"),
         hidden=("officer_b",)),
    Case("incidents:close", setup=_incident, allowed=("officer_a", "principal_a", "central"),
         forbidden=("teacher_a", "authority"), hidden=("officer_b",)),
    Case("incidents:close", method="post", setup=_incident, allowed=("officer_a", "central"),
         forbidden=("teacher_a", "authority"), hidden=("officer_b",), ok=(302,), id="POST incidents:close"),
    Case("incidents:reveal", method="post", setup=_incident, allowed=("officer_a", "principal_a"),
         forbidden=("central", "teacher_a"), hidden=("officer_b",), ok=(200,)),  # shown in the answer
    Case("incidents:pdf", setup=_incident, allowed=("officer_a", "central"), forbidden=("teacher_a",),
         hidden=("officer_b",)),
    Case("incidents:notices", allowed=("officer_a", "principal_a", "central", "authority"), forbidden=("teacher_a",)),
    Case("incidents:notice-new", allowed=("central",), forbidden=("officer_a", "principal_a", "authority")),
    Case("incidents:notice-detail", setup=_notice, allowed=("central", "principal_a", "officer_a"),
         forbidden=("teacher_a",), hidden=("officer_b",)),
    Case("incidents:notice-ack", method="post", setup=_notice_target, allowed=("principal_a",),
         forbidden=("officer_a", "central"), hidden=("officer_b",), ok=(302,)),
    Case("incidents:records", allowed=("officer_a", "central", "authority"), forbidden=("teacher_a",)),
    Case("incidents:record-new", allowed=("central",), forbidden=("officer_a", "authority")),
    Case("incidents:info-reports", allowed=("officer_a", "central", "authority"), forbidden=("teacher_a",)),
    Case("incidents:info-report-new", allowed=("officer_a", "principal_a"), forbidden=("teacher_a", "central")),
    Case("incidents:info-report-zero", method="post", setup=_zero, allowed=("officer_a",),
         forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(302,)),
    Case("incidents:rules", allowed=("central",), forbidden=("officer_a", "authority")),
    Case("incidents:rule-new", allowed=("central",), forbidden=("officer_a", "authority")),
    Case("incidents:rule-edit", setup=_rule, allowed=("central",), forbidden=("authority",),
         hidden=("officer_a",)),
    # API
    Case("incident-list", allowed=SCHOOL_VIEWERS, forbidden=("teacher_a",)),
    Case("incident-list", method="post", setup=_file_api, allowed=("teacher_a", "officer_a"),
         forbidden=("central", "authority"), id="POST incident-list", ok=(201,)),
    Case("incident-detail", setup=_incident, allowed=SCHOOL_VIEWERS, forbidden=("teacher_a",),
         hidden=("officer_b",)),
    Case("incident-detail", method="put", setup=_with({"summary": "x"}), allowed=EVERYONE, ok=(405,),
         id="PUT incident-detail"),
    Case("incident-detail", method="patch", setup=_with({"summary": "x"}), allowed=EVERYONE, ok=(405,),
         id="PATCH incident-detail"),
    Case("incident-detail", method="delete", setup=_incident, allowed=EVERYONE, ok=(405,),
         id="DELETE incident-detail"),
    Case("incident-amendments", method="post", setup=_with({"reason": "typo", "changes": {"injured": 2}}),
         allowed=("officer_a", "central"), forbidden=("teacher_a", "authority"), hidden=("officer_b",), ok=(201,)),
    Case("incident-followups", method="post", setup=_with({"summary": "Written report."}),
         allowed=("officer_a", "central"), forbidden=("teacher_a", "authority"), hidden=("officer_b",), ok=(201,)),
    Case("incident-investigation", method="post",
         setup=_with({"findings": "f", "responsible": "r", "measures": "m"}), allowed=("central",),
         forbidden=("officer_a", "authority"), hidden=("officer_b",), ok=(201,)),
    Case("incident-close", method="post", setup=_with({}), allowed=("officer_a", "central"),
         forbidden=("teacher_a", "authority"), hidden=("officer_b",), ok=(200,)),
    Case("incident-reveal", method="post", setup=_with({}), allowed=("officer_a", "principal_a"),
         forbidden=("central", "teacher_a"), hidden=("officer_b",), ok=(200,)),
    Case("info-report-list", allowed=("officer_a", "central", "authority"), forbidden=("teacher_a",)),
    Case("info-report-list", method="post", setup=_zero, allowed=("officer_a", "principal_a"),
         forbidden=("teacher_a",), id="POST info-report-list", ok=(201,)),
    Case("info-report-detail", setup=_info_report, allowed=("officer_a", "central"), forbidden=("teacher_a",),
         hidden=("officer_b",)),
    # API: notices (通报) and reward/punishment records
    Case("notice-list", allowed=("officer_a", "principal_a", "central", "authority", "officer_b"),
         forbidden=("teacher_a", "guard_a")),
    Case("notice-list", method="post", setup=_notice_api, allowed=("central",),
         forbidden=("officer_a", "principal_a", "authority", "teacher_a"), id="POST notice-list", ok=(201,)),
    Case("notice-detail", setup=_notice, allowed=("central", "authority", "principal_a", "officer_a"),
         forbidden=("teacher_a",), hidden=("officer_b", "officer_c")),
    Case("notice-detail", method="put", setup=_notice_with({"title": "x"}), allowed=EVERYONE, ok=(405,),
         id="PUT notice-detail"),
    Case("notice-detail", method="patch", setup=_notice_with({"title": "x"}), allowed=EVERYONE, ok=(405,),
         id="PATCH notice-detail"),
    Case("notice-detail", method="delete", setup=_notice, allowed=EVERYONE, ok=(405,), id="DELETE notice-detail"),
    Case("notice-acknowledge", method="post", setup=_notice_with({}), allowed=("principal_a",),
         forbidden=("officer_a", "central", "authority", "teacher_a"), hidden=("officer_b",), ok=(200,)),
    Case("accountability-record-list", allowed=("officer_a", "principal_a", "central", "authority"),
         forbidden=("teacher_a", "guard_a")),
    Case("accountability-record-list", method="post", setup=_record_api, allowed=("central",),
         forbidden=("officer_a", "principal_a", "authority", "teacher_a"), id="POST accountability-record-list",
         ok=(201,)),
    Case("accountability-record-detail", setup=_record, allowed=("officer_a", "principal_a", "central", "authority"),
         forbidden=("teacher_a",), hidden=("officer_b",)),
    Case("accountability-record-detail", method="put", setup=_record_with({"person": "x"}), allowed=EVERYONE,
         ok=(405,), id="PUT accountability-record-detail"),
    Case("accountability-record-detail", method="patch", setup=_record_with({"person": "x"}), allowed=EVERYONE,
         ok=(405,), id="PATCH accountability-record-detail"),
    Case("accountability-record-detail", method="delete", setup=_record, allowed=EVERYONE, ok=(405,),
         id="DELETE accountability-record-detail"),
]

test_matrix = matrix_test(CASES)
