//! End-to-end tests of the `routeguard` binary: fixtures in `tests/fixtures/`
//! and, when the shared data is present, a full table against a full snapshot.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../core/tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use routeguard::validate::rov::origin_state;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_routeguard");

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("routeguard-cli")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary with `args`, feeding `stdin`.
fn rg(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn routeguard");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        // The binary may exit early (errors) and close its end.
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Asserts a successful run and returns its stdout.
fn ok(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    stdout(o)
}

/// Asserts exit status 2 with exactly one `routeguard: error:` line; returns it.
fn fails(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(2),
        "stdout: {} stderr: {}",
        stdout(o),
        stderr(o)
    );
    let err = stderr(o);
    assert_eq!(
        err.lines().count(),
        1,
        "one error line expected, got {err:?}"
    );
    assert!(err.starts_with("routeguard: error: "), "{err:?}");
    assert!(!err.contains("panicked"), "{err:?}");
    err
}

fn routes() -> Vec<u8> {
    std::fs::read(fixture("routes.txt")).unwrap()
}

/// Expected CSV for `routes.txt` against `vrps.csv`.
const EXPECTED: &str = "\
192.0.2.0/24,AS64500,valid
192.0.2.0/24,AS64501,invalid,as
192.0.2.0/25,AS64500,invalid,length
198.51.100.0/24,AS64501,valid
198.51.100.0/24,AS64502,valid
198.51.100.0/24,AS64999,invalid,as
198.51.101.0/24,AS64501,valid
203.0.113.0/24,AS0,invalid,as
203.0.113.0/24,,invalid,as
2001:db8:1::/48,AS64503,valid
2001:db8::/49,AS64503,invalid,length
8.8.8.0/24,AS15169,not-found
2001:db9::/32,AS1,not-found
100.64.1.0/24,AS64599,not-found
";

// ---------------------------------------------------------------- validate

#[test]
fn single_query_text_lists_covering_vrps() {
    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &fixture("vrps.csv"),
            "192.0.2.0/25",
            "AS64500",
        ],
        b"",
    ));
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("192.0.2.0/25"), "{out}");
    assert!(
        first.contains("AS64500") && first.ends_with("invalid (length)"),
        "{out}"
    );
    assert!(out.contains("192.0.2.0/24 max 24"), "{out}");
    assert!(out.contains("ta ripe"), "{out}");

    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &fixture("vrps.csv"),
            "198.51.100.0/24",
            "64502",
        ],
        b"",
    ));
    assert!(out.lines().next().unwrap().ends_with("valid"), "{out}");
    assert!(out.contains("matching VRPs"), "{out}");
    assert!(
        out.contains("198.51.100.0/24 max 24") && out.contains("AS64502"),
        "{out}"
    );
    // Only the matching VRP is listed for a valid route.
    assert!(!out.contains("198.51.100.0/22"), "{out}");

    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &fixture("vrps.csv"),
            "8.8.8.0/24",
            "15169",
        ],
        b"",
    ));
    assert!(
        out.contains("not-found") && out.contains("no VRP covers"),
        "{out}"
    );
}

#[test]
fn single_query_csv_and_json() {
    let vrps = fixture("vrps.csv");
    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &vrps,
            "--format",
            "csv",
            "192.0.2.0/24",
            "AS64501",
        ],
        b"",
    ));
    assert_eq!(out, "192.0.2.0/24,AS64501,invalid,as\n");
    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &vrps,
            "--format",
            "csv",
            "--header",
            "192.0.2.0/24",
            "64500",
        ],
        b"",
    ));
    assert_eq!(
        out,
        "prefix,origin,state,reason\n192.0.2.0/24,AS64500,valid\n"
    );

    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &vrps,
            "--format",
            "json",
            "198.51.100.0/24",
            "64999",
        ],
        b"",
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["prefix"], "198.51.100.0/24");
    assert_eq!(v["origin"], "AS64999");
    assert_eq!(v["state"], "invalid");
    assert_eq!(v["reason"], "as");
    let covering = v["covering"].as_array().unwrap();
    assert_eq!(covering.len(), 2, "{out}");
    let mut asns: Vec<&str> = covering
        .iter()
        .map(|c| c["asn"].as_str().unwrap())
        .collect();
    asns.sort_unstable();
    assert_eq!(asns, ["AS64501", "AS64502"]);
    for c in covering {
        assert_eq!(c["ta"], "arin");
        assert_eq!(c["maxLength"], 24);
    }

    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &vrps,
            "--format",
            "json",
            "8.8.8.0/24",
            "1",
        ],
        b"",
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["state"], "not-found");
    assert_eq!(v["reason"], Value::Null);
    assert_eq!(v["covering"], Value::Array(vec![]));
}

#[test]
fn single_query_as_path_origin() {
    let vrps = fixture("vrps.csv");
    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &vrps,
            "--format",
            "csv",
            "192.0.2.0/24",
            "64496",
            "64500",
        ],
        b"",
    ));
    assert_eq!(out, "192.0.2.0/24,AS64500,valid\n");
    // A final AS_SET gives no origin: covered, so invalid.
    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &vrps,
            "--format",
            "csv",
            "192.0.2.0/24",
            "64496",
            "{64500,64501}",
        ],
        b"",
    ));
    assert_eq!(out, "192.0.2.0/24,,invalid,as\n");
}

#[test]
fn bulk_csv_in_input_order() {
    let out = ok(&rg(
        &["validate", "--vrps", &fixture("vrps.csv")],
        &routes(),
    ));
    assert_eq!(out, EXPECTED);
    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &fixture("vrps.csv"),
            "--format",
            "csv",
            "--header",
        ],
        &routes(),
    ));
    assert_eq!(out, format!("prefix,origin,state,reason\n{EXPECTED}"));
}

#[test]
fn bulk_separators_each() {
    let vrps = fixture("vrps.csv");
    for input in [
        "192.0.2.0/24 64500\n",
        "192.0.2.0/24\t64500\n",
        "192.0.2.0/24,64500\n",
        "192.0.2.0/24 , AS64500\r\n",
        "192.0.2.0/24 as64500",
        "192.0.2.0/24 0.64500\n",
    ] {
        let out = ok(&rg(&["validate", "--vrps", &vrps], input.as_bytes()));
        assert_eq!(out, "192.0.2.0/24,AS64500,valid\n", "input {input:?}");
    }
    // Empty input, comments only: no output.
    assert_eq!(ok(&rg(&["validate", "--vrps", &vrps], b"")), "");
    assert_eq!(
        ok(&rg(&["validate", "--vrps", &vrps], b"# nothing\n\n")),
        ""
    );
}

#[test]
fn bulk_json_array() {
    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &fixture("vrps.csv"),
            "--format",
            "json",
        ],
        &routes(),
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    let items = v.as_array().unwrap();
    let expected: Vec<&str> = EXPECTED.lines().collect();
    assert_eq!(items.len(), expected.len());
    for (item, line) in items.iter().zip(expected) {
        let cols: Vec<&str> = line.split(',').collect();
        assert_eq!(item["prefix"], cols[0]);
        if cols[1].is_empty() {
            assert_eq!(item["origin"], Value::Null);
        } else {
            assert_eq!(item["origin"], cols[1]);
        }
        assert_eq!(item["state"], cols[2]);
        match cols.get(3) {
            Some(r) => assert_eq!(item["reason"], *r),
            None => assert_eq!(item["reason"], Value::Null),
        }
        let covering = item["covering"].as_array().unwrap();
        assert_eq!(covering.is_empty(), cols[2] == "not-found", "{item}");
    }
    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &fixture("vrps.csv"),
            "--format",
            "json",
        ],
        b"",
    ));
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap(),
        Value::Array(vec![])
    );
}

#[test]
fn bulk_text_aligned() {
    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &fixture("vrps.csv"),
            "--format",
            "text",
            "--header",
        ],
        &routes(),
    ));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + EXPECTED.lines().count());
    assert!(
        lines[0].starts_with("PREFIX") && lines[0].ends_with("STATE"),
        "{out}"
    );
    let col = lines[0].find("STATE").unwrap();
    for (line, exp) in lines[1..].iter().zip(EXPECTED.lines()) {
        let state = exp.split(',').nth(2).unwrap();
        assert_eq!(line.get(col..col + state.len()), Some(state), "{line:?}");
    }
    assert!(lines[2].ends_with("invalid (as)"), "{out}");
    assert!(lines[9].contains("(none)"), "{out}");
}

#[test]
fn rpki_client_json_gives_same_results() {
    let json = fixture("vrps-rpki-client.json");
    assert_eq!(ok(&rg(&["validate", "--vrps", &json], &routes())), EXPECTED);
    assert_eq!(
        ok(&rg(
            &["validate", "--vrps", &json, "--input-format", "json"],
            &routes()
        )),
        EXPECTED
    );
}

#[test]
fn compressed_vrp_files() {
    let dir = scratch("compressed_vrp_files");
    let raw = std::fs::read(fixture("vrps-rpki-client.json")).unwrap();
    let gz = dir.join("vrps.json.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&raw).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let bz = dir.join("vrps.json.bz2");
    let mut enc = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
    enc.write_all(&raw).unwrap();
    let bz_bytes = enc.finish().unwrap();
    std::fs::write(&bz, &bz_bytes).unwrap();
    // Without the extension, the magic bytes tell.
    let noext = dir.join("vrps-bz2-data");
    std::fs::write(&noext, &bz_bytes).unwrap();
    for p in [&gz, &bz, &noext] {
        let out = ok(&rg(
            &["validate", "--vrps", &p.display().to_string()],
            &routes(),
        ));
        assert_eq!(out, EXPECTED, "{}", p.display());
    }
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

#[test]
fn compressed_inputs_are_recognised_by_content_not_name() {
    let dir = scratch("compressed_inputs_by_content");
    let raw = std::fs::read(fixture("vrps-rpki-client.json")).unwrap();
    // gzip named .json; two gzip members; bzip2 named .gz; plain named .bz2.
    let gz_json = dir.join("vrps.json");
    std::fs::write(&gz_json, gzip(&raw)).unwrap();
    let members = dir.join("members.json");
    let (a, b) = raw.split_at(raw.len() / 2);
    std::fs::write(&members, [gzip(a), gzip(b)].concat()).unwrap();
    let bz_gz = dir.join("vrps.json.gz");
    let mut enc = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
    enc.write_all(&raw).unwrap();
    std::fs::write(&bz_gz, enc.finish().unwrap()).unwrap();
    let plain_bz = dir.join("vrps.json.bz2");
    std::fs::write(&plain_bz, &raw).unwrap();
    for p in [&gz_json, &members, &bz_gz, &plain_bz] {
        let out = ok(&rg(
            &["validate", "--vrps", &p.display().to_string()],
            &routes(),
        ));
        assert_eq!(out, EXPECTED, "{}", p.display());
    }
    // Standard input, gzip-compressed.
    let out = ok(&rg(
        &["vrps", "stats", "--input", "-", "--format", "json"],
        &gzip(&raw),
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    let direct: Value = serde_json::from_str(&ok(&rg(
        &[
            "vrps",
            "stats",
            "--input",
            &fixture("vrps-rpki-client.json"),
            "--format",
            "json",
        ],
        b"",
    )))
    .unwrap();
    assert_eq!(v, direct);
    // A streamed IRR dump, gzip-compressed under a plain name.
    let ripe = std::fs::read(irr_fixture("ripe.rpsl")).unwrap();
    let dump = dir.join("ripe.db");
    std::fs::write(&dump, gzip(&ripe)).unwrap();
    let text = ok(&rg(
        &[
            "irr",
            "stats",
            "--irr",
            &dump.display().to_string(),
            "--format",
            "json",
        ],
        b"",
    ));
    let direct = ok(&rg(
        &[
            "irr",
            "stats",
            "--irr",
            &irr_fixture("ripe.rpsl"),
            "--format",
            "json",
        ],
        b"",
    ));
    assert_eq!(text, direct);
    assert!(text.contains("\"route\""), "{text}");
    // Truncated gzip: one error line naming the file and the compression,
    // for whole reads and streamed dumps alike.
    let bad = dir.join("bad.json");
    let full = gzip(&raw);
    std::fs::write(&bad, &full[..full.len() / 2]).unwrap();
    let shown = bad.display().to_string();
    let err = fails(&rg(
        &["validate", "--vrps", &shown, "192.0.2.0/24", "1"],
        b"",
    ));
    assert!(
        err.contains(&format!("{shown}: invalid gzip data")),
        "{err}"
    );
    let bad_dump = dir.join("bad.db");
    let full = gzip(&ripe);
    std::fs::write(&bad_dump, &full[..full.len() / 2]).unwrap();
    let shown = bad_dump.display().to_string();
    let err = fails(&rg(&["irr", "stats", "--irr", &shown], b""));
    assert!(
        err.contains(&format!("{shown}: invalid gzip data")),
        "{err}"
    );
}

#[test]
fn slurm_is_applied() {
    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            &fixture("vrps.csv"),
            "--slurm",
            &fixture("slurm.json"),
        ],
        &routes(),
    ));
    let expected = EXPECTED
        .replace(
            "198.51.100.0/24,AS64502,valid",
            "198.51.100.0/24,AS64502,invalid,as",
        )
        .replace(
            "100.64.1.0/24,AS64599,not-found",
            "100.64.1.0/24,AS64599,valid",
        );
    assert_eq!(out, expected);
}

#[test]
fn fail_on_invalid_exit_status() {
    let vrps = fixture("vrps.csv");
    let o = rg(
        &["validate", "--vrps", &vrps, "--fail-on-invalid"],
        &routes(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), EXPECTED);
    let o = rg(
        &["validate", "--vrps", &vrps, "--fail-on-invalid"],
        b"192.0.2.0/24 64500\n8.8.8.0/24 1\n",
    );
    assert_eq!(o.status.code(), Some(0));
    let o = rg(
        &[
            "validate",
            "--vrps",
            &vrps,
            "--fail-on-invalid",
            "192.0.2.0/24",
            "1",
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    // Without the flag, invalid routes are a result, not a failure.
    assert_eq!(
        rg(&["validate", "--vrps", &vrps, "192.0.2.0/24", "1"], b"")
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn bad_route_line_is_an_error_with_its_line_number() {
    let vrps = fixture("vrps.csv");
    let input = b"192.0.2.0/24 64500\n# comment\n192.0.2.1/24 64500\n8.8.8.0/24 1\n";
    let o = rg(&["validate", "--vrps", &vrps], input);
    let err = fails(&o);
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("host bits"), "{err}");
    // Routes before the bad line were written.
    assert_eq!(stdout(&o), "192.0.2.0/24,AS64500,valid\n");

    for (input, what) in [
        (&b"192.0.2.0/24\n"[..], "missing origin"),
        (b"192.0.2.0/24 ASX\n", "invalid AS number"),
        (b"192.0.2.0/24 4294967296\n", "invalid AS number"),
        (b"300.0.0.0/8 1\n", "invalid prefix"),
        (b"192.0.2.0/24 1 {2\n", "invalid AS path"),
        (b"192.0.2.0/24 \xff\n", "UTF-8"),
    ] {
        let err = fails(&rg(&["validate", "--vrps", &vrps], input));
        assert!(err.contains("<stdin>: line 1: "), "{err}");
        assert!(err.contains(what), "{err} should mention {what}");
    }

    // An endless line is refused, not buffered.
    let mut long = b"192.0.2.0/24 64500\n".to_vec();
    long.extend(std::iter::repeat_n(b'1', (1 << 20) + 10));
    let o = rg(&["validate", "--vrps", &vrps], &long);
    let err = fails(&o);
    assert!(err.contains("line 2: longer than"), "{err}");
    assert_eq!(stdout(&o), "192.0.2.0/24,AS64500,valid\n");

    // --relaxed clears host bits instead.
    let out = ok(&rg(
        &["validate", "--vrps", &vrps, "--relaxed"],
        b"192.0.2.1/24 64500\n192.0.2.1 64500\n",
    ));
    assert_eq!(
        out,
        "192.0.2.0/24,AS64500,valid\n192.0.2.1/32,AS64500,invalid,length\n"
    );
}

#[test]
fn lenient_skips_bad_lines_with_warnings() {
    let vrps = fixture("vrps.csv");
    let input = b"192.0.2.0/24 64500\nbogus\n192.0.2.1/24 64500\n8.8.8.0/24 1\n";
    let o = rg(&["validate", "--vrps", &vrps, "--lenient"], input);
    assert_eq!(
        ok(&o),
        "192.0.2.0/24,AS64500,valid\n8.8.8.0/24,AS1,not-found\n"
    );
    let err = stderr(&o);
    assert!(err.contains("warning: <stdin>: line 2"), "{err}");
    assert!(err.contains("warning: <stdin>: line 3"), "{err}");
    assert!(err.contains("skipped 2 bad line(s)"), "{err}");
    // --quiet silences the warnings.
    let o = rg(&["-q", "validate", "--vrps", &vrps, "--lenient"], input);
    assert_eq!(
        ok(&o),
        "192.0.2.0/24,AS64500,valid\n8.8.8.0/24,AS1,not-found\n"
    );
    assert_eq!(stderr(&o), "");
}

#[test]
fn single_query_errors() {
    let vrps = fixture("vrps.csv");
    let err = fails(&rg(
        &["validate", "--vrps", &vrps, "192.0.2.1/24", "64500"],
        b"",
    ));
    assert!(err.contains("host bits"), "{err}");
    let err = fails(&rg(
        &["validate", "--vrps", &vrps, "192.0.2.0/24", "x"],
        b"",
    ));
    assert!(err.contains("invalid AS number"), "{err}");
    // The query is checked before the VRP file is read.
    let err = fails(&rg(
        &[
            "validate",
            "--vrps",
            "/nonexistent/vrps.json",
            "192.0.2.0/24",
            "x",
        ],
        b"",
    ));
    assert!(err.contains("invalid AS number"), "{err}");
}

#[test]
fn missing_and_malformed_vrp_files() {
    let err = fails(&rg(
        &[
            "validate",
            "--vrps",
            "/nonexistent/vrps.json",
            "192.0.2.0/24",
            "1",
        ],
        b"",
    ));
    assert!(err.contains("/nonexistent/vrps.json"), "{err}");
    let err = fails(&rg(
        &["vrps", "stats", "--input", "/nonexistent/x.csv"],
        b"",
    ));
    assert!(err.contains("cannot open /nonexistent/x.csv"), "{err}");
    let err = fails(&rg(
        &[
            "validate",
            "--vrps",
            &fixture("vrps.csv"),
            "--slurm",
            "/nonexistent/s.json",
        ],
        b"",
    ));
    assert!(err.contains("/nonexistent/s.json"), "{err}");

    let dir = scratch("missing_and_malformed_vrp_files");
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "ASN,IP Prefix,Max Length,Trust Anchor\nAS1,192.0.2.0/24,24,ripe\nAS2,192.0.2.0/24,99,ripe\n")
        .unwrap();
    let bad = bad.display().to_string();
    let err = fails(&rg(&["validate", "--vrps", &bad, "192.0.2.0/24", "1"], b""));
    assert!(err.contains("bad.csv") && err.contains("line 3"), "{err}");
    let err = fails(&rg(
        &["vrps", "convert", "--input", &bad, "--to", "json"],
        b"",
    ));
    assert!(err.contains("line 3"), "{err}");
    // Lenient loading skips the record, with a warning.
    let o = rg(
        &[
            "vrps",
            "stats",
            "--input",
            &bad,
            "--lenient",
            "--format",
            "json",
        ],
        b"",
    );
    let v: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(v["vrps"], 1);
    assert_eq!(v["skipped"], 1);
    assert!(stderr(&o).contains("line 3"), "{}", stderr(&o));

    let bad_slurm = dir.join("slurm.json");
    std::fs::write(
        &bad_slurm,
        "{\n  \"slurmVersion\": 1,\n  \"validationOutputFilters\": [\n",
    )
    .unwrap();
    fails(&rg(
        &[
            "validate",
            "--vrps",
            &fixture("vrps.csv"),
            "--slurm",
            &bad_slurm.display().to_string(),
        ],
        b"",
    ));

    let garbage = dir.join("garbage.bin");
    std::fs::write(&garbage, [0u8, 159, 146, 150, 1, 2, 3]).unwrap();
    fails(&rg(
        &["vrps", "stats", "--input", &garbage.display().to_string()],
        b"",
    ));
}

#[test]
fn vrps_from_stdin() {
    let csv = std::fs::read(fixture("vrps.csv")).unwrap();
    let out = ok(&rg(
        &[
            "validate",
            "--vrps",
            "-",
            "--format",
            "csv",
            "192.0.2.0/24",
            "64500",
        ],
        &csv,
    ));
    assert_eq!(out, "192.0.2.0/24,AS64500,valid\n");
    // Routes and VRPs cannot both come from stdin.
    let err = fails(&rg(&["validate", "--vrps", "-"], &csv));
    assert!(err.contains("stdin"), "{err}");
    let v: Value = serde_json::from_str(&ok(&rg(
        &["vrps", "stats", "--input", "-", "--format", "json"],
        &csv,
    )))
    .unwrap();
    assert_eq!(v["vrps"], 6);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["validate"][..],
        &["validate", "--vrps", "x", "192.0.2.0/24"][..],
        &["validate", "--vrps", "x", "--format", "xml"][..],
        &["vrps", "convert", "--input", "x", "--to", "bird3"][..],
        &["vrps", "stats"][..],
        &["vrps", "stats", "--input", "x", "--input-format", "yaml"][..],
        &["frobnicate"][..],
    ] {
        let o = rg(args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"));
    }
    let help = ok(&rg(&["--help"], b""));
    assert!(help.contains("Exit status"), "{help}");
    let help = ok(&rg(&["validate", "--help"], b""));
    assert!(help.contains("prefix,origin,state[,reason]"), "{help}");
    assert!(help.contains("--fail-on-invalid"), "{help}");
}

// ---------------------------------------------------------------- vrps

fn stats_json(path: &str, extra: &[&str]) -> Value {
    let mut args = vec!["vrps", "stats", "--input", path, "--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&ok(&rg(&args, b""))).unwrap()
}

#[test]
fn stats_of_fixtures() {
    let v = stats_json(&fixture("vrps-rpki-client.json"), &[]);
    assert_eq!(v["format"], "json");
    assert_eq!(v["vrps"], 6);
    assert_eq!(v["uniqueVrps"], 6);
    assert_eq!(v["ipv4"], 4);
    assert_eq!(v["ipv6"], 2);
    assert_eq!(v["as0"], 1);
    assert_eq!(v["aspas"], 2);
    assert_eq!(v["aspaProviders"], 4);
    assert_eq!(v["routerKeys"], 1);
    assert_eq!(
        v["trustAnchors"],
        serde_json::json!({"apnic": 1, "arin": 2, "lacnic": 1, "ripe": 2})
    );

    let v = stats_json(&fixture("vrps.csv"), &[]);
    assert_eq!(v["format"], "csv");
    assert_eq!(v["vrps"], 6);
    assert_eq!(v["aspas"], 0);

    let v = stats_json(&fixture("vrps.csv"), &["--slurm", &fixture("slurm.json")]);
    assert_eq!(v["vrps"], 6, "one filtered, one asserted");
    assert_eq!(v["as0"], 1);

    let text = ok(&rg(
        &[
            "vrps",
            "stats",
            "--input",
            &fixture("vrps-rpki-client.json"),
        ],
        b"",
    ));
    for needle in [
        "format          json",
        "vrps            6",
        "  ipv4          4",
        "  ipv6          2",
        "  as0           1",
        "  arin          2",
        "aspas           2",
        "  providers     4",
        "router keys     1",
        "generated       2025-07-20T09:31:33Z",
    ] {
        assert!(text.contains(needle), "{needle:?} in\n{text}");
    }
}

#[test]
fn convert_round_trips_every_format() {
    let dir = scratch("convert_round_trips_every_format");
    let src = fixture("vrps-rpki-client.json");
    let base = stats_json(&src, &[]);
    for to in [
        "csv",
        "json",
        "rpki-client-json",
        "openbgpd",
        "bird2",
        "snapshot",
    ] {
        let path = dir.join(format!("out.{to}"));
        let p = path.display().to_string();
        let o = rg(
            &[
                "vrps", "convert", "--input", &src, "--to", to, "--output", &p,
            ],
            b"",
        );
        assert_eq!(ok(&o), "", "{to}: --output leaves stdout empty");
        // The same bytes go to stdout without --output.
        let piped = rg(&["vrps", "convert", "--input", &src, "--to", to], b"");
        assert_eq!(piped.stdout, std::fs::read(&path).unwrap(), "{to}");

        let back = stats_json(&p, &[]);
        for key in ["vrps", "uniqueVrps", "ipv4", "ipv6", "as0"] {
            assert_eq!(back[key], base[key], "{to}: {key}");
        }
        if matches!(to, "csv" | "json" | "rpki-client-json" | "snapshot") {
            assert_eq!(back["trustAnchors"], base["trustAnchors"], "{to}");
        }
        if matches!(to, "json" | "rpki-client-json" | "openbgpd" | "snapshot") {
            for key in ["aspas", "aspaProviders"] {
                assert_eq!(back[key], base[key], "{to}: {key}");
            }
        }
        if matches!(to, "json" | "rpki-client-json" | "snapshot") {
            assert_eq!(back["routerKeys"], base["routerKeys"], "{to}");
        }
        if to == "snapshot" {
            // Lossless: the snapshot converts to the very bytes its source does.
            assert_eq!(back["format"], "snapshot");
            let direct = rg(
                &[
                    "vrps",
                    "convert",
                    "--input",
                    &src,
                    "--to",
                    "rpki-client-json",
                ],
                b"",
            );
            let via = rg(
                &["vrps", "convert", "--input", &p, "--to", "rpki-client-json"],
                b"",
            );
            assert_eq!(stdout(&via), stdout(&direct));
        }
        // Validation results survive the trip through this format.
        assert_eq!(
            ok(&rg(&["validate", "--vrps", &p], &routes())),
            EXPECTED,
            "{to}"
        );

        // And back to rpki-client JSON.
        let again = dir.join(format!("again-from-{to}.json"));
        ok(&rg(
            &[
                "vrps",
                "convert",
                "--input",
                &p,
                "--to",
                "rpki-client-json",
                "--output",
                &again.display().to_string(),
            ],
            b"",
        ));
        let again = stats_json(&again.display().to_string(), &[]);
        for key in ["vrps", "ipv4", "ipv6", "as0"] {
            assert_eq!(again[key], base[key], "{to} -> rpki-client-json: {key}");
        }
    }
}

#[test]
fn convert_writes_compressed_output_and_applies_slurm() {
    let dir = scratch("convert_writes_compressed_output");
    for name in ["out.csv.gz", "out.csv.bz2"] {
        let p = dir.join(name).display().to_string();
        ok(&rg(
            &[
                "vrps",
                "convert",
                "--input",
                &fixture("vrps.csv"),
                "--to",
                "csv",
                "--slurm",
                &fixture("slurm.json"),
                "--output",
                &p,
            ],
            b"",
        ));
        let raw = std::fs::read(&p).unwrap();
        assert!(
            raw.starts_with(&[0x1f, 0x8b]) || raw.starts_with(b"BZh"),
            "{name} is compressed"
        );
        let v = stats_json(&p, &[]);
        assert_eq!(v["vrps"], 6);
        let out = ok(&rg(
            &[
                "validate",
                "--vrps",
                &p,
                "--format",
                "csv",
                "100.64.0.0/24",
                "64599",
            ],
            b"",
        ));
        assert_eq!(out, "100.64.0.0/24,AS64599,valid\n", "{name}");
    }
    let csv = ok(&rg(
        &[
            "vrps",
            "convert",
            "--input",
            &fixture("vrps-rpki-client.json"),
            "--to",
            "csv",
        ],
        b"",
    ));
    assert!(
        csv.starts_with("ASN,IP Prefix,Max Length,Trust Anchor\n"),
        "{csv}"
    );
    assert!(csv.contains("AS64500,192.0.2.0/24,24,ripe\n"), "{csv}");
}

// ---------------------------------------------------------------- real data

/// The pfx2as table as `prefix origin` lines: one route per MOAS origin
/// (`a_b`), AS-set origins (`a,b`) skipped.
fn pfx2as_routes(raw: &[u8]) -> (Vec<u8>, usize) {
    let text = std::str::from_utf8(raw).unwrap();
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 2);
    let mut n = 0;
    for line in text.lines().filter(|l| !l.is_empty()) {
        let mut f = line.split('\t');
        let (addr, len, asns) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
        for asn in asns.split('_').filter(|a| !a.contains(',')) {
            writeln!(out, "{addr}/{len} {asn}").unwrap();
            n += 1;
        }
    }
    (out, n)
}

#[test]
fn full_table_against_full_snapshot() {
    let Some(table) = common::read_data("bgp/pfx2as/routeviews-rv2-20240406.pfx2as.gz") else {
        return;
    };
    let snapshot_rel = "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2";
    let Some(snapshot) = common::data_file(snapshot_rel) else {
        return;
    };
    let (routes, count) = pfx2as_routes(&table);
    assert!(count > 998_000, "{count} routes");
    let dir = scratch("full_table_against_full_snapshot");
    let input = dir.join("routes.txt");
    std::fs::write(&input, &routes).unwrap();

    let started = Instant::now();
    let out = Command::new(BIN)
        .args([
            "-q",
            "validate",
            "--vrps",
            &snapshot.display().to_string(),
            "--format",
            "csv",
        ])
        .stdin(std::fs::File::open(&input).unwrap())
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), count);

    let mut tally = std::collections::BTreeMap::<&str, usize>::new();
    for l in &lines {
        *tally.entry(l.split(',').nth(2).unwrap_or("?")).or_default() += 1;
    }
    eprintln!(
        "routeguard validate: {count} routes against the full snapshot in {:.2} s ({} build): {tally:?}",
        elapsed.as_secs_f64(),
        if cfg!(debug_assertions) { "debug" } else { "release" },
    );
    assert!(
        tally.get("valid").copied().unwrap_or(0) > 400_000,
        "{tally:?}"
    );
    assert!(
        tally.get("invalid").copied().unwrap_or(0) > 1_000,
        "{tally:?}"
    );
    assert!(
        tally.get("not-found").copied().unwrap_or(0) > 100_000,
        "{tally:?}"
    );

    // A sample of the states agree with the library's index, built in-test.
    let loaded = routeguard::parse::load(
        &common::read_data(snapshot_rel).unwrap(),
        &routeguard::LoadOptions::default(),
    )
    .unwrap();
    let index = routeguard::RovIndex::new(&loaded.set.vrps);
    let inputs: Vec<&str> = std::str::from_utf8(&routes).unwrap().lines().collect();
    let mut checked = 0;
    for (i, (input, line)) in inputs.iter().zip(&lines).enumerate() {
        if i % 499 != 0 {
            continue;
        }
        let (prefix, origin) = input.split_once(' ').unwrap();
        let prefix = routeguard::Prefix::parse(prefix).unwrap();
        let origin = routeguard::Asn::parse(origin).unwrap();
        let (state, reason) = origin_state(&index, &prefix, Some(origin));
        let mut expected = format!("{prefix},{origin},{state}");
        if let Some(r) = reason {
            expected = format!("{expected},{r}");
        }
        assert_eq!(*line, expected, "route {}: {input}", i + 1);
        checked += 1;
    }
    assert!(checked > 1_900);
}

#[test]
fn lenient_accepts_a_slurm_file_that_breaks_rfc8416() {
    // No bgpsecFilters / bgpsecAssertions: RFC 8416 requires both members
    // (StayRTR's own test file omits them). Strict fails; --lenient applies it.
    let dir = std::env::temp_dir().join(format!("rg-cli-slurm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let slurm = dir.join("partial-slurm.json");
    std::fs::write(
        &slurm,
        r#"{
  "slurmVersion": 1,
  "validationOutputFilters": { "prefixFilters": [ { "asn": 64502 } ] },
  "locallyAddedAssertions": {
    "prefixAssertions": [ { "asn": 64599, "prefix": "100.64.1.0/24" } ]
  }
}"#,
    )
    .unwrap();
    let slurm = slurm.display().to_string();
    let vrps = fixture("vrps.csv");
    let err = fails(&rg(
        &["validate", "--vrps", &vrps, "--slurm", &slurm],
        &routes(),
    ));
    assert!(err.contains("partial-slurm.json: line 3"), "{err}");
    let o = rg(
        &["validate", "--vrps", &vrps, "--slurm", &slurm, "--lenient"],
        &routes(),
    );
    let expected = EXPECTED
        .replace(
            "198.51.100.0/24,AS64502,valid",
            "198.51.100.0/24,AS64502,invalid,as",
        )
        .replace(
            "100.64.1.0/24,AS64599,not-found",
            "100.64.1.0/24,AS64599,valid",
        );
    assert_eq!(ok(&o), expected);
    assert!(stderr(&o).contains("warning: "), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}

// ---------------------------------------------------------------- irr

fn irr_fixture(name: &str) -> String {
    fixture(&format!("irr/{name}"))
}

/// The 1-based line of the first line of `path` containing `needle`.
fn line_of(path: &str, needle: &str) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn irr_stats_counts_classes_and_skipped_objects() {
    let ripe = irr_fixture("ripe.rpsl");
    let radb = irr_fixture("radb.rpsl");
    let o = rg(
        &["irr", "stats", "--irr", &ripe, &radb, "--format", "json"],
        b"",
    );
    let v: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(v["objects"], 9, "{v}");
    assert_eq!(v["errors"], 1);
    assert_eq!(v["classes"]["route"], 4);
    assert_eq!(v["classes"]["route6"], 1);
    assert_eq!(v["classes"]["aut-num"], 1);
    assert_eq!(v["classes"]["as-set"], 2);
    assert_eq!(v["classes"]["mntner"], 1);
    assert_eq!(
        v.as_object().unwrap().len(),
        3,
        "only objects, classes, errors"
    );
    // The bad object is reported with the line of its bad value on stderr.
    let bad = line_of(&ripe, "origin:         not-an-asn");
    assert!(
        stderr(&o).contains(&format!("line {bad}")),
        "{}",
        stderr(&o)
    );
    // Text output lists sources in order of preference.
    let text = ok(&rg(&["irr", "stats", "--irr", &radb, "--irr", &ripe], b""));
    let radb_at = text.find("RADB").unwrap();
    let ripe_at = text.find("RIPE ").unwrap();
    assert!(radb_at < ripe_at, "{text}");
}

#[test]
fn irr_strict_fails_on_the_bad_object_with_its_line() {
    let ripe = irr_fixture("ripe.rpsl");
    let o = rg(&["irr", "stats", "--strict", "--irr", &ripe], b"");
    let msg = fails(&o);
    let bad = line_of(&ripe, "origin:         not-an-asn");
    let start = line_of(&ripe, "203.0.113.0/24");
    assert!(
        msg.contains(&format!("line {bad}")) || msg.contains(&format!("line {start}")),
        "{msg}"
    );
    assert!(msg.contains("ripe.rpsl"), "{msg}");
}

#[test]
fn irr_check_single_query_each_status() {
    let ripe = irr_fixture("ripe.rpsl");
    let radb = irr_fixture("radb.rpsl");
    let check = |route: &[&str]| -> Value {
        let mut args = vec![
            "irr", "check", "--irr", &ripe, "--irr", &radb, "--format", "json",
        ];
        args.extend_from_slice(route);
        serde_json::from_str(&ok(&rg(&args, b""))).unwrap()
    };
    let v = check(&["192.0.2.0/24", "AS64500"]);
    assert_eq!(v["status"], "valid");
    assert_eq!(v["sources"]["RIPE"], "valid");
    assert_eq!(v["sources"]["RADB"], "invalid-origin");
    assert_eq!(v["objects"].as_array().unwrap().len(), 2);
    let v = check(&["192.0.2.0/25", "64500"]);
    assert_eq!(v["status"], "covered");
    let v = check(&["192.0.2.128/25", "AS64500"]);
    assert_eq!(v["status"], "valid");
    assert_eq!(v["sources"]["RIPE"], "covered");
    assert_eq!(v["sources"]["RADB"], "valid");
    let v = check(&["192.0.2.0/24", "AS64999"]);
    assert_eq!(v["status"], "invalid-origin");
    let codes: Vec<&str> = v["advice"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"no-route-object-matches-origin"), "{v}");
    let v = check(&["10.0.0.0/8", "AS64500"]);
    assert_eq!(v["status"], "not-found");
    let v = check(&["2001:db8:1::/48", "AS64500"]);
    assert_eq!(v["status"], "covered");
    // The route after greedy --irr values, and text output.
    let text = ok(&rg(
        &[
            "irr",
            "check",
            "--irr",
            &ripe,
            &radb,
            "192.0.2.0/24",
            "AS64511",
        ],
        b"",
    ));
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("192.0.2.0/24") && first.ends_with("valid"),
        "{text}"
    );
    assert!(text.contains("RADB             valid"), "{text}");
    assert!(text.contains("RIPE             invalid-origin"), "{text}");
}

#[test]
fn irr_check_stdin_csv_in_order_with_forced_sources_and_rpki() {
    let ripe = irr_fixture("ripe.rpsl");
    let radb = irr_fixture("radb.rpsl");
    let input = b"192.0.2.0/24 AS64500\n# comment\n\n10.0.0.0/8,64500\n192.0.2.0/24 64496 64511\n198.51.100.0/24 AS64502\n";
    let forced_ripe = format!("MINE={ripe}");
    let out = ok(&rg(
        &[
            "irr",
            "check",
            "--irr",
            &forced_ripe,
            "--irr",
            &radb,
            "--header",
        ],
        input,
    ));
    assert_eq!(
        out,
        "prefix,origin,status\n\
         192.0.2.0/24,AS64500,valid\n\
         10.0.0.0/8,AS64500,not-found\n\
         192.0.2.0/24,AS64511,valid\n\
         198.51.100.0/24,AS64502,invalid-origin\n"
    );
    // The forced source name is what JSON reports.
    let v: Value = serde_json::from_str(&ok(&rg(
        &["irr", "check", "--irr", &forced_ripe, "--format", "json"],
        b"192.0.2.0/24 AS64500\n",
    )))
    .unwrap();
    assert_eq!(v[0]["sources"]["MINE"], "valid", "{v}");
    // With --vrps a fourth column gives the RPKI state.
    let vrps = fixture("vrps.csv");
    let out = ok(&rg(
        &["irr", "check", "--irr", &ripe, "--vrps", &vrps],
        b"192.0.2.0/24 AS64500\n",
    ));
    let fields: Vec<&str> = out.trim_end().split(',').collect();
    assert_eq!(fields.len(), 4, "{out}");
    assert!(
        ["valid", "invalid", "not-found"].contains(&fields[3]),
        "{out}"
    );
    // A bad line is an error with its line number; --lenient-input skips it.
    let msg = fails(&rg(
        &["irr", "check", "-q", "--irr", &ripe],
        b"192.0.2.0/24 AS64500\nbogus\n",
    ));
    assert!(msg.contains("line 2"), "{msg}");
    let out = ok(&rg(
        &["irr", "check", "-q", "--irr", &ripe, "--lenient-input"],
        b"bogus\n192.0.2.0/24 AS64500\n",
    ));
    assert_eq!(out, "192.0.2.0/24,AS64500,valid\n");
}

#[test]
fn irr_check_agrees_with_validate_rpki_column() {
    // The rpki column must equal what `validate` says for the same route.
    let ripe = irr_fixture("ripe.rpsl");
    let vrps = fixture("vrps.csv");
    let routes = b"192.0.2.0/24 AS64500\n198.51.100.0/24 AS64501\n10.0.0.0/8 AS1\n";
    let irr = ok(&rg(
        &["irr", "check", "--irr", &ripe, "--vrps", &vrps],
        routes,
    ));
    let rov = ok(&rg(&["validate", "--vrps", &vrps], routes));
    for (a, b) in irr.lines().zip(rov.lines()) {
        let a: Vec<&str> = a.split(',').collect();
        let b: Vec<&str> = b.split(',').collect();
        assert_eq!(a[3], b[2], "{irr} vs {rov}");
    }
}

#[test]
fn irr_show_as_set_prefix_and_missing() {
    let ripe = irr_fixture("ripe.rpsl");
    let radb = irr_fixture("radb.rpsl");
    let out = ok(&rg(
        &["irr", "show", "--irr", &ripe, "as64500:as-customers"],
        b"",
    ));
    assert!(
        out.contains("as-set:         AS64500:AS-CUSTOMERS"),
        "{out}"
    );
    assert!(out.contains("AS64501 AS64502 AS64503"), "{out}");
    let out = ok(&rg(
        &["irr", "show", "--irr", &ripe, "--irr", &radb, "AS64500"],
        b"",
    ));
    assert!(out.contains("aut-num:        AS64500"), "{out}");
    assert!(out.contains("192.0.2.128/25"), "{out}");
    let v: Value = serde_json::from_str(&ok(&rg(
        &[
            "irr",
            "show",
            "--irr",
            &ripe,
            &radb,
            "--format",
            "json",
            "192.0.2.0/24",
        ],
        b"",
    )))
    .unwrap();
    let objects = v["objects"].as_array().unwrap();
    assert_eq!(objects.len(), 2, "{v}");
    assert!(objects.iter().any(|o| o["source"] == "RADB"));
    let o = rg(&["irr", "show", "--irr", &ripe, "AS-NOPE"], b"");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn irr_stats_of_the_dn42_registry() {
    let Some(path) = common::data_file("irr/dn42/dn42-registry.rpsl") else {
        return;
    };
    let path = path.display().to_string();
    let v: Value = serde_json::from_str(&ok(&rg(
        &["irr", "stats", "--irr", &path, "--format", "json"],
        b"",
    )))
    .unwrap();
    // 15,716 objects, one of which (an inetnum whose range runs backwards,
    // 172.23.161.64 - 172.23.159.96) is skipped as bad.
    assert_eq!(v["objects"], 15_715);
    assert_eq!(v["errors"], 1);
    assert_eq!(v["classes"]["inetnum"], 2_681);
    assert_eq!(v["classes"]["route"], 2_311);
    assert_eq!(v["classes"]["route6"], 2_132);
    assert_eq!(v["classes"]["aut-num"], 2_981);
}

/// Debian's `whois` client's answer to `q`.
fn whois_command(addr: &str, q: &str) -> Option<Vec<u8>> {
    let (host, port) = addr.rsplit_once(':')?;
    let out = Command::new("whois")
        .args(["-h", host, "-p", port, "--", q])
        .output()
        .ok()?;
    Some(out.stdout)
}

#[test]
fn irr_whois_prints_answers_and_exit_codes() {
    let Some(addr) = common::irrd_addr() else {
        return;
    };
    let sorted = |s: &str| {
        let mut w: Vec<String> = s.split_whitespace().map(str::to_owned).collect();
        w.sort();
        w
    };
    // Each answer's data without the framing; the whois command shows it framed.
    for q in ["!gAS65001", "!iAS-A,1", "!6AS65001"] {
        let ours = ok(&rg(&["irr", "whois", "--host", &addr, q], b""));
        let theirs = String::from_utf8(whois_command(&addr, q).expect("whois command")).unwrap();
        let data = theirs.lines().nth(1).unwrap_or("");
        assert_eq!(sorted(&ours), sorted(data), "{q}");
    }
    let ripe = "-s OTHERDB -T as-set AS65000:AS-CUST";
    let ours = ok(&rg(&["irr", "whois", "--host", &addr, ripe], b""));
    assert!(ours.contains("as-set:         AS65000:AS-CUST"), "{ours}");
    // Pipelined: answers in query order.
    let out = ok(&rg(
        &["irr", "whois", "--host", &addr, "!gAS65001", "!iAS-C"],
        b"",
    ));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].contains("192.0.2.0/24") && lines[1].contains("AS65003"),
        "{out}"
    );
    // D (key not found) and C (no data) → 1; F → 2.
    let o = rg(&["irr", "whois", "--host", &addr, "!gAS65099"], b"");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = rg(&["irr", "whois", "--host", &addr, "!iAS-NOPE"], b"");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = rg(&["irr", "whois", "--host", &addr, "!xbogus"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("!xbogus"), "{}", stderr(&o));
    // --idle-timeout is sent as !t: IRRd takes 1000 (and 0 sends nothing),
    // refuses 1001, and the refusal fails the command.
    for (t, accepted) in [("1000", true), ("0", true), ("1001", false)] {
        let o = rg(
            &["irr", "whois", "--host", &addr, "--idle-timeout", t, "!v"],
            b"",
        );
        if accepted {
            assert!(ok(&o).contains("IRRd -- version"), "{}", stderr(&o));
        } else {
            assert!(fails(&o).contains("Invalid value for timeout"), "{t}");
        }
    }
}

#[test]
fn irr_whois_connection_errors_exit_2() {
    // Nothing listens on a just-closed port.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let host = format!("127.0.0.1:{port}");
    let o = rg(
        &["irr", "whois", "--host", &host, "--timeout", "2", "!v"],
        b"",
    );
    let msg = fails(&o);
    assert!(msg.contains("connect"), "{msg}");
}

// ------------------------------------------------------- aspa verify, path

/// The AS letters of the NIST ASPA examples (A = AS65000 … G = AS65060),
/// whose ASPAs the `path/aspa.*` fixtures hold in three formats.
fn nist(path: &str) -> String {
    path.split_whitespace()
        .map(|l| {
            let i = u32::from(l.as_bytes()[0] - b'A');
            (65000 + 10 * i).to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn aspa_verify_upstream_table_in_every_format() {
    // Table 1 of the NIST examples: path (leftmost the neighbour) → result.
    let table = [
        ("F C A", "valid"),
        ("D C A", "invalid"),
        ("D F C A", "unknown"),
        ("D E B", "unknown"),
        ("A D E B", "invalid"),
        ("A D G E B", "invalid"),
        ("A C F", "invalid"),
        ("A C F G", "invalid"),
        ("E B", "valid"),
    ];
    let input: String = table.iter().map(|(p, _)| nist(p) + "\n").collect();
    let expected: String = table.iter().map(|(_, r)| format!("{r}\n")).collect();
    for file in ["aspa.json", "aspa.openbgpd", "aspa-slurm.json"] {
        let f = fixture(&format!("path/{file}"));
        let out = ok(&rg(
            &["aspa", "verify", "--aspa", &f, "--direction", "upstream"],
            input.as_bytes(),
        ));
        assert_eq!(out, expected, "{file}");
    }
}

#[test]
fn aspa_verify_downstream_explains_the_ramps() {
    let f = fixture("path/aspa.json");
    let input = format!("{}\n{}\n", nist("E G F C A"), nist("E G D C A"));
    let out = ok(&rg(
        &[
            "aspa",
            "verify",
            "--aspa",
            &f,
            "--direction",
            "downstream",
            "--explain",
        ],
        input.as_bytes(),
    ));
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0][0], "unknown");
    assert_eq!(
        lines[0][1],
        "N=5 max_up_ramp=4 min_up_ramp=3 max_down_ramp=2 min_down_ramp=1"
    );
    assert_eq!(lines[1][0], "invalid");
    assert_eq!(
        lines[1][1],
        "N=5 max_up_ramp=2 min_up_ramp=2 max_down_ramp=2 min_down_ramp=1"
    );
    assert!(lines[1][2].contains("not-provider+"), "{}", lines[1][2]);
}

#[test]
fn aspa_verify_single_path_neighbor_and_errors() {
    let f = fixture("path/aspa.json");
    let path = nist("F C A");
    let args = |extra: &[&str]| {
        let mut v = vec!["aspa", "verify", "--aspa", f.as_str()];
        if !extra.contains(&"--direction") {
            v.extend_from_slice(&["--direction", "upstream"]);
        }
        v.extend_from_slice(extra);
        v.iter().map(|s| s.to_string()).collect::<Vec<String>>()
    };
    let run = |a: Vec<String>| rg(&a.iter().map(String::as_str).collect::<Vec<_>>(), b"");
    // The path as one argument or as several.
    assert_eq!(ok(&run(args(&[&path]))), "valid\n");
    let words: Vec<&str> = path.split(' ').collect();
    assert_eq!(ok(&run(args(&words))), "valid\n");
    // The neighbour must be the leftmost AS.
    assert_eq!(ok(&run(args(&["--neighbor", "AS65050", &path]))), "valid\n");
    assert_eq!(ok(&run(args(&["--neighbor", "65030", &path]))), "invalid\n");
    // At an RS-client the route server (here AS65030, transparent) is the
    // neighbour but not in the path: no neighbour check.
    assert_eq!(
        ok(&run(args(&[
            "--neighbor",
            "65030",
            "--role",
            "rs-client",
            &path
        ]))),
        "valid\n"
    );
    assert_eq!(
        ok(&run(args(&[
            "--neighbor",
            "65030",
            "--role",
            "peer",
            &path
        ]))),
        "invalid\n"
    );
    // AS_SET and the empty path are invalid.
    assert_eq!(ok(&run(args(&["65050 {65020,65000}"]))), "invalid\n");
    let out = ok(&rg(
        &["aspa", "verify", "--aspa", &f, "--direction", "upstream"],
        b"# comment\n\n65050 65020 65000\n",
    ));
    assert_eq!(out, "invalid\nvalid\n");
    // A bad path names its line.
    let err = fails(&rg(
        &["aspa", "verify", "--aspa", &f, "--direction", "upstream"],
        b"65050 65000\n65050 x\n",
    ));
    assert!(err.contains("line 2"), "{err}");
    // clap reports a bad value (exit 2, its own multi-line message).
    let o = run(args(&["--direction", "sideways", &path]));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown direction \"sideways\""));
}

/// Route lines over the NIST topology, each with what `path check` says
/// with all data given: rov, aspa, bogon, leak.
const PATH_ROUTES: &str = "\
8.8.8.0/24 65050 65020 65000
8.8.8.0/24 65050 65030 65020 65000
8.8.4.0/24 65050 65020 65000
8.8.8.0/25 65050 65020 65000
10.1.0.0/16 65050 65020 65000
1.2.3.0/24 65050 {65020,65000}
TABLE_DUMP2|1277971199|B|203.0.113.9|65050|9.9.9.0/24|65050 65020 65020 65000|IGP|203.0.113.9|0|0||NAG||
TABLE_DUMP2|1277971199|W|203.0.113.9|65050|9.9.9.0/24
";

#[test]
fn path_check_columns() {
    let aspa = fixture("path/aspa.json");
    let asrel = fixture("path/asrel.txt");
    let out = ok(&rg(
        &[
            "path", "check", "--vrps", &aspa, "--aspa", &aspa, "--asrel", &asrel, "--header",
        ],
        PATH_ROUTES.as_bytes(),
    ));
    assert_eq!(
        out,
        "prefix,path,rov,aspa,bogon,leak
8.8.8.0/24,65050 65020 65000,valid,valid,bogon-asn,ok
8.8.8.0/24,65050 65030 65020 65000,valid,invalid,bogon-asn,leak
8.8.4.0/24,65050 65020 65000,not-found,valid,bogon-asn,ok
8.8.8.0/25,65050 65020 65000,invalid,valid,bogon-asn,ok
10.1.0.0/16,65050 65020 65000,not-found,valid,bogon-prefix,ok
1.2.3.0/24,\"65050 {65020,65000}\",not-found,invalid,bogon-asn,ok
9.9.9.0/24,65050 65020 65020 65000,not-found,valid,bogon-asn,ok
"
    );
    // Without data, only the bogon column is filled.
    let out = ok(&rg(&["path", "check"], PATH_ROUTES.as_bytes()));
    let first = out.lines().next().unwrap();
    assert_eq!(first, "8.8.8.0/24,65050 65020 65000,-,-,bogon-asn,-");
    assert_eq!(out.lines().count(), 7);
}

#[test]
fn path_check_bogon_options_and_lists() {
    let routes = "1.1.1.0/24 3356 13335\n1.1.1.0/25 3356 13335\n0.0.0.0/0 3356\n1.1.1.0/24 3356 13335 13335 13335 13335\n";
    let out = ok(&rg(&["path", "check"], routes.as_bytes()));
    let bogon: Vec<&str> = out.lines().map(|l| l.split(',').nth(4).unwrap()).collect();
    assert_eq!(bogon, ["ok", "too-specific", "default-route", "ok"]);
    let out = ok(&rg(
        &[
            "path",
            "check",
            "--max-v4-len",
            "25",
            "--allow-default",
            "--max-path-len",
            "4",
        ],
        routes.as_bytes(),
    ));
    let bogon: Vec<&str> = out.lines().map(|l| l.split(',').nth(4).unwrap()).collect();
    assert_eq!(bogon, ["ok", "ok", "ok", "long-path"]);
    // A user list (Team Cymru format) adds bogon prefixes.
    let dir = scratch("path_check_bogon_lists");
    let list = dir.join("fullbogons.txt");
    std::fs::write(&list, "# test list\n1.1.0.0/16\n").unwrap();
    let out = ok(&rg(
        &[
            "path",
            "check",
            "--format",
            "json",
            "--bogons",
            list.to_str().unwrap(),
        ],
        routes.as_bytes(),
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["bogon"]["reason"], "bogon-prefix");
    assert_eq!(v[0]["bogon"]["list"], "fullbogons.txt");
    assert_eq!(v[0]["rov"], Value::Null);
    // A bad list names its file and line.
    std::fs::write(&list, "1.1.0.0/16\nnot-a-prefix\n").unwrap();
    let err = fails(&rg(
        &["path", "check", "--bogons", list.to_str().unwrap()],
        routes.as_bytes(),
    ));
    assert!(
        err.contains("fullbogons.txt") && err.contains("line 2"),
        "{err}"
    );
}

/// 3ffe::/16, the former 6bone (RFC 3701), is on the bogon lists operators
/// copy (NLNOG, OpenBSD) and a bogon prefix here too.
#[test]
fn path_check_former_6bone_is_bogon() {
    let out = ok(&rg(&["path", "check"], b"3ffe::/16 3356 3320\n"));
    assert_eq!(out.trim_end(), "3ffe::/16,3356 3320,-,-,bogon-prefix,-");
    let out = ok(&rg(
        &["path", "check", "--format", "json"],
        b"3ffe::/16 3356 3320\n3ffe:1234::/32 3356 3320\n",
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    for r in [&v[0], &v[1]] {
        assert_eq!(r["bogon"]["reason"], "bogon-prefix");
        assert_eq!(
            r["bogon"]["entry"],
            "3ffe::/16 Former 6bone (returned) (RFC 3701)"
        );
    }
}

#[test]
fn path_check_json_names_leaks() {
    let asrel = fixture("path/asrel.txt");
    let out = ok(&rg(
        &["path", "check", "--asrel", &asrel, "--format", "json"],
        b"8.8.8.0/24 65050 65030 65020 65000\n",
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    let row = &v[0];
    assert_eq!(row["leak"], "leak");
    // AS65030 learned the route from its peer AS65020 and sent it to its
    // provider AS65050: RFC 7908 type 4.
    assert_eq!(
        row["leaks"],
        serde_json::json!([{"leaker": "AS65030", "type": 4, "learnedFrom": "AS65020", "sentTo": "AS65050"}])
    );
    assert_eq!(row["aspa"], Value::Null);
}

#[test]
fn path_check_bad_line_and_lenient() {
    let input = b"8.8.8.0/24 65050 65000\n8.8.8.0/24 65050 x\n8.8.4.0/24 65050\n";
    let err = fails(&rg(&["path", "check"], input));
    assert!(err.contains("<stdin>: line 2"), "{err}");
    let o = rg(&["path", "check", "--lenient"], input);
    let out = ok(&o);
    assert_eq!(out.lines().count(), 2);
    assert!(stderr(&o).contains("line 2"), "{}", stderr(&o));
}

/// Runs the binary on a file as stdin; returns stdout lines.
fn rg_file(args: &[&str], input: &Path) -> Vec<String> {
    let out = Command::new(BIN)
        .args(args)
        .stdin(std::fs::File::open(input).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn path_check_ris_table_agrees_with_validate_and_aspa_verify() {
    let Some(table) = common::read_data(common::RIS) else {
        return;
    };
    let snapshot = "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2";
    let (Some(vrps), Some(asrel)) = (
        common::data_file(snapshot),
        common::data_file("asrel/20180101.as-rel.txt.xz"),
    ) else {
        return;
    };
    let (vrps, asrel) = (vrps.display().to_string(), asrel.display().to_string());
    let dir = scratch("path_check_ris_table");
    let input = dir.join("ris.txt");
    std::fs::write(&input, &table).unwrap();
    let rows = rg_file(
        &[
            "-q", "path", "check", "--vrps", &vrps, "--aspa", &vrps, "--asrel", &asrel,
        ],
        &input,
    );
    assert_eq!(rows.len(), 641_957);

    // Split each row: prefix, path (maybe quoted), then the four words.
    let split = |row: &str| -> (String, String, Vec<String>) {
        let (prefix, rest) = row.split_once(',').unwrap();
        let (path, words) = match rest.strip_prefix('"') {
            Some(q) => {
                let (p, w) = q.split_once("\",").unwrap();
                (p.to_owned(), w)
            }
            None => {
                let (p, w) = rest.split_once(',').unwrap();
                (p.to_owned(), w)
            }
        };
        (
            prefix.to_owned(),
            path,
            words.split(',').map(str::to_owned).collect(),
        )
    };
    let parsed: Vec<_> = rows.iter().map(|r| split(r)).collect();
    let mut tally = std::collections::BTreeMap::<(usize, String), usize>::new();
    for (_, _, words) in &parsed {
        assert_eq!(words.len(), 4);
        for (i, w) in words.iter().enumerate() {
            *tally.entry((i, w.clone())).or_default() += 1;
        }
    }
    // Every column has a verdict from its own vocabulary, never `-`.
    let vocab = [
        &["valid", "invalid", "not-found"][..],
        &["valid", "invalid", "unknown"][..],
        &[
            "ok",
            "bogon-prefix",
            "bogon-asn",
            "too-specific",
            "default-route",
            "long-path",
        ][..],
        &["ok", "leak", "unknown"][..],
    ];
    for ((col, word), n) in &tally {
        assert!(
            vocab[*col].contains(&word.as_str()),
            "column {col}: {word} ×{n}"
        );
    }
    // The 2010 table against 2025 ASPAs and 2018 relationships: each
    // outcome occurs.
    for (col, word) in [
        (1, "valid"),
        (1, "invalid"),
        (3, "leak"),
        (3, "ok"),
        (2, "too-specific"),
    ] {
        assert!(tally.contains_key(&(col, word.to_owned())), "{col} {word}");
    }

    // The rov column is what `validate` says for the same routes (it needs
    // an origin: the one route with an empty path has none, so it can only
    // be invalid or not-found).
    let with_path: Vec<_> = parsed
        .iter()
        .filter(|(_, path, _)| !path.is_empty())
        .collect();
    assert_eq!(parsed.len() - with_path.len(), 1);
    for (_, path, words) in &parsed {
        if path.is_empty() {
            assert_ne!(words[0], "valid");
        }
    }
    let routes: String = with_path
        .iter()
        .map(|(prefix, path, _)| format!("{prefix} {path}\n"))
        .collect();
    let routes_file = dir.join("routes.txt");
    std::fs::write(&routes_file, routes).unwrap();
    let states = rg_file(
        &["-q", "validate", "--vrps", &vrps, "--format", "csv"],
        &routes_file,
    );
    assert_eq!(states.len(), with_path.len());
    for (state, (_, _, words)) in states.iter().zip(&with_path) {
        assert_eq!(state.split(',').nth(2).unwrap(), words[0], "{state}");
    }

    // The aspa column is what `aspa verify` says for the paths (the RIS
    // peers are the paths' leftmost ASes, so the neighbour check passes).
    let paths: String = parsed
        .iter()
        .map(|(_, path, _)| format!("{path}\n"))
        .collect();
    let paths_file = dir.join("paths.txt");
    std::fs::write(&paths_file, paths).unwrap();
    let verdicts = rg_file(
        &[
            "-q",
            "aspa",
            "verify",
            "--aspa",
            &vrps,
            "--direction",
            "upstream",
        ],
        &paths_file,
    );
    assert_eq!(verdicts.len(), parsed.len());
    for (v, (_, path, words)) in verdicts.iter().zip(&parsed) {
        assert_eq!(v, &words[1], "{path}");
    }
}

/// A file of the example world of `manrs check` (examples/manrs).
fn world(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/manrs")
        .join(name)
        .display()
        .to_string()
}

fn manrs_world_args(format: &str) -> Vec<String> {
    let mut v: Vec<String> = [
        "manrs", "check", "--asn", "AS1000", "--format", format, "--routes",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    v.push(world("routes.txt"));
    for (opt, file) in [
        ("--vrps", "vrps.json"),
        ("--irr", "irr.rpsl"),
        ("--asrel", "asrel.txt"),
        ("--peeringdb", "peeringdb-net.json"),
        ("--peeringdb", "peeringdb-poc.json"),
        ("--facts", "facts.json"),
        ("--spoofer", "spoofer.csv"),
    ] {
        v.push(opt.to_owned());
        v.push(world(file));
    }
    v
}

#[test]
fn manrs_check_the_example_world() {
    let args = manrs_world_args("json");
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = rg(&argv, b"");
    // Not conformant: exit 1, the report on stdout.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["schema"], "routeguard-manrs/1");
    assert_eq!(v["conformant"], false);
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for r in [
        "filtering/own-rpki-invalid",
        "filtering/customer-rpki-invalid",
        "filtering/customer-unregistered",
        "filtering/customer-bogon",
        "filtering/customer-aspa-invalid",
        "filtering/route-leak",
        "anti-spoofing/spoofer-leak",
        "anti-spoofing/no-sav",
        "coordination/no-peeringdb-contact",
        "global-validation/irr-missing",
        "global-validation/roa-missing",
        "global-validation/aut-num-no-policy",
        "global-validation/as-set-missing-customer",
        "global-validation/roa-loose-maxlength",
        "global-validation/no-aspa",
    ] {
        assert!(rules.contains(&r), "{r} missing from {rules:?}");
    }
    let leak = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "filtering/route-leak")
        .unwrap();
    assert_eq!(leak["prefix"], "19.0.0.0/24");
    assert_eq!(leak["asn"], "AS4100");
    assert_eq!(v["metrics"]["m7irr"], 0.8);
    // Two incidents of the invalid own route: 20 minutes (0.5) and 2 days 2 hours (3).
    let inc = v["metrics"]["incidents"].as_array().unwrap();
    let own = inc
        .iter()
        .find(|i| i["rule"] == "filtering/own-rpki-invalid")
        .unwrap();
    assert_eq!(
        (own["count"].as_u64(), own["score"].as_f64()),
        (Some(2), Some(3.5))
    );
}

#[test]
fn manrs_check_formats_output_and_remedies() {
    let dir = scratch("manrs_formats");
    for format in ["text", "markdown", "html"] {
        let out = dir.join(format!("report.{format}"));
        let mut args = manrs_world_args(format);
        args.extend(["--output".to_owned(), out.display().to_string()]);
        if format == "text" {
            args.extend([
                "--remedy".to_owned(),
                dir.join("remedy").display().to_string(),
            ]);
        }
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = rg(&argv, b"");
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stdout(&o).is_empty());
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("filtering/route-leak"), "{format}");
    }
    let route_objects = std::fs::read_to_string(dir.join("remedy/route-objects.rpsl")).unwrap();
    assert!(route_objects.contains("13.0.0.0/24"), "{route_objects}");
    let roas = std::fs::read_to_string(dir.join("remedy/roas.csv")).unwrap();
    assert!(roas.contains("AS1000,12.0.0.0/24,24"), "{roas}");
    // The suggested ROAs load back as VRPs.
    let o = rg(
        &[
            "vrps",
            "stats",
            "--input",
            &dir.join("remedy/roas.slurm.json").display().to_string(),
        ],
        b"",
    );
    ok(&o);
}

#[test]
fn manrs_check_conformant_network_exits_zero() {
    // AS2000 of the example world: its one route is RPKI valid and registered.
    let o = rg(
        &[
            "manrs",
            "check",
            "--asn",
            "2000",
            "--routes",
            &world("routes.txt"),
            "--vrps",
            &world("vrps.json"),
            "--irr",
            &world("irr.rpsl"),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("conformant"));
}

#[test]
fn manrs_bad_input_exits_two_naming_file_and_position() {
    let dir = scratch("manrs_bad");
    let bad = dir.join("net.json");
    std::fs::write(&bad, "{\"data\": [\n  {\"id\": 1,,}\n]}\n").unwrap();
    let o = rg(
        &[
            "manrs",
            "check",
            "--asn",
            "1000",
            "--routes",
            &world("routes.txt"),
            "--peeringdb",
            &bad.display().to_string(),
        ],
        b"",
    );
    let e = fails(&o);
    assert!(e.contains("net.json: line 2, column"), "{e}");
    // An unknown ASN syntax is a usage error.
    let o = rg(
        &[
            "manrs",
            "check",
            "--asn",
            "AS10x",
            "--routes",
            &world("routes.txt"),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("AS10x"));
    // A bad route line names its line; the message appears once.
    let routes = dir.join("routes.txt");
    std::fs::write(&routes, "11.0.0.0/16 3000 1000\n11.0.0.1/16 3000 1000\n").unwrap();
    let o = rg(
        &[
            "manrs",
            "check",
            "--asn",
            "1000",
            "--routes",
            &routes.display().to_string(),
        ],
        b"",
    );
    let e = fails(&o);
    assert!(e.contains("routes.txt: line 2"), "{e}");
    assert_eq!(e.matches("host bits").count(), 1, "{e}");
}

#[test]
fn manrs_observatory_rows_and_mrt() {
    let o = rg(
        &[
            "manrs",
            "observatory",
            "--routes",
            &world("routes.txt"),
            "--vrps",
            &world("vrps.json"),
            "--asrel",
            &world("asrel.txt"),
        ],
        b"",
    );
    let csv = ok(&o);
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), "asn,routes,m7irr,m7rpki,rpki_valid,rpki_invalid,rpki_not_found,irr_registered,m3,m4,caida_action1,caida_action4");
    let row = lines.find(|l| l.starts_with("1000,")).unwrap();
    assert_eq!(row, "1000,5,,0,3,1,1,,0,0,false,false");
    // MRT updates read the same as their bgpdump text (real data).
    let (Some(mrt), Some(text)) = (
        common::data_file("bgp/mrt/updates.20160811.1600.mrt.gz"),
        common::data_file("bgp/text/updates.20160811.1600.bgpdump-m.txt.gz"),
    ) else {
        return;
    };
    let a = ok(&rg(
        &[
            "manrs",
            "observatory",
            "--format",
            "json",
            "--routes",
            &mrt.display().to_string(),
        ],
        b"",
    ));
    let b = ok(&rg(
        &[
            "manrs",
            "observatory",
            "--format",
            "json",
            "--routes",
            &text.display().to_string(),
        ],
        b"",
    ));
    assert_eq!(a, b);
    assert_eq!(
        a.lines().count(),
        317 + 2,
        "317 origin ASes in five minutes of updates"
    );
}
