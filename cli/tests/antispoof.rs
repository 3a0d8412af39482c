//! End-to-end tests of `routeguard antispoof` (render, audit) and of
//! `manrs check --router-config`: outputs, exit codes (0 ok, 1 findings,
//! 2 bad input) and one-line errors naming the line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_routeguard");

fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("routeguard-antispoof")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn rg(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const CUSTOMERS: &str = "# interface prefixes\n\
GigabitEthernet0/1 192.0.2.0/25 192.0.2.128/25 2001:db8:100::/48\n\
GigabitEthernet0/2 198.51.100.0/24 # comment\n";

#[test]
fn render_acl_and_urpf_from_a_customers_file() {
    let d = scratch("render");
    let c = write(&d, "customers.txt", CUSTOMERS);
    let o = rg(&[
        "antispoof",
        "render",
        "--customers",
        &c,
        "--vendor",
        "ios",
        "--acl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("ip access-list extended SAV-GigabitEthernet0_1-V4\n permit ip 192.0.2.0 0.0.0.127 any\n permit ip 192.0.2.128 0.0.0.127 any\n deny ip any any\n"), "{out}");
    assert!(
        out.contains(
            "interface GigabitEthernet0/2\n ip access-group SAV-GigabitEthernet0_2-V4 in\n!\n"
        ),
        "{out}"
    );
    let o = rg(&[
        "antispoof",
        "render",
        "--customers",
        &c,
        "--vendor",
        "ios",
        "--acl",
        "--hyper-aggregate",
        "--name",
        "CUST",
    ]);
    let out = stdout(&o);
    assert!(out.contains("ip access-list extended CUST-GigabitEthernet0_1-V4\n permit ip 192.0.2.0 0.0.0.255 any\n deny ip any any\n"), "{out}");
    let o = rg(&[
        "antispoof",
        "render",
        "--customers",
        &c,
        "--vendor",
        "junos",
        "--urpf",
        "-o",
        &d.join("u.txt").display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let u = std::fs::read_to_string(d.join("u.txt")).unwrap();
    assert_eq!(
        u,
        "set interfaces GigabitEthernet0/1 unit 0 family inet rpf-check\n\
set interfaces GigabitEthernet0/1 unit 0 family inet6 rpf-check\n\
set interfaces GigabitEthernet0/2 unit 0 family inet rpf-check\n"
    );
}

#[test]
fn render_from_irr_and_vrps_of_an_asn() {
    let d = scratch("irr");
    let irr = write(
        &d,
        "irr.db",
        "route: 203.0.113.0/25\norigin: AS64501\nsource: TEST\n\n\
route: 203.0.113.128/25\norigin: AS64501\nsource: TEST\n\n\
route6: 2001:db8:200::/48\norigin: AS64501\nsource: TEST\n\n\
route: 198.18.0.0/24\norigin: AS64502\nsource: TEST\n",
    );
    let vrps = write(
        &d,
        "vrps.csv",
        "ASN,IP Prefix,Max Length,Trust Anchor\nAS64501,192.0.2.0/24,24,ripe\n",
    );
    let o = rg(&[
        "antispoof",
        "render",
        "--asn",
        "AS64501",
        "--interface",
        "xe-0/0/1.100",
        "--irr",
        &irr,
        "--vrps",
        &vrps,
        "--vendor",
        "eos",
        "--acl",
        "--hyper-aggregate",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("ip access-list SAV-xe-0_0_1.100-V4\n   10 permit ip 192.0.2.0/24 any\n   20 permit ip 203.0.113.0/24 any\n   30 deny ip any any\n"), "{out}");
    assert!(
        out.contains("   10 permit ipv6 2001:db8:200::/48 any\n   20 permit ipv6 fe80::/10 any\n"),
        "{out}"
    );
    assert!(!out.contains("198.18"), "{out}");
    // --asn without a source of prefixes.
    let o = rg(&[
        "antispoof",
        "render",
        "--asn",
        "64501",
        "--interface",
        "eth1",
        "--vendor",
        "linux",
        "--urpf",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--irr or --vrps"), "{}", stderr(&o));
}

#[test]
fn render_errors_exit_2() {
    let d = scratch("render-errors");
    let c = write(&d, "bad.txt", "eth1 192.0.2.0/24\neth2 192.0.2.1/24\n");
    let o = rg(&[
        "antispoof",
        "render",
        "--customers",
        &c,
        "--vendor",
        "ios",
        "--urpf",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.starts_with("routeguard: error: ")
            && e.contains("line 2, column 6")
            && e.contains("host bits"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1, "{e}");
    let c = write(&d, "name.txt", "eth1;reboot 192.0.2.0/24\n");
    let o = rg(&[
        "antispoof",
        "render",
        "--customers",
        &c,
        "--vendor",
        "ios",
        "--urpf",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid interface name"),
        "{}",
        stderr(&o)
    );
    let o = rg(&[
        "antispoof",
        "render",
        "--customers",
        &c,
        "--vendor",
        "frr",
        "--urpf",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = rg(&[
        "antispoof",
        "render",
        "--customers",
        &c,
        "--vendor",
        "ios",
        "--urpf",
        "--acl",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

const JUNOS: &str = "set system host-name edge1
set interfaces xe-0/0/1 unit 100 family inet rpf-check
set interfaces xe-0/0/1 unit 100 family inet6 rpf-check mode loose
set interfaces xe-0/0/2 unit 0 family inet rpf-check
";

#[test]
fn audit_exit_codes_and_formats() {
    let d = scratch("audit");
    let cfg = write(&d, "edge1.set", JUNOS);
    let o = rg(&[
        "antispoof",
        "audit",
        "--config",
        &cfg,
        "--interfaces",
        "xe-0/0/1.100",
        "xe-0/0/2",
        "xe-0/0/9",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "xe-0/0/1.100: IPv6 uRPF is loose, not strict (line 3)\nxe-0/0/9: not in the configuration\n"
    );
    let o = rg(&[
        "antispoof",
        "audit",
        "--config",
        &cfg,
        "--vendor",
        "junos",
        "--interfaces",
        "xe-0/0/2",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["hostname"], "edge1");
    assert_eq!(v["dialect"], "junos");
    assert!(v["findings"].as_array().unwrap().is_empty());
    let o = rg(&["antispoof", "audit", "--config", &cfg, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["findings"][0]["problem"], "urpf-not-strict");
    assert_eq!(v["findings"][0]["family"], "ipv6");
    assert_eq!(v["findings"][0]["line"], 3);
    // IOS-style, guessed.
    let ios = write(
        &d,
        "edge2.cfg",
        "hostname edge2\ninterface Ethernet1\n   ip address 192.0.2.1/30\n",
    );
    let o = rg(&[
        "antispoof",
        "audit",
        "--config",
        &ios,
        "--interfaces",
        "Ethernet1",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "Ethernet1: IPv4 has no uRPF (line 3)\n");
    // Bad input.
    let bad = write(
        &d,
        "bad.set",
        "set interfaces a unit 0 family inet rpf-check mode sloppy\n",
    );
    let o = rg(&["antispoof", "audit", "--config", &bad]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 1, column 52"), "{}", stderr(&o));
    let o = rg(&["antispoof", "audit", "--config", &bad, "--vendor", "ios"]);
    assert_eq!(o.status.code(), Some(2), "set form read as IOS");
    let o = rg(&[
        "antispoof",
        "audit",
        "--config",
        &d.join("missing").display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn manrs_check_reads_router_configs() {
    let d = scratch("manrs");
    let cfg = write(&d, "edge1.set", JUNOS);
    let routes = write(&d, "routes.txt", "41.0.0.0/24 3000 1000\n");
    let arg = format!("{cfg}=xe-0/0/1.100,xe-0/0/2");
    let o = rg(&[
        "manrs",
        "check",
        "--asn",
        "AS1000",
        "--routes",
        &routes,
        "--router-config",
        &arg,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let sav: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "anti-spoofing/no-sav")
        .collect();
    assert_eq!(sav.len(), 1, "{sav:?}");
    assert!(sav[0].to_string().contains("xe-0/0/1.100"), "{}", sav[0]);
    // Strict everywhere: the action conforms.
    let arg = format!("{cfg}=xe-0/0/2");
    let o = rg(&[
        "manrs",
        "check",
        "--asn",
        "AS1000",
        "--routes",
        &routes,
        "--router-config",
        &arg,
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(!v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "anti-spoofing/no-sav"));
}
