//! The filter outputs bgpq4 lacks against golden files under
//! `tests/golden/filter/` (`UPDATE_GOLDEN=1` rewrites them): FRR and VyOS
//! prefix lists (both families, an empty list), an OpenBGPD origin-set,
//! ASPAs merged per customer for BIRD and OpenBGPD, a filter audit as text
//! and JSON; each prefix-list output also read back by routeguard's reader,
//! the ASPA outputs by its VRP loaders, the JSON by serde_json.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use routeguard::filter::diff::diff_ranges;
use routeguard::model::{Family, PrefixRange};
use routeguard::parse::prefix_list::{parse_prefix_list, PrefixListFormat};
use routeguard::render::filter::extra::{
    render_bird_aspa, render_diff_json, render_diff_text, render_frr, render_openbgpd_aspa,
    render_openbgpd_origin_set, render_vyos,
};
use routeguard::{parse, Asn};

fn r(p: &str, lo: u8, hi: u8) -> PrefixRange {
    PrefixRange::new(p.parse().unwrap(), lo, hi).unwrap()
}

fn ranges() -> Vec<PrefixRange> {
    vec![
        r("192.0.2.0/24", 24, 24),
        r("10.0.0.0/8", 8, 24),
        r("198.51.100.0/22", 24, 24),
        r("2001:db8::/32", 32, 48),
        r("2001:db8:100::/40", 44, 48),
        r("2001:db8:ff00::/40", 40, 40),
    ]
}

fn golden(name: &str, got: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/filter")
        .join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return None;
    }
    match std::fs::read_to_string(&path) {
        Err(_) => Some(format!("{name}: no golden file (run with UPDATE_GOLDEN=1)")),
        Ok(want) if want == got => None,
        Ok(want) => Some(format!("{name} differs:\n--- want\n{want}\n--- got\n{got}")),
    }
}

#[test]
fn outputs_match_golden_files_and_read_back() {
    let v = ranges();
    let mut sorted = v.clone();
    sorted.sort_unstable();
    let mut fails = Vec::new();
    let lists = [
        (
            "frr.txt",
            render_frr("AS64500-IN", Family::V4, &v),
            PrefixListFormat::Frr,
            sorted.clone(),
        ),
        (
            "frr-empty.txt",
            render_frr("AS64500-IN", Family::V6, &[]),
            PrefixListFormat::Frr,
            vec![],
        ),
        (
            "vyos.txt",
            render_vyos("AS64500-IN", Family::V4, &v).unwrap(),
            PrefixListFormat::Vyos,
            sorted.clone(),
        ),
        (
            "vyos-empty.txt",
            render_vyos("AS64500-IN", Family::V4, &[]).unwrap(),
            PrefixListFormat::Vyos,
            vec![],
        ),
    ];
    for (name, text, fmt, want) in lists {
        fails.extend(golden(name, &text));
        let back = parse_prefix_list(text.as_bytes(), None).unwrap();
        assert!(matches!(
            back.format,
            Some(PrefixListFormat::Cisco | PrefixListFormat::Vyos)
        ));
        let forced = parse_prefix_list(text.as_bytes(), Some(fmt)).unwrap();
        assert_eq!(forced.ranges_of("AS64500-IN"), want, "{name}");
    }
    let origins: Vec<(PrefixRange, Asn)> = vec![
        (r("192.0.2.0/24", 24, 24), Asn::new(64500)),
        (r("10.0.0.0/8", 8, 24), Asn::new(64501)),
        (r("2001:db8::/32", 32, 48), Asn::new(64500)),
    ];
    let os = render_openbgpd_origin_set("AS64500-ORIGINS", &origins);
    fails.extend(golden("openbgpd-origin-set.txt", &os));
    let back = parse_prefix_list(os.as_bytes(), None).unwrap();
    assert_eq!(back.ranges_of("AS64500-ORIGINS").len(), 3);

    let pairs = vec![
        (Asn::new(64500), vec![Asn::new(64511), Asn::new(64510)]),
        (Asn::new(64501), vec![Asn::new(0)]),
        (Asn::new(64500), vec![Asn::new(64512)]),
    ];
    let bird = render_bird_aspa("ASPAS", &pairs);
    let bgpd = render_openbgpd_aspa(&pairs);
    fails.extend(golden("bird-aspa.txt", &bird));
    fails.extend(golden("openbgpd-aspa.txt", &bgpd));
    let lb = parse::load_bird(bird.as_bytes(), &parse::LoadOptions::default()).unwrap();
    let lo = parse::load_openbgpd(bgpd.as_bytes(), &parse::LoadOptions::default()).unwrap();
    assert_eq!(lb.set.aspas.len(), 2);
    assert_eq!(lb.set.aspas[0].providers.len(), 3);
    assert_eq!(lo.set.aspas[0].providers, lb.set.aspas[0].providers);

    let router = vec![
        r("10.0.0.0/8", 8, 24),
        r("192.0.2.0/24", 24, 24),
        r("203.0.113.0/24", 24, 24),
        r("2001:db8::/32", 32, 64),
    ];
    let d = diff_ranges(&router, &v);
    let text = render_diff_text("AS64500-IN", &d);
    let json = render_diff_json("AS64500-IN", &d);
    fails.extend(golden("diff.txt", &text));
    fails.extend(golden("diff.json", &json));
    let j: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(j["extra"][0]["prefix"], "203.0.113.0/24");
    assert_eq!(j["size_change"], 2);
    assert_eq!(j["only_router"][0]["example"], "203.0.113.0/24");
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}
