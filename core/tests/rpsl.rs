//! RPSL parser against real data (IRRd samples, dn42, AS3257, RIPE GRS
//! excerpts, irrexplorer, arouteserver) and property tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;
use std::io::BufReader;

use proptest::prelude::*;
use routeguard::diag::Mode;
use routeguard::model::rpsl::{
    Afi, Member, ObjectClass, Peer, PolicyKind, RangeOp, RpslObject, SetKind, TypedObject,
};
use routeguard::model::Asn;
use routeguard::parse::rpsl::RpslErrorKind;
use routeguard::parse::rpsl::{self, RpslOptions, RpslReader};

fn lenient_all() -> RpslOptions {
    RpslOptions {
        max_warnings: usize::MAX,
        ..RpslOptions::lenient()
    }
}

fn sample(name: &str) -> Option<Vec<u8>> {
    common::read_data(&format!("irr/irrd-samples/{name}.rpsl"))
}

// ---------------------------------------------------------------- IRRd samples

#[test]
fn irrd_valid_samples_parse_strictly_into_typed_objects() {
    let cases: &[(&str, &str)] = &[
        ("SAMPLE_AS_BLOCK", "as-block"),
        ("SAMPLE_AS_SET", "as-set"),
        ("SAMPLE_AUT_NUM", "aut-num"),
        ("SAMPLE_DOMAIN", "domain"),
        ("SAMPLE_FILTER_SET", "filter-set"),
        ("SAMPLE_INET6NUM", "inet6num"),
        ("SAMPLE_INETNUM", "inetnum"),
        ("SAMPLE_INET_RTR", "inet-rtr"),
        ("SAMPLE_IRT", "irt"),
        ("SAMPLE_KEY_CERT", "key-cert"),
        ("SAMPLE_MNTNER", "mntner"),
        ("SAMPLE_ORGANISATION", "organisation"),
        ("SAMPLE_PEERING_SET", "peering-set"),
        ("SAMPLE_PERSON", "person"),
        ("SAMPLE_ROLE", "role"),
        ("SAMPLE_ROUTE", "route"),
        ("SAMPLE_ROUTE6", "route6"),
        ("SAMPLE_ROUTE_SET", "route-set"),
        ("SAMPLE_RTR_SET", "rtr-set"),
    ];
    for (name, class) in cases {
        let Some(text) = sample(name) else { return };
        let parsed = rpsl::parse_all(&text, &RpslOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(parsed.objects.len(), 1, "{name}");
        let obj = &parsed.objects[0];
        assert_eq!(obj.class_name(), *class, "{name}");
        let t = rpsl::typed(obj).unwrap();
        let ok = match (&t, obj.class()) {
            (TypedObject::Route(_), ObjectClass::Route | ObjectClass::Route6) => true,
            (TypedObject::AutNum(_), ObjectClass::AutNum) => true,
            (TypedObject::Set(s), ObjectClass::AsSet) => s.kind == SetKind::AsSet,
            (TypedObject::Set(s), ObjectClass::RouteSet) => s.kind == SetKind::RouteSet,
            (TypedObject::Mntner(_), ObjectClass::Mntner) => true,
            (TypedObject::Contact(c), ObjectClass::Person | ObjectClass::Role) => {
                c.class == obj.class()
            }
            (TypedObject::Organisation(_), ObjectClass::Organisation) => true,
            (TypedObject::Irt(_), ObjectClass::Irt) => true,
            (TypedObject::InetNum(n), ObjectClass::Inetnum | ObjectClass::Inet6num) => {
                n.class == obj.class()
            }
            (TypedObject::Other(_), ObjectClass::Other) => true,
            _ => false,
        };
        assert!(ok, "{name}: wrong typed view {t:?}");
    }
}

#[test]
fn irrd_sample_details() {
    let Some(text) = sample("SAMPLE_ROUTE_SET") else {
        return;
    };
    let obj = rpsl::parse_all(&text, &RpslOptions::default())
        .unwrap()
        .objects
        .remove(0);
    let TypedObject::Set(s) = rpsl::typed(&obj).unwrap() else {
        panic!()
    };
    assert!(s.members.iter().any(
        |m| matches!(m, Member::Prefix(p, RangeOp::None) if p.to_string() == "2001:db8::/48")
    ));
    assert!(s
        .members
        .iter()
        .any(|m| matches!(m, Member::Set(n, _) if n.name == "RS-OTHER-SET")));

    let Some(text) = sample("SAMPLE_MNTNER") else {
        return;
    };
    let obj = rpsl::parse_all(&text, &RpslOptions::default())
        .unwrap()
        .objects
        .remove(0);
    let TypedObject::Mntner(m) = rpsl::typed(&obj).unwrap() else {
        panic!()
    };
    assert_eq!(
        m.auth_schemes,
        ["PGPKEY-80F238C6", "CRYPT-PW", "MD5-PW", "BCRYPT-PW"]
    );
    // Secrets are never kept.
    assert!(!format!("{m:?}").contains("LEuuhsBJNFV0Q"));
    assert_eq!(m.mnt_by, ["TEST-MNT", "OTHER1-MNT", "OTHER2-MNT"]);
    // Unicode survives.
    assert!(obj.get("remarks").unwrap().contains("unįcöde tæst 🌈🦄"));

    let Some(text) = sample("SAMPLE_INETNUM") else {
        return;
    };
    let obj = rpsl::parse_all(&text, &RpslOptions::default())
        .unwrap()
        .objects
        .remove(0);
    let TypedObject::InetNum(n) = rpsl::typed(&obj).unwrap() else {
        panic!()
    };
    // `192.0.02.255`: a leading zero is tolerated.
    assert_eq!(
        (n.first.to_string(), n.last.to_string()),
        ("192.0.2.0".into(), "192.0.2.255".into())
    );

    let Some(text) = sample("SAMPLE_AUT_NUM") else {
        return;
    };
    let obj = rpsl::parse_all(&text, &RpslOptions::default())
        .unwrap()
        .objects
        .remove(0);
    let TypedObject::AutNum(a) = rpsl::typed(&obj).unwrap() else {
        panic!()
    };
    assert!(!a.policy.is_empty());
    assert!(
        a.policy
            .iter()
            .all(|p| !rpsl::parse_policy_line(p).unwrap().terms.is_empty()),
        "{:?}",
        a.policy
    );
}

/// Each malformed sample: (file, expected message fragment, expected line,
/// lenient outcome: `true` = skipped, `false` = kept with a warning).
#[test]
fn irrd_malformed_samples_fail_strict_and_are_skipped_lenient() {
    let cases: &[(&str, &str, usize, bool)] = &[
        (
            "SAMPLE_MALFORMED_ATTRIBUTE_NAME",
            "invalid attribute name \"$$$-by\"",
            3,
            true,
        ),
        (
            "SAMPLE_MALFORMED_EMPTY_LINE",
            "route object lacks mandatory attribute \"source\"",
            1,
            true,
        ),
        ("SAMPLE_MALFORMED_PK", "invalid route: ", 1, true),
        (
            "SAMPLE_MALFORMED_SOURCE",
            "malformed source \"+TEST$$$\"",
            5,
            true,
        ),
        (
            "SAMPLE_MISSING_MANDATORY_ATTRIBUTE",
            "route object lacks mandatory attribute \"mnt-by\"",
            1,
            false,
        ),
        (
            "SAMPLE_MISSING_SOURCE",
            "route object lacks mandatory attribute \"source\"",
            1,
            true,
        ),
        (
            "SAMPLE_INVALID_MULTIPLE_ATTRIBUTE",
            "route object has attribute \"source\" more than once",
            6,
            true,
        ),
        (
            "SAMPLE_UNKNOWN_ATTRIBUTE",
            "route object has unknown attribute \"foo\"",
            4,
            false,
        ),
        (
            "SAMPLE_UNKNOWN_CLASS",
            "unknown object class \"foo-block\"",
            1,
            true,
        ),
        (
            "SAMPLE_LEGACY_IRRD_ARTIFACT",
            "legacy deleted object \"*xxte\"",
            1,
            true,
        ),
        (
            "SAMPLE_LINE_NEITHER_CONTINUATION_NOR_ATTR",
            "line is neither an attribute nor a continuation: \"or\"",
            4,
            true,
        ),
    ];
    for &(name, msg, line, skipped) in cases {
        let Some(text) = sample(name) else { return };
        let e = rpsl::parse_all(&text, &RpslOptions::default()).unwrap_err();
        assert!(e.to_string().contains(msg), "{name}: {e}");
        assert_eq!(e.line(), line, "{name}: {e}");
        let p = rpsl::parse_all(&text, &lenient_all()).unwrap();
        if name == "SAMPLE_LEGACY_IRRD_ARTIFACT" {
            assert_eq!((p.objects.len(), p.deleted, p.skipped), (0, 1, 0), "{name}");
            assert!(p.warnings.is_empty());
        } else if name == "SAMPLE_MISSING_MANDATORY_ATTRIBUTE" {
            // Lenient checks the primary key and source only (IRRd non-strict).
            assert_eq!((p.objects.len(), p.skipped), (1, 0), "{name}");
        } else if skipped {
            assert!(
                p.objects.iter().all(|o| o.class_name() != "route"
                    || o.get("source").is_none()
                    || name == "SAMPLE_MALFORMED_EMPTY_LINE"),
                "{name}"
            );
            assert!(p.skipped >= 1, "{name}");
            assert!(
                p.warnings.iter().any(|w| w.to_string().contains(msg)),
                "{name}: {:?}",
                p.warnings
            );
        } else {
            assert_eq!((p.objects.len(), p.skipped), (1, 0), "{name}");
            assert_eq!(p.warnings.len(), 1, "{name}");
            assert!(p.warnings[0].to_string().contains(msg));
            assert_eq!(p.warnings[0].line(), line);
        }
    }
    // The empty-line sample is two objects in both readings: a route without
    // source and a `changed:` object of no known class.
    let Some(text) = sample("SAMPLE_MALFORMED_EMPTY_LINE") else {
        return;
    };
    let p = rpsl::parse_all(&text, &lenient_all()).unwrap();
    assert_eq!((p.objects.len(), p.skipped), (0, 2));
    assert!(p.warnings[1]
        .to_string()
        .contains("unknown object class \"changed\""));
}

#[test]
fn pgp_messages_and_password_constants_are_not_objects() {
    for name in [
        "KEY_CERT_SIGNED_MESSAGE_CORRUPT",
        "KEY_CERT_SIGNED_MESSAGE_INVALID",
        "KEY_CERT_SIGNED_MESSAGE_VALID",
        "KEY_CERT_SIGNED_MESSAGE_WRONG_KEY",
        "SIGNED_PERSON_UPDATE_VALID",
        "SAMPLE_MNTNER_BCRYPT",
        "SAMPLE_MNTNER_CRYPT",
        "SAMPLE_MNTNER_MD5",
    ] {
        let Some(text) = sample(name) else { return };
        assert!(
            rpsl::parse_all(&text, &RpslOptions::default()).is_err(),
            "{name}"
        );
        let p = rpsl::parse_all(&text, &lenient_all()).unwrap();
        assert!(p.skipped >= 1 && !p.warnings.is_empty(), "{name}");
        // A signed person update carries a real person object inside.
        if name == "SIGNED_PERSON_UPDATE_VALID" {
            assert!(p.objects.iter().all(|o| o.class_name() == "person"));
        } else {
            assert!(p.objects.is_empty(), "{name}: {:?}", p.objects);
        }
    }
}

// ---------------------------------------------------------------- real dumps

#[test]
fn dn42_registry_counts() {
    let Some(text) = common::read_data("irr/dn42/dn42-registry.rpsl") else {
        return;
    };
    let p = rpsl::parse_all(&text, &lenient_all()).unwrap();
    // SOURCES.md: 15,716 objects. One inetnum has its range backwards
    // (`172.23.161.64 - 172.23.159.96`): a malformed primary key, skipped.
    assert_eq!(p.objects.len() + p.skipped, 15_716);
    assert_eq!(p.skipped, 1);
    assert_eq!(p.deleted, 0);
    let bad: Vec<_> = p
        .warnings
        .iter()
        .filter(|w| {
            !matches!(
                w.kind,
                RpslErrorKind::UnknownAttribute { .. } | RpslErrorKind::RepeatedAttribute { .. }
            )
        })
        .collect();
    assert_eq!(bad.len(), 1);
    assert!(bad[0].to_string().contains("172.23.161.64 - 172.23.159.96"));
    let mut classes: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &p.objects {
        *classes.entry(o.class_name()).or_default() += 1;
    }
    let expected: BTreeMap<&str, usize> = [
        ("aut-num", 2_981),
        ("mntner", 2_791),
        ("inetnum", 2_681),
        ("route", 2_311),
        ("inet6num", 2_241),
        ("route6", 2_132),
        ("organisation", 419),
        ("as-set", 92),
        ("role", 28),
        ("schema", 18),
        ("registry", 10),
        ("as-block", 9),
        ("route-set", 2),
    ]
    .into_iter()
    .collect();
    assert_eq!(classes, expected);
    // Every route types; dn42 allows several `origin:` (a warning each;
    // the typed view takes the first).
    let mut routes = 0;
    let mut with_max = 0;
    for o in p
        .objects
        .iter()
        .filter(|o| matches!(o.class(), ObjectClass::Route | ObjectClass::Route6))
    {
        let TypedObject::Route(r) = rpsl::typed(o).unwrap() else {
            panic!()
        };
        assert!(!r.source.is_empty());
        assert_eq!(r.prefix.is_ipv4(), o.class() == ObjectClass::Route);
        routes += 1;
        with_max += usize::from(r.max_length.is_some());
    }
    assert_eq!(routes, 4_443);
    assert!(with_max > 1_000, "{with_max}");
    // The multi-origin routes warn once each.
    let repeated = p.warnings.iter().filter(|w| matches!(&w.kind, RpslErrorKind::RepeatedAttribute { attribute, .. } if attribute == "origin")).count();
    assert_eq!(repeated, 104);
    // Typed conversion of everything: only the one route-set member
    // `172.20.0.0/14+` (not RPSL: `^+` was meant) fails.
    let failures: Vec<_> = p
        .objects
        .iter()
        .filter_map(|o| rpsl::typed(o).err())
        .collect();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(failures[0].to_string().contains("172.20.0.0/14+"));
    // Strict mode stops at the first object outside IRRd's schema.
    let e = rpsl::parse_all(&text, &RpslOptions::default()).unwrap_err();
    assert!(e.line() > 0);
}

#[test]
fn as3257_policy_lines() {
    let Some(text) = common::read_data("irr/rpsl-rs/AS3257.txt") else {
        return;
    };
    let p = rpsl::parse_all(&text, &RpslOptions::default()).unwrap();
    assert_eq!(p.objects.len(), 1);
    let TypedObject::AutNum(a) = rpsl::typed(&p.objects[0]).unwrap() else {
        panic!()
    };
    assert_eq!(a.asn, Asn::new(3257));
    assert_eq!(a.policy.len(), 9_546);
    let count = |k| a.policy.iter().filter(|l| l.kind == k).count();
    assert_eq!(count(PolicyKind::Import), 2_916);
    assert_eq!(count(PolicyKind::Export), 2_916);
    assert_eq!(count(PolicyKind::MpImport), 1_857);
    assert_eq!(count(PolicyKind::MpExport), 1_857);
    // Every line parses with terms (no fallback to empty terms).
    for l in &a.policy {
        let direct = rpsl::parse_policy(l.kind, &l.text, l.line).unwrap_or_else(|e| panic!("{e}"));
        assert!(!direct.terms.is_empty());
        assert_eq!(direct, rpsl::parse_policy_line(l).unwrap());
        assert_eq!((direct.kind, direct.line), (l.kind, l.line));
    }
    // A sample: each line's peer is the AS written after from/to.
    let mut checked = 0;
    for l in a.policy.iter().step_by(97) {
        let kw = if matches!(l.kind, PolicyKind::Import | PolicyKind::MpImport) {
            "from "
        } else {
            "to "
        };
        let after = l.text.split(kw).nth(1).unwrap();
        let peer_word = after.split_whitespace().next().unwrap();
        let parsed = rpsl::parse_policy_line(l).unwrap();
        match &parsed.terms[0].peer {
            Peer::Asn(asn) => assert_eq!(
                asn.to_string().to_ascii_uppercase(),
                peer_word.to_ascii_uppercase(),
                "{}",
                l.text
            ),
            Peer::Set(s) => assert_eq!(s.to_string(), peer_word),
            other => panic!("{other:?} for {}", l.text),
        }
        if matches!(l.kind, PolicyKind::MpImport | PolicyKind::MpExport)
            && l.text.starts_with("afi")
        {
            assert!(!parsed.afi.is_empty());
        }
        checked += 1;
    }
    assert!(checked > 90);
    let first_mp = a
        .policy
        .iter()
        .find(|l| l.kind == PolicyKind::MpExport && l.text.contains("ipv6.unicast"))
        .unwrap();
    assert_eq!(
        rpsl::parse_policy_line(first_mp).unwrap().afi,
        vec![Afi::Ipv6]
    );
}

#[test]
fn as29075_and_rpsl_via() {
    let Some(text) = common::read_data("irr/arouteserver-rpsl-via/29075.aut-num") else {
        return;
    };
    let p = rpsl::parse_all(&text, &RpslOptions::default()).unwrap();
    let TypedObject::AutNum(a) = rpsl::typed(&p.objects[0]).unwrap() else {
        panic!()
    };
    assert_eq!(a.policy.len(), 421);
    for l in &a.policy {
        rpsl::parse_policy(l.kind, &l.text, l.line).unwrap_or_else(|e| panic!("{e}"));
    }
    // A multi-line import with four `from … action …` clauses and no accept
    // before the last: four terms sharing one filter.
    let multi = rpsl::parse_policy_line(
        a.policy
            .iter()
            .find(|l| l.text.starts_with("from AS5511 action"))
            .unwrap(),
    )
    .unwrap();
    assert!(multi.terms.len() >= 4);
    assert!(multi.terms.windows(2).all(|w| w[0].filter == w[1].filter));
    assert_eq!(multi.terms[1].peer, Peer::Asn(Asn::new(1299)));
    assert_eq!(multi.terms[0].action, "pref=200; med=190;");
    let via = rpsl::parse_policy_line(
        a.policy
            .iter()
            .find(|l| l.kind == PolicyKind::ImportVia && l.text.starts_with("AS6695"))
            .unwrap(),
    )
    .unwrap();
    assert!(via.via.starts_with("AS6695 AS6777"), "{}", via.via);
    assert!(via.terms.len() >= 5);
    assert!(
        matches!(&via.terms[0].peer, Peer::Expr(e) if e == "AS-ANY EXCEPT AS29075:AS-CUSTOMERS")
    );
    assert_eq!(via.terms[1].action, "pref=200; med=100;");

    for f in [
        "15562-draft-ietf-grow-rpsl-via-01_1.aut-num",
        "15562-draft-ietf-grow-rpsl-via-01_2.aut-num",
    ] {
        let Some(text) = common::read_data(&format!("irr/arouteserver-rpsl-via/{f}")) else {
            return;
        };
        // Fragments without `source:`: skipped when validating...
        let p = rpsl::parse_all(&text, &lenient_all()).unwrap();
        assert_eq!((p.objects.len(), p.skipped), (0, 1));
        // ...but the lexer reads them and every policy line parses.
        let raw = rpsl::objects(&text).next().unwrap().unwrap();
        let obj = raw.to_object().unwrap();
        let mut n = 0;
        for at in &obj.attributes {
            if let Some(kind) = PolicyKind::from_name(&at.name) {
                let l = rpsl::parse_policy(kind, &at.value, at.line).unwrap();
                if kind == PolicyKind::ImportVia
                    && at.value.starts_with("AS6777")
                    && at.value.contains("AS-SNIJDERS")
                {
                    assert_eq!(l.via, "AS6777");
                    assert_eq!(l.terms[0].peer, Peer::Asn(Asn::new(15562)));
                    assert_eq!(l.terms[0].action, "pref = 2;");
                    assert_eq!(l.terms[0].filter, "AS-SNIJDERS");
                }
                n += 1;
            }
        }
        assert!(n >= 2);
    }
}

#[test]
fn irrexplorer_and_grs_excerpts() {
    let Some(text) = common::read_data("irr/irrexplorer-v1/irrtest.data") else {
        return;
    };
    let p = rpsl::parse_all(&text, &lenient_all()).unwrap();
    assert_eq!((p.objects.len(), p.skipped), (11, 0));
    let route = &p.objects[0];
    assert_eq!(
        route.get("descr"),
        Some("MERIT Network Inc.\n1000 Oakbrook Drive, Suite 200\nAnn Arbor\nMI 48104, USA")
    );
    assert_eq!(p.objects[1].line, 14);
    assert!(p.objects.iter().any(|o| o.get("source") == Some("RIPE")));

    let Some(text) = common::read_data("irr/ripe-whois-grs/jpirr.test") else {
        return;
    };
    let p = rpsl::parse_all(&text, &lenient_all()).unwrap();
    assert_eq!((p.objects.len(), p.deleted, p.skipped), (2, 1, 0));
    let e = rpsl::parse_all(&text, &RpslOptions::default()).unwrap_err();
    assert_eq!(
        (e.line(), e.kind.clone()),
        (10, RpslErrorKind::DeletedObject("*xxset".into()))
    );

    let Some(text) = common::read_data("irr/ripe-whois-grs/radb.test") else {
        return;
    };
    let p = rpsl::parse_all(&text, &lenient_all()).unwrap();
    assert_eq!((p.objects.len(), p.deleted), (2, 1));
    assert!(p
        .objects
        .iter()
        .all(|o| o.get("changed").is_none_or(|c| !c.contains('#'))));
    let route = p
        .objects
        .iter()
        .find(|o| o.class() == ObjectClass::Route)
        .unwrap();
    let TypedObject::Route(r) = rpsl::typed(route).unwrap() else {
        panic!()
    };
    assert_eq!(r.prefix.to_string(), "167.96.0.0/16");
    assert!(!r.member_of.is_empty());

    let Some(text) = common::read_data("irr/ripe-whois-grs/lacnic.test") else {
        return;
    };
    let p = rpsl::parse_all(&text, &lenient_all()).unwrap();
    assert_eq!(p.objects.len(), 3);
    // Latin-1 bytes decode per value: `FUNDA\xc7\xc3O … \xc0 … S\xc3O PAULO`.
    assert_eq!(
        p.objects[0].get("owner"),
        Some("FUNDAÇÃO DE AMPARO À PESQUISA DO ESTADO SÃO PAULO")
    );
    let TypedObject::AutNum(a) = rpsl::typed(&p.objects[0]).unwrap() else {
        panic!()
    };
    assert_eq!(a.asn, Asn::new(278));
    let TypedObject::InetNum(n) = rpsl::typed(&p.objects[1]).unwrap() else {
        panic!()
    };
    assert_eq!(
        (n.first.to_string(), n.last.to_string()),
        ("24.232.16.0".into(), "24.232.16.255".into())
    );
    let TypedObject::InetNum(n) = rpsl::typed(&p.objects[2]).unwrap() else {
        panic!()
    };
    assert!(n.first.is_ipv6());

    for (f, n) in [("afrinic.test", 5), ("apnic.test", 2), ("ripe.test", 2)] {
        let Some(text) = common::read_data(&format!("irr/ripe-whois-grs/{f}")) else {
            return;
        };
        let p = rpsl::parse_all(&text, &RpslOptions::default()).unwrap();
        assert_eq!(p.objects.len(), n, "{f}");
    }

    let Some(text) = common::read_data("irr/ripe-whois-grs/TEST.db") else {
        return;
    };
    let p = rpsl::parse_all(&text, &lenient_all()).unwrap();
    assert_eq!((p.objects.len(), p.skipped), (220, 0));

    // ARIN bulk whois is not RPSL: every record is an unknown class (or a
    // bad attribute name such as `State/Prov`), skipped with a warning.
    let Some(text) = common::read_data("irr/ripe-whois-grs/arin_db.txt") else {
        return;
    };
    let p = rpsl::parse_all(&text, &lenient_all()).unwrap();
    assert_eq!((p.objects.len(), p.skipped), (0, 5));
    let e = rpsl::parse_all(&text, &RpslOptions::default()).unwrap_err();
    assert_eq!(e.kind, RpslErrorKind::UnknownClass("ashandle".into()));
}

#[test]
fn every_irr_file_parses_leniently() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let mut n = 0;
    for sub in std::fs::read_dir(dir.join("irr")).unwrap() {
        let sub = sub.unwrap().path();
        if !sub.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&sub).unwrap() {
            let path = f.unwrap().path();
            let text = std::fs::read(&path).unwrap();
            let p = rpsl::parse_all(&text, &lenient_all())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            // The streaming reader agrees.
            let mut r = RpslReader::new(BufReader::with_capacity(64, &text[..]), lenient_all());
            let mut objs = Vec::new();
            while let Some(o) = r.next_object() {
                objs.push(o.unwrap());
            }
            assert_eq!(objs, p.objects, "{}", path.display());
            assert_eq!((r.skipped(), r.deleted()), (p.skipped, p.deleted));
            n += 1;
        }
    }
    assert!(n > 90, "{n}");
}

// ---------------------------------------------------------------- reader

#[test]
fn reader_limits_oversized_objects() {
    let mut text = b"route: 192.0.2.0/24\norigin: AS1\nmnt-by: M\nsource: T\n\n".to_vec();
    text.extend(b"remarks: ");
    text.extend(std::iter::repeat_n(b'x', 5000));
    text.extend(b"\nsource: T\n\nroute: 198.51.100.0/24\norigin: AS2\nmnt-by: M\nsource: T\n");
    let opts = RpslOptions {
        max_object_bytes: 1000,
        ..RpslOptions::lenient()
    };
    let mut r = RpslReader::new(BufReader::with_capacity(16, &text[..]), opts.clone());
    let mut keys = Vec::new();
    while let Some(o) = r.next_object() {
        keys.push(o.unwrap().key().to_owned());
    }
    assert_eq!(keys, ["192.0.2.0/24", "198.51.100.0/24"]);
    assert_eq!(r.skipped(), 1);
    assert!(matches!(r.warnings()[0].kind, RpslErrorKind::Limit(_)));
    assert_eq!(r.warnings()[0].line(), 6);
    // parse_all agrees, strict fails.
    let p = rpsl::parse_all(&text, &opts).unwrap();
    assert_eq!(p.objects.len(), 2);
    let strict = RpslOptions {
        mode: Mode::Strict,
        ..opts
    };
    let mut r = RpslReader::new(&text[..], strict.clone());
    assert!(r.next_object().unwrap().is_ok());
    assert!(matches!(
        r.next_object().unwrap().unwrap_err().kind,
        RpslErrorKind::Limit(_)
    ));
    assert!(rpsl::parse_all(&text, &strict).is_err());
}

#[test]
fn attribute_and_line_limits() {
    let text = b"as-set: AS-X\nmembers: AS1\nmembers: AS2\nmembers: AS3\nsource: T\n";
    let opts = RpslOptions {
        max_attributes: 3,
        ..RpslOptions::default()
    };
    let e = rpsl::parse_all(text, &opts).unwrap_err();
    assert!(matches!(e.kind, RpslErrorKind::Limit(_)));
    assert_eq!(e.line(), 4);
    let opts = RpslOptions {
        max_line_bytes: 10,
        ..RpslOptions::default()
    };
    assert!(matches!(
        rpsl::parse_all(text, &opts).unwrap_err().kind,
        RpslErrorKind::Limit(_)
    ));
}

// ---------------------------------------------------------------- syntax

#[test]
fn syntax_features() {
    let text = "\u{feff}% header\r\n#comment\r\n\r\nROUTE: 192.0.2.0/24 # c\r\nDescr: one\r\n two\r\n+\r\n\tthree # x\r\nOrigin:AS65000\r\nmnt-by: A, B\r\nsource: TEST\r\n  \t\r\naut-num: AS65000\nsource: TEST";
    let p = rpsl::parse_all(text.as_bytes(), &lenient_all()).unwrap();
    assert_eq!(p.objects.len(), 2);
    let r = &p.objects[0];
    assert_eq!(r.line, 4);
    assert_eq!(r.class_name(), "route");
    assert_eq!(r.key(), "192.0.2.0/24");
    assert_eq!(r.get("descr"), Some("one\ntwo\nthree"));
    assert_eq!(r.get("origin"), Some("AS65000"));
    assert_eq!(r.attributes[2].line, 9);
    assert_eq!(p.objects[1].line, 13);
    let raw = rpsl::objects(text.as_bytes()).next().unwrap().unwrap();
    assert_eq!(raw.class_name(), b"ROUTE");
    let a: Vec<_> = raw.attributes().map(Result::unwrap).collect();
    assert_eq!(a[0].first_word(), b"192.0.2.0/24");
    assert_eq!(a[1].text(), "one\ntwo\nthree");
    assert!(matches!(a[0].text(), std::borrow::Cow::Borrowed(_)));
}

#[test]
fn set_members_and_range_operators() {
    let text = b"route-set: AS65000:RS-FOO\nmembers: 192.0.2.0/24^-, 192.0.2.0/24^+, 10.0.0.0/8^16, 10.0.0.0/8^16-24\nmp-members: 2001:db8::/32^48, RS-BAR^+, AS65001^+, RIPE::RS-BAZ, AS65002\nmembers: RS-ANY\nmbrs-by-ref: ANY\nmnt-by: M\nadmin-c: A\ntech-c: A\nsource: TEST\n";
    let p = rpsl::parse_all(text, &RpslOptions::default()).unwrap();
    let TypedObject::Set(s) = rpsl::typed(&p.objects[0]).unwrap() else {
        panic!()
    };
    assert_eq!(s.name.name, "AS65000:RS-FOO");
    let shown: Vec<String> = s.members.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "192.0.2.0/24^-",
            "192.0.2.0/24^+",
            "10.0.0.0/8^16",
            "10.0.0.0/8^16-24",
            "2001:db8::/32^48",
            "RS-BAR^+",
            "AS65001^+",
            "RIPE::RS-BAZ",
            "AS65002",
            "ANY"
        ]
    );
    assert_eq!(s.mbrs_by_ref, ["ANY"]);
    for bad in [
        "192.0.2.1/24",
        "10.0.0.0/8^33",
        "10.0.0.0/8^24-16",
        "RS-X^",
        "foo",
        "AS-X::",
    ] {
        assert!(rpsl::parse_member(bad, SetKind::RouteSet).is_err(), "{bad}");
    }
    assert!(rpsl::parse_member("192.0.2.0/24", SetKind::AsSet).is_err());
    assert!(rpsl::parse_member("AS1^+", SetKind::AsSet).is_err());
    assert_eq!(
        rpsl::parse_member("as-any", SetKind::AsSet).unwrap(),
        Member::Any
    );
    // Routes with host bits are errors.
    let e = rpsl::parse_all(
        b"route: 192.0.2.1/24\norigin: AS1\nmnt-by: M\nsource: T\n",
        &RpslOptions::lenient(),
    )
    .unwrap();
    assert_eq!(e.skipped, 1);
}

// ---------------------------------------------------------------- proptests

/// A generated object: attributes as (name, value lines), with the style
/// used to render each continuation.
#[derive(Clone, Debug)]
struct GenAttr {
    name: String,
    lines: Vec<String>,
    styles: Vec<u8>,
    comment: bool,
}

fn gen_attr() -> impl Strategy<Value = GenAttr> {
    (
        "[a-z][a-z0-9_-]{0,10}",
        proptest::collection::vec("[A-Za-z0-9.:/^+,-]{1,8}( [A-Za-z0-9.é-]{1,6}){0,2}", 1..4),
        proptest::collection::vec(0u8..3, 3),
        any::<bool>(),
    )
        .prop_map(|(name, lines, styles, comment)| GenAttr {
            name,
            lines,
            styles,
            comment,
        })
}

fn render(objs: &[Vec<GenAttr>], crlf: bool, comments_between: bool) -> (Vec<u8>, Vec<usize>) {
    let nl = if crlf { "\r\n" } else { "\n" };
    let mut out = String::new();
    let mut line = 1;
    let mut lines = Vec::new();
    for o in objs {
        if comments_between {
            out.push_str(&format!("% comment{nl}# other{nl}"));
            line += 2;
        }
        lines.push(line);
        for a in o {
            for (i, l) in a.lines.iter().enumerate() {
                if i == 0 {
                    out.push_str(&format!("{}:  {}", a.name, l));
                } else {
                    let marker = match a.styles[i - 1] {
                        0 => " ",
                        1 => "\t",
                        _ => "+",
                    };
                    out.push_str(&format!("{marker}{l}"));
                }
                if a.comment {
                    out.push_str(" # note");
                }
                out.push_str(nl);
                line += 1;
            }
        }
        out.push_str(nl);
        line += 1;
    }
    (out.into_bytes(), lines)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Rendered objects parse back to the generator's model.
    #[test]
    fn generated_objects_round_trip(
        objs in proptest::collection::vec(proptest::collection::vec(gen_attr(), 1..6), 1..5),
        crlf in any::<bool>(),
        comments in any::<bool>(),
    ) {
        let (text, lines) = render(&objs, crlf, comments);
        let parsed: Vec<RpslObject> = rpsl::objects(&text).map(|o| o.unwrap().to_object().unwrap()).collect();
        prop_assert_eq!(parsed.len(), objs.len());
        for ((got, want), line) in parsed.iter().zip(&objs).zip(&lines) {
            prop_assert_eq!(got.line, *line);
            prop_assert_eq!(got.attributes.len(), want.len());
            for (ga, wa) in got.attributes.iter().zip(want) {
                prop_assert_eq!(&ga.name, &wa.name);
                prop_assert_eq!(&ga.value, &wa.lines.join("\n"));
            }
        }
    }

    /// The lexer and the streaming reader (tiny buffers) agree on any input.
    #[test]
    fn reader_matches_lexer(
        chunks in proptest::collection::vec(prop_oneof![
            Just("route: 192.0.2.0/24\n".to_string()),
            Just("\n".to_string()),
            Just(" \t\r\n".to_string()),
            Just("% c\n".to_string()),
            Just("# c\n".to_string()),
            Just(" cont\n".to_string()),
            Just("+\n".to_string()),
            Just("x: y\r\n".to_string()),
            Just("\u{feff}".to_string()),
            "[a-z: \t+#%\r\n]{0,12}",
        ], 0..20),
        cap in 1usize..9,
        max_object in 1usize..200,
    ) {
        let text: Vec<u8> = chunks.concat().into_bytes();
        let lexed: Vec<_> = rpsl::objects(&text).map(|r| r.map(|o| (o.text.to_vec(), o.line))).collect();
        // Without a size limit the reader gives the same items.
        let opts = RpslOptions { max_object_bytes: usize::MAX, ..RpslOptions::lenient() };
        let mut r = RpslReader::new(BufReader::with_capacity(cap, &text[..]), opts);
        let mut read = Vec::new();
        while let Some(x) = r.next_raw() {
            read.push(x.map(|(b, l)| (b.to_vec(), l)));
        }
        prop_assert_eq!(&read, &lexed);
        // With a limit: the same objects minus the oversized ones.
        let opts = RpslOptions { max_object_bytes: max_object, ..RpslOptions::lenient() };
        let mut r = RpslReader::new(BufReader::with_capacity(cap, &text[..]), opts);
        let mut read = Vec::new();
        while let Some(x) = r.next_raw() {
            read.push(x.map(|(b, l)| (b.to_vec(), l)));
        }
        let small: Vec<_> = lexed.iter().filter(|x| x.as_ref().map_or(true, |(b, _)| b.len() <= max_object)).cloned().collect();
        prop_assert_eq!(read, small);
        // parse_all never panics on it.
        let _ = rpsl::parse_all(&text, &RpslOptions::lenient());
    }

    /// The policy parser never panics.
    #[test]
    fn policy_never_panics(s in "[a-zA-Z0-9 {};<>\"^+:.,=-]{0,60}") {
        for k in [PolicyKind::Import, PolicyKind::MpExport, PolicyKind::Default, PolicyKind::ImportVia] {
            let _ = rpsl::parse_policy(k, &s, 1);
        }
    }
}

#[test]
fn syntax_fixture() {
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/irr/rpsl-syntax.rpsl"
    ))
    .unwrap();
    // Strict fails on the deleted object, with its line.
    let e = rpsl::parse_all(&text, &RpslOptions::default()).unwrap_err();
    assert_eq!(e.line(), 22);
    assert_eq!(e.kind, RpslErrorKind::DeletedObject("*xxte".into()));
    let p = rpsl::parse_all(&text, &lenient_all()).unwrap();
    assert_eq!((p.objects.len(), p.skipped, p.deleted), (3, 0, 1));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let set = &p.objects[0];
    assert_eq!(set.line, 6);
    assert_eq!(
        set.get("descr"),
        Some("Customers of\nAS65000\n(plus continuation)\nand a tab one")
    );
    // Whitespace-only lines followed by a continuation stay in the value.
    assert_eq!(
        set.get("members"),
        Some("AS65001, AS65002,\nAS-OTHER, RIPE::AS-SCOPED\nAS65003")
    );
    assert_eq!(set.source().as_deref(), Some("TEST"));
    let TypedObject::Set(s) = rpsl::typed(set).unwrap() else {
        panic!()
    };
    assert_eq!(s.name.name, "AS65000:AS-CUSTOMERS");
    assert_eq!(s.members.len(), 5);
    assert!(s
        .members
        .iter()
        .any(|m| matches!(m, Member::Set(n, _) if n.source.as_deref() == Some("RIPE"))));
    let person = &p.objects[1];
    assert_eq!(person.key(), "José García");
    assert_eq!(person.get("address"), Some("São Paulo"));
    let route6 = &p.objects[2];
    assert_eq!((route6.class_name(), route6.line), ("route6", 34));
    let TypedObject::Route(r) = rpsl::typed(route6).unwrap() else {
        panic!()
    };
    assert_eq!(r.prefix.to_string(), "2001:db8::/32");
    // The reader agrees, on every buffer size.
    for cap in [1, 2, 3, 7, 64, 4096] {
        let mut r = RpslReader::new(BufReader::with_capacity(cap, &text[..]), lenient_all());
        let mut objs = Vec::new();
        while let Some(o) = r.next_object() {
            objs.push(o.unwrap());
        }
        assert_eq!(objs, p.objects, "cap {cap}");
        assert_eq!(r.deleted(), 1);
    }
}
