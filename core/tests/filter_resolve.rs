//! The resolver's two back ends agree: every IRRd query the bgpq4
//! expansion sends, answered by the local database and by the real IRRd
//! 4.5.4 lab (scripts/irrd.sh loads the same files), gives the same kind
//! of answer and the same words. Also `explain` on a hand-made world.
#![cfg(feature = "net")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use routeguard::filter::resolve::{
    explain, explain_local, Answer, LocalResolver, Query, Resolver, WhoisResolver,
};
use routeguard::index::irr::{IrrDb, IrrDbBuilder};
use routeguard::net::whois::WhoisOptions;
use routeguard::parse::rpsl::RpslOptions;
use routeguard::Family;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/filter")
        .join(name)
}

/// The sources scripts/irrd.sh loads, in its order.
fn lab_files() -> Option<Vec<(&'static str, PathBuf)>> {
    let peers = common::peers_dir()?;
    Some(vec![
        ("TESTDB", peers.join("irrd/testdb.rpsl")),
        ("OTHERDB", peers.join("irrd/otherdb.rpsl")),
        ("RIPE", fixture("ripe.rpsl")),
        ("RIPE-NONAUTH", fixture("ripe-nonauth.rpsl")),
        ("APNIC", fixture("apnic.rpsl")),
        ("AFRINIC", fixture("afrinic.rpsl")),
        ("FILTERDB", fixture("filterdb.rpsl")),
    ])
}

fn local_db(files: &[(&str, PathBuf)]) -> IrrDb {
    let mut b = IrrDbBuilder::new(RpslOptions::lenient());
    for (src, path) in files {
        b.add_text(&std::fs::read(path).unwrap(), Some(src))
            .unwrap();
    }
    b.build()
}

/// Every set name and origin of the files.
fn names(files: &[(&str, PathBuf)]) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut sets = BTreeSet::new();
    let mut origins = BTreeSet::new();
    for (_, p) in files {
        for line in std::fs::read_to_string(p).unwrap().lines() {
            let (k, v) = match line.split_once(':') {
                Some((k, v)) => (k.trim(), v.trim()),
                None => continue,
            };
            match k {
                "as-set" | "route-set" => {
                    sets.insert(v.to_owned());
                }
                "origin" => {
                    origins.insert(v.to_ascii_uppercase());
                }
                "members" | "mp-members" => {
                    for m in v.split(',') {
                        let m = m.trim();
                        if m.contains("AS-") || m.contains("RS-") {
                            sets.insert(m.split('^').next().unwrap().to_owned());
                        }
                    }
                }
                _ => {}
            }
        }
    }
    (sets, origins)
}

fn normal(a: &Answer) -> (String, BTreeSet<String>) {
    let kind = match a {
        Answer::Data(_) | Answer::Prefixes(_) => "A",
        Answer::Empty => "C",
        Answer::NotFound => "D",
        Answer::Error(_) => "F",
        _ => "?",
    };
    (kind.to_owned(), a.words().map(|w| w.into_owned()).collect())
}

#[test]
fn local_and_irrd_answer_alike() {
    let Some(files) = lab_files() else { return };
    let Some(addr) = common::irrd_addr() else {
        return;
    };
    let db = local_db(&files);
    let mut local = LocalResolver::new(&db);
    let mut remote = WhoisResolver::connect(&[&addr], WhoisOptions::default()).unwrap();
    let (sets, origins) = names(&files);
    let mut queries = vec![Query::SourceList];
    let selections = [
        "",
        "RIPE",
        "FILTERDB,RIPE",
        "RIPE,FILTERDB",
        "APNIC,AFRINIC",
        "NOSUCH",
    ];
    for sel in selections {
        if !sel.is_empty() {
            queries.push(Query::Sources(sel.to_owned()));
            queries.push(Query::SourceList);
        }
        for s in &sets {
            for recursive in [false, true] {
                queries.push(Query::Members {
                    set: s.clone(),
                    recursive,
                });
            }
            for family in [Family::V4, Family::V6] {
                queries.push(Query::SetPrefixes {
                    set: s.clone(),
                    family,
                });
            }
        }
        for o in &origins {
            let asn: u32 = o.trim_start_matches("AS").parse().unwrap();
            for family in [Family::V4, Family::V6] {
                queries.push(Query::Origin { asn, family });
            }
        }
        queries.push(Query::Origin {
            asn: 1,
            family: Family::V4,
        });
        queries.push(Query::Sources(
            "TESTDB,OTHERDB,RIPE,RIPE-NONAUTH,APNIC,AFRINIC,FILTERDB".into(),
        ));
    }
    let a = local.resolve(&queries).unwrap();
    let b = remote.resolve(&queries).unwrap();
    assert_eq!(a.len(), queries.len());
    assert_eq!(b.len(), queries.len());
    let mut data = 0;
    for ((q, x), y) in queries.iter().zip(&a).zip(&b) {
        assert_eq!(normal(x), normal(y), "{}", q.to_wire());
        data += usize::from(matches!(x, Answer::Data(_) | Answer::Prefixes(_)));
    }
    // The comparison covered real answers, not only "not found".
    assert!(
        queries.len() > 600 && data > 200,
        "{} queries, {data} with data",
        queries.len()
    );
}

#[test]
fn explain_names_the_set_path_and_source() {
    let files: Vec<(&str, PathBuf)> = vec![
        ("RIPE", fixture("ripe.rpsl")),
        ("RIPE-NONAUTH", fixture("ripe-nonauth.rpsl")),
        ("FILTERDB", fixture("filterdb.rpsl")),
    ];
    let db = local_db(&files);
    let e = explain_local(&db, "AS-TOP", Family::V4, None, None).unwrap();
    let path = |asn: u32| {
        e.asns
            .iter()
            .find(|a| a.asn == asn)
            .map(|a| a.path.join(">"))
    };
    assert_eq!(path(3001).as_deref(), Some("AS-TOP"));
    assert_eq!(path(3005).as_deref(), Some("AS-TOP>AS-MID>AS-LEAF"));
    assert_eq!(path(3009).as_deref(), Some("AS-TOP>AS3002:AS-HIER"));
    assert_eq!(e.missing_sets, ["AS-MISSING"]);
    assert_eq!(e.loops, ["AS-LOOP2 -> AS-LOOP1"]);
    let p = e
        .prefixes
        .iter()
        .find(|p| p.prefix == "22.0.128.0/17")
        .unwrap();
    assert_eq!(p.origin, Some(3005));
    assert_eq!(p.sources, ["FILTERDB"]);
    assert_eq!(p.path.join(">"), "AS-TOP>AS-MID>AS-LEAF");
    // -L 2: the top set and its direct member sets only.
    let e2 = explain_local(&db, "AS-TOP", Family::V4, Some(2), None).unwrap();
    assert!(e2.asns.iter().any(|a| a.asn == 3003));
    assert!(!e2.asns.iter().any(|a| a.asn == 3005));
    assert_eq!(e2.too_deep, ["AS-LEAF", "AS-LOOP2"]);
    // Source order decides which twin of a set name is used.
    let r = explain_local(
        &db,
        "AS-RIPEONLY",
        Family::V4,
        None,
        Some(&["RIPE", "FILTERDB"]),
    )
    .unwrap();
    assert_eq!(r.asns.iter().map(|a| a.asn).collect::<Vec<_>>(), [2001]);
    let f = explain_local(
        &db,
        "AS-RIPEONLY",
        Family::V4,
        None,
        Some(&["FILTERDB", "RIPE"]),
    )
    .unwrap();
    assert_eq!(f.asns.iter().map(|a| a.asn).collect::<Vec<_>>(), [2009]);
    assert_eq!(f.prefixes.len(), 1);
    // The text form lists every line.
    let text = e.to_string();
    assert!(
        text.contains("AS3005  via AS-TOP > AS-MID > AS-LEAF"),
        "{text}"
    );
    assert!(text.contains("missing set AS-MISSING"), "{text}");
}

/// A `SOURCE::` scope holds for the top set only: without `-S`, its member
/// sets resolve from the sources selected before (`!s-lc`), and that
/// selection is back in place afterwards (an empty `!s` restored nothing).
#[test]
fn explain_scoped_set_restores_the_selection() {
    let mut b = IrrDbBuilder::new(RpslOptions::lenient());
    b.add_text(
        b"as-set: AS-SCOPED\nmembers: AS-ELSEWHERE, AS65010\nsource: SRCA\n",
        Some("SRCA"),
    )
    .unwrap();
    b.add_text(
        b"as-set: AS-ELSEWHERE\nmembers: AS65020\nsource: SRCB\n\n\
          route: 192.0.2.0/24\norigin: AS65020\nsource: SRCB\n",
        Some("SRCB"),
    )
    .unwrap();
    let db = b.build();
    let e = explain_local(&db, "SRCA::AS-SCOPED", Family::V4, None, None).unwrap();
    let asns: Vec<u32> = e.asns.iter().map(|a| a.asn).collect();
    assert_eq!(asns, [65010, 65020], "{e}");
    assert!(e.missing_sets.is_empty(), "{e}");
    let p = e
        .prefixes
        .iter()
        .find(|p| p.prefix == "192.0.2.0/24")
        .unwrap();
    assert_eq!(p.sources, ["SRCB"]);
    // The resolver's selection is what it was.
    let mut r = LocalResolver::new(&db);
    let before = r.resolve_one(Query::SourceList).unwrap();
    explain(&mut r, "SRCA::AS-SCOPED", Family::V4, None, 100, None).unwrap();
    assert_eq!(r.resolve_one(Query::SourceList).unwrap(), before);
    // With -S the scope is undone to the -S list.
    explain(
        &mut r,
        "SRCA::AS-SCOPED",
        Family::V4,
        None,
        100,
        Some(&["SRCB"]),
    )
    .unwrap();
    assert_eq!(
        r.resolve_one(Query::SourceList).unwrap(),
        Answer::Data("SRCB".into())
    );
}

/// The same over the IRRd lab: IRRd refuses an empty `!s`, so the scope
/// must be undone with the list `!s-lc` gave; the walk agrees with the
/// local database's.
#[test]
fn explain_scoped_set_over_irrd() {
    let Some(files) = lab_files() else { return };
    let Some(addr) = common::irrd_addr() else {
        return;
    };
    let mut remote = WhoisResolver::connect(&[&addr], WhoisOptions::default()).unwrap();
    let before = remote.resolve_one(Query::SourceList).unwrap();
    assert!(matches!(before, Answer::Data(_)), "{before:?}");
    let e = explain(
        &mut remote,
        "FILTERDB::AS-TOP",
        Family::V4,
        None,
        1000,
        None,
    )
    .unwrap();
    assert_eq!(remote.resolve_one(Query::SourceList).unwrap(), before);
    let db = local_db(&files);
    let l = explain_local(&db, "FILTERDB::AS-TOP", Family::V4, None, None).unwrap();
    let asns = |x: &routeguard::filter::resolve::Explanation| {
        x.asns
            .iter()
            .map(|a| (a.asn, a.path.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(asns(&e), asns(&l));
    assert!(e.asns.iter().any(|a| a.asn == 3005), "{e}");
    assert_eq!(e.missing_sets, l.missing_sets);
}
