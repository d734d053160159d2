"""Browser: the central dashboard on a desktop, My tasks on a phone."""

from playwright.sync_api import expect

from .conftest import login, run_on_server, shot


def test_central_dashboard_on_desktop(desktop):
    errors = []
    desktop.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(desktop, "central")
    desktop.goto("/reports/dashboard/")
    expect(desktop.locator("h1")).to_contain_text("Dashboard")
    heat = desktop.locator("table.heat-table")
    for school in ("School A", "School B", "Kindergarten C"):
        expect(heat).to_contain_text(school)
    expect(desktop.locator("#chart-status")).to_be_visible()
    # Chart.js drew on the canvas (a script from our own static files, allowed by the CSP).
    desktop.wait_for_function("() => Chart.getChart(document.getElementById('chart-status')) !== undefined")
    shot(desktop, "dashboard-desktop")
    heat.get_by_role("link", name="School B").click()
    expect(desktop.locator("h1")).to_contain_text("School B")
    expect(desktop.locator("table")).to_contain_text("Daily duty log")
    shot(desktop, "dashboard-school-desktop")
    assert not [e for e in errors if "Content Security Policy" in e]


def test_dashboard_on_a_phone(phone):
    login(phone, "central")
    phone.goto("/reports/dashboard/")
    # On a phone each school is a list of its duties (the table is for wider screens).
    expect(phone.locator("details.heat-school-card").first).to_be_visible()
    shot(phone, "dashboard-phone")


def test_my_tasks_on_a_phone(phone):
    login(phone, "officer_b")
    panel = phone.locator("#my-tasks")
    expect(panel).to_be_visible()
    expect(panel.locator("h2")).to_contain_text("我的任务")
    shot(phone, "home-tasks-phone")
    phone.goto("/compliance/tasks/")
    expect(phone.locator("h1")).to_contain_text("我的任务")
    first = phone.locator(".task-list .task").first
    expect(first).to_be_visible()
    box = first.locator("a").bounding_box()
    assert box and box["height"] >= 44          # touch target
    shot(phone, "tasks-phone")
    phone.goto("/compliance/calendar/")
    shot(phone, "calendar-phone")


SIGNED_DUTY = """
from safecampus.compliance.models import Obligation
from safecampus.compliance.services import create_obligation
from safecampus.org.models import OrgUnit
central = OrgUnit.objects.get(kind="central_school")
if not Obligation.objects.filter(org_unit=central, code="signed-duty").exists():
    create_obligation(actor=None, org_unit=central, data={
        "code": "signed-duty", "title": "A duty signed for each school year", "title_zh": "每学年签字确认的职责",
        "period": "school_year", "due_after_start_days": 30, "remind_days": 10, "grace_days": 14,
        "evidence_kind": "compliance.attestation", "owner_roles": ["safety_officer"]})
"""


def test_sign_off_a_duty_on_a_phone(phone, tmp_path):
    """The plan's duties are proven by records; a duty the central school adds may still ask for a signature."""
    from PIL import Image

    run_on_server(SIGNED_DUTY)
    proof = tmp_path / "proof.png"
    Image.new("RGB", (40, 30), (10, 120, 60)).save(proof)
    login(phone, "officer_b")
    phone.goto("/compliance/tasks/")
    phone.locator(".task-list a[href*='/compliance/attest/']").first.click()
    expect(phone.locator("h1")).to_be_visible()
    phone.set_input_files("input[type=file]", str(proof))
    phone.locator("form.sc-form button[type=submit]").click()
    expect(phone.locator(".alert-success")).to_be_visible()
    shot(phone, "attestation-phone")


def test_heat_map_filters_and_cells_lead_to_the_duty(desktop):
    login(desktop, "central")
    desktop.goto("/reports/dashboard/")
    desktop.locator("#f-q").fill("School B")
    desktop.get_by_role("button", name="Filter").click()
    rows = desktop.locator("table.heat-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("School B")
    cell = rows.first.locator("td.heat-cell a").first
    duty = cell.get_attribute("href").split("#", 1)[1]
    cell.click()
    expect(desktop.locator("h1")).to_contain_text("School B")
    expect(desktop.locator(f"tr#{duty}")).to_be_visible()
    shot(desktop, "dashboard-cell-to-duty-desktop")
