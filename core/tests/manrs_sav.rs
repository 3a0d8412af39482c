//! `anti-spoofing/no-sav` with router configurations (in the style of
//! tests/manrs.rs): the uRPF read from a Junos or IOS-style configuration
//! overrides the facts file's declared mode, the configuration's customer
//! interfaces are audited on their own, and without either input the rule
//! is not evaluated.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use routeguard::dataset::{Dataset, DatasetBuilder, Input};
use routeguard::manrs::{
    self, Action, Operator, Options, Outcome, Report, RouteFilter, RouteTable, RouterConfig, Rule,
};
use routeguard::parse::device::{parse_device_config, ConfigDialect};
use routeguard::{AsPath, Asn};

const OP: u32 = 1000;

fn run(b: DatasetBuilder, op: &Operator) -> Report {
    let ds: Dataset = b.build().unwrap();
    let mut t = RouteTable::new(RouteFilter::through(&[Asn::new(OP)]));
    t.announce(
        "41.0.0.0/24".parse().unwrap(),
        &AsPath::parse("3000 1000").unwrap(),
        None,
        None,
    );
    manrs::check(&ds, op, &t.finish(), &Options::default()).unwrap()
}

fn fired(r: &Report) -> Vec<String> {
    assert!(
        matches!(r.outcome(Rule::NoSav), Some(Outcome::Evaluated { .. })),
        "{:?}",
        r.outcome(Rule::NoSav)
    );
    r.findings_of(Rule::NoSav)
        .map(|f| f.subject.to_string())
        .collect()
}

const JUNOS: &str = "set system host-name edge1
set interfaces xe-0/0/1 unit 0 family inet rpf-check
set interfaces xe-0/0/1 unit 0 family inet6 rpf-check
set interfaces xe-0/0/2 unit 0 family inet rpf-check mode loose
set interfaces xe-0/0/3 unit 0 family inet address 40.0.0.1/30
set interfaces xe-0/0/4 unit 0 family inet rpf-check
set interfaces xe-0/0/4 unit 0 family inet6 address 2001:db8::1/64
set interfaces xe-0/0/5 unit 0 family inet rpf-check
";

const IOS: &str = "hostname edge2
interface GigabitEthernet0/1
 ip address 40.1.0.1 255.255.255.252
 ip verify unicast source reachable-via rx
interface GigabitEthernet0/2
 ip address 40.1.0.5 255.255.255.252
 ip verify unicast source reachable-via any
";

fn junos(customer: &[&str]) -> RouterConfig {
    let cfg = parse_device_config(JUNOS.as_bytes(), ConfigDialect::Junos).unwrap();
    RouterConfig::new(cfg, customer.iter().map(|s| s.to_string()))
}

#[test]
fn configuration_overrides_the_declared_mode() {
    // The facts say strict for xe-0/0/2 and none for xe-0/0/1; edge1's
    // configuration says loose and strict.
    let facts = r#"{"interfaces": [
      {"name": "xe-0/0/1", "device": "edge1", "customer_asn": 2000, "single_homed": true, "urpf": "none"},
      {"name": "xe-0/0/2", "device": "edge1", "customer_asn": 2200, "single_homed": true, "urpf": "strict"},
      {"name": "xe-0/0/3", "device": "edge1", "single_homed": true, "urpf": "none",
       "acl": ["40.0.0.0/24"], "prefixes": ["40.0.0.0/24"]},
      {"name": "xe-0/0/9", "device": "other", "single_homed": true, "urpf": "strict"}
    ]}"#;
    let b = Dataset::builder().sav_facts(Input::text("facts.json", facts));
    let r = run(b, &Operator::new([Asn::new(OP)]).with_router(junos(&[])));
    assert_eq!(fired(&r), ["edge1 xe-0/0/2"]);
    let f = r.findings_of(Rule::NoSav).next().unwrap();
    assert_eq!(f.asn, Some(Asn::new(2200)));
    assert_eq!(
        f.evidence[0],
        "single-homed, uRPF from the configuration of edge1: IPv4 loose (line 4)"
    );
    assert_eq!(
        r.action(Action::AntiSpoofing).unwrap().conformant,
        Some(false)
    );
}

#[test]
fn configuration_interfaces_are_audited() {
    let ios = parse_device_config(IOS.as_bytes(), ConfigDialect::Ios).unwrap();
    let op = Operator::new([Asn::new(OP)])
        .with_router(junos(&[
            "xe-0/0/1", "xe-0/0/3", "xe-0/0/4", "xe-0/0/5", "xe-0/0/7",
        ]))
        .with_router(
            RouterConfig::new(
                ios,
                ["GigabitEthernet0/1".into(), "GigabitEthernet0/2".into()],
            )
            .with_device("edge2.ams"),
        );
    let r = run(Dataset::builder(), &op);
    assert_eq!(
        fired(&r),
        [
            "edge1 xe-0/0/3.0",
            "edge1 xe-0/0/4.0",
            "edge1 xe-0/0/7",
            "edge2.ams GigabitEthernet0/2",
        ]
    );
    let ev: Vec<&Vec<String>> = r.findings_of(Rule::NoSav).map(|f| &f.evidence).collect();
    assert_eq!(
        ev[0][1],
        "configuration of edge1: xe-0/0/3.0: IPv4 has no uRPF (line 5)"
    );
    assert_eq!(
        ev[1][1],
        "configuration of edge1: xe-0/0/4.0: IPv6 has no uRPF (line 7)"
    );
    assert_eq!(ev[2][1], "not in the configuration of edge1");
    assert_eq!(
        ev[3][1],
        "configuration of edge2.ams: GigabitEthernet0/2: IPv4 uRPF is loose, not strict (line 7)"
    );
    // All strict: nothing fires, the action conforms.
    let op = Operator::new([Asn::new(OP)]).with_router(junos(&["xe-0/0/1", "xe-0/0/5"]));
    let r = run(Dataset::builder(), &op);
    assert!(fired(&r).is_empty());
    assert_eq!(
        r.action(Action::AntiSpoofing).unwrap().conformant,
        Some(true)
    );
}

#[test]
fn facts_and_configuration_judge_an_interface_once() {
    let facts = r#"{"interfaces": [
      {"name": "xe-0/0/2", "single_homed": true, "urpf": "strict"}
    ]}"#;
    let b = Dataset::builder().sav_facts(Input::text("facts.json", facts));
    // No device in the facts and one router: that router's configuration.
    let r = run(
        b,
        &Operator::new([Asn::new(OP)]).with_router(junos(&["xe-0/0/2"])),
    );
    assert_eq!(fired(&r), ["xe-0/0/2"]);
}

#[test]
fn not_evaluated_without_facts_or_configurations() {
    let r = run(Dataset::builder(), &Operator::new([Asn::new(OP)]));
    match r.outcome(Rule::NoSav) {
        Some(Outcome::NotEvaluated { reason }) => {
            assert!(reason.contains("--router-config"), "{reason}")
        }
        o => panic!("{o:?}"),
    }
}
