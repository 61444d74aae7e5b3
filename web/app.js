// The page: reads the files chosen or dropped, hands them to the worker (worker.js), which runs the
// library's C++ core, and shows what the core gave back. Every figure shown is a value of the JSON the
// core wrote (the same JSON as `safeguarding returns --format json`); nothing here computes one.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const form = $("form");
  const input = $("files");
  const drop = $("drop");
  const yearSelect = $("year");
  const progress = $("progress");
  const progressBar = $("progress-bar");
  const progressLabel = $("progress-label");
  const status = $("status");
  const errorBox = $("error");
  const results = $("results");
  const report = $("report");
  let chosen = [];
  let last = null;

  // The reporting years offered: each return's own (as the command does without --year), or one
  // chosen, from 2010-11 to the year that ends next 31 March.
  (function years() {
    const own = new Option("Each return's own (the latest SSDA903 return, the census's Year)", "");
    yearSelect.add(own);
    const now = new Date();
    $("as-of").value = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
    const today = new Date();
    const last = today.getMonth() >= 3 ? today.getFullYear() + 1 : today.getFullYear();
    for (let end = last; end >= 2011; end--) {
      const label = `${end - 1}-${String(end % 100).padStart(2, "0")}`;
      yearSelect.add(new Option(label, label));
    }
  })();

  let worker = null;
  function getWorker() {
    if (worker === null) {
      worker = new Worker("worker.js");
      worker.onmessage = onMessage;
      window.safeguardingWorker = worker;
      worker.onerror = (event) => showError({ error: `the page's worker failed: ${event.message}`, problems: [] });
    }
    return worker;
  }

  function setFiles(files) {
    chosen = Array.from(files);
    status.textContent = chosen.length
      ? `${chosen.length} file${chosen.length === 1 ? "" : "s"} chosen: ${chosen.map((f) => f.name).join(", ")}`
      : "";
  }

  input.addEventListener("change", () => setFiles(input.files));
  $("folder").addEventListener("change", (event) => setFiles(event.target.files));
  ["dragenter", "dragover"].forEach((type) =>
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add("over");
    }),
  );
  ["dragleave", "drop"].forEach((type) =>
    drop.addEventListener(type, () => drop.classList.remove("over")),
  );
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    setFiles(event.dataTransfer.files);
    form.requestSubmit();
  });

  function showProgress(label, done, total) {
    progress.hidden = false;
    progressLabel.textContent = label;
    progressBar.max = total;
    progressBar.value = done;
  }

  // Each file read in chunks, its progress shown (a national SSDA903 table is hundreds of megabytes).
  async function readAll(files) {
    const total = files.reduce((n, f) => n + f.size, 0) || 1;
    let read = 0;
    const out = [];
    for (const file of files) {
      const buffer = new Uint8Array(file.size);
      const reader = file.stream().getReader();
      let at = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer.set(value, at);
        at += value.length;
        read += value.length;
        showProgress(`Reading ${file.name} (${Math.round((100 * read) / total)}% of ${mb(total)})`, read, total);
      }
      // A file of a folder chosen keeps its place in the folder (one SSDA903 return per folder, as
      // the command reads a folder of folders).
      const inFolder = Boolean(file.webkitRelativePath);
      out.push({ name: inFolder ? file.webkitRelativePath : file.name, buffer: buffer.buffer, inFolder });
    }
    return out;
  }

  function mb(bytes) {
    return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errorBox.hidden = true;
    if (!chosen.length) {
      showError({ error: "choose the files of a return first", problems: [] });
      return;
    }
    $("run").disabled = true;
    results.hidden = true;
    const started = performance.now();
    window.safeguardingRun = { started, finished: null, result: null, error: null };
    try {
      const files = await readAll(chosen);
      showProgress("Starting the library", 0, 1);
      getWorker().postMessage({ files, year: yearSelect.value, target: 0.9, asOf: $("as-of").value },
        files.map((f) => f.buffer));
    } catch (error) {
      showError({ error: String(error), problems: [] });
    }
  });

  function onMessage(event) {
    const data = event.data;
    if (data.type === "resources") {
      window.safeguardingWorkerResources = data.names;
    } else if (data.type === "ready") {
      window.safeguardingReady = true;
      $("version").textContent = `safeguarding ${data.version}, running in this browser.`;
    } else if (data.type === "progress") {
      showProgress(`${data.label} (step ${data.done + 1} of ${data.total})`, data.done, data.total);
    } else if (data.type === "result") {
      last = data;
      progress.hidden = true;
      $("run").disabled = false;
      render(data.result, data.reports);
      window.safeguardingRun.finished = performance.now();
      window.safeguardingRun.result = data.result;
      window.safeguardingRun.reports = data.reports;
      window.safeguardingRun.seconds = data.seconds;
      const n = data.result ? data.result.returns.length : 0;
      status.textContent = `Done: ${n} return${n === 1 ? "" : "s"} and ${data.reports.length} partnership` +
        `${data.reports.length === 1 ? "" : "s"} read.`;
    } else if (data.type === "error") {
      showError(data);
    }
  }

  function showError(data) {
    progress.hidden = true;
    $("run").disabled = false;
    errorBox.hidden = false;
    errorBox.textContent = "";
    const lines = String(data.error).split("\n");
    const head = document.createElement("p");
    head.textContent = `The files cannot be read: ${lines[0]}`;
    errorBox.append(head);
    if (lines.length > 1) {
      const list = document.createElement("ul");
      for (const line of lines.slice(1)) {
        const item = document.createElement("li");
        item.textContent = line.trim();
        list.append(item);
      }
      errorBox.append(list);
    }
    if (window.safeguardingRun) {
      window.safeguardingRun.error = data.error;
      window.safeguardingRun.finished = performance.now();
    }
    status.textContent = "";
  }

  // --- Showing the results --------------------------------------------------------------------------

  const KIND = { ssda903: "SSDA903 return", cin_census: "CIN census" };
  const FINDINGS_SHOWN = 200;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c));
    return node;
  }

  function count(v) {
    return v === null || v === undefined ? "–" : Number(v).toLocaleString("en-GB");
  }

  function percent(v) {
    return v === null || v === undefined ? "–" : `${(100 * v).toFixed(1)}%`;
  }

  function cell(v, path) {
    const text = path.endsWith("/share") ? percent(v) : typeof v === "number" ? (Number.isInteger(v) ? count(v) : String(Math.round(v * 1000) / 1000)) : v === null ? "–" : String(v);
    const td = el("td", { "data-path": path }, text);
    if (typeof v === "number") td.className = "num";
    return td;
  }

  let ids = 0;
  // `shown`: columns written from a value as words rather than as it is ({column: [key, (row) => the
  // cell's contents]}); the cell's data-path names the value (key).
  function table(caption, rows, columns, path, shown = {}) {
    const id = `t${++ids}`;
    const head = el("tr", {}, ...columns.map((c) => el("th", { scope: "col" }, c.replace(/_/g, " "))));
    const body = el("tbody");
    const at = (row, c, i) => (c in shown
      ? el("td", { "data-path": `${path}/${i}/${shown[c][0]}` }, ...shown[c][1](row))
      : cell(row[c], `${path}/${i}/${c}`));
    rows.forEach((row, i) => body.append(el("tr", {}, ...columns.map((c) => at(row, c, i)))));
    const wrap = el("div", { class: "table-wrap", role: "region", "aria-labelledby": id, tabindex: "0" });
    wrap.append(el("table", {}, el("caption", { id }, caption), el("thead", {}, head), body));
    return wrap;
  }

  // Where a merged row went: the file of the row kept, then each merged row with the row it went into,
  // as runs ("2-3 → 2-3, 5-6 → 5-6, 7 → 6": rows 2 and 3 into 2 and 3, 5 and 6 into 5 and 6, 7 into
  // 6), from the finding's `rows` (or its one `row`) and `kept_rows` taken row by row, as the JSON
  // pairs them; the first KEPT_RUNS runs, then how many rows more. "–" where no row was merged. The
  // file on a line of its own, and no run broken across lines.
  const KEPT_RUNS = 4;
  function keptText(f) {
    if (!f.kept_rows || !f.kept_rows.length) return ["–"];
    const kept = f.kept_rows;
    let g = 0;
    let k = kept[0][0];
    const runs = [];
    let covered = 0;
    outer: for (const [first, last] of f.rows || [[f.row, f.row]]) {
      for (let m = first; m <= last; m++) {
        const r = runs[runs.length - 1];
        const step = r ? k - r.k1 : null;
        if (r && m === r.m1 + 1 && (step === 0 || step === 1) && (r.step === null || r.step === step)) {
          Object.assign(r, { m1: m, k1: k, step });
        } else {
          if (runs.length === KEPT_RUNS) break outer;
          runs.push({ m0: m, m1: m, k0: k, k1: k, step: null });
        }
        covered++;
        if (k < kept[g][1]) k++;
        else if (++g < kept.length) k = kept[g][0];
      }
    }
    const span = (a, b) => (a === b ? String(a) : `${a}-${b}`);
    const shown = runs.map((r) => el("span", { class: "run" }, `${span(r.m0, r.m1)} → ${r.step === 0 ? r.k0 : span(r.k0, r.k1)}`));
    const more = (f.count || 1) - covered;
    return [`${f.kept_file}:`, el("br"), ...shown.flatMap((s, n) => (n ? [", ", s] : [s])),
      ...(more > 0 ? [` and ${count(more)} more row${more === 1 ? "" : "s"}`] : [])];
  }

  function figure(label, value, path, note) {
    return el("div", { class: "key-figure" },
      el("span", { class: "key-figure-label" }, label),
      el("span", { class: "key-figure-value", "data-path": path }, value),
      note ? el("span", { class: "key-figure-note" }, note) : "");
  }

  // The command's monthly chart: each month's share in and out of timescale (the month's
  // percent_in_timescale from the core, and the rest of the 100%), against the target when there is one.
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  let charts = 0;
  function monthlyChart(m, target) {
    const id = `chart${++charts}`;
    const W = 640, H = 240, left = 44, right = 12, top = 12, bottom = 40;
    const months = m.by_month;
    const step = (W - left - right) / months.length;
    const y = (p) => top + (H - top - bottom) * (1 - p / 100);
    const title = `${m.measure.charAt(0).toUpperCase() + m.measure.slice(1)}: share in and out of timescale by month` +
      (target ? `, against the ${Math.round(target * 100)}% target` : "");
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart-svg", role: "img", "aria-labelledby": `${id}-title ${id}-desc` });
    chart.append(svg("title", { id: `${id}-title` }, title));
    chart.append(svg("desc", { id: `${id}-desc` }, months.map((r) =>
      `${r.month}: ${r.percent_in_timescale === null ? "none judged" : `${r.percent_in_timescale.toFixed(1)}% in timescale`}`).join("; ")));
    for (const p of [0, 50, 100]) {
      chart.append(svg("line", { x1: left, x2: W - right, y1: y(p), y2: y(p), class: "grid" }));
      chart.append(svg("text", { x: left - 6, y: y(p) + 4, "text-anchor": "end", class: "axis" }, `${p}%`));
    }
    months.forEach((r, i) => {
      const x = left + i * step + step * 0.15, w = step * 0.7;
      const inside = r.percent_in_timescale;
      if (inside !== null) {
        const g = svg("g", { class: "mark", "data-value": String(inside) });
        g.append(svg("rect", { x, width: w, y: y(inside), height: y(0) - y(inside), class: "in" }));
        g.append(svg("rect", { x, width: w, y: y(100), height: y(inside) - y(100), class: "out" }));
        chart.append(g);
      }
      chart.append(svg("text", { x: x + w / 2, y: H - bottom + 16, "text-anchor": "middle", class: "axis" }, r.month.slice(2)));
    });
    if (target) chart.append(svg("line", { x1: left, x2: W - right, y1: y(100 * target), y2: y(100 * target), class: "target" }));
    const legend = el("p", { class: "legend" },
      el("span", { class: "key in" }), " in timescale ", el("span", { class: "key out" }), " out of timescale",
      target ? el("span", { class: "key target" }) : "", target ? ` target ${Math.round(target * 100)}%` : "");
    return el("figure", { class: "chart" }, chart, legend);
  }

  // In place of the monthly chart when no month has anything judged (0 of 0 in timescale).
  function nothingJudged(m, path) {
    const measure = m.measure.charAt(0).toUpperCase() + m.measure.slice(1);
    const held = m.by_month.reduce((sum, r) => sum + (r.held || 0), 0);
    const why = m.not_judged
      ? ` ${count(m.not_judged)} ${m.not_judged === 1 ? "was" : "were"} done in the year but judged by no rule: the table below gives them by month.`
      : held ? "" : " Nothing was done in the year.";
    return el("p", { class: "nothing-judged", "data-path": `${path}/by_month` },
      `${measure}, ${m.year}: none judged, so there is no share in timescale to chart (0 of 0 in timescale).${why}`);
  }

  function timelinessFigures(m, path, target) {
    if (m.not_computable) {
      return el("p", { class: "not-computable", "data-path": `${path}/not_computable` },
        `${m.measure}: not computable (${m.not_computable})`);
    }
    const box = el("div", { class: "key-figures" });
    box.append(
      figure(`${m.measure}: in timescale`, percent(m.share), `${path}/share`, `${count(m.in_timescale)} of ${count(m.done)} done`),
      figure("done in the year", count(m.done), `${path}/done`),
      figure("in timescale", count(m.in_timescale), `${path}/in_timescale`),
      figure("out of timescale", count(m.out_of_timescale), `${path}/out_of_timescale`),
      figure("overdue at 31 March", count(m.overdue), `${path}/overdue`),
      figure("missed", count(m.missed), `${path}/missed`),
    );
    // Done in the year but judged by no rule instance (e.g. a conference with no enquiry to count from).
    if (m.not_judged) box.append(figure("done, not judged", count(m.not_judged), `${path}/not_judged`));
    const wrap = el("div", {}, box);
    if (m.by_month && m.by_month.length) {
      // A chart with no month judged would be an empty frame, which reads as a drawing that failed
      // (or as 0% in timescale): say instead that nothing was judged, and why the table has rows.
      if (m.by_month.some((r) => r.percent_in_timescale !== null)) wrap.append(monthlyChart(m, target));
      else wrap.append(nothingJudged(m, path));
      wrap.append(table(`${m.measure}, month by month (${m.year})`, m.by_month,
        ["month", "held", "in_timescale", "out_of_timescale", "percent_in_timescale", "not_judged"], `${path}/by_month`));
    }
    wrap.append(el("p", { class: "source" }, `Rules: ${m.source}`));
    return wrap;
  }

  function proportionFigure(label, p, path) {
    if (p.not_computable) {
      return el("p", { class: "not-computable", "data-path": `${path}/not_computable` }, `${label}: not computable (${p.not_computable})`);
    }
    return figure(label, percent(p.share), `${path}/share`, `${count(p.count)} of ${count(p.total)}`);
  }

  // A measure's table, or (when the data cannot give it) its name and the library's reason.
  function measureTable(caption, m, columns, path) {
    if (m.not_computable) {
      return el("p", { class: "not-computable", "data-path": `${path}/not_computable` }, `${caption}: not computable (${m.not_computable})`);
    }
    return table(caption, m.rows, columns, `${path}/rows`);
  }

  function renderReport(item, k) {
    const r = item.report;
    const base = `report:/${k}`;
    const section = el("section", { class: "return", "aria-labelledby": `report-${k}` });
    section.append(el("h3", { id: `report-${k}` }, `Governance compliance: ${r.partnership}, as of ${r.as_of}`));
    section.append(el("p", {}, `${item.file}: ${r.area}; ${r.edition} from ${r.edition_from}; calendar ${r.calendar}; ` +
      `due soon: within ${r.due_soon}; attendance target ${r.attendance_target}%.`));
    const by = r.summary.by_status;
    section.append(el("div", { class: "key-figures" },
      ...Object.keys(by).map((status) => figure(`findings ${status}`, count(by[status]), `${base}/summary/by_status/${status}`))));
    const rows = Object.entries(r.summary.by_kind).map(([kind, statuses]) => ({ kind, ...statuses }));
    section.append(table("Findings by kind and status", rows, ["kind", ...Object.keys(by)], `${base}/summary/by_kind`));
    const open = r.findings.filter((f) => f.status !== "met" && f.status !== "not-applicable");
    section.append(table(`Findings breached, due soon or not yet due (${count(open.length)} of ${count(r.findings.length)}; the JSON has them all)`,
      open, ["kind", "status", "subject_name", "due", "text", "source"], `${base}/open`));
    report.append(section);
  }

  function render(result, reports) {
    report.textContent = "";
    ids = 0;
    charts = 0;
    reports.forEach(renderReport);
    if (!result) {
      results.hidden = false;
      return;
    }
    report.append(el("p", {}, `Calendar: ${result.calendar}. Figures as of ${result.as_of}.`));
    result.returns.forEach((ret, i) => {
      const base = `/returns/${i}`;
      const section = el("section", { class: "return", "aria-labelledby": `return-${i}` });
      const title = ret.return === "ssda903" ? `${KIND.ssda903}, ${ret.year}` : `${KIND.cin_census} ${ret.file}, ${ret.year}`;
      section.append(el("h3", { id: `return-${i}` }, title));
      section.append(el("p", {}, `Reporting year ${ret.year}: ${ret.year_from}.`));
      const m = ret.measures;
      if (ret.return === "ssda903") {
        const figures = el("div", { class: "key-figures" },
          figure("children looked after at 31 March", count(m.looked_after_at_31_march.children),
            `${base}/measures/looked_after_at_31_march/children`,
            m.looked_after_at_31_march.not_computable ? `not computable (${m.looked_after_at_31_march.not_computable})` : ""),
          proportionFigure("three or more placements", m.three_or_more_placements, `${base}/measures/three_or_more_placements`));
        section.append(el("h4", {}, "Looked-after reviews"), timelinessFigures(m.reviews, `${base}/measures/reviews`, result.target));
        section.append(el("h4", {}, "Children looked after and placements"), figures);
        section.append(measureTable(`Placements in ${ret.year}`, m.placement_counts, ["placements", "children"], `${base}/measures/placement_counts`));
        section.append(measureTable(`Review participation in ${ret.year}`, m.participation, ["REVIEW_CODE", "reviews", "share"], `${base}/measures/participation`));
        section.append(measureTable(`Reasons episodes ceased in ${ret.year}`, m.reasons_ceased, ["REC", "episodes"], `${base}/measures/reasons_ceased`));
        section.append(measureTable(`Missing and away episodes in ${ret.year}`, m.missing_episodes,
          ["MISSING", "episodes", "children", "still_open", "median_days"], `${base}/measures/missing_episodes`));
      } else {
        section.append(el("h4", {}, "Assessments"), timelinessFigures(m.assessments, `${base}/measures/assessments`));
        section.append(el("h4", {}, "Initial child protection conferences"), timelinessFigures(m.initial_conferences, `${base}/measures/initial_conferences`));
        section.append(el("h4", {}, "Child protection review conferences"), timelinessFigures(m.review_conferences, `${base}/measures/review_conferences`));
        section.append(el("h4", {}, "Referrals and plans"), el("div", { class: "key-figures" },
          proportionFigure("re-referrals within 12 months", m.re_referrals, `${base}/measures/re_referrals`),
          proportionFigure("referrals with no further action", m.nfa_referrals, `${base}/measures/nfa_referrals`),
          proportionFigure("plans ended that lasted two years or more", m.plans_lasting_two_years_or_more, `${base}/measures/plans_lasting_two_years_or_more`),
          proportionFigure("second or later plans", m.second_or_later_plans, `${base}/measures/second_or_later_plans`)));
      }
      section.append(el("h4", {}, "Data quality"));
      section.append(table("Rows read, used, rejected and merged, and findings, per table", ret.rows,
        ["table", "read", "used", "rejected", "merged", "findings"], `${base}/rows`));
      const shown = ret.findings.slice(0, FINDINGS_SHOWN);
      section.append(el("p", { "data-path": `${base}/finding_count` },
        `${count(ret.finding_count)} finding${ret.finding_count === 1 ? "" : "s"}` +
        (ret.finding_count > shown.length ? ` (the first ${shown.length} shown; the JSON has them all)` : "")));
      if (shown.length) {
        section.append(table("Findings", shown,
          ["file", "table", "child", "where", "merged_into", "count", "value", "problem", "action"], `${base}/findings`,
          { merged_into: ["kept_rows", keptText] }));
      }
      report.append(section);
    });
    results.hidden = false;
  }

  // The library is loaded as the page loads, so that nothing is fetched once files are chosen.
  getWorker();

  // --- Downloads ----------------------------------------------------------------------------------

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // The JSON the command writes: `safeguarding returns` for returns, `safeguarding report` for one
  // partnership; both, when both were given.
  $("download-json").addEventListener("click", () => {
    if (!last) return;
    const reports = last.reports.map((r) => r.report);
    const [name, value] = !reports.length ? ["returns.json", last.result]
      : !last.result && reports.length === 1 ? ["report.json", reports[0]]
        : ["results.json", { returns: last.result, reports }];
    download(name, "application/json", JSON.stringify(value, null, 2) + "\n");
  });

  $("download-html").addEventListener("click", async () => {
    if (!last) return;
    const css = Array.from(document.styleSheets)
      .map((sheet) => Array.from(sheet.cssRules).map((rule) => rule.cssText).join("\n"))
      .join("\n");
    const page = "<!doctype html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">" +
      "<title>Statutory returns: figures</title><style>" + css + "</style></head><body><main>" +
      "<h1>Statutory returns: figures</h1>" + report.innerHTML + "</main></body></html>\n";
    download("returns.html", "text/html", page);
  });
})();
