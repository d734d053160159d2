"""The morning peak of a county, as locust plays it against a local server (`bench/load.py` runs it).

The requests and their weights are ``bench/morning.py``'s ``MIX`` (locust puts this folder on the
import path). Safety: the host must be this machine (loopback), and the run stops after
``LOAD_MAX_REQUESTS`` requests or locust's own ``--run-time``, whichever comes first.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from urllib.parse import urlparse

from locust import HttpUser, between, events, task
from locust.runners import STATE_STOPPED
from morning import MIX

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
PERSONAS = json.loads(Path(os.environ["LOAD_PERSONAS"]).read_text()) if os.environ.get("LOAD_PERSONAS") else {}
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "20000"))
RESULT = os.environ.get("LOAD_RESULT", "")

_sent = {"n": 0}
_times: dict[str, list[float]] = {"read": [], "write": []}
_errors: list[str] = []


@events.init.add_listener
def _only_loopback(environment, **kwargs):
    host = urlparse(environment.host or "").hostname
    if host not in LOOPBACK:
        raise SystemExit(f"the load test runs against this machine only (loopback), not {environment.host!r}")
    if not PERSONAS:
        raise SystemExit("LOAD_PERSONAS names no personas file (bench/load.py writes one)")


@events.request.add_listener
def _record(request_type, name, response_time, exception, response=None, **kwargs):
    _times["write" if request_type in ("POST", "PUT", "PATCH", "DELETE") else "read"].append(response_time)
    if exception and len(_errors) < 20:
        _errors.append(f"{request_type} {name}: {exception}")


@events.quitting.add_listener
def _write_result(environment, **kwargs):
    if RESULT:
        with open(RESULT, "w") as handle:
            json.dump({"times": _times, "errors": _errors}, handle)


class Staff(HttpUser):
    wait_time = between(0.5, 1.5)
    weights = [line.weight for line in MIX]

    @task
    def morning(self):
        if _sent["n"] >= MAX_REQUESTS:
            if self.environment.runner and self.environment.runner.state != STATE_STOPPED:
                self.environment.runner.quit()
            return
        _sent["n"] += 1
        line = random.choices(MIX, weights=self.weights)[0]
        persona = random.choice(PERSONAS[line.persona])
        headers = ({"Authorization": f"Bearer {persona['token']}", "Accept": "application/json"} if line.api
                   else {"Cookie": persona["cookie"]})
        kwargs = {"headers": headers, "name": line.name, "catch_response": True, "allow_redirects": False}
        if line.body:
            kwargs["json"] = line.body(persona)
        with self.client.request(line.method, line.path(persona), **kwargs) as response:
            if response.status_code >= 300:
                response.failure(f"{response.status_code}: {response.text[:200]}")
