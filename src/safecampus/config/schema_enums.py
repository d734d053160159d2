"""Names for the API description's enums: one per choice set, the app's name in front.

drf-spectacular names an enum after the field that uses it ("kind", "status"); with a dozen apps
each having a ``kind`` it falls back to hashed names (``Kind0c5Enum``) and warns. Every
``TextChoices`` class declared in an app's ``choices.py`` or models gets a name of its own here, so a new
app needs no entry by hand; names given explicitly in the settings are kept.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _camel(text: str) -> str:
    return "".join(part.title() for part in text.split("_"))


def _choice_classes(path: Path):
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef) and any(
                (getattr(base, "attr", None) or getattr(base, "id", "")).endswith("Choices") for base in node.bases):
            yield node.name


def enum_overrides(explicit: dict[str, str]) -> dict[str, str]:
    named = set(explicit.values())
    out = dict(explicit)
    files = [*ROOT.glob("*/choices.py"), *ROOT.glob("*/models*.py"), *ROOT.glob("*/models/*.py")]
    for path in sorted(files):
        relative = path.relative_to(ROOT).with_suffix("")
        app, module = relative.parts[0], ".".join(p for p in relative.parts if p != "__init__")
        for cls in _choice_classes(path):
            target = f"safecampus.{module}.{cls}"
            if target not in named:
                out.setdefault(f"{_camel(app)}{cls}Enum", target)
    return out
