"""``/api/v1/lessons``, ``/api/v1/parent-notices``, ``/api/v1/trainings``, ``/api/v1/training-coverage``
(CONTRACT.md, Education, training, parents)."""

from .lessons import LessonViewSet
from .notices import ParentNoticeViewSet
from .training import TrainingCoverageViewSet, TrainingViewSet


def register(router) -> None:
    router.register("lessons", LessonViewSet, basename="lesson")
    router.register("parent-notices", ParentNoticeViewSet, basename="parent-notice")
    router.register("trainings", TrainingViewSet, basename="training")
    router.register("training-coverage", TrainingCoverageViewSet, basename="training-coverage")
