//! A synthetic IRR world for the filter benches: `AS-BIG`, an as-set of
//! 20,000 ASNs in 20 member sets of 1,000 (`AS-BIG-00` … `AS-BIG-19`),
//! each ASN with three IPv4 route objects (a /24, a /22 and a /20 at
//! pseudo-random places in 1.0.0.0–223.255.255.255, so the list stays
//! large after aggregation, as real big sets do) and one IPv6 /48.
//!
//! Usage: `bigset [ASNS] > big.rpsl` (default 20000). The `filter` bench
//! includes this file as a module and builds the same text in memory.

use std::fmt::Write as _;
use std::io::Write as _;

/// A 64-bit mixer (splitmix64's finaliser), for reproducible positions.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The dump text: `asns` ASNs from AS100000 on, source BIGSET.
pub fn big_world(asns: u32) -> String {
    let mut s = String::with_capacity(asns as usize * 400);
    let per = 1000u32;
    let sets = asns.div_ceil(per);
    s.push_str("as-set:         AS-BIG\n");
    for k in 0..sets {
        let _ = writeln!(s, "members:        AS-BIG-{k:02}");
    }
    s.push_str("source:         BIGSET\n\n");
    for k in 0..sets {
        let _ = writeln!(s, "as-set:         AS-BIG-{k:02}");
        for i in (k * per)..((k + 1) * per).min(asns) {
            let _ = writeln!(s, "members:        AS{}", 100_000 + i);
        }
        s.push_str("source:         BIGSET\n\n");
    }
    for i in 0..asns {
        let asn = 100_000 + i;
        for (k, len) in [(0u64, 24u32), (1, 22), (2, 20)] {
            let h = mix(u64::from(i) * 4 + k);
            let addr = (1u32 << 24) + (h as u32 % (222u32 << 24));
            let addr = addr & (u32::MAX << (32 - len));
            let p = std::net::Ipv4Addr::from(addr);
            let _ = write!(
                s,
                "route:          {p}/{len}\norigin:         AS{asn}\nsource:         BIGSET\n\n"
            );
        }
        let h = mix(u64::from(i) * 4 + 3);
        let _ = write!(
            s,
            "route6:         2a0{}:{:x}:{:x}::/48\norigin:         AS{asn}\nsource:         BIGSET\n\n",
            1 + (h % 8),
            (h >> 8) & 0xffff,
            (h >> 24) & 0xffff
        );
    }
    s
}

#[allow(dead_code)]
fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let text = big_world(n);
    let _ = std::io::stdout().write_all(text.as_bytes());
}
