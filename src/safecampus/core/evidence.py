"""Core's part in the one-minute sweep: the compliance engine runs every installed app's ``SWEEPS``."""

from .audit_witness import publish_daily
from .files import prune_orphans_hourly
from .maintenance import analyze_daily

SWEEPS = [prune_orphans_hourly, analyze_daily, publish_daily]
