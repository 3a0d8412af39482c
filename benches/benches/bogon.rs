//! Route-line parsing and bogon checks on real routes: every line of the
//! RIPE RIS rrc06 table dump of 2010-07-01
//! (`bgp/text/ris-rrc06_bview.20100701.0759.bgpdump-m.txt.gz`, 641,957
//! `bgpdump -m` lines), found through `$ROUTEGUARD_DATA` or `../shared/data`.
//!
//! No bogon checker peer is available offline as a library, so the peer is
//! the naive baseline `Bogons::first_kind_linear`: a linear scan of every
//! built-in block (longest covering block decides) and of every bogon ASN
//! range, per route.
//! For parsing, the baseline is a plain `split('|')` into a `Vec` of fields
//! followed by `Prefix::parse` and a whitespace split of the path into a
//! `Vec<Asn>` (no segment structure).
//!
//! Groups (`Throughput::Elements` = routes):
//! - `bogon-parse`: `parse_route_line` on every line, and the split baseline;
//! - `bogon-check`: `Bogons::first_kind` (allocation-free), `Bogons::first`,
//!   `Bogons::check_route` (all findings), the same with a synthetic
//!   4,000-entry user list (the size of Team Cymru's IPv4 full-bogon list),
//!   and the linear-scan baseline — routes parsed once outside the loop;
//! - `bogon-parse+check`: parse each line, then `first_kind`.
//!
//! Run: `cargo bench -p routeguard-benches --bench bogon` (add `-- --quick`);
//! `ROUTEGUARD_BENCH_CPU=1` measures thread CPU time on a shared machine.

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::Duration;

use criterion::measurement::Measurement;
use criterion::{Criterion, Throughput};
use routeguard::parse::bgp::{parse_route_line, RouteLine};
use routeguard::validate::bogon::{BogonOptions, Bogons};
use routeguard::{Asn, Prefix};
use routeguard_benches::data;
use routeguard_benches::harness::{self, group_name, Suite};

struct Fixture {
    text: String,
    routes: Vec<RouteLine>,
}

fn fixture() -> Option<&'static Fixture> {
    static F: OnceLock<Option<Fixture>> = OnceLock::new();
    F.get_or_init(|| {
        let dir = data::data_dir()?;
        let raw = data::read(&dir.join(data::RIS)).expect("read RIS table");
        let text = String::from_utf8(raw).expect("UTF-8");
        let routes: Vec<RouteLine> = text
            .lines()
            .filter_map(|l| parse_route_line(l).expect("parse"))
            .collect();
        eprintln!("bogon bench data: {} routes", routes.len());
        Some(Fixture { text, routes })
    })
    .as_ref()
}

/// The naive split reading of one line (the parsing baseline).
fn split_parse(line: &str) -> Option<(Prefix, Vec<Asn>)> {
    let f: Vec<&str> = line.split('|').collect();
    let p = Prefix::parse(f.get(5)?).ok()?;
    let asns = f
        .get(6)?
        .split(|c: char| c.is_whitespace() || matches!(c, '{' | '}' | ','))
        .filter(|t| !t.is_empty())
        .map(|t| t.parse::<Asn>().ok())
        .collect::<Option<Vec<_>>>()?;
    Some((p, asns))
}

/// 4,000 pseudo-random IPv4 prefixes (/16–/24), fixed-seed xorshift.
fn synthetic_list() -> Vec<Prefix> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..4000)
        .map(|_| {
            let v = next();
            let len = 16 + (v % 9) as u8;
            let addr = std::net::Ipv4Addr::from((v >> 20) as u32);
            Prefix::new_relaxed(addr.into(), len).expect("valid length")
        })
        .collect()
}

fn parse<M: Measurement>(c: &mut Criterion<M>, f: &Fixture) {
    let lines: Vec<&str> = f.text.lines().collect();
    let mut g = c.benchmark_group(group_name("bogon-parse"));
    g.throughput(Throughput::Elements(lines.len() as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("routeguard parse_route_line", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for l in &lines {
                if let Ok(Some(r)) = parse_route_line(l) {
                    n += r.path.segments.len();
                }
            }
            black_box(n)
        })
    });
    g.bench_function("baseline split into Vecs", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for l in &lines {
                if let Some((_, asns)) = split_parse(l) {
                    n += asns.len();
                }
            }
            black_box(n)
        })
    });
    g.finish();
}

fn check<M: Measurement>(c: &mut Criterion<M>, f: &Fixture) {
    let bogons = Bogons::new(BogonOptions::default());
    let list = synthetic_list();
    let with_list = Bogons::new(BogonOptions::default()).with_list("synthetic", list.clone());
    let naive = Bogons::new(BogonOptions::default());
    // A bench is no test, but a speed number for wrong answers is worthless.
    let disagree = f
        .routes
        .iter()
        .filter(|r| {
            bogons.first_kind(&r.prefix, &r.path) != naive.first_kind_linear(&r.prefix, &r.path)
        })
        .count();
    let flagged = f
        .routes
        .iter()
        .filter(|r| bogons.first_kind(&r.prefix, &r.path).is_some())
        .count();
    let in_list = f
        .routes
        .iter()
        .filter(|r| with_list.first_kind(&r.prefix, &r.path).is_some())
        .count();
    eprintln!(
        "bogon check: {flagged} routes flagged ({in_list} with the synthetic list), \
         {disagree} disagreements with the linear scan"
    );
    let mut g = c.benchmark_group(group_name("bogon-check"));
    g.throughput(Throughput::Elements(f.routes.len() as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.bench_function("routeguard first_kind", |b| {
        b.iter(|| {
            f.routes
                .iter()
                .filter(|r| bogons.first_kind(&r.prefix, &r.path).is_some())
                .count()
        })
    });
    g.bench_function("routeguard first", |b| {
        b.iter(|| {
            f.routes
                .iter()
                .filter_map(|r| bogons.first(&r.prefix, &r.path))
                .count()
        })
    });
    g.bench_function("routeguard check_route", |b| {
        b.iter(|| {
            f.routes
                .iter()
                .map(|r| bogons.check_route(&r.prefix, &r.path).len())
                .sum::<usize>()
        })
    });
    g.bench_function("routeguard first_kind + 4000-entry list", |b| {
        b.iter(|| {
            f.routes
                .iter()
                .filter(|r| with_list.first_kind(&r.prefix, &r.path).is_some())
                .count()
        })
    });
    g.bench_function("baseline linear scan", |b| {
        b.iter(|| {
            f.routes
                .iter()
                .filter(|r| naive.first_kind_linear(&r.prefix, &r.path).is_some())
                .count()
        })
    });
    g.bench_function("baseline linear scan + 4000-entry list", |b| {
        b.iter(|| {
            f.routes
                .iter()
                .filter(|r| {
                    list.iter().any(|e| e.covers(&r.prefix))
                        || naive.first_kind_linear(&r.prefix, &r.path).is_some()
                })
                .count()
        })
    });
    g.finish();

    let lines: Vec<&str> = f.text.lines().collect();
    let mut g = c.benchmark_group(group_name("bogon-parse+check"));
    g.throughput(Throughput::Elements(lines.len() as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("routeguard parse_route_line + first_kind", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for l in &lines {
                if let Ok(Some(r)) = parse_route_line(l) {
                    n += usize::from(bogons.first_kind(&r.prefix, &r.path).is_some());
                }
            }
            black_box(n)
        })
    });
    g.finish();
}

struct Bogon;

impl Suite for Bogon {
    fn run<M: Measurement>(c: &mut Criterion<M>) {
        let Some(f) = fixture() else { return };
        parse(c, f);
        check(c, f);
    }
}

fn main() {
    harness::main::<Bogon>("bogon");
}
