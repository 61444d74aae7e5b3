// The page's worker: loads the library's C++ core (safeguarding.wasm, built by `./dev web`), writes the
// files it is given into Emscripten's in-memory file system under their own names, and asks the core
// for the returns' figures, telling the page each step as it starts. Nothing is sent anywhere: the
// files and the figures stay in this browser tab.
/* global importScripts, createSafeguarding */
"use strict";

importScripts("safeguarding.js");

const ready = createSafeguarding({
  locateFile: (name) => name,
  print: () => {},
  printErr: (text) => console.warn(text),
});

ready.then(
  (core) => postMessage({ type: "ready", version: core.version() }),
  (error) => postMessage({ type: "error", error: `the library could not be started: ${error}`, problems: [] }),
);

const FOLDER = "/returns";

// What a file is, judged by its content, as the `safeguarding returns` command judges it
// (safeguarding.reports._returns_report.detect): the same kinds, and the same words for a file that is
// not a return.
function rootElement(text) {
  const body = text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, "");
  const match = /<\s*([A-Za-z_][\w.:-]*)/.exec(body);
  return match ? match[1].split(":").pop() : null;
}

function textHead(bytes) {
  const bom16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (bom16) return new TextDecoder("utf-16" + (bytes[0] === 0xfe ? "be" : "le")).decode(bytes.subarray(2));
  if (bytes.length > 1 && (bytes[0] === 0 || bytes[1] === 0)) {
    return new TextDecoder(bytes[0] === 0 ? "utf-16be" : "utf-16le").decode(bytes);
  }
  return new TextDecoder("utf-8").decode(bytes).replace(/^\ufeff/, "");
}

function detect(bytes) {
  const head = bytes.subarray(0, 65536);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return ["annex_a", "an xlsx workbook"];
  }
  const text = textHead(head);
  const stripped = text.trimStart();
  if (stripped.startsWith("<")) {
    const root = rootElement(stripped);
    if (root === "EXPSSDA903") return ["ssda903", "SSDA903 XML"];
    if (root === "Message") {
      if (text.replace(/ /g, "").includes("<Collection>CIN</Collection>") || text.includes("<Collection>CIN<")) {
        return ["cin_census", "CIN census XML"];
      }
      return [null, "an XML Message that is not of the CIN collection"];
    }
    return [null, `XML whose root element is '${root}' (neither EXPSSDA903 nor a CIN census Message)`];
  }
  if (stripped.startsWith("{")) return ["partnership", "a partnership's data (JSON)"];
  const first = stripped ? stripped.split(/\r\n|\r|\n/)[0] : "";
  const columns = first.split(",").map((c) => c.trim().replace(/^"+|"+$/g, "").toUpperCase());
  if (columns.includes("CHILD")) return ["ssda903", "an SSDA903 CSV table"];
  if (!first) return [null, "an empty file"];
  return [null, "not an SSDA903 table (no CHILD column), XML return or xlsx workbook"];
}

// Everything under a folder of the in-memory file system removed (the files of the previous run).
function removeAll(FS, folder) {
  for (const name of FS.readdir(folder)) {
    if (name === "." || name === "..") continue;
    const path = `${folder}/${name}`;
    if (FS.isDir(FS.stat(path).mode)) {
      removeAll(FS, path);
      FS.rmdir(path);
    } else {
      FS.unlink(path);
    }
  }
}

function step(label, done, total) {
  postMessage({ type: "progress", label, done, total });
}

onmessage = async (event) => {
  if (event.data.type === "resources") {  // what this worker fetched (the page's tests check it)
    postMessage({ type: "resources", names: performance.getEntriesByType("resource").map((e) => e.name) });
    return;
  }
  const { files, year, target, asOf } = event.data;
  try {
    const core = await ready;
    const started = performance.now();
    const FS = core.FS;
    try {
      FS.mkdir(FOLDER);
    } catch (e) {
      /* made by an earlier run */
    }
    FS.chdir(FOLDER);
    removeAll(FS, ".");
    const kinds = { ssda903: [], cin_census: [], annex_a: [], partnership: [] };
    const problems = [];
    const notRead = [];
    // A file chosen on its own that is not a return is an error; one found in a folder chosen is
    // listed as not read, as the command does.
    for (const file of files.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const bytes = new Uint8Array(file.buffer);
      const parts = file.name.split("/");
      for (let i = 1; i < parts.length; i++) {
        const folder = parts.slice(0, i).join("/");
        if (!FS.analyzePath(folder).exists) FS.mkdir(folder);
      }
      FS.writeFile(file.name, bytes);
      const [kind, why] = detect(bytes);
      if (kind === null && file.inFolder) notRead.push({ file: file.name, reason: why });
      else if (kind === null) problems.push([file.name, `not a statutory return: ${why}`]);
      else kinds[kind].push(file.name);
    }
    if (problems.length === 1) throw { error: `${problems[0][0]}: ${problems[0][1]}`, problems: [] };
    if (problems.length) {
      throw {
        error: `${problems.length} of the paths given cannot be read as returns\n` +
          problems.map(([w, m]) => `  ${w}: ${m}`).join("\n"),
        problems: problems.map(([where, message]) => ({ where, message })),
      };
    }
    if (kinds.annex_a.length) {
      throw {
        error: `${kinds.annex_a.join(", ")}: Annex A workbooks (xlsx) are not yet read in the browser; ` +
          "use the safeguarding command for them",
        problems: [],
      };
    }
    if (!kinds.ssda903.length && !kinds.cin_census.length && !kinds.partnership.length) {
      const others = notRead.length ? ` (${notRead.length} other files)` : "";
      throw { error: `no SSDA903 table, CIN census or Annex A workbook among the paths given${others}`, problems: [] };
    }
    const returns = kinds.ssda903.length + kinds.cin_census.length > 0;
    const total = (kinds.ssda903.length ? 1 : 0) + kinds.cin_census.length + kinds.partnership.length + 1;
    const parts = [];
    let done = 0;
    const ask = (request) => {
      const answer = JSON.parse(core.returnsPart(JSON.stringify(request)));
      if (answer.error !== undefined) throw answer;
      parts.push(answer);
    };
    if (kinds.ssda903.length) {
      step(`reading and measuring the SSDA903 return (${kinds.ssda903.length} files)`, done++, total);
      ask({ ssda903: kinds.ssda903, year });
    }
    for (const name of kinds.cin_census) {
      step(`reading and measuring the CIN census ${name}`, done++, total);
      ask({ cin_census: name, year });
    }
    // The governance compliance report of each partnership's data file (`safeguarding report`).
    const reports = [];
    for (const name of kinds.partnership) {
      step(`evaluating the partnership ${name} as of ${asOf}`, done++, total);
      const report = JSON.parse(core.reportJson(JSON.stringify({ partnership: name, as_of: asOf })));
      if (report.error !== undefined) throw report;
      reports.push({ file: name, report });
    }
    step("writing the results", done++, total);
    let result = null;
    if (returns) {
      result = JSON.parse(core.returnsJson(JSON.stringify({ parts, target, files_not_read: notRead })));
      if (result.error !== undefined) throw result;
    }
    const seconds = (performance.now() - started) / 1000;
    removeAll(FS, ".");
    postMessage({ type: "result", result, reports, seconds, version: core.version() });
  } catch (error) {
    const message = error && error.error !== undefined ? error : { error: String(error && error.message ? error.message : error), problems: [] };
    postMessage({ type: "error", ...message });
  }
};
