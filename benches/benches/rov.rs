//! RFC 6811 origin validation on real data: routeguard beside the RPKI trie of
//! `bgpkit-commons` and a naive hash-map baseline (and, on a small sample, the
//! linear scan `validate_naive`).
//!
//! Data: the rpki-client snapshot (723,521 VRPs) and the pfx2as table plus one
//! route per IPv6 VRP (1,140,354 routes; rules in `routeguard_benches::routes`),
//! found through `$ROUTEGUARD_DATA` or `../shared/data`; the benches skip with
//! a message when it is missing.
//!
//! Groups: `load` (JSON → VRPs), `build` (VRPs → index), `load+index`,
//! `validate` (all routes in table order and shuffled, `Throughput::Elements`;
//! bgpkit-commons on every
//! 10th route, beside routeguard on the same routes), `validate-sample` (100
//! routes, full results with covering VRPs, beside the linear scan). Run: `cargo bench -p routeguard-benches`
//! (add `-- --quick` for a fast pass).

use std::hint::black_box;
use std::sync::OnceLock;

use criterion::measurement::Measurement;
use criterion::{Criterion, Throughput};
use routeguard::validate::rov::validate_naive;
use routeguard::validate::rov::{origin_state, origin_states, validate_origin};
use routeguard::{parse, Asn, Prefix, RovIndex, RovState, Vrp};
use routeguard_benches::harness::{self, slow, Suite};
use routeguard_benches::peers::{to_ipnet, BgpkitTrie, NaiveHash};
use routeguard_benches::vrps::SimpleVrp;
use routeguard_benches::{data, routes, vrps};

struct Fixture {
    json: Vec<u8>,
    simple: Vec<SimpleVrp>,
    vrps: Vec<Vrp>,
    routes: Vec<(Prefix, Option<Asn>)>,
    ipnet_routes: Vec<(ipnet::IpNet, u32)>,
    sample: Vec<(Prefix, Option<Asn>)>,
}

fn fixture() -> Option<&'static Fixture> {
    static F: OnceLock<Option<Fixture>> = OnceLock::new();
    F.get_or_init(|| {
        let dir = data::data_dir()?;
        let json = data::read(&dir.join(data::VRPS)).expect("read VRP snapshot");
        let simple = vrps::parse_rpki_client_json(&json).expect("serde reading of the snapshot");
        let loaded = parse::load(&json, &parse::LoadOptions::default()).expect("routeguard load");
        let text = data::read(&dir.join(data::PFX2AS)).expect("read pfx2as");
        let (rs, stats) = routes::workload(&text, &simple);
        eprintln!(
            "rov bench data: {} VRPs (routeguard loaded {}), {} routes ({} pfx2as, {} IPv6 VRP prefixes; \
             {} AS-set origins and {} IPv6 AS0 VRPs skipped, {} MOAS with the first ASN)",
            simple.len(),
            loaded.set.vrps.len(),
            rs.len(),
            stats.pfx2as_kept,
            stats.v6_vrp_routes,
            stats.as_set_skipped,
            stats.v6_as0_skipped,
            stats.moas_first_asn
        );
        let ipnet_routes = rs.iter().map(|(p, a)| (to_ipnet(p), a.get())).collect();
        let routes: Vec<(Prefix, Option<Asn>)> = rs.iter().map(|(p, a)| (*p, Some(*a))).collect();
        // 100 routes spread over both families (every 11,403rd): the linear
        // scan takes about 10 ms per route.
        let step = (routes.len() / 100).max(1);
        let sample = routes.iter().step_by(step).take(100).copied().collect();
        let f = Fixture { json, simple, vrps: loaded.set.vrps, routes, ipnet_routes, sample };
        cross_check(&f);
        Some(f)
    })
    .as_ref()
}

/// Compares the states of the three indexes on every route, and of the linear
/// scan on the sample; prints the agreement (a bench is no test, but a speed
/// number for wrong answers would be worthless).
fn cross_check(f: &Fixture) {
    let rg = RovIndex::new(&f.vrps);
    let bg = BgpkitTrie::new(&f.simple);
    let nh = NaiveHash::new(&f.simple);
    let (mut vs_bgpkit, mut vs_naive, mut counts) = (0usize, 0usize, [0usize; 3]);
    for ((p, o), (ip, asn)) in f.routes.iter().zip(&f.ipnet_routes) {
        let s = origin_state(&rg, p, *o).0;
        counts[s as usize] += 1;
        vs_bgpkit += usize::from(bg.state(ip, *asn) != s);
        vs_naive += usize::from(o.map(|o| nh.state(p, o)) != Some(s));
    }
    let vs_scan = f
        .sample
        .iter()
        .filter(|(p, o)| validate_naive(&f.vrps, p, *o).state != origin_state(&rg, p, *o).0)
        .count();
    eprintln!(
        "rov cross-check over {} routes: routeguard valid {} / invalid {} / not-found {}; \
         differing states: bgpkit-commons {vs_bgpkit}, naive-hash {vs_naive}, validate_naive (sample of {}) {vs_scan}",
        f.routes.len(),
        counts[RovState::Valid as usize],
        counts[RovState::Invalid as usize],
        counts[RovState::NotFound as usize],
        f.sample.len()
    );
}

fn load<M: Measurement>(c: &mut Criterion<M>) {
    let Some(f) = fixture() else { return };
    let mut g = slow(c, "load", 10);
    g.throughput(Throughput::Bytes(f.json.len() as u64));
    g.bench_function("routeguard parse::load", |b| {
        b.iter(|| {
            parse::load(black_box(&f.json), &parse::LoadOptions::default())
                .map(|l| l.set.vrps.len())
        })
    });
    // bgpkit-commons reads rpki-client JSON only inside its network loaders
    // (a crate-private type), so it has no entry here.
    g.bench_function("baseline serde_json derive", |b| {
        b.iter(|| vrps::parse_rpki_client_json(black_box(&f.json)).map(|v| v.len()))
    });
    g.finish();
}

fn build<M: Measurement>(c: &mut Criterion<M>) {
    let Some(f) = fixture() else { return };
    let mut g = slow(c, "build", 10);
    g.throughput(Throughput::Elements(f.vrps.len() as u64));
    g.bench_function("routeguard RovIndex::new", |b| {
        b.iter_with_large_drop(|| RovIndex::new(black_box(&f.vrps)))
    });
    g.bench_function("bgpkit-commons RpkiTrie::insert_roa", |b| {
        b.iter_with_large_drop(|| BgpkitTrie::new(black_box(&f.simple)))
    });
    g.bench_function("naive-hash", |b| {
        b.iter_with_large_drop(|| NaiveHash::new(black_box(&f.simple)))
    });
    g.finish();
}

fn load_index<M: Measurement>(c: &mut Criterion<M>) {
    let Some(f) = fixture() else { return };
    let mut g = slow(c, "load+index", 10);
    g.bench_function("routeguard parse::load + RovIndex::new", |b| {
        b.iter_with_large_drop(|| {
            let l = parse::load(black_box(&f.json), &parse::LoadOptions::default()).expect("load");
            RovIndex::new(&l.set.vrps)
        })
    });
    g.bench_function("bgpkit-commons (serde_json derive + insert_roa)", |b| {
        b.iter_with_large_drop(|| {
            BgpkitTrie::new(&vrps::parse_rpki_client_json(black_box(&f.json)).expect("load"))
        })
    });
    g.bench_function("naive-hash (serde_json derive + HashMap)", |b| {
        b.iter_with_large_drop(|| {
            NaiveHash::new(&vrps::parse_rpki_client_json(black_box(&f.json)).expect("load"))
        })
    });
    g.finish();
}

fn validate<M: Measurement>(c: &mut Criterion<M>) {
    let Some(f) = fixture() else { return };
    let rg = RovIndex::new(&f.vrps);
    let bg = BgpkitTrie::new(&f.simple);
    let nh = NaiveHash::new(&f.simple);
    let mut g = slow(c, "validate", 10);
    g.throughput(Throughput::Elements(f.routes.len() as u64));
    g.bench_function("routeguard RovIndex::state", |b| {
        b.iter(|| {
            let mut valid = 0usize;
            for (p, o) in &f.routes {
                valid += usize::from(origin_state(&rg, black_box(p), *o).0 == RovState::Valid);
            }
            valid
        })
    });
    let shuffled = routes::shuffled(&f.routes);
    g.bench_function("routeguard RovIndex::state (shuffled order)", |b| {
        b.iter(|| {
            shuffled
                .iter()
                .filter(|(p, o)| origin_state(&rg, black_box(p), *o).0 == RovState::Valid)
                .count()
        })
    });
    g.bench_function("routeguard RovIndex::states_many", |b| {
        b.iter_with_large_drop(|| origin_states(&rg, black_box(&f.routes)))
    });
    g.bench_function("naive-hash", |b| {
        b.iter(|| {
            let mut valid = 0usize;
            for (p, o) in &f.routes {
                let o = o.unwrap_or(Asn::ZERO);
                valid += usize::from(nh.state(black_box(p), o) == RovState::Valid);
            }
            valid
        })
    });
    // bgpkit-commons takes about 10 s per pass over all routes (it collects
    // and clones the covering ROAs twice per route), so it runs on every 10th
    // route, with routeguard on the same routes beside it.
    let tenth: Vec<_> = f.routes.iter().step_by(10).copied().collect();
    let tenth_ip: Vec<_> = f.ipnet_routes.iter().step_by(10).copied().collect();
    g.throughput(Throughput::Elements(tenth.len() as u64));
    g.bench_function("routeguard RovIndex::state (every 10th route)", |b| {
        b.iter(|| {
            tenth
                .iter()
                .filter(|(p, o)| origin_state(&rg, black_box(p), *o).0 == RovState::Valid)
                .count()
        })
    });
    g.bench_function(
        "bgpkit-commons RpkiTrie::validate (every 10th route)",
        |b| {
            b.iter(|| {
                tenth_ip
                    .iter()
                    .filter(|(p, o)| bg.state(black_box(p), *o) == RovState::Valid)
                    .count()
            })
        },
    );
    g.finish();

    let mut g = slow(c, "validate-sample", 10);
    g.throughput(Throughput::Elements(f.sample.len() as u64));
    g.bench_function("routeguard RovIndex::validate", |b| {
        b.iter(|| {
            f.sample
                .iter()
                .map(|(p, o)| validate_origin(&rg, black_box(p), *o).covering.len())
                .sum::<usize>()
        })
    });
    g.bench_function("validate_naive (linear scan)", |b| {
        b.iter(|| {
            f.sample
                .iter()
                .map(|(p, o)| validate_naive(&f.vrps, black_box(p), *o).covering.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

struct Rov;

impl Suite for Rov {
    fn run<M: Measurement>(c: &mut Criterion<M>) {
        load(c);
        build(c);
        load_index(c);
        validate(c);
    }
}

fn main() {
    harness::main::<Rov>("rov");
}
