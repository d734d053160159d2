"""Platform endpoints: token, me, org units, audit events, notifications."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.db.models import Q
from django_otp import devices_for_user
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action, api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.viewsets import ReadOnlyModelViewSet

from ..models import AuditEvent, Notification
from ..notify import mark_read
from ..permissions import grants_of
from ..tokens import issue_sign_in_token
from .auth import client_ip, revoke_token, token_refusal
from .base import StrictSerializer


class TokenRequest(StrictSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, trim_whitespace=False)
    otp = serializers.CharField(max_length=8, required=False, allow_blank=True,
                                help_text="The one-time code of a user with two-step sign-in.")


class TokenOut(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()


class AuthFailure(serializers.Serializer):
    detail = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


def _unauthorized(detail: str, field: str | None = None) -> Response:
    body: dict = {"detail": detail}
    if field:
        body["fields"] = {field: [detail]}
    response = Response(body, status=status.HTTP_401_UNAUTHORIZED)
    response["WWW-Authenticate"] = "Bearer"
    return response


@extend_schema(request=TokenRequest, responses={200: TokenOut, 401: AuthFailure, 429: AuthFailure}, auth=[])
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def token(request):
    """A sign-in token, ending ``SAFECAMPUS_TOKEN_HOURS`` (12) hours after it is issued.

    A user with two-step sign-in sends the one-time code as ``otp``: without it, or with a wrong
    one, the answer is 401 naming ``otp``.
    """
    ser = TokenRequest(data=request.data)
    ser.is_valid(raise_exception=True)
    data = ser.validated_data
    user = authenticate(request._request, username=data["username"], password=data["password"])
    if user is None or not user.is_active:
        return _unauthorized("Wrong username or password.")
    devices = list(devices_for_user(user, confirmed=True))
    if devices:
        code = (data.get("otp") or "").strip()
        if not code:
            return _unauthorized("This account uses two-step sign-in: send the one-time code as otp.", "otp")
        if not any(device.verify_token(code) for device in devices):
            return _unauthorized("The one-time code is not right.", "otp")
    refusal = token_refusal(user)
    if refusal:
        return Response({"detail": refusal}, status=status.HTTP_403_FORBIDDEN)
    issued, key = issue_sign_in_token(user, ip=client_ip(request))
    return Response({"token": key, "expires_at": issued.expires_at})


@extend_schema(request=None, responses={204: None})
@api_view(["POST"])
def revoke(request):
    """Revoke the token this request was made with."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.lower().startswith("bearer "):
        revoke_token(header.split(None, 1)[1])
    return Response(status=status.HTTP_204_NO_CONTENT)


class RoleOut(serializers.Serializer):
    role = serializers.CharField()
    org_unit = serializers.IntegerField()


class MeOut(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    roles = RoleOut(many=True)


@extend_schema(responses=MeOut)
@api_view(["GET"])
def me(request):
    roles = [{"role": g.role, "org_unit": g.unit_id} for g in grants_of(request.user)]
    return Response({"id": request.user.pk, "username": request.user.get_username(), "roles": roles})


class AuditEventOut(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_name")

    class Meta:
        model = AuditEvent
        fields = ["seq", "at", "actor", "action", "object_type", "object_id", "changes", "reason"]


@extend_schema(parameters=[OpenApiParameter("object_type", str), OpenApiParameter("object_id", str)])
class AuditEventViewSet(ReadOnlyModelViewSet):
    serializer_class = AuditEventOut
    queryset = AuditEvent.objects.all()
    filterset_fields = ["object_type", "object_id", "action"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AuditEvent.objects.none()
        # Events of units in scope, and the caller's own security events.
        user = self.request.user
        in_scope = AuditEvent.objects.visible_to(user, "audit.view").values("seq")
        return AuditEvent.objects.filter(Q(seq__in=in_scope) | Q(actor_id=user.pk, org_path="")).order_by("seq")


class NotificationOut(serializers.ModelSerializer):
    # The caller's language (the request's), falling back to the default for rows without it.
    title = serializers.CharField(source="display_title", read_only=True)
    body = serializers.CharField(source="display_body", read_only=True)
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "at", "kind", "title", "body", "url", "read"]

    def get_read(self, obj) -> bool:
        return obj.read_at is not None


class NotificationViewSet(ReadOnlyModelViewSet):
    serializer_class = NotificationOut
    queryset = Notification.objects.all()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return Notification.objects.filter(user=self.request.user)

    @extend_schema(request=None, responses=NotificationOut)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        note = mark_read(self.get_object())
        return Response(NotificationOut(note).data)
