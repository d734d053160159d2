"""Every change to education records, by sub-domain; each is one transaction with an audit event."""

from .coverage import refresh_holiday, refresh_training, refresh_training_daily
from .culture import create_campaign, publish_story
from .lessons import create_topic, record_lesson
from .notices import acknowledge, mark_opened, receipt_for_token, send_notice
from .training import add_certificate, create_programme, record_training

__all__ = ["acknowledge", "add_certificate", "create_campaign", "create_programme", "create_topic",
           "mark_opened", "publish_story", "receipt_for_token", "record_lesson", "record_training",
           "refresh_holiday", "refresh_training", "refresh_training_daily", "send_notice"]
