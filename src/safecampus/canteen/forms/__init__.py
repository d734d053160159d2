"""Forms of the canteen pages, one module per sub-domain."""
