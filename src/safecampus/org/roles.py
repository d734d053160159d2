"""The roles of the safety work plan. Each app grants its own capabilities to these in ready()."""

from django.utils.translation import gettext_lazy as _

# code: (English name, Chinese name). Capabilities come from core.permissions.ROLE_GRANTS.
ROLES: dict[str, tuple[str, str]] = {
    "authority_officer": ("Authority safety officer", "教育局安全管理员"),
    "central_officer": ("Central school safety office", "中心校安全办"),
    "principal": ("Principal", "校长（第一责任人）"),
    "safety_officer": ("School safety officer", "学校安全专干"),
    "head_teacher": ("Head teacher", "班主任"),
    "teacher": ("Teacher", "任课教师"),
    "staff": ("Staff member", "教职工"),
    "door_guard": ("Door guard", "门卫"),
    "duty_staff": ("Duty staff", "值班人员"),
    "canteen_manager": ("Canteen manager", "食堂管理员"),
    "dormitory_manager": ("Dormitory manager", "宿舍管理员"),
    "driver": ("Driver", "校车驾驶员"),
    "escort": ("Bus escort", "随车照管人员"),
    "school_doctor": ("School doctor", "校医"),
}

# Roles whose holders act for a whole school or more; used to pick reminder and escalation targets.
SCHOOL_LEADERS = ("principal", "safety_officer")
SUPERVISORS = ("central_officer", "authority_officer")

SCHOOL_STAFF_ROLES = tuple(r for r in ROLES if r not in ("authority_officer", "central_officer"))

LABEL = _("Role")
