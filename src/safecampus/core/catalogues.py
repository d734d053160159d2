"""The message catalogues compiled when the package is built (``setup.py``'s ``build_py``).

An installed copy reads its ``.mo`` files and never writes into its own folder, so it runs from a
read-only image. This module imports neither Django nor the rest of the package: the build loads it
by its path, with only ``polib`` (a build requirement in ``pyproject.toml``) beside it.
"""

from __future__ import annotations

import sys
from pathlib import Path

PATTERN = "locale/*/LC_MESSAGES/*.po"


def catalogues(root: Path) -> list[Path]:
    """Every ``.po`` below ``root`` (the package, as built or as in the source tree)."""
    return sorted(path for path in Path(root).rglob(PATTERN) if "static" not in path.relative_to(root).parts)


def compile_catalogues(root: Path) -> list[Path]:
    """Write each catalogue's ``.mo`` beside it, as ``msgfmt`` would (fuzzy and untranslated entries
    left out); returns the ``.mo`` files written."""
    import polib

    written = []
    for po in catalogues(root):
        mo = po.with_suffix(".mo")
        polib.pofile(str(po)).save_as_mofile(str(mo))
        written.append(mo)
    return written


if __name__ == "__main__":  # python src/safecampus/core/catalogues.py [root]
    for path in compile_catalogues(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parents[1])):
        print(path)
