"""Browser tests: Debian's Chromium drives a real server process on a demo database of its own."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
PASSWORD = "SafeCampus-demo-1"
PHONE = {"width": 390, "height": 844}
# The environment of the session's server (its data folder), for tests that add to its database.
SERVER_ENV: dict[str, str] = {}
DESKTOP = {"width": 1366, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """``safecampus demo`` on a fresh SQLite file, then the app served by a real process."""
    data = tmp_path_factory.mktemp("e2e-data")
    env = {**os.environ, "SAFECAMPUS_DATA_DIR": str(data), "SAFECAMPUS_DEBUG": "true",
           "SAFECAMPUS_TESTING": "true", "SAFECAMPUS_AXES": "false"}
    env.pop("SAFECAMPUS_DATABASE_URL", None)
    subprocess.run([str(BIN / "safecampus"), "demo", "--no-serve"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    SERVER_ENV.clear()
    SERVER_ENV.update(env)
    port = _free_port()
    # The request log goes to a file: a pipe nobody reads fills up and the server then hangs mid-suite.
    log = open(data / "server.log", "wb")  # noqa: SIM115 (closed when the session ends)
    proc = subprocess.Popen([str(BIN / "safecampus"), "runserver", f"127.0.0.1:{port}", "--noreload",
                             "--skip-checks"], env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError("the test server did not start")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


def run_on_server(code: str) -> None:
    """Runs Python code against the session server's database (what a person would set up elsewhere)."""
    subprocess.run([str(BIN / "safecampus"), "shell", "-c", code], env=SERVER_ENV, check=True,
                   stdout=subprocess.DEVNULL)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "headless": True,
            "args": CHROMIUM_ARGS}


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(viewport=PHONE, base_url=server, locale="zh-CN", has_touch=True,
                                  is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser, server):
    context = browser.new_context(viewport=DESKTOP, base_url=server, locale="en-US")
    yield context.new_page()
    context.close()


def login(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/login/" not in url)


def shot(page, name: str) -> None:
    """Screenshots for a person to look at, when SAFECAMPUS_SCREENSHOTS names a folder."""
    folder = os.environ.get("SAFECAMPUS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
