//! The IRR database: loading and indexing RPSL, and route checks.
//!
//! Data: the dn42 registry, and a synthetic dump made from dn42 + AS3257 with
//! new keys per round (`src/bin/irr-synth.rs`) of `$IRR_BENCH_BYTES` bytes
//! (default 1 GiB; the recorded run uses the default, set e.g.
//! `IRR_BENCH_BYTES=20000000` for a quick pass). Found through
//! `$ROUTEGUARD_DATA` or `../shared/data`; skipped with a message when
//! missing.
//!
//! Groups: `irr-build` (`add_text` + `build`, `Throughput::Bytes`: dn42 and
//! the synthetic dump held in memory), `irr-check` (`route_status` and
//! `check_route` over 100,000 route objects of the synthetic dump, half of
//! them shortened by one bit so the covered / invalid-origin paths run,
//! `Throughput::Elements`). Peak memory: see the `irr-memory` binary.
//! Run: `cargo bench -p routeguard-benches --bench irr_db`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use routeguard::index::irr::{IrrDb, IrrDbBuilder};
use routeguard::parse::rpsl::RpslOptions;
use routeguard::validate::irr::{check_route, route_status};
use routeguard::{Asn, Prefix};

#[allow(dead_code)]
#[path = "../src/bin/irr-synth.rs"]
mod synth;

fn build(text: &[u8]) -> IrrDb {
    let mut b = IrrDbBuilder::new(RpslOptions::lenient());
    b.add_text(text, None).ok();
    b.build()
}

fn benches(c: &mut Criterion) {
    let Some(dir) = synth::data_dir() else {
        eprintln!("irr_db bench: shared data not found (set ROUTEGUARD_DATA); skipping");
        return;
    };
    let Ok(dn42) = std::fs::read(dir.join("irr/dn42/dn42-registry.rpsl")) else {
        eprintln!("irr_db bench: dn42 registry missing; skipping");
        return;
    };
    let Ok(objects) = synth::base_objects(&dir) else {
        eprintln!("irr_db bench: base objects missing; skipping");
        return;
    };
    let dump = synth::Synth::new(objects, synth::bench_bytes()).collect();
    eprintln!("irr_db bench: synthetic dump of {} bytes", dump.len());

    let mut g = c.benchmark_group("irr-build");
    g.throughput(Throughput::Bytes(dn42.len() as u64));
    g.bench_function("dn42", |b| b.iter(|| black_box(build(&dn42))));
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(100));
    g.measurement_time(Duration::from_secs(1));
    g.throughput(Throughput::Bytes(dump.len() as u64));
    g.bench_function("synthetic", |b| b.iter(|| black_box(build(&dump))));
    g.finish();

    let db = build(&dump);
    drop(dump);
    let routes: Vec<(Prefix, Asn)> = db
        .all_routes()
        .step_by(
            (db.stats().routes_v4 + db.stats().routes_v6)
                .div_ceil(100_000)
                .max(1),
        )
        .enumerate()
        .map(|(i, r)| {
            let p = if i % 2 == 1 {
                r.prefix
                    .truncate(r.prefix.len().saturating_sub(1))
                    .unwrap_or(r.prefix)
            } else {
                r.prefix
            };
            (p, r.origin)
        })
        .collect();
    let mut g = c.benchmark_group("irr-check");
    g.throughput(Throughput::Elements(routes.len() as u64));
    g.bench_function("route_status", |b| {
        b.iter(|| {
            for (p, a) in &routes {
                black_box(route_status(&db, p, *a));
            }
        })
    });
    g.sample_size(10);
    g.bench_function("check_route", |b| {
        b.iter(|| {
            for (p, a) in &routes {
                black_box(check_route(&db, p, *a));
            }
        })
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();
}
