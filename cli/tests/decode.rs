//! `routeguard decode`: the shared ROAs and ASPAs and the core's `.cer`
//! fixture, in text and JSON, and a mix of good and bad files (exit 2, one
//! error line per bad file, the good ones still printed).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../core/tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_routeguard");

fn rg(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn cer() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/rpki/Hf1ZR31W9DN5QSF6xJEO5qgH4ac-ee.cer")
        .display()
        .to_string()
}

fn shared() -> Option<PathBuf> {
    Some(common::data_dir()?.join("rpki-objects/rpki-client-regress"))
}

#[test]
fn cer_text_starts_with_the_banner() {
    let o = rg(&["decode", &cer()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8(o.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("# decoded, not validated"), "{first}");
    assert!(text.contains("\ntype:           cer\n"), "{text}");
    assert!(text.contains("\nserial:         6\n"), "{text}");
    assert!(text.contains("\nipv4:           147.28.0.0/16, 192.83.230.0/24, 198.180.151.0/24, 198.180.153.0/24\n"), "{text}");
    assert!(o.stderr.is_empty());
}

#[test]
fn shared_objects_as_json() {
    let Some(dir) = shared() else { return };
    let roa = dir.join("roa/4DAr1VXnjh69GoQkxjmIQdkRVtQ.roa");
    let aspa = dir.join("aspa/5m80fwYws_3FiFD7JiQjAqZ1RYQ.asa");
    let o = rg(&[
        "decode",
        "--format",
        "json",
        roa.to_str().unwrap(),
        aspa.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["notice"]
        .as_str()
        .unwrap()
        .starts_with("decoded, not validated"));
    let objs = v["objects"].as_array().unwrap();
    assert_eq!(objs.len(), 2);
    assert_eq!(objs[0]["type"], "roa");
    assert_eq!(objs[0]["asn"], 203_274);
    assert_eq!(
        objs[0]["vrps"],
        serde_json::json!([{"asn": 203_274, "prefix": "198.133.206.0/24", "maxLength": 24, "max_length_given": false}])
    );
    assert_eq!(
        objs[0]["cert"]["ipv4"],
        serde_json::json!(["198.133.206.0/24"])
    );
    assert_eq!(objs[1]["type"], "aspa");
    assert_eq!(objs[1]["customer_asid"], 15_562);
    assert_eq!(
        objs[1]["providers"],
        serde_json::json!([2914, 8283, 51_088, 206_238])
    );
    assert_eq!(objs[1]["cert"]["asns"], serde_json::json!(["AS15562"]));
    assert_eq!(objs[1]["cert"]["not_after"], 1_740_594_573);
}

#[test]
fn bad_files_fail_one_line_each_others_printed() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("decode-cli");
    std::fs::create_dir_all(&dir).unwrap();
    let junk = dir.join("junk.roa");
    std::fs::write(&junk, b"not DER at all").unwrap();
    let cut = dir.join("cut.cer");
    let bytes = std::fs::read(cer()).unwrap();
    std::fs::write(&cut, &bytes[..600]).unwrap();
    let missing = dir.join("missing.asa");
    let c = cer();
    let o = rg(&[
        "decode",
        junk.to_str().unwrap(),
        &c,
        cut.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with(&format!(
            "routeguard: error: {}: cannot decode as ROA (RFC 6482): ",
            junk.display()
        )),
        "{err}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "routeguard: error: {}: cannot decode as resource certificate (RFC 6487): ",
            cut.display()
        )),
        "{err}"
    );
    assert!(
        lines[2].starts_with("routeguard: error: cannot open ") && lines[2].contains("missing.asa"),
        "{err}"
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("# decoded, not validated"));
    assert_eq!(out.matches("\ntype:").count(), 1, "{out}");
    // --kind overrides the extension.
    let o = rg(&["decode", "--kind", "aspa", &c]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr)
        .unwrap()
        .contains("cannot decode as ASPA"));
    // No file at all is a usage error.
    assert_eq!(rg(&["decode"]).status.code(), Some(2));
}
