//! `filtering/customer-filter-mismatch`: prefix lists taken from routers
//! (any format routeguard reads) against the lists the customers' IRR
//! route objects call for; it fires on a difference in accepted routes,
//! not on a difference in writing, and is not evaluated without its data.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use routeguard::dataset::{Dataset, Input};
use routeguard::manrs::{self, Operator, Options, Outcome, Report, RouteFilter, RouteTable, Rule};
use routeguard::parse::prefix_list::PrefixListFormat;
use routeguard::Asn;

// AS1000 the operator; AS2000 a customer with two route objects and a
// route6; AS-CUST = AS2000 + AS2100.
const RPSL: &str = "route: 13.0.0.0/16\norigin: AS2000\nsource: RIPE\n\n\
route: 13.1.0.0/24\norigin: AS2000\nsource: RIPE\n\n\
route6: 2a00:1::/32\norigin: AS2000\nsource: RIPE\n\n\
route: 16.0.0.0/24\norigin: AS2100\nsource: RIPE\n\n\
as-set: AS-CUST\nmembers: AS2000, AS2100\nsource: RIPE\n";

fn run(op: &Operator, with_irr: bool) -> Report {
    let mut b = Dataset::builder();
    if with_irr {
        b = b.irr(None, Input::text("irr.db", RPSL.to_owned()));
    }
    let ds = b.build().unwrap();
    let t = RouteTable::new(RouteFilter::through(&[Asn::new(1000)])).finish();
    manrs::check(&ds, op, &t, &Options::default()).unwrap()
}

fn op() -> Operator {
    Operator::new([Asn::new(1000)])
}

fn fired(r: &Report) -> Vec<String> {
    assert!(
        matches!(
            r.outcome(Rule::CustomerFilterMismatch),
            Some(Outcome::Evaluated { .. })
        ),
        "{:?}",
        r.outcome(Rule::CustomerFilterMismatch)
    );
    r.findings_of(Rule::CustomerFilterMismatch)
        .map(|f| f.subject.to_string())
        .collect()
}

#[test]
fn matching_lists_do_not_fire_in_any_writing() {
    let texts: [(&str, Option<PrefixListFormat>); 4] = [
        (
            "ip prefix-list C4 permit 13.0.0.0/16\nip prefix-list C4 permit 13.1.0.0/24\n",
            None,
        ),
        ("C4 = [ 13.0.0.0/16, 13.1.0.0/24 ];\n", Some(PrefixListFormat::Bird)),
        (
            "policy-options {\nreplace:\n prefix-list C4 {\n    13.0.0.0/16;\n    13.1.0.0/24;\n }\n}\n",
            None,
        ),
        ("ipv6 prefix-list C6 permit 2a00:1::/32\n", None),
    ];
    let mut o = op();
    for (t, f) in texts {
        o = o
            .with_router_filters(t.as_bytes(), f, "AS2000", Some("edge1"))
            .unwrap();
    }
    assert_eq!(o.router_filters.len(), 4);
    let r = run(&o, true);
    assert!(fired(&r).is_empty(), "{:?}", r.findings);
}

#[test]
fn extra_missing_and_too_long_ranges_fire() {
    let text = "no ip prefix-list C4\n\
        ip prefix-list C4 seq 5 permit 13.0.0.0/16 le 24\n\
        ip prefix-list C4 seq 10 permit 192.0.2.0/24\n";
    let o = op()
        .with_router_filters(text.as_bytes(), None, "AS2000", Some("edge1"))
        .unwrap()
        // The as-set's list lacks AS2100's 16.0.0.0/24.
        .with_router_filters(
            b"ip prefix-list SET permit 13.0.0.0/16\nip prefix-list SET permit 13.1.0.0/24\n",
            Some(PrefixListFormat::Cisco),
            "AS-CUST",
            None,
        )
        .unwrap();
    let r = run(&o, true);
    // Sorted by subject: a list without a device first.
    assert_eq!(fired(&r), ["prefix list SET", "edge1 prefix list C4"]);
    let f = r.findings_of(Rule::CustomerFilterMismatch).nth(1).unwrap();
    assert_eq!(f.asn, Some(Asn::new(2000)));
    let ev = f.evidence.join("\n");
    assert!(ev.contains("extra: 192.0.2.0/24"), "{ev}");
    assert!(ev.contains("missing: 13.1.0.0/24"), "{ev}");
    assert!(ev.contains("changed: 13.0.0.0/16"), "{ev}");
    // 13.0.0.0/16 le 24 accepts 1+2+…+256 routes, all but 13.0.0.0/16
    // beyond the objects (13.1.0.0/24 is outside it); 192.0.2.0/24 one more.
    let beyond: u32 = (0..=8).map(|k| 1u32 << k).sum::<u32>() - 1 + 1;
    assert!(
        ev.contains(&format!("routes accepted beyond the IRR: {beyond} ")),
        "{ev}"
    );
    assert!(f
        .message
        .contains("accepts routes the IRR does not support"));
    let set = r.findings_of(Rule::CustomerFilterMismatch).next().unwrap();
    assert!(set
        .message
        .contains("rejects routes the customer registered"));
    assert!(
        set.evidence.iter().any(|e| e == "missing: 16.0.0.0/24"),
        "{:?}",
        set.evidence
    );
}

#[test]
fn an_unknown_set_expects_nothing() {
    let o = op()
        .with_router_filters(
            b"ip prefix-list X permit 13.0.0.0/16\n",
            None,
            "AS-NOPE",
            None,
        )
        .unwrap();
    let r = run(&o, true);
    assert_eq!(fired(&r), ["prefix list X"]);
    let f = r.findings_of(Rule::CustomerFilterMismatch).next().unwrap();
    assert!(
        f.evidence.iter().any(|e| e.starts_with("IRR: ")),
        "{:?}",
        f.evidence
    );
}

#[test]
fn not_evaluated_without_lists_or_irr() {
    let why = |r: &Report| match r.outcome(Rule::CustomerFilterMismatch) {
        Some(Outcome::NotEvaluated { reason }) => reason.clone(),
        o => panic!("{o:?}"),
    };
    assert!(why(&run(&op(), true)).contains("--router-filter"));
    let o = op()
        .with_router_filters(
            b"ip prefix-list X permit 13.0.0.0/16\n",
            None,
            "AS2000",
            None,
        )
        .unwrap();
    assert!(why(&run(&o, false)).contains("--irr"));
}

#[test]
fn a_bad_list_is_a_parse_error_with_its_line() {
    let e = op()
        .with_router_filters(
            b"ip prefix-list X permit 13.0.0.0/16\nip prefix-list X permit 13.0.0.1/16\n",
            None,
            "AS2000",
            None,
        )
        .unwrap_err();
    assert_eq!(e.line(), 2);
    assert_eq!(e.code(), "host-bits-set");
}
