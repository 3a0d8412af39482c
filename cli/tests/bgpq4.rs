//! `routeguard bgpq4` and `routeguard filter` end to end: the 44 upstream
//! bgpq4 reference outputs rebuilt offline from the AS112 fixtures with
//! `--dialect 1.16`; bgpq4's exits for bad command lines; `filter`'s
//! formats, RPKI, `--explain` and `--diff` exit codes.
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

const BIN: &str = env!("CARGO_BIN_EXE_routeguard");

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/filter")
        .join(name)
        .display()
        .to_string()
}

/// The AS112 world as four local sources, as scripts/irrd.sh loads it.
fn as112_irr() -> Vec<String> {
    [
        ("RIPE", "ripe.rpsl"),
        ("RIPE-NONAUTH", "ripe-nonauth.rpsl"),
        ("APNIC", "apnic.rpsl"),
        ("AFRINIC", "afrinic.rpsl"),
    ]
    .iter()
    .flat_map(|(s, f)| ["--irr".to_owned(), format!("{s}={}", fixture(f))])
    .collect()
}

fn rg(args: &[String]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("IRRD_SOURCES")
        .output()
        .unwrap()
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// One command of generate_outputs.sh: the bgpq4 arguments and the file.
fn reference_commands(script: &str) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    for line in script.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("\"${BGPQ4_PATH}\" ") else {
            continue;
        };
        let (args, file) = rest.split_once(" > ").unwrap();
        let file = file
            .trim_matches('"')
            .trim_start_matches("${OUT_DIR}/")
            .to_owned();
        let mut argv = Vec::new();
        // Only single-quoted words have spaces ('%n/%l ').
        let mut rest = args;
        while !rest.is_empty() {
            rest = rest.trim_start();
            let (word, tail) = if let Some(r) = rest.strip_prefix('\'') {
                let end = r.find('\'').unwrap();
                (r[..end].to_owned(), &r[end + 1..])
            } else {
                let end = rest.find(' ').unwrap_or(rest.len());
                (rest[..end].trim_matches('"').to_owned(), &rest[end..])
            };
            if !word.is_empty() {
                argv.push(
                    word.replace("${TEST_ASN}", "112")
                        .replace("${TEST_AS_SET}", "AS-AS112"),
                );
            }
            rest = tail;
        }
        out.push((argv, file));
    }
    out
}

#[test]
fn upstream_reference_outputs_offline() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let dir: PathBuf = dir.join("irr/bgpq4-reference");
    let script = std::fs::read_to_string(dir.join("generate_outputs.sh.txt")).unwrap();
    let cmds = reference_commands(&script);
    assert_eq!(cmds.len(), 44, "every uncommented command of the script");
    for (argv, file) in &cmds {
        let mut args = strs(&["bgpq4", "--dialect", "1.16"]);
        args.extend(as112_irr());
        args.extend(argv.iter().cloned());
        let o = rg(&args);
        let want = std::fs::read(dir.join(file)).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&want),
            "{file}: bgpq4 {}",
            argv.join(" ")
        );
        assert_eq!(o.status.code(), Some(0), "{file}");
    }
}

#[test]
fn bad_command_lines_exit_as_bgpq4_does() {
    // (arguments, exit status, start of standard error, start of stdout)
    let cases: &[(&[&str], i32, &str, &str)] = &[
        (
            &["-J", "-A", "AS112"],
            255,
            "FATAL ERROR:Sorry, aggregation (-A) does not work in Juniper prefix-lists",
            "",
        ),
        (&["-b", "-J", "AS112"], 1, "-b (BIRD), -B (OpenBGPD)", ""),
        (
            &["-Z", "AS112"],
            1,
            "bgpq4: invalid option -- 'Z'",
            "\nUsage: bgpq4",
        ),
        (
            &["-f"],
            1,
            "bgpq4: option requires an argument -- 'f'",
            "\nUsage: bgpq4",
        ),
        (
            &["-6", "-f", "112", "AS112"],
            255,
            "FATAL ERROR:Sorry, -6 makes no sense",
            "",
        ),
        (&[], 1, "", "\nUsage: bgpq4"),
    ];
    for (args, code, err, out) in cases {
        let mut a = strs(&["bgpq4", "-h", "127.0.0.1:1"]);
        a.extend(strs(args));
        let o = rg(&a);
        assert_eq!(o.status.code(), Some(*code), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).starts_with(err),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            String::from_utf8_lossy(&o.stdout).starts_with(out),
            "{args:?}"
        );
    }
    let v = rg(&strs(&["bgpq4", "-v"]));
    assert!(String::from_utf8_lossy(&v.stdout).contains("version: 1.9"));
    // Nothing listens on port 1: bgpq4's message and status.
    let o = rg(&strs(&["bgpq4", "-h", "127.0.0.1:1", "AS112"]));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "ERROR:All attempts to connect 127.0.0.1 failed, last error: Connection refused\n"
    );
}

fn filterdb() -> Vec<String> {
    strs(&["--irr", &format!("FILTERDB={}", fixture("filterdb.rpsl"))])
}

#[test]
fn filter_formats_rpki_explain_and_diff() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("routeguard-filter");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let vrps = dir.join("vrps.csv");
    std::fs::write(&vrps, "ASN,IP Prefix,Max Length,Trust Anchor\nAS3001,20.0.0.0/22,24,test\nAS3005,40.0.0.0/22,24,test\n").unwrap();
    let vrps = vrps.display().to_string();
    let run = |extra: &[&str]| {
        let mut a = strs(&["filter"]);
        a.extend(filterdb());
        a.extend(strs(extra));
        rg(&a)
    };
    // AS3003's /25s under AS3001's ROA are invalid: dropped, or tagged.
    let plain = run(&["AS-MID", "--format", "frr"]);
    assert_eq!(plain.status.code(), Some(0));
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(plain.contains("permit 20.0.0.0/25"), "{plain}");
    let rpki = run(&["AS-MID", "--format", "frr", "--vrps", &vrps]);
    let rpki_out = String::from_utf8(rpki.stdout).unwrap();
    assert!(!rpki_out.contains("20.0.0.0/25"), "{rpki_out}");
    assert!(String::from_utf8_lossy(&rpki.stderr).contains("2 RPKI-invalid"));
    let json = run(&[
        "AS-MID",
        "--format",
        "json",
        "--vrps",
        &vrps,
        "--rpki-tag",
        "--roa-as-route",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let entries = v["entries"].as_array().unwrap();
    assert!(entries
        .iter()
        .any(|e| e["prefix"] == "20.0.0.0/25" && e["rpki"] == "invalid" && e["origin"] == 3003));
    assert!(entries
        .iter()
        .any(|e| e["prefix"] == "40.0.0.0/22" && e["source"] == "roa" && e["high"] == 24));
    // --explain names the chain of sets.
    let ex = run(&["AS-TOP", "--explain"]);
    assert!(String::from_utf8_lossy(&ex.stdout).contains("AS3005  via AS-TOP > AS-MID > AS-LEAF"));
    let exj = run(&["AS-TOP", "--explain", "--format", "json"]);
    let e: serde_json::Value = serde_json::from_slice(&exj.stdout).unwrap();
    assert_eq!(e[0]["missing_sets"][0], "AS-MISSING");
    // --diff: the router's own rendering is equivalent; one line less is not.
    let ios = run(&["AS-LEAF", "--format", "ios"]);
    let router = dir.join("router.txt");
    std::fs::write(&router, &ios.stdout).unwrap();
    let same = run(&["AS-LEAF", "--diff", &router.display().to_string()]);
    assert_eq!(
        same.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&same.stdout)
    );
    let text = String::from_utf8(ios.stdout).unwrap();
    let fewer: String = text
        .lines()
        .filter(|l| !l.contains("24.0.64.0/18"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&router, fewer).unwrap();
    let differs = run(&["AS-LEAF", "--diff", &router.display().to_string()]);
    assert_eq!(differs.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&differs.stdout).contains("24.0.64.0/18"));
    // --diff-list: a whole configuration with another customer's list; the
    // full list under another name is the one compared.
    let other = run(&["AS-MID", "--format", "ios", "--name", "OTHER"]);
    let full = run(&["AS-LEAF", "--format", "ios", "--name", "LEAF"]);
    let config = [other.stdout, full.stdout].concat();
    std::fs::write(&router, &config).unwrap();
    let router_s = router.display().to_string();
    let whole = run(&["AS-LEAF", "--diff", &router_s]);
    assert_eq!(whole.status.code(), Some(1), "all lists together differ");
    let one = run(&["AS-LEAF", "--diff", &router_s, "--diff-list", "LEAF"]);
    assert_eq!(
        one.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&one.stdout)
    );
    let none = run(&["AS-LEAF", "--diff", &router_s, "--diff-list", "NOPE"]);
    assert_eq!(none.status.code(), Some(2));
    let err = String::from_utf8_lossy(&none.stderr);
    assert!(
        err.contains(r#"no prefix list named "NOPE" (the input has OTHER, LEAF)"#),
        "{err}"
    );
    // ASPAs of the filter's ASNs, merged per customer.
    let aspa_json = dir.join("vrps.json");
    std::fs::write(
        &aspa_json,
        r#"{"roas": [], "aspas": [
            {"customer_asid": 3005, "providers": [3003, 3004]},
            {"customer_asid": 3005, "providers": [3006]},
            {"customer_asid": 9999, "providers": [1]}]}"#,
    )
    .unwrap();
    let aspa_json = aspa_json.display().to_string();
    let bird = run(&["AS-MID", "--vrps", &aspa_json, "--aspa", "bird"]);
    assert_eq!(
        bird.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&bird.stderr)
    );
    let bird = String::from_utf8(bird.stdout).unwrap();
    assert!(
        bird.contains("route aspa 3005 providers 3003, 3004, 3006;"),
        "{bird}"
    );
    assert!(!bird.contains("9999"), "{bird}");
    let obgpd = run(&["AS-MID", "--vrps", &aspa_json, "--aspa", "openbgpd"]);
    let obgpd = String::from_utf8(obgpd.stdout).unwrap();
    assert!(
        obgpd.contains("customer-as 3005 provider-as { 3003, 3004, 3006 }"),
        "{obgpd}"
    );
    // No data source: a clear error, exit 2.
    let none = rg(&strs(&["filter", "AS-MID"]));
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("--irr"));
}

#[test]
fn manrs_router_filter_feeds_the_mismatch_rule() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("routeguard-router-filter");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // The router admits only one of AS3004's five /24s.
    let list = dir.join("router.txt");
    std::fs::write(&list, "ip prefix-list CUST-3004 permit 21.0.0.0/24\n").unwrap();
    let routes = dir.join("routes.txt");
    std::fs::write(&routes, "21.0.0.0/24 3004\n").unwrap();
    let mut a = strs(&["manrs", "check", "--asn", "AS3001", "--format", "json"]);
    a.extend(filterdb());
    a.extend(strs(&[
        "--routes",
        &routes.display().to_string(),
        "--router-filter",
        &format!("AS3004={}", list.display()),
    ]));
    let o = rg(&a);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    let findings = v["findings"].as_array().unwrap();
    let f = findings
        .iter()
        .find(|f| f["rule"] == "filtering/customer-filter-mismatch")
        .unwrap_or_else(|| panic!("{}", serde_json::to_string_pretty(&v).unwrap()));
    assert!(f.to_string().contains("21.0.1.0/24"), "{f}");
    // Without the flag the rule says why it was not evaluated.
    let mut b = strs(&["manrs", "check", "--asn", "AS3001", "--format", "json"]);
    b.extend(filterdb());
    b.extend(strs(&["--routes", &routes.display().to_string()]));
    let w: serde_json::Value = serde_json::from_slice(&rg(&b).stdout).unwrap();
    assert!(
        w.to_string().contains("router-filter"),
        "the not-evaluated reason names the flag"
    );
}
