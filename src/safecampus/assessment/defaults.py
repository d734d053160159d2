"""The default assessment scheme (seeded by migration 0002): every indicator the plan's apps offer,
two marked by inspectors, and the one-vote veto items. A central school copies it for a school year
and changes weights, titles and caps there (see services.start_scheme).

Kept as data here rather than read from the registry, so the migration does not depend on which apps
are installed; an item whose app is absent is shown as not available and left out of the score.
"""

DEFAULT_TITLE = "Default assessment scheme"

ITEMS = [
    # code, method, chapter, weight, title, title_zh, effect, cap
    ("compliance.obligations_met", "computed", "obligations", 20,
     "Obligations of the plan met", "常规安全工作按期落实", "", 0),
    ("responsibility.letters_signed", "computed", "responsibility", 10,
     "Safety responsibility letters signed", "安全责任书签订", "", 0),
    ("hazards.closed_on_time", "computed", "inspections", 15,
     "Hazards closed by their deadline", "隐患按期整改销号", "", 0),
    ("hazards.major_signed_off", "computed", "inspections", 5,
     "Major hazards signed off by the central school", "重大隐患经中心校审核销号", "", 0),
    ("marked.site_inspection", "marked", "inspections", 10,
     "On-site inspection by the assessors", "考核组现场检查", "", 0),
    ("incidents.info_reports_on_time", "computed", "incidents", 10,
     "Monthly information reports sent on time", "安全信息月报按时报送", "", 0),
    ("incidents.filed_on_time", "computed", "incidents", 10,
     "Incidents reported within the deadline", "安全事故按时上报", "", 0),
    ("education.training_coverage", "computed", "education", 10,
     "Staff trained to the yearly minimum", "教职工安全培训覆盖率", "", 0),
    ("education.notices_acknowledged", "computed", "education", 5,
     "Notices to parents acknowledged", "家长告知书回执率", "", 0),
    ("readiness.drills_held", "computed", "education", 10,
     "Emergency drills held each semester", "每学期开展应急疏散演练", "", 0),
    ("readiness.drills_within_target", "computed", "education", 5,
     "Drills evacuated within the target time", "演练疏散用时达标", "", 0),
    ("marked.safety_culture", "marked", "education", 5,
     "Safety culture on campus", "校园安全文化建设", "", 0),
    ("incidents.late_report", "veto", "incidents", 0,
     "An incident reported late", "事故迟报", "cap", 60),
    ("incidents.concealed_report", "veto", "incidents", 0,
     "An incident concealed (a zero report for its month)", "事故瞒报", "zero", 0),
    ("incidents.negligent_serious", "veto", "incidents", 0,
     "A serious incident through negligence", "发生较大及以上责任事故", "zero", 0),
]


def seed(apps, schema_editor=None) -> None:
    """Create the default scheme once (migration and tests)."""
    Scheme = apps.get_model("assessment", "Scheme")
    SchemeItem = apps.get_model("assessment", "SchemeItem")
    scheme = Scheme.objects.filter(org_unit__isnull=True, school_year__isnull=True).first()
    if scheme is None:
        scheme = Scheme.objects.create(org_unit=None, school_year=None, title=DEFAULT_TITLE)
    have = set(SchemeItem.objects.filter(scheme=scheme).values_list("code", flat=True))
    SchemeItem.objects.bulk_create([
        SchemeItem(scheme=scheme, code=code, method=method, chapter=chapter, weight=weight, title=title,
                   title_zh=title_zh, effect=effect, cap=cap, sort=(i + 1) * 10)
        for i, (code, method, chapter, weight, title, title_zh, effect, cap) in enumerate(ITEMS) if code not in have])
