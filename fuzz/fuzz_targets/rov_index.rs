//! Differential fuzzing of the origin-validation index against the naive
//! scan: the bytes are decoded into a small VRP set and routes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::validate::rov::validate_naive;
use routeguard::{Asn, Family, Prefix, RovIndex, Vrp};

fn take<const N: usize>(d: &mut &[u8]) -> Option<[u8; N]> {
    let (h, t) = d.split_first_chunk::<N>()?;
    *d = t;
    Some(*h)
}

fn prefix(d: &mut &[u8]) -> Option<Prefix> {
    let [fam, len, a, b, c, e] = take::<6>(d)?;
    let family = if fam & 1 == 0 { Family::V4 } else { Family::V6 };
    let len = len % (family.max_len() + 1);
    let bits = u128::from_be_bytes([a, b, c, e, a ^ b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let bits = if family == Family::V4 { bits & (u128::MAX << 96) } else { bits };
    Prefix::from_bits_relaxed(family, bits, len).ok()
}

fuzz_target!(|data: &[u8]| {
    let mut d = data;
    let Some([n]) = take::<1>(&mut d) else { return };
    let mut vrps = Vec::new();
    for _ in 0..(n % 32) {
        let Some(p) = prefix(&mut d) else { break };
        let Some([extra, asn]) = take::<2>(&mut d) else { break };
        let ml = (p.len() + extra % 8).min(p.family().max_len());
        if let Ok(v) = Vrp::new(p, ml, Asn::new(u32::from(asn % 4))) {
            vrps.push(v);
        }
    }
    let index = RovIndex::new(&vrps);
    while let Some(p) = prefix(&mut d) {
        let Some([o]) = take::<1>(&mut d) else { break };
        let origin = (o != 255).then(|| Asn::new(u32::from(o % 4)));
        assert_eq!(index.validate(&p, origin), validate_naive(&vrps, &p, origin));
    }
});
