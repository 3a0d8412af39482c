//! Differential fuzzing of the origin-validation index (`RovIndex`) against
//! the naive scan (`validate::rov::validate_naive`): the bytes are decoded
//! into up to 31 VRPs (origins AS0..AS3, some with trust anchor and expiry so
//! the cold side arrays are exercised) and any number of routes.
//!
//! For every route: `validate` equals `validate_naive` (state, reason and the
//! sorted deciding VRPs, trust anchor and expiry included), `state` equals the
//! state and reason of `validate`, and `validate_path` on a one-AS path
//! agrees. The batch APIs agree with the single-route ones.
#![no_main]
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use routeguard::validate::rov::{
    origin_state, origin_states, validate_many, validate_naive, validate_origin, validate_path,
};
use routeguard::{AsPath, Asn, Family, Prefix, RovIndex, Vrp};

fn take<const N: usize>(d: &mut &[u8]) -> Option<[u8; N]> {
    let (h, t) = d.split_first_chunk::<N>()?;
    *d = t;
    Some(*h)
}

/// Six bytes → a prefix. Byte 0: family (bit 0) and, for IPv6, where a second
/// copy of the address bytes lands (bits 1..8), so that long IPv6 prefixes
/// differ in their low bits too, not only in the top 32.
fn prefix(d: &mut &[u8]) -> Option<Prefix> {
    let [fam, len, a, b, c, e] = take::<6>(d)?;
    let family = if fam & 1 == 0 { Family::V4 } else { Family::V6 };
    let len = len % (family.max_len() + 1);
    let word = u128::from(u32::from_be_bytes([a, b, c, e]));
    let bits = match family {
        Family::V4 => word << 96,
        Family::V6 => {
            let shift = u32::from(fam >> 1) % 97; // 0..=96
            (word << 96) | (word << shift)
        }
    };
    Prefix::from_bits_relaxed(family, bits, len).ok()
}

fuzz_target!(|data: &[u8]| {
    let mut d = data;
    let Some([n]) = take::<1>(&mut d) else { return };
    let tas: [Arc<str>; 2] = [Arc::from("ripe"), Arc::from("arin")];
    let mut vrps = Vec::new();
    for _ in 0..(n % 32) {
        let Some(p) = prefix(&mut d) else { break };
        let Some([extra, asn]) = take::<2>(&mut d) else { break };
        let ml = (p.len() + extra % 8).min(p.family().max_len());
        if let Ok(v) = Vrp::new(p, ml, Asn::new(u32::from(asn % 4))) {
            // High bits of `asn` pick trust anchor and expiry.
            let ta = match asn >> 6 {
                1 => Some(tas[0].clone()),
                2 => Some(tas[1].clone()),
                _ => None,
            };
            let expires = (asn & 0x20 != 0).then_some(i64::from(extra));
            vrps.push(v.with_ta(ta).with_expires(expires));
        }
    }
    let index = RovIndex::new(&vrps);
    assert_eq!(index.len(), vrps.len());
    let mut routes = Vec::new();
    while let Some(p) = prefix(&mut d) {
        let Some([o]) = take::<1>(&mut d) else { break };
        let origin = (o != 255).then(|| Asn::new(u32::from(o % 4)));
        let r = validate_origin(&index, &p, origin);
        assert_eq!(r, validate_naive(&vrps, &p, origin), "route {p} origin {origin:?}");
        assert_eq!(origin_state(&index, &p, origin), (r.state, r.reason));
        if let Some(o) = origin {
            assert_eq!(validate_path(&index, &p, &AsPath::from_sequence(vec![o])), r);
        }
        routes.push((p, origin));
    }
    if routes.len() > 1 {
        let states: Vec<_> = routes.iter().map(|(p, o)| origin_state(&index, p, *o)).collect();
        assert_eq!(origin_states(&index, &routes), states);
        let full: Vec<_> = routes.iter().map(|(p, o)| validate_origin(&index, p, *o)).collect();
        assert_eq!(validate_many(&index, &routes), full);
    }
});
