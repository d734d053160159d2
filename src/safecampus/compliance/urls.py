from django.urls import path

from . import views

urlpatterns = [
    path("tasks/", views.tasks, name="tasks"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar.ics", views.calendar_feed, name="calendar-feed"),
    path("calendar/feed/", views.feed_rotate, name="feed-rotate"),
    path("obligations/", views.obligation_list, name="obligation-list"),
    path("obligations/new/", views.ObligationCreate.as_view(), name="obligation-create"),
    path("obligations/<int:pk>/", views.ObligationEdit.as_view(), name="obligation-edit"),
    path("status/", views.status_page, name="status"),
    path("attest/", views.AttestCreate.as_view(), name="attest"),
    path("attestations/<int:pk>/", views.AttestationDetail.as_view(), name="attestation-detail"),
]
