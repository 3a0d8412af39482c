//! Fuzzes the prefix-list reader (every format, sniffed and forced) on
//! arbitrary bytes: no panic, hang or unbounded allocation. Also checks
//! what a successful read promises: ranges valid, sorted and distinct,
//! names within the cap; the FRR and VyOS renderings of every list read
//! back to the same ranges; the diff of a list with itself is empty.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::filter::diff::diff_ranges;
use routeguard::model::{Family, PrefixRange};
use routeguard::parse::prefix_list::{parse_prefix_list, PrefixListFormat, MAX_NAME_LEN};
use routeguard::render::filter::extra::{render_frr, render_vyos};

fuzz_target!(|data: &[u8]| {
    let forced = data.first().and_then(|b| PrefixListFormat::ALL.get(usize::from(*b) % 16)).copied();
    for format in [None, forced] {
        let Ok(lists) = parse_prefix_list(data, format) else { continue };
        for l in &lists.lists {
            assert!(!l.name.is_empty() && l.name.len() <= MAX_NAME_LEN);
            assert!(l.ranges.windows(2).all(|w| w[0] < w[1]));
            for r in &l.ranges {
                assert_eq!(PrefixRange::new(r.prefix, r.low, r.high), Some(*r));
                if let Some(f) = l.family {
                    assert_eq!(r.prefix.family(), f);
                }
            }
            let name = "L";
            let fam = l.family.unwrap_or(Family::V4);
            let frr = parse_prefix_list(render_frr(name, fam, &l.ranges).as_bytes(), Some(PrefixListFormat::Frr)).expect("FRR reads back");
            assert_eq!(frr.ranges_of(name), l.ranges);
            if let Ok(v) = render_vyos(name, fam, &l.ranges) {
                let back = parse_prefix_list(v.as_bytes(), Some(PrefixListFormat::Vyos)).expect("VyOS reads back");
                assert_eq!(back.ranges_of(name), l.ranges);
            }
            if l.ranges.len() <= 64 {
                let d = diff_ranges(&l.ranges, &l.ranges);
                assert!(d.is_empty() && d.is_equivalent());
            }
        }
    }
});
