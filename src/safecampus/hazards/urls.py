from django.urls import path, re_path

from . import analytics, policy_views, views

urlpatterns = [
    path("", views.HazardList.as_view(), name="list"),
    path("report/", views.ReportHazard.as_view(), name="report"),
    path("analytics/", analytics.HazardAnalytics.as_view(), name="analytics"),
    path("policies/", policy_views.policy_list, name="policies"),
    path("policies/new/", policy_views.PolicyNew.as_view(), name="policy-new"),
    path("policies/<int:pk>/", policy_views.PolicyEdit.as_view(), name="policy-edit"),
    path("<int:pk>/", views.HazardDetail.as_view(), name="detail"),
    path("<int:pk>/commitments/", views.RecordCommitments.as_view(), name="commitments"),
    path("<int:pk>/contact/", views.LogContact.as_view(), name="contact"),
    path("<int:pk>/supervise/", views.SuperviseHazard.as_view(), name="supervise"),
    re_path(r"^(?P<pk>\d+)/(?P<action>assign|rectify|verify|reject)/$", views.HazardAction.as_view(),
            name="action"),
]
