//! Fuzzes the writers (`render::vrps::vrps_to_string`) on whatever the loaders
//! accept: any bytes are loaded (sniffed, lenient); the set is written in
//! every `OutputFormat` and the text is loaded back (sniffed, strict). The
//! properties are the ones `core/src/render/vrps.rs` documents and tests with
//! proptest, here on loader-shaped input:
//!
//! * every format: the same (prefix, max length, ASN) triples;
//! * rpki-client JSON: the same VRPs (provenance aside: that layout has no
//!   `source`), ASPAs, router keys, and `generated` (when it is a year
//!   0000–9999 instant, which `buildtime` can express);
//! * Routinator JSON: VRP trust anchors, ASPAs (customer, providers), router
//!   keys (asn, SKI, key, trust anchor), `generated` (0 when unknown);
//! * openbgpd: VRP expiry, ASPAs with expiry.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::parse::LoadOptions;
use routeguard::render::vrps::{vrps_to_string, OutputFormat};
use routeguard::slurm::load;
use routeguard::{Vrp, VrpSet};

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

/// Latest instant `format_rfc3339` writes as a four-digit year.
const MAX_RFC3339: i64 = 253_402_300_799;

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = load(data, &LoadOptions::lenient()) else { return };
    let set = loaded.set;
    for format in OutputFormat::ALL {
        let text = vrps_to_string(&set, format);
        let back: VrpSet = match load(text.as_bytes(), &LoadOptions::default()) {
            Ok(l) => l.set,
            Err(e) => panic!("{format} output does not load: {e}\n{text}"),
        };
        let keys = |s: &VrpSet| sorted(s.vrps.iter().map(Vrp::key).collect());
        assert_eq!(keys(&back), keys(&set), "{format}: VRPs differ after round trip\n{text}");
        match format {
            OutputFormat::RpkiClientJson => {
                let strip = |s: &VrpSet| {
                    sorted(s.vrps.iter().cloned().map(|mut v| {
                        v.sources = None;
                        v
                    }).collect())
                };
                assert_eq!(strip(&back), strip(&set), "{format}: VRP ta/expiry differ\n{text}");
                assert_eq!(sorted(back.aspas.clone()), sorted(set.aspas.clone()), "{format}: ASPAs differ\n{text}");
                assert_eq!(back.router_keys, set.router_keys, "{format}: router keys differ\n{text}");
                if set.generated.is_none_or(|g| (0..=MAX_RFC3339).contains(&g)) {
                    assert_eq!(back.generated, set.generated, "{format}: generated differs\n{text}");
                }
            }
            OutputFormat::RoutinatorJson => {
                let ta = |s: &VrpSet| sorted(s.vrps.iter().map(|v| (v.key(), v.ta.clone())).collect());
                assert_eq!(ta(&back), ta(&set), "{format}: VRP trust anchors differ\n{text}");
                let plain = |s: &VrpSet| sorted(s.aspas.iter().map(|a| (a.customer, a.providers.clone())).collect());
                assert_eq!(plain(&back), plain(&set), "{format}: ASPAs differ\n{text}");
                let keys = |s: &VrpSet| {
                    s.router_keys.iter().map(|k| (k.asn, k.ski.clone(), k.public_key.clone(), k.ta.clone())).collect::<Vec<_>>()
                };
                assert_eq!(keys(&back), keys(&set), "{format}: router keys differ\n{text}");
                assert_eq!(back.generated, Some(set.generated.unwrap_or(0)), "{format}: generated differs\n{text}");
            }
            OutputFormat::OpenBgpd => {
                let e = |s: &VrpSet| sorted(s.vrps.iter().map(|v| (v.key(), v.expires)).collect());
                assert_eq!(e(&back), e(&set), "{format}: VRP expiry differs\n{text}");
                let a = |s: &VrpSet| sorted(s.aspas.iter().map(|a| (a.customer, a.providers.clone(), a.expires)).collect());
                assert_eq!(a(&back), a(&set), "{format}: ASPAs differ\n{text}");
            }
            _ => {}
        }
    }
});
