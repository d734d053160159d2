from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import ScopedViewSet, StrictSerializer, validated
from safecampus.core.api.pagination import Pagination

from .. import selectors, services
from ..choices import NoticeKind
from ..filters import NoticeApiFilter
from ..models import NoticeReceipt, ParentNotice
from .fields import UnitId


class NoticeOut(serializers.ModelSerializer):
    acknowledged = serializers.SerializerMethodField()

    class Meta:
        model = ParentNotice
        fields = ["id", "org_unit", "title", "body", "kind", "sent_at", "sent_by", "expires_on", "recipients",
                  "acknowledged"]

    def get_acknowledged(self, obj) -> int:
        known = getattr(obj, "acknowledged_count", None)
        return known if known is not None else selectors.notice_totals(obj)["acknowledged"]


class NoticeIn(StrictSerializer):
    org_unit = UnitId()
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=5000)
    kind = serializers.ChoiceField(choices=NoticeKind.choices, required=False, default=NoticeKind.GENERAL)
    request_id = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    attachment = serializers.FileField(required=False, allow_null=True, default=None)


class ReceiptOut(serializers.ModelSerializer):
    link = serializers.SerializerMethodField()

    class Meta:
        model = NoticeReceipt
        fields = ["id", "guardian", "student", "org_unit", "link", "opened_at", "acknowledged_at"]

    def get_link(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.link_path)


class ParentNoticeViewSet(ScopedViewSet):
    queryset = ParentNotice.objects.all()
    serializer_class = NoticeOut
    view_capability = "education.notices"
    filterset_class = NoticeApiFilter

    def get_queryset(self):
        from django.db.models import Count, Q

        qs = super().get_queryset().order_by("-sent_at", "-id")
        if self.action == "list":
            qs = qs.annotate(acknowledged_count=Count("receipts", filter=Q(receipts__acknowledged_at__isnull=False)))
        return qs

    @extend_schema(request=NoticeIn, responses={201: NoticeOut})
    def create(self, request, *args, **kwargs):
        data = validated(NoticeIn, request)
        notice = services.send_notice(actor=request.user, org_unit=data["org_unit"], title=data["title"],
                                      body=data["body"], kind=data["kind"], attachment=data["attachment"],
                                      request_id=data["request_id"])
        return Response(NoticeOut(notice).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=ReceiptOut(many=True))
    @action(detail=True, methods=["get"])
    def receipts(self, request, pk=None):
        """Every receipt with its personal link (the school sends them by its own channel)."""
        notice = self.get_object()
        qs = NoticeReceipt.objects.filter(notice=notice).order_by("org_unit__path", "id")
        paginator = Pagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(ReceiptOut(page, many=True, context={"request": request}).data)
