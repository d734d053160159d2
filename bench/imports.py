"""Excel import at district scale (issue 13): 10,000 pupils with two guardians each, from one
generated XLSX, into a fresh SQLite database. Preview and confirm each run in their own process
so each one's peak memory (max RSS) is its own.

    .venv/bin/python bench/imports.py [--pupils 10000] [--classes 200]

Targets: confirm <= 60 s and <= 256 MB; preview <= 20 s. The figures go into docs/BENCHMARKS.md
(the section between the import-bench markers).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
KEYS = {"SAFECAMPUS_SECRET_KEY": "bench-only-secret-key-0123456789abcdef0123456789",
        "SAFECAMPUS_FIELD_KEY": "bench-only-field-key"}
START, END = "<!-- import-bench -->", "<!-- /import-bench -->"

SETUP = """
import django, io, json
django.setup()
from openpyxl import Workbook
from django.contrib.auth import get_user_model
from safecampus.org import services
from safecampus.org.models import OrgUnit
services.sync_roles()
authority = services.create_unit(actor=None, kind="authority", name="Bench County")
central = services.create_unit(actor=None, kind="central_school", name="Bench Central", org_unit=authority)
officer = services.create_staff(actor=None, org_unit=central, name="Bench", username="bench_importer",
                                password="Bench-pass-1234", roles=["central_officer"])
classes = []
per_school = {classes} // 10
for s in range(10):
    school = services.create_unit(actor=None, kind="school", name=f"School {{s}}", org_unit=central,
                                  school_type="primary")
    for g in range(6):
        grade = services.create_unit(actor=None, kind="grade", name=f"Grade {{g + 1}}", org_unit=school)
        for c in range(max(1, per_school // 6)):
            classes.append(services.create_unit(actor=None, kind="class", name=f"Class {{g + 1}}-{{c + 1}}",
                                                org_unit=grade).pk)
W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
def idn(seq, born):
    body = f"431121{{born}}{{seq % 1000:03d}}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, W)) % 11]
wb = Workbook(write_only=True)
ws = wb.create_sheet("pupils")
ws.append(["class_id", "name", "gender", "birth_date", "student_no", "id_number", "guardian_name",
           "guardian_relation", "guardian_phone", "guardian_may_pick_up", "guardian2_name", "guardian2_relation",
           "guardian2_phone", "guardian2_may_pick_up"])
for i in range({pupils}):
    born = f"{{2013 + i % 6}}{{1 + i % 12:02d}}{{1 + i % 28:02d}}"
    ws.append([classes[i % len(classes)], f"学生{{i}}", "男" if i % 2 else "女",
               f"{{born[:4]}}-{{born[4:6]}}-{{born[6:]}}", f"S{{i:06d}}", idn(i, born),
               f"父{{i}}", "父亲", f"139{{i:08d}}", "是", f"母{{i}}", "母亲", f"138{{i:08d}}", "是"])
wb.save("{file}")
print("JSON" + json.dumps({{"classes": len(classes)}}))
"""

PHASE = """
import django, json, resource, time
django.setup()
from django.contrib.auth import get_user_model
from django.db import connection
from safecampus.org import services
from safecampus.org.models import ImportJob, OrgUnit, Student
actor = get_user_model().objects.get(username="bench_importer")
content = open("{file}", "rb").read()
out = {{}}
if "{phase}" == "preview":
    t = time.perf_counter()
    job = services.preview_import(actor=actor, org_unit=OrgUnit.objects.get(kind="central_school"),
                                  kind="students", file_name="pupils.xlsx", content=content)
    out = {{"seconds": time.perf_counter() - t, "job": job.pk, "rows": job.rows, "creates": job.creates,
            "errors": len(job.errors)}}
else:
    job = ImportJob.objects.latest("pk")
    t = time.perf_counter()
    job = services.confirm_import(job, actor=actor)
    out = {{"seconds": time.perf_counter() - t, "created": job.created, "pupils": Student.objects.count(),
            "guardians": Student.guardians.through.objects.count()}}
out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("JSON" + json.dumps(out))
"""


def row(label: str, figures: dict, result: str) -> str:
    return f"| {label} | {figures['seconds']:.1f} | {figures['max_rss_mb']:.0f} | {result} |"


def run(code: str, env: dict) -> dict:
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("JSON")), None)
    if line is None:
        raise SystemExit(proc.stderr[-3000:])
    return json.loads(line[4:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pupils", type=int, default=10_000)
    parser.add_argument("--classes", type=int, default=200)
    parser.add_argument("--out", default=str(ROOT / "docs" / "BENCHMARKS.md"))
    parser.add_argument("--setup-only", action="store_true", help="build the district and the file, measure nothing")
    args = parser.parse_args()
    data = ROOT / "var" / "bench" / f"import-{args.pupils}"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    file = data / "pupils.xlsx"
    env = {**os.environ, **KEYS, "SAFECAMPUS_DATA_DIR": str(data), "SAFECAMPUS_DEBUG": "false",
           "SAFECAMPUS_TESTING": "false", "SAFECAMPUS_SSL_REDIRECT": "false", "SAFECAMPUS_AXES": "false",
           "DJANGO_SETTINGS_MODULE": "safecampus.config.settings"}
    env.pop("SAFECAMPUS_DATABASE_URL", None)
    subprocess.run([str(BIN / "safecampus"), "migrate", "-v0"], env=env, check=True)
    setup = run(SETUP.format(classes=args.classes, pupils=args.pupils, file=file), env)
    if args.setup_only:
        return
    preview = run(PHASE.format(file=file, phase="preview"), env)
    confirm = run(PHASE.format(file=file, phase="confirm"), env)
    again = run(PHASE.format(file=file, phase="preview"), env)
    size_kb = file.stat().st_size / 1024
    section = f"""{START}
## Excel import (issue 13)

Measured by `bench/imports.py` on {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()},
SQLite, {date.today().isoformat()}: one generated workbook ({size_kb:.0f} KB) of {args.pupils:,} pupils in
{setup['classes']} classes of 10 schools, each pupil with an identity number and two guardians, imported by the
central school's safety office into an empty district. Each phase runs in its own process; memory is
that process's peak resident size (Django included). Load average at the end of the run:
{os.getloadavg()[0]:.1f} (the machine is shared; the times are wall-clock).

Targets: confirm <= 60 s and <= 256 MB; preview <= 20 s.

| phase | seconds | peak memory MB | result |
|---|---|---|---|
{row("preview (read, check every row, plan)", preview,
      f"{preview['rows']:,} rows, {preview['creates']:,} to create, {preview['errors']} problems")}
{row("confirm (plan again, one transaction, one audit event per pupil)", confirm,
      f"{confirm['created']:,} pupils, {confirm['guardians']:,} guardian links")}
{row("preview of the same file again (all unchanged)", again, f"{again['creates']} to create")}
{END}
"""
    print(section)
    out = Path(args.out)
    text = out.read_text() if out.exists() else "# Benchmarks\n"
    if START in text and END in text:
        text = text[:text.index(START)] + section.strip() + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n" + section
    out.write_text(text)


if __name__ == "__main__":
    main()
