"""The HTML report: one self-contained file that opens offline.

No outside resources at all: CSS and JavaScript are inline, charts are
inline SVG drawn here, fonts are the system's.  A Content-Security-Policy
in the page allows only that inline CSS and script (by their SHA-256
hashes) and nothing from anywhere else, so even a mistake in escaping
could not load or run anything.

Every piece of data is escaped with `html.escape` on its way in: paths are
file names that anybody with write access to a share chose.  The script
reads data only through `textContent` and `dataset`, never `innerHTML`.
Without JavaScript the page still shows everything, riskiest first; with
it the objects table sorts on a click and filters by text, label and share
(also from the address: `report.html#q=HR&label=geheim`).
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable, Sequence
from typing import IO

from datawacht.report.data import GroupTotals, ReportData, ReportObject, ScanPoint
from datawacht.report.i18n import describe_entity, strings

# Colours from least to most sensitive label; more labels pick evenly from these.
LABEL_COLOURS = ("#2e7d32", "#1565c0", "#ef6c00", "#c62828")
UNLABELLED_COLOUR = "#757575"
SHARES_CHARTED = 15

CSS = """
:root{--fg:#1b1b1b;--muted:#5f6368;--line:#d9dce1;--bg:#fff;--soft:#f4f6f8;--accent:#0b5cad}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,
sans-serif;color:var(--fg);background:var(--bg)}
header{padding:18px 28px 10px;border-bottom:3px solid var(--accent)}
header h1{margin:0 0 4px;font-size:22px}
.meta{color:var(--muted);font-size:12.5px}
.meta span{margin-right:18px}
nav{position:sticky;top:0;background:var(--soft);border-bottom:1px solid var(--line);
padding:6px 28px;z-index:2}
nav a{margin-right:16px;color:var(--accent);text-decoration:none;font-weight:600}
main{padding:8px 28px 40px}
section{margin-top:22px}
h2{font-size:18px;margin:0 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:15px;margin:14px 0 6px}
.note{color:var(--muted);font-size:12.5px;margin:4px 0 10px;max-width:980px}
.warn{background:#fff8e1;border:1px solid #ffe082;padding:6px 10px;border-radius:4px;
font-size:12.5px;max-width:980px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:150px;
background:var(--soft)}
.card b{display:block;font-size:22px}
.card span{color:var(--muted);font-size:12px}
.grid{display:flex;flex-wrap:wrap;gap:28px;align-items:flex-start}
.grid>div{min-width:320px}
table{border-collapse:collapse;margin:6px 0 10px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
th[data-sort]{cursor:pointer}
th[aria-sort=descending]::after{content:" \\25BC";font-size:10px}
th[aria-sort=ascending]::after{content:" \\25B2";font-size:10px}
table.objects{width:100%}
td.path{overflow-wrap:anywhere;min-width:260px;max-width:560px}
td.path small{display:block;color:var(--muted)}
.lbl{display:inline-block;padding:1px 7px;border-radius:9px;color:#fff;font-size:12px;
font-weight:600;white-space:nowrap}
.c0{background:#2e7d32}.c1{background:#1565c0}.c2{background:#ef6c00}.c3{background:#c62828}
.cx{background:#757575}
.sev-critical,.sev-high{color:#b71c1c;font-weight:600}.sev-medium{color:#e65100}
details summary{cursor:pointer;color:var(--accent)}
details ul{margin:4px 0;padding-left:18px}
table.samples{margin:4px 0}
table.samples td{border:none;padding:1px 8px 1px 0;font-size:12.5px}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:12.5px}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:6px 0}
.filters input{width:340px;padding:4px 6px}
.filters select{max-width:340px;padding:3px}
#shown{color:var(--muted)}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#1b1b1b}
svg .axis{stroke:#9aa0a6;stroke-width:1}
@media print{nav,.filters{display:none}details{display:block}}
""".strip()

SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("objects");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  rows.forEach(function (row, i) {
    row.dataset.i = String(i);
    row.dataset.t = row.textContent.toLowerCase();
  });
  var text = document.getElementById("f-text");
  var label = document.getElementById("f-label");
  var share = document.getElementById("f-share");
  var shown = document.getElementById("shown");
  function apply() {
    var t = text.value.trim().toLowerCase(), l = label.value, s = share.value, n = 0;
    rows.forEach(function (row) {
      var ok = (!t || row.dataset.t.indexOf(t) !== -1) &&
        (!l || row.dataset.label === l) && (!s || row.dataset.share === s);
      row.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = shown.dataset.template
      .replace("{shown}", String(n)).replace("{total}", String(rows.length));
  }
  function value(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent;
    return numeric ? Number(raw) : raw.toLowerCase();
  }
  var heads = Array.prototype.slice.call(table.tHead.querySelectorAll("th[data-sort]"));
  function sortBy(th) {
    var numeric = th.dataset.sort === "num";
    var current = th.getAttribute("aria-sort");
    var dir;
    if (current === "descending") { dir = 1; }
    else if (current === "ascending") { dir = -1; }
    else { dir = numeric ? -1 : 1; }
    var index = th.cellIndex;
    rows.sort(function (a, b) {
      var x = value(a, index, numeric), y = value(b, index, numeric);
      if (x < y) { return -dir; }
      if (x > y) { return dir; }
      return Number(a.dataset.i) - Number(b.dataset.i);
    });
    heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { fragment.appendChild(row); });
    body.appendChild(fragment);
  }
  heads.forEach(function (th) {
    th.tabIndex = 0;
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(th); }
    });
  });
  var params = new URLSearchParams(window.location.hash.slice(1));
  if (params.has("q")) { text.value = params.get("q"); }
  if (params.has("label")) { label.value = params.get("label"); }
  if (params.has("share")) { share.value = params.get("share"); }
  text.addEventListener("input", apply);
  label.addEventListener("change", apply);
  share.addEventListener("change", apply);
  apply();
  document.documentElement.dataset.ready = "1";
}());
""".strip()


def e(value: object) -> str:
    """Escape anything for HTML text and (quoted) attribute values."""
    return html.escape(str(value), quote=True)


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CSP = (
    "default-src 'none'; "
    f"style-src {_csp_hash(CSS)}; "
    f"script-src {_csp_hash(SCRIPT)}; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def write_html(data: ReportData, out: IO[str], lang: str = "nl") -> None:
    """Write the report for `data` in language `lang` to `out`."""
    out.write(render(data, lang))


def render(data: ReportData, lang: str = "nl") -> str:
    t = strings(lang)
    page = _Page(data, t, lang)
    return page.render()


class _Page:
    def __init__(self, data: ReportData, t: dict[str, str], lang: str) -> None:
        self.data = data
        self.t = t
        self.lang = lang
        self.parts: list[str] = []
        self.colour_class = _colour_classes(data.labels)

    def w(self, *chunks: str) -> None:
        self.parts.extend(chunks)

    def render(self) -> str:
        t, data = self.t, self.data
        self.w(
            "<!DOCTYPE html>\n",
            f'<html lang="{e(self.lang)}"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(t['title'])}</title>",
            f"<style>{CSS}</style></head><body>",
            f'<header><h1>{e(t["title"])}</h1><div class="meta">',
            f"<span>{e(t['generated'])}: <b>{e(_when(data.generated_at))}</b></span>",
        )
        if data.hosts:
            self.w(f"<span>{e(t['hosts'])}: {e(', '.join(data.hosts))}</span>")
        if data.ruleset_versions:
            self.w(f"<span>{e(t['rulesets'])}: {e(', '.join(data.ruleset_versions))}</span>")
        self.w("</div></header>")
        self.w(
            "<nav>",
            f'<a href="#summary">{e(t["nav_summary"])}</a>',
            f'<a href="#objects-section">{e(t["nav_objects"])}</a>',
            f'<a href="#violations">{e(t["nav_violations"])} ({data.totals["violations"]})</a>',
            f'<a href="#unscannable">{e(t["nav_unscannable"])} ({data.totals["unscannable"]})</a>',
            f'<a href="#trend">{e(t["nav_trend"])}</a>',
            "</nav><main>",
        )
        self.summary()
        self.objects()
        self.violations()
        self.unscannable()
        self.trend()
        self.w("</main>", f"<script>{SCRIPT}</script></body></html>\n")
        return "".join(self.parts)

    # -- sections --------------------------------------------------------------

    def summary(self) -> None:
        t, data = self.t, self.data
        totals = data.totals
        self.w(f'<section id="summary"><h2>{e(t["summary"])}</h2>')
        self.w(f'<p class="warn">{e(t["masked_note"])}</p><div class="cards">')
        for key, value in (
            ("card_objects", totals["objects"]),
            ("card_with_findings", totals["objects_with_findings"]),
            ("card_findings", totals["findings"]),
            ("card_subjects", totals["data_subjects"]),
            ("card_violations", totals["violations"]),
            ("card_unscannable", totals["unscannable"]),
        ):
            self.w(
                f'<div class="card" id="{e(key)}"><b>{value:,}</b><span>{e(t[key])}</span></div>'
            )
        self.w("</div>")

        # by label
        self.w(f'<h3>{e(t["by_label"])}</h3><div class="grid"><div>')
        self.w(
            '<table id="by-label"><thead><tr>',
            f'<th>{e(t["col_label"])}</th><th class="n">{e(t["col_objects"])}</th>',
            f'<th class="n">{e(t["col_with_findings"])}</th>',
            f'<th class="n">{e(t["col_findings"])}</th>',
            f'<th class="n">{e(t["col_subjects"])}</th></tr></thead><tbody>',
        )
        for group in data.by_label:
            self.w(
                f'<tr data-label="{e(group.name)}"><td>{self.label(group.name)}</td>',
                f'<td class="n">{group.objects:,}</td><td class="n">{group.with_findings:,}</td>',
                f'<td class="n">{group.findings:,}</td>',
                f'<td class="n">{group.data_subjects:,}</td></tr>',
            )
        self.w("</tbody></table></div><div>")
        self.w(
            _bar_chart(
                t["chart_label_objects"],
                [(group.name, group.objects, self.colour(group.name)) for group in data.by_label],
            ),
            "</div></div>",
        )

        # by share
        self.w(f"<h3>{e(t['by_share'])}</h3>")
        self.w(f'<p class="note">{e(t["share_note"].format(depth=data.share_depth))}</p>')
        self.w('<div class="grid"><div>')
        self.share_table(data.by_share)
        self.w("</div><div>")
        charted = [group for group in data.by_share if group.data_subjects][:SHARES_CHARTED]
        self.w(
            _bar_chart(
                t["chart_share_subjects"].format(n=SHARES_CHARTED),
                [
                    (group.name, group.data_subjects, self.colour(_top_label(group, data.labels)))
                    for group in charted
                ],
                label_width=300,
            ),
            "</div></div>",
        )

        # by entity type
        self.w(f'<h3>{e(t["by_entity"])}</h3><div class="grid"><div>')
        self.w(
            '<table id="by-entity"><thead><tr>',
            f'<th>{e(t["col_entity"])}</th><th class="n">{e(t["col_findings"])}</th>',
            f'<th class="n">{e(t["col_distinct"])}</th>',
            f'<th class="n">{e(t["col_objects"])}</th></tr></thead><tbody>',
        )
        for entity in data.by_entity:
            self.w(
                f'<tr><td><code title="{e(describe_entity(entity.entity_type, self.lang))}">'
                f"{e(entity.entity_type)}</code></td>",
                f'<td class="n">{entity.findings:,}</td>',
                f'<td class="n">{entity.distinct_values:,}</td>',
                f'<td class="n">{entity.objects:,}</td></tr>',
            )
        self.w("</tbody></table></div><div>")
        self.w(
            _bar_chart(
                t["chart_entity_findings"],
                [(entity.entity_type, entity.findings, "#0b5cad") for entity in data.by_entity],
                label_width=230,
            ),
            "</div></div>",
        )

        # finding statuses
        self.w(f'<h3>{e(t["by_status"])}</h3><table id="by-status"><tbody>')
        for status, n in data.finding_statuses.items():
            self.w(f'<tr><td>{e(self.status(status))}</td><td class="n">{n:,}</td></tr>')
        self.w(
            f'<tr><td>{e(t["suppressed"])}</td><td class="n">{data.totals["suppressed"]:,}</td>'
            "</tr></tbody></table></section>"
        )

    def share_table(self, shares: Sequence[GroupTotals]) -> None:
        t = self.t
        self.w(
            '<table id="by-share"><thead><tr>',
            f'<th>{e(t["col_share"])}</th><th class="n">{e(t["col_objects"])}</th>',
            f'<th class="n">{e(t["col_with_findings"])}</th>',
            f'<th class="n">{e(t["col_findings"])}</th>',
            f'<th class="n">{e(t["col_subjects"])}</th>',
            f"<th>{e(t['col_labels'])}</th></tr></thead><tbody>",
        )
        for group in shares:
            labels = " ".join(
                f"{self.label(label)}&nbsp;{group.labels[label]:,}"
                for label in self._labels_high_first(group.labels)
            )
            self.w(
                f'<tr><td class="path">{e(group.name)}</td><td class="n">{group.objects:,}</td>',
                f'<td class="n">{group.with_findings:,}</td><td class="n">{group.findings:,}</td>',
                f'<td class="n">{group.data_subjects:,}</td><td>{labels}</td></tr>',
            )
        self.w("</tbody></table>")

    def objects(self) -> None:
        t, data = self.t, self.data
        self.w(f'<section id="objects-section"><h2>{e(t["objects"])}</h2>')
        self.w(f'<p class="note">{e(t["objects_note"])}</p>')
        shares = sorted({obj.share for obj in data.objects})
        labels = [label for label in reversed(data.labels)]
        labels += sorted({obj.label or "-" for obj in data.objects} - set(labels))
        template = t["shown"]
        self.w(
            '<div class="filters">',
            f'<input id="f-text" type="search" placeholder="{e(t["filter_text"])}" '
            f'aria-label="{e(t["filter_text"])}">',
            f'<label>{e(t["filter_label"])} <select id="f-label">'
            f'<option value="">{e(t["filter_all"])}</option>',
            *(
                f'<option value="{e(label)}">{e(t["no_label"] if label == "-" else label)}</option>'
                for label in labels
            ),
            "</select></label>",
            f'<label>{e(t["filter_share"])} <select id="f-share">'
            f'<option value="">{e(t["filter_all"])}</option>',
            *(f'<option value="{e(share)}">{e(share)}</option>' for share in shares),
            "</select></label>",
            f'<span id="shown" data-template="{e(template)}">'
            f"{e(template.format(shown=len(data.objects), total=len(data.objects)))}</span>",
            "</div>",
        )
        if not data.objects:
            self.w(f"<p>{e(t['objects_none'])}</p>")
        self.w(
            '<table id="objects" class="objects"><thead><tr>',
            f'<th class="n" data-sort="num" aria-sort="descending">{e(t["col_risk"])}</th>',
            f'<th data-sort="num">{e(t["col_label"])}</th>',
            f'<th data-sort="text">{e(t["col_path"])}</th>',
            f'<th class="n" data-sort="num">{e(t["col_subjects"])}</th>',
            f'<th class="n" data-sort="num">{e(t["col_findings"])}</th>',
            f"<th>{e(t['col_why'])}</th></tr></thead><tbody>",
        )
        for obj in data.objects:
            self.object_row(obj)
        self.w("</tbody></table></section>")

    def object_row(self, obj: ReportObject) -> None:
        t = self.t
        label = obj.label or "-"
        counts = ", ".join(f"{kind} {n:,}" for kind, n in sorted(obj.counts.items()))
        statuses = ", ".join(f"{self.status(s)} {n:,}" for s, n in obj.statuses.items())
        self.w(
            f'<tr data-label="{e(label)}" data-share="{e(obj.share)}">',
            f'<td class="n" data-v="{obj.risk}">{obj.risk}</td>',
            f'<td data-v="{obj.rank}">{self.label(label)}</td>',
            f'<td class="path">{e(obj.path)}<small>{e(obj.share)}</small></td>',
            f'<td class="n" data-v="{obj.data_subjects}">{obj.data_subjects:,}</td>',
            f'<td class="n" data-v="{obj.findings}">{obj.findings:,}</td>',
            f"<td>{e(obj.explanation)}",
        )
        self.w(f"<details><summary>{e(counts or t['in_nested'])}</summary>")
        if statuses:
            self.w(f"<div>{e(statuses)}</div>")
        if obj.rules:
            self.w(f"<b>{e(t['rules_fired'])}</b><ul>")
            for rule in obj.rules:
                evidence = ", ".join(
                    f"{kind} {n}" for kind, n in sorted((rule.get("entities") or {}).items())
                )
                if rule.get("subjects") is not None:
                    evidence = ", ".join(
                        part
                        for part in (evidence, f"{t['col_subjects'].lower()} {rule['subjects']}")
                        if part
                    )
                rule_label = self.label(str(rule.get("label", "")))
                self.w(
                    f"<li><code>{e(rule.get('id', ''))}</code> → {rule_label} ",
                    f"{e(rule.get('reason', ''))}",
                    f" <small>({e(evidence)})</small>" if evidence else "",
                    "</li>",
                )
            self.w("</ul>")
        if obj.violations:
            self.w(f"<b>{e(t['violations_of'])}</b><ul>")
            for violation in obj.violations:
                severity = str(violation.get("severity", ""))
                self.w(
                    f'<li><span class="sev-{e(severity)}">{e(severity)}</span> ',
                    f"<code>{e(violation.get('rule', ''))}</code>: ",
                    f"{e(violation.get('message', ''))}</li>",
                )
            self.w("</ul>")
        if obj.samples:
            self.w(f'<b>{e(t["samples"])}</b><table class="samples"><tbody>')
            for sample in obj.samples:
                where = " ".join(f"{k}={v}" for k, v in sample.location.items())
                status = self.status(sample.status)
                if sample.suppressed:
                    status += f", {t['suppressed']} ({sample.suppressed})"
                self.w(
                    f"<tr><td><code>{e(sample.entity_type)}</code></td>",
                    f"<td><code>{e(sample.masked)}</code></td><td>{e(status)}</td>",
                    f"<td>{e(where)}</td></tr>",
                )
            self.w("</tbody></table>")
            if obj.more:
                self.w(f"<div>{e(t['more'].format(n=f'{obj.more:,}'))}</div>")
        self.w("</details></td></tr>")

    def violations(self) -> None:
        t, data = self.t, self.data
        self.w(f'<section id="violations"><h2>{e(t["violations"])}</h2>')
        if not data.violations:
            self.w(f"<p>{e(t['violations_none'])}</p></section>")
            return
        self.w(
            '<table id="violations-table"><thead><tr>',
            f"<th>{e(t['col_severity'])}</th><th>{e(t['col_rule'])}</th>",
            f"<th>{e(t['col_label'])}</th><th>{e(t['col_path'])}</th>",
            f"<th>{e(t['col_message'])}</th></tr></thead><tbody>",
        )
        for row in data.violations:
            self.w(
                f'<tr><td class="sev-{e(row.severity)}">{e(row.severity)}</td>',
                f"<td><code>{e(row.rule)}</code></td><td>{self.label(row.label or '-')}</td>",
                f'<td class="path">{e(row.path)}</td><td>{e(row.message)}</td></tr>',
            )
        self.w("</tbody></table></section>")

    def unscannable(self) -> None:
        t, data = self.t, self.data
        self.w(f'<section id="unscannable"><h2>{e(t["unscannable"])}</h2>')
        if not data.unscannable:
            self.w(f"<p>{e(t['unscannable_none'])}</p></section>")
            return
        self.w(
            '<table id="unscannable-table"><thead><tr>',
            f"<th>{e(t['col_status'])}</th><th>{e(t['col_reason'])}</th>",
            f"<th>{e(t['col_detail'])}</th><th>{e(t['col_kind'])}</th>",
            f"<th>{e(t['col_path'])}</th><th>{e(t['col_last_seen'])}</th></tr></thead><tbody>",
        )
        for row in data.unscannable:
            self.w(
                f"<tr><td>{e(self.object_status(row.status))}</td><td>{e(row.reason or '')}</td>",
                f"<td>{e(row.detail or '')}</td><td>{e(row.kind or '')}</td>",
                f'<td class="path">{e(row.path)}</td><td>{e(_when(row.last_seen))}</td></tr>',
            )
        self.w("</tbody></table></section>")

    def trend(self) -> None:
        t, data = self.t, self.data
        self.w(f'<section id="trend"><h2>{e(t["trend"])}</h2>')
        if not data.scans:
            self.w(f"<p>{e(t['trend_none'])}</p></section>")
            return
        self.w(f'<p class="note">{e(t["trend_note"])}</p>')
        self.w(_trend_chart(t["trend_chart"], data.scans))
        # labels per scan only when the scans' summaries hold them
        with_labels = any(scan.labels for scan in data.scans)
        self.w(
            '<table id="trend-table"><thead><tr>',
            f"<th>{e(t['col_scan'])}</th><th>{e(t['col_ruleset'])}</th>",
            f"<th>{e(t['col_object_status'])}</th>",
            f"<th>{e(t['col_labels'])}</th>" if with_labels else "",
            f'<th class="n">{e(t["col_new"])}</th><th class="n">{e(t["col_resolved"])}</th>',
            f'<th class="n">{e(t["col_counted"])}</th></tr></thead><tbody>',
        )
        for scan in reversed(data.scans):
            objects = ", ".join(f"{self.object_status(s)} {n:,}" for s, n in scan.objects.items())
            labels = " ".join(
                f"{self.label(label)}&nbsp;{scan.labels[label]:,}"
                for label in self._labels_high_first(scan.labels)
            )
            self.w(
                f"<tr><td>{e(_when(scan.finished_at))}<br><small>{e(scan.host)}: "
                f"{e(', '.join(scan.targets))}</small></td>",
                f"<td>{e(scan.ruleset_version)}</td><td>{e(objects)}</td>",
                f"<td>{labels}</td>" if with_labels else "",
                f'<td class="n">{scan.new_findings:,}</td>',
                f'<td class="n">{scan.resolved_findings:,}</td>',
                f'<td class="n">{scan.counted_findings:,}</td></tr>',
            )
        self.w("</tbody></table></section>")

    # -- pieces --------------------------------------------------------------

    def label(self, label: str) -> str:
        shown = self.t["no_label"] if label == "-" else label
        return f'<span class="lbl {self.colour_class.get(label, "cx")}">{e(shown)}</span>'

    def colour(self, label: str) -> str:
        css = self.colour_class.get(label, "cx")
        return UNLABELLED_COLOUR if css == "cx" else LABEL_COLOURS[int(css[1:])]

    def status(self, status: str) -> str:
        return self.t.get(f"status_{status}", status)

    def object_status(self, status: str) -> str:
        return self.t.get(f"object_{status}", status)

    def _labels_high_first(self, counts: dict[str, int]) -> list[str]:
        order = self.data.labels
        return sorted(counts, key=lambda label: -(order.index(label) if label in order else -1))


def _colour_classes(labels: Sequence[str]) -> dict[str, str]:
    """CSS class per label: its rank spread evenly over the colours."""
    if not labels:
        return {}
    top = max(len(labels) - 1, 1)
    last = len(LABEL_COLOURS) - 1
    return {label: f"c{round(i * last / top)}" for i, label in enumerate(labels)}


def _top_label(group: GroupTotals, order: Sequence[str]) -> str:
    ranked = [label for label in group.labels if label in order]
    return max(ranked, key=order.index) if ranked else "-"


def _when(iso: str) -> str:
    """`2026-03-01T09:30:00Z` as `2026-03-01 09:30 UTC`."""
    if "T" not in iso:
        return iso
    day, _, time = iso.partition("T")
    return f"{day} {time[:5]} UTC"


def _bar_chart(title: str, bars: Iterable[tuple[str, int, str]], label_width: int = 130) -> str:
    """A horizontal bar chart as inline SVG; names are shortened from the left."""
    items = list(bars)
    bar_area = 300
    row = 22
    width = label_width + bar_area + 70
    height = 26 + row * max(len(items), 1)
    top = max((value for _, value, _ in items), default=0) or 1
    parts = [
        f'<svg role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{e(title)}">',
        f"<title>{e(title)}</title>",
        f'<text x="0" y="14" font-weight="600">{e(title)}</text>',
    ]
    max_chars = max(label_width // 7, 8)
    for i, (name, value, colour) in enumerate(items):
        y = 24 + i * row
        length = round(bar_area * value / top)
        shown = name if len(name) <= max_chars else "…" + name[-(max_chars - 1) :]
        parts.append(
            f"<g><title>{e(name)}: {value:,}</title>"
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{e(shown)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{max(length, 1 if value else 0)}" '
            f'height="{row - 6}" fill="{e(colour)}"></rect>'
            f'<text x="{label_width + length + 5}" y="{y + 14}">{value:,}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _trend_chart(title: str, scans: Sequence[ScanPoint]) -> str:
    """Counted findings after each scan as a line, with the scan dates below."""
    width, height = 760, 230
    left, right, top_pad, bottom = 60, 20, 30, 40
    plot_w = width - left - right
    plot_h = height - top_pad - bottom
    values = [scan.counted_findings for scan in scans]
    top = max(values, default=0) or 1
    step = plot_w / max(len(scans) - 1, 1)
    points = [
        (left + (i * step if len(scans) > 1 else plot_w / 2), top_pad + plot_h * (1 - v / top))
        for i, v in enumerate(values)
    ]
    parts = [
        f'<svg role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{e(title)}">',
        f"<title>{e(title)}</title>",
        f'<text x="0" y="16" font-weight="600">{e(title)}</text>',
        f'<line class="axis" x1="{left}" y1="{top_pad}" x2="{left}" '
        f'y2="{top_pad + plot_h}"></line>',
        f'<line class="axis" x1="{left}" y1="{top_pad + plot_h}" x2="{width - right}" '
        f'y2="{top_pad + plot_h}"></line>',
        f'<text x="{left - 6}" y="{top_pad + 4}" text-anchor="end">{top:,}</text>',
        f'<text x="{left - 6}" y="{top_pad + plot_h + 4}" text-anchor="end">0</text>',
    ]
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="#0b5cad" stroke-width="2"></polyline>'
        )
    every = max(1, len(scans) // 8)
    for i, ((x, y), scan) in enumerate(zip(points, scans, strict=True)):
        parts.append(
            f"<g><title>{e(_when(scan.finished_at))}: {scan.counted_findings:,} "
            f"(+{scan.new_findings:,} / -{scan.resolved_findings:,})</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#0b5cad"></circle></g>'
        )
        if i % every == 0 or i == len(scans) - 1:
            # the first and last dates stay inside the chart
            anchor = "start" if i == 0 else "end" if i == len(scans) - 1 else "middle"
            anchor = "middle" if len(scans) == 1 else anchor
            parts.append(
                f'<text x="{x:.1f}" y="{top_pad + plot_h + 18}" text-anchor="{anchor}">'
                f"{e(scan.finished_at[:10])}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
