"""Real concurrent writers on PostgreSQL: the chain stays whole."""

import threading

from django.db import close_old_connections, connection

from safecampus.core import audit
from safecampus.org.models import OrgUnit


def test_concurrent_writers_keep_one_valid_chain(pg_only, transactional_db):
    units = list(OrgUnit.objects.filter(kind="school"))
    errors: list[BaseException] = []
    barrier = threading.Barrier(10)

    def writer(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            for n in range(5):
                audit.record("test.concurrent", obj=units[(i + n) % len(units)], changes={"i": i, "n": n})
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    result = audit.verify()
    assert result.ok, result
    assert audit.AuditEvent.objects.filter(action="test.concurrent").count() == 50
