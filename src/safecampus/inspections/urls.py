from django.urls import path

from . import views

urlpatterns = [
    path("", views.InspectionList.as_view(), name="inspection-list"),
    path("mine/", views.MyInspections.as_view(), name="mine"),
    path("schedule/", views.ScheduleView.as_view(), name="schedule"),
    path("<int:pk>/", views.InspectionDetail.as_view(), name="inspection-detail"),
    path("<int:pk>/complete/", views.InspectionComplete.as_view(), name="inspection-complete"),
    path("<int:pk>/assign/", views.InspectionAssign.as_view(), name="inspection-assign"),
    path("<int:pk>/cancel/", views.InspectionCancel.as_view(), {"action": "cancel"}, name="inspection-cancel"),
    path("<int:pk>/pdf/", views.InspectionPdf.as_view(), name="inspection-pdf"),
    path("draws/", views.DrawList.as_view(), name="draw-list"),
    path("draws/new/", views.DrawCreate.as_view(), name="draw-create"),
    path("draws/<int:pk>/", views.DrawDetail.as_view(), name="draw-detail"),
    path("checklists/", views.TemplateList.as_view(), name="template-list"),
    path("checklists/new/", views.TemplateCreate.as_view(), name="template-create"),
    path("checklists/<int:pk>/", views.TemplateDetail.as_view(), name="template-detail"),
    path("checklists/<int:pk>/edit/", views.TemplateEdit.as_view(), name="template-edit"),
]
