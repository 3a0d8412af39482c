//! Fuzzes SLURM reading (RFC 8416 v1, ASPA v2), writing and application.
//!
//! * Strict and lenient agree (the reader differs by mode only in
//!   `Reader::relax`, string ASNs and skipped entries, all of which warn):
//!   strict `Ok(s)` ⇒ lenient `Ok` with the same file and no warnings;
//!   lenient `Ok` without warnings ⇒ strict `Ok` with the same file.
//! * `to_json` round trip: strict `Ok(s)` ⇒ `Slurm::parse(render::slurm::to_json(&s)) ==
//!   Ok(s)`; lenient `Ok(l)` ⇒ lenient parse of `render::slurm::to_json(&l)` gives `l` back
//!   (its version raised to 2 when it holds ASPA entries, as `to_json` does).
//! * `apply` (RFC 8416 §4) on a set made from the file's own filters and
//!   assertions: every assertion's payload is in the result; every other
//!   surviving VRP / router key / ASPA was in the input and matches no filter.
#![no_main]
use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use routeguard::render;
use routeguard::slurm::{ParsedSlurm, SlurmOptions};
use routeguard::{Aspa, Slurm, Vrp};

fn check_apply(s: &Slurm) {
    // Input: the assertions themselves (exercises "excluding duplicates")
    // plus one VRP per prefix filter, so filters have something to drop.
    let mut input = s.assertions();
    for f in &s.prefix_filters {
        if let Some(p) = f.prefix {
            let asn = f.asn.unwrap_or_default();
            if let Ok(v) = Vrp::new(p, p.len(), asn) {
                input.vrps.push(v);
            }
        }
    }
    input.aspas.extend(s.aspa_filters.iter().map(|f| Aspa::new(f.customer, vec![f.customer])));
    let mut out = input.clone();
    s.apply(&mut out);
    routeguard_fuzz::check_set(&out);

    let asserted: HashSet<_> = s.prefix_assertions.iter().filter_map(|a| a.to_vrp().ok()).map(|v| v.key()).collect();
    let present: HashSet<_> = out.vrps.iter().map(Vrp::key).collect();
    for k in &asserted {
        assert!(present.contains(k), "asserted VRP {k:?} missing after apply");
    }
    let before: HashSet<_> = input.vrps.iter().map(Vrp::key).collect();
    for v in &out.vrps {
        if asserted.contains(&v.key()) {
            continue;
        }
        assert!(before.contains(&v.key()), "VRP {v:?} appeared from nowhere");
        assert!(!s.prefix_filters.iter().any(|f| f.matches(v)), "filtered VRP {v:?} survived");
    }
    let asserted_keys: Vec<_> = s.bgpsec_assertions.iter().map(|a| a.to_router_key()).collect();
    for k in &out.router_keys {
        if asserted_keys.contains(k) {
            continue;
        }
        assert!(input.router_keys.contains(k), "router key {k:?} appeared from nowhere");
        assert!(!s.bgpsec_filters.iter().any(|f| f.matches(k)), "filtered router key {k:?} survived");
    }
    for a in &s.aspa_assertions {
        let listed: HashSet<_> =
            out.aspas.iter().filter(|x| x.customer == a.customer).flat_map(|x| x.providers.iter().copied()).collect();
        assert!(a.providers.iter().all(|p| listed.contains(p)), "asserted ASPA {a:?} not reflected in {:?}", out.aspas);
    }
    let asserted_customers: HashSet<_> = s.aspa_assertions.iter().map(|a| a.customer).collect();
    for a in &out.aspas {
        if !asserted_customers.contains(&a.customer) {
            assert!(input.aspas.contains(a), "ASPA {a:?} appeared from nowhere");
            assert!(!s.aspa_filters.iter().any(|f| f.matches(a)), "filtered ASPA {a:?} survived");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let strict = Slurm::parse_with(data, &SlurmOptions::default());
    let lenient = Slurm::parse_with(data, &SlurmOptions::lenient());
    if let Ok(p) = &strict {
        assert!(p.warnings.is_empty() && p.warning_count == 0 && p.skipped == 0);
        assert_eq!(lenient.as_ref().ok(), Some(p), "strict accepted, lenient differs: {:?}", lenient.as_ref().err());
        let s = &p.slurm;
        let json = render::slurm::to_json(s);
        match Slurm::parse(json.as_bytes()) {
            Ok(again) => assert_eq!(&again, s, "to_json round trip changed the file:\n{json}"),
            Err(e) => panic!("to_json output does not parse: {e}\n{json}"),
        }
        check_apply(s);
    }
    if let Ok(l) = &lenient {
        assert!(l.warnings.len() <= l.warning_count && l.skipped <= l.warning_count);
        if l.warning_count == 0 {
            assert_eq!(strict.as_ref().ok(), Some(l), "lenient had no warnings, strict differs: {:?}", strict.as_ref().err());
        }
        let mut expect: Slurm = l.slurm.clone();
        if !expect.aspa_filters.is_empty() || !expect.aspa_assertions.is_empty() {
            expect.version = 2;
        }
        let json = render::slurm::to_json(&l.slurm);
        match Slurm::parse_with(json.as_bytes(), &SlurmOptions::lenient()) {
            Ok(ParsedSlurm { slurm, .. }) => assert_eq!(slurm, expect, "lenient to_json round trip changed the file:\n{json}"),
            Err(e) => panic!("to_json output of a lenient file does not parse leniently: {e}\n{json}"),
        }
        check_apply(&l.slurm);
    }
});
