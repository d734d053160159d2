"""Transport pages: the escort's trips today and a trip's roll call (a phone page), the lists and
records of vehicles, drivers, routes and trips, and their forms."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.core.badges import Badge
from safecampus.core.errors import DomainError, Forbidden, InvalidInput, NotFound, StaleVersion
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import Column, ScopedListView, ServiceFormView, apply_errors, guarded, history_of
from safecampus.org.models import OrgUnit, Student

from . import selectors
from .choices import Direction, RiderState
from .filters import DriverFilter, RouteFilter, TripFilter, VehicleFilter
from .forms import DriverForm, InspectionForm, InsuranceForm, LicenceForm, RidersForm, RouteForm, VehicleForm
from .models import Driver, Rider, Route, Trip, TripRider, Vehicle
from .people import local_today, name_of
from .services import fleet, trips

TONES = {"open": "warning", "closed": "success"}
TAPS = ("transport.boarded", "transport.alighted")


def _trip_status(trip: Trip) -> Badge:
    return Badge(trip.get_status_display(), trip.status, TONES.get(trip.status))


def _papers(vehicle: Vehicle) -> Badge:
    lapsed = vehicle.lapsed_papers(local_today(vehicle.org_unit))
    if lapsed:
        return Badge(_("Papers expired"), "lapsed", "danger")
    return Badge(_("Papers current"), "current", "success")


def _licence(driver: Driver) -> Badge:
    if driver.licence_expires < local_today(driver.org_unit):
        return Badge(_("Licence expired"), "lapsed", "danger")
    return Badge(_("Licence current"), "current", "success")


class FormPage(ServiceFormView):
    template_name = "transport/form.html"
    capability = "transport.manage"


# --- the escort's phone pages ---------------------------------------------------------------------------

@guarded("transport.trip")
def today(request):
    """Today's trips the reader escorts (open first) and the routes a trip can be started from."""
    return render(request, "transport/today.html", {
        "title": _("Today's bus trips"), "trips": selectors.trips_today(request.user),
        "routes": selectors.routes_to_start(request.user), "directions": Direction.choices})


def _trip_context(request, trip: Trip, error: DomainError | None = None) -> dict:
    rows = selectors.roll_call(trip)
    counts = {s: sum(1 for r in rows if r.state == s) for s in RiderState.values}
    return {
        "title": str(trip), "trip": trip, "object": trip, "rows": rows, "counts": counts,
        "status": _trip_status(trip), "escort": name_of(trip.escort), "error": error,
        "can_tap": trip.status == "open" and has_capability(request.user, "transport.trip", trip.org_unit.path),
        # Each tap shows on the child's row (time and state); the timeline keeps the trip's own steps, so
        # the page reads a fixed number of rows whatever the number of riders.
        "history": history_of(trip).exclude(action__in=TAPS),
    }


def _trip(request, pk, capability="transport.view") -> Trip:
    return (Trip.objects.select_related("org_unit", "vehicle", "driver", "route", "escort__staff")
            .get_visible(request.user, capability, pk=pk))


@guarded()
def trip_detail(request, pk: int):
    """The trip's roll call: every rider with one big tap (board, then alight), the close button."""
    return render(request, "transport/trip_detail.html", _trip_context(request, _trip(request, pk)))


@guarded()
def trip_tap(request, pk: int, action: str):
    trip = _trip(request, pk, "transport.trip")
    if request.method != "POST":
        return HttpResponseRedirect(trip.get_absolute_url())
    raw = request.POST.get("student", "")
    rider = TripRider.objects.filter(trip=trip, student_id=int(raw)).select_related("student").first() \
        if raw.isdigit() and len(raw) < 19 else None
    try:
        if rider is None:
            raise InvalidInput.field("student", _("Not a rider of this trip."))
        service = trips.board if action == "board" else trips.alight
        service(trip, actor=request.user, student=rider.student)
    except Forbidden:
        raise
    except DomainError as exc:
        trip.refresh_from_db()
        return render(request, "transport/trip_detail.html", _trip_context(request, trip, exc), status=exc.status)
    return HttpResponseRedirect(f"{trip.get_absolute_url()}#r{rider.student_id}")


@guarded()
def trip_close(request, pk: int):
    trip = _trip(request, pk, "transport.trip")
    if request.method != "POST":
        return HttpResponseRedirect(trip.get_absolute_url())
    try:
        trips.close_trip(trip, actor=request.user)
    except Forbidden:
        raise
    except DomainError as exc:
        trip.refresh_from_db()
        return render(request, "transport/trip_detail.html", _trip_context(request, trip, exc), status=exc.status)
    messages.success(request, _("Trip closed: every child who boarded has got off."))
    return HttpResponseRedirect(trip.get_absolute_url())


@guarded()
def route_start(request, pk: int):
    """Start a trip of the route (its bus, driver and riders; the escort is the route's, else the reader)."""
    route = Route.objects.select_related("org_unit", "vehicle", "driver", "escort").get_visible(
        request.user, "transport.trip", pk=pk)
    if request.method != "POST":
        return HttpResponseRedirect(route.get_absolute_url())
    try:
        if route.vehicle is None or route.driver is None:
            raise InvalidInput.field("route", _("Give the route a bus and a driver first."))
        trip = trips.create_trip(actor=request.user, org_unit=route.org_unit, vehicle=route.vehicle,
                                 driver=route.driver, escort=route.escort or request.user,
                                 direction=request.POST.get("direction", ""), route=route,
                                 request_id=request.POST.get("request_id", ""))
    except Forbidden:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(request.POST.get("_back") or route.get_absolute_url())
    return HttpResponseRedirect(trip.get_absolute_url())


# --- lists -------------------------------------------------------------------------------------------------

class TripList(ScopedListView):
    model = Trip
    capability = "transport.view"
    filterset_class = TripFilter
    title = gettext_lazy("Bus trips")
    export_name = "bus-trips"
    default_order = ("-date", "-opened_at", "-id")
    status_field = "status"
    select_related = ("org_unit", "vehicle", "driver", "route", "escort__staff")
    columns = [
        Column(str, gettext_lazy("Trip"), link=True),
        Column(_trip_status, gettext_lazy("Status")),
        Column("date", gettext_lazy("Date"), sort="date"),
        Column("get_direction_display", gettext_lazy("Direction")),
        Column("vehicle", gettext_lazy("Vehicle")),
        Column("driver", gettext_lazy("Driver")),
        Column(lambda t: name_of(t.escort), gettext_lazy("Escort")),
        Column("org_unit", gettext_lazy("School"), sort="org_unit__path"),
    ]


class VehicleList(ScopedListView):
    model = Vehicle
    capability = "transport.view"
    filterset_class = VehicleFilter
    title = gettext_lazy("School buses")
    export_name = "school-buses"
    create_url = "transport:vehicle-new"
    create_capability = "transport.manage"
    create_label = gettext_lazy("Add a vehicle")
    default_order = ("org_unit__path", "plate")
    select_related = ("org_unit",)
    columns = [
        Column("plate", gettext_lazy("Plate"), link=True, sort="plate"),
        Column("get_kind_display", gettext_lazy("Kind")),
        Column("seats", gettext_lazy("Seats")),
        Column("inspection_expires", gettext_lazy("Inspection expires"), sort="inspection_expires"),
        Column("insurance_expires", gettext_lazy("Insurance expires"), sort="insurance_expires"),
        Column(_papers, gettext_lazy("Papers")),
        Column("org_unit", gettext_lazy("School"), sort="org_unit__path"),
    ]


class DriverList(ScopedListView):
    model = Driver
    capability = "transport.view"
    filterset_class = DriverFilter
    title = gettext_lazy("Bus drivers")
    export_name = "bus-drivers"
    create_url = "transport:driver-new"
    create_capability = "transport.manage"
    create_label = gettext_lazy("Add a driver")
    default_order = ("org_unit__path", "name")
    select_related = ("org_unit",)
    columns = [
        Column("name", gettext_lazy("Name"), link=True, sort="name"),
        Column("licence_class", gettext_lazy("Licence class")),
        Column("licence_since", gettext_lazy("Driving since")),
        Column("licence_expires", gettext_lazy("Licence expires"), sort="licence_expires"),
        Column(_licence, gettext_lazy("Licence")),
        Column("org_unit", gettext_lazy("School"), sort="org_unit__path"),
    ]


class RouteList(ScopedListView):
    model = Route
    capability = "transport.view"
    filterset_class = RouteFilter
    title = gettext_lazy("Bus routes")
    export_name = "bus-routes"
    create_url = "transport:route-new"
    create_capability = "transport.manage"
    create_label = gettext_lazy("Add a route")
    default_order = ("org_unit__path", "name")
    select_related = ("org_unit", "vehicle", "driver", "escort__staff")
    columns = [
        Column("name", gettext_lazy("Name"), link=True, sort="name"),
        Column("vehicle", gettext_lazy("Vehicle")),
        Column("driver", gettext_lazy("Driver")),
        Column(lambda r: name_of(r.escort), gettext_lazy("Escort")),
        Column("org_unit", gettext_lazy("School"), sort="org_unit__path"),
    ]


# --- records and forms -------------------------------------------------------------------------------------

class VehicleNew(FormPage):
    form_class = VehicleForm
    title = gettext_lazy("Add a vehicle")

    def perform(self, form):
        return fleet.create_vehicle(actor=self.request.user, **form.cleaned_data)


class DriverNew(FormPage):
    form_class = DriverForm
    title = gettext_lazy("Add a driver")

    def perform(self, form):
        return fleet.create_driver(actor=self.request.user, **form.cleaned_data)


class RouteNew(FormPage):
    form_class = RouteForm
    title = gettext_lazy("Add a bus route")

    def perform(self, form):
        return fleet.create_route(actor=self.request.user, **form.cleaned_data)


def _vehicle_context(request, vehicle, **forms) -> dict:
    can = has_capability(request.user, "transport.manage", vehicle.org_unit.path)
    return {"title": vehicle.plate, "object": vehicle, "vehicle": vehicle, "papers": _papers(vehicle),
            "can_manage": can, "history": history_of(vehicle),
            "inspections": vehicle.inspections.select_related("recorded_by__staff")[:20],
            "trips": vehicle.trips.select_related("route").order_by("-date", "-opened_at")[:10],
            "inspection_form": forms.get("inspection_form") or InspectionForm(
                user=request.user, initial={"inspected_on": local_today(vehicle.org_unit), "passed": True}),
            "insurance_form": forms.get("insurance_form") or InsuranceForm(user=request.user)}


@guarded()
def vehicle_detail(request, pk: int):
    vehicle = Vehicle.objects.select_related("org_unit").get_visible(request.user, "transport.view", pk=pk)
    return render(request, "transport/vehicle_detail.html", _vehicle_context(request, vehicle))


@guarded()
def vehicle_action(request, pk: int, action: str):
    vehicle = Vehicle.objects.select_related("org_unit").get_visible(request.user, "transport.manage", pk=pk)
    if request.method != "POST":
        return HttpResponseRedirect(vehicle.get_absolute_url())
    name, form_class = ("inspection_form", InspectionForm) if action == "inspect" else \
        ("insurance_form", InsuranceForm)
    form = form_class(data=request.POST, user=request.user)
    status = 400
    if form.is_valid():
        try:
            if action == "inspect":
                fleet.record_inspection(vehicle, actor=request.user, **form.cleaned_data)
            else:
                fleet.renew_insurance(vehicle, actor=request.user, **form.cleaned_data)
        except Forbidden:
            raise
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(vehicle.get_absolute_url())
    vehicle.refresh_from_db()
    return render(request, "transport/vehicle_detail.html", _vehicle_context(request, vehicle, **{name: form}),
                  status=status)


def _driver_context(request, driver, form=None) -> dict:
    return {"title": driver.name, "object": driver, "driver": driver, "licence": _licence(driver),
            "can_manage": has_capability(request.user, "transport.manage", driver.org_unit.path),
            "history": history_of(driver), "age": _age(driver),
            "trips": driver.trips.select_related("route", "vehicle").order_by("-date", "-opened_at")[:10],
            "licence_form": form or LicenceForm(user=request.user, initial={"points_note": driver.points_note})}


def _age(driver) -> int:
    from .people import age_on

    return age_on(driver.birth_date, local_today(driver.org_unit))


@guarded()
def driver_detail(request, pk: int):
    driver = Driver.objects.select_related("org_unit", "user__staff").get_visible(request.user, "transport.view",
                                                                                  pk=pk)
    return render(request, "transport/driver_detail.html", _driver_context(request, driver))


@guarded()
def driver_licence(request, pk: int):
    driver = Driver.objects.select_related("org_unit").get_visible(request.user, "transport.manage", pk=pk)
    if request.method != "POST":
        return HttpResponseRedirect(driver.get_absolute_url())
    form = LicenceForm(data=request.POST, user=request.user)
    status = 400
    if form.is_valid():
        try:
            fleet.renew_licence(driver, actor=request.user, **form.cleaned_data)
        except Forbidden:
            raise
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(driver.get_absolute_url())
    driver.refresh_from_db()
    return render(request, "transport/driver_detail.html", _driver_context(request, driver, form), status=status)


@guarded()
def route_detail(request, pk: int):
    route = Route.objects.select_related("org_unit", "vehicle", "driver", "escort__staff").get_visible(
        request.user, "transport.view", pk=pk)
    riders = (Student.objects.filter(pk__in=route.riders.values("student_id"))
              .select_related("org_unit").order_by("org_unit__path", "name"))
    return render(request, "transport/route_detail.html", {
        "title": route.name, "object": route, "route": route, "stops": route.stops.all(), "riders": riders,
        "escort": name_of(route.escort), "history": history_of(route), "directions": Direction.choices,
        "can_start": has_capability(request.user, "transport.trip", route.org_unit.path),
        "can_manage": has_capability(request.user, "transport.manage", route.org_unit.path),
        "trips": route.trips.select_related("vehicle").order_by("-date", "-opened_at")[:14]})


# --- a route's riders, class by class (a phone page) ----------------------------------------------------

def _riders_by_class(route: Route, classes: list) -> list[dict]:
    """The route's riders grouped by class, in the order of the school's classes (one query); each class of
    ``classes`` learns how many of its pupils ride (``rider_count``, for the class picker)."""
    pupils = (Student.objects.filter(pk__in=Rider.objects.filter(route=route).values("student_id"))
              .select_related("org_unit").order_by("org_unit__path", "name", "id"))
    groups: dict[int, dict] = {}
    for pupil in pupils:
        groups.setdefault(pupil.org_unit_id, {"unit": pupil.org_unit, "pupils": []})["pupils"].append(pupil)
    for unit in classes:
        unit.rider_count = len(groups.get(unit.pk, {}).get("pupils", ()))
    return list(groups.values())


def _pick_class(raw: str, classes: list, groups: list[dict], required: bool = False):
    """The class asked for (``?class=``), else the first class with riders, else the first class. A save names
    its class: ticks are never applied to a class the person did not see."""
    if not raw and not required:
        first = groups[0]["unit"].pk if groups else None
        return next((c for c in classes if c.pk == first), classes[0] if classes else None)
    found = next((c for c in classes if raw.isdigit() and len(raw) < 19 and c.pk == int(raw)), None)
    if found is None:
        raise InvalidInput.field("class", _("Choose a class of this school."))
    return found


def _new_riders(route: Route, klass, ticked) -> list[int]:
    """Every rider of the other classes as they are, and the pupils ticked in ``klass``. A rider who has since
    left the school is dropped: only the school's active pupils can ride."""
    others = (Rider.objects.filter(route=route, student__is_active=True,
                                   student__org_unit__path__startswith=route.org_unit.path)
              .exclude(student__org_unit=klass).order_by("id").values_list("student_id", flat=True))
    return [*others, *(s.pk for s in ticked)]


@guarded()
def route_riders(request, pk: int):
    """Who rides the route: pick a class, tick its pupils who ride; the other classes' riders stay."""
    route = Route.objects.select_related("org_unit", "vehicle").get_visible(request.user, "transport.manage", pk=pk)
    classes = list(OrgUnit.objects.filter(path__startswith=route.org_unit.path, kind="class", is_active=True)
                   .order_by("path"))
    groups = _riders_by_class(route, classes)
    source = request.POST if request.method == "POST" else request.GET
    context = {"title": _("Riders of %(route)s") % {"route": route.name}, "route": route, "object": route,
               "classes": classes, "groups": groups, "total": sum(len(g["pupils"]) for g in groups)}
    try:
        klass = _pick_class(source.get("class", ""), classes, groups, required=request.method == "POST")
    except InvalidInput as exc:
        return render(request, "transport/route_riders.html", {**context, "error": exc.fields["class"][0]},
                      status=400)
    pupils = (Student.objects.filter(org_unit=klass, is_active=True).order_by("name", "id") if klass
              else Student.objects.none())
    status = 200
    form = None
    if request.method == "POST":
        form = RidersForm(data=request.POST, user=request.user, pupils=pupils)
        status = 400
        if form.is_valid():
            try:
                fleet.set_riders(route, actor=request.user, expected_version=form.cleaned_data["version"],
                                 riders=_new_riders(route, klass, form.cleaned_data["riders"]))
            except (Forbidden, NotFound):
                raise
            except StaleVersion as exc:
                # Someone changed the riders since this page was read: show the class as it is now (the page
                # was read again for this answer), so the change is made again on what is there.
                context["error"] = _("Someone else changed the riders meanwhile. Here they are as they are now: "
                                     "make your change again.")
                status, form = exc.status, None
            except DomainError as exc:
                apply_errors(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Riders saved."))
                return HttpResponseRedirect(f"{reverse('transport:route-riders', args=[route.pk])}?class={klass.pk}")
    if form is None:
        ticked = [p.pk for g in groups if klass and g["unit"].pk == klass.pk for p in g["pupils"]]
        form = RidersForm(user=request.user, pupils=pupils, initial={"riders": ticked, "version": route.version})
    return render(request, "transport/route_riders.html", {**context, "klass": klass, "form": form}, status=status)
