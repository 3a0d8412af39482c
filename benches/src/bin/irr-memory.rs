//! Measures the memory of the IRR database with a counting allocator, and
//! times loading and route checks.
//!
//! 1. dn42 registry held in memory, `add_text` + `build`: heap retained by
//!    the database / text bytes, beside `IrrDb::heap_bytes()`.
//! 2. The synthetic dump (`irr-synth`, `$IRR_BENCH_BYTES` or the first
//!    argument, default 1 GiB) streamed through `add_reader` (never held
//!    whole): peak heap during load + build / input bytes, throughput, and
//!    `route_status`/`check_route` throughput over its route objects.
//!
//! Usage: `irr-memory [BYTES]` (reads `$ROUTEGUARD_DATA` or
//! `../shared/data`; exit 3 when that is missing). Single-threaded.

use std::hint::black_box;
use std::io::BufReader;
use std::process::ExitCode;
use std::time::Instant;

use routeguard::index::irr::IrrDbBuilder;
use routeguard::parse::rpsl::RpslOptions;
use routeguard::validate::irr::{check_route, route_status};
use routeguard_benches::mem::{self, cpu_ns, mark, mib, rss_bytes, Counting};

#[allow(dead_code)]
#[path = "irr-synth.rs"]
mod synth;

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() -> ExitCode {
    let Some(dir) = synth::data_dir() else {
        eprintln!("irr-memory: shared data not found (set ROUTEGUARD_DATA)");
        return ExitCode::from(3);
    };
    let bytes = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(synth::bench_bytes);

    // 1. dn42 in memory.
    let text = match std::fs::read(dir.join("irr/dn42/dn42-registry.rpsl")) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("irr-memory: {e}");
            return ExitCode::from(1);
        }
    };
    let before = mark();
    let mut b = IrrDbBuilder::new(RpslOptions::lenient());
    if let Err(e) = b.add_text(&text, None) {
        eprintln!("irr-memory: dn42: {e}");
        return ExitCode::from(1);
    }
    let db = b.build();
    let retained = mem::live().saturating_sub(before);
    let peak = mem::peak().saturating_sub(before);
    println!(
        "dn42: text {} B, objects {}, heap retained {} B ({:.3}x text), heap_bytes() {} B ({:.3}x), peak during load {} B ({:.3}x)",
        text.len(),
        db.len(),
        retained,
        retained as f64 / text.len() as f64,
        db.heap_bytes(),
        db.heap_bytes() as f64 / text.len() as f64,
        peak,
        peak as f64 / text.len() as f64,
    );
    drop(db);
    drop(text);

    // 2. The synthetic dump, streamed.
    let objects = match synth::base_objects(&dir) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("irr-memory: {e}");
            return ExitCode::from(1);
        }
    };
    let before = mark();
    let rss0 = rss_bytes();
    let t = Instant::now();
    let cpu0 = cpu_ns();
    let reader = BufReader::with_capacity(1 << 16, synth::Synth::new(objects, bytes));
    let mut b = IrrDbBuilder::new(RpslOptions::lenient());
    let report = match b.add_reader(reader, None) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("irr-memory: synthetic: {e}");
            return ExitCode::from(1);
        }
    };
    let db = b.build();
    let wall = t.elapsed().as_secs_f64();
    let cpu = cpu_ns().saturating_sub(cpu0) as f64 / 1e9;
    let peak = mem::peak().saturating_sub(before);
    let retained = mem::live().saturating_sub(before);
    let s = db.stats();
    println!(
        "synthetic: input {} B ({}), objects {} (skipped {}), routes {} + {}, load+build wall {wall:.2} s cpu {cpu:.2} s = {:.0} MB/s (cpu, includes generating the input)",
        bytes,
        mib(bytes),
        report.objects,
        report.skipped,
        s.routes_v4,
        s.routes_v6,
        bytes as f64 / cpu / 1e6,
    );
    println!(
        "synthetic: peak heap {} B = {:.3}x input; retained {} B = {:.3}x; heap_bytes() {:.3}x; RSS delta {}",
        peak,
        peak as f64 / bytes as f64,
        retained,
        retained as f64 / bytes as f64,
        db.heap_bytes() as f64 / bytes as f64,
        mib(rss_bytes().saturating_sub(rss0)),
    );

    // Route checks over the route objects (shifted by one bit of length
    // every other route so that covered / invalid-origin paths run too).
    let routes: Vec<(routeguard::Prefix, routeguard::Asn)> = db
        .all_routes()
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
    let cpu0 = cpu_ns();
    let mut valid = 0usize;
    for (p, a) in &routes {
        if black_box(route_status(&db, p, *a)) == routeguard::validate::irr::IrrStatus::Valid {
            valid += 1;
        }
    }
    let cpu = cpu_ns().saturating_sub(cpu0) as f64 / 1e9;
    println!(
        "route_status: {} routes ({valid} valid) in {cpu:.3} s cpu = {:.2} M routes/s",
        routes.len(),
        routes.len() as f64 / cpu / 1e6
    );
    let n = routes.len().min(200_000);
    let cpu0 = cpu_ns();
    for (p, a) in routes.iter().take(n) {
        black_box(check_route(&db, p, *a));
    }
    let cpu = cpu_ns().saturating_sub(cpu0) as f64 / 1e9;
    println!(
        "check_route (full result, advice): {n} routes in {cpu:.3} s cpu = {:.2} M routes/s",
        n as f64 / cpu / 1e6
    );
    drop(routes);
    drop(db);

    // 3. The same dump held in memory: `add_text` + `build` throughput.
    let objects = synth::base_objects(&dir).unwrap_or_default();
    let dump = synth::Synth::new(objects, bytes).collect();
    let cpu0 = cpu_ns();
    let t = Instant::now();
    let mut b = IrrDbBuilder::new(RpslOptions::lenient());
    let _ = b.add_text(&dump, None);
    let cpu_load = cpu_ns().saturating_sub(cpu0) as f64 / 1e9;
    let db = b.build();
    let cpu = cpu_ns().saturating_sub(cpu0) as f64 / 1e9;
    println!(
        "in memory: add_text {cpu_load:.3} s + build {:.3} s cpu = {:.0} MB/s (cpu), wall {:.3} s, {} objects",
        cpu - cpu_load,
        dump.len() as f64 / cpu / 1e6,
        t.elapsed().as_secs_f64(),
        db.len()
    );
    ExitCode::SUCCESS
}
