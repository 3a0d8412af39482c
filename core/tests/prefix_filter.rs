//! Customer prefix filters with RPKI over the FILTERDB fixture: origins
//! kept per prefix, invalid pairs dropped or tagged, ROAs as route
//! objects, route-set ranges, source scoping.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use routeguard::filter::prefix_filter::{
    build_prefix_filter, EntrySource, FilterRequest, RpkiPolicy,
};
use routeguard::filter::resolve::LocalResolver;
use routeguard::index::irr::{IrrDb, IrrDbBuilder};
use routeguard::parse::rpsl::RpslOptions;
use routeguard::{Asn, Family, RovIndex, RovState, Vrp};

fn db() -> IrrDb {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/filter");
    let mut b = IrrDbBuilder::new(RpslOptions::lenient());
    for (src, f) in [
        ("RIPE", "ripe.rpsl"),
        ("RIPE-NONAUTH", "ripe-nonauth.rpsl"),
        ("FILTERDB", "filterdb.rpsl"),
    ] {
        b.add_text(&std::fs::read(dir.join(f)).unwrap(), Some(src))
            .unwrap();
    }
    b.build()
}

fn vrp(p: &str, max: u8, asn: u32) -> Vrp {
    Vrp {
        prefix: p.parse().unwrap(),
        max_length: max,
        asn: Asn::new(asn),
        ta: None,
        expires: None,
        sources: None,
    }
}

#[test]
fn origins_rpki_and_roas() {
    let db = db();
    // 20.0.0.0/24 is AS3001's (valid) and AS3003 also registered
    // 20.0.0.0/25 (invalid: the ROA allows AS3001 up to /24 only).
    let vrps = vec![
        vrp("20.0.0.0/22", 24, 3001),
        vrp("20.0.0.0/24", 24, 3001),
        vrp("40.0.0.0/22", 24, 3005),
    ];
    let index = RovIndex::new(&vrps);
    let mut r = LocalResolver::new(&db);
    let mut req = FilterRequest::new(vec!["AS-MID".into(), "AS3001".into()], Family::V4);
    req.rov = Some(&index);
    let f = build_prefix_filter(&mut r, &req).unwrap();
    assert_eq!(f.asns, [3001, 3003, 3004, 3005, 3006]);
    let find = |p: &str, o: u32| {
        f.entries
            .iter()
            .find(|e| e.range.prefix.to_string() == p && e.origin == Some(o))
    };
    assert_eq!(
        find("20.0.0.0/24", 3001).unwrap().rpki,
        Some(RovState::Valid)
    );
    assert_eq!(
        find("21.0.0.0/24", 3004).unwrap().rpki,
        Some(RovState::NotFound)
    );
    // Dropped: AS3003's two /25s under AS3001's ROA.
    let dropped: Vec<String> = f
        .dropped
        .iter()
        .map(|e| format!("{} AS{}", e.range, e.origin.unwrap()))
        .collect();
    assert_eq!(dropped, ["20.0.0.0/25 AS3003", "20.0.0.128/25 AS3003"]);
    assert!(find("20.0.0.0/25", 3003).is_none());
    // Tagged instead of dropped.
    req.policy = RpkiPolicy::Tag;
    let t = build_prefix_filter(&mut r, &req).unwrap();
    assert!(t.dropped.is_empty());
    assert_eq!(t.entries.len(), f.entries.len() + 2);
    assert!(t
        .entries
        .iter()
        .any(|e| e.origin == Some(3003) && e.rpki == Some(RovState::Invalid)));
    // A ROA of a member AS without a route object joins, up to its max length.
    req.roas_as_routes = Some(&vrps);
    let g = build_prefix_filter(&mut r, &req).unwrap();
    let roa = g
        .entries
        .iter()
        .find(|e| e.source == EntrySource::Roa && e.origin == Some(3005))
        .unwrap();
    assert_eq!(roa.range.to_string(), "40.0.0.0/22^22-24");
    assert_eq!(roa.rpki, Some(RovState::Valid));
}

#[test]
fn route_sets_keep_ranges_and_sources_scope() {
    let db = db();
    let mut r = LocalResolver::new(&db);
    let f = build_prefix_filter(
        &mut r,
        &FilterRequest::new(vec!["RS-SUB".into()], Family::V4),
    )
    .unwrap();
    let ranges: Vec<String> = f.ranges().iter().map(ToString::to_string).collect();
    assert_eq!(ranges, ["10.40.0.0/24^25-26", "10.50.0.0/16^16-32"]);
    assert!(f
        .entries
        .iter()
        .all(|e| e.source == EntrySource::RouteSet && e.origin.is_none()));
    let v6 = build_prefix_filter(
        &mut r,
        &FilterRequest::new(vec!["RS-FIX".into()], Family::V6),
    )
    .unwrap();
    assert!(v6
        .ranges()
        .iter()
        .any(|r| r.to_string() == "2001:db8:100::/40^48-48"));
    // The same set name in two sources: the order of -S decides.
    let mut req = FilterRequest::new(vec!["AS-RIPEONLY".into()], Family::V4);
    req.sources = Some(vec!["FILTERDB".into(), "RIPE".into()]);
    assert_eq!(build_prefix_filter(&mut r, &req).unwrap().asns, [2009]);
    req.sources = Some(vec!["RIPE".into(), "FILTERDB".into()]);
    assert_eq!(build_prefix_filter(&mut r, &req).unwrap().asns, [2001]);
    let scoped = FilterRequest::new(vec!["FILTERDB::AS-RIPEONLY".into()], Family::V4);
    let mut r2 = LocalResolver::new(&db);
    assert_eq!(build_prefix_filter(&mut r2, &scoped).unwrap().asns, [2009]);
    let missing = build_prefix_filter(
        &mut r2,
        &FilterRequest::new(vec!["AS-NOSUCH".into()], Family::V4),
    )
    .unwrap();
    assert_eq!(missing.missing_sets, ["AS-NOSUCH"]);
}

/// `routeguard filter`'s vendor forms are bgpq4's own output for the same
/// objects (exact prefixes, no RPKI, with and without -A).
#[test]
fn vendor_forms_match_bgpq4_runs() {
    use routeguard::filter::bgpq4::args::{parse_args, Command};
    use routeguard::index::irr::SetLimits;
    use routeguard::render::filter::list::{render_prefix_filter, FilterFormat};
    use routeguard::render::filter::run_bgpq4;
    let db = db();
    let forms = [
        ("ios", ""),
        ("ios-xr", "-X"),
        ("junos", "-J"),
        ("bird", "-b"),
        ("openbgpd", "-B"),
        ("eos", "-e"),
        ("routeros6", "-K"),
        ("routeros7", "-K7"),
        ("sros", "-N"),
        ("sros-mdcli", "-n"),
        ("huawei", "-U"),
        ("huawei-xpl", "-u"),
    ];
    for (format, flag) in forms {
        for aggregate in [false, true] {
            if aggregate && format == "junos" {
                continue; // bgpq4 refuses -A for Junos prefix-lists
            }
            let mut r = LocalResolver::new(&db);
            let f = build_prefix_filter(
                &mut r,
                &FilterRequest::new(vec!["AS-MID".into()], Family::V4),
            )
            .unwrap();
            let ours =
                render_prefix_filter(&f, format.parse::<FilterFormat>().unwrap(), "NN", aggregate)
                    .unwrap();
            let argv: Vec<String> = flag
                .split_whitespace()
                .chain(aggregate.then_some("-A"))
                .chain(["AS-MID"])
                .map(str::to_owned)
                .collect();
            let Ok(Command::Run { options, .. }) = parse_args(&argv, None) else {
                panic!("{argv:?}")
            };
            let want = run_bgpq4(
                &options,
                &mut LocalResolver::new(&db),
                &SetLimits::default(),
            )
            .unwrap();
            assert_eq!(ours, want.stdout, "{format} aggregate={aggregate}");
        }
    }
}
