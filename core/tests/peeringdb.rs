//! PeeringDB pages, the anti-spoofing facts file and Spoofer results through
//! the Dataset: real PeeringDB API pages (shared data, peeringdb-plus
//! prod-anon and beta-anon), hand-written fixtures, and errors naming the
//! input, line and column.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use routeguard::dataset::{Dataset, Input, LoadError, Step};
use routeguard::parse::peeringdb::{parse_page, IrrRefKind, PocRole};
use routeguard::parse::sav::UrpfMode;
use routeguard::parse::spoofer::SpoofOutcome;
use routeguard::{Asn, Family};

const PROD: &str = "peeringdb/peeringdb-plus/prod-anon";

fn prod_dataset() -> Option<Dataset> {
    let dir = common::data_file(PROD)?;
    let mut b = Dataset::builder();
    for kind in ["net", "poc", "org"] {
        for page in 1..=2 {
            b = b.peeringdb(Input::path(dir.join(format!("{kind}-page-{page}.json"))));
        }
    }
    Some(b.build().unwrap())
}

#[test]
fn real_pages_counts_and_refs() {
    let Some(ds) = prod_dataset() else { return };
    let db = ds.peeringdb().unwrap();
    assert_eq!(
        (db.nets().len(), db.pocs().len(), db.orgs().len()),
        (500, 40, 500)
    );
    // Sorted by ASN, one net per ASN in these pages.
    assert!(db.nets().windows(2).all(|w| w[0].asn < w[1].asn));
    let with_set = db
        .nets()
        .iter()
        .filter(|n| !n.irr_as_set.is_empty())
        .count();
    assert_eq!(with_set, 392);

    let refs: Vec<_> = db.nets().iter().flat_map(|n| n.irr_refs()).collect();
    assert_eq!(refs.len(), 407);
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &refs {
        *kinds.entry(r.kind.as_str()).or_default() += 1;
    }
    assert_eq!(
        kinds,
        BTreeMap::from([("as-set", 396), ("aut-num", 8), ("route-set", 3)])
    );
    let mut sources: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &refs {
        if let Some(s) = &r.source {
            *sources.entry(s.as_str()).or_default() += 1;
        }
    }
    assert_eq!(
        sources,
        BTreeMap::from([
            ("ARIN", 3),
            ("JPIRR", 2),
            ("NTTCOM", 1),
            ("RADB", 25),
            ("RIPE", 43)
        ])
    );
    assert_eq!(
        db.nets().iter().filter(|n| n.irr_refs().len() > 1).count(),
        15
    );

    // The values SOURCES.md names.
    let swisscom = db.irr_refs(Asn::new(3303));
    assert_eq!(swisscom.len(), 1);
    assert_eq!(swisscom[0].to_string(), "RIPE::AS3303:AS-SWCMGLOBAL");
    assert_eq!(swisscom[0].kind, IrrRefKind::AsSet);
    assert_eq!(
        db.irr_refs(Asn::new(31800))[0].kind,
        IrrRefKind::AutNum(Asn::new(31800))
    );
    assert!(db.irr_refs(Asn::new(4436)).is_empty(), "empty irr_as_set");

    // Contacts: 28 NOC/Technical contacts with an e-mail or phone, on 24
    // networks, 20 of which are in the net pages.
    let ops: Vec<_> = db
        .pocs()
        .iter()
        .filter(|p| p.is_operational_contact())
        .collect();
    assert_eq!(ops.len(), 28);
    assert!(ops
        .iter()
        .all(|p| matches!(p.role, PocRole::Noc | PocRole::Technical)));
    let with_contact = db
        .nets()
        .iter()
        .filter(|n| db.has_operational_contact(n.asn))
        .count();
    assert_eq!(with_contact, 20);
    let orgs = db.nets().iter().filter(|n| db.org_of(n).is_some()).count();
    assert_eq!(orgs, 259);
}

#[test]
fn other_object_pages_are_skipped() {
    let Some(dir) = common::data_file("peeringdb/peeringdb-plus/beta-anon") else {
        return;
    };
    for kind in ["ix", "ixlan", "ixpfx", "netixlan", "netfac", "fac"] {
        let data = std::fs::read(dir.join(format!("{kind}-page-1.json"))).unwrap();
        let page = parse_page(&data).unwrap();
        assert!(page.is_empty(), "{kind}: {} kept", page.len());
        assert_eq!(page.skipped, 250, "{kind}");
    }
}

#[test]
fn truncated_real_page() {
    let Some(path) = common::data_file(&format!("{PROD}/net-page-1.json")) else {
        return;
    };
    let data = std::fs::read(&path).unwrap();
    let cut = &data[..data.len() / 2];
    let lines = cut.iter().filter(|b| **b == b'\n').count() + 1;
    let e = Dataset::builder()
        .peeringdb(Input::bytes("net-page-1.json", cut.to_vec()))
        .build()
        .unwrap_err();
    assert_eq!(e.code(), "invalid-json");
    assert_eq!(e.line(), lines);
    let msg = e.to_string();
    assert!(msg.starts_with("net-page-1.json: line "), "{msg}");
    assert!(msg.contains("cut short"), "{msg}");
}

#[test]
fn page_that_is_not_json() {
    let dir = std::env::temp_dir().join(format!("routeguard-pdb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("page.json");
    std::fs::write(
        &path,
        "{\"data\": [\n  {\"id\": 1, \"asn\": 64500},\n  <html>\n]}",
    )
    .unwrap();
    let e = Dataset::builder()
        .peeringdb(Input::text("ok.json", r#"{"data": []}"#))
        .peeringdb(Input::path(&path))
        .build()
        .unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(&*e.input, path.display().to_string());
    assert!(matches!(e.error, LoadError::Parse(_)));
    assert_eq!(e.code(), "invalid-json");
    assert_eq!(e.line(), 3);
    let msg = e.to_string();
    assert!(
        msg.starts_with(&format!(
            "{}: line 3, column 3: invalid JSON",
            path.display()
        )),
        "{msg}"
    );

    // JSON, but not a page.
    let e = Dataset::builder()
        .peeringdb(Input::text("vrps.json", "{\"roas\": []}"))
        .build()
        .unwrap_err();
    assert_eq!(e.code(), "wrong-document");
    assert!(e
        .to_string()
        .starts_with("vrps.json: line 1, column 1: not a PeeringDB API page"));
}

const FACTS: &str = r#"{
  "version": 1,
  "interfaces": [
    {"name": "xe-0/0/1.100", "device": "edge1", "customer_asn": 64501,
     "single_homed": true, "urpf": "strict", "acl": [], "prefixes": ["192.0.2.0/24"]},
    {"name": "xe-0/0/2", "single_homed": true, "urpf": "loose", "acl": ["198.51.100.0/24"]}
  ]
}"#;

const SPOOFER: &str = "\
timestamp,asn,client,private,routed
2024-03-01T10:00:00Z,64500,192.0.2.0/24,blocked,received
2024-02-01T10:00:00Z,64500,2001:db8::/48,blocked,blocked
";

#[test]
fn facts_spoofer_and_progress() {
    let steps = Arc::new(Mutex::new(Vec::new()));
    let seen = steps.clone();
    let ds = Dataset::builder()
        .peeringdb(Input::text(
            "net.json",
            r#"{"data": [{"id": 1, "asn": 64500}]}"#,
        ))
        .peeringdb(Input::text(
            "poc.json",
            r#"{"data": [{"id": 2, "net_id": 1, "role": "NOC", "visible": "Public", "email": "noc@example.net"}]}"#,
        ))
        .sav_facts(Input::text("facts.json", FACTS))
        .spoofer(Input::text("spoofer.csv", SPOOFER))
        .spoofer(Input::text(
            "spoofer.jsonl",
            r#"{"session": 5, "timestamp": "2024-01-01T00:00:00Z", "asn4": "64501", "client4": "203.0.113.0/24", "routedspoof": "rewritten"}"#,
        ))
        .on_progress(move |p| {
            seen.lock()
                .unwrap()
                .push((p.step, p.what.to_owned(), p.done))
        })
        .build()
        .unwrap();
    assert!(ds
        .peeringdb()
        .unwrap()
        .has_operational_contact(Asn::new(64500)));

    let facts = ds.sav_facts().unwrap();
    assert_eq!(facts.interfaces.len(), 2);
    assert_eq!(facts.interfaces[0].urpf, UrpfMode::Strict);
    assert_eq!(facts.interfaces[1].acl_covers_prefixes(), None);

    let sp = ds.spoofer().unwrap();
    let times: Vec<_> = sp.tests.iter().map(|t| (t.asn, t.family)).collect();
    assert_eq!(
        times,
        [
            (Some(Asn::new(64501)), Family::V4),
            (Some(Asn::new(64500)), Family::V6),
            (Some(Asn::new(64500)), Family::V4)
        ]
    );
    assert_eq!(sp.tests[0].routed, Some(SpoofOutcome::Rewritten));
    assert_eq!(
        sp.of_asn(Asn::new(64500)).filter(|t| t.spoofed()).count(),
        1
    );

    let steps = steps.lock().unwrap();
    for name in [
        "net.json",
        "poc.json",
        "facts.json",
        "spoofer.csv",
        "spoofer.jsonl",
    ] {
        for step in [Step::Read, Step::Parse] {
            for done in [false, true] {
                assert!(
                    steps.contains(&(step, name.to_owned(), done)),
                    "{step} {name} {done}"
                );
            }
        }
    }
    assert!(steps.contains(&(Step::Index, "PeeringDB".to_owned(), true)));

    // None of them given: None.
    let ds = Dataset::builder().build().unwrap();
    assert!(ds.peeringdb().is_none() && ds.sav_facts().is_none() && ds.spoofer().is_none());
}

#[test]
fn facts_and_spoofer_errors_name_the_input() {
    let e = Dataset::builder()
        .sav_facts(Input::text(
            "facts.json",
            "{\"interfaces\": [\n  {\"name\": \"a\", \"single_homed\": true, \"urpf\": \"maybe\"}]}",
        ))
        .build()
        .unwrap_err();
    assert_eq!(
        (&*e.input, e.line(), e.code()),
        ("facts.json", 2, "invalid-field")
    );
    assert!(
        e.to_string().starts_with("facts.json: line 2, column "),
        "{e}"
    );

    let e = Dataset::builder()
        .spoofer(Input::text(
            "s.csv",
            "asn,client,routed\n1,192.0.2.0/24,maybe\n",
        ))
        .build()
        .unwrap_err();
    assert_eq!(
        (&*e.input, e.line(), e.code()),
        ("s.csv", 2, "invalid-field")
    );
    assert!(
        e.to_string().starts_with("s.csv: line 2, column 16: "),
        "{e}"
    );
}
