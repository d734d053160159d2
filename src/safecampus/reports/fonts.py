"""A smaller Chinese font for the archive's PDFs.

WeasyPrint subsets the font of every PDF it writes; with the system's Noto Sans CJK (65,000 glyphs)
that costs about 100 MB and a second or two per document, which an archive of dozens of PDFs pays
each time. Once per data folder, a child process cuts the font down to GB 2312 (the 6,763 common
characters), Latin and punctuation; archive PDFs name it first and fall back to the system font for
anything else (a rare character in a name still prints). Without fontTools or the system font, the
PDFs simply use the system font.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)
FAMILY = "SafeCampus SC"
SOURCES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
           "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
           "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc")

SUBSET = r"""
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont
source, target = sys.argv[1], sys.argv[2]
index = next(i for i, f in enumerate(TTCollection(source).fonts) if f["name"].getDebugName(1) == "Noto Sans CJK SC")
chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | set(range(0x2000, 0x2070)) | set(range(0x2100, 0x2200))
chars |= set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0)) | set(range(0x2460, 0x2500))
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(ord(bytes([hi, lo]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
font = TTFont(source, fontNumber=index)
options = subset.Options()
options.layout_features = ["*"]
options.name_IDs = ["*"]
options.hinting = False
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=chars)
subsetter.subset(font)
font.save(target)
"""


def path() -> Path:
    return Path(settings.DATA_DIR) / "fonts" / "safecampus-sc.otf"


def archive_font() -> str:
    """The small font's file URL, made once (in a child process: it needs a few hundred MB, once);
    "" when it cannot be made."""
    target = path()
    if target.exists():
        return target.as_uri()
    source = next((s for s in SOURCES if Path(s).exists()), None)
    if source is None:
        return ""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    try:
        subprocess.run([sys.executable, "-c", SUBSET, source, str(partial)], check=True, timeout=900,  # noqa: S603
                       capture_output=True)
        partial.replace(target)
    except (OSError, subprocess.SubprocessError):
        log.warning("the archive font could not be made; PDFs use the system font")
        partial.unlink(missing_ok=True)
        return ""
    return target.as_uri()
