//! MANRS reports: a [`manrs::Report`](crate::manrs::Report) as JSON (the
//! versioned schema [`manrs::SCHEMA`](crate::manrs::SCHEMA), documented by
//! the JSON Schema [`JSON_SCHEMA`]), Markdown for tickets, one
//! self-contained HTML file, or compact text for a terminal; the MANRS
//! Observatory rows ([`manrs::observatory`](crate::manrs::observatory)) as
//! CSV or JSON; and the remedy artifacts
//! ([`manrs::Remedies`](crate::manrs::Remedies)) as named files: RPSL
//! route/route6, as-set and aut-num objects (RFC 2622, RFC 4012), ROAs as
//! Routinator CSV and as RFC 8416 SLURM assertions (maxLength = prefix
//! length, RFC 9319).
//!
//! One word enum and one entry per output family, like
//! [`render::vrps`](super::vrps): [`ReportFormat`] with
//! [`render_report`] / [`report_to_string`], [`ObservatoryFormat`] with
//! [`render_observatory`] / [`observatory_to_string`], and
//! [`remedy_files`], which returns `(file name, bytes)` pairs so that core
//! writes no file (the CLI does; wasm hands them to the page).
//!
//! Every text that came from input (IRR names, as-set names, evidence) is
//! escaped for the format it lands in: HTML entities, Markdown backslash
//! escapes, and control characters made visible (`\u{1b}`) in text and
//! Markdown so that a terminal or ticket shows what the data held. Output
//! is deterministic: the same report gives the same bytes.
//!
//! ```
//! use routeguard::dataset::{Dataset, Input};
//! use routeguard::manrs::{self, Operator, Options, RouteFilter, RouteTable};
//! use routeguard::render::manrs::{report_to_string, ReportFormat};
//! use routeguard::{AsPath, Asn};
//! let vrps = "ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n";
//! let ds = Dataset::builder().vrps(Input::text("vrps.csv", vrps)).build().unwrap();
//! let op = Operator::new([Asn::new(64501)]);
//! let mut routes = RouteTable::new(RouteFilter::through(&op.asns));
//! routes.announce("192.0.2.0/24".parse().unwrap(), &AsPath::parse("3356 64501").unwrap(), None, None);
//! let report = manrs::check(&ds, &op, &routes.finish(), &Options::default()).unwrap();
//! let json: serde_json::Value = serde_json::from_str(&report_to_string(&report, ReportFormat::Json)).unwrap();
//! assert_eq!(json["schema"], "routeguard-manrs/1");
//! assert_eq!(json["findings"][0]["rule"], "filtering/own-rpki-invalid");
//! assert_eq!(json["findings"][0]["asn"], "AS64501");
//! let text = report_to_string(&report, "text".parse().unwrap());
//! assert!(text.starts_with("MANRS check AS64501: NOT CONFORMANT"));
//! ```

mod escape;
mod html;
mod json;
mod markdown;
mod observatory;
mod remedy;
mod text;

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use crate::manrs::{ObservatoryRow, Report};
use crate::model::UnknownWord;

pub use remedy::{remedy_files, MAINTAINER_PLACEHOLDER, SOURCE_PLACEHOLDER};

/// The JSON Schema (draft 2020-12) of the JSON report, whose `schema` key
/// is [`manrs::SCHEMA`](crate::manrs::SCHEMA). Each key is described there.
pub const JSON_SCHEMA: &str = include_str!("schema.json");

/// The formats of a MANRS report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ReportFormat {
    /// Compact text for a terminal (the CLI's default).
    #[default]
    Text,
    /// JSON of the versioned schema ([`JSON_SCHEMA`]).
    Json,
    /// Markdown, for tickets.
    Markdown,
    /// One self-contained HTML file (no network access).
    Html,
}

impl ReportFormat {
    /// Every report format.
    pub const ALL: [ReportFormat; 4] = [
        ReportFormat::Text,
        ReportFormat::Json,
        ReportFormat::Markdown,
        ReportFormat::Html,
    ];

    /// `text`, `json`, `markdown`, `html`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportFormat::Text => "text",
            ReportFormat::Json => "json",
            ReportFormat::Markdown => "markdown",
            ReportFormat::Html => "html",
        }
    }

    /// The usual file name extension: `txt`, `json`, `md`, `html`.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Text => "txt",
            ReportFormat::Json => "json",
            ReportFormat::Markdown => "md",
            ReportFormat::Html => "html",
        }
    }
}

impl fmt::Display for ReportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReportFormat {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, UnknownWord> {
        ReportFormat::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownWord::new("report format", s, "text, json, markdown, html"))
    }
}

/// Writes a report in the given format.
pub fn render_report<W: Write>(
    report: &Report,
    format: ReportFormat,
    out: &mut W,
) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    match format {
        ReportFormat::Text => text::write(report, &mut w)?,
        ReportFormat::Json => json::write_report(report, &mut w)?,
        ReportFormat::Markdown => markdown::write(report, &mut w)?,
        ReportFormat::Html => html::write(report, &mut w)?,
    }
    w.flush()
}

/// A report as a `String` in the given format.
pub fn report_to_string(report: &Report, format: ReportFormat) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = render_report(report, format, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The formats of the observatory rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ObservatoryFormat {
    /// CSV with the header [`OBSERVATORY_CSV_HEADER`]; ASNs as plain
    /// numbers, absent values as empty cells.
    #[default]
    Csv,
    /// A JSON array of objects with the same keys; ASNs as `"AS<n>"`,
    /// absent values as `null`; one object per line.
    Json,
}

impl ObservatoryFormat {
    /// Every observatory format.
    pub const ALL: [ObservatoryFormat; 2] = [ObservatoryFormat::Csv, ObservatoryFormat::Json];

    /// `csv`, `json`.
    pub fn as_str(self) -> &'static str {
        match self {
            ObservatoryFormat::Csv => "csv",
            ObservatoryFormat::Json => "json",
        }
    }
}

impl fmt::Display for ObservatoryFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ObservatoryFormat {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, UnknownWord> {
        ObservatoryFormat::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownWord::new("observatory format", s, "csv, json"))
    }
}

/// The header line of the observatory CSV (without its newline); the JSON
/// objects have the same keys in the same order.
pub const OBSERVATORY_CSV_HEADER: &str = "asn,routes,m7irr,m7rpki,rpki_valid,rpki_invalid,rpki_not_found,irr_registered,m3,m4,caida_action1,caida_action4";

/// Writes observatory rows in the given format, in the order given
/// ([`manrs::observatory`](crate::manrs::observatory) sorts them by ASN).
pub fn render_observatory<W: Write>(
    rows: &[ObservatoryRow],
    format: ObservatoryFormat,
    out: &mut W,
) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    match format {
        ObservatoryFormat::Csv => observatory::csv(rows, &mut w)?,
        ObservatoryFormat::Json => observatory::json(rows, &mut w)?,
    }
    w.flush()
}

/// Observatory rows as a `String` in the given format.
pub fn observatory_to_string(rows: &[ObservatoryRow], format: ObservatoryFormat) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = render_observatory(rows, format, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The metrics table of the HTML and Markdown reports: label, value.
fn metric_rows(m: &crate::manrs::Metrics) -> [(&'static str, String); 12] {
    use escape::{percent, score, yes_no};
    let rpki = m.rpki.map_or_else(
        || "-".to_owned(),
        |[v, i, n]| format!("{v} valid, {i} invalid, {n} not-found"),
    );
    [
        ("M7IRR (own routes IRR-registered)", percent(m.m7irr)),
        (
            "M7RPKI (valid share − 10 × invalid share)",
            percent(m.m7rpki),
        ),
        ("Own routes, RPKI", rpki),
        (
            "Own routes IRR-registered",
            m.irr_registered
                .map_or_else(|| "-".to_owned(), |n| n.to_string()),
        ),
        (
            "Own routes IRR-registered or RPKI valid",
            percent(m.registered_or_valid),
        ),
        (
            "M3 / M3C (bogon prefixes, own / customer)",
            format!("{} / {}", m.m3, m.m3c),
        ),
        (
            "M4 / M4C (bogon ASNs, own / customer)",
            format!("{} / {}", m.m4, m.m4c),
        ),
        ("M5 (Spoofer)", score(m.m5)),
        ("CAIDA Action 1", yes_no(m.caida_action1).to_owned()),
        ("CAIDA Action 4", yes_no(m.caida_action4).to_owned()),
        ("Own routes", m.own_routes.to_string()),
        ("Customer routes", m.customer_routes.to_string()),
    ]
}
