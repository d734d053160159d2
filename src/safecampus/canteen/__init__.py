"""Canteen food safety and fire safety: the two hazard-control registers of HAZ-7 and HAZ-8.

Decision: fire equipment lives here beside the canteen, not in ``operations``. Both are registers
of physical hazard controls a school keeps and the obligations engine reads as evidence
(``food-sample``, ``accompanied-meal``, ``fire-equipment-check``), while ``operations`` keeps the
daily routines of people (duty, patrols, the gate). The app is laid out by sub-domain:

* ``food``: meals, food samples (留样) and the leader who ate with the pupils (陪餐);
* ``staff``: the canteen licence, canteen staff with health certificates, the day's roster, training;
* ``supply``: suppliers with qualifications, the purchase register per batch, "three-no" refusals;
* ``fire``: the fire equipment register, QR labels, checks, repairs, evacuation routes and exits.
"""
