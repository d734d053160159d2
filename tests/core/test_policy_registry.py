"""The policy registry is core's; compliance serves the units' own numbers through ``set_reader``."""

from __future__ import annotations

import pytest

from safecampus.compliance import policies as compliance_policies
from safecampus.core import policies
from safecampus.org.pupil_data import RETENTION_POLICY


def test_compliance_serves_the_numbers_and_shares_the_registry():
    assert compliance_policies.POLICIES is policies.POLICIES
    assert compliance_policies.register_policy is policies.register_policy
    assert policies._reader is compliance_policies.policy_for
    assert RETENTION_POLICY in policies.POLICIES  # registered by org, a floor below compliance


def test_without_a_reader_the_defaults_are_in_force(monkeypatch):
    monkeypatch.setattr(policies, "_reader", None)
    assert policies.policy_for(object(), RETENTION_POLICY) == {"years_after_leaving": 3}
    with pytest.raises(policies.NotFound):
        policies.policy_for(object(), "no.such_policy")
