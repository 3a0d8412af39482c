//! A synthetic IRR world for the filter benches: `AS-BIG`, an as-set of
//! 20,000 ASNs in 20 member sets of 1,000 (`AS-BIG-00` … `AS-BIG-19`),
//! each ASN with three IPv4 route objects (two adjacent /24s and a /23
//! covering them, so aggregation has work) and one IPv6 /48.
//!
//! Usage: `bigset [ASNS] > big.rpsl` (default 20000). The `filter` bench
//! includes this file as a module and builds the same text in memory.

use std::fmt::Write as _;
use std::io::Write as _;

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
        // Two /24s per ASN inside 44.0.0.0/8 and 45.0.0.0/8 …, a /23 over them.
        let n = i * 2;
        let (a, b, c) = (44 + (n >> 16), (n >> 8) & 0xff, n & 0xff);
        for (p, len) in [
            (format!("{a}.{b}.{c}.0"), 24),
            (format!("{a}.{b}.{}.0", c + 1), 24),
            (format!("{a}.{b}.{c}.0"), 23),
        ] {
            let _ = write!(
                s,
                "route:          {p}/{len}\norigin:         AS{asn}\nsource:         BIGSET\n\n"
            );
        }
        let _ = write!(
            s,
            "route6:         2a0{}:{:x}::/48\norigin:         AS{asn}\nsource:         BIGSET\n\n",
            1 + (i >> 16),
            i & 0xffff
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
