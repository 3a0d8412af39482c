//! AS paths and route lines on real `bgpdump -m` output: the RIS rrc06 RIB
//! of 2010-07-01 (641,957 routes, 123 with an AS_SET), the RIPE NCC
//! bview of 2002-07-22 (TABLE_DUMP, 115,521 routes) and the RIS updates of
//! 2016-08-11 (BGP4MP: 39,256 announcements, 1,956 withdrawals, 22 state
//! changes). Each line is compared with a plain `split` reading, and each
//! path's Display with the text bgpdump printed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use routeguard::parse::bgp::{parse_route_line, route_lines, RouteReader};
use routeguard::{AsPath, Asn, Prefix, Segment};

const BVIEW_2002: &str = "bgp/text/bview.20020722.2337.bgpdump-m.txt.gz";
const UPDATES_2016: &str = "bgp/text/updates.20160811.1600.bgpdump-m.txt.gz";

/// The slow obvious reading of one bgpdump line: fields by `|`, ASNs by
/// whitespace with the set braces and commas removed.
fn reference(line: &str) -> Option<(Prefix, Vec<Asn>, Asn, bool)> {
    let f: Vec<&str> = line.split('|').collect();
    if f[2] != "A" && f[2] != "B" {
        return None;
    }
    let asns = f[6]
        .replace(['{', '}', ','], " ")
        .split_whitespace()
        .map(|t| t.parse().unwrap())
        .collect();
    Some((
        f[5].parse().unwrap(),
        asns,
        f[4].parse().unwrap(),
        f[6].contains('{'),
    ))
}

#[test]
fn ris_table_parses_and_matches_reference() {
    let Some(t) = common::read_text(common::RIS) else {
        return;
    };
    let (mut n, mut sets, mut empty, mut max_len, mut prepended) = (0usize, 0, 0, 0, 0);
    for (i, line) in t.lines().enumerate() {
        let r = parse_route_line(line)
            .unwrap_or_else(|e| panic!("line {}: {e}", i + 1))
            .unwrap();
        let (p, asns, peer, has_set) = reference(line).unwrap();
        assert_eq!(r.prefix, p, "line {}", i + 1);
        assert_eq!(r.path.asns().collect::<Vec<_>>(), asns, "line {}", i + 1);
        assert_eq!(r.peer_as, Some(peer));
        assert_eq!(r.timestamp.map(|t| t / 1000), Some(1_277_971));
        // bgpdump prints paths exactly as AsPath displays them.
        assert_eq!(
            r.path.to_string(),
            line.split('|').nth(6).unwrap(),
            "line {}",
            i + 1
        );
        assert_eq!(r.path.has_set(), has_set);
        assert_eq!(r.path.compressed_sequence().is_none(), has_set);
        if !has_set && !r.path.is_empty() {
            assert_eq!(r.path.neighbor(), Some(peer), "line {}", i + 1);
            assert_eq!(r.path.origin(), asns.last().copied());
        }
        if let Some(c) = r.path.compressed_sequence() {
            if c.len() < r.path.length() {
                prepended += 1;
            }
            assert_eq!(r.path.dedup_prepends().length(), c.len());
        }
        n += 1;
        sets += usize::from(has_set);
        empty += usize::from(r.path.is_empty());
        max_len = max_len.max(r.path.length());
    }
    assert_eq!(n, 641_957);
    assert_eq!(sets, 123);
    assert_eq!(empty, 1);
    assert_eq!(max_len, 26);
    assert!(prepended > 10_000, "{prepended} prepended paths");
}

#[test]
fn ris_table_iterators_agree() {
    let Some(t) = common::read_text(common::RIS) else {
        return;
    };
    let lines: Vec<_> = route_lines(&t).collect::<Result<_, _>>().unwrap();
    assert_eq!(lines.len(), 641_957);
    let mut reader = RouteReader::new(t.as_bytes());
    let mut k = 0;
    for r in reader.by_ref() {
        assert_eq!(r.unwrap(), lines[k]);
        k += 1;
    }
    assert_eq!(k, lines.len());
    assert_eq!(reader.lines_read(), 641_957);
    // One route has an empty path (peer AS65520, an iBGP feed).
    let e = lines.iter().find(|r| r.path.is_empty()).unwrap();
    assert_eq!(e.prefix.to_string(), "84.205.86.0/24");
    assert_eq!(e.peer_as, Some(Asn::new(65520)));
    // A multi-member AS_SET: `{11060,12262}`.
    let s = lines
        .iter()
        .find(|r| {
            r.path
                .segments
                .contains(&Segment::Set(vec![Asn::new(11060), Asn::new(12262)]))
        })
        .unwrap();
    assert_eq!(s.path.origin(), None);
    // 4-byte ASNs appear in asplain.
    assert!(lines
        .iter()
        .any(|r| r.path.asns().any(|a| a.get() > 65_535)));
}

#[test]
fn table_dump_v1_2002() {
    let Some(t) = common::read_text(BVIEW_2002) else {
        return;
    };
    let routes: Vec<_> = route_lines(&t).collect::<Result<_, _>>().unwrap();
    assert_eq!(routes.len(), 115_521);
    assert_eq!(routes[0].prefix.to_string(), "3.0.0.0/8");
    assert_eq!(routes[0].path, AsPath::parse("1853 1239 80").unwrap());
    assert_eq!(routes[0].peer_ip, Some("193.203.0.1".parse().unwrap()));
}

#[test]
fn bgp4mp_updates_2016() {
    let Some(t) = common::read_text(UPDATES_2016) else {
        return;
    };
    let routes: Vec<_> = route_lines(&t).collect::<Result<_, _>>().unwrap();
    let announced = t
        .lines()
        .filter(|l| l.split('|').nth(2) == Some("A"))
        .count();
    assert_eq!(announced, 39_256);
    assert_eq!(routes.len(), announced);
    assert!(routes.iter().any(|r| r.prefix.is_ipv6()));
    assert!(routes
        .iter()
        .any(|r| r.peer_ip.is_some_and(|ip| ip.is_ipv6())));
    for (line, r) in t
        .lines()
        .filter(|l| l.split('|').nth(2) == Some("A"))
        .zip(&routes)
    {
        let (p, asns, peer, _) = reference(line).unwrap();
        assert_eq!(
            (r.prefix, r.path.asns().collect::<Vec<_>>(), r.peer_as),
            (p, asns, Some(peer))
        );
    }
}
