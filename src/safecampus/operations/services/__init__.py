"""Every change to daily operations, one module per sub-domain (``services.visitors``, ...)."""
