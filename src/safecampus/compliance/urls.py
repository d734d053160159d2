from django.urls import path

from . import policy_views, views

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
    path("policies/", policy_views.policy_list, name="policies"),
    path("policies/<str:code>/set/", policy_views.PolicySet.as_view(), name="policy-set"),
    path("policies/rows/<int:pk>/clear/", policy_views.policy_clear, name="policy-clear"),
]
