//! Filter generation, the issue-12 targets: an as-set of 20,000 ASNs
//! (synthetic, `src/bin/bigset.rs`: 60,000 route objects, 20,000 route6)
//! expanded and aggregated (`bgpq4 -A -S BIGSET AS-BIG`) from a local dump
//! in at most 50 ms, and at least 20× faster than bgpq4 1.9 on the same
//! IRRd. Side by side in one run:
//!
//! - `routeguard local`: the dump in an IrrDb (built once), then the whole
//!   run: expansion through the LocalResolver, `-A`, printing;
//! - `routeguard whois`: the same over IRRd (the lab with the dump loaded
//!   as source BIGSET: `scripts/irrd.sh start` then
//!   `../shared/peers/irrd/start-irrd.sh` with `BIGSET=big.rpsl` added, see
//!   RESULTS.md), when it has AS-BIG;
//! - `bgpq4 1.9`: the real bgpq4 process against the same IRRd.
//!
//! Run: `cargo bench -p routeguard-benches --bench filter`.

#[path = "../src/bin/bigset.rs"]
#[allow(dead_code)]
mod bigset;

use std::hint::black_box;
use std::process::Command;

use criterion::measurement::Measurement;
use criterion::Criterion;
use routeguard::filter::bgpq4::args::{parse_args, Command as Bgpq4Command};
use routeguard::filter::bgpq4::Options;
use routeguard::filter::resolve::{LocalResolver, Query, Resolver, WhoisResolver};
use routeguard::index::irr::{IrrDb, IrrDbBuilder, SetLimits};
use routeguard::net::whois::WhoisOptions;
use routeguard::parse::rpsl::RpslOptions;
use routeguard::render::filter::run_bgpq4;
use routeguard_benches::harness::{self, slow, Suite};

const ARGS: &[&str] = &["-A", "-S", "BIGSET", "AS-BIG"];

fn options() -> Options {
    let argv: Vec<String> = ARGS.iter().map(|s| (*s).to_owned()).collect();
    match parse_args(&argv, None) {
        Ok(Bgpq4Command::Run { options, .. }) => options,
        other => panic!("bgpq4 arguments: {other:?}"),
    }
}

fn db(text: &str) -> IrrDb {
    let mut b = IrrDbBuilder::new(RpslOptions::lenient());
    b.add_text(text.as_bytes(), None).expect("dump loads");
    b.build()
}

/// The IRRd lab's address when it serves AS-BIG.
fn irrd_with_bigset() -> Option<String> {
    let addr = std::env::var("ROUTEGUARD_IRRD").unwrap_or_else(|_| "127.0.0.1:8043".into());
    let mut r = WhoisResolver::connect(&[&addr], WhoisOptions::default()).ok()?;
    let a = r
        .resolve(&[
            Query::Sources("BIGSET".into()),
            Query::Members {
                set: "AS-BIG".into(),
                recursive: false,
            },
        ])
        .ok()?;
    a.get(1)?.words().next()?;
    Some(addr)
}

struct Filter;

impl Suite for Filter {
    fn run<M: Measurement>(c: &mut Criterion<M>) {
        let text = bigset::big_world(20_000);
        let db = db(&text);
        let opts = options();
        let limits = SetLimits::default();
        let once = run_bgpq4(&opts, &mut LocalResolver::new(&db), &limits).expect("runs");
        eprintln!(
            "filter bench: {} objects, output {} lines",
            db.len(),
            once.stdout.lines().count()
        );
        let mut g = slow(c, "bgpq4 -A AS-BIG (20,000 ASNs)", 10);
        g.bench_function("routeguard local", |b| {
            b.iter(|| {
                let mut r = LocalResolver::new(&db);
                black_box(
                    run_bgpq4(&opts, &mut r, &limits)
                        .expect("runs")
                        .stdout
                        .len(),
                )
            })
        });
        if let Some(addr) = irrd_with_bigset() {
            let mut remote_opts = opts.clone();
            let (host, port) = addr.rsplit_once(':').unwrap_or((&addr, "43"));
            remote_opts.host = host.to_owned();
            remote_opts.port = port.to_owned();
            let check = run_bgpq4(
                &remote_opts,
                &mut WhoisResolver::connect(&[&addr], WhoisOptions::default()).expect("IRRd"),
                &limits,
            )
            .expect("runs");
            let peer = Command::new("bgpq4")
                .args(["-h", &addr])
                .args(ARGS)
                .output()
                .expect("bgpq4 runs");
            assert_eq!(check.stdout.as_bytes(), peer.stdout, "same output as bgpq4");
            assert_eq!(once.stdout, check.stdout, "local and IRRd agree");
            g.bench_function("routeguard whois", |b| {
                b.iter(|| {
                    let mut r =
                        WhoisResolver::connect(&[&addr], WhoisOptions::default()).expect("IRRd");
                    black_box(
                        run_bgpq4(&remote_opts, &mut r, &limits)
                            .expect("runs")
                            .stdout
                            .len(),
                    )
                })
            });
            g.bench_function("bgpq4 1.9", |b| {
                b.iter(|| {
                    let out = Command::new("bgpq4")
                        .args(["-h", &addr])
                        .args(ARGS)
                        .output()
                        .expect("bgpq4 runs");
                    black_box(out.stdout.len())
                })
            });
        } else {
            eprintln!("filter bench: no IRRd serving AS-BIG; bgpq4 and whois rows skipped");
        }
        g.finish();
    }
}

fn main() {
    harness::main::<Filter>("filter");
}
