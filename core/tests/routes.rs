//! Route inputs of every kind through `dataset::routes::read_routes`: the
//! MRT reader (bgpkit-parser) against bgpdump's own `-m` text of the same
//! files, the odd RIS files, cut and corrupt inputs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;
use std::net::IpAddr;

use routeguard::dataset::routes::{read_routes, RouteFormat, RouteOptions, RouteStats};
use routeguard::dataset::{Input, InputError};
use routeguard::parse::bgp::{RouteEvent, RouteEventKind};
use routeguard::{AsPath, Prefix};

type Key = (
    RouteEventKind,
    Prefix,
    String,
    Option<IpAddr>,
    Option<u32>,
    Option<i64>,
);

fn key(e: &RouteEvent) -> Key {
    (
        e.kind,
        e.prefix,
        e.path.to_string(),
        e.peer_ip,
        e.peer_as.map(|a| a.get()),
        e.timestamp,
    )
}

fn read(input: Input) -> Result<(Vec<RouteEvent>, RouteStats), InputError> {
    let mut v = Vec::new();
    let stats = read_routes(input, &RouteOptions::default(), |e| v.push(e))?;
    Ok((v, stats))
}

/// The multiset of events as counts per key.
fn multiset(events: &[RouteEvent]) -> BTreeMap<Key, usize> {
    let mut m = BTreeMap::new();
    for e in events {
        *m.entry(key(e)).or_insert(0) += 1;
    }
    m
}

/// Asserts two multisets equal, printing a few differences first.
fn assert_same(mrt: &[RouteEvent], text: &[RouteEvent]) {
    let (a, b) = (multiset(mrt), multiset(text));
    let only_mrt: Vec<_> = a
        .iter()
        .filter(|(k, n)| b.get(*k) != Some(n))
        .take(5)
        .collect();
    let only_text: Vec<_> = b
        .iter()
        .filter(|(k, n)| a.get(*k) != Some(n))
        .take(5)
        .collect();
    assert!(
        only_mrt.is_empty() && only_text.is_empty(),
        "MRT and bgpdump text differ:\nMRT: {only_mrt:#?}\ntext: {only_text:#?}"
    );
}

fn pair(
    mrt: &str,
    text: &str,
) -> Option<(Vec<RouteEvent>, RouteStats, Vec<RouteEvent>, RouteStats)> {
    let m = common::data_file(mrt)?;
    let t = common::data_file(text)?;
    let (me, ms) = read(Input::path(&m)).unwrap_or_else(|e| panic!("{e}"));
    let (te, ts) = read(Input::path(&t)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ms.format, RouteFormat::Mrt);
    assert_eq!(ts.format, RouteFormat::Text);
    Some((me, ms, te, ts))
}

#[test]
fn updates_mrt_equals_bgpdump_text() {
    let Some((mrt, ms, text, ts)) = pair(
        "bgp/mrt/updates.20160811.1600.mrt.gz",
        "bgp/text/updates.20160811.1600.bgpdump-m.txt.gz",
    ) else {
        return;
    };
    let count = |v: &[RouteEvent], k| v.iter().filter(|e| e.kind == k).count();
    assert_eq!(count(&mrt, RouteEventKind::Announce), 39_256);
    assert_eq!(count(&mrt, RouteEventKind::Withdraw), 1_956);
    assert_eq!(count(&mrt, RouteEventKind::Rib), 0);
    assert_eq!(
        mrt.iter()
            .filter(|e| e.prefix.is_ipv6() && e.kind == RouteEventKind::Announce)
            .count(),
        6_546
    );
    // 17,384 BGP4MP_MESSAGE_AS4 + 22 state changes (SOURCES.md).
    assert_eq!(ms.records, 17_406);
    assert_eq!(ms.state_changes, 22);
    assert_eq!(ms.events, 41_212);
    assert_eq!(ts.events, 41_212);
    assert_eq!(ts.skipped, 22, "the STATE lines");
    assert_eq!(ts.lines, 41_234);
    assert_same(&mrt, &text);
    // 4-byte ASNs came through.
    assert!(mrt.iter().any(|e| e.path.asns().any(|a| a.get() > 65_535)));
}

#[test]
fn table_dump_v1_rib_equals_bgpdump_text() {
    let Some((mrt, ms, text, _)) = pair(
        "bgp/mrt/bview.20020722.2337.mrt.gz",
        "bgp/text/bview.20020722.2337.bgpdump-m.txt.gz",
    ) else {
        return;
    };
    assert_eq!(mrt.len(), 115_521);
    assert!(mrt.iter().all(|e| e.kind == RouteEventKind::Rib));
    assert_eq!(ms.records, 115_521);
    let prefixes: std::collections::HashSet<_> = mrt.iter().map(|e| e.prefix).collect();
    assert_eq!(prefixes.len(), 112_988);
    // 36 peer addresses of 32 peer ASes.
    let peers: std::collections::HashSet<_> = mrt.iter().map(|e| e.peer_ip).collect();
    assert_eq!(peers.len(), 36);
    let peer_ases: std::collections::HashSet<_> = mrt.iter().map(|e| e.peer_as).collect();
    assert_eq!(peer_ases.len(), 32);
    // AS_SETs (bgpdump prints `{a,b}`) keep their segment type.
    let sets = mrt.iter().filter(|e| e.path.has_set()).count();
    assert_eq!(sets, 160);
    let e = mrt
        .iter()
        .find(|e| {
            e.prefix.to_string() == "24.223.0.0/18" && e.peer_as.map(|a| a.get()) == Some(1853)
        })
        .unwrap();
    assert_eq!(
        e.path,
        AsPath::parse("1853 1239 13659 {13659,701}").unwrap()
    );
    assert_eq!(e.path.origin(), None);
    assert_same(&mrt, &text);
}

#[test]
fn rrc15_updates_read_cleanly() {
    let Some(p) = common::data_file("bgp/mrt/rrc15_updates.20100227.1600.mrt.gz") else {
        return;
    };
    let (events, stats) = read(Input::path(&p)).unwrap_or_else(|e| panic!("{e}"));
    // 6,053 MESSAGE_AS4 + 542 MESSAGE + 20 STATE_CHANGE_AS4 (SOURCES.md).
    assert_eq!(stats.records, 6_615);
    assert_eq!(stats.state_changes, 20);
    assert!(events.iter().any(|e| e.kind == RouteEventKind::Withdraw));
    assert!(events.iter().any(|e| e.kind == RouteEventKind::Announce));
    assert!(events
        .iter()
        .all(|e| e.timestamp.is_some() && e.peer_as.is_some()));
    eprintln!("rrc15: {stats:?}");
}

#[test]
fn rrc00_2000_rib_reads_cleanly_or_fails_typed() {
    let Some(p) = common::data_file("bgp/mrt/rrc00_bview.20000111.0032.mrt.gz") else {
        return;
    };
    match read(Input::path(&p)) {
        Ok((events, stats)) => {
            let prefixes: std::collections::HashSet<_> = events.iter().map(|e| e.prefix).collect();
            let peers: std::collections::HashSet<_> = events.iter().map(|e| e.peer_ip).collect();
            let times: std::collections::BTreeSet<_> = events.iter().map(|e| e.timestamp).collect();
            eprintln!(
                "rrc00 2000: {} events, {} prefixes, {} peers, times {:?}..{:?}, {stats:?}",
                events.len(),
                prefixes.len(),
                peers.len(),
                times.first(),
                times.last()
            );
            assert_eq!(stats.format, RouteFormat::Mrt);
            assert!(events.iter().all(|e| e.kind == RouteEventKind::Rib));
            assert_eq!(stats.events, events.len() as u64);
            // bgpkit-parser reads the records whose lengths are 4 bytes
            // short (historical RIS dumps), many entries each.
            assert_eq!((stats.records, events.len()), (2_490, 452_018));
            assert_eq!((prefixes.len(), peers.len()), (82_377, 7));
        }
        Err(e) => {
            eprintln!("rrc00 2000: {e}");
            assert!(e.mrt_record().is_some(), "{e}");
        }
    }
}

/// The decompressed bytes of a data file.
fn raw(rel: &str) -> Option<Vec<u8>> {
    common::read_data(rel)
}

#[test]
fn cut_mrt_names_file_record_and_offset() {
    let Some(data) = raw("bgp/mrt/updates.20160811.1600.mrt.gz") else {
        return;
    };
    let (all, _) = read(Input::bytes("u.mrt", data.clone())).unwrap();
    assert_eq!(all.len(), 41_212);
    for cut in [12usize, 100, data.len() / 2, data.len() - 1] {
        let err = read(Input::bytes("updates.mrt", &data[..cut])).unwrap_err();
        let (record, offset) = err.mrt_record().unwrap();
        assert_eq!(err.code(), "truncated", "{err}");
        assert!(offset < cut as u64 && record >= 1, "{err}");
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!(
                "updates.mrt: MRT record {record} at byte {offset}: "
            )),
            "{msg}"
        );
    }
    // The same through a file, compressed: the path names it.
    let dir = std::env::temp_dir().join(format!("rg-routes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cut.mrt.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &data[..data.len() / 3]).unwrap();
    std::fs::write(&path, gz.finish().unwrap()).unwrap();
    let mut n = 0;
    let err = read_routes(Input::path(&path), &RouteOptions::default(), |_| n += 1).unwrap_err();
    assert!(n > 0);
    assert!(err.to_string().contains("cut.mrt.gz: MRT record"), "{err}");
    assert_eq!(err.code(), "truncated");
    // A gzip stream cut short is the decompressor's error, typed.
    let gz_bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &gz_bytes[..gz_bytes.len() / 2]).unwrap();
    let err = read_routes(Input::path(&path), &RouteOptions::default(), |_| {}).unwrap_err();
    assert_eq!(err.error.kind(), "io", "{err}");
    assert!(err.to_string().contains("cut.mrt.gz"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_text_line_is_named() {
    let Some(text) = common::read_text("bgp/text/updates.20160811.1600.bgpdump-m.txt.gz") else {
        return;
    };
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1000] = "BGP4MP|1470931300|W|37.49.236.123|198290|192.140.252.1/22";
    let bad = lines.join("\n");
    let err = read(Input::bytes("updates.txt", bad.into_bytes())).unwrap_err();
    assert_eq!(err.line(), 1001);
    assert_eq!(err.code(), "host-bits-set");
    assert!(
        err.to_string().starts_with("updates.txt: line 1001"),
        "{err}"
    );
}

#[test]
fn hand_made_fixtures() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routes");
    // Text: plain lines, bgpdump B/A/W/STATE lines.
    let (ev, stats) = read(Input::path(dir.join("events.txt"))).unwrap();
    assert_eq!(stats.format, RouteFormat::Text);
    let kinds: Vec<_> = ev.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["rib", "rib", "announce", "withdraw", "announce"]);
    assert_eq!((stats.lines, stats.events, stats.skipped), (8, 5, 3));
    // MRT: the same updates as a BGP4MP file, and text given as text is
    // never read as MRT.
    let (mrt, stats) = read(Input::path(dir.join("updates.mrt"))).unwrap();
    assert_eq!(stats.format, RouteFormat::Mrt);
    assert_eq!(
        (stats.records, stats.state_changes, stats.skipped),
        (3, 1, 1)
    );
    assert_same(&mrt, &ev[2..]);
    let bytes = std::fs::read(dir.join("updates.mrt")).unwrap();
    let err = read(Input::text("x", String::from_utf8_lossy(&bytes))).unwrap_err();
    assert_eq!(err.line(), 1, "{err}");
}
