from django.urls import path

from .views import duties, policies

urlpatterns = [
    path("tasks/", duties.tasks, name="tasks"),
    path("calendar/", duties.calendar_page, name="calendar"),
    path("calendar.ics", duties.calendar_feed, name="calendar-feed"),
    path("calendar/feed/", duties.feed_rotate, name="feed-rotate"),
    path("obligations/", duties.obligation_list, name="obligation-list"),
    path("obligations/new/", duties.ObligationCreate.as_view(), name="obligation-create"),
    path("obligations/<int:pk>/", duties.ObligationEdit.as_view(), name="obligation-edit"),
    path("status/", duties.status_page, name="status"),
    path("attest/", duties.AttestCreate.as_view(), name="attest"),
    path("attestations/<int:pk>/", duties.AttestationDetail.as_view(), name="attestation-detail"),
    path("policies/", policies.policy_list, name="policies"),
    path("policies/<str:code>/set/", policies.PolicySet.as_view(), name="policy-set"),
    path("policies/rows/<int:pk>/clear/", policies.policy_clear, name="policy-clear"),
]
