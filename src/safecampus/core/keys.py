"""What makes a key too weak to guard a production system (read by the settings at start-up and
by ``check --deploy``). Plain Python: the settings import it before Django is set up."""

from __future__ import annotations

# The development keys the settings fall back to: published in the source, so worthless.
DEV_SECRET_KEY = "dev-only-insecure-secret-key-change-me-0123456789abcdef"
DEV_FIELD_KEY = "dev-only-field-key-never-use-in-production"

SECRET_MIN_LENGTH, SECRET_MIN_DISTINCT = 50, 5  # Django's own rule for SECRET_KEY
FIELD_MIN_LENGTH, FIELD_MIN_DISTINCT = 32, 10
HOW = 'generate one with: python -c "import secrets; print(secrets.token_urlsafe(48))"'


def problems(secret_key: str, field_key: str) -> list[tuple[str, str]]:
    """``(code, why)`` for each weakness of the two keys; empty when both are fit for production."""
    found: list[tuple[str, str]] = []
    if secret_key == DEV_SECRET_KEY or secret_key.startswith(("dev-only", "django-insecure")):
        found.append(("secret_dev", "SAFECAMPUS_SECRET_KEY is the published development key"))
    elif len(secret_key) < SECRET_MIN_LENGTH or len(set(secret_key)) < SECRET_MIN_DISTINCT:
        found.append(("secret_weak", f"SAFECAMPUS_SECRET_KEY must be at least {SECRET_MIN_LENGTH} characters "
                                     f"with at least {SECRET_MIN_DISTINCT} different ones"))
    if field_key == DEV_FIELD_KEY or field_key.startswith("dev-only"):
        found.append(("field_dev", "SAFECAMPUS_FIELD_KEY is the published development key: anyone can "
                                   "decrypt the identity numbers"))
    elif len(field_key) < FIELD_MIN_LENGTH or len(set(field_key)) < FIELD_MIN_DISTINCT:
        found.append(("field_weak", f"SAFECAMPUS_FIELD_KEY must be at least {FIELD_MIN_LENGTH} characters with "
                                    f"at least {FIELD_MIN_DISTINCT} different ones (it encrypts personal data)"))
    if field_key and field_key == secret_key:
        found.append(("field_is_secret", "SAFECAMPUS_FIELD_KEY must differ from SAFECAMPUS_SECRET_KEY (the "
                                         "secret key signs cookies and leaks more easily)"))
    return found
