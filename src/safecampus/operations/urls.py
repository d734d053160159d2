from django.urls import path

from .views import duty, index, patrols, pickup, visitors

urlpatterns = [
    path("", index.index, name="home"),
    path("visitors/", visitors.VisitorList.as_view(), name="visitors"),
    path("visitors/new/", visitors.RegisterVisitor.as_view(), name="visitor-new"),
    path("visitors/inside/", visitors.inside, name="inside"),
    path("visitors/<int:pk>/", visitors.VisitorDetail.as_view(), name="visitor-detail"),
    path("visitors/<int:pk>/leave/", visitors.leave, name="visitor-leave"),
    path("watch-list/", visitors.WatchList.as_view(), name="watchlist"),
    path("watch-list/new/", visitors.AddWatchEntry.as_view(), name="watch-new"),
    path("duty/", duty.today, name="duty"),
    path("duty/roster/", duty.RosterList.as_view(), name="roster"),
    path("duty/roster/new/", duty.AddAssignment.as_view(), name="roster-new"),
    path("duty/roster/<int:pk>/swap/", duty.SwapDuty.as_view(), name="roster-swap"),
    path("duty/logs/", duty.DutyLogList.as_view(), name="duty-logs"),
    path("duty/logs/new/", duty.WriteDutyLog.as_view(), name="duty-log-new"),
    path("duty/logs/<int:pk>/", duty.DutyLogDetail.as_view(), name="duty-log-detail"),
    path("duty/logs/<int:pk>/handover/", duty.HandOver.as_view(), name="duty-handover"),
    path("patrols/", patrols.today, name="patrols"),
    path("patrols/scan/", patrols.Scan.as_view(), name="scan"),
    path("patrols/routes/", patrols.RouteList.as_view(), name="routes"),
    path("patrols/routes/new/", patrols.NewRoute.as_view(), name="route-new"),
    path("patrols/routes/<int:pk>/", patrols.RouteDetail.as_view(), name="route-detail"),
    path("patrols/routes/<int:pk>/sheet.pdf", patrols.route_sheet, name="route-sheet"),
    path("pickup/", pickup.classes, name="pickup"),
    path("pickup/classes/<int:pk>/", pickup.class_list, name="pickup-class"),
    path("pickup/children/<int:pk>/", pickup.child, name="pickup-child"),
    path("pickup/children/<int:pk>/adults/new/", pickup.AddAdult.as_view(), name="pickup-adult-new"),
]
