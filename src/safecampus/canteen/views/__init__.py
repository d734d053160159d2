"""Canteen and fire pages, one module per sub-domain."""
