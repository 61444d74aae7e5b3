"""The reports of the library's results: every figure and table object has to_frame, to_html,
to_excel, plot and a notebook table; each report arranges its result's own figures (compared here with
the result) and names each measure's rule, source and confidence; the workbooks read back with
openpyxl hold the figures of the commands' JSON output."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys

import pandas as pd
import pytest

lxml_html = pytest.importorskip("lxml.html")
openpyxl = pytest.importorskip("openpyxl")
matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import safeguarding as sg  # noqa: E402
from safeguarding import reports as rp  # noqa: E402
from safeguarding._cli import main  # noqa: E402

from conftest import ROOT  # noqa: E402

HARINGEY = ROOT / "examples" / "haringey"
RETURNS = ROOT / "examples" / "returns"
ALLEGATIONS = ROOT / "examples" / "timeliness" / "allegations.csv"


def text(element) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture(scope="module")
def results():
    """One of each figure and table object of the library, from the example data (synthetic)."""
    haringey = sg.Partnership.load(HARINGEY / "partnership.json")
    looked_after = sg.ssda903.load(RETURNS / "ssda903")
    census = sg.cin_census.load(RETURNS / "cin_census_synthetic.xml")
    measure = looked_after.review_timeliness("2017-18")
    allegations = sg.timeliness(pd.read_csv(ALLEGATIONS), rules=["lado.referral", "lado.resolution"], as_of="2019-08-31")
    return {
        "ComplianceReport": haringey.evaluate("2020-10-31"),
        "FrontDoor": sg.FrontDoor(haringey, HARINGEY / "contacts.csv", HARINGEY / "steps.csv"),
        "TimelinessResult": allegations,
        "DataQuality": allegations.data_quality,
        "TimelinessMeasure": measure,
        "TimelinessFigure": measure.figure,
        "MeasureTable": looked_after.participation("2017-18"),
        "MeasureTable (by month)": measure.by_month(),
        "MeasureTable (Annex A)": sg.annex_a.load(RETURNS / "Annex_A.xlsx").overdue(),
        "Proportion": census.re_referrals("2019-20"),  # the census of 2020 covers 2019-20 only
        "Returns": rp.returns([RETURNS / "Annex_A.xlsx", RETURNS / "cin_census_synthetic.xml"], year="2019-20"),
    }


NAMES = ["ComplianceReport", "FrontDoor", "TimelinessResult", "DataQuality", "TimelinessMeasure", "TimelinessFigure",
         "MeasureTable", "MeasureTable (by month)", "MeasureTable (Annex A)", "Proportion", "Returns"]


@pytest.mark.parametrize("name", NAMES)
def test_every_figure_and_table_object_has_the_report_methods(results, name, tmp_path):
    obj = results[name]
    assert isinstance(obj, rp.ReportMixin)
    frame = obj.to_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame.columns) > 1
    page = obj.to_html(tmp_path / "report.html")
    assert page.startswith("<!DOCTYPE html>") and (tmp_path / "report.html").read_text(encoding="utf-8") == page
    assert lxml_html.fromstring(page).xpath("//table")
    book = obj.to_excel(tmp_path / "report.xlsx")
    assert openpyxl.load_workbook(book).sheetnames[0] == "README"
    # In a notebook: an HTML table in a fragment whose styles apply to it alone.
    fragment = obj._repr_html_()
    assert fragment.startswith('<div class="sg-fragment"><style>') and fragment.endswith("</div>")
    assert not re.search(r"<(html|head|body|script)\b", fragment)
    style = fragment[fragment.index("<style>") + 7 : fragment.index("</style>")]
    selectors = [s.strip() for rule in re.findall(r"([^{}]+)\{", style) for s in rule.split(",")]
    assert selectors and all(s.startswith(".sg-fragment") for s in selectors), selectors
    table = lxml_html.fromstring(fragment).xpath("//table")[0]
    assert table.xpath("./caption") and table.xpath("./thead/tr/th[@scope='col']")


@pytest.mark.parametrize("name", NAMES)
def test_plot_draws_the_report_s_chart_on_new_or_given_axes(results, name):
    from matplotlib.figure import Figure

    obj = results[name]
    chart = obj.to_report().charts()[0]
    ax = obj.plot()
    horizontal = isinstance(chart, rp.FunnelChart) or getattr(chart, "horizontal", False)
    drawn = [abs(p.get_width() if horizontal else p.get_height()) for p in ax.patches]
    values = [v for key in _series(chart) for v in chart.table.values(key)]
    assert len(ax.patches) == chart.marks, name
    assert [d > 0 for d in drawn] == [bool(v) for v in values], "a bar for every value that is not zero, and none for 0"
    assert ax.get_title(loc="left").replace("\n", " ") == chart.title
    figure = Figure()
    left, right = figure.subplots(1, 2)
    assert obj.plot(ax=right) is right and len(right.patches) == chart.marks and not left.patches


def _series(chart):
    if isinstance(chart, rp.TimescaleChart):
        return [chart.within, chart.outside]
    if isinstance(chart, rp.BandsChart):
        return [chart.value]
    if isinstance(chart, rp.FunnelChart):
        return [chart.count]
    return list(chart.series)


def test_the_monthly_chart_plots_the_target_line(results):
    ax = results["TimelinessMeasure"].plot(target=0.9)
    (line,) = [line for line in ax.lines if line.get_gid() == "target"]
    assert list(line.get_ydata()) == [0.9, 0.9]
    assert len(ax.patches) == 24  # 12 months, in and out of timescale


def test_plot_without_matplotlib_names_the_extra(results, monkeypatch):
    for loaded in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, loaded)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(rp.MissingDependencyError, match=re.escape("pip install safeguarding[reports]")):
        results["TimelinessFigure"].plot()
    # A notebook still shows the table: the fragment needs nothing beyond the library.
    monkeypatch.setitem(sys.modules, "jinja2", None)
    assert "<table>" in results["TimelinessFigure"]._repr_html_()


def test_to_frame_of_a_figure_is_its_row(results):
    figure = results["TimelinessFigure"]
    frame = figure.to_frame()
    assert frame.to_dict("records") == [{
        "measure": "looked-after reviews", "done": figure.done, "in_timescale": figure.in_timescale,
        "share": pytest.approx(figure.share), "out_of_timescale": figure.out_of_timescale, "overdue": figure.overdue,
        "missed": figure.missed}]
    assert list(results["FrontDoor"].to_frame()["quarter"]) == ["April to June 2019", "July to September 2019",
                                                                "October to December 2019", "January to March 2020"]


# --- Each report arranges its result's figures ----------------------------------------------------


def _tables(report):
    """Every table of a report by caption, those written below their chart too."""
    return {t.caption: t for t in [*report.tables(), *(c.table for c in report.charts())]}


def test_the_governance_report_is_the_compliance_report_s(results):
    compliance = results["ComplianceReport"]
    summary = compliance.summary
    report = compliance.to_report()
    sections = report.ordered_sections()
    assert [s.role.value for s in sections[:2]] == ["summary", "action"]
    key = {k.label: k.value for b in report.blocks() if isinstance(b, rp.KeyFigures) for k in b.items}
    # Worked out by hand in tests/cpp/test_partnership.cpp ("the Haringey example"): as of 31 October
    # 2020, 19 breached = 1 chair + 1 meeting + 3 quorum + 1 attendance + 5 non-attendance + 7 duties
    # + 1 statutory duty. Governance as of 2026 (#11) added two to the 17 before it: the yearly report
    # of Tuesday 6 October 2020 sent on Friday 16 October, after the 7 days to Tuesday 13 October
    # (the duty 'yearly-report-sent'), and independent scrutiny counted only with evidence, which the
    # scrutineer's challenge session of 11 February 2020 has none of (a statutory-duties finding).
    assert key["findings breached: action needed"] == summary["by_status"]["breached"] == 19
    assert key["meetings quorate"] == summary["meetings_quorate"]
    breached = next(b for b in sections[1].blocks if isinstance(b, rp.Findings))
    assert [i.title for i in breached.items] == [f.text for f in compliance.with_status("breached")]
    by_area = _tables(report)["Findings by area and status"]
    # 162 findings (141 before #11): breached 19 (above); due soon 3 (the PLWD subgroup's
    # October-December 2020 meeting, its work plan due 28 November, the mental-health audit's
    # action plan due 16 January 2021); met 114 (104, and the two CCGs as health partner, the
    # partners over two stretches instead of one, the yearly report and its sending as statutory
    # duties, North Central London CCG's attendance at 4 groups, the scrutineer's assessment of 14
    # July 2020); not yet due 14 (12, North Central London CCG at the Learning Review group, the
    # next scrutiny); not applicable 12 (5, and the 7 kinds of Working Together 2023 and the 2026 Act
    # on a file following Working Together 2018).
    assert by_area.totals == ("All areas", 19, 3, 114, 14, 12)
    assert [sum(r[i] for r in by_area.rows) for i in range(1, 6)] == list(by_area.totals[1:])
    later = ["Lead partners", "Delegated partners", "Partnership chair", "Designated agencies", "Child protection teams",
             "Republication", "Sign-off"]
    assert [r[1:] for r in by_area.rows if r[0] in later] == [(0, 0, 0, 0, 1)] * 7
    frame = compliance.to_frame()
    for kind in frame["kind"].unique():
        area = next(t for t in report.tables() if t.measures and t.measures[0].rule == str(kind))
        assert [r[1] for r in area.rows] == list(frame[frame["kind"] == kind]["text"])


def test_the_governance_report_names_every_kind_of_finding():
    from safeguarding.reports._governance import AREAS

    # In the library's order; a kind it adds and the report does not name would stop the report.
    assert list(AREAS) == [k.value for k in sg.FindingKind]
    assert len({area for area, _ in AREAS.values()}) == len(AREAS)


def test_the_returns_report_arranges_the_returns_measures():
    result = rp.returns([RETURNS], year="2017-18")
    report = result.to_report()
    tables = _tables(report)
    months = tables["Looked-after reviews held in and out of timescale, by month, 2017-18"]
    expected = sg.ssda903.load(RETURNS / "ssda903").reviews_by_month("2017-18").to_frame()
    assert [r[2] for r in months.rows] == list(expected["in_timescale"])
    assert [r[4] for r in months.rows] == pytest.approx(list(expected["percent_in_timescale"] / 100))
    assert months.totals[:5] == ("Year", None, 76, 115, pytest.approx(76 / 191))
    chart = next(c for c in report.charts() if c.table is months)
    assert isinstance(chart, rp.TimescaleChart) and chart.target == 0.9
    visits = tables["Annex A List 8: children overdue, last social work visit, as of 15 March 2021 (Annex_A.xlsx)"]
    # Child 1761444 (sheet row 2): last visit Wednesday 6 January 2021, the next due 6 weeks on,
    # Wednesday 17 February (reg 28; the rule lac.visit.subsequent since issue 11 split lac.visit:
    # Annex A gives no placement, so the last visit is judged a later one); by the list date, Monday
    # 15 March, 26 days overdue (11 left in February, 15 in March), 18 working days (18 February to
    # 15 March, no bank holiday).
    assert visits.rows[0] == ("1761444", 2, dt.date(2021, 1, 6), dt.date(2021, 2, 17), 26, 18, "lac.visit.subsequent")
    action = next(s for s in report.ordered_sections() if s.role is rp.Role.ACTION)
    assert visits in action.blocks, "the overdue lists are what needs action"


def test_every_table_of_a_measure_names_its_rule_source_and_confidence():
    reports = {
        "returns": rp.returns([RETURNS], year="2017-18").to_report(),
        "lado": sg.timeliness(pd.read_csv(ALLEGATIONS), rules=["lado.referral", "lado.resolution"],
                              as_of="2019-08-31").to_report(),
    }
    for name, report in reports.items():
        for table in report.tables():
            if re.search(r"data-quality findings|Files found|Rows read|rows\)$|finding$|Overdue as of", table.caption):
                continue
            assert table.measures, f"{name}: {table.caption}"
            for m in table.measures:
                assert m.rule and m.source and m.confidence, f"{name}: {table.caption}: {m}"


def test_the_lado_bands_are_sg_bands():
    result = sg.timeliness(pd.read_csv(ALLEGATIONS), rules=["lado.referral", "lado.resolution"], as_of="2019-08-31")
    report = result.to_report()
    bands = sg.bands(result, "lado.resolution")
    (chart,) = [c for c in report.charts() if isinstance(c, rp.BandsChart)]
    assert [r[2] for r in chart.table.rows] == list(bands["within"])
    # Keeping Children Safe in Education: 80% within 1 month, 90% within 3; "all but the most
    # exceptional" within 12 months is no percentage (rule catalogue version 2): no target, no verdict.
    assert chart.table.values("target") == [0.8, 0.9, None]
    assert chart.table.values("against")[2] is None
    assert chart.table.text(chart.table.rows[2], "target") == "no target"
    assert "Within 12 months: 100% with no target" in chart.description
    # 28 of the 36 cases concluded were concluded within 1 month: 77.8%, below the 80% target.
    assert chart.table.rows[0][:5] == ("Within 1 month", 36, 28, pytest.approx(28 / 36), 0.8)
    assert chart.table.rows[0][5].label == "Not met"
    key = [k for b in report.blocks() if isinstance(b, rp.KeyFigures) for k in b.items]
    assert [(k.label, k.text, k.status and k.status.label) for k in key if "concluded" in k.label] == [
        ("of cases concluded within 1 month (target 80%)", "78%", "Not met"),
        ("of cases concluded within 3 months (target 90%)", "86%", "Not met"),
        ("of cases concluded within 12 months (no target)", "100%", None)]


def test_the_action_plan_lists_red_and_amber_first_with_rag_as_text_and_colour():
    plan = pd.DataFrame({"action": ["A done", "B late", "C fine", "D worry"],
                         "target": ["2019-04-30", "2019-05-31", "2020-09-30", "2020-06-30"],
                         "completed": ["2019-04-26", None, None, None], "progress": [None, None, "on_track", "concern"]})
    rated = sg.rag(plan, as_of="2019-09-19")
    report = rp.action_plan(rated, "2019-09-19")
    needing = next(b for b in report.blocks() if isinstance(b, rp.Findings))
    assert [(i.status.label, i.title) for i in needing.items] == [("Red", "B late"), ("Amber", "D worry")]
    table = report.tables()[0]
    assert [s.label for s in table.values("rag")] == list(rated["rag"].astype(str))
    page = lxml_html.fromstring(report.to_html())
    tags = [(t.get("class"), text(t)) for t in page.xpath("//table//*[contains(@class, 'tag')]")]
    assert tags == [("tag tag--blue", "Blue"), ("tag tag--red", "Red"), ("tag tag--green", "Green"), ("tag tag--amber", "Amber")]


def test_the_report_as_text():
    report = sg.timeliness(pd.read_csv(ALLEGATIONS), rules=["lado.resolution"], as_of="2019-08-31").to_report()
    out = report.to_text()
    assert out.startswith("Timeliness: Allegation cases resolved\n")
    assert "  Within 1 month                 36               28                   78%        80%  Not met" in out
    # The 12 months' band has no target ("all but the most exceptional"): it says so, never 100%.
    assert "  Within 12 months               36               36                  100%  no target  –" in out
    assert "Figure 1: Cases concluded within 1 month (target 80%), 3 months (target 90%), 12 months (no target)" in out
    assert "(target 100%)" not in out and "target of 100%" not in out


# --- The workbooks read back: the figures of the commands' JSON ----------------------------------


def _run(*args: str) -> None:
    import io

    err = io.StringIO()
    assert main(list(args), io.StringIO(), err) == 0, err.getvalue()


@pytest.fixture(scope="module")
def demo_outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    commands = {
        "governance": ["report", str(HARINGEY / "partnership.json"), "--as-of", "2020-10-31"],
        "returns": ["returns", str(RETURNS)],  # each return in its own year (the SSDA903's: 2017-18)
        "front-door": ["front-door", str(HARINGEY / "partnership.json"), str(HARINGEY / "contacts.csv"),
                       str(HARINGEY / "steps.csv")],
        "lado": ["timeliness", str(ALLEGATIONS), "--rules", "lado.referral,lado.resolution", "--as-of", "2019-08-31"],
    }
    out = {}
    for name, args in commands.items():
        _run(*args, "--format", "json", "-o", str(folder / f"{name}.json"))
        _run(*args, "--format", "xlsx", "-o", str(folder / f"{name}.xlsx"))
        out[name] = (json.loads((folder / f"{name}.json").read_text(encoding="utf-8")),
                     openpyxl.load_workbook(folder / f"{name}.xlsx"), folder / f"{name}.xlsx")
    return out


def _rows(ws, width):
    """A table sheet's data rows (row 5 on), as values, to the first empty row."""
    out = []
    for row in ws.iter_rows(min_row=5, max_col=width, values_only=True):
        if row[0] is None:
            break
        out.append(row)
    return out


def _charts(path, sheet_index):
    import zipfile

    with zipfile.ZipFile(path) as z:
        rels = f"xl/worksheets/_rels/sheet{sheet_index}.xml.rels"
        if rels not in z.namelist():
            return []
        drawing = re.search(r'Target="../drawings/(drawing\d+\.xml)"', z.read(rels).decode())
        if not drawing:
            return []
        drels = z.read(f"xl/drawings/_rels/{drawing.group(1)}.rels").decode()
        return [z.read("xl/charts/" + c).decode() for c in re.findall(r'Target="../charts/(chart\d+\.xml)"', drels)]


def test_the_governance_workbook(demo_outputs):
    data, wb, path = demo_outputs["governance"]
    assert wb.sheetnames[:5] == ["README", "Summary", "By area", "Breached", "Due soon"]
    by_area = {row[0]: row[1:] for row in _rows(wb["By area"], 6)}
    assert by_area["Duties"] == tuple(data["summary"]["by_kind"]["duty"][s]
                                      for s in ("breached", "due-soon", "met", "not-yet-due", "not-applicable"))
    # The totals of test_the_governance_report_is_the_compliance_report_s, worked out there.
    assert by_area["All areas"] == (19, 3, 114, 14, 12)
    assert tuple(sum(row[i] for name, row in by_area.items() if name != "All areas") for i in range(5)) == (19, 3, 114, 14, 12)
    assert all(isinstance(v, int) for row in by_area.values() for v in row)
    assert _charts(path, wb.sheetnames.index("By area") + 1), "the chart beside its table"
    duties = _rows(wb["Duties"], 6)
    expected = [f for f in data["findings"] if f["kind"] == "duty"]
    assert [r[1] for r in duties] == [f["text"] for f in expected]
    assert [r[2].date().isoformat() if r[2] else None for r in duties] == [f["due"] for f in expected]
    assert wb["Duties"]["C5"].number_format == "d mmm yyyy"
    readme = [c for row in wb["README"].iter_rows(values_only=True) for c in row if c]
    assert "duty" in readme and "Each recurring duty is done by its due date" in readme


def test_the_returns_workbook(demo_outputs):
    data, wb, path = demo_outputs["returns"]
    ssda903, census, _, annex = data["returns"]
    months = _rows(wb["Reviews by month"], 7)[:12]
    by_month = ssda903["measures"]["reviews"]["by_month"]
    assert [r[0].strftime("%Y-%m") for r in months] == [m["month"] for m in by_month]
    assert [r[2:5] for r in months] == [(m["in_timescale"], m["out_of_timescale"], pytest.approx(m["percent_in_timescale"] / 100))
                                        for m in by_month]
    ws = wb["Reviews by month"]
    assert isinstance(ws["A5"].value, dt.datetime) and ws["A5"].number_format == "mmmm yyyy"
    assert ws["E5"].number_format == "0.0%" and ws["B5"].number_format == "#,##0"
    assert ws["I4"].value == "Target 90%" and ws["I5"].value == 0.9
    (chart,) = _charts(path, wb.sheetnames.index("Reviews by month") + 1)
    assert '<c:grouping val="percentStacked"/>' in chart and "<c:lineChart>" in chart
    participation = {r[0]: r[2] for r in _rows(wb["Participation"], 4)}
    assert participation == {r["REVIEW_CODE"]: r["reviews"] for r in ssda903["measures"]["participation"]["rows"]}
    overdue = [n for n in wb.sheetnames if n.startswith("List 8 overdue")]
    children = {r[0] for n in overdue for r in _rows(wb[n], 7)}
    assert children == {r["child_unique_id"] for r in annex["overdue"]}
    counts = {r[0]: r[1:4] for r in _rows(wb["CIN counts"], 4)}
    referrals = census["measures"]["re_referrals"]
    assert counts["Re-referrals within 12 months of the previous referral"] == (
        referrals["count"], referrals["total"], pytest.approx(referrals["share"]))


def test_the_front_door_workbook(demo_outputs):
    data, wb, path = demo_outputs["front-door"]
    quarters = _rows(wb["By quarter"], 7)
    decisions, volumes = data["by_quarter"]["decisions"], data["by_quarter"]["volumes"]
    assert [r[1:3] for r in quarters[:4]] == [(v["contacts"], v["referrals"]) for v in volumes]
    assert [r[4] for r in quarters[:4]] == [pytest.approx(d["percent_in_timescale"] / 100) for d in decisions]
    assert quarters[4][0] == "All quarters" and quarters[4][1] == data["all"]["volumes"][0]["contacts"]
    assert wb["By quarter"]["E5"].number_format == "0.0%"
    funnel = _rows(wb["Funnel"], 3)
    conversion = data["all"]["conversion"][0]
    assert [r[1] for r in funnel] == [conversion[k] for k in ("contacts", "referrals", "assessments", "plans")]
    (chart,) = _charts(path, wb.sheetnames.index("Funnel") + 1)
    assert '<c:barDir val="bar"/>' in chart
    assert _charts(path, wb.sheetnames.index("Outcomes by quarter") + 1)


def test_the_lado_workbook(demo_outputs):
    data, wb, path = demo_outputs["lado"]
    assert wb.sheetnames[:3] == ["README", "Summary", "By rule"]
    assert {"Bands", "lado.referral by month", "lado.resolution by month"} <= set(wb.sheetnames)
    bands = _rows(wb["Bands"], 7)
    expected = data["bands"]["lado.resolution"]
    assert [r[0] for r in bands] == [f"Within {b['band']}" for b in expected]
    assert [r[1:5] for r in bands] == [(b["concluded"], b["within"], pytest.approx(b["percent_within"] / 100),
                                        "no target" if b["target"] is None else pytest.approx(b["target"] / 100))
                                       for b in expected]
    assert [r[5] for r in bands] == [None if b["meets_target"] is None else "Met" if b["meets_target"] else "Not met"
                                     for b in expected]
    # 80% and 90% within 1 and 3 months; the 12 months' band has no target and no verdict.
    assert [(b["target"], b["meets_target"]) for b in expected] == [(80.0, False), (90.0, False), (None, None)]
    # Counted by hand from allegations.csv (referred to concluded, the same day of the month N months
    # on): of the 36 concluded cases, 28 within 1 month (77.8%, under 80%), 31 within 3, 36 within 12.
    assert [r[1:3] for r in bands] == [(36, 28), (36, 31), (36, 36)]
    ws = wb["Bands"]
    assert ws["B5"].number_format == "#,##0" and ws["D5"].number_format == "0%" and ws["E5"].number_format == "0%"
    assert isinstance(ws["B5"].value, int)
    (chart,) = _charts(path, wb.sheetnames.index("Bands") + 1)  # the bands' native chart beside its table
    # "no target" is a word in E7, which the chart would draw as 0%: the target markers are in column I
    # (beside the 7 columns and a gap), blank for 12 months.
    assert ws["E7"].value == "no target" and ws["I4"].value == "Target (chart)"
    assert [ws[f"I{r}"].value for r in (5, 6, 7)] == [0.8, 0.9, None]
    assert "Bands!$I$5:$I$7" in chart and "$E$5" not in chart
    by_rule = {r[0]: r[1:5] for r in _rows(wb["By rule"], 8)}
    for s in data["summary"]:
        (row,) = [v for k, v in by_rule.items() if k.endswith(f"({s['rule']})")]
        assert row == (s["instances"], s["in_timescale"], s["out_of_timescale"], pytest.approx(s["percent_in_timescale"] / 100))
    months = _rows(wb["lado.referral by month"], 6)
    referral = [m for m in data["by_month"] if m["rule"] == "lado.referral"]
    assert [r[0].strftime("%Y-%m") for r in months[:len(referral)]] == [m["month"] for m in referral]
    assert _charts(path, wb.sheetnames.index("lado.referral by month") + 1)


def test_a_count_the_returns_cannot_give_is_shown_as_not_computable_with_the_reason():
    # fake_CIN_data.xml (Year 2022) asked for 2019-20, a year it does not cover: the library gives no
    # figure for the plans that lasted two years, nor any timeliness figure, and the report says so
    # (a note with each reason, the JSON's reason) instead of stopping.
    result = rp.returns([RETURNS / "fake_CIN_data.xml"], year="2019-20")
    (census,) = json.loads(result.to_json())["returns"]
    plans = census["measures"]["plans_lasting_two_years_or_more"]
    assert (plans["count"], plans["total"], plans["share"]) == (None, None, None)
    assert "2019-20 is outside the years the data covers" in plans["not_computable"]
    assert "no figure can be given" in plans["not_computable"]
    tables = result.to_report().tables()
    counts = next(t for t in tables if t.caption.startswith("Referrals and child protection plans"))
    row = next(r for r in counts.rows if r[0].startswith("Child protection plans ended in the year that lasted two years"))
    assert row[1:] == (None, None, None)
    assert "not computable" in counts.note and "cin.plans_lasting_two_years_or_more" in counts.note
    timed = next(t for t in tables if t.caption.startswith("Timeliness in the CIN census"))
    assert timed.note is not None and timed.note.count("not computable: 2019-20 is outside the years") == 3
    assert timed.note.startswith("Assessments authorised — not computable: 2019-20 is outside the years the data covers")


def test_a_census_of_its_year_without_plans_counts_none():
    # fake_CIN_data.xml has no child protection plans: a census supplies every table, so 2021-22
    # (its Year, 2022) had none: 0 of 0 plans that lasted two years, not "not computable".
    result = rp.returns([RETURNS / "fake_CIN_data.xml"])
    (census,) = json.loads(result.to_json())["returns"]
    plans = census["measures"]["plans_lasting_two_years_or_more"]
    assert (plans["count"], plans["total"]) == (0, 0) and "not_computable" not in plans
