//! The MANRS rules on facts built by hand: each rule fires, does not fire
//! at its boundary, and is reported not evaluated without its data; the
//! metrics, incidents and conformance on the same small worlds.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use routeguard::dataset::{Dataset, DatasetBuilder, Input};
use routeguard::manrs::{
    self, Action, Operator, Options, Outcome, Report, RouteFilter, RouteTable, Rule, Subject,
};
use routeguard::{AsPath, Asn, Prefix};

// The world: operator AS1000; its provider AS3000, peer AS4000, customers
// AS2000 and AS2200; AS2100 a customer of AS2000. Public (non-bogon)
// numbers and prefixes, since documentation ones are bogons.
const ASREL: &str = "3000|1000|-1\n1000|4000|0\n1000|2000|-1\n1000|2200|-1\n2000|2100|-1\n";
const OP: u32 = 1000;

fn p(s: &str) -> Prefix {
    s.parse().unwrap()
}

fn a(n: u32) -> Asn {
    Asn::new(n)
}

fn vrps(rows: &[(&str, u8, u32)]) -> Input {
    let mut s = String::from("ASN,IP Prefix,Max Length,Trust Anchor\n");
    for (pfx, ml, asn) in rows {
        s.push_str(&format!("AS{asn},{pfx},{ml},ripe\n"));
    }
    Input::text("vrps.csv", s)
}

fn json_vrps(rows: &[(&str, u8, u32)], aspas: &[(u32, &[u32])]) -> Input {
    let roas: Vec<String> = rows
        .iter()
        .map(|(pfx, ml, asn)| {
            format!(r#"{{"asn": {asn}, "prefix": "{pfx}", "maxLength": {ml}, "ta": "ripe"}}"#)
        })
        .collect();
    let aspas: Vec<String> = aspas
        .iter()
        .map(|(c, ps)| {
            let ps: Vec<String> = ps.iter().map(u32::to_string).collect();
            format!(
                r#"{{"customer_asid": {c}, "providers": [{}]}}"#,
                ps.join(", ")
            )
        })
        .collect();
    Input::text(
        "vrps.json",
        format!(
            r#"{{"roas": [{}], "aspas": [{}]}}"#,
            roas.join(", "),
            aspas.join(", ")
        ),
    )
}

fn table(routes: &[(&str, &str)]) -> RouteTable {
    let mut t = RouteTable::new(RouteFilter::through(&[a(OP)]));
    for (pfx, path) in routes {
        t.announce(p(pfx), &AsPath::parse(path).unwrap(), None, None);
    }
    t.finish()
}

fn run(b: DatasetBuilder, op: &Operator, routes: &[(&str, &str)]) -> Report {
    let ds: Dataset = b.build().unwrap();
    manrs::check(&ds, op, &table(routes), &Options::default()).unwrap()
}

fn op() -> Operator {
    Operator::new([a(OP)])
}

fn asrel() -> Input {
    Input::text("as-rel.txt", ASREL)
}

fn irr(text: &str) -> (Option<&'static str>, Input) {
    (None, Input::text("irr.db", text.to_owned()))
}

/// The subjects of one rule's findings, as text.
fn fired(r: &Report, rule: Rule) -> Vec<String> {
    assert!(
        matches!(r.outcome(rule), Some(Outcome::Evaluated { .. })),
        "{rule} not evaluated: {:?}",
        r.outcome(rule)
    );
    r.findings_of(rule).map(|f| f.subject.to_string()).collect()
}

fn not_evaluated(r: &Report, rule: Rule) -> String {
    match r.outcome(rule) {
        Some(Outcome::NotEvaluated { reason }) => reason.clone(),
        o => panic!("{rule} evaluated: {o:?}"),
    }
}

#[test]
fn own_rpki_invalid_fires_beyond_maxlength_only() {
    let b = Dataset::builder().vrps(vrps(&[("11.0.0.0/16", 16, OP)]));
    let r = run(
        b,
        &op(),
        &[("11.0.0.0/24", "3000 1000"), ("11.0.0.0/16", "3000 1000")],
    );
    assert_eq!(fired(&r, Rule::OwnRpkiInvalid), ["11.0.0.0/24 AS1000"]);
    let f = r.findings_of(Rule::OwnRpkiInvalid).next().unwrap();
    assert_eq!(f.asn, Some(a(OP)));
    assert!(
        f.evidence.iter().any(|e| e == "RPKI: invalid (length)"),
        "{:?}",
        f.evidence
    );
    assert!(f
        .evidence
        .iter()
        .any(|e| e.contains("11.0.0.0/16-16 AS1000")));
    assert!(f.remedy.contains("maxLength 24"));
    // A ROA with maxLength 24: both valid.
    let b = Dataset::builder().vrps(vrps(&[("11.0.0.0/16", 24, OP)]));
    let r = run(
        b,
        &op(),
        &[("11.0.0.0/24", "3000 1000"), ("11.0.0.0/16", "3000 1000")],
    );
    assert!(fired(&r, Rule::OwnRpkiInvalid).is_empty());
    // Without VRPs: not evaluated, never passed.
    let r = run(Dataset::builder(), &op(), &[("11.0.0.0/24", "3000 1000")]);
    assert!(not_evaluated(&r, Rule::OwnRpkiInvalid).contains("--vrps"));
    assert_eq!(r.action(Action::GlobalValidation).unwrap().conformant, None);
}

#[test]
fn own_bogon() {
    let r = run(
        Dataset::builder(),
        &op(),
        &[("10.0.0.0/8", "3000 1000"), ("11.0.0.0/8", "3000 1000")],
    );
    assert_eq!(fired(&r, Rule::OwnBogon), ["10.0.0.0/8 AS1000"]);
    assert_eq!(r.metrics.m3, 1);
}

#[test]
fn customer_rpki_invalid_needs_a_customer_on_the_right() {
    let b = || {
        Dataset::builder()
            .vrps(vrps(&[("12.0.0.0/24", 24, 2100)]))
            .asrel(asrel())
    };
    let routes = [
        ("12.0.0.0/24", "3000 1000 2000"), // from customer 2000, origin 2000: invalid
        ("12.0.0.0/24", "3000 1000 4000"), // from peer 4000: not a customer route
        ("12.0.0.0/24", "1000 3000 5000"), // from the provider
        ("12.0.0.0/24", "3000 1000 2000 2100"), // valid
    ];
    let r = run(b(), &op(), &routes);
    assert_eq!(fired(&r, Rule::CustomerRpkiInvalid), ["12.0.0.0/24 AS2000"]);
    assert_eq!(r.metrics.customer_routes, 2);
    assert_eq!(r.metrics.caida_action1, Some(false));
    assert_eq!(r.action(Action::Filtering).unwrap().conformant, Some(false));
    // --customer makes the peer a customer too.
    let r = run(b(), &op().with_customers([a(4000)]), &routes);
    assert_eq!(
        fired(&r, Rule::CustomerRpkiInvalid),
        ["12.0.0.0/24 AS2000", "12.0.0.0/24 AS4000"]
    );
    // No as-rel and no --customer: not evaluated.
    let r = run(Dataset::builder().vrps(vrps(&[])), &op(), &routes);
    assert!(not_evaluated(&r, Rule::CustomerRpkiInvalid).contains("--asrel"));
}

#[test]
fn customer_unregistered_counts_covering_route_objects() {
    let rpsl = "route: 13.0.0.0/16\norigin: AS2000\nsource: RIPE\n\nroute: 13.1.0.0/16\norigin: AS9999\nsource: RIPE\n";
    let (src, input) = irr(rpsl);
    let b = Dataset::builder()
        .vrps(vrps(&[("14.0.0.0/24", 24, 2000)]))
        .irr(src, input)
        .asrel(asrel());
    let r = run(
        b,
        &op(),
        &[
            ("13.0.1.0/24", "3000 1000 2000"), // covered by 13.0.0.0/16 AS2000: registered
            ("13.1.1.0/24", "3000 1000 2000"), // another origin's object: unregistered
            ("15.0.0.0/24", "3000 1000 2000"), // nothing: unregistered
            ("14.0.0.0/24", "3000 1000 2000"), // RPKI valid: fine without a route object
        ],
    );
    assert_eq!(
        fired(&r, Rule::CustomerUnregistered),
        ["13.1.1.0/24 AS2000", "15.0.0.0/24 AS2000"]
    );
    let f = r.findings_of(Rule::CustomerUnregistered).next().unwrap();
    assert!(
        f.evidence
            .iter()
            .any(|e| e == "IRR: invalid-origin" || e.starts_with("IRR: ")),
        "{:?}",
        f.evidence
    );
    assert!(
        f.evidence
            .iter()
            .any(|e| e.contains("13.1.0.0/16 AS9999 (RIPE)")),
        "{:?}",
        f.evidence
    );
}

#[test]
fn customer_bogon_prefix_or_asn_right_of_the_operator() {
    let b = Dataset::builder().asrel(asrel());
    let r = run(
        b,
        &op(),
        &[
            ("10.1.0.0/16", "3000 1000 2000"),       // bogon prefix
            ("16.0.0.0/24", "3000 1000 2000 64512"), // private ASN right of the operator
            ("17.0.0.0/24", "64512 1000 2000"),      // left of it: not the customer's
            ("18.0.0.0/24", "3000 1000 2000 2100"),  // clean
        ],
    );
    assert_eq!(
        fired(&r, Rule::CustomerBogon),
        ["10.1.0.0/16 AS2000", "16.0.0.0/24 AS64512"]
    );
    assert_eq!(r.metrics.m3c, 1);
    assert_eq!(r.metrics.m4c, 1);
}

#[test]
fn customer_aspa_invalid_judges_what_the_customer_sent() {
    let routes = [("19.0.0.0/24", "3000 1000 2000 2100")];
    let b = |aspas: &[(u32, &[u32])]| {
        Dataset::builder()
            .vrps(json_vrps(&[], aspas))
            .asrel(asrel())
    };
    // AS2100 attests only AS5000 as provider: 2100 → 2000 is not allowed.
    let r = run(b(&[(2100, &[5000])]), &op(), &routes);
    assert_eq!(fired(&r, Rule::CustomerAspaInvalid), ["19.0.0.0/24 AS2100"]);
    let r = run(b(&[(2100, &[2000])]), &op(), &routes);
    assert!(fired(&r, Rule::CustomerAspaInvalid).is_empty());
    // CSV carries no ASPAs: not evaluated.
    let r = run(
        Dataset::builder().vrps(vrps(&[])).asrel(asrel()),
        &op(),
        &routes,
    );
    assert!(not_evaluated(&r, Rule::CustomerAspaInvalid).contains("ASPA"));
    assert!(not_evaluated(&r, Rule::NoAspa).contains("ASPA"));
}

#[test]
fn route_leak_is_a_valley_at_the_operator() {
    let r = run(
        Dataset::builder().asrel(asrel()),
        &op(),
        &[
            ("20.0.0.0/24", "3000 1000 4000"), // peer → provider: type 4
            ("21.0.0.0/24", "4000 1000 3000"), // provider → peer: type 3
            ("22.0.0.0/24", "3000 1000 2000"), // customer route: fine
            ("23.0.0.0/24", "2000 1000 3000"), // provider → customer: fine
        ],
    );
    assert_eq!(
        fired(&r, Rule::RouteLeak),
        ["20.0.0.0/24 AS4000", "21.0.0.0/24 AS3000"]
    );
    let f = r.findings_of(Rule::RouteLeak).next().unwrap();
    assert!(
        f.evidence
            .iter()
            .any(|e| e == "RFC 7908 type 4 (peer-to-provider)"),
        "{:?}",
        f.evidence
    );
    let r = run(
        Dataset::builder(),
        &op(),
        &[("20.0.0.0/24", "3000 1000 4000")],
    );
    assert!(not_evaluated(&r, Rule::RouteLeak).contains("--asrel"));
}

#[test]
fn global_validation_of_own_routes_and_metrics() {
    let rpsl = "route: 24.0.0.0/16\norigin: AS1000\nsource: RIPE\n";
    let (src, input) = irr(rpsl);
    let b = Dataset::builder()
        .vrps(vrps(&[("24.0.0.0/24", 24, OP), ("25.0.0.0/24", 24, 9999)]))
        .irr(src, input);
    let r = run(
        b,
        &op(),
        &[
            ("24.0.0.0/24", "3000 1000"), // ROA valid, covered by the route object
            ("24.0.1.0/24", "3000 1000"), // registered, no ROA
            ("25.0.0.0/24", "3000 1000"), // invalid, unregistered
            ("26.0.0.0/24", "3000 1000"), // neither
        ],
    );
    assert_eq!(
        fired(&r, Rule::IrrMissing),
        ["25.0.0.0/24 AS1000", "26.0.0.0/24 AS1000"]
    );
    assert_eq!(
        fired(&r, Rule::RoaMissing),
        ["24.0.1.0/24 AS1000", "26.0.0.0/24 AS1000"]
    );
    assert_eq!(fired(&r, Rule::OwnRpkiInvalid), ["25.0.0.0/24 AS1000"]);
    let m = &r.metrics;
    assert_eq!(m.own_routes, 4);
    assert_eq!(m.rpki, Some([1, 1, 2]));
    assert_eq!(m.m7irr, Some(0.5));
    // valid 1/4 − 10 × invalid 1/4 < 0 → 0.
    assert_eq!(m.m7rpki, Some(0.0));
    assert_eq!(m.registered_or_valid, Some(0.5));
    assert_eq!(m.caida_action4, Some(false));
    // Remedies: route objects for the unregistered, ROAs at their length.
    let rem = &r.remedies;
    assert_eq!(
        rem.route_objects,
        vec![(p("25.0.0.0/24"), a(OP)), (p("26.0.0.0/24"), a(OP))]
    );
    let roas: Vec<String> = rem
        .roas
        .iter()
        .map(|x| format!("{}-{} {}", x.prefix, x.max_length, x.asn))
        .collect();
    assert_eq!(
        roas,
        [
            "24.0.1.0/24-24 AS1000",
            "25.0.0.0/24-24 AS1000",
            "26.0.0.0/24-24 AS1000"
        ]
    );
    assert!(!r.conformant());
}

#[test]
fn caida_action4_boundary_is_ninety_percent() {
    // 9 of 10 own routes RPKI valid: conformant; 8 of 10: not.
    let mut rows = Vec::new();
    let mut routes = Vec::new();
    let names: Vec<String> = (0..10).map(|i| format!("30.0.{i}.0/24")).collect();
    for (i, n) in names.iter().enumerate() {
        if i < 9 {
            rows.push((n.as_str(), 24u8, OP));
        }
        routes.push((n.as_str(), "3000 1000"));
    }
    let r = run(Dataset::builder().vrps(vrps(&rows)), &op(), &routes);
    assert_eq!(r.metrics.caida_action4, Some(true));
    assert!((r.metrics.m7rpki.unwrap() - 0.9).abs() < 1e-9);
    let r = run(Dataset::builder().vrps(vrps(&rows[..8])), &op(), &routes);
    assert_eq!(r.metrics.caida_action4, Some(false));
}

#[test]
fn aut_num_policy_and_contacts() {
    let with = |autnum: &str, role: &str| {
        let text = format!("{autnum}\n\n{role}\n");
        let (src, input) = irr(&text);
        run(
            Dataset::builder().irr(src, input),
            &op(),
            &[("27.0.0.0/24", "3000 1000")],
        )
    };
    let role_ok = "role: NOC\nnic-hdl: NOC1-RIPE\ne-mail: noc@example.net\nsource: RIPE";
    let role_bad = "role: NOC\nnic-hdl: NOC1-RIPE\nphone: +1 555 0100\nsource: RIPE";
    let full = "aut-num: AS1000\nas-name: ONE\nimport: from AS3000 accept ANY\nexport: to AS3000 announce AS1000\nadmin-c: NOC1-RIPE\ntech-c: NOC1-RIPE\nsource: RIPE";
    let import_only = "aut-num: AS1000\nas-name: ONE\nmp-import: afi any from AS3000 accept ANY\nadmin-c: NOC1-RIPE\nsource: RIPE";
    let r = with(full, role_ok);
    assert!(fired(&r, Rule::NoAutNum).is_empty());
    assert!(fired(&r, Rule::AutNumNoPolicy).is_empty());
    assert!(fired(&r, Rule::NoIrrContact).is_empty());
    assert_eq!(
        r.action(Action::Coordination).unwrap().conformant,
        Some(true)
    );
    let r = with(import_only, role_bad);
    assert_eq!(fired(&r, Rule::AutNumNoPolicy), ["AS1000"]);
    let f = r.findings_of(Rule::AutNumNoPolicy).next().unwrap();
    assert!(f.message.contains("no export"), "{}", f.message);
    assert_eq!(fired(&r, Rule::NoIrrContact), ["AS1000"]);
    assert_eq!(
        r.action(Action::Coordination).unwrap().conformant,
        Some(false)
    );
    assert_eq!(r.remedies.aut_nums.len(), 1);
    // No aut-num: no-aut-num fires, the policy and contact rules have nothing to judge.
    let r = with("aut-num: AS7777\nas-name: X\nsource: RIPE", role_ok);
    assert_eq!(fired(&r, Rule::NoAutNum), ["AS1000"]);
    assert!(fired(&r, Rule::AutNumNoPolicy).is_empty());
    assert!(fired(&r, Rule::NoIrrContact).is_empty());
}

#[test]
fn as_set_membership_is_recursive() {
    let rpsl = "as-set: AS-ONE\nmembers: AS2000, AS-ONE-CUST\nsource: RIPE\n\nas-set: AS-ONE-CUST\nmembers: AS2200\nsource: RIPE\n";
    let routes = [
        ("28.0.0.0/24", "3000 1000 2000"),
        ("29.0.0.0/24", "3000 1000 2200"),
        ("31.0.0.0/24", "3000 1000 4000"),
    ];
    let b = || {
        let (src, input) = irr(rpsl);
        Dataset::builder().irr(src, input).asrel(asrel())
    };
    let r = run(b(), &op().with_as_set("AS-ONE"), &routes);
    assert!(fired(&r, Rule::AsSetMissingCustomer).is_empty());
    // A customer the as-rel file does not know, given with --customer.
    let r = run(
        b(),
        &op().with_as_set("AS-ONE").with_customers([a(4000)]),
        &routes,
    );
    assert_eq!(fired(&r, Rule::AsSetMissingCustomer), ["AS4000"]);
    assert_eq!(r.remedies.as_set_members, vec![a(4000)]);
    let r = run(b(), &op().with_as_set("AS-NOPE"), &routes);
    assert!(not_evaluated(&r, Rule::AsSetMissingCustomer).contains("AS-NOPE"));
    let r = run(b(), &op(), &routes);
    assert!(not_evaluated(&r, Rule::AsSetMissingCustomer).contains("--as-set"));
}

#[test]
fn roa_loose_maxlength_needs_every_authorised_prefix_announced() {
    let rows = [
        ("32.0.0.0/16", 24u8, OP),
        ("33.0.0.0/24", 25, OP),
        ("34.0.0.0/24", 24, OP),
    ];
    let r = run(
        Dataset::builder().vrps(vrps(&rows)),
        &op(),
        &[
            ("32.0.0.0/16", "3000 1000"),
            ("33.0.0.0/24", "3000 1000"),
            ("33.0.0.0/25", "3000 1000"),
            ("33.0.0.128/25", "3000 1000"),
            ("34.0.0.0/24", "3000 1000"),
        ],
    );
    assert_eq!(
        fired(&r, Rule::RoaLooseMaxlength),
        ["32.0.0.0/16-24 AS1000"]
    );
    let f = r.findings_of(Rule::RoaLooseMaxlength).next().unwrap();
    assert_eq!(f.prefix(), Some(p("32.0.0.0/16")));
    assert!(matches!(f.subject, Subject::Vrp { max_length: 24, .. }));
    assert!(
        f.evidence[0].contains("authorises 511 prefixes"),
        "{:?}",
        f.evidence
    );
    assert_eq!(r.remedies.roas_to_replace.len(), 1);
    assert!(r
        .remedies
        .roas
        .iter()
        .any(|x| x.prefix == p("32.0.0.0/16") && x.max_length == 16));
}

#[test]
fn no_aspa() {
    let routes = [("35.0.0.0/24", "3000 1000")];
    let r = run(
        Dataset::builder().vrps(json_vrps(&[], &[(2100, &[2000])])),
        &op(),
        &routes,
    );
    assert_eq!(fired(&r, Rule::NoAspa), ["AS1000"]);
    let r = run(
        Dataset::builder().vrps(json_vrps(&[], &[(1000, &[3000])])),
        &op(),
        &routes,
    );
    assert!(fired(&r, Rule::NoAspa).is_empty());
}

#[test]
fn incidents_from_timestamped_routes() {
    let ds = Dataset::builder()
        .vrps(vrps(&[("36.0.0.0/16", 16, OP)]))
        .build()
        .unwrap();
    let mut t = RouteTable::new(RouteFilter::through(&[a(OP)]));
    let peer = Some(("192.0.2.1".parse().unwrap(), a(3000)));
    let jan1 = 1_704_067_200; // 2024-01-01T00:00:00Z
    let path = AsPath::parse("3000 1000").unwrap();
    // Invalid for 29 minutes, then for 13 hours, then 25 hours.
    for (start, len) in [(0, 29 * 60), (86_400, 13 * 3600), (3 * 86_400, 25 * 3600)] {
        t.announce(p("36.0.1.0/24"), &path, peer, Some(jan1 + start));
        t.withdraw(p("36.0.1.0/24"), peer, Some(jan1 + start + len));
    }
    let r = manrs::check(&ds, &op(), &t.finish(), &Options::default()).unwrap();
    let inc: Vec<_> = r
        .metrics
        .incidents
        .iter()
        .filter(|i| i.rule == Rule::OwnRpkiInvalid)
        .collect();
    assert_eq!(inc.len(), 1);
    assert_eq!(
        (inc[0].month.as_str(), inc[0].count, inc[0].score),
        ("2024-01", 3, 3.5)
    );
}

#[test]
fn errors_and_conformance() {
    let ds = Dataset::builder().build().unwrap();
    let e = manrs::check(&ds, &Operator::new([]), &table(&[]), &Options::default()).unwrap_err();
    assert_eq!(e.code(), "manrs-no-operator");
    // Nothing given but routes: only data-free rules run, and pass.
    let r = run(Dataset::builder(), &op(), &[("37.0.0.0/24", "3000 1000")]);
    assert!(r.conformant());
    assert!(r.findings.is_empty());
    let evaluated: Vec<Rule> = r
        .rules
        .iter()
        .filter(|o| o.evaluated())
        .map(|o| o.rule)
        .collect();
    assert_eq!(evaluated, [Rule::OwnBogon]);
}

fn pdb(nets: &str, pocs: &str) -> [Input; 2] {
    [
        Input::text("net.json", format!(r#"{{"data": [{nets}], "meta": {{}}}}"#)),
        Input::text("poc.json", format!(r#"{{"data": [{pocs}], "meta": {{}}}}"#)),
    ]
}

fn with_pdb(b: DatasetBuilder, nets: &str, pocs: &str) -> DatasetBuilder {
    let [n, c] = pdb(nets, pocs);
    b.peeringdb(n).peeringdb(c)
}

const NET: &str = r#"{"id": 7, "asn": 1000, "name": "One", "org_id": 1, "irr_as_set": "RIPE::AS-ONE AS1000", "status": "ok"}"#;

#[test]
fn peeringdb_record_and_contacts() {
    let routes = [("38.0.0.0/24", "3000 1000")];
    let noc = r#"{"id": 1, "net_id": 7, "role": "NOC", "visible": "Public", "name": "noc", "email": "noc@one.example", "phone": "", "status": "ok"}"#;
    let policy = r#"{"id": 2, "net_id": 7, "role": "Policy", "visible": "Public", "name": "p", "email": "peering@one.example", "phone": "", "status": "ok"}"#;
    let private_noc = r#"{"id": 3, "net_id": 7, "role": "NOC", "visible": "Private", "name": "noc", "email": "noc@one.example", "phone": "", "status": "ok"}"#;
    let r = run(with_pdb(Dataset::builder(), NET, noc), &op(), &routes);
    assert!(fired(&r, Rule::NoPeeringdb).is_empty());
    assert!(fired(&r, Rule::NoPeeringdbContact).is_empty());
    assert_eq!(
        r.action(Action::Coordination).unwrap().conformant,
        Some(true)
    );
    // Only a policy contact, or a NOC contact nobody can see: fires.
    for pocs in [policy, private_noc] {
        let r = run(with_pdb(Dataset::builder(), NET, pocs), &op(), &routes);
        assert_eq!(fired(&r, Rule::NoPeeringdbContact), ["AS1000"], "{pocs}");
        assert_eq!(
            r.action(Action::Coordination).unwrap().conformant,
            Some(false)
        );
    }
    // Another network's record only: no-peeringdb.
    let other = NET.replace("\"asn\": 1000", "\"asn\": 1001");
    let r = run(with_pdb(Dataset::builder(), &other, noc), &op(), &routes);
    assert_eq!(fired(&r, Rule::NoPeeringdb), ["AS1000"]);
    assert!(fired(&r, Rule::NoPeeringdbContact).is_empty());
    let r = run(Dataset::builder(), &op(), &routes);
    assert!(not_evaluated(&r, Rule::NoPeeringdb).contains("--peeringdb"));
}

#[test]
fn peeringdb_as_set_resolution_and_use() {
    let routes = [("39.0.0.0/24", "3000 1000 2200")];
    let b = |rpsl: &str| {
        let (src, input) = irr(rpsl);
        with_pdb(Dataset::builder().irr(src, input).asrel(asrel()), NET, "")
    };
    let set = "as-set: AS-ONE\nmembers: AS2000\nsource: RIPE\n\naut-num: AS1000\nas-name: ONE\nsource: RIPE\n";
    let r = run(b(set), &op(), &routes);
    assert!(fired(&r, Rule::PeeringdbAsSetUnresolved).is_empty());
    // PeeringDB's as-set is the customer as-set when --as-set is not given.
    assert_eq!(r.as_set.as_deref(), Some("RIPE::AS-ONE"));
    assert_eq!(fired(&r, Rule::AsSetMissingCustomer), ["AS2200"]);
    // The set lives in another source: RIPE:: scoping does not find it.
    let radb = set.replace("source: RIPE\n\naut", "source: RADB\n\naut");
    let r = run(b(&radb), &op(), &routes);
    assert_eq!(fired(&r, Rule::PeeringdbAsSetUnresolved), ["AS1000"]);
    let f = r
        .findings_of(Rule::PeeringdbAsSetUnresolved)
        .next()
        .unwrap();
    assert!(
        f.message.contains("RIPE::AS-ONE") && !f.message.contains("AS1000,"),
        "{}",
        f.message
    );
    // The bare ASN names the aut-num: absent → unresolved too.
    let no_autnum = "as-set: AS-ONE\nmembers: AS2000\nsource: RIPE\n";
    let r = run(b(no_autnum), &op(), &routes);
    let f = r
        .findings_of(Rule::PeeringdbAsSetUnresolved)
        .next()
        .unwrap();
    assert!(f.message.contains("AS1000"), "{}", f.message);
}

#[test]
fn no_sav_on_single_homed_interfaces() {
    let facts = r#"{"interfaces": [
      {"name": "xe-0/0/1", "device": "edge1", "customer_asn": 2000, "single_homed": true, "urpf": "strict"},
      {"name": "xe-0/0/2", "customer_asn": 2200, "single_homed": true, "urpf": "loose",
       "acl": ["40.0.0.0/24"], "prefixes": ["40.0.0.0/24"]},
      {"name": "xe-0/0/3", "customer_asn": 2200, "single_homed": true, "urpf": "loose",
       "acl": ["40.0.0.0/25"], "prefixes": ["40.0.0.0/24"]},
      {"name": "xe-0/0/4", "single_homed": true, "urpf": "feasible"},
      {"name": "xe-0/0/5", "single_homed": false, "urpf": "none"}
    ]}"#;
    let b = Dataset::builder().sav_facts(Input::text("facts.json", facts));
    let r = run(b, &op(), &[("41.0.0.0/24", "3000 1000")]);
    assert_eq!(fired(&r, Rule::NoSav), ["xe-0/0/3", "xe-0/0/4"]);
    let f = r.findings_of(Rule::NoSav).next().unwrap();
    assert_eq!(f.asn, Some(a(2200)));
    assert_eq!(
        r.action(Action::AntiSpoofing).unwrap().conformant,
        Some(false)
    );
}

#[test]
fn spoofer_leak_and_m5() {
    let csv = "timestamp,asn,client,private,routed\n\
        2024-03-01T10:00:00Z,1000,42.0.0.0/24,blocked,received\n\
        2024-03-02T10:00:00Z,1000,42.0.0.0/24,blocked,blocked\n\
        2024-03-01T10:00:00Z,1000,42.0.1.0/24,blocked,blocked\n\
        2024-03-01T10:00:00Z,5000,43.0.0.0/24,received,received\n";
    let b = Dataset::builder().spoofer(Input::text("spoofer.csv", csv));
    let r = run(b, &op(), &[("42.0.0.0/24", "3000 1000")]);
    assert_eq!(fired(&r, Rule::SpooferLeak), ["42.0.0.0/24"]);
    let f = r.findings_of(Rule::SpooferLeak).next().unwrap();
    assert!(
        f.evidence[0].starts_with("1 of 2 Spoofer tests"),
        "{:?}",
        f.evidence
    );
    // One prefix: 0.6^sqrt(2) → 48.6 %.
    assert!((r.metrics.m5.unwrap() - 48.6).abs() < 0.1);
    assert_eq!(r.action(Action::AntiSpoofing).unwrap().score, r.metrics.m5);
    // Tests from other networks only: not evaluated (no M5, as the Observatory's "-").
    let b = Dataset::builder().spoofer(Input::text("spoofer.csv", csv));
    let r = run(
        b,
        &Operator::new([a(7000)]),
        &[("42.0.0.0/24", "3000 7000")],
    );
    assert!(not_evaluated(&r, Rule::SpooferLeak).contains("no test"));
    assert_eq!(r.metrics.m5, None);
}
