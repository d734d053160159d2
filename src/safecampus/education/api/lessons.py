from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from safecampus.core.api.base import ScopedViewSet, StrictSerializer, validated

from .. import services
from ..choices import LessonKind
from ..filters import LessonApiFilter
from ..models import Lesson
from .fields import UnitId


class LessonOut(serializers.ModelSerializer):
    topic_code = serializers.CharField(source="topic.code", read_only=True)

    class Meta:
        model = Lesson
        fields = ["id", "org_unit", "topic", "topic_code", "kind", "held_on", "teacher", "note", "version"]


class LessonIn(StrictSerializer):
    org_unit = UnitId()
    # A topic id, or its code ("drowning").
    topic = serializers.CharField(max_length=40)
    kind = serializers.ChoiceField(choices=LessonKind.choices)
    held_on = serializers.DateField()
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    photos = serializers.ListField(child=serializers.FileField(), required=False, default=list, max_length=5)


class LessonViewSet(ScopedViewSet):
    queryset = Lesson.objects.select_related("topic")
    serializer_class = LessonOut
    view_capability = "education.view"

    filterset_class = LessonApiFilter

    def get_queryset(self):
        return super().get_queryset().order_by("-held_on", "-id")

    @extend_schema(request=LessonIn, responses={201: LessonOut})
    def create(self, request, *args, **kwargs):
        data = validated(LessonIn, request)
        lesson = services.record_lesson(actor=request.user, org_unit=data["org_unit"], topic=data["topic"],
                                        kind=data["kind"], held_on=data["held_on"], note=data["note"],
                                        photos=data["photos"])
        return Response(LessonOut(lesson).data, status=status.HTTP_201_CREATED)
