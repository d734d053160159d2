"""The national topic library (seeded by migration 0002; the central school adds its own)."""

# code, English, Chinese
LIBRARY: list[tuple[str, str, str]] = [
    ("drowning", "Drowning prevention", "防溺水"),
    ("traffic", "Traffic safety", "交通安全"),
    ("fire", "Fire safety", "消防安全"),
    ("food", "Food safety", "食品安全"),
    ("electricity", "Electrical safety", "用电安全"),
    ("bullying", "Bullying prevention", "防欺凌"),
    ("online", "Online safety", "网络安全"),
    ("earthquake", "Earthquake and disaster response", "防震减灾"),
    ("stampede", "Crowding and stampede prevention", "防踩踏"),
    ("infectious", "Infectious disease prevention", "传染病防控"),
    ("fraud", "Fraud prevention", "防诈骗"),
    ("sexual_abuse", "Protection from sexual abuse", "防性侵"),
    ("mental_health", "Mental health", "心理健康"),
    ("drugs", "Drug prevention", "禁毒"),
    ("weather", "Severe weather (lightning, floods, heat)", "防雷电、防汛、防暑"),
    ("strangers", "Strangers and abduction", "防拐骗"),
]


def ensure_library(topic_model=None) -> None:
    """Put the library in place (the migration, and the demo after a test flush emptied the table)."""
    if topic_model is None:
        from .models import Topic as topic_model
    for sort, (code, name, name_zh) in enumerate(LIBRARY, start=1):
        topic_model.objects.update_or_create(owner=None, code=code,
                                             defaults={"name": name, "name_zh": name_zh, "sort": sort * 10})
