//! Fuzzes the MRT glue (`parse::mrt::MrtReader` over bgpkit-parser) and the
//! route-input entry (`dataset::routes::read_routes`) on arbitrary bytes: no
//! panic, hang or unbounded allocation. libFuzzer's panic hook aborts on
//! any panic, so one inside bgpkit-parser is found even though the reader
//! guards each body with `catch_unwind`.
//!
//! * Withdrawals have an empty path; every event has a peer and a time.
//! * An error names a record that was read and an offset inside the input.
//! * What strict mode yields before its error is what lenient mode yields
//!   first (lenient only skips records whose body does not parse).
//! * `read_routes` on the bytes reads MRT exactly when `looks_like_mrt`
//!   says so, and gives the reader's events.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::dataset::routes::{read_routes, RouteFormat, RouteOptions};
use routeguard::dataset::Input;
use routeguard::diag::Mode;
use routeguard::parse::bgp::{RouteEvent, RouteEventKind};
use routeguard::parse::mrt::{looks_like_mrt, MrtOptions, MrtReader};

/// Most events looked at per run (a tiny RIB record can hold many).
const MAX_EVENTS: usize = 100_000;

fn run(data: &[u8], mode: Mode) -> (Vec<RouteEvent>, bool) {
    let mut reader = MrtReader::with_options(data, &MrtOptions { mode });
    let mut events = Vec::new();
    let mut failed = false;
    while events.len() < MAX_EVENTS {
        let Some(item) = reader.next() else { break };
        match item {
            Ok(e) => {
                assert!(e.kind != RouteEventKind::Withdraw || e.path.is_empty());
                assert!(e.peer_ip.is_some() && e.peer_as.is_some() && e.timestamp.is_some());
                events.push(e);
            }
            Err(e) => {
                let stats = reader.stats();
                assert!(e.record >= 1 && e.record <= stats.records, "{e} {stats:?}");
                assert!(e.offset < data.len() as u64, "{e}");
                assert!(!e.to_string().is_empty());
                failed = true;
            }
        }
    }
    (events, failed)
}

fuzz_target!(|data: &[u8]| {
    let (strict, strict_failed) = run(data, Mode::Strict);
    let (lenient, _) = run(data, Mode::Lenient);
    if strict.len() < MAX_EVENTS && lenient.len() < MAX_EVENTS {
        assert!(lenient.len() >= strict.len());
        assert_eq!(&lenient[..strict.len()], &strict[..]);
    }
    if data.len() <= 4096 {
        let mut got = Vec::new();
        let res = read_routes(Input::bytes("fuzz", data), &RouteOptions::default(), |e| {
            got.push(e)
        });
        if looks_like_mrt(data) {
            if let Ok(stats) = &res {
                assert_eq!(stats.format, RouteFormat::Mrt);
            }
            if strict.len() < MAX_EVENTS {
                assert_eq!(got, strict);
                assert_eq!(res.is_err(), strict_failed);
            }
        } else if let Ok(stats) = &res {
            assert_eq!(stats.format, RouteFormat::Text);
        }
    }
});
