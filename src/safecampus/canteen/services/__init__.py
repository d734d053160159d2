"""Every state change of the canteen app, one module per sub-domain."""
