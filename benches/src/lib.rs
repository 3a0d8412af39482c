//! Shared pieces of the routeguard benchmarks: finding the shared real data,
//! building the route set, and the peers that run beside routeguard.
//!
//! The origin-validation workload (issue 2, "Speed") is the full rpki-client
//! snapshot (723,521 VRPs) against the 998,042 prefixes of the RouteViews
//! pfx2as table plus one route per IPv6 VRP. The exact rules that turn the
//! inputs into routes live in [`routes`]; the criterion benches, the memory
//! probe (`rov-memory`) and the end-to-end script (`rov-prep` writes its input
//! files) all use them, so every comparison runs on the same routes.
//!
//! Peers, each fed the same VRPs (from [`vrps::SimpleVrp`], a plain serde
//! reading of the JSON that does not go through routeguard's loader):
//! - [`peers::BgpkitTrie`]: the RPKI trie of the `bgpkit-commons` crate
//!   (`RpkiTrie::insert_roa` + `RpkiTrie::validate`); its network loaders are
//!   never called.
//! - [`peers::NaiveHash`]: the obvious structure, one hash map keyed by the
//!   exact VRP prefix, probed at every length from the route's length down
//!   to 0.
//! - `routeguard::validate::rov::validate_naive` (a linear scan of every VRP)
//!   only on a small sample of routes: over the full table it would take hours.
//! - RTRlib 0.8's `pfx_table`, through the C harness in `benches/rtrlib/`,
//!   end to end only (`benches/e2e-rov.sh`).

use std::path::{Path, PathBuf};

use routeguard::{Asn, Prefix, RovState};

/// Locating and reading the shared real data.
pub mod data {
    use super::*;

    /// The rpki-client snapshot the benchmarks load (relative to the data dir).
    pub const VRPS: &str = "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2";
    /// The RouteViews prefix-to-AS table (relative to the data dir).
    pub const PFX2AS: &str = "bgp/pfx2as/routeviews-rv2-20240406.pfx2as.gz";
    /// The RIPE RIS rrc06 table of 2010-07-01 as `bgpdump -m` text
    /// (641,957 routes): the path benchmarks' routes.
    pub const RIS: &str = "bgp/text/ris-rrc06_bview.20100701.0759.bgpdump-m.txt.gz";
    /// CAIDA's serial-1 AS relationships of 2018-01-01.
    pub const ASREL: &str = "asrel/20180101.as-rel.txt.xz";

    /// The shared data directory: `$ROUTEGUARD_DATA`, else `../shared/data`
    /// beside the workspace. `None` (after printing why) when it is missing.
    pub fn data_dir() -> Option<PathBuf> {
        let dir = match std::env::var_os("ROUTEGUARD_DATA") {
            Some(d) => PathBuf::from(d),
            None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"),
        };
        if dir.join(VRPS).is_file() && dir.join(PFX2AS).is_file() {
            Some(dir)
        } else {
            eprintln!(
                "SKIP: shared data not found under {} (need {VRPS} and {PFX2AS}; set ROUTEGUARD_DATA)",
                dir.display()
            );
            None
        }
    }

    /// Reads a file through `routeguard::io` (gzip, bzip2, xz or zstd,
    /// recognised by content), decompressed.
    pub fn read(path: &Path) -> Result<Vec<u8>, routeguard::io::IoError> {
        routeguard::io::read(path, &routeguard::io::Limits::default())
    }

    /// Reads a text file of the shared data (`rel` to the data dir),
    /// decompressed; `None` when the data is missing.
    pub fn read_text(rel: &str) -> Option<String> {
        let dir = data_dir()?;
        let raw = read(&dir.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"));
        Some(String::from_utf8(raw).unwrap_or_else(|e| panic!("{rel} is not UTF-8: {e}")))
    }
}

/// What every criterion bench here shares: wall-clock or thread-CPU-time
/// measurement (`ROUTEGUARD_BENCH_CPU=1`, for a machine shared with other
/// work), and group names that keep the two modes' histories apart.
pub mod harness {
    use std::sync::OnceLock;
    use std::time::Duration;

    use criterion::measurement::Measurement;
    use criterion::{BenchmarkGroup, Criterion};

    use crate::cpu::ThreadCpuTime;

    /// " (cpu)" when measuring CPU time, so the two modes keep separate
    /// criterion histories instead of comparing with each other.
    static SUFFIX: OnceLock<&'static str> = OnceLock::new();

    /// A bench file's groups, run once per measurement kind.
    pub trait Suite {
        /// Adds every group of the file to `c`.
        fn run<M: Measurement>(c: &mut Criterion<M>);
    }

    /// The bench's `main`: runs `S` with wall-clock time, or with thread CPU
    /// time when `ROUTEGUARD_BENCH_CPU` is set (and not `0`).
    pub fn main<S: Suite>(name: &str) {
        if std::env::var_os("ROUTEGUARD_BENCH_CPU").is_some_and(|v| v != "0" && !v.is_empty()) {
            eprintln!("{name} bench: measuring thread CPU time (ROUTEGUARD_BENCH_CPU)");
            let _ = SUFFIX.set(" (cpu)");
            let mut c = Criterion::default()
                .with_measurement(ThreadCpuTime)
                .configure_from_args();
            S::run(&mut c);
            c.final_summary();
        } else {
            let mut c = Criterion::default().configure_from_args();
            S::run(&mut c);
            c.final_summary();
        }
    }

    /// `name`, with " (cpu)" appended in CPU-time mode.
    pub fn group_name(name: &str) -> String {
        format!("{name}{}", SUFFIX.get().copied().unwrap_or(""))
    }

    /// A group for whole-table runs: 10 samples, 1 s warm-up, `secs` of
    /// measurement.
    pub fn slow<'a, M: Measurement>(
        c: &'a mut Criterion<M>,
        name: &str,
        secs: u64,
    ) -> BenchmarkGroup<'a, M> {
        let mut g = c.benchmark_group(group_name(name));
        g.sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(secs));
        g
    }
}

/// A reading of the VRP JSON that does not depend on routeguard's loader.
pub mod vrps {
    use super::*;
    use serde::Deserialize;

    /// One VRP as the peers take it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub struct SimpleVrp {
        /// The VRP prefix (strict: no host bits).
        pub prefix: Prefix,
        /// Max length.
        pub max_length: u8,
        /// Origin AS.
        pub asn: u32,
    }

    #[derive(Deserialize)]
    struct Doc {
        roas: Vec<Roa>,
    }

    #[derive(Deserialize)]
    struct Roa {
        asn: serde_json::Value,
        prefix: String,
        #[serde(rename = "maxLength")]
        max_length: u8,
    }

    /// Parses an rpki-client JSON export (`roas` array) with serde derive:
    /// the obvious way, and the load baseline of the benches.
    pub fn parse_rpki_client_json(json: &[u8]) -> Result<Vec<SimpleVrp>, String> {
        let doc: Doc = serde_json::from_slice(json).map_err(|e| e.to_string())?;
        doc.roas
            .into_iter()
            .map(|r| {
                let asn = match &r.asn {
                    serde_json::Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
                    serde_json::Value::String(s) => Asn::parse(s).ok().map(Asn::get),
                    _ => None,
                }
                .ok_or_else(|| format!("bad asn {:?}", r.asn))?;
                let prefix = Prefix::parse(&r.prefix).map_err(|e| e.to_string())?;
                if r.max_length < prefix.len() || r.max_length > prefix.family().max_len() {
                    return Err(format!("bad maxLength {} for {}", r.max_length, r.prefix));
                }
                Ok(SimpleVrp {
                    prefix,
                    max_length: r.max_length,
                    asn,
                })
            })
            .collect()
    }

    /// Writes Routinator CSV (`ASN,IP Prefix,Max Length,Trust Anchor`), the
    /// input of the RTRlib harness. The trust anchor column is `-`.
    pub fn write_routinator_csv(
        vrps: &[SimpleVrp],
        out: &mut impl std::io::Write,
    ) -> std::io::Result<()> {
        writeln!(out, "ASN,IP Prefix,Max Length,Trust Anchor")?;
        for v in vrps {
            writeln!(out, "AS{},{},{},-", v.asn, v.prefix, v.max_length)?;
        }
        Ok(())
    }
}

/// The route set of the benchmarks.
pub mod routes {
    use super::*;
    use crate::vrps::SimpleVrp;

    /// What [`pfx2as`] and [`workload`] kept and dropped.
    #[derive(Clone, Debug, Default)]
    pub struct RouteStats {
        /// Lines in the pfx2as file.
        pub pfx2as_lines: usize,
        /// pfx2as routes kept.
        pub pfx2as_kept: usize,
        /// pfx2as lines with several origins (`a_b`), kept with the first.
        pub moas_first_asn: usize,
        /// pfx2as lines whose first origin is an AS set (`a,b`): skipped.
        pub as_set_skipped: usize,
        /// pfx2as lines whose prefix or ASN did not parse: skipped.
        pub malformed_skipped: usize,
        /// pfx2as lines with origin AS0: skipped.
        pub as0_skipped: usize,
        /// Routes made from IPv6 VRPs.
        pub v6_vrp_routes: usize,
        /// IPv6 AS0 VRPs not turned into routes.
        pub v6_as0_skipped: usize,
    }

    /// Parses the pfx2as table (`addr<TAB>len<TAB>asn`). MOAS (`a_b`): the
    /// first ASN. A first origin that is an AS set (`a,b`, no single origin
    /// under RFC 6811) and origin AS0 (RFC 7607) are skipped, so every peer
    /// and the CLI see the same `PREFIX ORIGIN` lines.
    pub fn pfx2as(text: &[u8], stats: &mut RouteStats) -> Vec<(Prefix, Asn)> {
        let mut out = Vec::with_capacity(1 << 20);
        for line in text.split(|&b| b == b'\n') {
            if line.is_empty() {
                continue;
            }
            stats.pfx2as_lines += 1;
            let mut f = line.split(|&b| b == b'\t');
            let (Some(addr), Some(len), Some(asn)) = (f.next(), f.next(), f.next()) else {
                stats.malformed_skipped += 1;
                continue;
            };
            let first = asn.split(|&b| b == b'_').next().unwrap_or(asn);
            if first.len() != asn.len() {
                stats.moas_first_asn += 1;
            }
            if first.contains(&b',') {
                stats.as_set_skipped += 1;
                continue;
            }
            let parsed = std::str::from_utf8(addr)
                .ok()
                .zip(std::str::from_utf8(len).ok())
                .and_then(|(a, l)| {
                    let p = Prefix::parse(&format!("{a}/{l}")).ok()?;
                    let asn = Asn::parse_bytes(first).ok()?;
                    Some((p, asn))
                });
            match parsed {
                Some((_, asn)) if asn.is_zero() => stats.as0_skipped += 1,
                Some(r) => out.push(r),
                None => stats.malformed_skipped += 1,
            }
        }
        stats.pfx2as_kept = out.len();
        out
    }

    /// One route per IPv6 VRP, in file order: the VRP's prefix with the VRP's
    /// ASN as origin. AS0 VRPs are skipped (no route has origin AS0).
    pub fn v6_vrp_routes(vrps: &[SimpleVrp], stats: &mut RouteStats) -> Vec<(Prefix, Asn)> {
        let mut out = Vec::new();
        for v in vrps.iter().filter(|v| v.prefix.is_ipv6()) {
            if v.asn == 0 {
                stats.v6_as0_skipped += 1;
            } else {
                out.push((v.prefix, Asn::new(v.asn)));
            }
        }
        stats.v6_vrp_routes = out.len();
        out
    }

    /// The whole workload: pfx2as routes, then the IPv6 VRP routes.
    pub fn workload(pfx2as_text: &[u8], vrps: &[SimpleVrp]) -> (Vec<(Prefix, Asn)>, RouteStats) {
        let mut stats = RouteStats::default();
        let mut routes = pfx2as(pfx2as_text, &mut stats);
        routes.extend(v6_vrp_routes(vrps, &mut stats));
        (routes, stats)
    }

    /// The routes in a fixed pseudo-random order (Fisher–Yates driven by a
    /// xorshift generator with a fixed seed): the pfx2as table is sorted by
    /// address, which flatters any index through cache locality.
    pub fn shuffled<T: Copy>(routes: &[T]) -> Vec<T> {
        let mut v = routes.to_vec();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for i in (1..v.len()).rev() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            v.swap(i, (x % (i as u64 + 1)) as usize);
        }
        v
    }

    /// Writes `PREFIX ASN` lines (the CLI's and the RTRlib harness's input).
    pub fn write_routes(
        routes: &[(Prefix, Asn)],
        out: &mut impl std::io::Write,
    ) -> std::io::Result<()> {
        for (p, a) in routes {
            writeln!(out, "{p} {}", a.get())?;
        }
        Ok(())
    }
}

/// The peers that run beside routeguard.
pub mod peers {
    use super::*;
    use crate::vrps::SimpleVrp;
    use std::collections::HashMap;

    /// The obvious index: a hash map from the exact VRP prefix to its
    /// `(max_length, asn)` pairs. A lookup probes the route's prefix truncated
    /// to every length from its own down to 0 (33 or 129 probes at most).
    pub struct NaiveHash {
        map: HashMap<Prefix, Vec<(u8, u32)>>,
    }

    impl NaiveHash {
        /// Builds the map.
        pub fn new(vrps: &[SimpleVrp]) -> Self {
            let mut map: HashMap<Prefix, Vec<(u8, u32)>> = HashMap::new();
            for v in vrps {
                map.entry(v.prefix).or_default().push((v.max_length, v.asn));
            }
            NaiveHash { map }
        }

        /// RFC 6811 state (AS0 VRPs cover, never match).
        pub fn state(&self, prefix: &Prefix, origin: Asn) -> RovState {
            let mut covered = false;
            for len in (0..=prefix.len()).rev() {
                let Some(p) = prefix.truncate(len) else {
                    continue;
                };
                if let Some(list) = self.map.get(&p) {
                    covered = true;
                    if list
                        .iter()
                        .any(|&(ml, asn)| asn != 0 && asn == origin.get() && prefix.len() <= ml)
                    {
                        return RovState::Valid;
                    }
                }
            }
            if covered {
                RovState::Invalid
            } else {
                RovState::NotFound
            }
        }

        /// Number of distinct VRP prefixes.
        pub fn prefixes(&self) -> usize {
            self.map.len()
        }
    }

    /// Converts a routeguard prefix to `ipnet::IpNet` (the type bgpkit uses).
    #[cfg(feature = "bgpkit")]
    pub fn to_ipnet(p: &Prefix) -> ipnet::IpNet {
        match p.addr() {
            std::net::IpAddr::V4(a) => {
                ipnet::IpNet::V4(ipnet::Ipv4Net::new(a, p.len()).unwrap_or_default())
            }
            std::net::IpAddr::V6(a) => {
                ipnet::IpNet::V6(ipnet::Ipv6Net::new(a, p.len()).unwrap_or_default())
            }
        }
    }

    /// The `bgpkit-commons` RPKI trie, built with `insert_roa` from our VRPs.
    #[cfg(feature = "bgpkit")]
    pub struct BgpkitTrie(pub bgpkit_commons::rpki::RpkiTrie);

    #[cfg(feature = "bgpkit")]
    impl BgpkitTrie {
        /// Converts the VRPs to `Roa`s (no trust anchor, no validity window)
        /// and inserts them.
        pub fn new(vrps: &[SimpleVrp]) -> Self {
            let mut t = bgpkit_commons::rpki::RpkiTrie::new(None);
            for v in vrps {
                t.insert_roa(bgpkit_commons::rpki::Roa {
                    prefix: to_ipnet(&v.prefix),
                    asn: v.asn,
                    max_length: v.max_length,
                    rir: None,
                    not_before: None,
                    not_after: None,
                });
            }
            BgpkitTrie(t)
        }

        /// Its state, mapped to ours (`Unknown` → `NotFound`).
        pub fn state(&self, prefix: &ipnet::IpNet, origin: u32) -> RovState {
            match self.0.validate(prefix, origin) {
                bgpkit_commons::rpki::RpkiValidation::Valid => RovState::Valid,
                bgpkit_commons::rpki::RpkiValidation::Invalid => RovState::Invalid,
                bgpkit_commons::rpki::RpkiValidation::Unknown => RovState::NotFound,
            }
        }
    }
}

/// A criterion measurement of this thread's CPU time instead of wall time:
/// `ROUTEGUARD_BENCH_CPU=1 cargo bench -p routeguard-benches`. On a machine
/// whose cores other processes share, wall times stretch with the load; the
/// CPU time of the (single) benchmark thread is the "one core" figure.
pub mod cpu {
    use criterion::measurement::{Measurement, ValueFormatter, WallTime};
    use std::time::Duration;

    static WALL: WallTime = WallTime;

    /// Thread CPU time (`CLOCK_THREAD_CPUTIME_ID`), formatted like wall time.
    pub struct ThreadCpuTime;

    impl Measurement for ThreadCpuTime {
        type Intermediate = u64;
        type Value = Duration;
        fn start(&self) -> u64 {
            crate::mem::cpu_ns()
        }
        fn end(&self, i: u64) -> Duration {
            Duration::from_nanos(crate::mem::cpu_ns().saturating_sub(i))
        }
        fn add(&self, a: &Duration, b: &Duration) -> Duration {
            *a + *b
        }
        fn zero(&self) -> Duration {
            Duration::ZERO
        }
        fn to_f64(&self, v: &Duration) -> f64 {
            v.as_nanos() as f64
        }
        fn formatter(&self) -> &dyn ValueFormatter {
            WALL.formatter()
        }
    }
}

/// Heap and RSS measurement helpers for the `rov-memory` and `irr-memory` probes.
pub mod mem {
    /// Resident set size of this process in bytes, from `/proc/self/statm`
    /// (0 where that file does not exist).
    pub fn rss_bytes() -> u64 {
        let Ok(s) = std::fs::read_to_string("/proc/self/statm") else {
            return 0;
        };
        let pages: u64 = s
            .split_whitespace()
            .nth(1)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        pages * 4096
    }

    /// CPU time this thread has run, in nanoseconds
    /// (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`). Unlike wall time it hardly
    /// moves when other processes share the cores.
    pub fn cpu_ns() -> u64 {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        #[allow(unsafe_code)]
        // SAFETY: `ts` is a valid, writable timespec for the call's duration.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        if rc != 0 {
            return 0;
        }
        (ts.tv_sec as u64)
            .saturating_mul(1_000_000_000)
            .saturating_add(ts.tv_nsec as u64)
    }

    /// Formats bytes as MiB with two decimals.
    pub fn mib(b: u64) -> String {
        format!("{:.2} MiB", b as f64 / (1024.0 * 1024.0))
    }

    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A global allocator that forwards to `System` and counts live and peak
    /// heap bytes; a probe binary installs it with
    /// `#[global_allocator] static GLOBAL: Counting = Counting;`.
    pub struct Counting;

    static LIVE: AtomicUsize = AtomicUsize::new(0);
    static PEAK: AtomicUsize = AtomicUsize::new(0);

    #[allow(unsafe_code)]
    // SAFETY: every call forwards to `System` unchanged; only counters are added.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: same contract as the caller's.
            let p = unsafe { System.alloc(layout) };
            if !p.is_null() {
                add(layout.size());
            }
            p
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            // SAFETY: same contract as the caller's.
            let p = unsafe { System.alloc_zeroed(layout) };
            if !p.is_null() {
                add(layout.size());
            }
            p
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: same contract as the caller's.
            unsafe { System.dealloc(ptr, layout) };
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: same contract as the caller's.
            let p = unsafe { System.realloc(ptr, layout, new_size) };
            if !p.is_null() {
                LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
                add(new_size);
            }
            p
        }
    }

    fn add(n: usize) {
        let live = LIVE.fetch_add(n, Ordering::Relaxed) + n;
        PEAK.fetch_max(live, Ordering::Relaxed);
    }

    /// Live heap bytes (with [`Counting`] installed).
    pub fn live() -> usize {
        LIVE.load(Ordering::Relaxed)
    }

    /// The peak of live heap bytes since the last [`mark`].
    pub fn peak() -> usize {
        PEAK.load(Ordering::Relaxed)
    }

    /// Live heap bytes now, and the peak reset to them.
    pub fn mark() -> usize {
        let live = live();
        PEAK.store(live, Ordering::Relaxed);
        live
    }
}
