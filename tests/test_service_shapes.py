"""One shape for every writing service (DEVELOPING.md): creation ``create_x(*, actor, org_unit, ...)``,
action ``verb(obj, *, actor, expected_version=None, ...)``. The record is passed, not its id, and
the version a caller read is always ``expected_version``."""

from __future__ import annotations

import inspect
import pkgutil
from importlib import import_module

from django.conf import settings


def _service_modules():
    for app in settings.INSTALLED_APPS:
        if not app.startswith("safecampus."):
            continue
        try:
            package = import_module(f"{app}.services")
        except ModuleNotFoundError:
            continue
        yield package
        for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
            yield import_module(f"{package.__name__}.{info.name}")


def _writing_services():
    for module in _service_modules():
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            params = inspect.signature(fn).parameters
            actor = params.get("actor")
            if actor is not None and actor.kind is inspect.Parameter.KEYWORD_ONLY:
                yield f"{module.__name__}.{name}", params


def test_there_are_services_to_check():
    assert len(list(_writing_services())) > 50


def test_every_writing_service_has_one_shape():
    wrong = []
    for name, params in _writing_services():
        positional = [p for p in params.values() if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
        if len(positional) > 1:
            wrong.append(f"{name}: at most one record before the keywords, not {[p.name for p in positional]}")
        if "version" in params:
            wrong.append(f"{name}: the version read is `expected_version`")
        ids = [p for p in params if p.endswith("_id") and p != "request_id"]
        if ids:
            wrong.append(f"{name}: pass the record, not {ids}")
    assert wrong == []


# Creations whose unit is fixed by what they are made from, so an ``org_unit`` would only let the
# two disagree: each with the reason.
UNIT_FROM_RECORD = {
    "safecampus.org.services.people.create_students": "an import's rows, each with its own org_unit",
    "safecampus.operations.services.pickup.create_authorisation": "the pupil's class",
    "safecampus.operations.services.pickup.create_pickup": "the pupil's class",
}
# The names creation services used for the unit before ``org_unit`` (a caller's keyword would be lost).
OLD_UNIT_NAMES = {"unit", "klass", "owner", "parent", "central", "issuer_unit", "school"}


def _creations():
    return [(name, params) for name, params in _writing_services() if name.rsplit(".", 1)[1].startswith("create_")]


def test_every_creation_takes_the_unit_as_org_unit():
    """``create_x(*, actor, org_unit, ...)``: nothing positional, the unit always ``org_unit`` and required."""
    assert len(_creations()) > 20
    wrong = []
    for name, params in _creations():
        positional = [p.name for p in params.values() if p.kind is not inspect.Parameter.KEYWORD_ONLY
                      and p.kind is not inspect.Parameter.VAR_KEYWORD]
        if positional:
            wrong.append(f"{name}: keywords only, not {positional}")
        old = sorted(OLD_UNIT_NAMES & set(params))
        if old:
            wrong.append(f"{name}: the unit is `org_unit`, not {old}")
        if name in UNIT_FROM_RECORD:
            continue
        unit = params.get("org_unit")
        if unit is None or unit.kind is not inspect.Parameter.KEYWORD_ONLY:
            wrong.append(f"{name}: takes `org_unit`")
        elif unit.default is not inspect.Parameter.empty:
            wrong.append(f"{name}: `org_unit` has no default (a caller's other name for it would be lost)")
    assert wrong == []


def test_no_writing_service_names_the_unit_otherwise():
    """Services that make records under other names (``record_meeting``, ``issue_letter``, ``load_rules``...)
    take the unit as ``org_unit`` too: a caller never has to remember which app called it what. (A unit
    that is itself the record acted on comes first, as every action's record does.)"""
    wrong = []
    for name, params in _writing_services():
        keywords = {p.name for p in params.values() if p.kind is inspect.Parameter.KEYWORD_ONLY}
        if OLD_UNIT_NAMES & keywords:
            wrong.append(f"{name}: {sorted(OLD_UNIT_NAMES & keywords)}")
    assert wrong == []


def test_the_creation_check_is_not_stale():
    names = {name for name, _params in _creations()}
    assert set(UNIT_FROM_RECORD) <= names


# Actions that lock their record yet take no version, each with the reason.
UNVERSIONED = {
    # CONTRACT.md: confirming the same import again answers it done and writes nothing, not a 409.
    "safecampus.org.services.imports.confirm_import",
    # A post (org's list of posts) carries no version; its duties are replaced whole, under the row lock.
    "safecampus.responsibility.services.teams.set_post_duties",
    # A scheme carries no version: the lock only serialises the codes of inspector-marked items added to it.
    "safecampus.assessment.services.add_item",
}


def _actions():
    for name, params in _writing_services():
        first = next(iter(params.values()))
        if first.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            module, function = name.rsplit(".", 1)
            yield name, params, inspect.getsource(getattr(import_module(module), function))


def test_every_action_that_locks_its_record_takes_the_version_read():
    """An action on a record it locks checks the caller's ``expected_version`` (the API's ``version``)."""
    wrong = [name for name, params, source in _actions()
             if ("lock(" in source or "select_for_update" in source) and "expected_version" not in params
             and name not in UNVERSIONED]
    assert wrong == []
    assert {name for name, _p, _s in _actions()} >= UNVERSIONED
