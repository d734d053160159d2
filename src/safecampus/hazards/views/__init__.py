"""The hazard pages: the ledger and a hazard's loop (``hazards``), rectification policies
(``policies``), analytics (``analytics``)."""
