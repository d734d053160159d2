"""Excel import of units, staff and pupils with guardians: read (openpyxl, read-only), plan
(every row's problems, what will be created or updated), apply (one transaction)."""
