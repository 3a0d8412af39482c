//! The HTML report: one self-contained file (inline CSS, inline SVG
//! charts, a few lines of inline JavaScript; nothing fetched from the
//! network, no fonts, no images). A per-action summary with bar charts
//! (action scores, findings per rule, incidents per month when the routes
//! had times), the metrics, a findings table sortable by clicking its
//! headers whose rows expand to evidence and remedy, the rules not
//! evaluated, each rule's documentation (What / Why / Evidence / Remedy),
//! and the remedy artifacts. Every text is HTML-escaped: evidence holds
//! names from IRR data and other untrusted input.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::escape::{html as esc, score, yes_no};
use super::metric_rows;
use crate::manrs::{Action, Outcome, Readiness, Report, Rule, Severity};
use crate::parse::time::format_rfc3339;

const STYLE: &str = "
:root{--ok:#2e7d32;--mid:#b26a00;--bad:#c62828;--off:#9e9e9e;--fg:#1c1c1c;--mute:#5f6368;--line:#dadce0}
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);margin:2rem auto;max-width:72rem;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid var(--line)}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f3f4}table.sortable th{cursor:pointer;user-select:none}
table.sortable th[aria-sort=ascending]::after{content:' \\25B2'}table.sortable th[aria-sort=descending]::after{content:' \\25BC'}
td.num,th.num{text-align:right}
.verdict{font-weight:bold;padding:.4rem .7rem;border-radius:4px;display:inline-block}
.verdict.ok{background:#e8f5e9;color:var(--ok)}.verdict.bad{background:#ffebee;color:var(--bad)}
.sev-error{color:var(--bad);font-weight:bold}.sev-warning{color:var(--mid);font-weight:bold}.sev-info{color:var(--mute)}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}figure{margin:0}figcaption{font-weight:bold;margin-bottom:.3rem}
svg text{font-size:13px;fill:var(--fg)}
table.narrow{width:auto}
.bar-ready,.bar-conformant{fill:var(--ok)}.bar-aspiring,.bar-warning{fill:var(--mid)}.bar-lagging,.bar-error{fill:var(--bad)}.bar-off,.bar-info{fill:var(--off)}.bar-incident{fill:#5e35b1}
details>summary{cursor:pointer}details ul{margin:.3rem 0}
code{background:#f1f3f4;padding:0 .2rem;border-radius:3px}
.mute{color:var(--mute)}
";

const SCRIPT: &str = "
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th) {
    th.addEventListener('click', function () {
      var col = th.cellIndex, body = table.tBodies[0];
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var key = function (r) { var c = r.cells[col]; return c.getAttribute('data-key') || c.textContent; };
      Array.prototype.slice.call(body.rows).sort(function (a, b) {
        var d = key(a).localeCompare(key(b), undefined, { numeric: true });
        return asc ? d : -d;
      }).forEach(function (r) { body.appendChild(r); });
    });
  });
});
";

/// Width of a bar at 100 %, and of the label column, in pixels.
const BAR: f64 = 260.0;
const LABEL: usize = 300;
const ROW: usize = 22;

pub(super) fn write<W: Write>(r: &Report, w: &mut W) -> io::Result<()> {
    let mut o = String::with_capacity(64 * 1024);
    let asns: Vec<String> = r.operator.asns.iter().map(|a| a.to_string()).collect();
    let title = format!("MANRS report: {}", asns.join(", "));
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"routeguard, schema {}\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n",
        esc(crate::manrs::SCHEMA),
        esc(&title),
        esc(&title)
    );
    let [own, customer, seen] = r.routes;
    o.push_str("<p class=\"mute\">");
    if let Some(s) = &r.as_set {
        let _ = write!(o, "Customer as-set <code>{}</code> · ", esc(s));
    }
    let _ = writeln!(
        o,
        "routes judged: {own} own, {customer} customer ({seen} seen) · {} findings</p>",
        r.findings.len()
    );
    if r.conformant() {
        o.push_str("<p class=\"verdict ok\">Conformant: every evaluated action conforms.</p>\n");
    } else {
        let failing: Vec<String> = r
            .actions
            .iter()
            .filter(|a| a.conformant == Some(false))
            .map(|a| format!("{} {}", a.action.number(), esc(a.action.title())))
            .collect();
        let _ = writeln!(
            o,
            "<p class=\"verdict bad\">Not conformant: {} {}.</p>",
            if failing.len() == 1 {
                "action"
            } else {
                "actions"
            },
            failing.join(", ")
        );
    }
    o.push_str("</header>\n");
    summary(r, &mut o);
    metrics(r, &mut o);
    findings(r, &mut o);
    rules(r, &mut o);
    remedies(r, &mut o);
    let _ = write!(o, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    w.write_all(o.as_bytes())
}

fn readiness_class(r: Option<Readiness>) -> &'static str {
    match r {
        Some(Readiness::Ready) => "bar-ready",
        Some(Readiness::Aspiring) => "bar-aspiring",
        Some(Readiness::Lagging) => "bar-lagging",
        _ => "bar-off",
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "info",
    }
}

/// A horizontal bar chart: (label, share 0–1 of the full bar, CSS class,
/// value text, tooltip) per row.
fn bars(o: &mut String, caption: &str, rows: &[(String, f64, &str, String, String)]) {
    let width = LABEL + BAR as usize + 170;
    let height = rows.len() * ROW + 4;
    let _ = write!(
        o,
        "<figure>\n<figcaption>{}</figcaption>\n<svg width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">\n",
        esc(caption),
        esc(caption)
    );
    for (i, (label, share, class, value, tip)) in rows.iter().enumerate() {
        let y = i * ROW + 2;
        let len = (share.clamp(0.0, 1.0) * BAR).round();
        let _ = writeln!(
            o,
            "<g><title>{}</title><text x=\"0\" y=\"{}\">{}</text>\
             <rect class=\"{class}\" x=\"{LABEL}\" y=\"{y}\" width=\"{len}\" height=\"{}\" rx=\"2\"></rect>\
             <text x=\"{}\" y=\"{}\">{}</text></g>",
            esc(tip),
            y + 14,
            esc(label),
            ROW - 6,
            LABEL as f64 + len + 6.0,
            y + 14,
            esc(value)
        );
    }
    o.push_str("</svg>\n</figure>\n");
}

fn summary(r: &Report, o: &mut String) {
    o.push_str("<section id=\"summary\">\n<h2>Actions</h2>\n<table>\n<thead><tr><th>Action</th><th>Required</th>\
                <th class=\"num\">Score</th><th>Readiness</th><th>Conformant</th><th class=\"num\">Errors</th>\
                <th class=\"num\">Warnings</th><th class=\"num\">Info</th><th>Basis</th></tr></thead>\n<tbody>\n");
    for a in &r.actions {
        let [e, wa, i] = a.counts;
        let conf = if a.evaluated {
            yes_no(a.conformant)
        } else {
            "not evaluated"
        };
        let _ = writeln!(
            o,
            "<tr><td>{} {}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td>\
             <td class=\"num\">{e}</td><td class=\"num\">{wa}</td><td class=\"num\">{i}</td><td>{}</td></tr>",
            a.action.number(),
            esc(a.action.title()),
            if a.action.required() { "yes" } else { "no" },
            score(a.score),
            a.readiness.map_or("-", |r| r.as_str()),
            conf,
            esc(&a.basis)
        );
    }
    o.push_str("</tbody>\n</table>\n<div class=\"charts\">\n");
    let rows: Vec<_> = r
        .actions
        .iter()
        .map(|a| {
            let label = format!("{} {}", a.action.number(), a.action.title());
            match a.score {
                Some(s) => (
                    label,
                    s / 100.0,
                    readiness_class(a.readiness),
                    format!("{s:.1} {}", a.readiness.map_or("", |r| r.as_str())),
                    a.basis.clone(),
                ),
                None => (
                    label,
                    0.0,
                    "bar-off",
                    "not evaluated".to_owned(),
                    a.basis.clone(),
                ),
            }
        })
        .collect();
    bars(o, "Action scores (0–100)", &rows);
    let counts: Vec<(Rule, usize)> = Rule::ALL
        .iter()
        .map(|&rule| (rule, r.findings_of(rule).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    if counts.is_empty() {
        o.push_str(
            "<figure><figcaption>Findings per rule</figcaption><p>No findings.</p></figure>\n",
        );
    } else {
        let rows: Vec<_> = counts
            .iter()
            .map(|&(rule, n)| {
                (
                    rule.as_str().to_owned(),
                    n as f64 / max as f64,
                    match rule.severity() {
                        Severity::Error => "bar-error",
                        Severity::Warning => "bar-warning",
                        _ => "bar-info",
                    },
                    n.to_string(),
                    format!("{}: {}", rule.severity(), rule.summary()),
                )
            })
            .collect();
        bars(o, "Findings per rule", &rows);
    }
    let inc = &r.metrics.incidents;
    if !inc.is_empty() {
        let mut months: Vec<(&str, usize, f64, Vec<String>)> = Vec::new();
        for i in inc {
            let tip = format!("{}: {} ({})", i.rule, i.count, i.score);
            match months.iter_mut().find(|m| m.0 == i.month) {
                Some(m) => {
                    m.1 += i.count;
                    m.2 += i.score;
                    m.3.push(tip);
                }
                None => months.push((&i.month, i.count, i.score, vec![tip])),
            }
        }
        months.sort_by(|a, b| a.0.cmp(b.0));
        let top = months.iter().map(|m| m.2).fold(0.0, f64::max);
        let rows: Vec<_> = months
            .iter()
            .map(|(month, n, s, tips)| {
                (
                    (*month).to_owned(),
                    if top > 0.0 { s / top } else { 0.0 },
                    "bar-incident",
                    format!("{n} incidents, score {s}"),
                    tips.join("; "),
                )
            })
            .collect();
        bars(o, "Incident score per month", &rows);
    }
    o.push_str("</div>\n</section>\n");
}

fn metrics(r: &Report, o: &mut String) {
    let m = &r.metrics;
    let rows = metric_rows(m);
    o.push_str("<section id=\"metrics\">\n<h2>Metrics</h2>\n<table class=\"narrow\">\n<tbody>\n");
    for (k, v) in rows {
        let _ = writeln!(
            o,
            "<tr><th>{}</th><td class=\"num\">{}</td></tr>",
            esc(k),
            esc(&v)
        );
    }
    o.push_str("</tbody>\n</table>\n");
    if !m.incidents.is_empty() {
        o.push_str("<h3>Incidents</h3>\n<table class=\"sortable narrow\">\n<thead><tr><th>Month</th><th>Rule</th>\
                    <th class=\"num\">Incidents</th><th class=\"num\">Score</th></tr></thead>\n<tbody>\n");
        for i in &m.incidents {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td><a href=\"#rule-{}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&i.month),
                i.rule,
                i.rule,
                i.count,
                i.score
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("</section>\n");
}

fn findings(r: &Report, o: &mut String) {
    let _ = writeln!(
        o,
        "<section id=\"findings\">\n<h2>Findings ({})</h2>",
        r.findings.len()
    );
    if r.findings.is_empty() {
        o.push_str("<p>No findings.</p>\n</section>\n");
        return;
    }
    o.push_str("<p class=\"mute\">Click a header to sort; click a finding to see its evidence and remedy.</p>\n\
                <table class=\"sortable\" id=\"findings-table\">\n<thead><tr><th>Severity</th><th>Action</th>\
                <th>Rule</th><th>Subject</th><th>ASN</th><th>Finding</th></tr></thead>\n<tbody>\n");
    for (n, f) in r.findings.iter().enumerate() {
        let sev = f.severity();
        let rank = match sev {
            Severity::Error => 0,
            Severity::Warning => 1,
            _ => 2,
        };
        let _ = write!(
            o,
            "<tr id=\"finding-{n}\"><td class=\"sev-{}\" data-key=\"{rank}\">{}</td><td data-key=\"{}\">{} {}</td>\
             <td><a href=\"#rule-{}\"><code>{}</code></a></td><td data-key=\"{n:06}\">{}</td><td>{}</td>\
             <td><details><summary>{}</summary>\n<ul>\n",
            severity_class(sev),
            sev,
            f.action().number(),
            f.action().number(),
            esc(f.action().title()),
            f.rule,
            f.rule,
            esc(&f.subject.to_string()),
            f.asn.map_or_else(String::new, |a| a.to_string()),
            esc(&f.message),
        );
        for e in &f.evidence {
            let _ = writeln!(o, "<li>{}</li>", esc(e));
        }
        let _ = write!(
            o,
            "</ul>\n<p><strong>Remedy:</strong> {}</p>\n",
            esc(&f.remedy)
        );
        if !f.spans.is_empty() {
            let spans: Vec<String> = f
                .spans
                .iter()
                .map(|s| format!("{} – {}", format_rfc3339(s.start), format_rfc3339(s.end)))
                .collect();
            let _ = writeln!(
                o,
                "<p><strong>Seen:</strong> {}</p>",
                esc(&spans.join(", "))
            );
        }
        o.push_str("</details></td></tr>\n");
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
}

/// A paragraph of rule documentation (trusted Markdown, escaped anyway):
/// `code` spans become `<code>`.
fn doc_html(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n") {
        let para = para.trim();
        if para.is_empty() {
            continue;
        }
        out.push_str("<p>");
        for (i, piece) in para.split('`').enumerate() {
            if i % 2 == 1 {
                let _ = write!(out, "<code>{}</code>", esc(piece));
            } else {
                out.push_str(&esc(piece));
            }
        }
        out.push_str("</p>");
    }
    out
}

fn rules(r: &Report, o: &mut String) {
    o.push_str("<section id=\"rules\">\n<h2>Rules</h2>\n<p class=\"mute\">Every rule, its outcome, and \
                what it checks. A rule without its data is not evaluated: not passed, only not judged.</p>\n");
    for action in Action::ALL {
        let _ = writeln!(
            o,
            "<h3>Action {}: {}</h3>",
            action.number(),
            esc(action.title())
        );
        for outcome in r.rules.iter().filter(|x| x.rule.action() == action) {
            let rule = outcome.rule;
            let state = match &outcome.outcome {
                Outcome::Evaluated { findings: 0 } => "passed".to_owned(),
                Outcome::Evaluated { findings } => format!(
                    "{findings} finding{}",
                    if *findings == 1 { "" } else { "s" }
                ),
                Outcome::NotEvaluated { reason } => format!("not evaluated: {reason}"),
            };
            let _ = writeln!(
                o,
                "<details id=\"rule-{rule}\"><summary><code>{rule}</code> <span class=\"sev-{}\">{}</span> \
                 {} <span class=\"mute\">({})</span></summary>",
                severity_class(rule.severity()),
                rule.severity(),
                esc(rule.summary()),
                esc(&state)
            );
            for section in ["What", "Why", "Evidence", "Remedy"] {
                let _ = writeln!(
                    o,
                    "<h4>{section}</h4>{}",
                    doc_html(rule.doc_section(section))
                );
            }
            o.push_str("</details>\n");
        }
    }
    o.push_str("</section>\n");
}

fn remedies(r: &Report, o: &mut String) {
    let rem = &r.remedies;
    if rem.is_empty() {
        return;
    }
    o.push_str("<section id=\"remedies\">\n<h2>Remedy artifacts</h2>\n<ul>\n");
    let list = |items: Vec<String>| esc(&items.join(", "));
    if !rem.route_objects.is_empty() {
        let _ = writeln!(
            o,
            "<li>route objects to create: {}</li>",
            list(
                rem.route_objects
                    .iter()
                    .map(|(p, a)| format!("{p} {a}"))
                    .collect()
            )
        );
    }
    if !rem.roas.is_empty() {
        let _ = writeln!(
            o,
            "<li>ROAs to create: {}</li>",
            list(
                rem.roas
                    .iter()
                    .map(|s| format!("{}-{} {}", s.prefix, s.max_length, s.asn))
                    .collect()
            )
        );
    }
    if !rem.roas_to_replace.is_empty() {
        let _ = writeln!(
            o,
            "<li>ROAs to replace: {}</li>",
            list(
                rem.roas_to_replace
                    .iter()
                    .map(|v| format!("{}-{} {}", v.prefix, v.max_length, v.asn))
                    .collect()
            )
        );
    }
    if !rem.as_set_members.is_empty() {
        let _ = writeln!(
            o,
            "<li>members to add to {}: {}</li>",
            rem.as_set
                .as_deref()
                .map_or_else(|| "the customer as-set".to_owned(), esc),
            list(rem.as_set_members.iter().map(|a| a.to_string()).collect())
        );
    }
    for a in &rem.aut_nums {
        let _ = writeln!(o, "<li>aut-num {} to create or complete</li>", a.asn);
    }
    o.push_str("</ul>\n<p class=\"mute\">The files (RPSL, ROA CSV and SLURM) come with the CLI's <code>--remedy DIR</code>.</p>\n</section>\n");
}
