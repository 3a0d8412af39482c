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
//! - `parse_all_lenient`: the validating loader;
//! - `rpsl-rs`: `parse_whois_response` (dn42; it rejects nothing it reads
//!   here) and `parse_object` (AS3257).
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

fn lex_text(text: &[u8]) -> usize {
    let mut n = 0;
    for o in rg::objects(text).flatten() {
        let attrs: Vec<_> = o
            .attributes()
            .flatten()
            .map(|a| (a.name, a.text()))
            .collect();
        n += attrs.len();
    }
    n
}

fn group<M: Measurement>(c: &mut Criterion<M>, name: &str, text: &[u8], whole_object: bool) {
    let s = std::str::from_utf8(text).expect("UTF-8 data");
    // rpsl-rs wants a trailing blank line (parse_object fails on AS3257.txt
    // without it, after reading everything).
    let padded = format!("{s}\n");
    let mut g = c.benchmark_group(format!("rpsl/{name}"));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("lex", |b| b.iter(|| lex(black_box(text))));
    g.bench_function("lex_text", |b| b.iter(|| lex_text(black_box(text))));
    g.bench_function("to_object", |b| b.iter(|| to_objects(black_box(text))));
    g.bench_function("typed", |b| b.iter(|| typed(black_box(text))));
    g.bench_function("parse_all_lenient", |b| {
        b.iter(|| rg::parse_all(black_box(text), &RpslOptions::lenient()).map(|p| p.objects.len()))
    });
    if whole_object {
        g.bench_function("rpsl-rs", |b| {
            b.iter(|| {
                rpsl::parse_object(black_box(s))
                    .map(|o| o.len())
                    .unwrap_or(0)
            })
        });
    } else {
        g.bench_function("rpsl-rs", |b| {
            b.iter(|| {
                rpsl::parse_whois_response(black_box(&padded))
                    .map(|v| v.len())
                    .unwrap_or(0)
            })
        });
    }
    g.finish();
}

fn main() {
    let Some(dir) = data::data_dir() else {
        eprintln!("rpsl bench: shared data missing, skipped");
        return;
    };
    let dn42 = data::read(&dir.join("irr/dn42/dn42-registry.rpsl")).expect("dn42");
    let as3257 = data::read(&dir.join("irr/rpsl-rs/AS3257.txt")).expect("AS3257");
    // Sanity: both parsers read the same number of objects.
    let ours = rg::objects(&dn42).flatten().count();
    let theirs = rpsl::parse_whois_response(&format!("{}\n", String::from_utf8_lossy(&dn42)))
        .map(|v| v.len())
        .unwrap_or(0);
    eprintln!("rpsl bench: dn42 objects routeguard {ours}, rpsl-rs {theirs}");
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
    group(&mut c, "dn42", dn42, false);
    group(&mut c, "as3257", as3257, true);
    c.final_summary();
}
