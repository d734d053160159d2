from django.urls import path

from . import pupil_views, views

urlpatterns = [
    path("units/", views.UnitList.as_view(), name="unit-list"),
    path("units/<int:pk>/", views.UnitDetail.as_view(), name="unit-detail"),
    path("staff/", views.StaffList.as_view(), name="staff-list"),
    path("students/", views.StudentList.as_view(), name="student-list"),
    path("students/<int:pk>/", views.StudentDetail.as_view(), name="student-detail"),
    path("students/<int:pk>/reveal/", views.reveal_student_identity, name="student-reveal"),
    path("students/<int:pk>/export/", pupil_views.export, name="student-export"),
    path("students/<int:pk>/erase/", pupil_views.erase, name="student-erase"),
]
