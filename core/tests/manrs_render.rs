//! The MANRS renderers on small hand-built worlds: every format of three
//! reports, the observatory rows and the remedy files against golden files
//! under `tests/golden/manrs/` (`UPDATE_GOLDEN=1` rewrites them; a mismatch
//! prints a diff); the JSON report against its JSON Schema; escaping of
//! untrusted text in HTML, Markdown and text; remedy files read back by
//! routeguard's own RPSL, CSV and SLURM readers; and the renderers on real
//! data (the RIS table with the full VRP snapshot).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};

use routeguard::dataset::{Dataset, DatasetBuilder, Input};
use routeguard::manrs::{self, Operator, Options, Report, RouteFilter, RouteTable, Rule};
use routeguard::render::manrs::{
    observatory_to_string, remedy_files, report_to_string, ObservatoryFormat, ReportFormat,
    JSON_SCHEMA, OBSERVATORY_CSV_HEADER,
};
use routeguard::{AsPath, Asn, Prefix};
use serde_json::Value;

// ---------------------------------------------------------------- worlds

// Operator AS1000; provider AS3000, peer AS4000, customers AS2000 and
// AS2200; AS2100 a customer of AS2000 (as in tests/manrs.rs).
const ASREL: &str = "3000|1000|-1\n1000|4000|0\n1000|2000|-1\n1000|2200|-1\n2000|2100|-1\n";
const OP: u32 = 1000;

fn p(s: &str) -> Prefix {
    s.parse().unwrap()
}

fn a(n: u32) -> Asn {
    Asn::new(n)
}

fn table(filter: RouteFilter, routes: &[(&str, &str)]) -> RouteTable {
    let mut t = RouteTable::new(filter);
    for (pfx, path) in routes {
        t.announce(p(pfx), &AsPath::parse(path).unwrap(), None, None);
    }
    t.finish()
}

const TRANSIT_VRPS: &str = r#"{"roas": [
  {"asn": 1000, "prefix": "11.0.0.0/16", "maxLength": 16, "ta": "ripe"},
  {"asn": 2100, "prefix": "12.0.0.0/24", "maxLength": 24, "ta": "ripe"},
  {"asn": 1000, "prefix": "24.0.0.0/24", "maxLength": 24, "ta": "ripe"},
  {"asn": 1000, "prefix": "32.0.0.0/16", "maxLength": 24, "ta": "ripe"}],
 "aspas": [{"customer_asid": 2100, "providers": [5000]}]}"#;

const TRANSIT_IRR: &str = "route: 24.0.0.0/16\norigin: AS1000\nsource: RIPE\n\n\
aut-num: AS1000\nas-name: ONE\nmp-import: afi any from AS3000 accept ANY\nadmin-c: NOC1-RIPE\nsource: RIPE\n\n\
role: NOC\nnic-hdl: NOC1-RIPE\nphone: +1 555 0100\nsource: RIPE\n\n\
as-set: AS-ONE\nmembers: AS1000, AS2000\nsource: RIPE\n";

const TRANSIT_ROUTES: &[(&str, &str)] = &[
    ("11.0.0.0/24", "3000 1000"),            // own, RPKI invalid (length)
    ("24.0.0.0/24", "3000 1000"),            // own, valid and registered
    ("24.0.1.0/24", "3000 1000"),            // own, registered, no ROA
    ("32.0.0.0/16", "3000 1000"),            // own, ROA with a loose maxLength
    ("10.0.0.0/8", "3000 1000"),             // own bogon
    ("12.0.0.0/24", "3000 1000 2000"),       // customer, RPKI invalid
    ("15.0.0.0/24", "3000 1000 2000"),       // customer, unregistered
    ("19.0.0.0/24", "3000 1000 2000 2100"),  // customer, ASPA invalid
    ("29.0.0.0/24", "3000 1000 2200"),       // customer missing from AS-ONE
    ("20.0.0.0/24", "3000 1000 4000"),       // leak: peer to provider
    ("16.0.0.0/24", "3000 1000 2000 64512"), // bogon ASN behind a customer
];

fn transit_builder() -> DatasetBuilder {
    Dataset::builder()
        .vrps(Input::text("vrps.json", TRANSIT_VRPS))
        .irr(None, Input::text("irr.db", TRANSIT_IRR))
        .asrel(Input::text("as-rel.txt", ASREL))
}

/// A transit network with a finding for most rules.
fn transit() -> Report {
    let ds = transit_builder().build().unwrap();
    let op = Operator::new([a(OP)]).with_as_set("AS-ONE");
    let routes = table(RouteFilter::through(&op.asns), TRANSIT_ROUTES);
    manrs::check(&ds, &op, &routes, &Options::default()).unwrap()
}

/// A stub with timestamped routes (incidents, `seen` spans) and IPv6.
fn incidents() -> Report {
    let vrps = "ASN,IP Prefix,Max Length,Trust Anchor\nAS1000,36.0.0.0/16,16,ripe\n";
    let irr = "aut-num: AS1000\nas-name: ONE\nimport: from AS3000 accept ANY\n\
               export: to AS3000 announce AS1000\nadmin-c: NOC1-RIPE\nsource: RIPE\n\n\
               role: NOC\nnic-hdl: NOC1-RIPE\ne-mail: noc@example.net\nsource: RIPE\n";
    let ds = Dataset::builder()
        .vrps(Input::text("vrps.csv", vrps))
        .irr(None, Input::text("irr.db", irr))
        .build()
        .unwrap();
    let op = Operator::new([a(OP)]);
    let mut t = RouteTable::new(RouteFilter::through(&op.asns));
    let peer = Some(("192.0.2.1".parse().unwrap(), a(3000)));
    let jan31 = 1_706_655_600; // 2024-01-30T23:00:00Z
    let path = AsPath::parse("3000 1000").unwrap();
    // Invalid for 29 minutes, for 13 hours, then for 25 hours into February.
    for (start, len) in [(0, 29 * 60), (3600, 13 * 3600), (86_400, 25 * 3600)] {
        t.announce(p("36.0.1.0/24"), &path, peer, Some(jan31 + start));
        t.withdraw(p("36.0.1.0/24"), peer, Some(jan31 + start + len));
    }
    t.announce(p("36.0.0.0/16"), &path, peer, Some(jan31));
    t.announce(p("2a0b:1000::/32"), &path, peer, Some(jan31 + 600));
    let end = jan31 + 3 * 86_400;
    t.withdraw(p("36.0.0.0/16"), peer, Some(end));
    t.withdraw(p("2a0b:1000::/32"), peer, Some(end));
    manrs::check(&ds, &op, &t.finish(), &Options::default()).unwrap()
}

/// Nothing given but one clean route: conformant, most rules not evaluated.
fn quiet() -> Report {
    let ds = Dataset::builder().build().unwrap();
    let op = Operator::new([a(OP), a(1001)]);
    let routes = table(
        RouteFilter::through(&op.asns),
        &[("37.0.0.0/24", "3000 1000")],
    );
    manrs::check(&ds, &op, &routes, &Options::default()).unwrap()
}

fn worlds() -> Vec<(&'static str, Report)> {
    vec![
        ("transit", transit()),
        ("incidents", incidents()),
        ("quiet", quiet()),
    ]
}

// ---------------------------------------------------------------- golden

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/manrs")
}

/// A small line diff: the common head and tail are skipped, the rest shown
/// as `-` (golden) and `+` (produced) lines, with line numbers.
fn diff(want: &str, got: &str) -> String {
    let w: Vec<&str> = want.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    let head = w.iter().zip(&g).take_while(|(a, b)| a == b).count();
    let tail = w[head..]
        .iter()
        .rev()
        .zip(g[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = format!("first difference at line {}:\n", head + 1);
    for (i, l) in w[head..w.len() - tail].iter().enumerate().take(40) {
        out.push_str(&format!("-{:>5} {l}\n", head + i + 1));
    }
    for (i, l) in g[head..g.len() - tail].iter().enumerate().take(40) {
        out.push_str(&format!("+{:>5} {l}\n", head + i + 1));
    }
    if want.ends_with('\n') != got.ends_with('\n') {
        out.push_str("(final newline differs)\n");
    }
    out
}

/// Compares `got` with the golden file `name`, or writes it under
/// `UPDATE_GOLDEN=1`. Returns a failure message instead of panicking, so
/// that one run reports every mismatch.
fn golden(name: &str, got: &[u8]) -> Option<String> {
    let path = golden_dir().join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return None;
    }
    let Ok(want) = std::fs::read(&path) else {
        return Some(format!(
            "{name}: no golden file {} (run with UPDATE_GOLDEN=1 to write it)",
            path.display()
        ));
    };
    if want == got {
        return None;
    }
    Some(format!(
        "{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it after review):\n{}",
        diff(
            &String::from_utf8_lossy(&want),
            &String::from_utf8_lossy(got)
        )
    ))
}

fn check_all(failures: Vec<String>) {
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn reports_match_golden_files() {
    let mut failures = Vec::new();
    for (world, report) in worlds() {
        for format in ReportFormat::ALL {
            let out = report_to_string(&report, format);
            // Same bytes twice: deterministic.
            assert_eq!(out, report_to_string(&report, format));
            failures.extend(golden(
                &format!("{world}.{}", format.extension()),
                out.as_bytes(),
            ));
        }
    }
    check_all(failures);
}

#[test]
fn remedy_files_match_golden_files() {
    let mut failures = Vec::new();
    for (world, report) in worlds() {
        let files = remedy_files(&report.remedies);
        let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
        failures.extend(golden(
            &format!("{world}-remedy/FILES"),
            format!("{}\n", names.join("\n")).as_bytes(),
        ));
        for (name, bytes) in &files {
            failures.extend(golden(&format!("{world}-remedy/{name}"), bytes));
        }
    }
    check_all(failures);
}

fn observatory_rows(with_irr: bool) -> Vec<manrs::ObservatoryRow> {
    let mut b = Dataset::builder()
        .vrps(Input::text("vrps.json", TRANSIT_VRPS))
        .asrel(Input::text("as-rel.txt", ASREL));
    if with_irr {
        b = b.irr(None, Input::text("irr.db", TRANSIT_IRR));
    }
    let ds = b.build().unwrap();
    let mut routes = TRANSIT_ROUTES.to_vec();
    routes.push(("40.0.0.0/24", "3000 4000"));
    routes.push(("41.0.0.0/24", "3000 4000 {4100,4200}")); // AS_SET origin: no row
    manrs::observatory(&ds, &table(RouteFilter::All, &routes))
}

#[test]
fn observatory_matches_golden_files() {
    let mut failures = Vec::new();
    for (name, with_irr) in [("observatory", true), ("observatory-no-irr", false)] {
        let rows = observatory_rows(with_irr);
        for format in ObservatoryFormat::ALL {
            let out = observatory_to_string(&rows, format);
            failures.extend(golden(&format!("{name}.{format}"), out.as_bytes()));
        }
    }
    check_all(failures);
}

// ------------------------------------------------------------ observatory

#[test]
fn observatory_csv_and_json_agree() {
    for with_irr in [true, false] {
        let rows = observatory_rows(with_irr);
        let csv = observatory_to_string(&rows, ObservatoryFormat::Csv);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some(OBSERVATORY_CSV_HEADER));
        let keys: Vec<&str> = OBSERVATORY_CSV_HEADER.split(',').collect();
        let json: Value =
            serde_json::from_str(&observatory_to_string(&rows, ObservatoryFormat::Json)).unwrap();
        let objs = json.as_array().unwrap();
        assert_eq!(objs.len(), rows.len());
        let body: Vec<&str> = lines.collect();
        assert_eq!(body.len(), rows.len());
        for ((line, obj), row) in body.iter().zip(objs).zip(&rows) {
            let cells: Vec<&str> = line.split(',').collect();
            assert_eq!(cells.len(), keys.len(), "{line}");
            let obj = obj.as_object().unwrap();
            assert_eq!(obj.len(), keys.len());
            // CSV: plain numbers; JSON: "AS<n>".
            assert_eq!(cells[0], row.asn.get().to_string());
            assert_eq!(obj["asn"], row.asn.to_string());
            for (key, cell) in keys.iter().zip(&cells).skip(1) {
                let v = &obj[*key];
                match v {
                    Value::Null => assert_eq!(*cell, "", "{key}"),
                    Value::Bool(b) => assert_eq!(*cell, b.to_string(), "{key}"),
                    Value::Number(n) => {
                        assert_eq!(cell.parse::<f64>().unwrap(), n.as_f64().unwrap(), "{key}")
                    }
                    other => panic!("{key}: {other}"),
                }
            }
        }
        let m7irr_cells: Vec<&str> = body.iter().map(|l| l.split(',').nth(2).unwrap()).collect();
        if with_irr {
            assert!(m7irr_cells.iter().all(|c| !c.is_empty()));
        } else {
            assert!(m7irr_cells.iter().all(|c| c.is_empty()), "{csv}");
        }
    }
    assert_eq!(observatory_to_string(&[], ObservatoryFormat::Json), "[]\n");
    assert_eq!(
        observatory_to_string(&[], ObservatoryFormat::Csv),
        format!("{OBSERVATORY_CSV_HEADER}\n")
    );
}

// ------------------------------------------------------------ JSON schema

/// A JSON value that keeps the order of object keys (serde_json's `Value`
/// sorts them), to check the documented key order.
#[derive(Debug)]
enum J {
    Null,
    Bool(bool),
    Num(f64, bool),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl<'de> serde::Deserialize<'de> for J {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<J, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = J;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<J, E> {
                Ok(J::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<J, E> {
                Ok(J::Bool(b))
            }
            fn visit_u64<E>(self, n: u64) -> Result<J, E> {
                Ok(J::Num(n as f64, true))
            }
            fn visit_i64<E>(self, n: i64) -> Result<J, E> {
                Ok(J::Num(n as f64, true))
            }
            fn visit_f64<E>(self, n: f64) -> Result<J, E> {
                Ok(J::Num(n, false))
            }
            fn visit_str<E>(self, s: &str) -> Result<J, E> {
                Ok(J::Str(s.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<J, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = s.next_element()? {
                    v.push(x);
                }
                Ok(J::Arr(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<J, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = m.next_entry()? {
                    v.push((k, x));
                }
                Ok(J::Obj(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// The patterns the schema uses, as code (no regex dependency); an unknown
/// pattern fails the check so that this list follows the schema.
fn matches_pattern(pattern: &str, s: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    match pattern {
        "^AS[0-9]+$" => s.strip_prefix("AS").is_some_and(digits),
        "^[0-9]{4}-[0-9]{2}$" => {
            s.len() == 7 && digits(&s[..4]) && &s[4..5] == "-" && digits(&s[5..])
        }
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$" => {
            s.len() == 20
                && s.bytes().enumerate().all(|(i, b)| match i {
                    4 | 7 => b == b'-',
                    10 => b == b'T',
                    13 | 16 => b == b':',
                    19 => b == b'Z',
                    _ => b.is_ascii_digit(),
                })
        }
        "^(filtering|anti-spoofing|coordination|global-validation)/[a-z0-9-]+$" => {
            s.split_once('/').is_some_and(|(a, r)| {
                [
                    "filtering",
                    "anti-spoofing",
                    "coordination",
                    "global-validation",
                ]
                .contains(&a)
                    && !r.is_empty()
                    && r.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            })
        }
        other => panic!("pattern {other} unknown to the test's checker: add it"),
    }
}

fn type_ok(t: &str, v: &J) -> bool {
    matches!(
        (t, v),
        ("null", J::Null)
            | ("boolean", J::Bool(_))
            | ("number", J::Num(..))
            | ("integer", J::Num(_, true))
            | ("string", J::Str(_))
            | ("array", J::Arr(_))
            | ("object", J::Obj(_))
    )
}

fn same(want: &Value, v: &J) -> bool {
    match (want, v) {
        (Value::Null, J::Null) => true,
        (Value::Bool(a), J::Bool(b)) => a == b,
        (Value::String(a), J::Str(b)) => a == b,
        (Value::Number(a), J::Num(b, _)) => a.as_f64() == Some(*b),
        _ => false,
    }
}

/// Checks `v` against the schema keywords this schema uses: `$ref`,
/// `type`, `const`, `enum`, `oneOf`, `required` (in order: the documented
/// key order), `properties`, `additionalProperties: false`, `items`,
/// `minimum`, `maximum`, `pattern`. Errors name the JSON path.
fn validate(root: &Value, schema: &Value, v: &J, path: &str, errors: &mut Vec<String>) {
    let s = schema.as_object().unwrap();
    if let Some(r) = s.get("$ref") {
        let name = r.as_str().unwrap().strip_prefix("#/$defs/").unwrap();
        validate(root, &root["$defs"][name], v, path, errors);
    }
    for key in s.keys() {
        assert!(
            [
                "$ref",
                "type",
                "const",
                "enum",
                "oneOf",
                "required",
                "properties",
                "additionalProperties",
                "items",
                "minimum",
                "maximum",
                "pattern",
                "description",
                "$schema",
                "$id",
                "title",
                "$defs"
            ]
            .contains(&key.as_str()),
            "schema keyword {key} unknown to the test's checker"
        );
    }
    if let Some(t) = s.get("type") {
        let ok = match t {
            Value::String(t) => type_ok(t, v),
            Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)),
            _ => panic!("bad type"),
        };
        if !ok {
            errors.push(format!("{path}: {v:?} is not of type {t}"));
            return;
        }
    }
    if let Some(c) = s.get("const") {
        if !same(c, v) {
            errors.push(format!("{path}: {v:?} is not {c}"));
        }
    }
    if let Some(e) = s.get("enum") {
        if !e.as_array().unwrap().iter().any(|x| same(x, v)) {
            errors.push(format!("{path}: {v:?} not in {e}"));
        }
    }
    if let Some(alts) = s.get("oneOf") {
        let passing = alts
            .as_array()
            .unwrap()
            .iter()
            .filter(|alt| {
                let mut e = Vec::new();
                validate(root, alt, v, path, &mut e);
                e.is_empty()
            })
            .count();
        if passing != 1 {
            errors.push(format!(
                "{path}: {v:?} matches {passing} oneOf alternatives"
            ));
        }
    }
    if let (Some(min), J::Num(n, _)) = (s.get("minimum"), v) {
        if *n < min.as_f64().unwrap() {
            errors.push(format!("{path}: {n} below {min}"));
        }
    }
    if let (Some(max), J::Num(n, _)) = (s.get("maximum"), v) {
        if *n > max.as_f64().unwrap() {
            errors.push(format!("{path}: {n} above {max}"));
        }
    }
    if let (Some(pat), J::Str(text)) = (s.get("pattern"), v) {
        if !matches_pattern(pat.as_str().unwrap(), text) {
            errors.push(format!("{path}: {text:?} does not match {pat}"));
        }
    }
    if let (Some(items), J::Arr(list)) = (s.get("items"), v) {
        for (i, x) in list.iter().enumerate() {
            validate(root, items, x, &format!("{path}[{i}]"), errors);
        }
    }
    if let J::Obj(members) = v {
        let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        if let Some(req) = s.get("required") {
            let req: Vec<&str> = req
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k.as_str().unwrap())
                .collect();
            let missing: Vec<&&str> = req.iter().filter(|k| !keys.contains(k)).collect();
            if !missing.is_empty() {
                errors.push(format!("{path}: missing {missing:?}"));
            }
            if s.get("additionalProperties") == Some(&Value::Bool(false)) && keys != req {
                errors.push(format!(
                    "{path}: keys {keys:?} are not the documented {req:?}"
                ));
            }
        }
        let props = s.get("properties").and_then(Value::as_object);
        for (k, x) in members {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => validate(root, ps, x, &format!("{path}.{k}"), errors),
                None if s.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{path}: undocumented key {k}"))
                }
                None => {}
            }
        }
    }
}

/// Every object schema with `properties` lists each of them as required,
/// and documents each one: the documented keys are exactly the keys.
fn schema_is_closed(schema: &Value, path: &str) {
    match schema {
        Value::Object(m) => {
            if let Some(props) = m.get("properties").and_then(Value::as_object) {
                let req: Vec<&str> = m["required"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{path}: no required"))
                    .iter()
                    .map(|k| k.as_str().unwrap())
                    .collect();
                let mut names: Vec<&str> = props.keys().map(String::as_str).collect();
                let mut sorted_req = req.clone();
                names.sort_unstable();
                sorted_req.sort_unstable();
                assert_eq!(names, sorted_req, "{path}");
                assert_eq!(
                    m.get("additionalProperties"),
                    Some(&Value::Bool(false)),
                    "{path}"
                );
            }
            for (k, v) in m {
                schema_is_closed(v, &format!("{path}/{k}"));
            }
        }
        Value::Array(a) => a.iter().for_each(|v| schema_is_closed(v, path)),
        _ => {}
    }
}

fn assert_valid(report: &Report) -> J {
    let schema: Value = serde_json::from_str(JSON_SCHEMA).unwrap();
    let text = report_to_string(report, ReportFormat::Json);
    let doc: J = serde_json::from_str(&text).unwrap();
    let mut errors = Vec::new();
    validate(&schema, &schema, &doc, "$", &mut errors);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    doc
}

#[test]
fn json_reports_follow_their_schema() {
    let schema: Value = serde_json::from_str(JSON_SCHEMA).unwrap();
    schema_is_closed(&schema, "#");
    assert_eq!(
        schema["properties"]["schema"]["const"],
        routeguard::manrs::SCHEMA
    );
    // The checker catches what it should.
    let mut errors = Vec::new();
    let bad: J = serde_json::from_str(r#"{"schema": "routeguard-manrs/0", "extra": 1}"#).unwrap();
    validate(&schema, &schema, &bad, "$", &mut errors);
    assert!(errors.iter().any(|e| e.contains("missing")), "{errors:?}");
    assert!(
        errors.iter().any(|e| e.contains("undocumented key extra")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("is not \"routeguard-manrs/1\"")),
        "{errors:?}"
    );
    for (world, report) in worlds() {
        assert_valid(&report);
        let v: Value =
            serde_json::from_str(&report_to_string(&report, ReportFormat::Json)).unwrap();
        assert_eq!(v["conformant"], report.conformant(), "{world}");
        assert_eq!(
            v["findings"].as_array().unwrap().len(),
            report.findings.len()
        );
        assert_eq!(v["rules"].as_array().unwrap().len(), Rule::ALL.len());
        for (f, j) in report
            .findings
            .iter()
            .zip(v["findings"].as_array().unwrap())
        {
            assert_eq!(j["rule"], f.rule.as_str());
            assert_eq!(j["action"], f.action().as_str());
            assert_eq!(j["severity"], f.severity().as_str());
            assert_eq!(j["message"], f.message.as_str());
            assert_eq!(
                j["asn"],
                f.asn.map_or(Value::Null, |a| a.to_string().into())
            );
            assert_eq!(
                j["prefix"],
                f.prefix().map_or(Value::Null, |p| p.to_string().into())
            );
            assert_eq!(j["evidence"].as_array().unwrap().len(), f.evidence.len());
            assert_eq!(j["seen"].is_null(), f.spans.is_empty());
        }
    }
}

#[test]
fn json_carries_the_details() {
    let r = transit();
    let v: Value = serde_json::from_str(&report_to_string(&r, ReportFormat::Json)).unwrap();
    assert_eq!(v["operator"]["asns"], serde_json::json!(["AS1000"]));
    assert_eq!(v["operator"]["as_set"], "AS-ONE");
    let loose = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "global-validation/roa-loose-maxlength")
        .unwrap();
    assert_eq!(loose["prefix"], "32.0.0.0/16");
    assert_eq!(loose["max_length"], 24);
    assert_eq!(loose["asn"], "AS1000");
    assert_eq!(loose["subject"], "32.0.0.0/16-24 AS1000");
    assert_eq!(
        v["metrics"]["rpki"]["not_found"].as_u64(),
        r.metrics.rpki.map(|c| c[2] as u64)
    );
    assert_eq!(v["actions"][0]["action"], "filtering");
    assert_eq!(v["actions"][0]["number"], 1);
    let not_eval = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["rule"] == "anti-spoofing/spoofer-leak")
        .unwrap();
    assert_eq!(not_eval["evaluated"], false);
    assert!(not_eval["findings"].is_null());
    assert!(not_eval["reason"].is_string());
    let r = incidents();
    let v: Value = serde_json::from_str(&report_to_string(&r, ReportFormat::Json)).unwrap();
    let inc = &v["metrics"]["incidents"];
    assert!(!inc.as_array().unwrap().is_empty(), "{inc}");
    let invalid = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "filtering/own-rpki-invalid")
        .unwrap();
    assert_eq!(invalid["seen"][0]["start"], "2024-01-30T23:00:00Z");
}

// ------------------------------------------------------------ escaping

const EVIL: &str = "<script>alert('x')</script>";

/// A report with untrusted text in the as-set name, an evidence line, a
/// message, a basis (a table cell) and a not-evaluated reason.
fn poisoned() -> Report {
    let mut r = transit();
    r.as_set = Some(format!("AS-EVIL{EVIL}"));
    r.findings[0]
        .evidence
        .push(format!("descr: {EVIL} | cell\nbreak \x1b[31mred"));
    r.findings[1].message = format!("message {EVIL}");
    r.actions[0].basis = format!("basis | with {EVIL}\nnewline");
    r
}

#[test]
fn html_is_self_contained_escaped_and_complete() {
    for (world, r) in worlds().into_iter().chain([("poisoned", poisoned())]) {
        let html = report_to_string(&r, ReportFormat::Html);
        assert!(html.starts_with("<!DOCTYPE html>"), "{world}");
        assert!(html.ends_with("</html>\n"), "{world}");
        for remote in ["http://", "https://", "src=", "url(", "@import", "//cdn"] {
            assert!(!html.contains(remote), "{world}: {remote}");
        }
        for (i, _) in html.match_indices("href=") {
            assert!(
                html[i..].starts_with("href=\"#"),
                "{world}: {}",
                &html[i..i + 40]
            );
        }
        // Our one script; nothing injected.
        assert_eq!(html.matches("<script").count(), 1, "{world}");
        assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
        // Every finding has a row, its subject and message.
        assert_eq!(
            html.matches("<tr id=\"finding-").count(),
            r.findings.len(),
            "{world}"
        );
        for f in &r.findings {
            let subject = f.subject.to_string();
            assert!(html.contains(&subject), "{world}: {subject}");
            let msg = f
                .message
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('\'', "&#39;")
                .replace('"', "&quot;");
            assert!(html.contains(&msg), "{world}: {msg}");
        }
        // Every rule documented.
        for rule in Rule::ALL {
            assert!(
                html.contains(&format!("<details id=\"rule-{rule}\">")),
                "{world}: {rule}"
            );
        }
    }
    let html = report_to_string(&poisoned(), ReportFormat::Html);
    assert!(html.contains("AS-EVIL&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("descr: &lt;script&gt;"));
    assert!(html.contains("message &lt;script&gt;"));
    assert!(!html.contains('\x1b'));
    // Incidents get a chart.
    let html = report_to_string(&incidents(), ReportFormat::Html);
    assert!(html.contains("Incident score per month"));
}

#[test]
fn markdown_escapes_cells_and_markup() {
    let r = poisoned();
    let md = report_to_string(&r, ReportFormat::Markdown);
    // Every `<` escaped: no HTML reaches the ticket.
    for (i, _) in md.match_indices('<') {
        assert_eq!(&md[i - 1..i], "\\", "{}", &md[i.saturating_sub(20)..i + 10]);
    }
    assert!(!md.contains('\x1b'));
    assert!(md.contains("\\<script\\>"));
    // The action table: ten unescaped pipes per row, one line per action.
    let rows: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("| Action |"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(rows.len(), 2 + r.actions.len(), "{rows:#?}");
    for row in rows {
        let bare = row.replace("\\|", "");
        assert_eq!(bare.matches('|').count(), 10, "{row}");
    }
    assert!(md.contains("basis \\| with"));
    // Every finding listed with its remedy; every skipped rule with its reason.
    for f in &r.findings {
        assert!(md.contains(&format!("`{}`", f.rule)), "{}", f.rule);
    }
    assert_eq!(md.matches("  - *Remedy*: ").count(), r.findings.len());
    for o in r.rules.iter().filter(|o| !o.evaluated()) {
        assert!(md.contains(&format!("- `{}`: ", o.rule)), "{}", o.rule);
    }
}

#[test]
fn text_makes_control_characters_visible() {
    let t = report_to_string(&poisoned(), ReportFormat::Text);
    assert!(!t.contains('\x1b'));
    assert!(t.contains("\\u{1b}[31mred"));
    assert!(t.contains("cell\\u{a}break"));
    let r = transit();
    let t = report_to_string(&r, ReportFormat::Text);
    assert!(t.starts_with("MANRS check AS1000 (as-set AS-ONE): NOT CONFORMANT\n"));
    assert_eq!(t.matches("      remedy: ").count(), r.findings.len());
    let t = report_to_string(&quiet(), ReportFormat::Text);
    assert!(
        t.starts_with("MANRS check AS1000 AS1001: conformant\n"),
        "{t}"
    );
}

#[test]
fn report_formats_by_name() {
    for f in ReportFormat::ALL {
        assert_eq!(f.as_str().parse::<ReportFormat>().unwrap(), f);
        assert_eq!(f.to_string(), f.as_str());
    }
    assert_eq!("HTML".parse::<ReportFormat>().unwrap(), ReportFormat::Html);
    assert!("pdf".parse::<ReportFormat>().is_err());
    assert_eq!(ReportFormat::default(), ReportFormat::Text);
    for f in ObservatoryFormat::ALL {
        assert_eq!(f.as_str().parse::<ObservatoryFormat>().unwrap(), f);
    }
    assert!("xml".parse::<ObservatoryFormat>().is_err());
}

// ------------------------------------------------------------ remedies

fn file<'a>(files: &'a [(&'static str, Vec<u8>)], name: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1
}

#[test]
fn remedy_files_read_back() {
    use routeguard::parse::rpsl::{parse_all, RpslOptions};
    use routeguard::{slurm, LoadOptions, Slurm};
    let r = transit();
    let rem = &r.remedies;
    let files = remedy_files(rem);
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "README.txt",
            "route-objects.rpsl",
            "roas.csv",
            "roas.slurm.json",
            "roas-to-replace.csv",
            "as-set-members.txt",
            "as-set-members.rpsl",
            "aut-num.rpsl"
        ]
    );
    let readme = String::from_utf8(file(&files, "README.txt").to_vec()).unwrap();
    for n in &names[1..] {
        assert!(readme.contains(&format!("\n{n}\n")), "{n}");
    }
    // Route objects parse with routeguard's strict RPSL reader.
    let parsed = parse_all(file(&files, "route-objects.rpsl"), &RpslOptions::default()).unwrap();
    assert_eq!(parsed.objects.len(), rem.route_objects.len());
    for (obj, (prefix, origin)) in parsed.objects.iter().zip(&rem.route_objects) {
        assert_eq!(obj.key().trim(), prefix.to_string());
        assert_eq!(obj.get("origin").unwrap().trim(), origin.to_string());
        assert_eq!(obj.get("mnt-by").unwrap().trim(), "MAINT-CHANGE-ME");
    }
    // The aut-num skeleton too, with policy for each neighbour.
    let parsed = parse_all(file(&files, "aut-num.rpsl"), &RpslOptions::default()).unwrap();
    assert_eq!(parsed.objects.len(), rem.aut_nums.len());
    let text = String::from_utf8(file(&files, "aut-num.rpsl").to_vec()).unwrap();
    assert!(text.contains("import:         from AS3000 accept ANY\n"));
    assert!(text.contains("export:         to AS3000 announce AS-ONE\n"));
    assert!(text.contains("mp-export:      afi any to AS4000 announce AS-ONE\n"));
    assert!(text.contains("mp-import:      afi any from AS2000 accept AS2000\n"));
    assert!(text.contains("export:         to AS2200 announce ANY\n"));
    // Every policy line parses with routeguard's RPSL policy parser.
    let aut = routeguard::parse::rpsl::objects_str(&text)
        .typed()
        .find_map(|o| match o {
            Ok(routeguard::parse::rpsl::TypedObject::AutNum(a)) => Some(a),
            _ => None,
        })
        .unwrap();
    assert_eq!(aut.policy.len(), 4 * 4, "{text}");
    for line in &aut.policy {
        let policy = routeguard::parse::rpsl::parse_policy_line(line).unwrap();
        assert_eq!(policy.terms.len(), 1, "{}", line.text);
    }
    // ROAs: CSV loads as the suggested VRPs; SLURM parses to the same.
    let want: Vec<(Prefix, u8, Asn)> = rem
        .roas
        .iter()
        .map(|s| (s.prefix, s.max_length, s.asn))
        .collect();
    let loaded = slurm::load(file(&files, "roas.csv"), &LoadOptions::default()).unwrap();
    let got: Vec<(Prefix, u8, Asn)> = loaded
        .set
        .vrps
        .iter()
        .map(|v| (v.prefix, v.max_length, v.asn))
        .collect();
    assert_eq!(got, want);
    let s = Slurm::parse(file(&files, "roas.slurm.json")).unwrap();
    let got: Vec<(Prefix, u8, Asn)> = s
        .prefix_assertions
        .iter()
        .map(|x| (x.prefix, x.max_length.unwrap(), x.asn))
        .collect();
    assert_eq!(got, want);
    assert!(rem.roas.iter().all(|s| s.max_length == s.prefix.len()));
    let loaded = slurm::load(file(&files, "roas-to-replace.csv"), &LoadOptions::default()).unwrap();
    assert_eq!(loaded.set.vrps.len(), rem.roas_to_replace.len());
    assert_eq!(
        String::from_utf8(file(&files, "as-set-members.txt").to_vec()).unwrap(),
        "AS2200\n"
    );
    let snippet = String::from_utf8(file(&files, "as-set-members.rpsl").to_vec()).unwrap();
    assert!(
        snippet.contains("as-set:         AS-ONE\nmembers:        AS2200\n"),
        "{snippet}"
    );
    // IPv6 routes get route6 objects.
    let files = remedy_files(&incidents().remedies);
    let text = String::from_utf8(file(&files, "route-objects.rpsl").to_vec()).unwrap();
    assert!(text.contains("route6:         2a0b:1000::/32\n"), "{text}");
    // Nothing to do: no files at all.
    assert!(remedy_files(&quiet().remedies).is_empty());
    assert!(remedy_files(&Default::default()).is_empty());
}

// ------------------------------------------------------------ real data

#[test]
fn real_data_reports_and_observatory() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let Some(text) = common::read_text(common::RIS) else {
        return;
    };
    let ds = Dataset::builder()
        .vrps(Input::path(dir.join(
            "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2",
        )))
        .asrel(Input::path(dir.join("asrel/20180101.as-rel.txt.xz")))
        .build()
        .unwrap();
    // The first 100,000 routes of the RIS table (a debug build is slow).
    let mut all = RouteTable::new(RouteFilter::All);
    let op = Operator::new([a(3356)]);
    let mut through = RouteTable::new(RouteFilter::through(&op.asns));
    for line in text.lines().take(100_000) {
        let Ok(Some(route)) = routeguard::parse_route_line(line) else {
            continue;
        };
        all.announce(route.prefix, &route.path, None, None);
        through.announce(route.prefix, &route.path, None, None);
    }
    let rows = manrs::observatory(&ds, &all.finish());
    assert!(rows.len() > 1000, "{}", rows.len());
    let csv = observatory_to_string(&rows, ObservatoryFormat::Csv);
    assert_eq!(csv.lines().count(), rows.len() + 1);
    assert!(csv.lines().skip(1).all(|l| l.split(',').count() == 12));
    let json: Value =
        serde_json::from_str(&observatory_to_string(&rows, ObservatoryFormat::Json)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), rows.len());
    let report = manrs::check(&ds, &op, &through.finish(), &Options::default()).unwrap();
    assert!(!report.findings.is_empty());
    assert_valid(&report);
    let html = report_to_string(&report, ReportFormat::Html);
    assert_eq!(
        html.matches("<tr id=\"finding-").count(),
        report.findings.len()
    );
    assert!(!html.contains("https://") && !html.contains("http://"));
    let md = report_to_string(&report, ReportFormat::Markdown);
    assert!(md.contains("## Findings"));
    for (name, bytes) in remedy_files(&report.remedies) {
        assert!(!bytes.is_empty(), "{name}");
    }
}
