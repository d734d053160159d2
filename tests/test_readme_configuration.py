"""The README's configuration table names every SAFECAMPUS_* variable the settings read, and no other."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "src" / "safecampus" / "config"
NAME = re.compile(r"SAFECAMPUS_[A-Z0-9_]+")


def read_by_settings() -> set[str]:
    """Every ``SAFECAMPUS_*`` string constant in the config package's source."""
    found = set()
    for path in CONFIG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.update(name for name in NAME.findall(node.value) if node.value.strip() == name)
    return found


def in_readme_table(text: str | None = None) -> set[str]:
    """The variables named in the first column of the table under ``## Configuration``."""
    text = text if text is not None else (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in NAME.findall(row.split("|")[1])}


def test_the_readme_table_lists_what_the_settings_read():
    read = read_by_settings()
    assert {"SAFECAMPUS_FIELD_KEY", "SAFECAMPUS_SSL_REDIRECT", "SAFECAMPUS_LOG_LEVEL"} <= read
    table = in_readme_table()
    assert sorted(read - table) == [], "read by the settings, missing from README's table"
    assert sorted(table - read) == [], "in README's table, read by no setting"


def test_the_comparison_sees_a_missing_row():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `SAFECAMPUS_HSTS_SECONDS`"))
    assert "SAFECAMPUS_HSTS_SECONDS" not in in_readme_table(readme.replace(row + "\n", ""))


def test_the_readme_says_how_to_make_a_field_key():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    assert "**The field key**" in section and "secrets.token_urlsafe(48)" in section
