//! Loaders and writers against real exports: Routinator's golden outputs,
//! rpki-client / StayRTR / npm samples, the full rpki-client snapshots, and
//! hand-written rpki-client csv/openbgpd/bird fixtures. Counts asserted here
//! were derived independently (Python `json`, `grep`), not from routeguard.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use routeguard::parse::{self, Format, LoadOptions, Loaded, ParseErrorKind};
use routeguard::render;
use routeguard::slurm;
use routeguard::OutputFormat;
use routeguard::{Asn, Family, Vrp, VrpSet};

fn strict() -> LoadOptions {
    LoadOptions::default()
}

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The first full snapshot, decompressed once per test binary.
fn josephine() -> Option<&'static [u8]> {
    static DATA: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    DATA.get_or_init(|| common::read_data("vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2"))
        .as_deref()
}

fn v6_count(set: &VrpSet) -> usize {
    set.vrps
        .iter()
        .filter(|v| v.prefix.family() == Family::V6)
        .count()
}

fn as0_count(set: &VrpSet) -> usize {
    set.vrps.iter().filter(|v| v.asn.is_zero()).count()
}

fn keys(set: &VrpSet) -> Vec<(routeguard::Prefix, u8, Asn)> {
    let mut k: Vec<_> = set.vrps.iter().map(Vrp::key).collect();
    k.sort();
    k
}

fn with_ta(set: &VrpSet) -> Vec<(routeguard::Prefix, u8, Asn, Option<String>)> {
    let mut k: Vec<_> = set
        .vrps
        .iter()
        .map(|v| {
            (
                v.prefix,
                v.max_length,
                v.asn,
                v.ta.as_deref().map(str::to_owned),
            )
        })
        .collect();
    k.sort();
    k
}

fn with_expiry(set: &VrpSet) -> Vec<(routeguard::Prefix, u8, Asn, Option<i64>)> {
    let mut k: Vec<_> = set
        .vrps
        .iter()
        .map(|v| (v.prefix, v.max_length, v.asn, v.expires))
        .collect();
    k.sort();
    k
}

fn aspas(set: &VrpSet, expiry: bool) -> Vec<(Asn, Vec<Asn>, Option<i64>)> {
    let mut a: Vec<_> = set
        .aspas
        .iter()
        .map(|a| {
            (
                a.customer,
                a.providers.clone(),
                if expiry { a.expires } else { None },
            )
        })
        .collect();
    a.sort();
    a
}

fn router_keys(set: &VrpSet) -> Vec<(Asn, String, String)> {
    let mut k: Vec<_> = set
        .router_keys
        .iter()
        .map(|k| (k.asn, k.ski.clone(), k.public_key.clone()))
        .collect();
    k.sort();
    k
}

/// Writes `set` in every output format, loads it back (sniffed) and checks
/// that everything the format carries survived.
fn assert_round_trip(set: &VrpSet, what: &str) {
    for format in OutputFormat::ALL {
        let text = render::vrps::vrps_to_string(set, format);
        let back = if text.is_empty() {
            Loaded::default()
        } else {
            parse::load(text.as_bytes(), &strict())
                .unwrap_or_else(|e| panic!("{what} via {format}: {e}"))
        };
        let back = &back.set;
        assert_eq!(keys(back), keys(set), "{what} via {format}: VRPs");
        match format {
            OutputFormat::RoutinatorJson | OutputFormat::RoutinatorCsv => {
                assert_eq!(
                    with_ta(back),
                    with_ta(set),
                    "{what} via {format}: trust anchors"
                );
            }
            OutputFormat::RpkiClientJson => {
                assert_eq!(
                    with_ta(back),
                    with_ta(set),
                    "{what} via {format}: trust anchors"
                );
                assert_eq!(
                    with_expiry(back),
                    with_expiry(set),
                    "{what} via {format}: expiry"
                );
                assert_eq!(
                    back.generated, set.generated,
                    "{what} via {format}: generated"
                );
            }
            OutputFormat::OpenBgpd => {
                assert_eq!(
                    with_expiry(back),
                    with_expiry(set),
                    "{what} via {format}: expiry"
                );
            }
            _ => {}
        }
        match format {
            OutputFormat::RoutinatorJson => {
                assert_eq!(
                    aspas(back, false),
                    aspas(set, false),
                    "{what} via {format}: ASPAs"
                );
                assert_eq!(
                    router_keys(back),
                    router_keys(set),
                    "{what} via {format}: router keys"
                );
            }
            OutputFormat::RpkiClientJson => {
                assert_eq!(
                    aspas(back, true),
                    aspas(set, true),
                    "{what} via {format}: ASPAs"
                );
                assert_eq!(
                    router_keys(back),
                    router_keys(set),
                    "{what} via {format}: router keys"
                );
            }
            OutputFormat::OpenBgpd => assert_eq!(
                aspas(back, true),
                aspas(set, true),
                "{what} via {format}: ASPAs"
            ),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------- golden

#[test]
fn routinator_golden_files_load_with_the_right_counts() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let dir = dir.join("formats/routinator-golden");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let (stem, ext) = name.split_once('.').unwrap();
        let bytes = std::fs::read(&path).unwrap();
        if stem == "slurm_full_rfc8416" {
            // Sniffed only: whether this RFC example (with its 3-byte
            // "Zm9v" SKI) is accepted is crate::slurm's call.
            assert_eq!(parse::sniff(&bytes), Some(Format::Slurm), "{name}");
            continue;
        }
        let bits: Vec<bool> = stem.chars().map(|c| c == '1').collect();
        let (roas, rks, aps) = (
            usize::from(bits[0]) * 2,
            usize::from(bits[1]) * 2,
            usize::from(bits[2]) * 2,
        );
        seen += 1;
        match ext {
            "summary" => {
                assert_eq!(parse::sniff(&bytes), None, "{name}");
                let e = parse::load(&bytes, &strict()).unwrap_err();
                assert_eq!(e.kind, ParseErrorKind::UnknownFormat);
                continue;
            }
            "slurm" | "slurm2" => {
                // Routinator's SLURM exports read as data: their assertions,
                // by the slurm stage (the parse stage names it in its error).
                assert_eq!(parse::sniff(&bytes), Some(Format::Slurm), "{name}");
                let e = parse::load(&bytes, &strict()).unwrap_err();
                assert_eq!(e.kind, ParseErrorKind::SlurmInput, "{name}");
                assert!(e.to_string().contains("slurm::load"), "{name}: {e}");
                let l = slurm::load(&bytes, &strict()).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(l.format, Some(Format::Slurm));
                let s = &l.set;
                let aspa_expect = if ext == "slurm2" { aps } else { 0 };
                assert_eq!(
                    (s.vrps.len(), s.router_keys.len(), s.aspas.len()),
                    (roas, rks, aspa_expect),
                    "{name}"
                );
                for v in &s.vrps {
                    assert_eq!(
                        v.key(),
                        ("12.34.56.0/24".parse().unwrap(), 24, Asn::new(1234)),
                        "{name}"
                    );
                }
                continue;
            }
            "none" => {
                assert!(bytes.is_empty());
                let l = parse::load(&bytes, &strict()).unwrap();
                assert_eq!((l.format, l.set.is_empty()), (None, true), "{name}");
                continue;
            }
            _ => {}
        }
        let expect_format = match ext {
            "json" | "jsonext" => Format::Json,
            "csv" | "csvcompat" | "csvext" => Format::Csv,
            "openbgpd" => Format::OpenBgpd,
            "bird1" | "bird2" => Format::Bird,
            other => panic!("unexpected golden file {other}"),
        };
        let l = parse::load(&bytes, &strict()).unwrap_or_else(|e| panic!("{name}: {e}"));
        if bytes.is_empty() {
            // Routinator writes nothing at all for an empty bird export.
            assert_eq!(l.format, None, "{name}");
        } else {
            assert_eq!(parse::sniff(&bytes), Some(expect_format), "{name}");
            assert_eq!(l.format, Some(expect_format), "{name}");
        }
        // Also loadable with the explicit format.
        let explicit = parse::load_as(&bytes, expect_format, &strict()).unwrap();
        assert_eq!(explicit.set, l.set, "{name}");
        let set = &l.set;
        assert_eq!(set.vrps.len(), roas, "{name}: VRPs");
        let is_json = expect_format == Format::Json;
        assert_eq!(
            set.router_keys.len(),
            if is_json { rks } else { 0 },
            "{name}: router keys"
        );
        assert_eq!(
            set.aspas.len(),
            if is_json { aps } else { 0 },
            "{name}: ASPAs"
        );
        for v in &set.vrps {
            assert_eq!(v.to_string(), "12.34.56.0/24-24 AS1234");
            assert_eq!(v.ta, None, "{name}: N/A is no trust anchor");
        }
        for a in &set.aspas {
            assert_eq!(a.customer, Asn::new(1234));
            assert_eq!(a.providers, (1..=4).map(Asn::new).collect::<Vec<_>>());
        }
        for k in &set.router_keys {
            assert_eq!(
                (k.asn, k.ski.len(), k.public_key.len()),
                (Asn::new(1234), 40, 86)
            );
        }
        if ext == "jsonext" {
            for v in &set.vrps {
                let src = v.sources.as_ref().expect("jsonext keeps sources");
                assert_eq!(
                    (src.len(), src[0].kind.as_str(), src[0].path.as_deref()),
                    (1, "exception", None)
                );
            }
        }
        if is_json {
            assert_eq!(set.generated, Some(0), "{name}");
        }
        assert_round_trip(set, &name);
    }
    assert_eq!(seen, 96, "every golden output checked");
}

/// The writers reproduce Routinator's own outputs byte for byte.
#[test]
fn writers_match_routinator_golden_bytes() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let dir = dir.join("formats/routinator-golden");
    for stem in ["000", "001", "010", "011", "100", "101", "110", "111"] {
        let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{stem}.{ext}"))).unwrap();
        let json = parse::load(read("json").as_bytes(), &strict()).unwrap().set;
        assert_eq!(
            render::vrps::vrps_to_string(&json, OutputFormat::RoutinatorJson),
            read("json"),
            "{stem}.json"
        );
        assert_eq!(
            render::vrps::vrps_to_string(&json, OutputFormat::RoutinatorCsv),
            read("csv"),
            "{stem}.csv"
        );
        assert_eq!(
            render::vrps::vrps_to_string(&json, OutputFormat::Bird2),
            read("bird2"),
            "{stem}.bird2"
        );
        let bgpd = parse::load(read("openbgpd").as_bytes(), &strict())
            .unwrap()
            .set;
        assert_eq!(
            render::vrps::vrps_to_string(&bgpd, OutputFormat::OpenBgpd),
            read("openbgpd"),
            "{stem}.openbgpd"
        );
        if json.aspas.is_empty() {
            assert_eq!(
                render::vrps::vrps_to_string(&json, OutputFormat::OpenBgpd),
                read("openbgpd"),
                "{stem}.openbgpd"
            );
        }
    }
}

// ---------------------------------------------------------------- samples

#[test]
fn routinator_jsonext_sample() {
    let Some(b) = common::read_data("vrps/formats/routinator_jsonext_sample_2025-03-09.json")
    else {
        return;
    };
    assert_eq!(parse::sniff(&b), Some(Format::Json));
    let l = parse::load(&b, &strict()).unwrap();
    let s = &l.set;
    assert_eq!((s.vrps.len(), v6_count(s)), (2, 1));
    assert_eq!(s.generated, Some(1_741_556_754));
    assert_eq!(s.vrps[0].ta.as_deref(), Some("apnic"));
    assert_eq!(s.vrps[1].ta.as_deref(), Some("afrinic"));
    assert_eq!(s.vrps[1].max_length, 128);
    let src = &s.vrps[0].sources.as_ref().unwrap()[0];
    assert_eq!(src.kind, "roa");
    assert!(src
        .uri
        .as_deref()
        .unwrap()
        .ends_with("797B4DEC293B11E8B187196DC4F9AE02.roa"));
    assert_eq!(src.not_before.as_deref(), Some("2021-02-11T14:20:11Z"));
    assert_eq!(src.chain_not_after.as_deref(), Some("2025-03-15T14:17:32Z"));
    assert_eq!(src.stale.as_deref(), Some("2025-03-15T14:17:31Z"));
    assert_round_trip(s, "jsonext sample");
}

#[test]
fn rpki_client_2021_sample_with_string_metadata() {
    let Some(b) = common::read_data("vrps/formats/rpki-client_json_sample_2021-09-01.json") else {
        return;
    };
    let s = parse::load(&b, &strict()).unwrap().set;
    assert_eq!((s.vrps.len(), v6_count(&s)), (70, 48));
    let mut tas = BTreeMap::new();
    for v in &s.vrps {
        *tas.entry(v.ta.as_deref().unwrap().to_owned()).or_insert(0) += 1;
    }
    assert_eq!(
        tas,
        BTreeMap::from([("afrinic".to_owned(), 48), ("apnic".to_owned(), 22)])
    );
    assert_eq!(s.generated, Some(1_630_454_659)); // 2021-09-01T00:04:19Z
    assert_eq!(s.vrps[0].expires, Some(1_630_592_339));
    assert_round_trip(&s, "rpki-client 2021");
}

#[test]
fn rpki_client_2023_sample() {
    let Some(b) = common::read_data("vrps/formats/rpki-client_json_sample_2023-10-01.json") else {
        return;
    };
    let s = parse::load(&b, &strict()).unwrap().set;
    assert_eq!(
        (
            s.vrps.len(),
            v6_count(&s),
            s.router_keys.len(),
            s.aspas.len()
        ),
        (379, 371, 3, 2)
    );
    assert_eq!(s.aspas.iter().map(|a| a.providers.len()).sum::<usize>(), 10);
    assert_eq!(s.aspas[0].customer, Asn::new(945));
    assert_eq!(s.aspas[0].expires, Some(1_696_173_179));
    assert_eq!(
        s.router_keys[0].ski,
        "510F485D29A29DB7B515F9C478F8ED3CB7AA7D23"
    );
    assert_eq!(s.router_keys[0].ta.as_deref(), Some("arin"));
    assert_round_trip(&s, "rpki-client 2023");
}

#[test]
fn stayrtr_rpki_json_files() {
    let Some(b) = common::read_data("formats/stayrtr/cmd_stayrtr_test.rpki.json") else {
        return;
    };
    let s = parse::load(&b, &strict()).unwrap().set;
    assert_eq!(
        (s.vrps.len(), v6_count(&s), s.router_keys.len()),
        (19, 14, 3)
    );
    assert_eq!(s.vrps.last().unwrap().ta.as_deref(), Some("lmao"));
    // The legacy per-AFI layout, merged per customer.
    assert_eq!(
        aspas(&s, false)
            .iter()
            .map(|(c, p, _)| (c.get(), p.len()))
            .collect::<Vec<_>>(),
        vec![(15562, 4), (64496, 6)]
    );
    assert_round_trip(&s, "stayrtr test");

    let b = common::read_data("formats/stayrtr/cmd_stayrtr_smalltest.rpki.json").unwrap();
    let s = parse::load(&b, &strict()).unwrap().set;
    assert_eq!(s.vrps.len(), 2);
    assert_eq!(s.vrps[1].asn, Asn::new(9367), "\"AS9367\" as a string");
    assert_eq!(s.generated, Some(1_627_412_162)); // 2021-07-27T18:56:02Z

    // SLURM inputs of StayRTR: sniffed here; parsed by crate::slurm.
    for f in [
        "formats/stayrtr/cmd_stayrtr_test.slurm.json",
        "formats/stayrtr/prefixfile_slurm.json",
    ] {
        assert_eq!(
            parse::sniff(&common::read_data(f).unwrap()),
            Some(Format::Slurm),
            "{f}"
        );
    }
}

#[test]
fn npm_rpki_validator_array() {
    let Some(b) = common::read_data("vrps/rpki-validator-npm_test_5000vrps.json") else {
        return;
    };
    assert_eq!(parse::sniff(&b), Some(Format::Json));
    let s = parse::load(&b, &strict()).unwrap().set;
    assert_eq!((s.vrps.len(), v6_count(&s), as0_count(&s)), (5000, 545, 15));
    assert_round_trip(&s, "npm");
}

// ---------------------------------------------------------------- snapshots

fn ta_counts(set: &VrpSet) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for v in &set.vrps {
        *m.entry(v.ta.as_deref().unwrap_or("-").to_owned())
            .or_insert(0) += 1;
    }
    m
}

#[test]
fn full_snapshot_counts() {
    let Some(b) = josephine() else { return };
    let l = parse::load(b, &strict()).unwrap();
    assert_eq!(l.format, Some(Format::Json));
    let s = &l.set;
    assert_eq!(s.vrps.len(), 723_521);
    assert_eq!(
        (s.vrps.len() - v6_count(s), v6_count(s)),
        (580_366, 143_155)
    );
    assert_eq!(as0_count(s), 2_419);
    let expect: BTreeMap<String, usize> = [
        ("ripe", 300_988),
        ("arin", 203_995),
        ("apnic", 153_201),
        ("lacnic", 39_011),
        ("afrinic", 26_326),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(ta_counts(s), expect);
    // One shared Arc per trust anchor.
    let ripe: Vec<_> = s
        .vrps
        .iter()
        .filter_map(|v| v.ta.clone())
        .filter(|t| &**t == "ripe")
        .take(2)
        .collect();
    assert!(std::sync::Arc::ptr_eq(&ripe[0], &ripe[1]));
    assert_eq!(s.aspas.len(), 100);
    assert_eq!(
        s.aspas.iter().map(|a| a.providers.len()).sum::<usize>(),
        545
    );
    assert_eq!(s.aspas.iter().map(|a| a.providers.len()).max(), Some(55));
    assert_eq!(
        s.aspas
            .iter()
            .filter(|a| a.providers == [Asn::ZERO])
            .count(),
        2
    );
    assert_eq!(s.router_keys.len(), 2);
    assert_eq!(s.generated, Some(1_753_003_893));
    assert!(l.warnings.is_empty() && l.skipped == 0);
}

#[test]
fn second_snapshot_counts() {
    let Some(b) = common::read_data("vrps/rpki-client_josephine_2025-07-20T100145Z.json.bz2")
    else {
        return;
    };
    let s = parse::load(&b, &strict()).unwrap().set;
    assert_eq!(
        (s.vrps.len(), s.vrps.len() - v6_count(&s), v6_count(&s)),
        (723_524, 580_367, 143_157)
    );
    assert_eq!((s.aspas.len(), s.router_keys.len()), (100, 2));
}

#[test]
fn prepdev_legacy_aspa_snapshot() {
    let Some(b) =
        common::read_data("vrps/rpki-client_ripe-prepdev_2023-05-04_legacy-aspa-afi.json.gz")
    else {
        return;
    };
    let s = parse::load(&b, &strict()).unwrap().set;
    assert_eq!(
        (
            s.vrps.len(),
            s.vrps.len() - v6_count(&s),
            v6_count(&s),
            as0_count(&s)
        ),
        (424_223, 323_603, 100_620, 466)
    );
    assert_eq!(
        ta_counts(&s),
        BTreeMap::from([("ripe-prepdev-https".to_owned(), 424_223)])
    );
    assert_eq!(s.aspas.len(), 6_647);
    // Union of the ipv4 and ipv6 provider lists per customer (Python: 26,852).
    assert_eq!(
        s.aspas.iter().map(|a| a.providers.len()).sum::<usize>(),
        26_852
    );
    let as28 = s.aspas.iter().find(|a| a.customer == Asn::new(28)).unwrap();
    assert_eq!(
        as28.providers,
        [41881, 57485, 60637, 61036, 204096, 210051].map(Asn::new)
    );
}

/// Every VRP in release builds; every 16th in (slow) debug builds. All
/// ASPAs and router keys either way.
#[test]
fn full_snapshot_round_trips_through_every_format() {
    let Some(b) = josephine() else { return };
    let mut s = parse::load(b, &strict()).unwrap().set;
    if cfg!(debug_assertions) {
        s.vrps = s.vrps.into_iter().step_by(16).collect();
    }
    assert_round_trip(&s, "josephine");
}

/// The rpki-client JSON writer reproduces rpki-client's record lines and
/// section layout byte for byte (the metadata block differs: routeguard
/// writes only what it knows).
#[test]
fn rpki_client_json_writer_matches_rpki_client_layout() {
    let Some(b) = josephine() else { return };
    let orig = std::str::from_utf8(b).unwrap();
    let set = parse::load(b, &strict()).unwrap().set;
    let ours = render::vrps::vrps_to_string(&set, OutputFormat::RpkiClientJson);
    let section = |text: &str, name: &str| -> String {
        let start = text.find(&format!("\n\t\"{name}\": [\n")).unwrap();
        let rest = &text[start + 1..];
        let end = rest.find("\n\t]").unwrap();
        rest[..end + 3].to_owned()
    };
    for name in ["roas", "bgpsec_keys", "aspas"] {
        let (a, b) = (section(orig, name), section(&ours, name));
        assert!(
            a == b,
            "section {name} differs ({} vs {} bytes)",
            a.len(),
            b.len()
        );
    }
    assert!(
        ours.starts_with("{\n\t\"metadata\": {\n\t\t\"buildtime\": \"2025-07-20T09:31:33Z\",\n")
    );
    assert!(ours.ends_with("\n\t]\n}\n"));
}

/// CPU time of this thread in seconds (Linux), to measure on a busy machine.
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Load time of the 75 MB snapshot. The budget is asserted loosely (shared
/// machines); the measured numbers are printed (`--nocapture`): wall-clock
/// and, where Linux reports it, this thread's CPU time.
#[test]
fn full_snapshot_load_time() {
    let Some(b) = josephine() else { return };
    let (mut wall, mut cpu) = (f64::MAX, f64::MAX);
    for _ in 0..7 {
        let c = thread_cpu_seconds();
        let t = Instant::now();
        let l = parse::load(b, &strict()).unwrap();
        wall = wall.min(t.elapsed().as_secs_f64());
        if let (Some(c0), Some(c1)) = (c, thread_cpu_seconds()) {
            cpu = cpu.min(c1 - c0);
        }
        assert_eq!(l.set.vrps.len(), 723_521);
    }
    eprintln!(
        "load of {} MB rpki-client JSON: best wall {wall:.3} s, best CPU {cpu:.3} s",
        b.len() / 1_000_000
    );
    if cfg!(debug_assertions) {
        return;
    }
    assert!(wall.min(cpu) < 1.0, "loading took {wall:.3} s");
    // The same payloads in the other formats (release builds only).
    let set = parse::load(b, &strict()).unwrap().set;
    for format in OutputFormat::ALL {
        let t = Instant::now();
        let text = render::vrps::vrps_to_string(&set, format);
        let write_s = t.elapsed().as_secs_f64();
        let (mut wall, mut cpu) = (f64::MAX, f64::MAX);
        for _ in 0..3 {
            let c = thread_cpu_seconds();
            let t = Instant::now();
            let l = parse::load(text.as_bytes(), &strict()).unwrap();
            wall = wall.min(t.elapsed().as_secs_f64());
            if let (Some(c0), Some(c1)) = (c, thread_cpu_seconds()) {
                cpu = cpu.min(c1 - c0);
            }
            assert_eq!(l.set.vrps.len(), 723_521);
        }
        eprintln!(
            "{format}: write {write_s:.3} s, {} MB, load best wall {wall:.3} s, best CPU {cpu:.3} s",
            text.len() / 1_000_000
        );
    }
}

// ---------------------------------------------------------------- fixtures

#[test]
fn rpki_client_text_fixtures_agree() {
    let csv = parse::load(&fixture("rpki-client.csv"), &strict()).unwrap();
    let bgpd = parse::load(&fixture("rpki-client.openbgpd"), &strict()).unwrap();
    let bird = parse::load(&fixture("rpki-client.bird"), &strict()).unwrap();
    let bird1 = parse::load(&fixture("rpki-client-bird1v4.bird"), &strict()).unwrap();
    assert_eq!(
        (csv.format, bgpd.format, bird.format, bird1.format),
        (
            Some(Format::Csv),
            Some(Format::OpenBgpd),
            Some(Format::Bird),
            Some(Format::Bird)
        )
    );
    assert_eq!(csv.set.vrps.len(), 5);
    assert_eq!(keys(&csv.set), keys(&bgpd.set));
    assert_eq!(keys(&csv.set), keys(&bird.set));
    assert_eq!(with_expiry(&csv.set), with_expiry(&bgpd.set));
    assert_eq!(
        ta_counts(&csv.set),
        BTreeMap::from([
            ("afrinic".into(), 1),
            ("apnic".into(), 2),
            ("ripe".into(), 2)
        ])
    );
    assert_eq!(keys(&bird1.set), keys(&csv.set)[..3].to_vec());
    let expect = vec![
        (Asn::new(945), vec![Asn::new(13213), Asn::new(150369)]),
        (Asn::new(39002), vec![Asn::ZERO]),
    ];
    let plain = |s: &VrpSet| {
        aspas(s, false)
            .into_iter()
            .map(|(c, p, _)| (c, p))
            .collect::<Vec<_>>()
    };
    assert_eq!(plain(&bgpd.set), expect);
    assert_eq!(plain(&bird.set), expect);
    assert_eq!(bgpd.set.aspas[1].expires, Some(1_753_068_347));
    assert_round_trip(&bgpd.set, "openbgpd fixture");
}

// ---------------------------------------------------------------- errors

#[test]
fn strict_and_lenient_report_lines() {
    let bad = fixture("bad.csv");
    let e = parse::load(&bad, &strict()).unwrap_err();
    assert_eq!(e.line(), 3);
    assert_eq!(e.location.column, 8, "the prefix field");
    assert!(
        e.to_string()
            .starts_with("line 3, column 8: 1.6.0.1/22 has host bits set"),
        "{e}"
    );
    let l = parse::load(&bad, &LoadOptions::lenient()).unwrap();
    assert_eq!(l.set.vrps.len(), 2);
    assert_eq!(l.skipped, 3);
    assert_eq!(
        l.warnings.iter().map(|w| w.line()).collect::<Vec<_>>(),
        vec![3, 4, 6]
    );

    // The same records as openbgpd and bird text.
    let bgpd = "roa-set {\n\t1.0.0.0/24 source-as 13335\n\t1.6.0.1/22 maxlen 24 source-as 9583\n\t192.0.2.0/24 maxlen 33 source-as 0\n\t2001:610:240::/42 source-as 3333\n\t2c0f:fff0::/32 maxlen 128 source-as X\n}\n";
    assert_eq!(
        parse::load(bgpd.as_bytes(), &strict()).unwrap_err().line(),
        3
    );
    let l = parse::load(bgpd.as_bytes(), &LoadOptions::lenient()).unwrap();
    assert_eq!(
        (
            l.set.vrps.len(),
            l.warnings.iter().map(|w| w.line()).collect::<Vec<_>>()
        ),
        (2, vec![3, 4, 6])
    );
    let bird = "route 1.0.0.0/24 max 24 as 13335;\nroute 1.6.0.1/22 max 24 as 9583;\nroute 192.0.2.0/24 max 33 as 0;\nroute 2001:610:240::/42 max 42 as 3333;\nroute 2c0f:fff0::/32 max 128 as X;\n";
    assert_eq!(
        parse::load(bird.as_bytes(), &strict()).unwrap_err().line(),
        2
    );
    let l = parse::load(bird.as_bytes(), &LoadOptions::lenient()).unwrap();
    assert_eq!(
        (
            l.set.vrps.len(),
            l.warnings.iter().map(|w| w.line()).collect::<Vec<_>>()
        ),
        (2, vec![2, 3, 5])
    );
}

#[test]
fn bad_record_in_full_snapshot_reports_its_line() {
    let Some(b) = josephine() else { return };
    let mut text = b.to_vec();
    let needle = b"\"prefix\": \"1.6.0.0/22\"";
    let at = memchr_find(&text, needle).unwrap();
    let expected_line = text[..at].iter().filter(|&&c| c == b'\n').count() + 1;
    text[at + needle.len() - 5] = b'1'; // 1.6.0.1/22: host bits
    let e = parse::load(&text, &strict()).unwrap_err();
    assert_eq!(e.line(), expected_line);
    assert!(
        matches!(
            e.kind,
            ParseErrorKind::Model(routeguard::ModelError::HostBitsSet { .. })
        ),
        "{e}"
    );
    let l = parse::load(&text, &LoadOptions::lenient()).unwrap();
    assert_eq!(
        (l.set.vrps.len(), l.skipped, l.warnings.len()),
        (723_520, 1, 1)
    );
    assert_eq!(l.warnings[0].line(), expected_line);

    // Broken syntax is fatal even in lenient mode, with its line.
    let mut broken = b.to_vec();
    let at = memchr_find(&broken, b"\"asn\": 38803").unwrap_or(at);
    let line = broken[..at].iter().filter(|&&c| c == b'\n').count() + 1;
    broken[at] = b'x';
    let e = parse::load(&broken, &LoadOptions::lenient()).unwrap_err();
    assert_eq!(e.line(), line);
    assert!(matches!(e.kind, ParseErrorKind::Json(_)), "{e}");
}

fn memchr_find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn hostile_inputs_error_instead_of_panicking() {
    let cases: Vec<Vec<u8>> = vec![
        b"[".repeat(100_000),
        b"{\"roas\":[".repeat(50_000),
        b"{\"roas\":[{\"asn\":1,\"prefix\":\"\\ud800x\"}]}".to_vec(),
        b"{\"roas\":[{\"asn\":1e999999,\"prefix\":\"1.0.0.0/8\",\"maxLength\":8}]}".to_vec(),
        b"roa-set {".repeat(1000),
        b"protocol static {".repeat(1000),
        b"route aspa 1 providers "
            .iter()
            .copied()
            .chain(b"1, ".repeat(20_000))
            .chain(*b"2;")
            .collect(),
        b"\xff\xfe".to_vec(),
        b"ASN,IP Prefix\n\"AS1".to_vec(),
    ];
    for c in cases {
        for opts in [strict(), LoadOptions::lenient()] {
            for f in Format::ALL.into_iter().filter(|f| *f != Format::Slurm) {
                let _ = parse::load_as(&c, f, &opts);
            }
            let _ = parse::load(&c, &opts);
        }
    }
    let e = parse::load(&b"[".repeat(100_000), &strict()).unwrap_err();
    assert!(matches!(e.kind, ParseErrorKind::Limit(_)));
}

#[test]
fn slurm_as_data_honours_lenient_mode() {
    // No bgpsecAssertions: RFC 8416 requires the member, so strict fails at
    // the object that lacks it; lenient loads the assertions with a warning.
    let text = br#"{
  "slurmVersion": 1,
  "validationOutputFilters": { "prefixFilters": [], "bgpsecFilters": [] },
  "locallyAddedAssertions": {
    "prefixAssertions": [ { "asn": 64496, "prefix": "192.0.2.0/24" } ]
  }
}"#;
    let strict = slurm::load_as(text, Format::Slurm, &LoadOptions::default()).unwrap_err();
    assert!(strict.line() >= 1, "{strict}");
    let lenient = slurm::load_as(text, Format::Slurm, &LoadOptions::lenient()).unwrap();
    assert_eq!(lenient.set.vrps.len(), 1);
    assert_eq!(lenient.set.vrps[0].to_string(), "192.0.2.0/24-24 AS64496");
    assert!(!lenient.warnings.is_empty());
}

#[test]
fn slurm_input_is_read_by_the_slurm_stage_only() {
    // A SLURM file whose first member the sniffer does not see as SLURM:
    // the JSON loader finds the top-level member and names the slurm stage.
    let text = br#"{
  "validationOutputFilters": { "prefixFilters": [], "bgpsecFilters": [] },
  "locallyAddedAssertions": {
    "prefixAssertions": [ { "asn": 64496, "prefix": "192.0.2.0/24" } ],
    "bgpsecAssertions": []
  },
  "slurmVersion": 1
}"#;
    for format in [Format::Json, Format::Slurm] {
        let e = parse::load_as(text, format, &strict()).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::SlurmInput, "{format}");
        let l = slurm::load_as(text, format, &strict()).unwrap();
        assert_eq!(l.format, Some(Format::Slurm), "{format}");
        assert_eq!(l.set.vrps[0].to_string(), "192.0.2.0/24-24 AS64496");
    }
    assert_eq!(
        parse::load(text, &strict()).unwrap_err().kind,
        ParseErrorKind::SlurmInput
    );
    assert_eq!(slurm::load(text, &strict()).unwrap().set.vrps.len(), 1);
    // Every other format goes through the parse stage unchanged.
    let csv = b"ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n";
    assert_eq!(slurm::load(csv, &strict()), parse::load(csv, &strict()));
    assert_eq!(
        slurm::load_as(csv, Format::Csv, &strict()),
        parse::load_as(csv, Format::Csv, &strict())
    );
    assert_eq!(slurm::load(b"  \n", &strict()).unwrap(), Loaded::default());
}

/// The full snapshot, and every bundled real export, survive a VRP snapshot
/// unchanged (trust anchors, expiries, ASPAs, router keys, `jsonext`
/// sources), in a fraction of the JSON's size.
#[test]
fn snapshots_round_trip_real_exports() {
    use routeguard::parse::snapshot;
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    for rel in [
        "vrps/formats/routinator_jsonext_sample_2025-03-09.json",
        "vrps/formats/rpki-client_json_sample_2023-10-01.json",
        "vrps/rpki-validator-npm_test_5000vrps.json",
    ] {
        match common::read_data(rel) {
            Some(bytes) => inputs.push((rel.to_owned(), bytes)),
            None => return,
        }
    }
    if let Some(json) = josephine() {
        inputs.push(("josephine".to_owned(), json.to_vec()));
    }
    for (name, input) in &inputs {
        let set = parse::load(input, &LoadOptions::default()).expect(name).set;
        let bytes = render::snapshot::encode(&set);
        assert_eq!(snapshot::decode(&bytes).expect(name), set, "{name}");
        // Routinator's sources are strings either way; plain VRPs shrink.
        let most = if name.contains("jsonext") { 1 } else { 3 };
        assert!(
            bytes.len() * most < input.len(),
            "{name}: {} of {}",
            bytes.len(),
            input.len()
        );
    }
    let jsonext = parse::load(&inputs[0].1, &LoadOptions::default())
        .expect("jsonext")
        .set;
    assert!(jsonext.vrps.iter().all(|v| v.sources.is_some()));
}
