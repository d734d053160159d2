import pytest


@pytest.fixture(autouse=True)
def _archives_in_tmp(tmp_path, settings):
    """Archives a test builds go to its own folder, never the developer's data folder."""
    settings.DATA_DIR = tmp_path
    return tmp_path
