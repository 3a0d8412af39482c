//! The RTR client (`net::rtr::client`) and the live dataset
//! (`dataset::live`) on real sockets: small scripted caches written here
//! (timers, Cache Reset, version negotiation, rejected updates, silence,
//! garbage), and StayRTR 0.5.1 serving the josephine snapshots (full load
//! compared with the file, the 10,208-change serial update, a restart).
#![cfg(feature = "rtr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeSet, HashSet};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::ops::ControlFlow;
use std::thread;
use std::time::Duration;

use common::stayrtr::{self, AspaAfi, StayRtr};
use routeguard::dataset::live::LiveDataset;
use routeguard::dataset::{Dataset, Input};
use routeguard::net::rtr::client::{Client, ClientError, ClientOptions, Notice};
use routeguard::net::rtr::pdu::{
    decode, AspaLayout, ErrorCode, ErrorReport, Pdu, RouteOrigin, Timers,
};
use routeguard::{Asn, Prefix};

fn origin(s: &str, max: u8, asn: u32) -> RouteOrigin {
    RouteOrigin {
        prefix: s.parse().unwrap(),
        max_length: max,
        asn: Asn::new(asn),
    }
}

fn eod(version: u8, session: u16, serial: u32, refresh: u32) -> Pdu {
    Pdu::EndOfData {
        version,
        session,
        serial,
        timers: (version > 0).then_some(Timers {
            refresh,
            retry: 600,
            expire: 7200,
        }),
    }
}

fn pfx(version: u8, announce: bool, o: RouteOrigin) -> Pdu {
    Pdu::Prefix {
        version,
        announce,
        origin: o,
    }
}

fn send(s: &mut TcpStream, pdus: &[Pdu]) {
    let mut out = Vec::new();
    for p in pdus {
        out.extend(p.to_bytes().unwrap());
    }
    s.write_all(&out).unwrap();
}

/// Reads one PDU (the tests' caches speak well-formed RTR only).
fn read_pdu(s: &mut TcpStream) -> Pdu {
    let mut head = [0u8; 8];
    s.read_exact(&mut head).unwrap();
    let len = u32::from_be_bytes(head[4..8].try_into().unwrap()) as usize;
    let mut buf = head.to_vec();
    buf.resize(len, 0);
    s.read_exact(&mut buf[8..]).unwrap();
    decode(&buf, AspaLayout::Auto).unwrap().unwrap().0
}

fn listener() -> (TcpListener, String) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    (l, addr)
}

fn accept(l: &TcpListener) -> TcpStream {
    let (s, _) = l.accept().unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s
}

fn quick() -> ClientOptions {
    ClientOptions::default().backoff(Duration::from_millis(10), Duration::from_millis(50))
}

/// What a client saw: (reset, serial, origins held) per update.
type Seen = Vec<(bool, u32, usize)>;

#[test]
fn refresh_timer_cache_reset_and_serial_notify() {
    let (l, addr) = listener();
    let a = origin("192.0.2.0/24", 24, 64500);
    let b = origin("2001:db8::/32", 48, 64501);
    let c = origin("198.51.100.0/24", 24, 64502);
    let server = thread::spawn(move || {
        let mut s = accept(&l);
        assert_eq!(read_pdu(&mut s), Pdu::ResetQuery { version: 2 });
        let cr = Pdu::CacheResponse {
            version: 2,
            session: 7,
        };
        send(
            &mut s,
            &[
                cr.clone(),
                pfx(2, true, a),
                pfx(2, true, b),
                eod(2, 7, 1, 1),
            ],
        );
        // refresh = 1 s: the client polls without a Serial Notify.
        assert_eq!(
            read_pdu(&mut s),
            Pdu::SerialQuery {
                version: 2,
                session: 7,
                serial: 1
            }
        );
        send(&mut s, &[Pdu::CacheReset { version: 2 }]);
        assert_eq!(read_pdu(&mut s), Pdu::ResetQuery { version: 2 });
        send(&mut s, &[cr.clone(), pfx(2, true, a), eod(2, 7, 5, 3600)]);
        send(
            &mut s,
            &[Pdu::SerialNotify {
                version: 2,
                session: 7,
                serial: 6,
            }],
        );
        assert_eq!(
            read_pdu(&mut s),
            Pdu::SerialQuery {
                version: 2,
                session: 7,
                serial: 5
            }
        );
        send(
            &mut s,
            &[cr, pfx(2, false, a), pfx(2, true, c), eod(2, 7, 6, 3600)],
        );
        // Hold the connection until the client has seen it all.
        let mut rest = Vec::new();
        let _ = s.read_to_end(&mut rest);
    });
    let mut client = Client::new(&addr, quick());
    let mut seen: Seen = Vec::new();
    client
        .run(|n| match n {
            Notice::Updated { delta, payloads } => {
                seen.push((delta.reset, delta.serial.into(), payloads.origin_count()));
                if seen.len() == 3 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            }
            Notice::Disconnected { error, .. } => panic!("{error}"),
            _ => ControlFlow::Continue(()),
        })
        .unwrap();
    assert_eq!(seen, vec![(true, 1, 2), (true, 5, 1), (false, 6, 1)]);
    let held: Vec<_> = client.payloads().origins().copied().collect();
    assert_eq!(held, vec![c]);
    assert_eq!(client.timers().refresh, 3600);
    drop(client);
    server.join().unwrap();
}

#[test]
fn version_negotiation_goes_down_to_the_caches_version() {
    let (l, addr) = listener();
    let a = origin("192.0.2.0/24", 24, 64500);
    let server = thread::spawn(move || {
        let mut s = accept(&l);
        let q = read_pdu(&mut s);
        assert_eq!(q, Pdu::ResetQuery { version: 2 });
        let raw = q.to_bytes().unwrap();
        let err = ErrorReport::new(1, ErrorCode::UNSUPPORTED_PROTOCOL_VERSION, &raw, "v1 only");
        send(&mut s, &[Pdu::ErrorReport(err)]);
        drop(s);
        let mut s = accept(&l);
        assert_eq!(read_pdu(&mut s), Pdu::ResetQuery { version: 1 });
        send(
            &mut s,
            &[
                Pdu::CacheResponse {
                    version: 1,
                    session: 9,
                },
                pfx(1, true, a),
                eod(1, 9, 3, 3600),
            ],
        );
        let mut rest = Vec::new();
        let _ = s.read_to_end(&mut rest);
    });
    let mut client = Client::new(&addr, quick());
    let mut connects = Vec::new();
    let mut version = None;
    client
        .run(|n| match n {
            Notice::Connected { version, .. } => {
                connects.push(version);
                ControlFlow::Continue(())
            }
            Notice::Updated { delta, .. } => {
                version = Some(delta.version);
                ControlFlow::Break(())
            }
            Notice::Disconnected { error, .. } => panic!("{error}"),
            _ => ControlFlow::Continue(()),
        })
        .unwrap();
    assert_eq!(connects, vec![2, 1], "reconnected at once at version 1");
    assert_eq!(version, Some(1));
    drop(client);
    server.join().unwrap();
}

#[test]
fn a_duplicate_announcement_is_refused_with_code_7_and_the_data_kept() {
    let (l, addr) = listener();
    let a = origin("192.0.2.0/24", 24, 64500);
    let server = thread::spawn(move || {
        let mut s = accept(&l);
        read_pdu(&mut s);
        let cr = Pdu::CacheResponse {
            version: 2,
            session: 1,
        };
        send(&mut s, &[cr.clone(), pfx(2, true, a), eod(2, 1, 1, 3600)]);
        send(
            &mut s,
            &[Pdu::SerialNotify {
                version: 2,
                session: 1,
                serial: 2,
            }],
        );
        assert!(matches!(
            read_pdu(&mut s),
            Pdu::SerialQuery { serial: 1, .. }
        ));
        send(&mut s, &[cr, pfx(2, true, a), eod(2, 1, 2, 3600)]);
        match read_pdu(&mut s) {
            Pdu::ErrorReport(e) => {
                assert_eq!(e.code, ErrorCode::DUPLICATE_ANNOUNCEMENT_RECEIVED);
                assert_eq!(
                    decode(&e.pdu, AspaLayout::Auto).unwrap().unwrap().0,
                    pfx(2, true, a),
                    "the offending PDU encapsulated"
                );
            }
            other => panic!("expected an Error Report, got {other:?}"),
        }
    });
    let mut client = Client::new(&addr, quick());
    let err = client
        .run(|n| match n {
            Notice::Disconnected { .. } => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        })
        .unwrap_err();
    assert!(matches!(err, ClientError::Apply(_)), "{err:?}");
    assert_eq!(err.code(), "duplicate-announcement");
    assert_eq!(client.payloads().origin_count(), 1, "the data stays");
    assert_eq!(client.state(), None, "the next connection resets");
    server.join().unwrap();
}

#[test]
fn a_silent_cache_times_out() {
    let (l, addr) = listener();
    let server = thread::spawn(move || {
        let mut s = accept(&l);
        read_pdu(&mut s);
        let mut rest = Vec::new();
        let _ = s.read_to_end(&mut rest);
    });
    let opts = quick().response_timeout(Duration::from_millis(300));
    let mut client = Client::new(&addr, opts);
    let err = client
        .run(|n| match n {
            Notice::Disconnected { .. } => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        })
        .unwrap_err();
    assert_eq!(
        err,
        ClientError::Timeout {
            what: "response",
            after: Duration::from_millis(300)
        }
    );
    drop(client);
    server.join().unwrap();
}

#[test]
fn nothing_listening_is_a_connect_error_then_backoff() {
    let (l, addr) = listener();
    drop(l);
    let mut client = Client::new(&addr, quick());
    let mut waits = Vec::new();
    let err = client
        .run(|n| match n {
            Notice::Disconnected { retry_in, .. } => {
                waits.push(retry_in);
                if waits.len() == 5 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            }
            _ => ControlFlow::Continue(()),
        })
        .unwrap_err();
    assert_eq!(err.code(), "connect");
    assert!(err.to_string().contains(&addr), "{err}");
    let ms: Vec<u128> = waits.iter().map(Duration::as_millis).collect();
    assert_eq!(ms, vec![10, 20, 40, 50, 50], "doubling, capped");
}

/// A cache that answers every query with bytes from a fixed generator:
/// the client reports an error each time (sending an Error Report when it
/// found the fault), reconnects, and never panics or hangs.
#[test]
fn garbage_from_the_cache_never_panics_or_hangs() {
    const ROUNDS: usize = 40;
    let (l, addr) = listener();
    let server = thread::spawn(move || {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut reports = 0;
        for round in 0..ROUNDS {
            let mut s = accept(&l);
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            read_pdu(&mut s);
            let len = (next() % 3000) as usize + 1;
            let mut junk: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            // Half the rounds start with a valid header and a lying length
            // or type, the rest are noise from the first byte.
            if round % 2 == 0 && junk.len() >= 8 {
                junk[0] = 2;
                junk[1] = (next() % 12) as u8;
            }
            s.write_all(&junk).unwrap();
            let _ = s.shutdown(std::net::Shutdown::Write);
            let mut back = Vec::new();
            let _ = s.read_to_end(&mut back);
            if back.len() >= 8 && back[1] == 10 {
                reports += 1;
            }
        }
        reports
    });
    let mut client = Client::new(&addr, quick());
    let mut codes = BTreeSet::new();
    let mut n = 0;
    let _ = client.run(|notice| match notice {
        Notice::Disconnected { error, .. } => {
            codes.insert(error.code());
            n += 1;
            if n == ROUNDS {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        }
        _ => ControlFlow::Continue(()),
    });
    let reports = server.join().unwrap();
    assert_eq!(n, ROUNDS);
    assert!(reports > ROUNDS / 4, "Error Reports sent: {reports}");
    assert!(codes.len() >= 2, "several kinds of fault: {codes:?}");
    assert_eq!(client.payloads().origin_count(), 0);
}

#[test]
fn stop_ends_a_live_dataset_waiting_on_a_silent_cache() {
    let (l, addr) = listener();
    let server = thread::spawn(move || {
        let mut s = accept(&l);
        read_pdu(&mut s);
        let mut rest = Vec::new();
        let _ = s.read_to_end(&mut rest);
    });
    let base = Dataset::builder().build().unwrap();
    let mut live = LiveDataset::start(&addr, ClientOptions::default(), base).unwrap();
    while !live.status().connected {
        thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(live.wait_update(0, Some(Duration::from_millis(50))), None);
    live.stop();
    let st = live.status();
    assert!(st.stopped && !st.connected && st.generation == 0, "{st:?}");
    assert!(
        live.dataset().vrps().is_none(),
        "no RPKI data was ever held"
    );
    server.join().unwrap();
}

/// A VRP's (prefix, max length, ASN).
type Key = (Prefix, u8, Asn);

/// Every key of a VRP list.
fn keys<'a>(v: impl Iterator<Item = &'a routeguard::Vrp>) -> HashSet<Key> {
    v.map(routeguard::Vrp::key).collect()
}

/// A route's origin validation without the trust anchors (RTR has none):
/// the state, the reason and the keys of the VRPs it names.
fn verdict(ds: &Dataset, p: Prefix, asn: Asn) -> Option<(String, Vec<Key>)> {
    ds.validate(&p, Some(asn)).map(|r| {
        (
            format!("{:?} {:?}", r.state, r.reason),
            r.covering.iter().map(routeguard::Vrp::key).collect(),
        )
    })
}

#[test]
fn live_dataset_follows_stayrtr_through_an_update_and_a_restart() {
    let Some(bin) = stayrtr::binary() else { return };
    let (Some(a), Some(b), Some(diff)) = (
        common::read_data(stayrtr::JOSEPHINE_A),
        common::read_data(stayrtr::JOSEPHINE_B),
        common::read_data(stayrtr::JOSEPHINE_DIFF),
    ) else {
        return;
    };
    let dir = stayrtr::temp_dir("live");
    let cache = dir.join("cache.json");
    let a_json = stayrtr::stayrtr_json(&a, AspaAfi::V4, &HashSet::new());
    std::fs::write(&cache, &a_json).unwrap();
    let mut server = StayRtr::start(&bin, &cache, &[]);

    // A SLURM filter in the base dataset applies to every live snapshot.
    let slurm = r#"{"slurmVersion": 1,
        "validationOutputFilters": {"prefixFilters": [{"asn": 13335}], "bgpsecFilters": []},
        "locallyAddedAssertions": {"prefixAssertions": [], "bgpsecAssertions": []}}"#;
    let base = Dataset::builder()
        .slurm(Input::text("slurm.json", slurm))
        .build()
        .unwrap();
    let file = |bytes: &[u8]| {
        Dataset::builder()
            .vrps(Input::bytes("x.json", bytes.to_vec()))
            .slurm(Input::text("slurm.json", slurm))
            .build()
            .unwrap()
    };
    let opts = ClientOptions::default().backoff(Duration::from_millis(50), Duration::from_secs(1));
    let live = LiveDataset::start(&server.addr.to_string(), opts, base).unwrap();

    let st = live.wait_update(0, Some(Duration::from_secs(120))).unwrap();
    assert!(
        st.reset && st.version == Some(2) && st.generation == 1,
        "{st:?}"
    );
    let first = live.dataset();
    let want = file(&a_json);
    let got_set = first.vrps().unwrap();
    let want_set = want.vrps().unwrap();
    assert_eq!(keys(got_set.vrps.iter()), keys(want_set.vrps.iter()));
    assert!(!got_set.vrps.iter().any(|v| v.asn == Asn::new(13335)));
    // Origin validation on the live snapshot answers as on the file.
    for v in want_set.vrps.iter().step_by(97) {
        for asn in [
            v.asn,
            Asn::new(v.asn.get().wrapping_add(1)),
            Asn::new(13335),
        ] {
            assert_eq!(
                verdict(&first, v.prefix, asn),
                verdict(&want, v.prefix, asn),
                "{} {asn}",
                v.prefix
            );
        }
    }
    assert_eq!(got_set.aspas.len(), 100);
    let mut want_aspas = want_set.aspas.clone();
    want_aspas.sort();
    assert_eq!(got_set.aspas, want_aspas);
    let mut want_keys: Vec<_> = want_set
        .router_keys
        .iter()
        .map(|k| (k.asn, k.ski.to_uppercase(), k.public_key.clone()))
        .collect();
    want_keys.sort();
    let mut got_keys: Vec<_> = got_set
        .router_keys
        .iter()
        .map(|k| (k.asn, k.ski.clone(), k.public_key.clone()))
        .collect();
    got_keys.sort();
    assert_eq!(
        got_keys, want_keys,
        "router keys as rpki-client writes them"
    );

    // The serial update: B without its `expires`-only changes.
    let expires_only = stayrtr::expires_only_keys(&diff);
    let b_json = stayrtr::stayrtr_json(&b, AspaAfi::V4, &expires_only);
    server.reload(&b_json);
    let st = live.wait_update(1, Some(Duration::from_secs(120))).unwrap();
    assert!(!st.reset, "{st:?}");
    assert_eq!((st.announced, st.withdrawn), (9, 10_199));
    let want_b = file(&b_json);
    assert_eq!(
        keys(live.dataset().vrps().unwrap().vrps.iter()),
        keys(want_b.vrps().unwrap().vrps.iter())
    );
    // The first snapshot did not change under its reader.
    assert_eq!(first.vrps().unwrap().vrps.len(), got_set.vrps.len());

    // A restart: the connection drops, the new session refuses the old
    // serial, and the client resets to the same data.
    let session_before = st.session;
    server.restart();
    let st = live.wait_update(2, Some(Duration::from_secs(120))).unwrap();
    assert!(st.reset, "{st:?}");
    assert_ne!(st.session, session_before, "StayRTR's new session");
    assert_eq!(
        keys(live.dataset().vrps().unwrap().vrps.iter()),
        keys(want_b.vrps().unwrap().vrps.iter())
    );
    drop(live);

    // Without SLURM the snapshot comes with its index built beside the
    // list (Dataset::with_rtr_payloads): the same answers as the file.
    let plain = LiveDataset::start(
        &server.addr.to_string(),
        ClientOptions::default(),
        Dataset::builder().build().unwrap(),
    )
    .unwrap();
    plain
        .wait_update(0, Some(Duration::from_secs(120)))
        .unwrap();
    let ds = plain.dataset();
    let file_b = Dataset::builder()
        .vrps(Input::bytes("b.json", b_json.clone()))
        .build()
        .unwrap();
    for v in file_b.vrps().unwrap().vrps.iter().step_by(89) {
        for asn in [v.asn, Asn::new(v.asn.get().wrapping_add(1))] {
            assert_eq!(
                verdict(&ds, v.prefix, asn),
                verdict(&file_b, v.prefix, asn),
                "{} {asn}",
                v.prefix
            );
        }
    }
    drop(plain);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_builder_loads_once_from_rtr_with_slurm_and_names_the_server_on_failure() {
    let (l, addr) = listener();
    let a = origin("192.0.2.0/24", 24, 64500);
    let b = origin("198.51.100.0/24", 24, 64501);
    let server = thread::spawn(move || {
        let mut s = accept(&l);
        assert_eq!(read_pdu(&mut s), Pdu::ResetQuery { version: 2 });
        send(
            &mut s,
            &[
                Pdu::CacheResponse {
                    version: 2,
                    session: 3,
                },
                pfx(2, true, a),
                pfx(2, true, b),
                eod(2, 3, 1, 3600),
            ],
        );
        // The builder hangs up after End of Data.
        let mut rest = Vec::new();
        s.read_to_end(&mut rest).unwrap();
        assert!(rest.is_empty(), "nothing after the load: {rest:?}");
    });
    let slurm = r#"{"slurmVersion": 1,
        "validationOutputFilters": {"prefixFilters": [{"asn": 64501}], "bgpsecFilters": []},
        "locallyAddedAssertions": {"prefixAssertions": [], "bgpsecAssertions": []}}"#;
    let ds = Dataset::builder()
        .rtr(&addr, ClientOptions::default())
        .slurm(Input::text("slurm.json", slurm))
        .build()
        .unwrap();
    server.join().unwrap();
    let vrps = &ds.vrps().unwrap().vrps;
    assert_eq!(vrps.len(), 1);
    assert_eq!(vrps[0].key(), (a.prefix, 24, Asn::new(64500)));
    let p: Prefix = "192.0.2.0/24".parse().unwrap();
    assert_eq!(
        ds.validate(&p, Some(Asn::new(64500))).map(|r| r.state),
        Some(routeguard::RovState::Valid)
    );

    // Nothing listening: the build fails naming the server.
    let (l, addr) = listener();
    drop(l);
    let err = Dataset::builder()
        .rtr(&addr, ClientOptions::default())
        .build()
        .unwrap_err();
    assert_eq!(err.code(), "connect");
    assert!(
        err.to_string()
            .starts_with(&format!("rtr://{addr}: cannot connect to {addr}")),
        "{err}"
    );
    let crate_err = routeguard::Error::from(err);
    assert_eq!(crate_err.kind(), "rtr");
}

/// StayRTR 0.5.1 often answers a Serial Query of a session it does not know
/// (after a restart) by hanging up without a byte: the next connection
/// must reset instead of repeating the Serial Query forever.
#[test]
fn a_serial_query_answered_by_a_hang_up_resets_next_time() {
    let (l, addr) = listener();
    let a = origin("192.0.2.0/24", 24, 64500);
    let server = thread::spawn(move || {
        let mut s = accept(&l);
        assert_eq!(read_pdu(&mut s), Pdu::ResetQuery { version: 2 });
        let cr = Pdu::CacheResponse {
            version: 2,
            session: 4,
        };
        send(&mut s, &[cr, pfx(2, true, a), eod(2, 4, 1, 3600)]);
        drop(s);
        let mut s = accept(&l);
        assert_eq!(
            read_pdu(&mut s),
            Pdu::SerialQuery {
                version: 2,
                session: 4,
                serial: 1
            }
        );
        drop(s);
        let mut s = accept(&l);
        assert_eq!(read_pdu(&mut s), Pdu::ResetQuery { version: 2 });
        let cr = Pdu::CacheResponse {
            version: 2,
            session: 5,
        };
        send(&mut s, &[cr, pfx(2, true, a), eod(2, 5, 1, 3600)]);
        let mut rest = Vec::new();
        let _ = s.read_to_end(&mut rest);
    });
    let mut client = Client::new(&addr, quick());
    let mut sessions = Vec::new();
    let mut closes = 0;
    client
        .run(|n| match n {
            Notice::Updated { delta, .. } => {
                sessions.push(delta.session);
                if sessions.len() == 2 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            }
            Notice::Disconnected { error, .. } => {
                assert_eq!(error.code(), "closed", "{error}");
                closes += 1;
                ControlFlow::Continue(())
            }
            _ => ControlFlow::Continue(()),
        })
        .unwrap();
    assert_eq!(sessions, vec![4, 5]);
    assert_eq!(closes, 2);
    assert_eq!(client.payloads().origin_count(), 1, "data kept throughout");
    drop(client);
    server.join().unwrap();
}

/// No Data Available (Error Report code 2) is not fatal: the connection
/// stays, and the client asks again after the retry interval of the last
/// End of Data.
#[test]
fn no_data_is_retried_after_the_retry_interval() {
    let (l, addr) = listener();
    let a = origin("192.0.2.0/24", 24, 64500);
    let server = thread::spawn(move || {
        let mut s = accept(&l);
        assert_eq!(read_pdu(&mut s), Pdu::ResetQuery { version: 2 });
        let cr = Pdu::CacheResponse {
            version: 2,
            session: 2,
        };
        let timers = Timers {
            refresh: 3600,
            retry: 1,
            expire: 7200,
        };
        let end = |serial| Pdu::EndOfData {
            version: 2,
            session: 2,
            serial,
            timers: Some(timers),
        };
        send(&mut s, &[cr.clone(), pfx(2, true, a), end(1)]);
        // Cache Reset answers a Serial Query (RFC 8210 §5.9).
        send(
            &mut s,
            &[Pdu::SerialNotify {
                version: 2,
                session: 2,
                serial: 2,
            }],
        );
        assert!(matches!(
            read_pdu(&mut s),
            Pdu::SerialQuery { serial: 1, .. }
        ));
        send(&mut s, &[Pdu::CacheReset { version: 2 }]);
        let q = read_pdu(&mut s);
        assert_eq!(q, Pdu::ResetQuery { version: 2 });
        let raw = q.to_bytes().unwrap();
        let err = ErrorReport::new(2, ErrorCode::NO_DATA_AVAILABLE, &raw, "rebuilding");
        send(&mut s, &[Pdu::ErrorReport(err)]);
        // The same connection, after the 1 s retry interval.
        assert_eq!(read_pdu(&mut s), Pdu::ResetQuery { version: 2 });
        send(&mut s, &[cr, pfx(2, true, a), end(3)]);
        let mut rest = Vec::new();
        let _ = s.read_to_end(&mut rest);
    });
    let mut client = Client::new(&addr, quick());
    let mut seen = Vec::new();
    client
        .run(|n| match n {
            Notice::NoData { text } => {
                seen.push(format!("no data: {text}"));
                ControlFlow::Continue(())
            }
            Notice::Updated { delta, .. } => {
                seen.push(format!("serial {}", u32::from(delta.serial)));
                if seen.len() == 3 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            }
            Notice::Disconnected { error, .. } => panic!("{error}"),
            _ => ControlFlow::Continue(()),
        })
        .unwrap();
    assert_eq!(seen, ["serial 1", "no data: rebuilding", "serial 3"]);
    assert_eq!(client.payloads().origin_count(), 1, "held through No Data");
    drop(client);
    server.join().unwrap();
}

/// Data older than the expire interval (here the client's shorter
/// `max_age`) is dropped, also on an open connection to a cache that went
/// quiet, and the next connection starts over with a Reset Query.
#[test]
fn expired_data_is_dropped_and_the_next_connection_resets() {
    let (l, addr) = listener();
    let a = origin("192.0.2.0/24", 24, 64500);
    let server = thread::spawn(move || {
        let mut s = accept(&l);
        assert_eq!(read_pdu(&mut s), Pdu::ResetQuery { version: 2 });
        let cr = Pdu::CacheResponse {
            version: 2,
            session: 6,
        };
        send(&mut s, &[cr.clone(), pfx(2, true, a), eod(2, 6, 1, 3600)]);
        // Quiet from here on this connection.
        let mut s2 = accept(&l);
        assert_eq!(read_pdu(&mut s2), Pdu::ResetQuery { version: 2 });
        send(&mut s2, &[cr, pfx(2, true, a), eod(2, 6, 2, 3600)]);
        let mut rest = Vec::new();
        let _ = s2.read_to_end(&mut rest);
        drop(s);
    });
    let opts = quick().max_age(Some(Duration::from_millis(300)));
    let mut client = Client::new(&addr, opts);
    let mut seen = Vec::new();
    client
        .run(|n| match n {
            Notice::Updated { delta, payloads } => {
                seen.push(format!(
                    "serial {} ({})",
                    u32::from(delta.serial),
                    payloads.origin_count()
                ));
                if seen.len() == 3 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            }
            Notice::Expired => {
                seen.push("expired".into());
                ControlFlow::Continue(())
            }
            Notice::Disconnected { error, .. } => panic!("{error}"),
            _ => ControlFlow::Continue(()),
        })
        .unwrap();
    assert_eq!(seen, ["serial 1 (1)", "expired", "serial 2 (1)"]);
    drop(client);
    server.join().unwrap();
}
