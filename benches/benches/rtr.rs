//! Live RPKI over RTR, the issue-13 targets: a full reset of 723k VRPs +
//! 100 ASPAs applied in at most 1.5 s, and a serial update of 10k changes
//! in at most 50 ms. StayRTR 0.5.1 serves the josephine snapshot A (its
//! ASPAs in StayRTR's legacy layout, `expires` removed); the bench records
//! its reset response (RTR v2) and the serial update to B (B without the
//! ROAs whose only change is `expires`: 9 announced, 10,199 withdrawn),
//! then times, side by side:
//!
//! - `reset 723k: decode + apply`: the recorded reset through a `Session`
//!   (in 64 KiB reads) into a `PayloadSet`;
//! - `reset 723k: + publish`: that, then `Dataset::with_rtr_payloads`
//!   (the `VrpSet` and the origin-validation index): the dataset a reader
//!   gets;
//! - `serial 10k: decode + apply` and `serial 10k: + publish`: the same
//!   for the serial update, on a client already holding A;
//! - `file 723k: Dataset from JSON`: what reloading the file costs instead;
//! - over the socket, each a whole load from the running StayRTR (whose own
//!   sending takes most of it): `routeguard Client::fetch v2`, `… v1`, and
//!   `RTRlib 0.8 rtr_mgr v1` (the C harness `benches/rtrlib/rtrlib-sync`,
//!   built by `make -C benches/rtrlib`; skipped when absent).
//!
//! Run: `cargo bench -p routeguard-benches --bench rtr` (needs `stayrtr`
//! and the shared data; skips without them).

#[path = "../../core/tests/common/stayrtr.rs"]
mod stayrtr;

use std::collections::HashSet;
use std::hint::black_box;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::measurement::Measurement;
use criterion::{BatchSize, Criterion};
use routeguard::dataset::{Dataset, Input};
use routeguard::net::rtr::client::{Client, ClientOptions};
use routeguard::net::rtr::pdu::Pdu;
use routeguard::net::rtr::session::{Event, PayloadSet, Serial, Session, SessionOptions};
use routeguard_benches::data;
use routeguard_benches::harness::{self, slow, Suite};

/// The StayRTR harness asks this (missing peers fail under CI).
fn ci() -> bool {
    false
}

const B: &str = "vrps/rpki-client_josephine_2025-07-20T100145Z.json.bz2";
const DIFF: &str = "vrps/rpkilog_vrpdiff_2025-07-20T100145Z.json.bz2";

/// Reads PDUs from `s` until End of Data; returns the raw bytes, and the
/// session and serial of the End of Data.
fn record(s: &mut TcpStream) -> (Vec<u8>, u16, u32) {
    let mut out = Vec::new();
    loop {
        let mut head = [0u8; 8];
        s.read_exact(&mut head).expect("PDU header");
        let len = u32::from_be_bytes([head[4], head[5], head[6], head[7]]) as usize;
        let mut body = vec![0u8; len - 8];
        s.read_exact(&mut body).expect("PDU body");
        out.extend_from_slice(&head);
        out.extend_from_slice(&body);
        if head[1] == 7 {
            let session = u16::from_be_bytes([head[2], head[3]]);
            let serial = u32::from_be_bytes([body[0], body[1], body[2], body[3]]);
            return (out, session, serial);
        }
    }
}

fn bytes(p: Pdu) -> Vec<u8> {
    p.to_bytes().expect("encodes")
}

/// Feeds `stream` to `session` in 64 KiB reads; the one update it holds.
fn feed(session: &mut Session, stream: &[u8]) -> routeguard::net::rtr::session::Delta {
    let mut update = None;
    for chunk in stream.chunks(1 << 16) {
        for ev in session.feed(chunk) {
            match ev {
                Event::Update(d) => update = Some(d),
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    update.expect("an End of Data")
}

/// Everything the timed runs need.
struct Recorded {
    reset: Vec<u8>,
    serial: Vec<u8>,
    session: u16,
    serial_a: u32,
    a_json: Vec<u8>,
}

fn record_streams(server: &mut stayrtr::StayRtr, b_json: &[u8]) -> (Vec<u8>, Vec<u8>, u16, u32) {
    let mut s = TcpStream::connect(server.addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(120))).ok();
    let t = Instant::now();
    s.write_all(&bytes(Pdu::ResetQuery { version: 2 }))
        .expect("query");
    let (reset, session, serial_a) = record(&mut s);
    eprintln!(
        "rtr bench: StayRTR sent the reset ({} bytes) in {:.2} s",
        reset.len(),
        t.elapsed().as_secs_f64()
    );
    server.reload(b_json);
    let mut notify = [0u8; 12];
    s.read_exact(&mut notify).expect("Serial Notify");
    s.write_all(&bytes(Pdu::SerialQuery {
        version: 2,
        session,
        serial: serial_a,
    }))
    .expect("query");
    let (serial, _, _) = record(&mut s);
    (reset, serial, session, serial_a)
}

struct Rtr;

impl Suite for Rtr {
    fn run<M: Measurement>(c: &mut Criterion<M>) {
        let Some(bin) = stayrtr::binary() else { return };
        let Some(dir) = data::data_dir() else { return };
        let read = |rel: &str| data::read(&dir.join(rel)).expect("shared data");
        let (a, b, diff) = (read(data::VRPS), read(B), read(DIFF));
        let tmp = stayrtr::temp_dir("bench");
        let cache = tmp.join("cache.json");
        let a_json = stayrtr::stayrtr_json(&a, stayrtr::AspaAfi::V4, &HashSet::new());
        let b_json =
            stayrtr::stayrtr_json(&b, stayrtr::AspaAfi::V4, &stayrtr::expires_only_keys(&diff));
        std::fs::write(&cache, &a_json).expect("cache file");
        let mut server = stayrtr::StayRtr::start(&bin, &cache, &[]);
        let (reset, serial, session, serial_a) = record_streams(&mut server, &b_json);
        let rec = Recorded {
            reset,
            serial,
            session,
            serial_a,
            a_json,
        };
        // The client state after A, and a check that the streams are what
        // the targets say.
        let mut s = Session::new(SessionOptions::default());
        s.start();
        let d = feed(&mut s, &rec.reset);
        let mut held = PayloadSet::new();
        held.apply(&d).expect("applies");
        let set = held.to_vrp_set();
        eprintln!(
            "rtr bench: reset {} VRPs, {} ASPAs, {} router keys",
            set.vrps.len(),
            set.aspas.len(),
            set.router_keys.len()
        );
        let mut s2 = Session::with_state(
            SessionOptions::default(),
            rec.session,
            Serial::from(rec.serial_a),
        );
        s2.start();
        let d2 = feed(&mut s2, &rec.serial);
        eprintln!(
            "rtr bench: serial update +{} -{}",
            d2.announce.len(),
            d2.withdraw.len()
        );
        let base = Dataset::builder().build().expect("empty dataset");

        // What a live dataset publishes: the payload list and the ROV
        // index (built at once; forced here in case SLURM deferred it).
        let publish = |p: &PayloadSet| {
            let ds = base.with_rtr_payloads(p);
            black_box(ds.rov().map(|i| i.len()));
            ds
        };

        let mut g = slow(c, "rtr josephine (723k VRPs, 100 ASPAs)", 20);
        g.bench_function("reset 723k: decode + apply", |bch| {
            bch.iter(|| {
                let mut s = Session::new(SessionOptions::default());
                s.start();
                let d = feed(&mut s, &rec.reset);
                let mut p = PayloadSet::new();
                p.apply(&d).expect("applies");
                black_box(p.origin_count())
            })
        });
        g.bench_function("reset 723k: + publish", |bch| {
            bch.iter(|| {
                let mut s = Session::new(SessionOptions::default());
                s.start();
                let d = feed(&mut s, &rec.reset);
                let mut p = PayloadSet::new();
                p.apply(&d).expect("applies");
                black_box(publish(&p))
            })
        });
        // A client holding A.
        let fresh = || {
            let mut s = Session::with_state(
                SessionOptions::default(),
                rec.session,
                Serial::from(rec.serial_a),
            );
            s.start();
            (s, held.clone())
        };
        g.bench_function("serial 10k: decode + apply", |bch| {
            bch.iter_batched(
                fresh,
                |(mut s, mut p)| {
                    let d = feed(&mut s, &rec.serial);
                    p.apply(&d).expect("applies");
                    black_box(p.origin_count());
                    (s, p)
                },
                BatchSize::LargeInput,
            )
        });
        g.bench_function("serial 10k: + publish", |bch| {
            bch.iter_batched(
                fresh,
                |(mut s, mut p)| {
                    let d = feed(&mut s, &rec.serial);
                    p.apply(&d).expect("applies");
                    let ds = publish(&p);
                    (s, p, ds)
                },
                BatchSize::LargeInput,
            )
        });
        g.bench_function("file 723k: Dataset from JSON", |bch| {
            bch.iter(|| {
                let ds = Dataset::builder()
                    .vrps(Input::bytes("a.json", rec.a_json.clone()))
                    .build()
                    .expect("loads");
                black_box(ds.rov().map(|i| i.len()));
                ds
            })
        });
        g.finish();

        // Whole loads over the socket: StayRTR's own sending dominates.
        let addr = server.addr.to_string();
        let mut g = slow(c, "rtr josephine over TCP from StayRTR", 60);
        for version in [2u8, 1] {
            g.bench_function(format!("routeguard Client::fetch v{version}"), |bch| {
                bch.iter(|| {
                    let opts = ClientOptions::default().version(Some(version));
                    let c = Client::fetch(&addr, opts).expect("loads");
                    black_box(c.payloads().origin_count())
                })
            });
        }
        let peer = Path::new(env!("CARGO_MANIFEST_DIR")).join("rtrlib/rtrlib-sync");
        if peer.is_file() {
            let (host, port) = addr.rsplit_once(':').expect("host:port");
            g.bench_function("RTRlib 0.8 rtr_mgr v1", |bch| {
                bch.iter(|| {
                    let out = Command::new(&peer)
                        .args([host, port])
                        .output()
                        .expect("rtrlib-sync runs");
                    assert!(out.status.success(), "rtrlib-sync failed");
                    black_box(out.stdout.len())
                })
            });
        } else {
            eprintln!("rtr bench: no benches/rtrlib/rtrlib-sync (make -C benches/rtrlib); RTRlib row skipped");
        }
        g.finish();
        drop(server);
        let _ = std::fs::remove_dir_all(&tmp);
    }
}

fn main() {
    harness::main::<Rtr>("rtr");
}
