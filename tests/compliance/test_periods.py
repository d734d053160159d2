"""Each period kind, right at the edges of semesters, holidays, months and years."""

from datetime import date

import pytest

from safecampus.compliance.periods import Calendar, period_span, previous_span

D = date
CAL = Calendar(
    years=[(D(2025, 9, 1), D(2026, 8, 31)), (D(2026, 9, 1), D(2027, 8, 31))],
    semesters=[(D(2025, 9, 1), D(2026, 1, 22)), (D(2026, 2, 23), D(2026, 7, 9)),
               (D(2026, 9, 1), D(2027, 1, 22)), (D(2027, 2, 23), D(2027, 7, 9))],
    holidays=[(D(2026, 10, 1), D(2026, 10, 7)), (D(2026, 10, 12), D(2026, 10, 13)),
              (D(2027, 1, 23), D(2027, 2, 22)), (D(2027, 5, 1), D(2027, 5, 5)), (D(2027, 7, 10), D(2027, 8, 31))],
)


@pytest.mark.parametrize(("kind", "day", "expected"), [
    ("daily", D(2026, 12, 31), (D(2026, 12, 31), D(2026, 12, 31))),
    ("weekly", D(2026, 11, 29), (D(2026, 11, 23), D(2026, 11, 29))),   # a Sunday closes its week
    ("weekly", D(2026, 11, 30), (D(2026, 11, 30), D(2026, 12, 6))),    # a Monday opens the next
    ("monthly", D(2026, 12, 31), (D(2026, 12, 1), D(2026, 12, 31))),
    ("monthly", D(2027, 2, 1), (D(2027, 2, 1), D(2027, 2, 28))),
    ("quarterly", D(2026, 12, 31), (D(2026, 10, 1), D(2026, 12, 31))),
    ("quarterly", D(2027, 1, 1), (D(2027, 1, 1), D(2027, 3, 31))),
    ("semester", D(2027, 1, 22), (D(2026, 9, 1), D(2027, 1, 22))),     # last day of the autumn term
    ("semester", D(2027, 1, 23), (D(2026, 9, 1), D(2027, 1, 22))),     # winter holiday: autumn's result stands
    ("semester", D(2027, 2, 23), (D(2027, 2, 23), D(2027, 7, 9))),     # first day of spring
    ("school_year", D(2026, 8, 31), (D(2025, 9, 1), D(2026, 8, 31))),
    ("school_year", D(2026, 9, 1), (D(2026, 9, 1), D(2027, 8, 31))),
    ("within_n_days_of_semester_start", D(2026, 9, 14), (D(2026, 9, 1), D(2026, 9, 14))),
    ("within_n_days_of_semester_start", D(2026, 11, 29), (D(2026, 9, 1), D(2026, 9, 14))),
    ("within_n_days_of_semester_start", D(2027, 2, 10), (D(2026, 9, 1), D(2026, 9, 14))),   # holiday
    ("within_n_days_of_semester_start", D(2027, 2, 23), (D(2027, 2, 23), D(2027, 3, 8))),
    ("before_each_holiday", D(2026, 9, 1), (D(2026, 9, 17), D(2026, 9, 30))),   # ahead of National Day
    ("before_each_holiday", D(2026, 10, 3), (D(2026, 9, 17), D(2026, 9, 30))),  # during it: its window
    ("before_each_holiday", D(2026, 10, 8), (D(2026, 10, 8), D(2026, 10, 11))), # clipped at the last holiday
    ("before_each_holiday", D(2026, 10, 14), (D(2027, 1, 9), D(2027, 1, 22))),  # winter holiday next
    ("before_each_holiday", D(2027, 4, 30), (D(2027, 4, 17), D(2027, 4, 30))),
])
def test_period_span(kind, day, expected):
    assert period_span(kind, 14, CAL, day) == expected


def test_no_calendar_means_no_term_periods():
    assert period_span("semester", 14, Calendar(), D(2026, 10, 1)) is None
    assert period_span("before_each_holiday", 14, Calendar(), D(2026, 10, 1)) is None
    assert period_span("monthly", 14, Calendar(), D(2026, 10, 1)) == (D(2026, 10, 1), D(2026, 10, 31))


@pytest.mark.parametrize(("kind", "current", "expected"), [
    ("monthly", (D(2027, 1, 1), D(2027, 1, 31)), (D(2026, 12, 1), D(2026, 12, 31))),
    ("semester", (D(2027, 2, 23), D(2027, 7, 9)), (D(2026, 9, 1), D(2027, 1, 22))),
    ("before_each_holiday", (D(2027, 1, 9), D(2027, 1, 22)), (D(2026, 10, 8), D(2026, 10, 11))),
    ("school_year", (D(2026, 9, 1), D(2027, 8, 31)), (D(2025, 9, 1), D(2026, 8, 31))),
    ("daily", (D(2027, 1, 1), D(2027, 1, 1)), (D(2026, 12, 31), D(2026, 12, 31))),
])
def test_previous_span(kind, current, expected):
    assert previous_span(kind, 14, CAL, current) == expected


@pytest.mark.django_db
def test_a_calendar_index_for_a_branch_reads_only_the_calendars_its_units_follow(world):
    """A school's home page evaluates its duties with the calendars it may follow (its own and its
    ancestors'), not every school's of the district; the same calendar is found either way."""
    from safecampus.compliance.periods import CalendarIndex

    whole, branch = CalendarIndex(), CalendarIndex([world.school_a.path])
    assert branch.by_owner and set(branch.by_owner) <= set(whole.by_owner)
    assert all(world.school_a.path.startswith(o) or o.startswith(world.school_a.path) for o in branch.by_owner)
    for path in (world.school_a.path, world.class_a.path):
        assert branch.calendar_for(path) == whole.calendar_for(path)
    assert CalendarIndex([]).by_owner == {}
