//! Measures (not estimates) the memory of each origin-validation index, and
//! times one cold pass of each stage.
//!
//! A counting global allocator records the live heap bytes and their peak;
//! each index is measured as the heap still live after it is built minus the
//! heap live before, with its input kept alive on both sides. The process RSS
//! (`/proc/self/statm`) before and after is printed beside it. For routeguard
//! the index's own account, `RovIndex::heap_bytes()`, is printed too.
//!
//! Usage: `rov-memory` (reads `$ROUTEGUARD_DATA` or `../shared/data`; exit 3
//! when that is missing). Single-threaded; run it on an idle machine for the
//! timings.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use routeguard::validate::rov::origin_state;
use routeguard::{parse, RovIndex, RovState};
use routeguard_benches::mem::{self, cpu_ns, mark, mib, rss_bytes, Counting};
use routeguard_benches::peers::{to_ipnet, BgpkitTrie, NaiveHash};
use routeguard_benches::{data, routes, vrps};

#[global_allocator]
static GLOBAL: Counting = Counting;

struct Probe {
    live: usize,
    rss: u64,
    t: Instant,
    cpu: u64,
}

impl Probe {
    fn start() -> Self {
        let live = mark();
        Probe {
            live,
            rss: rss_bytes(),
            t: Instant::now(),
            cpu: cpu_ns(),
        }
    }
    /// Prints retained heap, transient peak, RSS delta and time of one step.
    fn report(self, what: &str) -> u64 {
        let secs = self.t.elapsed().as_secs_f64();
        let cpu = cpu_ns().saturating_sub(self.cpu) as f64 / 1e9;
        let live = mem::live();
        let peak = mem::peak();
        let retained = live.saturating_sub(self.live) as u64;
        println!(
            "{what:<44} wall {:>7.3} s  cpu {:>7.3} s  heap retained {:>11}  heap peak +{:>11}  RSS delta {:>11}",
            secs,
            cpu,
            mib(retained),
            mib(peak.saturating_sub(self.live) as u64),
            mib(rss_bytes().saturating_sub(self.rss)),
        );
        retained
    }
}

/// Prints one validation pass: wall and CPU time, validations per CPU second.
fn pass(what: &str, n: usize, t: Instant, cpu0: u64, valid: usize) {
    let wall = t.elapsed().as_secs_f64();
    let cpu = cpu_ns().saturating_sub(cpu0) as f64 / 1e9;
    println!(
        "{what:<44} wall {wall:>7.3} s  cpu {cpu:>7.3} s  one pass over {n} routes ({valid} valid): \
         {:.2} M validations/s (wall), {:.2} M/s (cpu)",
        n as f64 / wall / 1e6,
        n as f64 / cpu / 1e6
    );
}

fn main() -> ExitCode {
    let Some(dir) = data::data_dir() else {
        return ExitCode::from(3);
    };
    let json = match data::read(&dir.join(data::VRPS)) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("rov-memory: {}: {e}", data::VRPS);
            return ExitCode::from(1);
        }
    };
    let simple = match vrps::parse_rpki_client_json(&json) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("rov-memory: {e}");
            return ExitCode::from(1);
        }
    };
    let text = data::read(&dir.join(data::PFX2AS)).unwrap_or_default();
    let (rs, _) = routes::workload(&text, &simple);
    let rg_routes: Vec<_> = rs.iter().map(|(p, a)| (*p, Some(*a))).collect();
    let ip_routes: Vec<_> = rs.iter().map(|(p, a)| (to_ipnet(p), a.get())).collect();
    println!(
        "input: {} bytes of JSON, {} VRPs, {} routes; RSS now {}",
        json.len(),
        simple.len(),
        rs.len(),
        mib(rss_bytes())
    );

    // routeguard: load, then index.
    let p = Probe::start();
    let loaded = match parse::load(&json, &parse::LoadOptions::default()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("rov-memory: routeguard load: {e}");
            return ExitCode::from(1);
        }
    };
    p.report("routeguard parse::load (VrpSet)");
    let p = Probe::start();
    let index = RovIndex::new(&loaded.set.vrps);
    let rg_bytes = p.report("routeguard RovIndex::new (the index)");
    println!(
        "routeguard RovIndex::heap_bytes() (its own account): {}",
        mib(index.heap_bytes() as u64)
    );
    let (t, c) = (Instant::now(), cpu_ns());
    let valid = rg_routes
        .iter()
        .filter(|(p, o)| origin_state(&index, p, *o).0 == RovState::Valid)
        .count();
    pass("routeguard RovIndex::state", rg_routes.len(), t, c, valid);
    drop(black_box(index));
    drop(loaded);

    // bgpkit-commons trie.
    let p = Probe::start();
    let bg = BgpkitTrie::new(&simple);
    let bg_bytes = p.report("bgpkit-commons RpkiTrie (insert_roa)");
    let (t, c) = (Instant::now(), cpu_ns());
    let valid = ip_routes
        .iter()
        .filter(|(p, o)| bg.state(p, *o) == RovState::Valid)
        .count();
    pass(
        "bgpkit-commons RpkiTrie::validate",
        ip_routes.len(),
        t,
        c,
        valid,
    );
    drop(black_box(bg));

    // Naive hash map.
    let p = Probe::start();
    let nh = NaiveHash::new(&simple);
    let nh_bytes = p.report("naive-hash HashMap<Prefix, Vec<(u8, u32)>>");
    let (t, c) = (Instant::now(), cpu_ns());
    let valid = rs
        .iter()
        .filter(|(p, o)| nh.state(p, *o) == RovState::Valid)
        .count();
    pass("naive-hash", rs.len(), t, c, valid);
    drop(black_box(nh));

    println!(
        "index memory (heap retained): routeguard {}, bgpkit-commons {}, naive-hash {}; target routeguard <= 48 MiB: {}",
        mib(rg_bytes),
        mib(bg_bytes),
        mib(nh_bytes),
        if rg_bytes <= 48 << 20 { "met" } else { "MISSED" }
    );
    ExitCode::SUCCESS
}
