from django.urls import path, re_path

from .views import analytics, hazards, policies

urlpatterns = [
    path("", hazards.HazardList.as_view(), name="list"),
    path("report/", hazards.ReportHazard.as_view(), name="report"),
    path("analytics/", analytics.HazardAnalytics.as_view(), name="analytics"),
    path("policies/", policies.policy_list, name="policies"),
    path("policies/new/", policies.PolicyNew.as_view(), name="policy-new"),
    path("policies/<int:pk>/", policies.PolicyEdit.as_view(), name="policy-edit"),
    path("<int:pk>/", hazards.HazardDetail.as_view(), name="detail"),
    path("<int:pk>/commitments/", hazards.RecordCommitments.as_view(), name="commitments"),
    path("<int:pk>/contact/", hazards.LogContact.as_view(), name="contact"),
    path("<int:pk>/supervise/", hazards.SuperviseHazard.as_view(), name="supervise"),
    re_path(r"^(?P<pk>\d+)/(?P<action>assign|rectify|verify|reject)/$", hazards.HazardAction.as_view(),
            name="action"),
]
