//! The MANRS engine on real data: the full VRP snapshot with the 998k-route
//! pfx2as table (observatory mode), the RIS table with CAIDA AS
//! relationships (one operator), the dn42 IRR and real PeeringDB pages.
//! Each result is checked against an independent count made here from the
//! raw files and the already peer-tested single-route verbs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use routeguard::dataset::{Dataset, Input};
use routeguard::index::asrel::Relation;
use routeguard::manrs::{self, Operator, Options, Outcome, RouteFilter, RouteTable, Rule};
use routeguard::validate::rov::validate_origin;
use routeguard::{Asn, Prefix, RovState};

const VRPS: &str = "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2";
const PFX2AS: &str = "bgp/pfx2as/routeviews-rv2-20240406.pfx2as.gz";
const ASREL: &str = "asrel/20180101.as-rel.txt.xz";

#[test]
fn observatory_on_pfx2as_and_the_full_snapshot() {
    let (Some(vrps), Some(table)) = (common::data_file(VRPS), common::data_file(PFX2AS)) else {
        return;
    };
    let ds = Dataset::builder().vrps(Input::path(&vrps)).build().unwrap();
    let mut routes = RouteTable::new(RouteFilter::All);
    let stats = routes
        .read(Input::path(&table), &Default::default())
        .unwrap();
    assert_eq!(stats.lines, 998_042);
    let routes = routes.finish();
    let rows = manrs::observatory(&ds, &routes);

    // Independent: the file's (prefix, origin) pairs, split by hand.
    let text = common::read_text(PFX2AS).unwrap();
    let mut by_origin: BTreeMap<Asn, BTreeSet<Prefix>> = BTreeMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let p: Prefix = format!("{}/{}", f[0], f[1]).parse().unwrap();
        for o in f[2].split('_') {
            if !o.contains(',') {
                by_origin
                    .entry(Asn::new(o.parse().unwrap()))
                    .or_default()
                    .insert(p);
            }
        }
    }
    assert_eq!(rows.len(), by_origin.len());
    // 75,693 distinct origins (SOURCES.md's 75,722 counts AS-set members too).
    assert_eq!(rows.len(), 75_693);
    let total: usize = rows.iter().map(|r| r.routes).sum();
    assert_eq!(total, by_origin.values().map(BTreeSet::len).sum::<usize>());
    let index = ds.rov().unwrap();
    let bogons = ds.bogons();
    // Every 97th AS: RPKI counts by the single-route verb, M7RPKI, M3, Action 4.
    for row in rows.iter().step_by(97) {
        let prefixes = &by_origin[&row.asn];
        assert_eq!(row.routes, prefixes.len());
        let mut c = [0usize; 3];
        for p in prefixes {
            match validate_origin(index, p, Some(row.asn)).state {
                RovState::Valid => c[0] += 1,
                RovState::Invalid => c[1] += 1,
                RovState::NotFound => c[2] += 1,
            }
        }
        assert_eq!(row.rpki, Some(c), "{}", row.asn);
        let n = prefixes.len() as f64;
        let m7 = (c[0] as f64 / n - 10.0 * c[1] as f64 / n).max(0.0);
        assert!((row.m7rpki.unwrap() - m7).abs() < 1e-12);
        assert_eq!(
            row.m3,
            prefixes
                .iter()
                .filter(|p| bogons.is_bogon_prefix(p))
                .count()
        );
        assert_eq!(row.caida_action4, Some(c[0] as f64 / n >= 0.9));
        assert_eq!(row.caida_action1, None, "no paths, no as-rel");
        assert_eq!(row.m7irr, None);
    }
    // The table is mostly signed in 2025's RPKI: some ASes conform, some not.
    assert!(rows.iter().any(|r| r.caida_action4 == Some(true)));
    assert!(rows.iter().any(|r| r.caida_action4 == Some(false)));
}

#[test]
fn one_operator_on_the_ris_table() {
    let (Some(vrps), Some(asrel)) = (common::data_file(VRPS), common::data_file(ASREL)) else {
        return;
    };
    let Some(ris) = common::data_file(common::RIS) else {
        return;
    };
    let ds = Dataset::builder()
        .vrps(Input::path(&vrps))
        .asrel(Input::path(&asrel))
        .build()
        .unwrap();
    // AS4788 (TM Net): originates routes and carries its customers'.
    let me = Asn::new(4788);
    let op = Operator::new([me]);
    let mut routes = RouteTable::new(RouteFilter::through(&op.asns));
    routes.read(Input::path(&ris), &Default::default()).unwrap();
    let routes = routes.finish();
    let report = manrs::check(&ds, &op, &routes, &Options::default()).unwrap();

    // Independent: own and customer routes from the text lines.
    let rel = ds.relations().unwrap();
    let text = common::read_text(common::RIS).unwrap();
    let mut own = HashSet::new();
    let mut customer = HashSet::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('|').collect();
        let prefix: Prefix = f[5].parse().unwrap();
        let path = routeguard::AsPath::parse(f[6]).unwrap();
        let origin = path.origin();
        if origin == Some(me) {
            own.insert(prefix);
            continue;
        }
        let seq: Vec<Asn> = path.compressed_asns().collect();
        if let Some(i) = seq.iter().position(|a| *a == me) {
            if let Some(&next) = seq.get(i + 1) {
                if rel.relationship(me, next) == Some(Relation::Customer)
                    && path.asns().filter(|a| *a == next).count() > 0
                {
                    customer.insert((prefix, origin));
                }
            }
        }
    }
    assert!(own.len() > 100, "{}", own.len());
    assert_eq!(report.metrics.own_routes, own.len());
    assert_eq!(report.metrics.customer_routes, customer.len());
    let index = ds.rov().unwrap();
    let invalid: BTreeSet<Prefix> = own
        .iter()
        .filter(|p| validate_origin(index, p, Some(me)).state == RovState::Invalid)
        .copied()
        .collect();
    let fired: BTreeSet<Prefix> = report
        .findings_of(Rule::OwnRpkiInvalid)
        .map(|f| f.prefix().unwrap())
        .collect();
    assert_eq!(fired, invalid);
    let not_found = own
        .iter()
        .filter(|p| {
            validate_origin(index, p, Some(me)).state == RovState::NotFound
                && !ds.bogons().is_bogon_prefix(p)
        })
        .count();
    assert_eq!(report.findings_of(Rule::RoaMissing).count(), not_found);
    let cust_invalid = customer
        .iter()
        .filter(|(p, o)| validate_origin(index, p, *o).state == RovState::Invalid)
        .count();
    assert_eq!(
        report.findings_of(Rule::CustomerRpkiInvalid).count(),
        cust_invalid
    );
    assert_eq!(report.metrics.caida_action1, Some(cust_invalid == 0));
    // No IRR given: the IRR rules are not evaluated, and say why.
    assert!(matches!(
        report.outcome(Rule::IrrMissing),
        Some(Outcome::NotEvaluated { .. })
    ));
}

#[test]
fn dn42_irr_aut_nums_and_contacts() {
    let Some(dn42) = common::data_file("irr/dn42/dn42-registry.rpsl") else {
        return;
    };
    let ds = Dataset::builder()
        .irr(None, Input::path(&dn42))
        .build()
        .unwrap();
    let db = ds.irr().unwrap();
    let text = common::read_text("irr/dn42/dn42-registry.rpsl").unwrap();
    // Independent: aut-num objects with and without import/export lines.
    let mut policy: BTreeMap<Asn, (bool, bool)> = BTreeMap::new();
    for obj in text.split("\n\n") {
        let mut lines = obj
            .lines()
            .filter(|l| !l.starts_with('%') && !l.starts_with('#'));
        let Some(first) = lines.next() else { continue };
        let Some(v) = first.strip_prefix("aut-num:") else {
            continue;
        };
        let Ok(asn) = Asn::parse(v.trim()) else {
            continue;
        };
        let (mut i, mut e) = (false, false);
        for l in obj.lines() {
            let name = l.split(':').next().unwrap_or("");
            i |= matches!(name, "import" | "mp-import" | "import-via");
            e |= matches!(name, "export" | "mp-export" | "export-via");
        }
        policy.insert(asn, (i, e));
    }
    let asns: Vec<Asn> = policy
        .keys()
        .copied()
        .filter(|a| db.aut_num(*a).is_some())
        .take(400)
        .collect();
    assert!(asns.len() >= 300);
    let mut op = Operator::new(asns.iter().copied());
    op.asns.push(Asn::new(4_199_999_998));
    op.asns.sort_unstable();
    let mut routes = RouteTable::new(RouteFilter::All);
    routes.announce(
        "172.20.0.0/24".parse().unwrap(),
        &routeguard::AsPath::parse("4242420000").unwrap(),
        None,
        None,
    );
    let report = manrs::check(&ds, &op, &routes.finish(), &Options::default()).unwrap();
    let no_policy: BTreeSet<Asn> = asns
        .iter()
        .filter(|a| !matches!(policy[a], (true, true)))
        .copied()
        .collect();
    let fired: BTreeSet<Asn> = report
        .findings_of(Rule::AutNumNoPolicy)
        .map(|f| f.asn.unwrap())
        .collect();
    assert_eq!(fired, no_policy);
    let missing: Vec<Asn> = report
        .findings_of(Rule::NoAutNum)
        .map(|f| f.asn.unwrap())
        .collect();
    assert_eq!(missing, [Asn::new(4_199_999_998)]);
    // dn42 contacts are person objects with e-mail (or contact:) lines; the
    // rule's verdict per ASN agrees with the contact lookup it reports.
    for f in report.findings_of(Rule::NoIrrContact) {
        assert!(
            f.evidence
                .iter()
                .skip(1)
                .all(|e| !e.ends_with("with e-mail")),
            "{:?}",
            f.evidence
        );
    }
}

#[test]
fn peeringdb_pages_contacts() {
    let dir = "peeringdb/peeringdb-plus/prod-anon";
    let (Some(n1), Some(n2), Some(p1), Some(p2)) = (
        common::data_file(&format!("{dir}/net-page-1.json")),
        common::data_file(&format!("{dir}/net-page-2.json")),
        common::data_file(&format!("{dir}/poc-page-1.json")),
        common::data_file(&format!("{dir}/poc-page-2.json")),
    ) else {
        return;
    };
    let ds = Dataset::builder()
        .peeringdb(Input::path(&n1))
        .peeringdb(Input::path(&n2))
        .peeringdb(Input::path(&p1))
        .peeringdb(Input::path(&p2))
        .build()
        .unwrap();
    // Independent: nets and their NOC/Technical contacts from the raw JSON.
    let mut nets: BTreeMap<u64, Asn> = BTreeMap::new();
    for f in ["net-page-1.json", "net-page-2.json"] {
        let v: serde_json::Value =
            serde_json::from_str(&common::read_text(&format!("{dir}/{f}")).unwrap()).unwrap();
        for n in v["data"].as_array().unwrap() {
            nets.insert(
                n["id"].as_u64().unwrap(),
                Asn::new(n["asn"].as_u64().unwrap() as u32),
            );
        }
    }
    let mut with_contact = HashSet::new();
    for f in ["poc-page-1.json", "poc-page-2.json"] {
        let v: serde_json::Value =
            serde_json::from_str(&common::read_text(&format!("{dir}/{f}")).unwrap()).unwrap();
        for p in v["data"].as_array().unwrap() {
            let role = p["role"].as_str().unwrap_or("");
            let email = p["email"].as_str().unwrap_or("");
            let phone = p["phone"].as_str().unwrap_or("");
            if matches!(role, "NOC" | "Technical")
                && (email.contains('@') || phone.chars().filter(char::is_ascii_digit).count() >= 5)
            {
                with_contact.insert(p["net_id"].as_u64().unwrap());
            }
        }
    }
    let asns: Vec<Asn> = nets.values().copied().collect();
    let op = Operator::new(asns.iter().copied().chain([Asn::new(4_199_999_999)]));
    let report = manrs::check(
        &ds,
        &op,
        &RouteTable::new(RouteFilter::All).finish(),
        &Options::default(),
    )
    .unwrap();
    let expected: BTreeSet<Asn> = nets
        .iter()
        .filter(|(id, _)| !with_contact.contains(id))
        .map(|(_, a)| *a)
        .collect();
    let fired: BTreeSet<Asn> = report
        .findings_of(Rule::NoPeeringdbContact)
        .map(|f| f.asn.unwrap())
        .collect();
    assert_eq!(fired.len(), expected.len());
    assert_eq!(fired, expected);
    assert_eq!(
        nets.len() - expected.len(),
        20,
        "SOURCES: 20 nets have an operational contact"
    );
    let none: Vec<Asn> = report
        .findings_of(Rule::NoPeeringdb)
        .map(|f| f.asn.unwrap())
        .collect();
    assert_eq!(none, [Asn::new(4_199_999_999)]);
}
