//! The owning Dataset: one builder for every input, the same verdicts as the
//! pieces assembled by hand, warnings and errors naming their input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use routeguard::dataset::{Dataset, Input, Step};
use routeguard::index::asrel::AsRelations;
use routeguard::parse::bgp::parse_route_line;
use routeguard::validate::aspa::Direction;
use routeguard::validate::bogon::{BogonKind, Bogons};
use routeguard::validate::irr::{check_route_with, CheckOptions, IrrStatus};
use routeguard::validate::route::RouteChecker;
use routeguard::validate::rov::validate_origin;
use routeguard::{AsPath, Asn, AspaSet, Error, LoadOptions, Mode, Prefix, RovIndex, RovState};

const VRPS: &str = "\
ASN,IP Prefix,Max Length,Trust Anchor
AS13335,1.1.1.0/24,24,apnic
AS64500,192.0.2.0/24,24,ripe
AS0,198.51.100.0/24,24,ripe
";

const SLURM: &str = r#"{
  "slurmVersion": 1,
  "validationOutputFilters": {
    "prefixFilters": [{"prefix": "192.0.2.0/24"}],
    "bgpsecFilters": []
  },
  "locallyAddedAssertions": {
    "prefixAssertions": [{"asn": 64501, "prefix": "203.0.113.0/24", "maxPrefixLength": 24}],
    "bgpsecAssertions": []
  }
}"#;

const RPSL: &str = "\
route: 1.1.0.0/16
origin: AS13335
source: RIPE

route: 203.0.113.0/24
origin: AS64501
source: RADB
";

fn p(s: &str) -> Prefix {
    s.parse().unwrap()
}

fn path(s: &str) -> AsPath {
    AsPath::parse(s).unwrap()
}

#[test]
fn check_is_the_hand_built_checker() {
    let rel = "3356|13335|-1\n174|3356|0\n";
    let ds = Dataset::builder()
        .vrps(Input::text("vrps.csv", VRPS))
        .asrel(Input::text("as-rel.txt", rel))
        .build()
        .unwrap();
    let loaded = routeguard::slurm::load(VRPS.as_bytes(), &LoadOptions::default()).unwrap();
    let rov = RovIndex::new(&loaded.set.vrps);
    let aspas = AspaSet::from(&loaded.set);
    let relations = AsRelations::from(&routeguard::parse::asrel::parse_as_rel(rel).unwrap());
    let bogons = Bogons::default();
    let by_hand = RouteChecker::new(&bogons)
        .with_rov(&rov)
        .with_aspa(&aspas, Direction::Upstream)
        .with_relations(&relations);
    for (prefix, route) in [
        ("1.1.1.0/24", "3356 13335"),
        ("1.1.1.0/25", "174 3356 13335"),
        ("192.0.2.0/24", "3356 64500"),
        ("198.51.100.0/24", "3356 64500"),
        ("8.8.8.0/24", "3356 15169"),
        ("3ffe::/16", "3356 3320"),
        ("1.1.1.0/24", "3356 {13335,64500}"),
    ] {
        let got = ds.check(&p(prefix), &path(route));
        assert_eq!(
            got,
            by_hand.check(&p(prefix), &path(route)),
            "{prefix} {route}"
        );
    }
    assert_eq!(
        ds.check(&p("1.1.1.0/24"), &path("3356 13335")).to_string(),
        "valid,unknown,ok,ok"
    );
    let leak = ds.check(&p("1.1.1.0/24"), &path("174 3356 13335"));
    assert_eq!(leak.leak, Some(routeguard::LeakState::Ok));
    assert_eq!(
        ds.validate(&p("1.1.1.0/25"), Some(Asn::new(13335)))
            .map(|r| r.state),
        Some(RovState::Invalid)
    );
    // Nothing but bogons without data.
    let empty = Dataset::builder().build().unwrap();
    assert_eq!(
        empty
            .check(&p("1.1.1.0/24"), &path("3356 13335"))
            .to_string(),
        "-,-,ok,-"
    );
    assert!(empty.validate(&p("1.1.1.0/24"), None).is_none());
    assert!(empty.check_irr(&p("1.1.1.0/24"), None).is_none());
}

#[test]
fn slurm_applies_before_the_indexes() {
    let ds = Dataset::builder()
        .vrps(Input::text("vrps.csv", VRPS))
        .slurm(Input::text("local.json", SLURM))
        .build()
        .unwrap();
    let vrps = ds.vrps().unwrap();
    assert_eq!(vrps.vrps.len(), 3, "one filtered, one asserted");
    assert!(ds.slurm().is_some());
    // Filtered: no longer covered.
    let r = ds
        .validate(&p("192.0.2.0/24"), Some(Asn::new(64500)))
        .unwrap();
    assert_eq!(r.state, RovState::NotFound);
    // Asserted.
    let r = ds
        .validate(&p("203.0.113.0/24"), Some(Asn::new(64501)))
        .unwrap();
    assert_eq!(r.state, RovState::Valid);
    assert_eq!(ds.vrp_format(), Some(routeguard::Format::Csv));
}

/// A live feed's payloads in place of the file's: SLURM applied to them as
/// to a file (the same set as loading them from a file), the other inputs
/// shared, the old dataset untouched.
#[test]
fn new_payloads_keep_slurm_and_share_the_rest() {
    let ds = Dataset::builder()
        .vrps(Input::text("vrps.csv", VRPS))
        .slurm(Input::text("local.json", SLURM))
        .irr(None, Input::text("radb.db", RPSL))
        .build()
        .unwrap();
    const LATER: &str = "\
ASN,IP Prefix,Max Length,Trust Anchor
AS64500,192.0.2.0/24,24,ripe
AS64502,198.51.100.0/24,24,ripe
";
    let payloads = routeguard::slurm::load(LATER.as_bytes(), &LoadOptions::default())
        .unwrap()
        .set;
    let live = ds.with_payloads(payloads);
    let from_file = Dataset::builder()
        .vrps(Input::text("later.csv", LATER))
        .slurm(Input::text("local.json", SLURM))
        .build()
        .unwrap();
    assert_eq!(live.vrps().unwrap().vrps, from_file.vrps().unwrap().vrps);
    assert!(Arc::ptr_eq(live.irr().unwrap(), ds.irr().unwrap()));
    assert!(Arc::ptr_eq(live.slurm().unwrap(), ds.slurm().unwrap()));
    for (prefix, asn) in [
        ("1.1.1.0/24", 13335),
        ("198.51.100.0/24", 64502),
        ("203.0.113.0/24", 64501),
        ("192.0.2.0/24", 64500),
    ] {
        let origin = Some(Asn::new(asn));
        assert_eq!(
            live.validate(&p(prefix), origin),
            from_file.validate(&p(prefix), origin),
            "{prefix} {asn}"
        );
    }
    // The old snapshot still answers from the file.
    let r = ds
        .validate(&p("1.1.1.0/24"), Some(Asn::new(13335)))
        .unwrap();
    assert_eq!(r.state, RovState::Valid);
    let r = live
        .validate(&p("1.1.1.0/24"), Some(Asn::new(13335)))
        .unwrap();
    assert_eq!(r.state, RovState::NotFound);
}

#[test]
fn irr_checks_with_rpki_and_without_origin() {
    let ds = Dataset::builder()
        .vrps(Input::text("vrps.csv", VRPS))
        .irr(
            Some("ripe"),
            Input::text("ripe.db", RPSL.split("\n\n").next().unwrap()),
        )
        .irr(
            None,
            Input::text("radb.db", RPSL.split("\n\n").nth(1).unwrap()),
        )
        .build()
        .unwrap();
    let db = ds.irr().unwrap();
    assert_eq!(db.sources().len(), 2);
    let c = ds
        .check_irr(&p("1.1.1.0/24"), Some(Asn::new(13335)))
        .unwrap();
    assert_eq!(c.status, IrrStatus::Covered);
    assert_eq!(c.rpki, Some(RovState::Valid));
    let by_hand = check_route_with(
        db,
        &p("1.1.1.0/24"),
        Some(Asn::new(13335)),
        &CheckOptions {
            rov: ds.rov().map(|r| &**r),
            ..CheckOptions::default()
        },
    );
    assert_eq!(c, by_hand);
    // A path ending in an AS_SET has no origin: covered → invalid-origin.
    let none = ds
        .check_irr(&p("1.1.1.0/24"), path("3356 {13335}").origin())
        .unwrap();
    assert_eq!(none.status, IrrStatus::InvalidOrigin);
    assert_eq!(none.origin, None);
    assert!(none.matching.is_empty());
    assert_eq!(none.covering.len(), 1);
    assert_eq!(none.rpki, Some(RovState::Invalid));
    let none = ds.check_irr(&p("8.8.8.0/24"), None).unwrap();
    assert_eq!(none.status, IrrStatus::NotFound);
    assert!(none
        .per_source
        .iter()
        .all(|(_, s)| *s == IrrStatus::NotFound));
}

#[test]
fn indexes_are_shared_and_built_once() {
    let ds = Dataset::builder()
        .vrps(Input::text("vrps.csv", VRPS))
        .build()
        .unwrap();
    let a = Arc::clone(ds.rov().unwrap());
    assert!(Arc::ptr_eq(&a, ds.rov().unwrap()));
    assert!(Arc::ptr_eq(ds.aspas().unwrap(), ds.aspas().unwrap()));
    // The index is usable on another thread while the dataset lives on.
    let handle = std::thread::spawn(move || {
        validate_origin(&a, &p("1.1.1.0/24"), Some(Asn::new(13335))).state
    });
    assert_eq!(handle.join().unwrap(), RovState::Valid);
}

#[test]
fn progress_reports_every_step_in_order() {
    let events: Arc<Mutex<Vec<(Step, String, bool)>>> = Arc::default();
    let sink = Arc::clone(&events);
    Dataset::builder()
        .vrps(Input::text("vrps.csv", VRPS))
        .irr(None, Input::text("radb.db", RPSL))
        .on_progress(move |p| {
            sink.lock()
                .unwrap()
                .push((p.step, p.what.to_owned(), p.done))
        })
        .build()
        .unwrap();
    let events = events.lock().unwrap();
    let names: Vec<String> = events
        .iter()
        .map(|(s, w, d)| format!("{s} {w} {}", if *d { "end" } else { "begin" }))
        .collect();
    assert_eq!(
        names,
        [
            "read vrps.csv begin",
            "read vrps.csv end",
            "parse vrps.csv begin",
            "parse vrps.csv end",
            "read radb.db begin",
            "read radb.db end",
            "parse radb.db begin",
            "parse radb.db end",
            "index IRR begin",
            "index IRR end",
            "index VRPs begin",
            "index VRPs end",
        ]
    );

    // Deferred indexes are built on first use, without a report.
    let count: Arc<Mutex<usize>> = Arc::default();
    let sink = Arc::clone(&count);
    let ds = Dataset::builder()
        .vrps(Input::text("vrps.csv", VRPS))
        .defer_indexes()
        .on_progress(move |p| {
            if p.step == Step::Index {
                *sink.lock().unwrap() += 1;
            }
        })
        .build()
        .unwrap();
    assert_eq!(*count.lock().unwrap(), 0);
    assert_eq!(
        ds.check(&p("1.1.1.0/24"), &path("13335")).rov,
        Some(RovState::Valid)
    );
}

#[test]
fn errors_name_their_input() {
    let bad = "ASN,IP Prefix,Max Length,Trust Anchor\nAS13335,1.1.1.1/24,24,apnic\n";
    let e: Error = Dataset::builder()
        .vrps(Input::text("vrps.csv", bad))
        .build()
        .unwrap_err()
        .into();
    assert_eq!(e.kind(), "parse");
    let Error::Input(input) = &e else {
        panic!("not an input error: {e:?}")
    };
    assert_eq!(&*input.input, "vrps.csv");
    assert_eq!(input.line(), 2);
    assert_eq!(input.error.kind(), "parse");
    assert!(e.to_string().starts_with("vrps.csv: line 2"), "{e}");

    // Lenient: the bad record is a warning naming the input.
    let ds = Dataset::builder()
        .vrps(Input::text("vrps.csv", bad))
        .mode(Mode::Lenient)
        .build()
        .unwrap();
    assert_eq!(ds.vrps().unwrap().vrps.len(), 0);
    assert_eq!(ds.warnings().len(), 1);
    assert!(ds.warnings()[0].to_string().starts_with("vrps.csv: line 2"));
    assert_eq!(ds.skipped("vrps.csv"), 1);
    assert_eq!(ds.skipped("other.csv"), 0);
    // The count goes on past the warnings kept.
    let many = format!("{bad}AS1,10.0.0.1/8,8,x\nAS1,10.0.0.2/8,8,x\n");
    let ds = Dataset::builder()
        .vrps(Input::text("vrps.csv", many))
        .mode(Mode::Lenient)
        .max_warnings(1)
        .build()
        .unwrap();
    assert_eq!((ds.warnings().len(), ds.skipped("vrps.csv")), (1, 3));

    // A bad SLURM file, a bad as-rel line, a bad bogon list.
    let e = Dataset::builder()
        .slurm(Input::text("local.json", "{"))
        .build()
        .unwrap_err();
    assert_eq!(e.error.kind(), "slurm");
    assert!(e.to_string().starts_with("local.json: "), "{e}");
    let e = Dataset::builder()
        .asrel(Input::text("as-rel.txt", "1|2|-1\nx|y\n"))
        .build()
        .unwrap_err();
    assert!(e.to_string().starts_with("as-rel.txt: line 2"), "{e}");
    let e = Dataset::builder()
        .bogons(Input::bytes("cymru.txt", b"10.0.0.0/8\n\xff\n".to_vec()))
        .build()
        .unwrap_err();
    assert!(e.to_string().starts_with("cymru.txt: line 2"), "{e}");

    // IRR dumps are lenient unless asked: a bad object is skipped with a
    // warning; strict mode fails on it.
    let dump = "route: 192.0.2.1/24\norigin: AS1\nsource: X\n\n";
    let ds = Dataset::builder()
        .irr(None, Input::text("x.db", dump))
        .build()
        .unwrap();
    assert_eq!(ds.irr().unwrap().len(), 0);
    assert_eq!(ds.warnings().len(), 1);
    assert_eq!(ds.skipped("x.db"), 1);
    let e = Dataset::builder()
        .irr(None, Input::text("x.db", dump))
        .irr_mode(Mode::Strict)
        .build()
        .unwrap_err();
    assert!(e.to_string().starts_with("x.db: line 1"), "{e}");
}

#[test]
fn bogon_lists_are_named_by_file() {
    let ds = Dataset::builder()
        .bogons(Input::text(
            "lists/fullbogons-ipv4.txt",
            "# c\n100.64.0.0/10\n45.0.0.0/8\n",
        ))
        .build()
        .unwrap();
    let v = ds.check(&p("45.1.0.0/16"), &path("3356 64496"));
    let f = v.bogon.unwrap();
    assert_eq!(f.kind, BogonKind::BogonPrefix);
    assert_eq!(f.list, "fullbogons-ipv4.txt");
}

#[test]
fn compressed_bytes_and_files_load_alike() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(VRPS.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let dir = std::env::temp_dir().join(format!("routeguard-dataset-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A gzip file without a telling name.
    let file = dir.join("vrps.csv");
    std::fs::write(&file, &gz).unwrap();
    let plain = Dataset::builder()
        .vrps(Input::text("v", VRPS))
        .build()
        .unwrap();
    for input in [
        Input::bytes("vrps.csv.gz", gz.clone()),
        Input::path(&file),
        Input::reader("<stdin>", std::io::Cursor::new(gz.clone())),
    ] {
        let ds = Dataset::builder().vrps(input).build().unwrap();
        assert_eq!(ds.vrps().unwrap().vrps, plain.vrps().unwrap().vrps);
    }
    // IRR dumps stream from files, compressed or not.
    let rpsl = dir.join("radb.db");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(RPSL.as_bytes()).unwrap();
    std::fs::write(&rpsl, gz.finish().unwrap()).unwrap();
    let ds = Dataset::builder()
        .irr(None, Input::path(&rpsl))
        .build()
        .unwrap();
    assert_eq!(ds.irr().unwrap().len(), 2);
    // A missing file: an io error naming the path once.
    let e = Dataset::builder()
        .vrps(Input::path(dir.join("missing.json")))
        .build()
        .unwrap_err();
    assert_eq!(Error::from(e.clone()).kind(), "io");
    let msg = e.to_string();
    assert_eq!(msg.matches("missing.json").count(), 1, "{msg}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The RIS table through the dataset and through the pieces: the same
/// verdict for every route (what `path check --vrps V --aspa V --asrel R`
/// prints, the CLI test checks against the CLI itself).
#[test]
fn real_data_ris_table_matches_the_pieces() {
    let (Some(vrps), Some(asrel), Some(ris)) = (
        common::data_file("vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2"),
        common::data_file("asrel/20180101.as-rel.txt.xz"),
        common::read_text(common::RIS),
    ) else {
        return;
    };
    let ds = Dataset::builder()
        .vrps(Input::path(&vrps))
        .asrel(Input::path(&asrel))
        .build()
        .unwrap();
    let data = common::read_data("vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2").unwrap();
    let loaded = routeguard::slurm::load(&data, &LoadOptions::default()).unwrap();
    let rov = RovIndex::new(&loaded.set.vrps);
    let aspas = AspaSet::from(&loaded.set);
    let rel = AsRelations::from(
        &routeguard::parse::asrel::parse_as_rel_bytes(
            &common::read_data("asrel/20180101.as-rel.txt.xz").unwrap(),
        )
        .unwrap(),
    );
    let bogons = Bogons::default();
    let by_hand = RouteChecker::new(&bogons)
        .with_rov(&rov)
        .with_aspa(&aspas, Direction::Upstream)
        .with_relations(&rel);
    let mut n = 0;
    for line in ris.lines() {
        let Ok(Some(route)) = parse_route_line(line) else {
            continue;
        };
        assert_eq!(
            ds.check(&route.prefix, &route.path),
            by_hand.check(&route.prefix, &route.path),
            "{line}"
        );
        n += 1;
    }
    assert!(n > 600_000, "{n} routes");
}

#[test]
fn aspas_from_their_own_file_or_none() {
    const ASPAS: &str =
        r#"{"roas": [], "aspas": [{"customer_asid": 64500, "providers": [64501]}]}"#;
    let route = (p("1.1.1.0/24"), path("64501 64500 13335"));
    // The VRP file's ASPAs (none here): every path unknown.
    let ds = Dataset::builder()
        .vrps(Input::text("vrps.csv", VRPS))
        .build()
        .unwrap();
    assert_eq!(ds.aspas().unwrap().len(), 0);
    assert_eq!(
        ds.checker(Direction::Upstream)
            .check(&route.0, &route.1)
            .aspa,
        Some(routeguard::AspaVerdict::Unknown)
    );
    // Turned off: no ASPA verdict at all, ROV still there.
    let ds = Dataset::builder()
        .vrps(Input::text("vrps.csv", VRPS))
        .vrp_aspas(false)
        .build()
        .unwrap();
    assert!(ds.aspas().is_none());
    let v = ds.checker(Direction::Upstream).check(&route.0, &route.1);
    assert_eq!((v.rov, v.aspa), (Some(RovState::Valid), None));
    // A file of their own, SLURM applied to it too, with or without VRPs.
    let slurm = r#"{"slurmVersion": 2,
      "validationOutputFilters": {"prefixFilters": [], "bgpsecFilters": [], "aspaFilters": [{"customerAsid": 64500}]},
      "locallyAddedAssertions": {"prefixAssertions": [], "bgpsecAssertions": [], "aspaAssertions": [{"customerAsid": 64496, "providerSet": [64497]}]}}"#;
    let ds = Dataset::builder()
        .aspas(Input::text("aspas.json", ASPAS))
        .build()
        .unwrap();
    assert!(ds.vrps().is_none() && ds.rov().is_none());
    let aspas = ds.aspas().unwrap();
    assert_eq!(aspas.len(), 1);
    let with_vrps = Dataset::builder()
        .vrps(Input::text("vrps.csv", VRPS))
        .aspas(Input::text("aspas.json", ASPAS))
        .slurm(Input::text("local.json", slurm))
        .build()
        .unwrap();
    assert_eq!(with_vrps.vrps().unwrap().vrps.len(), 3);
    let aspas = with_vrps.aspas().unwrap();
    assert_eq!(aspas.len(), 1);
    assert!(aspas.providers(Asn::new(64496)).is_some());
    assert!(aspas.providers(Asn::new(64500)).is_none());
}

#[test]
fn text_is_never_sniffed_and_bytes_in_memory_are_decompressed() {
    // A bogon list whose first line looks like bzip2's magic: as text it
    // is text (a parse error at line 1, not an io error).
    let e = Dataset::builder()
        .bogons(Input::text("list.txt", "BZh91AY&SY\n"))
        .build()
        .unwrap_err();
    assert_eq!(e.error.kind(), "parse", "{e}");
    // The same as bytes is taken for bzip2 (and is corrupt).
    let e = Dataset::builder()
        .bogons(Input::bytes("list.txt", b"BZh91AY&SY\n".to_vec()))
        .build()
        .unwrap_err();
    assert_eq!(e.error.kind(), "io", "{e}");
    // An IRR dump given as gzip bytes in memory is decompressed too.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(RPSL.as_bytes()).unwrap();
    let ds = Dataset::builder()
        .irr(None, Input::bytes("radb.db.gz", gz.finish().unwrap()))
        .build()
        .unwrap();
    assert_eq!(ds.irr().unwrap().len(), 2);
    // The crate error of a load error is the inner one, without the name.
    let e = Dataset::builder()
        .vrps(Input::text(
            "vrps.csv",
            "ASN,IP Prefix,Max Length\nAS1,10.0.0.1/8,8\n",
        ))
        .build()
        .unwrap_err();
    let inner = Error::from(e.error.clone());
    assert_eq!(inner.kind(), "parse");
    assert!(!inner.to_string().contains("vrps.csv"), "{inner}");
    assert!(e.to_string().starts_with("vrps.csv: "), "{e}");
}

#[test]
fn build_payloads_is_the_payload_part_of_build() {
    let vrps = format!("{VRPS}ASx,bad,1,ripe\n");
    let builder = |irr: Input| {
        Dataset::builder()
            .vrps(Input::text("vrps.csv", vrps.clone()))
            .slurm(Input::text("slurm.json", SLURM))
            .irr(None, irr)
            .asrel(Input::text("as-rel.txt", "3356|13335|-1\n"))
            .mode(Mode::Lenient)
    };
    let full = builder(Input::text("irr.rpsl", RPSL)).build().unwrap();
    let payloads = builder(Input::text("irr.rpsl", RPSL))
        .build_payloads()
        .unwrap();
    assert_eq!(payloads.vrps(), full.vrps());
    assert_eq!(payloads.vrps().unwrap().vrps.len(), 3);
    assert_eq!(payloads.vrp_format(), full.vrp_format());
    assert_eq!(payloads.skipped("vrps.csv"), 1);
    assert_eq!(payloads.skipped("vrps.csv"), full.skipped("vrps.csv"));
    let shown = |ds: &Dataset, payload_only: bool| -> Vec<String> {
        ds.warnings()
            .iter()
            .filter(|w| !payload_only || matches!(&*w.input, "vrps.csv" | "slurm.json"))
            .map(|w| format!("{}: {}", w.input, w.warning))
            .collect()
    };
    assert!(!shown(&payloads, false).is_empty());
    assert_eq!(shown(&payloads, false), shown(&full, true));
    assert!(full.irr().is_some() && full.relations().is_some());
    assert!(payloads.irr().is_none() && payloads.relations().is_none());
    for (prefix, origin) in [
        ("1.1.1.0/24", 13335),
        ("192.0.2.0/24", 64500),
        ("203.0.113.0/24", 64501),
    ] {
        let origin = Some(Asn::new(origin));
        assert_eq!(
            payloads.validate(&p(prefix), origin),
            full.validate(&p(prefix), origin),
            "{prefix}"
        );
    }
    // The other inputs are not read: a corrupt IRR dump fails build() only.
    let corrupt = || Input::bytes("irr.rpsl.gz", vec![0x1f, 0x8b, 0x08, 0, 0, 0]);
    assert_eq!(
        &*builder(corrupt()).build().unwrap_err().input,
        "irr.rpsl.gz"
    );
    assert!(builder(corrupt()).build_payloads().is_ok());
}
