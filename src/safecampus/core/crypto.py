"""Personal data of minors: encrypted at rest, searchable by keyed hash, masked by default."""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models


@cache
def _keys() -> tuple[Fernet, bytes]:
    material = settings.FIELD_KEY.encode()
    enc = hashlib.sha256(b"safecampus-enc:" + material).digest()
    mac = hashlib.sha256(b"safecampus-mac:" + material).digest()
    return Fernet(base64.urlsafe_b64encode(enc)), mac


def encrypt(value: str) -> str:
    return _keys()[0].encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _keys()[0].decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def encrypt_bytes(value: bytes) -> bytes:
    """A whole file (an uploaded workbook of pupils) encrypted at rest with the field key."""
    return _keys()[0].encrypt(value)


def decrypt_bytes(token: bytes) -> bytes:
    return _keys()[0].decrypt(bytes(token))


def blind_index(value: str) -> str:
    """Keyed hash for exact-match search without decrypting every row."""
    normalised = "".join(value.split()).upper()
    return hmac.new(_keys()[1], normalised.encode(), hashlib.sha256).hexdigest()


def mask(value: str, keep_start: int = 3, keep_end: int = 4) -> str:
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


class Secret(str):
    """A decrypted value whose str() and repr() are masked; ``.reveal()`` is explicit."""

    def __new__(cls, value: str):
        obj = super().__new__(cls, mask(value))
        obj._plain = value
        return obj

    def reveal(self) -> str:
        return self._plain

    def __repr__(self) -> str:
        return f"Secret({mask(self._plain)!r})"


class EncryptedTextField(models.TextField):
    """Stores Fernet ciphertext; reads back a masked :class:`Secret` so it never leaks by accident."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return Secret(decrypt(value))

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        if value is None or value == "":
            return value
        plain = value.reveal() if isinstance(value, Secret) else str(value)
        return encrypt(plain)
