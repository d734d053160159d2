"""Every change to school transport: ``services.fleet`` (vehicles, drivers, routes, inspections) and
``services.trips`` (opening a trip, the escort's roll call, closing)."""
