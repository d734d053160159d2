"""The demo cast as test personas (CONTRACT.md), and clients signed in as each of them."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient

from ..api.auth import issue_token

CAST = ("authority", "central", "principal_a", "officer_a", "teacher_a", "guard_a", "canteen_a",
        "principal_b", "officer_b", "teacher_b", "principal_c", "officer_c")


class World:
    """Named things of the demo district, looked up once per test."""

    UNIT_NAMES = {
        "authority": ("Demo County Education Bureau", None),
        "central": ("Demo Central School", None),
        "school_a": ("School A", None),
        "school_b": ("School B", None),
        "kinder_c": ("Kindergarten C", None),
    }

    def user(self, username: str):
        return get_user_model().objects.get(username=username)

    def unit(self, key: str):
        from django.apps import apps

        OrgUnit = apps.get_model("org", "OrgUnit")
        if ":" in key:  # "school_a:Class 1-1"
            school, klass = key.split(":", 1)
            parent = self.unit(school)
            return OrgUnit.objects.get(path__startswith=parent.path, name=klass)
        return OrgUnit.objects.get(name=self.UNIT_NAMES[key][0])

    @cached_property
    def school_a(self):
        return self.unit("school_a")

    @cached_property
    def school_b(self):
        return self.unit("school_b")

    @cached_property
    def kinder_c(self):
        return self.unit("kinder_c")

    @cached_property
    def central(self):
        return self.unit("central")

    @cached_property
    def authority(self):
        return self.unit("authority")

    @cached_property
    def class_a(self):
        return self.unit("school_a:Class 1-1")

    def web(self, username: str | None, language: str = "en") -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        if username:
            client.force_login(self.user(username))
        return client

    def api(self, username: str | None, language: str = "en") -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
        if username:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_token(self.user(username))}")
        return client
