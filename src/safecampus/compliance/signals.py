"""Signals other apps may listen to without the engine knowing them."""

from django.dispatch import Signal

# Sent after the commit of a signed duty: sender=Attestation, unit_path=..., unit_kind=..., obligation=...
duty_signed = Signal()
