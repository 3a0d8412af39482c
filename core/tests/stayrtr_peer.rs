//! The StayRTR peer and its fixtures, checked with a deliberately plain
//! RTR reader (RFC 8210 §5 framing, counting PDU types): the josephine
//! snapshot rewritten for StayRTR 0.5.1 comes back whole over RTR v2
//! (every distinct VRP, the 100 ASPAs, the router keys), and snapshot B
//! without its `expires`-only changes makes the serial update of 10,208
//! real changes the live-RPKI tests and benches use.
//!
//! Needs `stayrtr` (Debian package) and the shared data: skips outside CI
//! when either is missing, fails under `CI=true`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeMap, HashSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::stayrtr::{self, AspaAfi, StayRtr};

/// What one exchange brought: PDUs by (type, announce flag), and the
/// session and serial of the End of Data.
#[derive(Debug, Default)]
struct Tally {
    by_type: BTreeMap<(u8, bool), usize>,
    session: u16,
    serial: u32,
}

impl Tally {
    fn count(&self, ty: u8, announce: bool) -> usize {
        self.by_type.get(&(ty, announce)).copied().unwrap_or(0)
    }
}

/// Sends `query`, reads PDUs up to End of Data (type 7), and counts them.
/// Serial Notify (type 0) before the answer is skipped.
fn exchange(stream: &mut TcpStream, query: &[u8]) -> Tally {
    stream.write_all(query).unwrap();
    let mut t = Tally::default();
    loop {
        let mut head = [0u8; 8];
        stream.read_exact(&mut head).unwrap();
        let len = u32::from_be_bytes(head[4..8].try_into().unwrap()) as usize;
        assert!((8..=65_536).contains(&len), "PDU length {len}");
        let mut body = vec![0u8; len - 8];
        stream.read_exact(&mut body).unwrap();
        let ty = head[1];
        assert_ne!(ty, 10, "Error Report from stayrtr: {body:?}");
        // The announce flag: the first body byte of prefixes and bis-10
        // ASPAs (StayRTR's layout).
        let announce = match ty {
            4 | 6 | 11 => body.first() == Some(&1),
            // Router Key: the flags are in the header (RFC 8210 §5.10).
            9 => head[2] & 1 == 1,
            _ => false,
        };
        *t.by_type.entry((ty, announce)).or_default() += 1;
        if ty == 7 {
            t.session = u16::from_be_bytes([head[2], head[3]]);
            t.serial = u32::from_be_bytes(body[0..4].try_into().unwrap());
            return t;
        }
    }
}

fn reset_query(version: u8) -> [u8; 8] {
    [version, 2, 0, 0, 0, 0, 0, 8]
}

fn serial_query(version: u8, session: u16, serial: u32) -> Vec<u8> {
    let mut q = vec![version, 1];
    q.extend_from_slice(&session.to_be_bytes());
    q.extend_from_slice(&12u32.to_be_bytes());
    q.extend_from_slice(&serial.to_be_bytes());
    q
}

fn connect(s: &StayRtr) -> TcpStream {
    let c = TcpStream::connect(s.addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    c
}

/// Distinct (prefix, maxLength, asn) keys per family of a StayRTR file.
fn distinct(json: &[u8]) -> (usize, usize) {
    let d: serde_json::Value = serde_json::from_slice(json).unwrap();
    let keys: HashSet<_> = d["roas"]
        .as_array()
        .unwrap()
        .iter()
        .map(stayrtr::roa_key)
        .collect();
    let v6 = keys.iter().filter(|k| k.0.contains(':')).count();
    (keys.len() - v6, v6)
}

#[test]
fn josephine_over_rtr_v2_and_a_10208_change_serial_update() {
    let Some(bin) = stayrtr::binary() else { return };
    let (Some(a), Some(b), Some(diff)) = (
        common::read_data(stayrtr::JOSEPHINE_A),
        common::read_data(stayrtr::JOSEPHINE_B),
        common::read_data(stayrtr::JOSEPHINE_DIFF),
    ) else {
        return;
    };
    let dir = stayrtr::temp_dir("josephine");
    let cache = dir.join("cache.json");
    let a = stayrtr::stayrtr_json(&a, AspaAfi::V4, &HashSet::new());
    std::fs::write(&cache, &a).unwrap();
    let server = StayRtr::start(&bin, &cache, &[]);

    let mut c = connect(&server);
    let full = exchange(&mut c, &reset_query(2));
    let (v4, v6) = distinct(&a);
    assert_eq!((full.count(4, true), full.count(6, true)), (v4, v6));
    assert_eq!(
        (v4, v6),
        (580_366, 143_155),
        "josephine A as SOURCES.md counts it"
    );
    assert_eq!(full.count(11, true), 100, "ASPAs");
    assert_eq!(full.count(9, true), 2, "router keys");
    assert_eq!(full.count(3, false), 1, "one Cache Response");

    // B without the ROAs whose only change is `expires`: 10,199 of A's
    // VRPs gone, 9 new ones.
    let expires_only = stayrtr::expires_only_keys(&diff);
    assert_eq!(expires_only.len(), 10_193);
    let b = stayrtr::stayrtr_json(&b, AspaAfi::V4, &expires_only);
    server.reload(&b);
    // StayRTR recomputes, then sends Serial Notify (type 0).
    let mut head = [0u8; 12];
    c.read_exact(&mut head).unwrap();
    assert_eq!(head[1], 0, "Serial Notify");
    let delta = exchange(&mut c, &serial_query(2, full.session, full.serial));
    let announced = delta.count(4, true) + delta.count(6, true);
    let withdrawn = delta.count(4, false) + delta.count(6, false);
    assert_eq!((announced, withdrawn), (9, 10_199));
    assert_eq!(announced + withdrawn, 10_208);
    assert_eq!(delta.serial, full.serial.wrapping_add(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_restart_changes_the_session() {
    let Some(bin) = stayrtr::binary() else { return };
    let Some(small) = common::read_data("formats/stayrtr/cmd_stayrtr_test.rpki.json") else {
        return;
    };
    let dir = stayrtr::temp_dir("restart");
    let cache = dir.join("cache.json");
    // StayRTR's own small test file, already in its layout; only the
    // `expires` dates go (they end in 2027).
    let mut d: serde_json::Value = serde_json::from_slice(&small).unwrap();
    for list in ["roas", "bgpsec_keys"] {
        for x in d[list].as_array_mut().into_iter().flatten() {
            x.as_object_mut().unwrap().remove("expires");
        }
    }
    for afi in ["ipv4", "ipv6"] {
        for x in d["provider_authorizations"][afi]
            .as_array_mut()
            .into_iter()
            .flatten()
        {
            x.as_object_mut().unwrap().remove("expires");
        }
    }
    std::fs::write(&cache, serde_json::to_vec(&d).unwrap()).unwrap();
    let mut server = StayRtr::start(&bin, &cache, &[]);
    let first = exchange(&mut connect(&server), &reset_query(1));
    assert_eq!(first.count(4, true) + first.count(6, true), 19);
    server.restart();
    let second = exchange(&mut connect(&server), &reset_query(1));
    assert_ne!(first.session, second.session, "session id after a restart");
    // The old session's Serial Query: StayRTR 0.5.1 answers Error Report
    // code 0 ("Session ID mismatch") and hangs up, or (seen from a quick
    // probe) hangs up at once. Either way no data, and a client must reset.
    let mut c = connect(&server);
    c.write_all(&serial_query(1, first.session, first.serial))
        .unwrap();
    let mut rest = Vec::new();
    c.read_to_end(&mut rest).unwrap();
    let error_code_0 = rest.len() >= 8 && rest[1] == 10 && rest[2..4] == [0, 0];
    assert!(rest.is_empty() || error_code_0, "got {rest:02x?}");
    let _ = std::fs::remove_dir_all(&dir);
}
