"""The security defences a school keeps (人防、物防、技防), from the plan's campus security clause.

A list in data: a school's page shows each with its state; adding a kind is a line here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# code: (category, label, the hazard category a failed check opens)
KINDS: dict[str, tuple[str, object]] = {
    "guards_on_staff": ("people", _("Full-time door guards on staff")),
    "guard_equipment": ("people", _("Guard equipment (batons, shields, restraint forks)")),
    "duty_patrols": ("people", _("Patrols during school hours")),
    "gate_barrier": ("physical", _("Gate barrier")),
    "anti_collision_bollards": ("physical", _("Anti-collision bollards at the gate")),
    "perimeter_wall": ("physical", _("Perimeter wall and fence")),
    "one_key_alarm": ("technical", _("One-key alarm linked to the police")),
    "cctv_gates": ("technical", _("CCTV covering the gates")),
    "cctv_key_places": ("technical", _("CCTV covering key places")),
    "intrusion_alarm": ("technical", _("Intrusion alarm")),
}


def label_of(code: str):
    return KINDS.get(code, ("", code))[1]


def category_of(code: str) -> str:
    return KINDS.get(code, ("", code))[0]
