"""What the obligations engine counts from daily operations, and what the sweep does for them."""

from __future__ import annotations

from .sweeps import purge_visitor_identities, visitors_at_closing

SWEEPS = [visitors_at_closing, purge_visitor_identities]
