"""The shipped gunicorn configuration: no control socket in the home folder unless one is named."""

from __future__ import annotations

import importlib

import gunicorn.config

from safecampus.config import gunicorn as shipped


def _settings(monkeypatch, path: str | None) -> dict:
    if path is None:
        monkeypatch.delenv("SAFECAMPUS_GUNICORN_CONTROL_SOCKET", raising=False)
    else:
        monkeypatch.setenv("SAFECAMPUS_GUNICORN_CONTROL_SOCKET", path)
    module = importlib.reload(shipped)
    names = {k: v for k, v in vars(module).items() if not k.startswith("_") and k != "os"}
    cfg = gunicorn.config.Config()
    for name, value in names.items():
        cfg.set(name, value)  # an unknown setting would be a KeyError: every name is gunicorn's
    return {"disabled": cfg.control_socket_disable, "path": cfg.control_socket, "app": cfg.wsgi_app}


def test_the_control_socket_is_off_by_default(monkeypatch):
    found = _settings(monkeypatch, None)
    assert found["disabled"] is True and found["app"] == "safecampus.config.wsgi"


def test_an_instance_names_its_own_socket(monkeypatch, tmp_path):
    found = _settings(monkeypatch, str(tmp_path / "web-a.ctl"))
    assert found == {"disabled": False, "path": str(tmp_path / "web-a.ctl"), "app": "safecampus.config.wsgi"}
    _settings(monkeypatch, None)


def test_one_worker_per_core_unless_told(monkeypatch):
    import os

    monkeypatch.delenv("SAFECAMPUS_WEB_WORKERS", raising=False)
    assert importlib.reload(shipped).workers == max(2, os.cpu_count() or 2)
    monkeypatch.setenv("SAFECAMPUS_WEB_WORKERS", "5")
    assert importlib.reload(shipped).workers == 5
    monkeypatch.delenv("SAFECAMPUS_WEB_WORKERS")
    importlib.reload(shipped)
