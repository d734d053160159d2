from django.urls import path, re_path

from . import analytics, views

urlpatterns = [
    path("", views.HazardList.as_view(), name="list"),
    path("report/", views.ReportHazard.as_view(), name="report"),
    path("analytics/", analytics.HazardAnalytics.as_view(), name="analytics"),
    path("<int:pk>/", views.HazardDetail.as_view(), name="detail"),
    path("<int:pk>/commitments/", views.RecordCommitments.as_view(), name="commitments"),
    path("<int:pk>/contact/", views.LogContact.as_view(), name="contact"),
    re_path(r"^(?P<pk>\d+)/(?P<action>assign|rectify|verify|reject)/$", views.HazardAction.as_view(),
            name="action"),
]
