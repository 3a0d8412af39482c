//! Route-leak detection on real data: every AS path of the RIS rrc06
//! 2010-07-01 table (641,957 routes, column 7 of the `bgpdump -m` lines,
//! parsed once with `AsPath::parse` outside the timed loop) checked against
//! the CAIDA 2018-01-01 serial-1 `as-rel` file (261,340 relations).
//!
//! No other leak checker is available offline, so the baseline beside
//! routeguard is the obvious implementation written here: a
//! `std::collections::HashMap<(u32, u32), i8>` (SipHash) holding each
//! relation in both directions, and a check that collects the
//! prepend-compressed path into a `Vec` and scans it for valleys. Both give
//! the same verdict on every path (checked before timing).
//!
//! Groups: `as-rel parse` (text → records; routeguard beside a naive
//! `str::split` + `str::parse` loop), `as-rel build` (records → index),
//! `leak` (all paths: `leak_state`, `leak_state_sequence`, `detect_leaks`,
//! the baseline; `Throughput::Elements` = routes). Run: `cargo bench -p routeguard-benches
//! --bench leak` (add `-- --quick` for a fast pass; `ROUTEGUARD_BENCH_CPU=1`
//! measures thread CPU time).

use std::collections::HashMap;
use std::hint::black_box;
use std::sync::OnceLock;

use criterion::measurement::Measurement;
use criterion::{Criterion, Throughput};
use routeguard::index::asrel::AsRelations;
use routeguard::parse::asrel::{parse_as_rel, AsRelData};
use routeguard::validate::leak::{detect_leaks, leak_state, leak_state_sequence, LeakState};
use routeguard::{AsPath, Asn, Segment};
use routeguard_benches::data;
use routeguard_benches::harness::{self, slow, Suite};

struct Fixture {
    text: String,
    data: AsRelData,
    paths: Vec<AsPath>,
    /// Plain sequences (paths without sets or confederation segments).
    seqs: Vec<Vec<Asn>>,
}

fn fixture() -> Option<&'static Fixture> {
    static F: OnceLock<Option<Fixture>> = OnceLock::new();
    F.get_or_init(|| {
        let dir = data::data_dir()?;
        let text = String::from_utf8(data::read(&dir.join(data::ASREL)).expect("read as-rel"))
            .expect("as-rel is ASCII");
        let data = parse_as_rel(&text).expect("as-rel parses");
        let table = data::read(&dir.join(data::RIS)).expect("read RIS table");
        let table = String::from_utf8(table).expect("RIS table is UTF-8");
        let paths: Vec<AsPath> = table
            .lines()
            .filter_map(|l| l.split('|').nth(6))
            .map(|p| AsPath::parse(p).expect("RIS path parses"))
            .collect();
        let seqs = paths
            .iter()
            .filter_map(|p| match p.segments.as_slice() {
                [Segment::Sequence(v)] => Some(v.clone()),
                [] => Some(Vec::new()),
                _ => None,
            })
            .collect();
        let f = Fixture {
            text,
            data,
            paths,
            seqs,
        };
        cross_check(&f);
        Some(f)
    })
    .as_ref()
}

/// The obvious baseline: a SipHash map of both directions.
struct NaiveRel {
    map: HashMap<(u32, u32), i8>,
}

impl NaiveRel {
    /// -1: b is a customer of a; 1: b is a provider of a; 0: peers.
    fn new(data: &AsRelData) -> Self {
        let mut map = HashMap::new();
        for r in &data.records {
            let (a, b) = (r.a.get(), r.b.get());
            let c = r.kind.caida_code();
            map.entry((a, b)).or_insert(c);
            map.entry((b, a)).or_insert(-c);
        }
        NaiveRel { map }
    }

    /// Valley check on the compressed path; AS_SETs with several members
    /// and confederation segments handled like routeguard documents.
    fn state(&self, path: &AsPath) -> LeakState {
        // Compressed elements; `None` stands for a multi-member AS_SET.
        let mut p: Vec<Option<u32>> = Vec::new();
        for s in &path.segments {
            match s {
                Segment::Sequence(v) => p.extend(v.iter().map(|a| Some(a.get()))),
                Segment::Set(v) if v.len() == 1 => p.push(Some(v[0].get())),
                Segment::Set(_) => p.push(None),
                _ => {}
            }
        }
        p.dedup();
        let rel =
            |x: Option<u32>, y: Option<u32>| -> Option<i8> { self.map.get(&(x?, y?)).copied() };
        let mut unknown = false;
        for i in 1..p.len().saturating_sub(1) {
            let (left, mid, right) = (p[i - 1], p[i], p[i + 1]);
            let learned = rel(mid, right); // 1 provider, 0 peer, -1 customer
            let sent = rel(mid, left);
            match (learned, sent) {
                (Some(l), Some(s)) if l >= 0 && s >= 0 => return LeakState::Leak,
                (Some(-1), _) | (_, Some(-1)) => {}
                _ => unknown = true,
            }
        }
        if unknown {
            LeakState::Unknown
        } else {
            LeakState::Ok
        }
    }
}

fn cross_check(f: &Fixture) {
    let rel = AsRelations::new(&f.data);
    let naive = NaiveRel::new(&f.data);
    let mut counts = [0usize; 3];
    let mut differ = 0usize;
    for p in &f.paths {
        let s = leak_state(&rel, p, None);
        counts[s as usize] += 1;
        differ += usize::from(naive.state(p) != s);
    }
    eprintln!(
        "leak bench data: {} relations ({} bytes of text), {} paths ({} plain sequences); \
         ok {} / leak {} / unknown {}; baseline differs on {differ}",
        rel.len(),
        f.text.len(),
        f.paths.len(),
        f.seqs.len(),
        counts[LeakState::Ok as usize],
        counts[LeakState::Leak as usize],
        counts[LeakState::Unknown as usize],
    );
}

/// The naive parse: `str::split` per line, `str::parse` per field.
fn naive_parse(text: &str) -> Vec<(u32, u32, i8)> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('|').collect();
        if let (Some(a), Some(b), Some(r)) = (f.first(), f.get(1), f.get(2)) {
            if let (Ok(a), Ok(b), Ok(r)) = (a.parse(), b.parse(), r.parse()) {
                out.push((a, b, r));
            }
        }
    }
    out
}

fn parse<M: Measurement>(c: &mut Criterion<M>) {
    let Some(f) = fixture() else { return };
    let mut g = slow(c, "as-rel parse", 5);
    g.throughput(Throughput::Bytes(f.text.len() as u64));
    g.bench_function("routeguard parse_as_rel", |b| {
        b.iter_with_large_drop(|| parse_as_rel(black_box(&f.text)).map(|d| d.records.len()))
    });
    g.bench_function("baseline str::split + str::parse", |b| {
        b.iter_with_large_drop(|| naive_parse(black_box(&f.text)).len())
    });
    g.finish();

    let mut g = slow(c, "as-rel build", 5);
    g.throughput(Throughput::Elements(f.data.records.len() as u64));
    g.bench_function("routeguard AsRelations::new", |b| {
        b.iter_with_large_drop(|| AsRelations::new(black_box(&f.data)))
    });
    g.bench_function("baseline HashMap (both directions)", |b| {
        b.iter_with_large_drop(|| NaiveRel::new(black_box(&f.data)))
    });
    g.finish();
}

fn leak<M: Measurement>(c: &mut Criterion<M>) {
    let Some(f) = fixture() else { return };
    let rel = AsRelations::new(&f.data);
    let naive = NaiveRel::new(&f.data);
    let mut g = slow(c, "leak", 5);
    g.throughput(Throughput::Elements(f.paths.len() as u64));
    g.bench_function("routeguard leak_state", |b| {
        b.iter(|| {
            f.paths
                .iter()
                .filter(|p| leak_state(&rel, black_box(p), None) == LeakState::Leak)
                .count()
        })
    });
    g.bench_function("routeguard detect_leaks (full result)", |b| {
        b.iter(|| {
            f.paths
                .iter()
                .map(|p| detect_leaks(&rel, black_box(p), None).leaks.len())
                .sum::<usize>()
        })
    });
    g.bench_function("baseline HashMap + Vec", |b| {
        b.iter(|| {
            f.paths
                .iter()
                .filter(|p| naive.state(black_box(p)) == LeakState::Leak)
                .count()
        })
    });
    g.throughput(Throughput::Elements(f.seqs.len() as u64));
    g.bench_function("routeguard leak_state_sequence (plain sequences)", |b| {
        b.iter(|| {
            f.seqs
                .iter()
                .filter(|p| leak_state_sequence(&rel, black_box(p), None) == LeakState::Leak)
                .count()
        })
    });
    g.finish();
}

struct Leak;

impl Suite for Leak {
    fn run<M: Measurement>(c: &mut Criterion<M>) {
        parse(c);
        leak(c);
    }
}

fn main() {
    harness::main::<Leak>("leak");
}
