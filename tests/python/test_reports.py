"""The reports' rendering layer: the document model, the HTML page and the Excel workbook, checked on
the sample reports (synthetic figures) as a reader and an analyst would use them."""

from __future__ import annotations

import datetime as dt
import re
import sys
import zipfile

import pytest

lxml_html = pytest.importorskip("lxml.html")
openpyxl = pytest.importorskip("openpyxl")

from safeguarding import reports as rp  # noqa: E402
from safeguarding.reports import samples  # noqa: E402
from safeguarding.reports._types import SERIES_COLOURS, TONE_COLOURS, contrast_ratio  # noqa: E402

NAMES = list(samples.SAMPLES)


@pytest.fixture(scope="module")
def built():
    """Each sample report, its HTML and its parsed page."""
    out = {}
    for name, make in samples.SAMPLES.items():
        report = make()
        html = report.to_html()
        out[name] = (report, html, lxml_html.fromstring(html))
    return out


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workbooks")
    out = {}
    for name, make in samples.SAMPLES.items():
        report = make()
        path = report.to_excel(folder / f"{name}.xlsx")
        out[name] = (report, path, openpyxl.load_workbook(path))
    return out


def text(element) -> str:
    return " ".join(element.text_content().split())


# --- The model ---------------------------------------------------------------------------------


def test_dates_and_figures_are_written_as_a_reader_reads_them():
    assert rp.long_date(dt.date(2020, 3, 31)) == "31 March 2020"
    assert rp.long_date(dt.date(2019, 9, 2)) == "2 September 2019"
    assert rp.Column("p", "P", "percent", "0.0%").text(0.8955) == "89.6%"  # half up, as Excel shows it
    assert rp.Column("p", "P", "percent").text(0.915) == "92%"
    assert rp.Column("n", "N", "integer").text(12480) == "12,480"
    assert rp.Column("r", "R", "number", "#,##0.0").text(1516.04) == "1,516.0"
    assert rp.Column("d", "D", "date", "mmmm yyyy").text(dt.date(2018, 4, 1)) == "April 2018"
    assert rp.Column("d", "D", "date").text(None) == "–"
    assert rp.Column("s", "S", "rag").text(rp.Status.of("A")) == "Amber"


def test_a_table_checks_its_values_against_its_columns():
    columns = [rp.Column("month", "Month", "date"), rp.Column("n", "Held", "integer"), rp.Column("p", "%", "percent")]
    with pytest.raises(ValueError, match=r"row 1, column 'p': 92 is not a proportion between 0 and 1"):
        rp.Table("t", columns, [(dt.date(2019, 4, 1), 10, 92)])
    with pytest.raises(ValueError, match=r"row 2, column 'n': 1.5 is not a whole number"):
        rp.Table("t", columns, [(dt.date(2019, 4, 1), 10, 0.9), (dt.date(2019, 5, 1), 1.5, 0.9)])
    with pytest.raises(ValueError, match=r"column 'month': '2019-04-01' is not a date"):
        rp.Table("t", columns, [{"month": "2019-04-01", "n": 1, "p": 0.5}])
    with pytest.raises(ValueError, match=r"no column named \['x'\]"):
        rp.Table("t", columns, [{"x": 1}])
    with pytest.raises(ValueError, match="format '0.000%' is not one for a percent column"):
        rp.Column("p", "%", "percent", "0.000%")
    table = rp.Table("t", columns, [{"month": dt.datetime(2019, 4, 1, 9), "n": 3}], totals=("Total", 3, None))
    assert table.rows == [(dt.date(2019, 4, 1), 3, None)]
    assert table.totals == ("Total", 3, None)
    assert table.columns[0].row_header is True and columns[0].row_header is None, "the caller's columns are left as they were"
    assert list(table.to_frame().columns) == ["month", "n", "p"]


def test_a_status_is_always_a_label_with_a_tone():
    assert rp.Status.of("due_soon") == rp.DUE_SOON
    assert rp.Status.of("R").tone is rp.Tone.RED
    assert rp.Status.of(rp.COMPLETED) is rp.COMPLETED
    with pytest.raises(ValueError, match="not a status the reports know"):
        rp.Status.of("purple")
    with pytest.raises(ValueError, match="colour alone"):
        rp.Status(" ", rp.Tone.GREEN)


def test_row_accounting_must_add_up():
    rp.RowAccount("episodes", 10, 7, 2, 1)
    with pytest.raises(ValueError, match=r"rows read \(10\) are not used \+ rejected \+ merged \(7 \+ 2 \+ 0\)"):
        rp.RowAccount("episodes", 10, 7, 2)


def test_sections_are_written_summary_then_action_then_detail():
    detail = rp.Section("Detail", [rp.Paragraph("d")])
    action = rp.Section("Breaches", [rp.Paragraph("a")], role="action")
    summary = rp.Section("Summary", [rp.Paragraph("s")], role=rp.Role.SUMMARY)
    report = rp.Report("Order", dt.date(2020, 3, 31), [detail, action, summary])
    assert [s.heading for s in report.ordered_sections()] == ["Summary", "Breaches", "Detail"]
    page = lxml_html.fromstring(report.to_html())
    assert [text(h) for h in page.xpath("//main//h2")] == ["Summary", "Breaches", "Detail"]


def test_a_chart_needs_the_columns_it_names():
    table = samples.monthly_reviews_table()
    with pytest.raises(KeyError, match="has no column 'missed'"):
        rp.TimescaleChart("t", table, category="month", within="in_timescale", outside="missed", target=0.9)
    with pytest.raises(ValueError, match="target 90 is not a proportion"):
        rp.TimescaleChart("t", table, category="month", within="in_timescale", outside="out_of_timescale", target=90)


# --- HTML: one self-contained, accessible page -------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_the_page_makes_no_request(built, name):
    _, html, page = built[name]
    assert not re.search(r"https?:", html), "no URL of any kind, not even a namespace"
    assert not re.search(r"<(script|link|img|iframe|object|embed|audio|video|source)\b", html, re.I)
    assert not re.search(r"@import|url\((?!#)", html), "CSS loads nothing"
    assert not re.search(r"\b(src|srcset|xlink:href)=", html)
    assert all(href.startswith("#") for href in page.xpath("//@href")), "every link stays on the page"
    assert page.xpath("//style") and not page.xpath("//@style[contains(., 'url(') and not(contains(., 'url(#'))]")


@pytest.mark.parametrize("name", NAMES)
def test_language_title_and_headings_in_order(built, name):
    report, _, page = built[name]
    assert page.get("lang") == "en-GB"
    assert report.title in text(page.xpath("//head/title")[0])
    headings = page.xpath("//h1|//h2|//h3|//h4|//h5|//h6")
    levels = [int(h.tag[1]) for h in headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"a heading level is skipped: {levels}"
    assert text(page.xpath("//h1")[0]) == report.title
    assert all(text(h) for h in headings)


@pytest.mark.parametrize("name", NAMES)
def test_summary_first_then_action_then_detail(built, name):
    report, _, page = built[name]
    sections = page.xpath("//main/section")
    roles = [s.get("class").split("--")[1] for s in sections]
    assert roles == sorted(roles, key=["summary", "action", "detail"].index)
    assert roles[0] == "summary" and "action" in roles
    assert [text(s.xpath("./h2")[0]) for s in sections] == [s.heading for s in report.ordered_sections()]


@pytest.mark.parametrize("name", NAMES)
def test_every_table_is_semantic(built, name):
    _, _, page = built[name]
    tables = page.xpath("//table")
    assert tables
    for table in tables:
        caption = table.xpath("./caption")
        assert caption and text(caption[0]).startswith("Table ")
        head = table.xpath("./thead/tr/th")
        assert head and all(th.get("scope") == "col" for th in head)
        for row in table.xpath("./tbody/tr|./tfoot/tr"):
            cells = row.xpath("./th|./td")
            assert len(cells) == len(head)
            assert any(c.tag == "th" and c.get("scope") == "row" for c in cells), "each row names itself"
    numbers = [int(re.match(r"Table (\d+):", text(c)).group(1)) for c in page.xpath("//caption")]
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize("name", NAMES)
def test_every_chart_is_an_image_with_a_name_a_description_its_marks_and_its_data(built, name):
    report, _, page = built[name]
    figures = page.xpath("//figure")
    assert len(figures) == len(report.charts())
    for chart, figure in zip(report.charts(), figures):
        svgs = figure.xpath(".//svg")
        assert len(svgs) == 1
        svg = svgs[0]
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert text(page.get_element_by_id(title_id)) == chart.title
        assert text(page.get_element_by_id(desc_id)) == chart.description
        assert len(chart.description) > 40
        marks = svg.xpath(".//g[@class='mark']")
        assert len(marks) == chart.marks == int(figure.get("data-marks"))
        # Each mark carries its value: the chart draws the table's figures.
        for mark in marks:
            key = mark.get("data-series")
            values = [("" if v is None else str(v)) for v in chart.table.values(key)]
            assert mark.get("data-value") in values
        for key in {m.get("data-series") for m in marks}:
            drawn = [m.get("data-value") for m in marks if m.get("data-series") == key]
            assert drawn == [("" if v is None else str(v)) for v in chart.table.values(key)]
        # The data is there as a table too, linked or right below.
        link = figure.xpath(".//p[@class='chart-note']//a/@href")
        table_id = link[0][1:] if link else figure.getparent().xpath("./div[contains(@class, 'block--table')]//table/@id")[0]
        table = page.get_element_by_id(table_id)
        assert text(table.xpath("./caption")[0]).endswith(chart.table.caption)


def test_chart_marks_of_each_kind(built):
    def count(name, cls):
        return [len(svg.xpath(f".//g[@class='{cls}']")) for svg in built[name][2].xpath("//svg")]

    assert count("iro", "mark") == [24, 16]  # 12 months in and out; 4 quarters by 4 groups
    assert count("iro", "target") == [1, 0]  # one target line
    assert count("lado", "mark") == [3, 24]  # 3 bands; 4 quarters by 6 sources
    assert count("lado", "target") == [2, 0]  # each band's target: 1 and 3 months; 12 months has none
    assert count("front-door", "mark") == [6, 18]  # 6 stages; 6 sources by 3 outcomes


@pytest.mark.parametrize("name", NAMES)
def test_the_numbers_in_the_page_are_the_model_s(built, name):
    report, _, page = built[name]
    tables = page.xpath("//table")
    model_tables = []
    for section in report.ordered_sections():
        for block in section.blocks:
            if isinstance(block, rp.Table) and block not in model_tables:
                model_tables.append(block)
            elif isinstance(block, rp.Chart) and block.table not in model_tables:
                model_tables.append(block.table)
            elif isinstance(block, rp.DataQualitySummary):
                model_tables.append(block.as_table())
    assert len(tables) == len(model_tables)
    for model, table in zip(model_tables, tables):
        assert text(table.xpath("./caption")[0]).endswith(model.caption)
        assert [text(th) for th in table.xpath("./thead/tr/th")] == [c.heading for c in model.columns]
        body = [[text(c) for c in tr.xpath("./th|./td")] for tr in table.xpath("./tbody/tr")]
        assert body == [[c.text(v) for c, v in zip(model.columns, row)] for row in model.rows]
        if model.totals:
            foot = [text(c) for c in table.xpath("./tfoot/tr/th|./tfoot/tr/td")]
            assert foot == [("" if v is None else c.text(v)) for c, v in zip(model.columns, model.totals)]
    figures = page.xpath("//li[contains(@class, 'key-figure')]")
    model_figures = [k for b in report.blocks() if isinstance(b, rp.KeyFigures) for k in b.items]
    assert [text(f.xpath("./span[@class='key-figure-value']")[0]) for f in figures] == [k.text for k in model_figures]


def test_the_iro_page_reads_as_the_annual_report_does(built):
    _, _, page = built["iro"]
    assert text(page.xpath("//p[@class='as-of']")[0]) == "Figures as of 31 March 2019"
    table = page.get_element_by_id("table-1")
    first = [text(c) for c in table.xpath("./tbody/tr[1]/*")]
    assert first == ["April 2018", "78", "90.7%", "8", "9.3%", "86", "Met"]
    total = [text(c) for c in table.xpath("./tfoot/tr/*")]
    assert total == ["Year", "1,128", "91.9%", "99", "8.1%", "1,227", "Met"]
    assert "91.9%" in text(page.xpath("//li[contains(@class, 'key-figure')]")[0])


@pytest.mark.parametrize("name", NAMES)
def test_a_status_is_text_and_colour(built, name):
    _, _, page = built[name]
    tags = page.xpath("//*[contains(concat(' ', @class, ' '), ' tag ')]")
    assert tags
    for tag in tags:
        assert text(tag), "a tag without text would be colour alone"
        assert re.search(r"\btag--(red|amber|green|blue|grey)\b", tag.get("class"))


def test_colours_meet_wcag_aa():
    for tone, colours in TONE_COLOURS.items():
        assert contrast_ratio(colours.text, colours.fill) >= 4.5, tone
    for colour in SERIES_COLOURS:
        assert contrast_ratio(colour, "#ffffff") >= 3, f"{colour}: a chart's marks need 3:1 against the page"
    css = (rp.__file__.rsplit("/", 1)[0]) + "/templates/report.css"
    with open(css, encoding="utf-8") as f:
        sheet = f.read()
    for name in ("ink", "secondary", "link", "red", "green", "blue", "grey"):
        colour = re.search(rf"--{name}: (#[0-9a-f]{{6}})", sheet).group(1)
        assert contrast_ratio(colour, "#ffffff") >= 4.5, name


def test_the_print_stylesheet_sets_a4_and_keeps_things_together(built):
    _, html, _ = built["iro"]
    assert re.search(r"@page\s*\{[^}]*size: A4", html)
    assert "counter(page)" in html
    print_rules = html[html.index("@media print") :]
    for rule in ("break-after: avoid", "break-inside: avoid", "thead { display: table-header-group; }", "max-height: 95mm"):
        assert rule in print_rules


def test_rendering_is_deterministic():
    assert samples.iro().to_html() == samples.iro().to_html()


def test_ids_are_unique(built):
    for name, (_, _, page) in built.items():
        ids = page.xpath("//@id")
        assert len(ids) == len(set(ids)), name


def test_text_is_escaped_everywhere():
    hostile = '<script>alert("x")</script> & "quotes" \\ </style>'
    table = rp.Table(
        hostile,
        [rp.Column("a", hostile), rp.Column("n", "N", "integer")],
        [(hostile, 1)],
        measures=[rp.Measure(hostile, rule=hostile)],
    )
    chart = rp.StackedBarChart(hostile, table, category="a", series=["n"], description=hostile)
    report = rp.Report(
        hostile,
        dt.date(2020, 1, 1),
        [
            rp.Section(
                hostile, [rp.Paragraph(hostile), chart, table, rp.Findings([rp.FindingItem("met", hostile, detail=hostile)])]
            )
        ],
    )
    html = report.to_html()
    assert "<script" not in html and "</style> &" not in html
    page = lxml_html.fromstring(html)
    assert text(page.xpath("//h1")[0]) == " ".join(hostile.split())
    assert len(page.xpath("//style")) == 1 and page.xpath("//head/style")


def test_html_is_written_to_a_file_too(tmp_path):
    path = tmp_path / "report.html"
    html = samples.action_plan().to_html(path)
    assert path.read_text(encoding="utf-8") == html


@pytest.mark.parametrize("module, method", [("jinja2", "to_html"), ("matplotlib", "to_html"), ("xlsxwriter", "to_excel")])
def test_a_missing_dependency_names_the_extra(monkeypatch, tmp_path, module, method):
    for loaded in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.delitem(sys.modules, loaded)
    monkeypatch.setitem(sys.modules, module, None)
    report = samples.iro()
    with pytest.raises(rp.MissingDependencyError, match=re.escape("pip install safeguarding[reports]")) as error:
        getattr(report, method)(*([tmp_path / "r.xlsx"] if method == "to_excel" else []))
    assert f"'{module}'" in str(error.value)
    assert isinstance(error.value, ImportError)


# --- Excel: typed sheets, native charts, a README ---------------------------------------------


def test_sheets_are_named_and_ordered(workbooks):
    names = {name: wb.sheetnames for name, (_, _, wb) in workbooks.items()}
    assert names["iro"] == [
        "README",
        "Summary",
        "Months below the target",
        "Reviews by month",
        "Participation",
        "Participation by quarter",
        "Data quality",
    ]
    assert names["governance"] == ["README", "Summary", "Breached or overdue", "Due soon", "Meetings", "Met", "Data quality"]
    assert names["front-door"][:3] == ["README", "Summary", "Late decisions"]
    for sheets in names.values():
        assert all(len(s) <= 31 for s in sheets)


def test_sheet_names_are_valid_and_unique():
    from safeguarding.reports._excel import sheet_name

    taken: set[str] = set()
    assert sheet_name("Reviews: by month [draft]?", taken) == "Reviews- by month -draft--"
    assert sheet_name("reviews- by month -draft--", taken) == "reviews- by month -draft-- (2)"
    long = sheet_name("Contacts, referrals and decisions by quarter, April 2019", taken)
    assert len(long) <= 31 and long == "Contacts, referrals and"


def _header_row(ws):
    return [c.value for c in ws[4]]


@pytest.mark.parametrize("name", NAMES)
def test_each_table_sheet_has_typed_cells_a_frozen_header_and_a_filter(workbooks, name):
    report, _, wb = workbooks[name]
    for table in report.tables():
        ws = wb[table.sheet]
        assert ws["A1"].value.endswith(table.caption)
        assert ws.freeze_panes == "A5"
        last = 4 + len(table.rows)
        assert ws.auto_filter.ref == f"A4:{openpyxl.utils.get_column_letter(len(table.columns))}{last}"
        assert _header_row(ws)[: len(table.columns)] == [c.heading for c in table.columns]
        for r, row in enumerate(table.rows):
            cells = ws[5 + r]
            for column, value, cell in zip(table.columns, row, cells):
                if value is None:
                    assert cell.value == column.missing  # blank, or what the column says ("no target")
                elif column.type is rp.ColumnType.DATE:
                    assert isinstance(cell.value, dt.datetime) and cell.value.date() == value
                    assert cell.number_format == column.format
                elif column.type is rp.ColumnType.PERCENT:
                    assert cell.value == pytest.approx(value) and cell.number_format.endswith("%")
                elif column.type is rp.ColumnType.INTEGER:
                    assert cell.value == value and isinstance(cell.value, int) and cell.number_format == "#,##0"
                elif column.type is rp.ColumnType.RAG:
                    assert cell.value == value.label
                    assert cell.fill.fgColor.rgb.lower().endswith(TONE_COLOURS[value.tone].fill[1:])
                else:
                    assert cell.value == value
        if table.totals:
            totals = [c.value for c in ws[5 + len(table.rows)]][: len(table.columns)]
            expected = [v.label if isinstance(v, rp.Status) else v for v in table.totals]
            assert totals == [pytest.approx(v) if isinstance(v, float) else v for v in expected]
            assert ws.cell(5 + len(table.rows), 2).font.b
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(len(table.columns))]
        assert all(8 <= w <= 62 for w in widths)


def test_key_figures_keep_their_types(workbooks):
    _, _, wb = workbooks["iro"]
    ws = wb["Summary"]
    assert ws["A5"].value == "of looked-after reviews were held in timescale (target 90%)"
    assert ws["B5"].value == pytest.approx(1128 / 1227) and ws["B5"].number_format == "0.0%"
    assert ws["B6"].value == 1227 and ws["B6"].number_format == "#,##0"
    assert ws["C5"].value == "Met"


def _chart_xml(path, sheet_index):
    """The drawing XML of the charts placed on a sheet (1-based, as the workbook numbers its sheets)."""
    with zipfile.ZipFile(path) as z:
        rels = z.read(f"xl/worksheets/_rels/sheet{sheet_index}.xml.rels").decode()
        drawing = re.search(r'Target="../drawings/(drawing\d+\.xml)"', rels).group(1)
        drels = z.read(f"xl/drawings/_rels/{drawing}.rels").decode()
        return [z.read("xl/charts/" + c).decode() for c in re.findall(r'Target="../charts/(chart\d+\.xml)"', drels)]


def test_native_charts_beside_their_tables(workbooks):
    _, path, wb = workbooks["iro"]
    monthly = wb.sheetnames.index("Reviews by month") + 1
    (chart,) = _chart_xml(path, monthly)
    assert '<c:grouping val="percentStacked"/>' in chart and "<c:lineChart>" in chart
    assert "'Reviews by month'!$B$5:$B$16" in chart and "'Reviews by month'!$D$5:$D$16" in chart
    assert "<c:title>" in chart and "Share of looked-after reviews" in chart
    ws = wb["Reviews by month"]
    assert ws["I4"].value == "Target 90%" and ws["I5"].value == 0.9 and ws["I16"].value == 0.9
    _, path, wb = workbooks["lado"]
    (bands,) = _chart_xml(path, wb.sheetnames.index("Timescales") + 1)
    assert '<c:barDir val="col"/>' in bands and "<c:lineChart>" in bands
    # Achieved, and the targets: 12 months has none ("no target" in D7, which a chart would draw as 0%),
    # so the markers take cells of their own beside the table, blank there (Excel leaves a gap).
    assert "Timescales!$C$5:$C$7" in bands and "Timescales!$G$5:$G$7" in bands and "$D$5" not in bands
    ws = wb["Timescales"]
    assert [ws[f"D{r}"].value for r in (5, 6, 7)] == [0.8, 0.9, "no target"]
    assert ws["G4"].value == "Target (chart)" and [ws[f"G{r}"].value for r in (5, 6, 7)] == [0.8, 0.9, None]
    with zipfile.ZipFile(path) as z:
        drawings = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/drawings/drawing")]
    assert any('descr="Columns, one per band' in d for d in drawings), "each chart has its description as alt text"
    _, path, wb = workbooks["front-door"]
    (funnel, sources) = _chart_xml(path, wb.sheetnames.index("Funnel") + 1) + _chart_xml(
        path, wb.sheetnames.index("By source") + 1
    )
    for chart in (funnel, sources):
        assert '<c:barDir val="bar"/>' in chart
        categories = re.search(r"<c:catAx>.*?</c:catAx>", chart, re.S).group(0)
        assert '<c:orientation val="maxMin"/>' in categories, "the first stage or source at the top"
        values = re.search(r"<c:valAx>.*?</c:valAx>", chart, re.S).group(0)
        assert '<c:orientation val="minMax"/>' in values and "<c:majorGridlines>" in values


def test_the_readme_names_each_measure_s_rule_source_and_confidence(workbooks):
    for name, (report, _, wb) in workbooks.items():
        ws = wb["README"]
        assert wb.sheetnames[0] == "README"
        cells = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
        assert report.title in cells
        assert dt.datetime.combine(report.as_of, dt.time()) in cells
        measures = [m for t in report.tables() for m in t.measures]
        assert measures or name == "governance"
        rows = {row[0]: row for row in ws.iter_rows(values_only=True) if row[0]}
        for measure in measures:
            row = rows[measure.name]
            assert row[1:4] == (measure.rule, measure.source, measure.confidence)
        for sheet in wb.sheetnames[1:]:
            assert sheet in cells, f"the README lists sheet {sheet!r}"


def test_the_workbook_is_written_where_asked(tmp_path):
    path = samples.governance().to_excel(tmp_path / "governance.xlsx")
    assert path == tmp_path / "governance.xlsx" and zipfile.is_zipfile(path)
