//! The issue-13 memory target: the resident payloads of a live dataset
//! (the RTR client's store plus the snapshot it publishes, VRP list and
//! origin-validation index) at most twice those of the same data loaded
//! from the file. Heap bytes by a counting allocator, on josephine A:
//!
//! 1. file: `Dataset::builder().vrps(rpki-client JSON)`, indexes built;
//! 2. live: `Client::fetch` from StayRTR 0.5.1 serving A (RTR v2, ASPAs
//!    included), then `Dataset::with_rtr_payloads` of its store.
//!
//! Usage: `rtr-memory` (needs `stayrtr` and the shared data; exit 3 when
//! either is missing). Build with the benches' `rtr` feature (default).

#[path = "../../../core/tests/common/stayrtr.rs"]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod stayrtr;

use std::collections::HashSet;
use std::process::ExitCode;

use routeguard::dataset::{Dataset, Input};
use routeguard::net::rtr::client::{Client, ClientOptions};
use routeguard_benches::data;
use routeguard_benches::mem::{self, mark, mib, Counting};

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The StayRTR harness asks this (missing peers fail under CI).
fn ci() -> bool {
    false
}

fn main() -> ExitCode {
    let (Some(bin), Some(dir)) = (stayrtr::binary(), data::data_dir()) else {
        return ExitCode::from(3);
    };
    let a = match data::read(&dir.join(data::VRPS)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("rtr-memory: {e}");
            return ExitCode::from(1);
        }
    };
    let tmp = stayrtr::temp_dir("memory");
    let cache = tmp.join("cache.json");
    if let Err(e) = std::fs::write(
        &cache,
        stayrtr::stayrtr_json(&a, stayrtr::AspaAfi::V4, &HashSet::new()),
    ) {
        eprintln!("rtr-memory: {e}");
        return ExitCode::from(1);
    }
    let server = stayrtr::StayRtr::start(&bin, &cache, &[]);

    // The JSON's buffer, counted before the mark, is freed by the build.
    let input = a.capacity();
    let before = mark().saturating_sub(input);
    let file = match Dataset::builder().vrps(Input::bytes("a.json", a)).build() {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("rtr-memory: {e}");
            return ExitCode::from(1);
        }
    };
    let file_bytes = mem::live().saturating_sub(before);
    let file_vrps = file.vrps().map_or(0, |s| s.vrps.len());
    drop(file);

    let before = mark();
    let client = match Client::fetch(&server.addr.to_string(), ClientOptions::default()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("rtr-memory: {e}");
            return ExitCode::from(1);
        }
    };
    let store_bytes = mem::live().saturating_sub(before);
    let base = Dataset::builder().build().unwrap_or_else(|e| panic!("{e}"));
    let snapshot = base.with_rtr_payloads(client.payloads());
    let live_bytes = mem::live().saturating_sub(before);
    let peak = mem::peak().saturating_sub(before);
    let live_vrps = snapshot.vrps().map_or(0, |s| s.vrps.len());
    println!(
        "file: {file_vrps} VRPs (with duplicates), dataset + ROV index {}",
        mib(file_bytes as u64)
    );
    println!(
        "live: {live_vrps} VRPs, client store {} + snapshot {} = {} ({:.2}x the file), peak while loading {}",
        mib(store_bytes as u64),
        mib(live_bytes.saturating_sub(store_bytes) as u64),
        mib(live_bytes as u64),
        live_bytes as f64 / file_bytes.max(1) as f64,
        mib(peak as u64)
    );
    drop(snapshot);
    drop(client);
    drop(server);
    let _ = std::fs::remove_dir_all(&tmp);
    ExitCode::SUCCESS
}
