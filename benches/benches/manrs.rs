//! MANRS observatory mode on real data, end to end: the full rpki-client
//! snapshot (723,521 VRPs, bzip2) and the CAIDA Routeviews prefix2as table
//! of 2024-04-06 (998,042 lines, gzip), both held in memory compressed, then
//! decompressed, parsed, indexed, and scored per origin AS (75,693 rows:
//! M7RPKI, bogon counts, CAIDA Action 4). The target is at most 5 s
//! for this on the 2-core machine.
//!
//! No offline peer exists (the MANRS Observatory is a hosted monthly
//! service), so the stages are timed beside the whole: `vrps` (Dataset
//! with the VRP file), `routes` (prefix2as → RouteTable), `score`
//! (observatory over both), `end-to-end` (all three). Run: `cargo bench -p
//! routeguard-benches --bench manrs` (`ROUTEGUARD_BENCH_CPU=1` measures
//! thread CPU time).

use std::hint::black_box;
use std::sync::OnceLock;

use criterion::measurement::Measurement;
use criterion::Criterion;
use routeguard::dataset::{Dataset, Input};
use routeguard::manrs::{observatory, RouteFilter, RouteTable};
use routeguard_benches::data;
use routeguard_benches::harness::{self, slow, Suite};

struct Fixture {
    vrps: Vec<u8>,
    pfx2as: Vec<u8>,
}

fn fixture() -> Option<&'static Fixture> {
    static F: OnceLock<Option<Fixture>> = OnceLock::new();
    F.get_or_init(|| {
        let dir = data::data_dir()?;
        Some(Fixture {
            vrps: std::fs::read(dir.join(data::VRPS)).ok()?,
            pfx2as: std::fs::read(dir.join(data::PFX2AS)).ok()?,
        })
    })
    .as_ref()
}

fn dataset(f: &Fixture) -> Dataset {
    Dataset::builder()
        .vrps(Input::bytes("vrps.json.bz2", f.vrps.clone()))
        .build()
        .expect("VRPs load")
}

fn routes(f: &Fixture) -> RouteTable {
    let mut t = RouteTable::new(RouteFilter::All);
    t.read(
        Input::bytes("pfx2as.gz", f.pfx2as.clone()),
        &Default::default(),
    )
    .expect("prefix2as reads");
    t.finish()
}

struct Manrs;

impl Suite for Manrs {
    fn run<M: Measurement>(c: &mut Criterion<M>) {
        let Some(f) = fixture() else {
            eprintln!("manrs bench: shared data not found (set ROUTEGUARD_DATA); skipping");
            return;
        };
        let ds = dataset(f);
        let table = routes(f);
        let rows = observatory(&ds, &table);
        eprintln!(
            "manrs bench: {} routes, {} origin rows",
            table.len(),
            rows.len()
        );
        let mut g = slow(c, "manrs observatory", 20);
        g.bench_function("vrps", |b| b.iter(|| black_box(dataset(f))));
        g.bench_function("routes", |b| b.iter(|| black_box(routes(f))));
        g.bench_function("score", |b| b.iter(|| black_box(observatory(&ds, &table))));
        g.bench_function("end-to-end", |b| {
            b.iter(|| {
                let ds = dataset(f);
                let table = routes(f);
                black_box(observatory(&ds, &table).len())
            })
        });
        g.finish();
    }
}

fn main() {
    harness::main::<Manrs>("manrs");
}
