"""The organisation's numbers: how long a pupil's personal data is kept after leaving."""

from .pupil_data import register_retention_policy

register_retention_policy()
