"""A policy registered for the tests, so they do not depend on which apps declare theirs."""

from safecampus.compliance.policies import POLICIES, Number, PolicySpec, register_policy

CODE = "testing.samples"


def sample_spec() -> PolicySpec:
    if CODE not in POLICIES:
        register_policy(PolicySpec(
            code=CODE, title="Food samples (test)", source="RULE-DEFAULTS.md: 125 g, 48 h",
            fields=[Number("min_weight_g", "Least weight", default=125, minimum=1, maximum=2000, unit="g"),
                    Number("keep_hours", "Hours kept", default=48, minimum=1, maximum=720, unit="h")]))
    return POLICIES[CODE]
