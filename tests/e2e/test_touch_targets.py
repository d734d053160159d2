"""On a phone every tap target of home, the header and the notifications is at least 44 px high."""

import pytest

from .conftest import login, shot

TARGETS = ("header a, header button, main a, main button, main select, main input:not([type=hidden])")


def _small_targets(page) -> list[str]:
    return page.evaluate("""(selector) => [...document.querySelectorAll(selector)]
        .filter(el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; })
        .filter(el => el.getBoundingClientRect().height < 43.5)
        .map(el => `${el.tagName} ${(el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30)}`
                   + ` ${Math.round(el.getBoundingClientRect().height)}px`)""", TARGETS)


@pytest.mark.parametrize("username", ["officer_a", "teacher_a", "central"])
def test_home_header_and_notifications_have_finger_sized_targets(phone, username):
    login(phone, username)
    assert _small_targets(phone) == [], username
    shot(phone, f"touch-home-{username}")
    phone.goto("/notifications/")
    assert _small_targets(phone) == [], username
