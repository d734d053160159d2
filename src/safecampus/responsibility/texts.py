# ruff: noqa: E501  (bilingual text pairs read best one per line)
"""Model texts shipped with SafeCampus: post duties, letter templates and the rules of the plan.

They are starting points: the central school edits duties and templates, each school adopts a
rule and adapts its wording (a new version). Every text exists in Chinese and English.
"""

from __future__ import annotations

# post code -> [(English, Chinese)]
POST_DUTIES: dict[str, list[tuple[str, str]]] = {
    "principal": [
        ("Is the first person responsible for the school's safety work.", "是学校安全工作第一责任人，对学校安全工作全面负责。"),
        ("Chairs the safety leading group and the start-of-year safety conference.", "主持安全工作领导小组和开学安全工作会议。"),
        ("Signs the responsibility letter with the central school and with every class and post.",
         "与中心学校签订安全责任书，并与各班级、各岗位签订安全责任书。"),
        ("Puts safety funds into the annual budget.", "将安全工作经费纳入年度预算。"),
    ],
    "vice_principal_safety": [
        ("Directs daily safety work and the monthly special inspections.", "具体负责日常安全工作，组织每月专项检查。"),
        ("Follows every hazard until it is rectified and verified.", "督促隐患整改并组织复查销号。"),
        ("Organises at least one emergency drill each semester.", "每学期至少组织一次应急疏散演练。"),
    ],
    "safety_officer": [
        ("Keeps the safety archives, the daily safety log and the monthly reports.", "负责安全档案、安全工作日志和月报。"),
        ("Registers hazards and reports major ones to the central school at once.", "登记安全隐患，重大隐患立即上报中心学校。"),
        ("Organises safety education and staff training.", "组织安全教育和教职工安全培训。"),
    ],
    "head_teacher": [
        ("Is the first person responsible for the safety of the class.", "是本班安全工作第一责任人。"),
        ("Gives a safety lesson and targeted education before holidays and outings.", "上好安全教育课，节假日和外出活动前进行专题教育。"),
        ("Checks attendance and tells guardians of any absence the same day.", "做好考勤，学生缺勤当天告知家长。"),
        ("Reports accidents and hazards in the class at once.", "班级发生事故或发现隐患立即报告。"),
    ],
    "subject_teacher": [
        ("Keeps order and safety during own lessons.", "负责本人授课期间的课堂秩序与安全。"),
        ("Checks equipment before experiments and physical education.", "实验课、体育课前检查器材设施。"),
        ("Does not leave the class unattended or send pupils out alone.", "不得擅离课堂，不得让学生单独离校办事。"),
    ],
    "door_guard": [
        ("Registers every visitor and refuses entry without a reason.", "对来访人员逐一登记，无正当理由不得入校。"),
        ("Keeps the gate closed during lessons and watches arrival and departure.", "上课期间关闭校门，做好上学放学时段值守。"),
        ("Hands young children only to authorised guardians.", "低年级学生和幼儿只交给授权接送人。"),
    ],
    "duty_staff": [
        ("Stays on duty and does not leave the post without leave.", "坚守岗位，未经批准不得离岗。"),
        ("Patrols the campus at set times and records the duty log.", "按时巡查校园，认真填写值班记录。"),
        ("Reports emergencies to the leader on duty at once.", "发生突发事件立即报告值班领导。"),
    ],
    "canteen_manager": [
        ("Buys food only from qualified suppliers with certificates and tickets.", "从有资质的供应商采购，索证索票，杜绝“三无”食品。"),
        ("Keeps a sample of every dish for at least 48 hours.", "每餐每样食品留样不少于48小时。"),
        ("Checks staff health certificates and daily morning health checks.", "检查从业人员健康证，落实每日晨检。"),
    ],
    "dormitory_manager": [
        ("Checks every room at lights-out and records absences.", "就寝时逐室查铺，记录缺寝情况。"),
        ("Reports a missing resident at once to the head teacher and the school.", "发现学生缺寝立即报告班主任和学校。"),
        ("Keeps exits clear and forbids dangerous electrical appliances.", "保持安全通道畅通，严禁使用违规电器。"),
    ],
    "driver": [
        ("Checks the vehicle before every trip and never overloads it.", "每次出车前检查车辆，严禁超员。"),
        ("Drives at safe speeds on the approved route.", "按核定线路安全行驶，不超速。"),
        ("Checks that no child is left on board at the end of each trip.", "每趟收车后检查车厢，确保无儿童滞留。"),
    ],
    "school_doctor": [
        ("Checks vaccination certificates at admission and follows up gaps.", "新生入学查验预防接种证，督促补种。"),
        ("Runs morning health checks and reports infectious diseases.", "开展晨午检，按规定报告传染病。"),
        ("Gives first aid and keeps the first-aid kit complete.", "负责急救处置，保持急救箱物品齐全。"),
    ],
    "central_safety_director": [
        ("Sets the safety work plan of the central school.", "制定中心学校安全工作计划。"),
        ("Signs responsibility letters with every school and inspects them.", "与各校签订安全责任书并开展检查。"),
    ],
    "authority_safety_officer": [
        ("Receives major hazards and serious incidents escalated by schools.", "接收学校上报的重大隐患和较大以上事故。"),
    ],
}

# level -> (title en, title zh, body en, body zh); {recipient}, {unit}, {year} are filled in.
LETTER_TEMPLATES: dict[str, tuple[str, str, str, str]] = {
    "school": (
        "School safety responsibility letter {year}",
        "{year}学年学校安全工作目标责任书",
        "To make safety responsibility real, on the principle of \"who is in charge is responsible\", "
        "the central school and {unit} sign this letter. The principal, {recipient}, is the first person "
        "responsible for the safety of {unit} for the school year {year} and undertakes the duties below. "
        "The letter is the basis of the year's safety assessment, commendation and accountability.",
        "为落实安全工作责任制，按照“谁主管、谁负责”的原则，中心学校与{unit}签订本责任书。"
        "校长{recipient}为{unit}{year}学年安全工作第一责任人，承担以下职责。"
        "本责任书作为本学年安全目标考核、评先评优和责任追究的依据。",
    ),
    "class": (
        "Class safety responsibility letter {year}",
        "{year}学年班级安全工作责任书",
        "Under \"one post, two responsibilities\", the school and the head teacher of {unit}, {recipient}, "
        "sign this letter. The head teacher is the first person responsible for the safety of the class "
        "for the school year {year} and undertakes the duties below.",
        "按照“一岗双责”的要求，学校与{unit}班主任{recipient}签订本责任书。"
        "班主任为本班{year}学年安全工作第一责任人，承担以下职责。",
    ),
    "post": (
        "Post safety responsibility letter {year}",
        "{year}学年岗位安全责任书",
        "Under \"one post, two responsibilities\", {unit} and {recipient} sign this letter: whoever holds "
        "the post answers for its safety. For the school year {year} the holder undertakes the duties below.",
        "按照“一岗双责”“谁主管、谁负责”的原则，{unit}与{recipient}签订本岗位安全责任书。"
        "{year}学年内，岗位人员承担以下安全职责。",
    ),
    "custom": (
        "Safety responsibility letter {year}",
        "{year}学年安全责任书",
        "{unit} and {recipient} sign this letter for the school year {year}.",
        "{unit}与{recipient}签订{year}学年安全责任书。",
    ),
}


def _rule(code: str, en: str, zh: str, articles: list[tuple[str, str]]) -> dict:
    return {"code": code, "title": en, "title_zh": zh,
            "body": "\n".join(f"{i}. {a}" for i, (a, _z) in enumerate(articles, 1)),
            "body_zh": "\n".join(f"第{i}条 {z}" for i, (_a, z) in enumerate(articles, 1))}


# The rules the plan tells every school to establish (REQUIREMENTS ORG-6).
MODEL_RULES: list[dict] = [
    _rule("door_guard", "Door guard rule", "门卫管理制度", [
        ("The gate is staffed from the first arrival to the last departure and on duty at night.",
         "校门从学生到校至全部离校期间专人值守，夜间有人值班。"),
        ("Visitors show identification, state their purpose and host, and are registered in and out.",
         "来访人员须出示证件、说明事由和被访人，进出登记。"),
        ("Vehicles do not enter during arrival and departure times, except emergency vehicles.",
         "上学、放学时段除应急车辆外禁止机动车进出校园。"),
        ("Pupils leave during lessons only with a leave slip signed by the head teacher.",
         "上课期间学生凭班主任签字的请假条方可离校。"),
    ]),
    _rule("duty_patrol", "Duty, patrol and leader-on-duty rule", "值班巡查及领导带班制度", [
        ("A school leader is on duty every day and night, by a published roster.", "按公布的值班表，每天由一名校领导带班。"),
        ("Duty staff patrol the teaching buildings, dormitories and canteen at the set times.",
         "值班人员按规定时间巡查教学楼、宿舍和食堂。"),
        ("Every patrol and every event is written in the duty log and handed over.", "每次巡查和发生的情况均记入值班记录并做好交接。"),
        ("Duty staff do not leave the post; emergencies are reported at once.", "值班人员不得擅离岗位，突发情况立即报告。"),
    ]),
    _rule("periodic_inspection", "Periodic safety inspection rule", "校内安全定期检查制度", [
        ("A comprehensive inspection is carried out at the start of every semester.", "每学期开学初开展一次全面安全检查。"),
        ("A special inspection (fire, canteen, dormitory, gate, transport...) is carried out each month.",
         "每月开展一次专项检查（消防、食堂、宿舍、门卫、校车等）。"),
        ("Every hazard found is registered with a responsible person and a deadline.", "发现的隐患逐项登记，明确责任人和整改时限。"),
        ("Rectification is verified by someone other than the person who rectified it.", "整改完成后由非整改人复查验收。"),
    ]),
    _rule("safety_notification", "Student safety information notification rule", "学生安全信息通报制度", [
        ("Guardians are told the same day when a pupil is absent without notice.", "学生无故缺课，当天通知家长。"),
        ("Safety notices are sent to guardians before holidays and group activities.", "节假日和集体活动前向家长发放安全告知书。"),
        ("Guardians' acknowledgements are kept in the class file.", "家长回执存入班级档案。"),
    ]),
    _rule("dormitory", "Dormitory safety management rule", "住宿学生安全管理制度", [
        ("Residents are registered by room and bed.", "住宿学生按房间、床位登记造册。"),
        ("The dormitory manager checks every room at lights-out and at night.", "宿管员就寝时和夜间逐室查铺。"),
        ("A missing resident is reported at once to the head teacher and the school leader on duty.",
         "发现学生缺寝，立即报告班主任和值班领导。"),
        ("Exits stay clear; dangerous appliances and open fire are forbidden.", "保持疏散通道畅通，严禁使用违规电器和明火。"),
    ]),
    _rule("large_activity", "Large-activity approval rule", "校内外大型活动审批制度", [
        ("Every large activity in or outside school is applied for with a safety plan.", "校内外大型活动须提交安全预案并申请审批。"),
        ("Activities outside school are approved by the central school in advance.", "校外活动须提前报中心学校审批。"),
        ("Outings have at least two teachers per class, three for lower grades.", "外出活动每班至少两名教师带队，低年级三名。"),
        ("Activities with 1,000 people or more also need the police permit.", "千人以上活动须按规定报公安机关许可。"),
    ]),
    _rule("pick_up", "Pick-up and drop-off rule for young pupils", "低年级学生及幼儿接送交接制度", [
        ("Guardians name the people authorised to pick up their child.", "家长书面确定授权接送人。"),
        ("Children are handed only to an authorised person, face to face.", "学生只当面交给授权接送人。"),
        ("A child not collected stays with a teacher until a guardian is reached.", "未被接走的学生由教师看护，直至联系到家长。"),
    ]),
    _rule("transport", "Student transport management rule", "接送学生车辆管理制度", [
        ("Only licensed school buses and qualified drivers carry pupils.", "只使用取得许可的校车和合格驾驶人接送学生。"),
        ("The vehicle is checked before each trip and never overloaded.", "每次出车前检查车辆，严禁超员。"),
        ("An escort counts the children on and off and leaves the bus last.", "随车照管人员清点上下车人数，最后离车。"),
        ("No child is left on board: the bus is checked at the end of every trip.", "每趟收车后检查车厢，确保无儿童滞留。"),
    ]),
    _rule("vaccination", "Vaccination certificate check at admission", "入学查验预防接种证制度", [
        ("Every new pupil's vaccination certificate is checked at admission.", "新生入学时查验预防接种证。"),
        ("Missing vaccinations are listed and guardians told to catch up.", "对漏种学生登记造册，督促家长补种。"),
        ("The check and its follow-up are reported to the health authority.", "查验及补种情况报卫生部门。"),
    ]),
    _rule("daily_log", "Daily safety work record rule", "安全工作日常记录制度", [
        ("Each school keeps a daily record of its safety work.", "学校每天记录安全工作情况。"),
        ("The record names who did what, when, and what was found.", "记录写明人员、时间、内容和发现的问题。"),
        ("Records are filed by semester as archives.", "记录按学期归档。"),
    ]),
    _rule("information_reporting", "Safety information reporting rule", "安全信息报送制度", [
        ("An accident is reported to the central school at once after rescue starts.", "发生事故在组织救援的同时立即报告中心学校。"),
        ("Late, omitted, false or concealed reports are forbidden.", "严禁迟报、漏报、谎报、瞒报。"),
        ("A monthly safety report, zero reports included, is sent by the set day.", "每月按时报送安全信息，实行零报告。"),
    ]),
    _rule("assessment", "Safety assessment, reward and punishment rule", "安全工作考核奖惩制度", [
        ("Safety work is assessed every year against the responsibility letters.", "每年对照安全责任书进行安全工作考核。"),
        ("Model schools and people are commended.", "表彰安全工作先进集体和个人。"),
        ("Safety has a veto in appraisals: a liability accident bars commendation.", "实行安全一票否决，发生责任事故的不得评优。"),
    ]),
    _rule("accident_liability", "Accident liability investigation rule", "事故责任追究制度", [
        ("Every accident is investigated for its causes and the persons responsible.", "对每起事故查明原因和责任人。"),
        ("Neglect of duty is dealt with seriously and made known by circular.", "对失职渎职的严肃处理并通报。"),
        ("Measures are taken so that the same accident does not happen again.", "落实整改措施，防止同类事故再次发生。"),
    ]),
    _rule("fire_safety", "Fire safety rule", "消防安全管理制度", [
        ("Fire equipment is checked monthly and kept in working order.", "每月检查消防器材，确保完好有效。"),
        ("Evacuation routes and exits are never blocked or locked.", "疏散通道、安全出口严禁堵塞、锁闭。"),
        ("At least one evacuation drill is held each semester.", "每学期至少开展一次疏散演练。"),
    ]),
    _rule("food_safety", "Canteen food safety rule", "食堂食品安全管理制度", [
        ("Food is bought from fixed, qualified suppliers with certificates and tickets.", "定点采购，索证索票，杜绝“三无”食品。"),
        ("A sample of every dish is kept for at least 48 hours.", "每餐每样留样不少于48小时。"),
        ("Canteen staff hold valid health certificates and are trained regularly.", "从业人员持有效健康证并定期培训。"),
        ("A school leader eats with the pupils and records it.", "学校领导陪餐并做好记录。"),
    ]),
]

MODEL_RULE_CODES = [r["code"] for r in MODEL_RULES]


def model_rule(code: str) -> dict | None:
    return next((r for r in MODEL_RULES if r["code"] == code), None)
