"""gunicorn's settings for SafeCampus (README, Deploying):

    gunicorn -c python:safecampus.config.gunicorn

Anything here can be changed on the command line after it (``-w 8``, ``-b 127.0.0.1:8001``).

The control socket: gunicorn (25.1 and later; the pinned 27) opens one for ``gunicornc`` at
``$XDG_RUNTIME_DIR/gunicorn.ctl``, else ``~/.gunicorn/gunicorn.ctl``, by default. Two instances of
one user on one host share that path: the second takes it over and the first one to stop removes
it, and a service account without a writable home only gets a warning. So it is off here, and
``SAFECAMPUS_GUNICORN_CONTROL_SOCKET=/run/safecampus/web-a.ctl`` turns it on at a path of the
instance's own (one path an instance; ``gunicornc -s PATH`` talks to it).
"""

import os

wsgi_app = "safecampus.config.wsgi"
bind = "127.0.0.1:8000"
# One sync worker per core: a request is CPU work (the database is a file or a nearby server), and
# the load test served more, and sooner, with two workers on two cores than with four (59 requests/s
# and reads p95 0.68 s against 49 and 1.3 s). SAFECAMPUS_WEB_WORKERS sets another number.
workers = int(os.environ.get("SAFECAMPUS_WEB_WORKERS") or max(2, os.cpu_count() or 2))

control_socket_disable = not os.environ.get("SAFECAMPUS_GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["SAFECAMPUS_GUNICORN_CONTROL_SOCKET"]
