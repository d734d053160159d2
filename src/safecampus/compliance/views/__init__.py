"""The compliance pages: tasks, calendar, obligations and status (``duties``); policies (``policies``)."""
