"""The central school's table (with its XLSX read back), the page per school, the scheme, in both languages."""

from __future__ import annotations

import re
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from safecampus.assessment.models import Mark, Scheme


def test_the_table_ranks_the_schools_and_exports_them(world, period):
    web = world.web("central")
    html = web.get(reverse("assessment:board")).content.decode()
    for name in ("School A", "School B", "Kindergarten C"):
        assert name in html
    answer = web.get(reverse("assessment:board") + f"?org_unit={world.central.pk}&school_year="
                     f"{period.school_year.pk}&export=xlsx")
    assert answer.status_code == 200
    sheet = load_workbook(BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("School", "Score", "Score before veto", "Rank in the central school",
                           "Rank in the county", "One-vote veto")
    body = {r[0]: r for r in rows[1:]}
    assert set(body) == {"School A", "School B", "Kindergarten C"}
    assert body["School A"][5] == "An incident reported late" and body["School A"][1] <= 60
    assert sorted(r[3] for r in body.values()) == [1, 2, 3]
    assert "Hazards closed by their deadline" in rows[0]


def test_the_school_page_explains_each_indicator_with_its_records(world, period):
    html = world.web("central").get(reverse("assessment:school", args=[world.school_a.pk])).content.decode()
    assert "One-vote veto" in html and "An incident reported late" in html
    assert f'href="/hazards/?unit={world.school_a.pk}' in html
    assert f'href="/incidents/late/?unit={world.school_a.pk}' in html
    assert "现场检查" in html  # the inspectors' note beside the mark
    assert reverse("assessment:mark", args=[world.school_a.pk]) in html


def test_the_school_page_reads_in_chinese_without_codes(world):
    html = world.web("principal_a", "zh-hans").get(reverse("assessment:school", args=[world.school_a.pk])
                                                   ).content.decode()
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S))
    assert "隐患按期整改销号" in text and "一票否决" in text and "事故迟报" in text
    assert not re.search(r"\b[a-z]+\.[a-z_]+\b", text), re.findall(r"\b[a-z]+\.[a-z_]+\b", text)
    for english in ("Hazards closed", "Weight", "Score", "One-vote veto", "Self-assessment"):
        assert english not in text
    assert reverse("assessment:self-assess", args=[world.school_a.pk]) in html
    assert reverse("assessment:mark", args=[world.school_a.pk]) not in html


def test_marking_through_the_page(world, period):
    web = world.web("central")
    url = reverse("assessment:mark", args=[world.school_b.pk]) + f"?school_year={period.school_year.pk}"
    assert web.get(url).status_code == 200
    bad = web.post(url, {"indicator": "marked.safety_culture", "score": "120", "note": "x"})
    assert bad.status_code == 400 and "score" in bad.context["form"].errors
    ok = web.post(url, {"indicator": "marked.safety_culture", "score": "77", "note": "宣传栏更新及时"})
    assert ok.status_code == 302
    assert Mark.objects.get(kind="inspector", org_unit=world.school_b, indicator="marked.safety_culture",
                            semester__isnull=True).score == 77


def test_self_assessment_through_the_page(world, period):
    web = world.web("officer_b")
    url = reverse("assessment:self-assess", args=[world.school_b.pk])
    answer = web.post(url, {"indicator": "marked.site_inspection", "score": "90", "note": ""})
    assert answer.status_code == 302
    assert Mark.objects.filter(kind="self", org_unit=world.school_b).exists()


def test_the_scheme_page_starts_and_edits_the_units_own_scheme(world, period):
    web = world.web("authority")
    html = web.get(reverse("assessment:schemes")).content.decode()
    assert "Start our scheme for this school year" in html
    answer = web.post(reverse("assessment:scheme-start"), {"org_unit": world.authority.pk,
                                                          "school_year": period.school_year.pk})
    assert answer.status_code == 302
    scheme = Scheme.objects.get(org_unit=world.authority, school_year=period.school_year)
    item = scheme.items.get(code="hazards.closed_on_time")
    edit = reverse("assessment:item-edit", args=[item.pk])
    form = web.get(edit)
    assert form.status_code == 200
    bad = web.post(edit, {"title": "", "chapter": "inspections", "weight": "5", "active": "on",
                          "version": item.version})
    assert bad.status_code == 400 and "title" in bad.context["form"].errors
    ok = web.post(edit, {"title": item.title, "title_zh": item.title_zh, "chapter": "inspections", "weight": "30",
                         "active": "on", "version": item.version})
    assert ok.status_code == 302
    item.refresh_from_db()
    assert item.weight == 30
    stale = web.post(edit, {"title": item.title, "chapter": "inspections", "weight": "31", "version": 1})
    assert stale.status_code == 409


def test_commendations_page_and_form(world, period):
    web = world.web("central")
    html = web.get(reverse("assessment:commendations")).content.decode()
    assert "赵园长" in html
    form = web.get(reverse("assessment:commend"))
    assert form.status_code == 200
    answer = web.post(reverse("assessment:commend"), {"org_unit": world.school_a.pk, "kind": "person",
                                                      "person": "", "reason": "x", "request_id": "abc"})
    assert answer.status_code == 400 and "person" in answer.context["form"].errors
