//! RPSL parsing (RFC 2622 / RFC 4012): routeguard beside the `rpsl-rs` 3.x
//! crate on the dn42 registry (4.55 MB, 15,716 objects) and the AS3257
//! aut-num (470 KB, 9,546 policy lines), found through `$ROUTEGUARD_DATA`
//! or `../shared/data` (skips with a message when missing).
//!
//! Groups `rpsl/dn42` and `rpsl/as3257`, `Throughput::Bytes`. Every
//! function but `lex` and `typed_stream` keeps all it produced until the
//! end, as `rpsl-rs` keeps its `Vec<Object>`:
//! - `lex`: `objects()` + `attributes()` + `first_word()` (what an indexer
//!   does; nothing kept);
//! - `lex_text`: every object as a `Vec` of (name, cleaned value): comments
//!   removed, continuation lines joined, values borrowed when one line —
//!   what `rpsl-rs` produces, plus the cleaning;
//! - `typed`: every object typed (`objects_str(text).typed()`: keys parsed and checked —
//!   prefixes, origins, ranges, set names and members —, the fields of the
//!   twelve typed classes, policy lines classified; other classes as
//!   generic objects), from `objects_str`: the headline against `rpsl-rs`;
//! - `typed_stream`: the same typed objects, each looked at and dropped
//!   (nothing kept: how a loader or a filter consumes a dump);
//! - `typed_bytes`: `typed` from `&[u8]` (`objects`, UTF-8 checked per
//!   object);
//! - `typed_terms`: `typed`, then every policy line's expression parsed
//!   (peer, afi, action, filter: 9,546 lines on AS3257);
//! - `to_object`: every object to an owned `RpslObject`;
//! - `parse_all_lenient`: the validating loader (owned objects, warnings);
//! - `rpsl-rs`: `parse_whois_response` (it rejects nothing it reads here),
//!   every object with all its attributes.
//!
//! Both parsers read the same text (the file plus a final newline, which
//! `rpsl-rs` needs); its UTF-8 check is outside the timed loop for both.
//!
//! `ROUTEGUARD_BENCH_CPU=1` measures thread CPU time instead of wall time
//! (steadier on a shared machine).
//!
//! Run: `cargo bench -p routeguard-benches --bench rpsl -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;
use std::sync::OnceLock;

use criterion::measurement::Measurement;
use criterion::{Criterion, Throughput};
use routeguard::model::rpsl::TypedObject;
use routeguard::parse::rpsl::{self as rg, RpslOptions};
use routeguard_benches::{data, harness, mem};

fn lex(text: &str) -> usize {
    let mut n = 0;
    for o in rg::objects(text.as_bytes()).flatten() {
        for a in o.attributes().flatten() {
            n += a.first_word().len();
        }
    }
    n
}

/// Every object with all its (name, cleaned value) pairs.
fn lex_text(text: &str) -> usize {
    let objs: Vec<Vec<_>> = rg::objects_str(text)
        .flatten()
        .map(|o| {
            o.attributes()
                .flatten()
                .map(|a| (a.name, a.text()))
                .collect()
        })
        .collect();
    objs.iter().map(Vec::len).sum()
}

/// Every object typed, all kept.
fn typed(text: &str) -> Vec<TypedObject<'_>> {
    rg::objects_str(text)
        .typed()
        .filter_map(Result::ok)
        .collect()
}

/// Every object typed, each looked at once and dropped (a streaming
/// consumer: a loader, a filter, a counter): the number of route objects.
fn typed_stream(text: &str) -> usize {
    rg::objects_str(text)
        .typed()
        .filter(|t| matches!(t, Ok(TypedObject::Route(_))))
        .count()
}

/// [`typed`] from bytes.
fn typed_bytes(text: &str) -> Vec<TypedObject<'_>> {
    rg::objects(text.as_bytes())
        .typed()
        .filter_map(Result::ok)
        .collect()
}

/// [`typed`], then every policy line's expression parsed (all kept).
fn typed_terms(text: &str) -> (Vec<TypedObject<'_>>, Vec<rg::Policy>) {
    let objs = typed(text);
    let mut policies = Vec::new();
    for o in &objs {
        if let TypedObject::AutNum(a) = o {
            policies.extend(
                a.policy
                    .iter()
                    .filter_map(|l| rg::parse_policy_line(l).ok()),
            );
        }
    }
    (objs, policies)
}

fn to_objects(text: &str) -> usize {
    rg::objects(text.as_bytes())
        .flatten()
        .filter_map(|o| o.to_object().ok())
        .map(|o| o.attributes.len())
        .sum()
}

/// `rpsl-rs`: every object with all its attributes, the total count.
fn rpsl_rs(text: &str) -> usize {
    rpsl::parse_whois_response(text)
        .map(|v| v.iter().map(|o| o.len()).sum())
        .unwrap_or(0)
}

fn group<M: Measurement>(c: &mut Criterion<M>, name: &str, text: &str) {
    let mut g = c.benchmark_group(harness::group_name(&format!("rpsl/{name}")));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("lex", |b| b.iter(|| lex(black_box(text))));
    g.bench_function("lex_text", |b| b.iter(|| lex_text(black_box(text))));
    g.bench_function("typed", |b| b.iter(|| typed(black_box(text))));
    g.bench_function("typed_stream", |b| b.iter(|| typed_stream(black_box(text))));
    g.bench_function("typed_bytes", |b| b.iter(|| typed_bytes(black_box(text))));
    g.bench_function("typed_terms", |b| b.iter(|| typed_terms(black_box(text))));
    g.bench_function("to_object", |b| b.iter(|| to_objects(black_box(text))));
    g.bench_function("parse_all_lenient", |b| {
        b.iter(|| {
            rg::parse_all(black_box(text.as_bytes()), &RpslOptions::lenient())
                .map(|p| p.objects.len())
        })
    });
    g.bench_function("rpsl-rs", |b| b.iter(|| rpsl_rs(black_box(text))));
    g.finish();
}

/// The two inputs as text (the file plus one newline), read once.
fn inputs() -> &'static Option<(String, String)> {
    static INPUTS: OnceLock<Option<(String, String)>> = OnceLock::new();
    INPUTS.get_or_init(|| {
        let read = |rel: &str| data::read_text(rel).map(|t| format!("{t}\n"));
        let dn42 = read("irr/dn42/dn42-registry.rpsl")?;
        let as3257 = read("irr/rpsl-rs/AS3257.txt")?;
        // Sanity: both parsers read the same objects and attributes; every
        // object is typed; the str and byte paths agree.
        for (name, t) in [("dn42", &dn42), ("as3257", &as3257)] {
            let ours = rg::objects(t.as_bytes()).flatten().count();
            let theirs = rpsl::parse_whois_response(t).map_or(0, |v| v.len());
            let typed = typed(t);
            assert_eq!(typed, typed_bytes(t), "{name}: str and bytes differ");
            let (_, policies) = typed_terms(t);
            eprintln!(
                "rpsl bench: {name} objects routeguard {ours}, rpsl-rs {theirs}; attributes {} / {}; typed {}; policy lines parsed {}",
                lex_text(t),
                rpsl_rs(t),
                typed.len(),
                policies.len()
            );
        }
        for (name, t) in [("dn42", &dn42), ("as3257", &as3257)] {
            interleaved(name, t);
        }
        Some((dn42, as3257))
    })
}

/// Best of 41 runs each of `typed`, `typed_stream`, `lex_text` and
/// `rpsl-rs`, interleaved run by run (thread CPU time), so that a slow
/// spell of a shared machine hits all alike: MiB/s and the ratios to
/// `rpsl-rs`.
fn interleaved(name: &str, text: &str) {
    fn best(v: &mut Vec<f64>, f: impl FnOnce()) {
        let t0 = mem::cpu_ns();
        f();
        v.push((mem::cpu_ns() - t0) as f64 / 1e9);
    }
    let (mut ty, mut st, mut lt, mut rs) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..41 {
        best(&mut ty, || drop(black_box(typed(black_box(text)))));
        best(&mut st, || {
            black_box(typed_stream(black_box(text)));
        });
        best(&mut lt, || {
            black_box(lex_text(black_box(text)));
        });
        best(&mut rs, || {
            black_box(rpsl_rs(black_box(text)));
        });
    }
    let mib = |v: &[f64]| {
        let min = v.iter().copied().fold(f64::INFINITY, f64::min);
        text.len() as f64 / min / (1024.0 * 1024.0)
    };
    let (ty, st, lt, rs) = (mib(&ty), mib(&st), mib(&lt), mib(&rs));
    eprintln!(
        "rpsl bench: {name} interleaved best of 41 (CPU time): typed {ty:.0} MiB/s ({:.2}x rpsl-rs), typed_stream {st:.0} MiB/s ({:.2}x), lex_text {lt:.0} MiB/s ({:.2}x), rpsl-rs {rs:.0} MiB/s",
        ty / rs,
        st / rs,
        lt / rs
    );
}

struct Rpsl;

impl harness::Suite for Rpsl {
    fn run<M: Measurement>(c: &mut Criterion<M>) {
        let Some((dn42, as3257)) = inputs() else {
            eprintln!("rpsl bench: shared data missing, skipped");
            return;
        };
        group(c, "dn42", dn42);
        group(c, "as3257", as3257);
    }
}

fn main() {
    harness::main::<Rpsl>("rpsl");
}
