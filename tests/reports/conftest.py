import pytest


@pytest.fixture(autouse=True)
def _archives_in_tmp(tmp_path, settings):
    """Archives a test builds go to its own folder, never the developer's data folder."""
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def _system_font(monkeypatch):
    """Archive PDFs in tests use the system font: cutting the small one down takes a minute, once per
    data folder (bench/archives.py and the demo make it)."""
    from safecampus.reports import fonts

    monkeypatch.setattr(fonts, "archive_font", lambda: "")
