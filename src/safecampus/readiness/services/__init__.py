"""Every state change of emergency readiness, by sub-domain: plans, teams, drills, funds."""

from .drills import plan_drill, record_drill
from .funds import create_fund_line, record_spending
from .plans import approve_plan, create_plan, review_plan, update_plan
from .teams import add_member, create_team, remove_member

__all__ = ["add_member", "approve_plan", "create_fund_line", "create_plan", "create_team", "plan_drill",
           "record_drill", "record_spending", "remove_member", "review_plan", "update_plan"]
