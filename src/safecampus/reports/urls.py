from django.urls import path, re_path

from . import pages, views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/schools/<int:pk>/", views.school, name="school"),
    path("archives/", pages.ArchiveList.as_view(), name="archives"),
    path("archives/start/", pages.archive_start, name="archive-start"),
    path("archives/<int:pk>/", pages.ArchiveDetail.as_view(), name="archive"),
    path("archives/<int:pk>/progress/", pages.archive_progress, name="archive-progress"),
    path("archives/<int:pk>/zip/", pages.archive_file, name="archive-zip"),
    path("monthly/", pages.MonthlyList.as_view(), name="monthly"),
    path("monthly/generate/", pages.monthly_generate, name="monthly-generate"),
    re_path(r"^monthly/(?P<pk>[0-9]+)/(?P<kind>pdf|xlsx)/$", pages.monthly_file, name="monthly-file"),
]
