"""The package build compiles every message catalogue (``setup.py`` -> ``core.catalogues``), so an
installed copy has its ``.mo`` files without writing into its own folder."""

from __future__ import annotations

import ast
import gettext
import shutil
import tomllib
from pathlib import Path

import polib

from safecampus.core import catalogues

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "safecampus"


def test_the_build_step_compiles_every_catalogue(tmp_path):
    sources = catalogues.catalogues(PACKAGE)
    assert len(sources) >= 12  # the project's own and one per app
    for po in sources:  # a build folder holds the .po files only, as copied from a fresh clone
        target = tmp_path / po.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(po, target)
    written = catalogues.compile_catalogues(tmp_path)
    assert sorted(path.with_suffix(".po") for path in written) == catalogues.catalogues(tmp_path)
    for po in sources:
        with open(tmp_path / po.relative_to(PACKAGE).with_suffix(".mo"), "rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        entries = [e for e in polib.pofile(str(po)).translated_entries() if not e.msgid_plural]
        assert entries, po
        for entry in entries:
            read = compiled.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else compiled.gettext(entry.msgid)
            assert read == entry.msgstr, (po, entry.msgid)
        fuzzy = [e for e in polib.pofile(str(po)) if e.fuzzy and e.msgid]
        for entry in fuzzy:  # as msgfmt: a fuzzy translation is not used
            assert compiled.gettext(entry.msgid) == entry.msgid


def test_the_package_build_runs_it():
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    assert any(req.startswith("polib") for req in build["requires"])
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    classes = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
    step = classes["BuildWithCatalogues"]
    assert [base.id for base in step.bases] == ["build_py"]
    assert "compile_catalogues" in ast.unparse(step)
    assert "cmdclass={'build_py': BuildWithCatalogues}" in ast.unparse(tree)
