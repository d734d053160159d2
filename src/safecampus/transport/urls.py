from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.today, name="today"),
    path("trips/", views.TripList.as_view(), name="trips"),
    path("trips/<int:pk>/", views.trip_detail, name="trip-detail"),
    re_path(r"^trips/(?P<pk>\d+)/(?P<action>board|alight)/$", views.trip_tap, name="trip-tap"),
    path("trips/<int:pk>/close/", views.trip_close, name="trip-close"),
    path("vehicles/", views.VehicleList.as_view(), name="vehicles"),
    path("vehicles/new/", views.VehicleNew.as_view(), name="vehicle-new"),
    path("vehicles/<int:pk>/", views.vehicle_detail, name="vehicle-detail"),
    re_path(r"^vehicles/(?P<pk>\d+)/(?P<action>inspect|insurance)/$", views.vehicle_action, name="vehicle-action"),
    path("drivers/", views.DriverList.as_view(), name="drivers"),
    path("drivers/new/", views.DriverNew.as_view(), name="driver-new"),
    path("drivers/<int:pk>/", views.driver_detail, name="driver-detail"),
    path("drivers/<int:pk>/licence/", views.driver_licence, name="driver-licence"),
    path("routes/", views.RouteList.as_view(), name="routes"),
    path("routes/new/", views.RouteNew.as_view(), name="route-new"),
    path("routes/<int:pk>/", views.route_detail, name="route-detail"),
    path("routes/<int:pk>/start/", views.route_start, name="route-start"),
    path("routes/<int:pk>/riders/", views.route_riders, name="route-riders"),
]
