//! Every check of every route at once: the RIPE RIS rrc06 table of
//! 2010-07-01 (641,957 `bgpdump -m` lines) through
//! [`RouteChecker`](routeguard::RouteChecker) with all four data sets — the
//! rpki-client snapshot of 2025-07-20 (723,521 VRPs for origin validation,
//! its 100 ASPAs), the built-in bogon registries, and CAIDA's 2018 AS
//! relationships. What `routeguard path check` does per line, without the
//! I/O: issue #4 asks for the whole table in ≤ 1 s on one core.
//!
//! Groups (`Throughput::Elements` = routes):
//! - `route/check`: `RouteChecker::check_from` on routes parsed beforehand;
//! - `route/parse+check`: parse each line (`parse_route_line`), then check
//!   it. The CLI adds reading stdin and writing the CSV rows; its end-to-end
//!   time is in `benches/RESULTS.md`.
//!
//! No peer does these four checks together; the per-check benches (`rov`,
//! `aspa`, `bogon`, `leak`) carry the side-by-side comparisons.
//! Run: `cargo bench -p routeguard-benches --bench route`;
//! `ROUTEGUARD_BENCH_CPU=1` measures thread CPU time.

use std::hint::black_box;
use std::sync::OnceLock;

use criterion::measurement::Measurement;
use criterion::{Criterion, Throughput};
use routeguard::parse::asrel::parse_as_rel;
use routeguard::parse::bgp::{parse_route_line, RouteLine};
use routeguard::{
    parse, AsRelations, AspaSet, BogonOptions, Bogons, Direction, LoadOptions, RouteChecker,
    RovIndex,
};
use routeguard_benches::data;
use routeguard_benches::harness::{self, slow, Suite};

struct Fixture {
    text: String,
    routes: Vec<RouteLine>,
    rov: RovIndex,
    aspas: AspaSet,
    relations: AsRelations,
    bogons: Bogons,
}

fn fixture() -> Option<&'static Fixture> {
    static F: OnceLock<Option<Fixture>> = OnceLock::new();
    F.get_or_init(|| {
        let dir = data::data_dir()?;
        let text = data::read_text(data::RIS)?;
        let routes: Vec<RouteLine> = text
            .lines()
            .filter_map(|l| parse_route_line(l).expect("RIS line parses"))
            .collect();
        let vrps = data::read(&dir.join(data::VRPS)).expect("read VRPs");
        let loaded = parse::load(&vrps, &LoadOptions::default()).expect("VRPs load");
        let asrel = data::read_text(data::ASREL)?;
        let relations = AsRelations::from(&parse_as_rel(&asrel).expect("as-rel parses"));
        eprintln!(
            "route bench data: {} routes, {} VRPs, {} ASPAs, {} relationships",
            routes.len(),
            loaded.set.vrps.len(),
            loaded.set.aspas.len(),
            relations.len()
        );
        Some(Fixture {
            routes,
            rov: RovIndex::new(&loaded.set.vrps),
            aspas: AspaSet::from(&loaded.set),
            relations,
            bogons: Bogons::new(BogonOptions::default()),
            text,
        })
    })
    .as_ref()
}

fn checker(f: &Fixture) -> RouteChecker<'_> {
    RouteChecker::new(&f.bogons)
        .with_rov(&f.rov)
        .with_aspa(&f.aspas, Direction::Upstream)
        .with_relations(&f.relations)
}

fn bench<M: Measurement>(c: &mut Criterion<M>) {
    let Some(f) = fixture() else { return };
    let checker = checker(f);
    let mut g = slow(c, "route", 8);
    g.throughput(Throughput::Elements(f.routes.len() as u64));
    g.bench_function("check", |b| {
        b.iter(|| {
            let mut rejected = 0usize;
            for r in &f.routes {
                let v = checker.check_from(&r.prefix, &r.path, r.peer_as);
                rejected += usize::from(v.is_rejected());
            }
            black_box(rejected)
        })
    });
    g.bench_function("parse+check", |b| {
        b.iter(|| {
            let mut rejected = 0usize;
            for line in f.text.lines() {
                let Ok(Some(r)) = parse_route_line(line) else {
                    continue;
                };
                let v = checker.check_from(&r.prefix, &r.path, r.peer_as);
                rejected += usize::from(v.is_rejected());
            }
            black_box(rejected)
        })
    });
    g.finish();
}

struct Route;

impl Suite for Route {
    fn run<M: Measurement>(c: &mut Criterion<M>) {
        bench(c);
    }
}

fn main() {
    harness::main::<Route>("route");
}
