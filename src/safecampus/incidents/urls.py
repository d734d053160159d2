from django.urls import path

from .views import central, incidents, office

urlpatterns = [
    path("", incidents.IncidentList.as_view(), name="list"),
    path("new/", incidents.FileIncident.as_view(), name="file"),
    path("late/", incidents.LateList.as_view(), name="late"),
    path("stats/", central.stats, name="stats"),
    path("timeline/", central.timeline, name="timeline"),
    path("<int:pk>/", incidents.IncidentDetail.as_view(), name="detail"),
    path("<int:pk>/amend/", incidents.AmendIncident.as_view(), name="amend"),
    path("<int:pk>/followup/", incidents.FollowUpIncident.as_view(), name="followup"),
    path("<int:pk>/investigate/", incidents.InvestigateIncident.as_view(), name="investigate"),
    path("<int:pk>/close/", incidents.CloseIncident.as_view(), name="close"),
    path("<int:pk>/reveal/", incidents.reveal_names, name="reveal"),
    path("<int:pk>/pdf/", incidents.incident_pdf, name="pdf"),
    path("notices/", office.notice_list, name="notices"),
    path("notices/new/", office.NoticeNew.as_view(), name="notice-new"),
    path("notices/<int:pk>/", office.notice_detail, name="notice-detail"),
    path("notices/targets/<int:pk>/acknowledge/", office.notice_acknowledge, name="notice-ack"),
    path("accountability/", office.RecordList.as_view(), name="records"),
    path("accountability/new/", office.RecordNew.as_view(), name="record-new"),
    path("info-reports/", office.InfoReportList.as_view(), name="info-reports"),
    path("info-reports/new/", office.InfoReportNew.as_view(), name="info-report-new"),
    path("info-reports/zero/", office.info_report_zero, name="info-report-zero"),
    path("rules/", office.rule_list, name="rules"),
    path("rules/new/", office.RuleNew.as_view(), name="rule-new"),
    path("rules/<int:pk>/", office.RuleEdit.as_view(), name="rule-edit"),
]
