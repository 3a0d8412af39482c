//! ASPA path verification (draft-ietf-sidrops-aspa-verification-28) on real
//! paths: every AS path of the RIPE RIS rrc06 table dump of 2010-07-01
//! (`bgp/text/ris-rrc06_bview.20100701.0759.bgpdump-m.txt.gz`, column 7,
//! parsed once with `AsPath::parse` outside the timed loop) against an ASPA
//! set of 3,000 synthetic customers plus the real ASPAs of the rpki-client
//! snapshot (`vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2`).
//!
//! The synthetic customers are drawn (fixed-seed xorshift) from the ASes of
//! those paths; each one's providers are the (up to) four ASes seen most
//! often directly left of it in the paths (its upstream neighbours), plus a
//! random AS for one customer in ten; one in a hundred gets an AS0 ASPA.
//!
//! No Rust or C ASPA verifier is available offline (RTRlib 0.8 in Debian and
//! the `rpki` 0.20 crate have none), so the peer is a naive baseline: std
//! `HashMap` (SipHash) of provider `Vec`s, the compressed path collected into
//! a `Vec`, and the four ramps computed literally from the §5.4 definitions.
//!
//! Groups: `aspa-verify` (upstream and downstream, verdict only, explained,
//! naive), `aspa-build`. `Throughput::Elements` = paths. Run with
//! `ROUTEGUARD_BENCH_CPU=1` to measure thread CPU time on a shared machine.

use std::collections::HashMap;
use std::hint::black_box;
use std::sync::OnceLock;

use criterion::measurement::Measurement;
use criterion::{Criterion, Throughput};
use routeguard::index::aspa::AspaSet;
use routeguard::validate::aspa::{verdict, verify, AspaOptions, AspaVerdict, Direction};
use routeguard::{parse, AsPath, Asn, Aspa, Segment};
use routeguard_benches::data;
use routeguard_benches::harness::{self, slow, Suite};

const CUSTOMERS: usize = 3_000;

struct Fixture {
    paths: Vec<AsPath>,
    aspas: Vec<Aspa>,
    real_aspas: usize,
}

fn xorshift(x: &mut u64) -> u64 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}

fn fixture() -> Option<&'static Fixture> {
    static F: OnceLock<Option<Fixture>> = OnceLock::new();
    F.get_or_init(|| {
        let dir = data::data_dir()?;
        let text = data::read(&dir.join(data::RIS)).expect("read RIS table");
        let text = String::from_utf8_lossy(&text);
        let mut paths = Vec::with_capacity(700_000);
        let mut bad = 0usize;
        for line in text.lines() {
            match line.split('|').nth(6).map(AsPath::parse) {
                Some(Ok(p)) => paths.push(p),
                _ => bad += 1,
            }
        }
        // Upstream neighbours: for each AS, how often each AS sits directly
        // left of it.
        let mut left: HashMap<u32, HashMap<u32, u32>> = HashMap::new();
        for p in &paths {
            for seg in &p.segments {
                if let Segment::Sequence(v) = seg {
                    for w in v.windows(2) {
                        if w[0] != w[1] {
                            *left
                                .entry(w[1].get())
                                .or_default()
                                .entry(w[0].get())
                                .or_default() += 1;
                        }
                    }
                }
            }
        }
        let mut ases: Vec<u32> = left.keys().copied().collect();
        ases.sort_unstable();
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        for i in (1..ases.len()).rev() {
            ases.swap(i, (xorshift(&mut x) % (i as u64 + 1)) as usize);
        }
        let mut aspas = Vec::with_capacity(CUSTOMERS + 200);
        for &c in ases.iter().take(CUSTOMERS) {
            let r = xorshift(&mut x);
            if r.is_multiple_of(100) {
                aspas.push(Aspa::new(Asn::new(c), vec![Asn::ZERO]));
                continue;
            }
            let mut ns: Vec<(u32, u32)> = left[&c].iter().map(|(&a, &n)| (n, a)).collect();
            ns.sort_unstable_by(|a, b| b.cmp(a));
            let mut provs: Vec<Asn> = ns.iter().take(4).map(|&(_, a)| Asn::new(a)).collect();
            if r % 10 == 1 {
                provs.push(Asn::new(
                    ases[(xorshift(&mut x) % ases.len() as u64) as usize],
                ));
            }
            aspas.push(Aspa::new(Asn::new(c), provs));
        }
        let json = data::read(&dir.join(data::VRPS)).expect("read VRP snapshot");
        let loaded = parse::load(&json, &parse::LoadOptions::default()).expect("load");
        let real_aspas = loaded.set.aspas.len();
        aspas.extend(loaded.set.aspas);
        let f = Fixture {
            paths,
            aspas,
            real_aspas,
        };
        let set = AspaSet::new(&f.aspas);
        let naive = Naive::new(&f.aspas);
        let mut counts = [[0usize; 3]; 2];
        let mut differ = 0usize;
        for (di, d) in [Direction::Upstream, Direction::Downstream]
            .into_iter()
            .enumerate()
        {
            for p in &f.paths {
                let v = verdict(&set, p, d, &AspaOptions::default());
                counts[di][v as usize] += 1;
                differ += usize::from(naive.verify(p, d) != v);
            }
        }
        let avg: f64 = f
            .paths
            .iter()
            .map(|p| Naive::compressed(p).map_or(0, |v| v.len()))
            .sum::<usize>() as f64
            / f.paths.len() as f64;
        eprintln!(
            "aspa bench data: {} paths ({bad} lines skipped; {avg:.2} ASes per compressed path), \
             {} customers ({} synthetic ASPAs + {} real); upstream valid/invalid/unknown {:?}, \
             downstream {:?}; naive baseline differs on {differ}",
            f.paths.len(),
            set.len(),
            f.aspas.len() - f.real_aspas,
            f.real_aspas,
            counts[0],
            counts[1]
        );
        Some(f)
    })
    .as_ref()
}

/// The naive baseline: a direct reading of draft §5.3–§5.6.
struct Naive {
    map: HashMap<u32, Vec<u32>>,
}

impl Naive {
    fn new(aspas: &[Aspa]) -> Self {
        let mut map: HashMap<u32, Vec<u32>> = HashMap::new();
        for a in aspas {
            let e = map.entry(a.customer.get()).or_default();
            e.extend(a.providers.iter().map(|p| p.get()).filter(|&p| p != 0));
        }
        Naive { map }
    }

    fn hop(&self, x: u32, y: u32) -> u8 {
        match self.map.get(&x) {
            None => 0,
            Some(v) if v.contains(&y) => 1,
            Some(_) => 2,
        }
    }

    fn compressed(p: &AsPath) -> Option<Vec<u32>> {
        let mut v = Vec::new();
        for s in &p.segments {
            match s {
                Segment::Sequence(a) => v.extend(a.iter().map(|x| x.get())),
                Segment::Set(_) => return None,
                _ => {}
            }
        }
        v.dedup();
        Some(v)
    }

    fn verify(&self, p: &AsPath, d: Direction) -> AspaVerdict {
        let Some(x) = Self::compressed(p) else {
            return AspaVerdict::Invalid;
        };
        let n = x.len();
        if n == 0 {
            return AspaVerdict::Invalid;
        }
        let a = |i: usize| x[n - i];
        let max_up = (1..n).find(|&i| self.hop(a(i), a(i + 1)) == 2).unwrap_or(n);
        let min_up = (1..n).find(|&i| self.hop(a(i), a(i + 1)) != 1).unwrap_or(n);
        let (max_down, min_down) = match d {
            Direction::Upstream => (0, 0),
            Direction::Downstream => (
                (2..=n)
                    .rev()
                    .find(|&j| self.hop(a(j), a(j - 1)) == 2)
                    .map_or(n, |j| n - j + 1),
                (2..=n)
                    .rev()
                    .find(|&j| self.hop(a(j), a(j - 1)) != 1)
                    .map_or(n, |j| n - j + 1),
            ),
        };
        if max_up + max_down < n {
            AspaVerdict::Invalid
        } else if min_up + min_down < n {
            AspaVerdict::Unknown
        } else {
            AspaVerdict::Valid
        }
    }
}

fn bench_verify<M: Measurement>(c: &mut Criterion<M>) {
    let Some(f) = fixture() else { return };
    let set = AspaSet::new(&f.aspas);
    let naive = Naive::new(&f.aspas);
    let opts = AspaOptions::default();
    let mut g = slow(c, "aspa-verify", 5);
    g.throughput(Throughput::Elements(f.paths.len() as u64));
    for d in [Direction::Upstream, Direction::Downstream] {
        g.bench_function(format!("routeguard verdict {d}"), |b| {
            b.iter(|| {
                f.paths
                    .iter()
                    .filter(|p| verdict(&set, black_box(p), d, &opts) == AspaVerdict::Valid)
                    .count()
            })
        });
        g.bench_function(format!("routeguard verify (explained) {d}"), |b| {
            b.iter(|| {
                f.paths
                    .iter()
                    .map(|p| verify(&set, black_box(p), d, &opts).explanation.path.len())
                    .sum::<usize>()
            })
        });
        g.bench_function(format!("naive baseline {d}"), |b| {
            b.iter(|| {
                f.paths
                    .iter()
                    .filter(|p| naive.verify(black_box(p), d) == AspaVerdict::Valid)
                    .count()
            })
        });
    }
    g.finish();

    let mut g = slow(c, "aspa-build", 5);
    g.throughput(Throughput::Elements(f.aspas.len() as u64));
    g.bench_function("routeguard AspaSet::new", |b| {
        b.iter_with_large_drop(|| AspaSet::new(black_box(&f.aspas)))
    });
    g.bench_function("naive HashMap", |b| {
        b.iter_with_large_drop(|| Naive::new(black_box(&f.aspas)))
    });
    g.finish();
}

struct AspaBench;

impl Suite for AspaBench {
    fn run<M: Measurement>(c: &mut Criterion<M>) {
        bench_verify(c);
    }
}

fn main() {
    harness::main::<AspaBench>("aspa");
}
