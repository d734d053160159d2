"""The columns of each import kind. Row 1 of a sheet holds the keys; a template may show the
zh-Hans or English label instead, and both are read back as the key."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Col:
    key: str
    label: object  # lazy, English source with its zh-Hans translation
    zh: str        # the zh-Hans header of the Chinese template (also accepted on upload)
    required: bool = False


COLUMNS: dict[str, list[Col]] = {
    "students": [
        Col("class_id", _("Class id"), "班级编号", True),
        Col("name", _("Name"), "姓名", True),
        Col("gender", _("Gender"), "性别"),
        Col("birth_date", _("Date of birth"), "出生日期"),
        Col("student_no", _("Student number"), "学号", True),
        Col("id_number", _("Identity number"), "身份证号"),
        Col("guardian_name", _("Guardian"), "监护人姓名"),
        Col("guardian_relation", _("Guardian's relation"), "监护人关系"),
        Col("guardian_phone", _("Guardian's phone"), "监护人电话"),
        Col("guardian_may_pick_up", _("Guardian may pick up"), "监护人可接送"),
        Col("guardian2_name", _("Second guardian"), "第二监护人姓名"),
        Col("guardian2_relation", _("Second guardian's relation"), "第二监护人关系"),
        Col("guardian2_phone", _("Second guardian's phone"), "第二监护人电话"),
        Col("guardian2_may_pick_up", _("Second guardian may pick up"), "第二监护人可接送"),
    ],
    "staff": [
        Col("org_unit_id", _("Unit id"), "单位编号", True),
        Col("name", _("Name"), "姓名", True),
        Col("gender", _("Gender"), "性别"),
        Col("phone", _("Phone"), "电话"),
        Col("username", _("Username"), "登录名"),
        Col("roles", _("Roles"), "角色"),
        Col("posts", _("Posts"), "岗位"),
    ],
    "units": [
        Col("parent_id", _("Parent id"), "上级单位编号", True),
        Col("kind", _("Kind"), "类型", True),
        Col("name", _("Name"), "名称", True),
        Col("name_zh", _("Chinese name"), "中文名称"),
        Col("school_type", _("School type"), "学校类型"),
        Col("canteen", _("Canteen"), "食堂"),
        Col("dormitory", _("Dormitory"), "宿舍"),
        Col("transport", _("School transport"), "校车"),
        Col("boarding", _("Boarding"), "寄宿"),
        Col("floors", _("Number of floors"), "楼层数"),
    ],
}

# Words a sheet may use for coded values (zh-Hans and English), folded to the code.
GENDER_WORDS = {"m": "m", "male": "m", "男": "m", "f": "f", "female": "f", "女": "f"}
KIND_WORDS = {"school": "school", "学校": "school", "grade": "grade", "年级": "grade", "class": "class",
              "班级": "class", "central_school": "central_school", "中心校": "central_school",
              "中心学校": "central_school"}
SCHOOL_TYPE_WORDS = {"primary": "primary", "小学": "primary", "middle": "middle", "初中": "middle",
                     "中学": "middle", "kindergarten": "kindergarten", "幼儿园": "kindergarten",
                     "teaching_point": "teaching_point", "教学点": "teaching_point"}
YES = {"1", "true", "yes", "y", "是", "有", "√", "x"}
NO = {"", "0", "false", "no", "n", "否", "无", "没有"}


def header_key(kind: str, value) -> str | None:
    """The column key a header cell names: the key itself, its English label or its zh-Hans one."""
    text = "".join(str(value or "").split()).lower()
    if not text:
        return None
    for col in COLUMNS[kind]:
        if text in (col.key, col.zh, "".join(str(col.label).split()).lower()):
            return col.key
        # "班级编号 (class_id)" and the like
        if text.endswith(f"({col.key})") or text.endswith(f"（{col.key}）"):
            return col.key
    return None
