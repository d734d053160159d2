from django.urls import path

from . import pupil_views, views
from . import views_onboarding as onboarding

urlpatterns = [
    path("units/", views.UnitList.as_view(), name="unit-list"),
    path("units/<int:pk>/", views.UnitDetail.as_view(), name="unit-detail"),
    path("staff/", onboarding.StaffRoster.as_view(), name="staff-list"),
    path("students/", onboarding.PupilRoster.as_view(), name="student-list"),
    path("students/<int:pk>/", views.StudentDetail.as_view(), name="student-detail"),
    path("students/<int:pk>/reveal/", views.reveal_student_identity, name="student-reveal"),
    path("students/<int:pk>/export/", pupil_views.export, name="student-export"),
    path("students/<int:pk>/erase/", pupil_views.erase, name="student-erase"),
    # onboarding: the tree, people, calendar, Excel import and export
    path("tree/", onboarding.unit_tree, name="tree"),
    path("units/new/", onboarding.UnitCreate.as_view(), name="unit-new"),
    path("units/<int:pk>/edit/", onboarding.UnitEdit.as_view(), name="unit-edit"),
    path("units/<int:pk>/close/", onboarding.UnitClose.as_view(), name="unit-close"),
    path("staff/new/", onboarding.StaffCreate.as_view(), name="staff-new"),
    path("staff/<int:pk>/created/", onboarding.staff_created, name="staff-created"),
    path("staff/<int:pk>/edit/", onboarding.StaffEdit.as_view(), name="staff-edit"),
    path("students/new/", onboarding.StudentCreate.as_view(), name="student-new"),
    path("students/<int:pk>/edit/", onboarding.StudentEdit.as_view(), name="student-edit"),
    path("students/<int:pk>/move/", onboarding.StudentMoveView.as_view(), name="student-move"),
    path("calendar/", onboarding.calendar_page, name="calendar"),
    path("calendar/holidays/new/", onboarding.HolidayCreate.as_view(), name="holiday-new"),
    path("calendar/holidays/<int:pk>/edit/", onboarding.HolidayEdit.as_view(), name="holiday-edit"),
    path("calendar/holidays/<int:pk>/remove/", onboarding.holiday_remove, name="holiday-remove"),
    path("calendar/years/<int:pk>/edit/", onboarding.SchoolYearEdit.as_view(), name="school-year-edit"),
    path("calendar/years/new/", onboarding.SchoolYearCreate.as_view(), name="school-year-new"),
    path("imports/", onboarding.ImportList.as_view(), name="import-list"),
    path("imports/upload/", onboarding.import_upload, name="import-upload"),
    path("imports/<int:pk>/", onboarding.import_detail, name="import-detail"),
    path("imports/<int:pk>/progress/", onboarding.import_progress, name="import-progress"),
    path("imports/<int:pk>/confirm/", onboarding.import_confirm, name="import-confirm"),
    path("imports/<int:pk>/passwords/", onboarding.import_passwords, name="import-passwords"),
    path("imports/template/<str:kind>/", onboarding.import_template, name="import-template"),
    path("export/<str:kind>/", onboarding.export_list, name="export"),
    path("first-password/", onboarding.first_password, name="first-password"),
]
