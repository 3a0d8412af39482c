//! RPSL parsing (RFC 2622 / RFC 4012): routeguard beside the `rpsl-rs` 3.x
//! crate on the dn42 registry (4.55 MB, 15,716 objects) and the AS3257
//! aut-num (470 KB, 9,546 policy lines), found through `$ROUTEGUARD_DATA`
//! or `../shared/data` (skips with a message when missing).
//!
//! Groups `rpsl/dn42` and `rpsl/as3257`, `Throughput::Bytes`:
//! - `lex`: `objects()` + `attributes()` + `first_word()` (what an indexer does);
//! - `lex_text`: the lexer plus every value cleaned (`text()`, borrowed
//!   when one line): zero-copy objects, what `rpsl-rs` produces;
//! - `to_object`: every object to an `RpslObject` (all attribute values cleaned);
//! - `typed`: `to_object` then `typed()` (policy lines parsed for AS3257);
//! - `typed_raw`: `typed_raw()` on each raw object (the same typed objects
//!   as `typed`, without the owned `RpslObject` in between);
//! - `parse_all_lenient`: the validating loader;
//! - `rpsl-rs`: `parse_whois_response` (it rejects nothing it reads here),
//!   every object with all its attributes kept in a `Vec`, as `lex_text`
//!   keeps its own.
//!
//! Both parsers read the same bytes (the file plus a final newline).
//!
//! `ROUTEGUARD_BENCH_CPU=1` measures thread CPU time instead of wall time
//! (steadier on a shared machine).
//!
//! Run: `cargo bench -p routeguard-benches --bench rpsl -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use criterion::measurement::Measurement;
use criterion::{Criterion, Throughput};
use routeguard::parse::rpsl::{self as rg, RpslOptions};
use routeguard_benches::cpu::ThreadCpuTime;
use routeguard_benches::data;

fn lex(text: &[u8]) -> usize {
    let mut n = 0;
    for o in rg::objects(text).flatten() {
        for a in o.attributes().flatten() {
            n += a.first_word().len();
        }
    }
    n
}

fn to_objects(text: &[u8]) -> usize {
    rg::objects(text)
        .flatten()
        .filter_map(|o| o.to_object().ok())
        .map(|o| o.attributes.len())
        .sum()
}

fn typed(text: &[u8]) -> usize {
    rg::objects(text)
        .flatten()
        .filter_map(|o| o.to_object().ok())
        .filter_map(|o| rg::typed(&o).ok())
        .count()
}

/// The same typed objects as [`typed`], straight from the raw objects.
fn typed_raw(text: &[u8]) -> usize {
    rg::objects(text)
        .flatten()
        .filter_map(|o| rg::typed_raw(&o).ok())
        .count()
}

/// Every object with all its (name, cleaned value) pairs, kept until the
/// end as `rpsl-rs` keeps its `Vec<Object>`.
fn lex_text(text: &[u8]) -> usize {
    let objs: Vec<Vec<_>> = rg::objects(text)
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

/// `rpsl-rs`: every object with all its attributes, the total count.
fn rpsl_rs(text: &str) -> usize {
    rpsl::parse_whois_response(text)
        .map(|v| v.iter().map(|o| o.len()).sum())
        .unwrap_or(0)
}

fn group<M: Measurement>(c: &mut Criterion<M>, name: &str, text: &[u8]) {
    // Both parsers read the same bytes: the file plus one newline (rpsl-rs
    // wants a blank line after the last object; it fails on AS3257.txt
    // without it, after reading everything).
    let s = format!("{}\n", std::str::from_utf8(text).expect("UTF-8 data"));
    let text = s.as_bytes();
    let mut g = c.benchmark_group(format!("rpsl/{name}"));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("lex", |b| b.iter(|| lex(black_box(text))));
    g.bench_function("lex_text", |b| b.iter(|| lex_text(black_box(text))));
    g.bench_function("to_object", |b| b.iter(|| to_objects(black_box(text))));
    g.bench_function("typed", |b| b.iter(|| typed(black_box(text))));
    g.bench_function("typed_raw", |b| b.iter(|| typed_raw(black_box(text))));
    g.bench_function("parse_all_lenient", |b| {
        b.iter(|| rg::parse_all(black_box(text), &RpslOptions::lenient()).map(|p| p.objects.len()))
    });
    g.bench_function("rpsl-rs", |b| b.iter(|| rpsl_rs(black_box(&s))));
    g.finish();
}

fn main() {
    let Some(dir) = data::data_dir() else {
        eprintln!("rpsl bench: shared data missing, skipped");
        return;
    };
    let dn42 = data::read(&dir.join("irr/dn42/dn42-registry.rpsl")).expect("dn42");
    let as3257 = data::read(&dir.join("irr/rpsl-rs/AS3257.txt")).expect("AS3257");
    // Sanity: both parsers read the same objects and attributes.
    for (name, t) in [("dn42", &dn42), ("as3257", &as3257)] {
        let s = format!("{}\n", String::from_utf8_lossy(t));
        let ours = rg::objects(s.as_bytes()).flatten().count();
        let theirs = rpsl::parse_whois_response(&s).map_or(0, |v| v.len());
        eprintln!(
            "rpsl bench: {name} objects routeguard {ours}, rpsl-rs {theirs}; attributes {} / {}; typed {} / typed_raw {}",
            lex_text(s.as_bytes()),
            rpsl_rs(&s),
            typed(s.as_bytes()),
            typed_raw(s.as_bytes())
        );
    }
    if std::env::var_os("ROUTEGUARD_BENCH_CPU").is_some_and(|v| v != "0" && !v.is_empty()) {
        eprintln!("rpsl bench: measuring thread CPU time (ROUTEGUARD_BENCH_CPU)");
        run(
            Criterion::default()
                .with_measurement(ThreadCpuTime)
                .configure_from_args(),
            &dn42,
            &as3257,
        );
    } else {
        run(Criterion::default().configure_from_args(), &dn42, &as3257);
    }
}

fn run<M: Measurement>(mut c: Criterion<M>, dn42: &[u8], as3257: &[u8]) {
    group(&mut c, "dn42", dn42);
    group(&mut c, "as3257", as3257);
    c.final_summary();
}
