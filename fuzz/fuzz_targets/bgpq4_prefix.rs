//! Fuzzes bgpq4's prefix and range words (`PrefixTree::insert_object`), the
//! tree operations and the prefix-list printers on arbitrary text: no
//! panic, hang or unbounded allocation (a small node limit turns huge
//! ranges into errors).
//!
//! * The first byte chooses the family, `-m`, `-R`, `-r`, `-A`, the rest is
//!   one word per line.
//! * `-A` is lossless: every range accepted before aggregation is still
//!   covered after it (checked on the ranges' prefixes and lengths).
//! * Every vendor prints without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::filter::bgpq4::{Expansion, Generation, Options, Vendor};
use routeguard::filter::tree::PrefixTree;
use routeguard::Family;

fuzz_target!(|data: &[u8]| {
    let Some((&ctl, rest)) = data.split_first() else {
        return;
    };
    let Ok(s) = std::str::from_utf8(rest) else {
        return;
    };
    let family = if ctl & 1 == 0 { Family::V4 } else { Family::V6 };
    let fmax = family.max_len();
    let max_len = match (ctl >> 1) & 3 {
        0 => None,
        1 => Some(fmax),
        n => Some(fmax.saturating_sub(n * 3)),
    };
    let mut tree = PrefixTree::with_max_nodes(family, 20_000);
    for word in s.lines().take(200) {
        match tree.insert_object(word, max_len) {
            Ok(_) => {}
            Err(e) => assert!(!e.code().is_empty() && !e.to_string().is_empty()),
        }
        assert!(tree.node_count() <= 20_000);
    }
    let refine = (ctl & 8 != 0).then_some(fmax - 4);
    let refine_low = (ctl & 16 != 0).then_some(fmax - 6);
    tree.finish(refine, refine_low, 0);
    let before = tree.ranges();
    let mut agg = tree.clone();
    let _trace = agg.finish(None, None, 1 + (ctl >> 7));
    let after = agg.ranges();
    for r in &before {
        // Every exact route of the range at its low and high length is
        // still accepted by some range after aggregation.
        for len in [r.low, r.high] {
            let Some(route) = routeguard::Prefix::from_bits(family, r.prefix.bits(), len).ok()
            else {
                continue;
            };
            assert!(
                after.iter().any(|a| a.accepts(&route)),
                "{route} lost by -A (from {r})"
            );
        }
    }
    let exp = Expansion {
        asns: Default::default(),
        tree: agg,
    };
    for vendor in Vendor::ALL {
        for generation in [
            Generation::PrefixList,
            Generation::ExtAcl,
            Generation::RouteFilterList,
        ] {
            let opts = Options {
                family,
                vendor,
                generation,
                format: Some(s.lines().next().unwrap_or("%n/%l").to_owned()),
                ..Options::default()
            };
            let _ = routeguard::render::filter::print(&opts, &exp);
        }
    }
});
