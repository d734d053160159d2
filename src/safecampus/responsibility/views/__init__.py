"""The responsibility pages: duties, posts, teams, letters and templates (``duties``); meetings
and the rules registry (``meetings``)."""
