//! VRP snapshots: a [`VrpSet`] → routeguard's compact binary form, which
//! [`crate::parse::snapshot::decode`] reads back equal (the layout is
//! documented there). About 10 bytes per IPv4 VRP without trust anchor or
//! expiry, 22 with both: the full rpki-client snapshot of 723,521 VRPs,
//! 75 MB as JSON, is 16 MB.
//!
//! ```
//! use routeguard::{model::VrpSet, parse::snapshot, render};
//! let empty = render::snapshot::encode(&VrpSet::new());
//! assert!(snapshot::is_snapshot(&empty));
//! assert_eq!(snapshot::decode(&empty).unwrap(), VrpSet::new());
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{Family, VrpSet, VrpSource};
use crate::parse::snapshot::{MAGIC, NONE_LEN, TAG_EXPIRES, TAG_SOURCES, TAG_TA, TAG_V6};

/// Writes `set` as a snapshot.
///
/// Counts and string lengths are `u32` fields: a set with four billion
/// VRPs, or a 4 GiB string, cannot be written (its field is clamped and the
/// reader refuses the result). Such a set does not fit in memory anyway.
pub fn encode(set: &VrpSet) -> Vec<u8> {
    let mut w = Writer::default();
    // Trust anchors are shared `Arc<str>`s: one table, indexed per record.
    let mut tas: Vec<&Arc<str>> = Vec::new();
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let all = set
        .vrps
        .iter()
        .map(|v| &v.ta)
        .chain(set.aspas.iter().map(|a| &a.ta))
        .chain(set.router_keys.iter().map(|k| &k.ta));
    for ta in all.flatten() {
        ids.entry(ta).or_insert_with(|| {
            tas.push(ta);
            len32(tas.len() - 1)
        });
    }
    let ta_id = |ta: &Option<Arc<str>>| ta.as_deref().and_then(|t| ids.get(t).copied());

    w.out.extend_from_slice(MAGIC);
    w.out.push(u8::from(set.generated.is_some()));
    if let Some(g) = set.generated {
        w.i64(g);
    }
    w.u32(len32(tas.len()));
    for ta in &tas {
        w.str(ta);
    }
    w.out.reserve(set.vrps.len() * 16);
    w.u32(len32(set.vrps.len()));
    for v in &set.vrps {
        let mut tag = w.flags(&v.ta, v.expires);
        if v.prefix.family() == Family::V6 {
            tag |= TAG_V6;
        }
        if v.sources.is_some() {
            tag |= TAG_SOURCES;
        }
        w.out.push(tag);
        w.out.push(v.prefix.len());
        w.out.push(v.max_length);
        w.u32(v.asn.get());
        let n = usize::from(v.prefix.len()).div_ceil(8);
        let bits = v.prefix.bits().to_be_bytes();
        w.out.extend_from_slice(bits.get(..n).unwrap_or(&bits));
        w.ta_expires(ta_id(&v.ta), v.expires);
        if let Some(sources) = &v.sources {
            w.u32(len32(sources.len()));
            for s in sources.iter() {
                w.source(s);
            }
        }
    }
    w.u32(len32(set.aspas.len()));
    for a in &set.aspas {
        let tag = w.flags(&a.ta, a.expires);
        w.out.push(tag);
        w.u32(a.customer.get());
        w.ta_expires(ta_id(&a.ta), a.expires);
        w.u32(len32(a.providers.len()));
        for p in &a.providers {
            w.u32(p.get());
        }
    }
    w.u32(len32(set.router_keys.len()));
    for k in &set.router_keys {
        let tag = w.flags(&k.ta, k.expires);
        w.out.push(tag);
        w.u32(k.asn.get());
        w.ta_expires(ta_id(&k.ta), k.expires);
        w.str(&k.ski);
        w.str(&k.public_key);
    }
    w.out
}

/// A length or count as the layout's `u32`, clamped below [`NONE_LEN`]
/// (see [`encode`]).
fn len32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(NONE_LEN).min(NONE_LEN - 1)
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    fn i64(&mut self, v: i64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.u32(len32(s.len()));
        self.out.extend_from_slice(s.as_bytes());
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.u32(NONE_LEN),
        }
    }

    fn flags(&self, ta: &Option<Arc<str>>, expires: Option<i64>) -> u8 {
        let mut tag = 0;
        if ta.is_some() {
            tag |= TAG_TA;
        }
        if expires.is_some() {
            tag |= TAG_EXPIRES;
        }
        tag
    }

    fn ta_expires(&mut self, ta: Option<u32>, expires: Option<i64>) {
        if let Some(i) = ta {
            self.u32(i);
        }
        if let Some(e) = expires {
            self.i64(e);
        }
    }

    fn source(&mut self, s: &VrpSource) {
        self.str(&s.kind);
        for field in [
            &s.uri,
            &s.tal,
            &s.not_before,
            &s.not_after,
            &s.chain_not_before,
            &s.chain_not_after,
            &s.stale,
            &s.path,
        ] {
            self.opt_str(field.as_deref());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::encode;
    use crate::model::{Asn, Aspa, Family, Prefix, RouterKey, Vrp, VrpSet, VrpSource};
    use crate::parse::snapshot::decode;
    use crate::parse::ParseErrorKind;

    fn ta() -> impl Strategy<Value = Option<Arc<str>>> {
        prop_oneof![
            Just(None),
            Just(Some(Arc::from("ripe"))),
            Just(Some(Arc::from("arin"))),
            "[a-zé]{0,6}".prop_map(|s| Some(Arc::from(s))),
        ]
    }

    fn vrp() -> impl Strategy<Value = Vrp> {
        (
            any::<bool>(),
            any::<u128>(),
            0u8..=128,
            0u8..=128,
            any::<u32>(),
            ta(),
            proptest::option::of(any::<i64>()),
            proptest::option::of(proptest::collection::vec(
                (
                    "[a-z]{0,4}",
                    proptest::option::of("[ -~]{0,8}"),
                    proptest::option::of("[ -~]{0,8}"),
                ),
                0..3,
            )),
        )
            .prop_map(|(v6, bits, len, extra, asn, ta, expires, sources)| {
                let family = if v6 { Family::V6 } else { Family::V4 };
                let len = len % (family.max_len() + 1);
                let max = len + extra % (family.max_len() - len + 1);
                let bits = if v6 { bits } else { bits & (u128::MAX << 96) };
                let prefix = Prefix::from_bits_relaxed(family, bits, len).expect("in range");
                let mut v = Vrp::new(prefix, max, Asn::new(asn)).expect("in range");
                v.ta = ta;
                v.expires = expires;
                v.sources = sources.map(|s| {
                    s.into_iter()
                        .map(|(kind, uri, stale)| VrpSource {
                            kind,
                            uri,
                            stale,
                            ..VrpSource::default()
                        })
                        .collect()
                });
                v
            })
    }

    fn set() -> impl Strategy<Value = VrpSet> {
        (
            proptest::collection::vec(vrp(), 0..40),
            proptest::collection::vec(
                (
                    any::<u32>(),
                    proptest::collection::vec(any::<u32>(), 0..5),
                    ta(),
                ),
                0..5,
            ),
            proptest::collection::vec(
                (any::<u32>(), "[0-9A-F]{0,40}", "[A-Za-z0-9+/=]{0,20}"),
                0..3,
            ),
            proptest::option::of(any::<i64>()),
        )
            .prop_map(|(vrps, aspas, keys, generated)| VrpSet {
                vrps,
                aspas: aspas
                    .into_iter()
                    .map(|(c, p, ta)| Aspa {
                        ta,
                        expires: Some(1),
                        ..Aspa::new(Asn::new(c), p.into_iter().map(Asn::new).collect())
                    })
                    .collect(),
                router_keys: keys
                    .into_iter()
                    .map(|(asn, ski, public_key)| RouterKey {
                        asn: Asn::new(asn),
                        ski,
                        public_key,
                        ta: None,
                        expires: None,
                    })
                    .collect(),
                generated,
            })
    }

    proptest! {
        /// Every set comes back equal, field for field.
        #[test]
        fn round_trip(set in set()) {
            prop_assert_eq!(decode(&encode(&set)).expect("own output"), set);
        }

        /// Any damage is an error or another valid set, never a panic; a
        /// cut is always an error.
        #[test]
        fn damage(set in set(), at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>()) {
            let mut bytes = encode(&set);
            let cut_at = cut.index(bytes.len());
            prop_assert!(decode(&bytes[..cut_at]).is_err());
            let i = at.index(bytes.len());
            bytes[i] = byte;
            let _ = decode(&bytes);
        }
    }

    #[test]
    fn errors_name_the_byte() {
        let set = VrpSet {
            vrps: vec![
                Vrp::new("192.0.2.0/23".parse().expect("prefix"), 24, Asn::new(64500))
                    .expect("vrp"),
            ],
            ..VrpSet::default()
        };
        let good = encode(&set);
        let kind = |bytes: &[u8]| decode(bytes).expect_err("bad").kind;
        let offset = |bytes: &[u8]| match kind(bytes) {
            ParseErrorKind::Snapshot { offset, .. } => offset,
            other => panic!("{other:?}"),
        };
        assert_eq!(offset(b"ASN,IP Prefix"), 0);
        let mut v2 = good.clone();
        v2[7] = 2;
        assert_eq!(
            kind(&v2).to_string(),
            "invalid VRP snapshot at byte 7: unsupported snapshot version"
        );
        assert_eq!(kind(&v2).code(), "invalid-snapshot");
        // magic 8, flags 1, TA count 4, VRP count 4: the record starts at 17.
        let mut host_bits = good.clone();
        host_bits[17 + 7 + 2] = 3;
        assert_eq!(offset(&host_bits), 17);
        let mut trailing = good.clone();
        trailing.push(0);
        assert_eq!(offset(&trailing), good.len());
        // A count the input cannot hold is refused before allocating.
        let mut huge = good[..13].to_vec();
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        assert!(kind(&huge)
            .to_string()
            .contains("count larger than the input"));
    }
}
