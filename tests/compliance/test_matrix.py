from safecampus.core.testing.matrix import Case, matrix_test


def _rule(world):
    from safecampus.compliance.models import Obligation

    return {"kwargs": {"pk": Obligation.objects.get(org_unit=world.central, code="duty-log").pk}}


def _attestation_a(world):
    """School A's signed duty: the demo's, or one signed here now that the plan's duties are proven by records."""
    from safecampus.compliance import services
    from safecampus.compliance.models import Attestation

    from .conftest import attested_rule, png

    found = Attestation.objects.filter(org_unit=world.school_a).first()
    if found is None:
        found = services.attest(actor=world.user("officer_a"), obligation=attested_rule(world), org_unit=world.school_a,
                                upload=png())
    return {"kwargs": {"pk": found.pk}}


def _policy(world):
    from .policy_helpers import CODE, sample_spec

    sample_spec()
    return {"kwargs": {"code": CODE}}


def _policy_row(world):
    from safecampus.compliance import policies

    from .policy_helpers import CODE, sample_spec

    sample_spec()
    row = policies.set_policy(world.school_a, CODE, {"keep_hours": 60}, actor=None)
    return {"kwargs": {"pk": row.pk}}


def _policy_query(world):
    return {**_policy(world), "query": f"?org_unit={world.school_a.pk}"}


def _policy_set_body(world):
    return {**_policy(world), "data": {"org_unit": world.school_a.pk, "values": {"keep_hours": 60}}}


def _policy_clear_body(world):
    _policy_row(world)
    return {**_policy(world), "data": {"org_unit": world.school_a.pk}}


CASES = [
    Case("compliance:tasks", allowed=("teacher_a", "guard_a", "officer_a", "central", "authority")),
    Case("compliance:calendar", allowed=("teacher_a", "officer_a", "central")),
    Case("compliance:calendar-feed", allowed=("teacher_a", "officer_a", "central")),
    Case("compliance:feed-rotate", method="post", allowed=("teacher_a", "officer_a")),
    Case("compliance:obligation-list", allowed=("officer_a", "principal_a", "central", "authority"),
         forbidden=("teacher_a", "guard_a")),
    Case("compliance:obligation-create", allowed=("central",), forbidden=("officer_a", "teacher_a", "authority")),
    Case("compliance:obligation-edit", setup=_rule, allowed=("central",), forbidden=("authority",),
         hidden=("officer_a", "teacher_a")),
    Case("compliance:status", allowed=("officer_a", "principal_a", "central", "authority"),
         forbidden=("teacher_a", "guard_a")),
    # Only duties still proven by an attestation are signed here; the teacher's and the guard's are
    # proven by their own records now (lessons, patrol rounds).
    Case("compliance:attest", allowed=("officer_a", "principal_a", "central"),
         forbidden=("authority", "teacher_a", "guard_a")),
    Case("compliance:attestation-detail", setup=_attestation_a, allowed=("officer_a", "principal_a", "central"),
         forbidden=("teacher_a",), hidden=("officer_b", "officer_c")),
    Case("obligation-list", allowed=("officer_a", "teacher_a", "guard_a", "central", "authority")),
    Case("obligation-detail", setup=_rule, allowed=("officer_a", "teacher_a", "central")),
    Case("compliance-list", allowed=("officer_a", "central", "authority"), forbidden=("teacher_a", "guard_a")),
    Case("task-list", allowed=("teacher_a", "guard_a", "officer_a", "central")),
    Case("attestation-list", allowed=("officer_a", "central", "authority"), forbidden=("teacher_a",)),
    # Authorization only: the body is incomplete, so an allowed caller reaches validation (400).
    Case("attestation-list", method="post", data={"note": "x"}, allowed=("officer_a", "central"),
         forbidden=("teacher_a", "authority"), ok=(400,), id="POST attestation-list"),
    Case("attestation-detail", setup=_attestation_a, allowed=("officer_a", "central", "authority"),
         forbidden=("teacher_a",), hidden=("officer_b",)),
]

CASES += [
    Case("compliance:policies", allowed=("officer_a", "principal_a", "central", "authority"),
         forbidden=("teacher_a", "guard_a")),
    Case("compliance:policy-set", setup=_policy, allowed=("central", "authority"),
         forbidden=("officer_a", "teacher_a")),
    Case("compliance:policy-clear", method="post", setup=_policy_row, allowed=("central", "authority"),
         forbidden=("officer_a", "officer_b")),
    Case("policy-list", allowed=("officer_a", "central", "authority"), forbidden=("teacher_a", "guard_a")),
    Case("policy-detail", setup=_policy_query, allowed=("officer_a", "teacher_a", "central"),
         hidden=("officer_b",)),
    Case("policy-set-numbers", method="post", setup=_policy_set_body, allowed=("central", "authority"),
         forbidden=("officer_a", "teacher_a")),
    Case("policy-clear", method="post", setup=_policy_clear_body, allowed=("central",),
         forbidden=("officer_a",)),
]

test_matrix = matrix_test(CASES)
