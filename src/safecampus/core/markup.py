"""Escaping for markup written in Python (list cells, the menu, select options).

Django's ``conditional_escape`` goes through ``escape``, whose lazy-argument wrapper checks every
argument on every call: a list page writes over a thousand values. :func:`esc` gives the same
text without it.
"""

from __future__ import annotations

import html


def esc(value) -> str:
    """``conditional_escape(value)``: safe markup (``__html__``) as it is, anything else escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))
