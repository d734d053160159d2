"""Domain errors. Services raise these; the API and the UI map them to 400/403/404/409."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop


class DomainError(Exception):
    status = 400
    default = gettext_noop("Invalid request.")

    def __init__(self, message: str | None = None, *, fields: dict[str, list[str]] | None = None):
        # The default reads in the language of the request that hit it (a page in Chinese says it in Chinese).
        self.message = str(message or gettext(self.default))
        self.fields = fields or {}
        super().__init__(self.message)


class InvalidInput(DomainError):
    status = 400
    default = gettext_noop("Invalid input.")

    @classmethod
    def field(cls, name: str, message: str) -> InvalidInput:
        return cls(f"{name}: {message}", fields={name: [str(message)]})


class Forbidden(DomainError):
    status = 403
    default = gettext_noop("You do not have permission to do this.")


class NotFound(DomainError):
    status = 404
    default = gettext_noop("Not found.")


class Conflict(DomainError):
    """The action is not allowed in the record's current state."""

    status = 409
    default = gettext_noop("This action is not allowed in the current state.")


class StaleVersion(Conflict):
    default = gettext_noop("The record was changed by someone else; reload it and try again.")
