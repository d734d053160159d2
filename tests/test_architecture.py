"""The floors of ARCHITECTURE.md, read from the source: an import that runs up a floor fails here.

core < org < compliance < domain apps < assessment, reports < config. An app imports only from
its own floor or below; between domain apps only a sibling's public doors (``services``,
``selectors``), never its views, API, models or choices. Imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "safecampus"

FLOORS = {
    "core": 0,
    "org": 1,
    "compliance": 2,
    **dict.fromkeys(["responsibility", "inspections", "hazards", "incidents", "operations", "canteen", "readiness",
                     "education", "transport"], 3),
    "assessment": 4,
    "reports": 4,
    "config": 5,
}
# What one domain app may import from another (ARCHITECTURE.md: inspections opens hazards through
# hazards.services; readers use a sibling's public query functions).
SIBLING_DOORS = {"services", "selectors"}
# Known breaks, each with the reason it stands until it is mended (an entry here is a to-do).
KNOWN: set[tuple[str, str]] = set()


def _modules() -> list[tuple[str, Path]]:
    return [(path.relative_to(SRC).parts[0], path) for path in sorted(SRC.rglob("*.py"))
            if "migrations" not in path.parts and path.relative_to(SRC).parts[0] in FLOORS]


def _imports(path: Path):
    """(line, ["safecampus", app, module, ...]) for every absolute import of the project."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "safecampus" and len(parts) > 1:
                yield node.lineno, parts


def _shown(path: Path) -> str:
    return str(path.relative_to(SRC.parent)) if path.is_relative_to(SRC.parent) else str(path)


def violations(modules=None) -> list[str]:
    found = []
    for app, path in modules if modules is not None else _modules():
        for line, parts in _imports(path):
            other = parts[1]
            if other == app or other not in FLOORS or (app, ".".join(parts[1:3])) in KNOWN:
                continue
            where = f"{_shown(path)}:{line} imports safecampus.{'.'.join(parts[1:])}"
            if FLOORS[other] > FLOORS[app]:
                found.append(f"{where} (up a floor: {app} -> {other})")
            elif FLOORS[other] == FLOORS[app] and (len(parts) < 3 or parts[2] not in SIBLING_DOORS):
                found.append(f"{where} (a sibling's internals: use its services or selectors)")
    return found


def test_no_import_runs_up_the_floors():
    assert violations() == []


def test_the_check_catches_what_it_should(tmp_path):
    """A test that cannot fail is no test: each kind of break is reported, a public door is not."""
    cases = {
        "core": "from safecampus.compliance.tasks import sweep_obligations\n",
        "inspections": "from safecampus.hazards.choices import Category\n",
        "incidents": "def f():\n    from safecampus.hazards import views\n",
        "org": "import safecampus.reports.selectors\n",
        "hazards": "from safecampus.org.models import OrgUnit\nfrom safecampus.incidents.services import amend\n",
    }
    modules = []
    for app, source in cases.items():
        probe = tmp_path / f"{app}.py"
        probe.write_text(source, encoding="utf-8")
        modules.append((app, probe))
    found = violations(modules)
    assert [line.split("/")[-1].split(".py")[0] for line in found] == ["core", "inspections", "incidents", "org"]


def test_sweeps_are_registered_one_way():
    """Minute hooks go through ``core.sweeps.register``; a module-level ``SWEEPS`` list would never run."""
    stale = [str(path.relative_to(SRC)) for _app, path in _modules()
             if any(isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "SWEEPS" for t in node.targets)
                    for node in ast.parse(path.read_text(encoding="utf-8")).body)]
    assert stale == []
