from django.urls import path

from . import views

urlpatterns = [
    path("plans/", views.plans, name="plans"),
    path("plans/new/", views.PlanCreate.as_view(), name="plan-create"),
    path("plans/<int:pk>/", views.PlanDetail.as_view(), name="plan-detail"),
    path("plans/<int:pk>/edit/", views.PlanEdit.as_view(), name="plan-edit"),
    path("plans/<int:pk>/approve/", views.plan_approve, name="plan-approve"),
    path("plans/<int:pk>/review/", views.plan_review, name="plan-review"),
    path("plans/<int:pk>/pdf/", views.plan_pdf, name="plan-pdf"),
    path("teams/", views.teams, name="teams"),
    path("teams/new/", views.TeamCreate.as_view(), name="team-create"),
    path("teams/<int:pk>/members/new/", views.MemberAdd.as_view(), name="member-add"),
    path("members/<int:pk>/remove/", views.member_remove, name="member-remove"),
    path("drills/", views.DrillList.as_view(), name="drills"),
    path("drills/record/", views.DrillRecord.as_view(), name="drill-record"),
    path("drills/plan/", views.DrillPlan.as_view(), name="drill-plan"),
    path("drills/<int:pk>/", views.DrillDetail.as_view(), name="drill-detail"),
    path("funds/", views.funds, name="funds"),
    path("funds/new/", views.FundCreate.as_view(), name="fund-create"),
    path("funds/<int:pk>/spend/", views.SpendingAdd.as_view(), name="spending-add"),
]
