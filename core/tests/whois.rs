//! The whois client against the real IRRd 4.5.4 lab peer (answers compared
//! with Debian's `whois` command and with a raw one-query socket), and
//! against small fake servers for timeouts, caps and broken framing.
//!
//! The IRRd tests use `$ROUTEGUARD_IRRD` (host:port) or 127.0.0.1:8043; when
//! nothing answers they skip with a message, except under `CI=true`, where
//! they fail (`scripts/irrd.sh start` brings the peer up).
#![cfg(feature = "net")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::{Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use routeguard::net::whois::{
    Answer, AnswerKind, RouteSearch, WhoisClient, WhoisError, WhoisOptions,
};
use routeguard::{Asn, Family, Prefix};

/// The reference queries of ../shared/peers/irrd/query-tests.sh (`q` list).
const QUERIES: &[&str] = &[
    "!gAS65001",
    "!6AS65001",
    "!gAS4200000006",
    "!iAS-A",
    "!iAS-A,1",
    "!iAS-B,1",
    "!iAS-C,1",
    "!iAS-E,1",
    "!iAS65000:AS-CUST,1",
    "!iAS65001:AS-CUSTOMERS,1",
    "!aAS-A",
    "!a4AS-A",
    "!a6AS-A",
    "!iRS-TEST",
    "!iRS-TEST,1",
    "!iRS-BYREF,1",
    "!iAS-EMPTY,1",
    "!iAS-NOPE,1",
    "!gAS65099",
    "!v",
    "!s-lc",
    "!j-*",
    "!mroute,192.0.2.0/24AS65001",
    "!r192.0.2.0/24,l",
    "!r192.0.2.0/24,M",
];
/// The RIPE-style query of query-tests.sh.
const RIPE_QUERY: &str = "-s OTHERDB -T as-set AS65000:AS-CUST";

/// IRRd serves at most `max_connections` (10 in the lab) connections at a
/// time and queues the rest; tests holding persistent connections while
/// opening more could starve each other on a many-core machine, so the
/// IRRd tests run one at a time.
static IRRD_LOCK: Mutex<()> = Mutex::new(());

fn irrd() -> Option<(String, MutexGuard<'static, ()>)> {
    let guard = IRRD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    common::irrd_addr().map(|addr| (addr, guard))
}

fn opts() -> WhoisOptions {
    WhoisOptions {
        read_timeout: Duration::from_secs(20),
        ..WhoisOptions::default()
    }
}

/// The answer through Debian's `whois` command (RIPE-style queries after `--`).
fn whois_cmd(addr: &str, q: &str) -> Vec<u8> {
    let (host, port) = addr.rsplit_once(':').unwrap();
    let mut cmd = Command::new("whois");
    cmd.args(["-h", host, "-p", port]);
    if !q.starts_with('!') {
        cmd.arg("--");
    }
    let out = cmd.arg(q).output().expect("run whois (apt install whois)");
    out.stdout
}

/// The answer through a raw socket: one query, read until the server closes
/// (IRRd closes after one answer when `!!` was not sent).
fn raw_socket(addr: &str, q: &str) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(format!("{q}\n").as_bytes()).unwrap();
    let mut v = Vec::new();
    s.read_to_end(&mut v).unwrap();
    v
}

/// IRRd prints set and prefix lists in no particular order: sort the tokens
/// of lines made only of ASNs, set names and prefixes (normalize.py's rule).
fn normalize(b: &[u8]) -> String {
    let text = String::from_utf8_lossy(b);
    let is_token = |t: &str| {
        (t.starts_with("AS") && t.len() > 2)
            || t.starts_with("RS-")
            || (t.contains('/')
                && t.chars()
                    .all(|c| c.is_ascii_hexdigit() || ":./^+-".contains(c)))
    };
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let mut toks: Vec<&str> = body.split(' ').collect();
        if toks.len() > 1 && toks.iter().all(|t| is_token(t)) {
            toks.sort_unstable();
            out.push_str(&toks.join(" "));
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

fn wire(q: &str, a: &Answer) -> Vec<u8> {
    if q.starts_with('!') {
        a.to_irrd_wire()
    } else {
        a.to_ripe_wire()
    }
}

/// Debian's whois lowercases queries containing a dot, so `!r…,L`/`,M`
/// cannot go through it (README pitfall): those use the raw socket.
fn whois_mangles(q: &str) -> bool {
    q.contains('.') && q.chars().any(|c| c.is_ascii_uppercase()) && q.starts_with("!r")
}

#[test]
fn every_reference_query_matches_whois_command() {
    let Some((addr, _serial)) = irrd() else {
        return;
    };
    let mut c = WhoisClient::connect(&addr, opts()).unwrap();
    let mut all: Vec<&str> = QUERIES.to_vec();
    all.push(RIPE_QUERY);
    for q in &all {
        // A fresh connection per query: RIPE `-s` changes the sources for
        // the rest of a connection, as `!s` does.
        let ours = if q.starts_with('-') {
            WhoisClient::connect(&addr, opts())
                .unwrap()
                .query(q)
                .unwrap()
        } else {
            c.query(q).unwrap()
        };
        let reference = if whois_mangles(q) {
            raw_socket(&addr, q)
        } else {
            whois_cmd(&addr, q)
        };
        assert_eq!(
            normalize(&wire(q, &ours)),
            normalize(&reference),
            "query {q:?}"
        );
        // The raw one-query socket agrees too.
        assert_eq!(
            normalize(&wire(q, &ours)),
            normalize(&raw_socket(&addr, q)),
            "query {q:?} (raw socket)"
        );
    }
}

#[test]
fn answers_are_what_the_reference_file_shows() {
    let Some((addr, _serial)) = irrd() else {
        return;
    };
    let mut c = WhoisClient::connect(&addr, opts()).unwrap();
    assert_eq!(c.version().unwrap(), "IRRd -- version 4.5.4");
    let v4 = c.prefixes_of(Asn::new(65001), Family::V4).unwrap();
    let want: Vec<Prefix> = [
        "192.0.2.0/24",
        "192.0.2.0/25",
        "192.0.2.128/25",
        "198.51.100.0/24",
    ]
    .iter()
    .map(|p| p.parse().unwrap())
    .collect();
    assert_eq!(v4, want);
    let v6 = c.prefixes_of(Asn::new(65001), Family::V6).unwrap();
    assert_eq!(v6.len(), 2);
    assert!(v6.iter().all(Prefix::is_ipv6));
    assert_eq!(c.prefixes_of(Asn::new(65099), Family::V4).unwrap(), vec![]);
    assert_eq!(
        c.set_members("AS-A", false).unwrap(),
        ["AS-B", "AS-C", "AS65001"]
    );
    assert_eq!(c.set_members("AS-C", true).unwrap(), ["AS65003", "AS65020"]);
    assert!(c.set_members("AS-NOPE", true).unwrap().is_empty());
    let all = c.set_prefixes("AS-A", None).unwrap();
    let v4 = c.set_prefixes("AS-A", Some(Family::V4)).unwrap();
    let v6 = c.set_prefixes("AS-A", Some(Family::V6)).unwrap();
    assert_eq!((all.len(), v4.len(), v6.len()), (31, 20, 11));
    assert!(v4.iter().all(Prefix::is_ipv4) && v6.iter().all(Prefix::is_ipv6));
    let mut both = v4.clone();
    both.extend(&v6);
    both.sort();
    assert_eq!(both, all);
    // The lab lists its own two sources first; scripts/irrd.sh adds the
    // filter fixtures after them.
    assert_eq!(c.source_list().unwrap()[..2], ["TESTDB", "OTHERDB"]);
    let serials = c.serials(&[]).unwrap();
    assert_eq!(serials.len(), c.source_list().unwrap().len());
    assert_eq!(serials[0].source, "TESTDB");
    assert_eq!(serials[0].mirrorable, Some(false));
    let obj = c.object("route", "192.0.2.0/24AS65001").unwrap();
    assert_eq!(obj.kind, AnswerKind::Data);
    assert!(obj.text().starts_with("route:          192.0.2.0/24\n"));
    assert!(obj.text().ends_with("source:         TESTDB"));
    assert_eq!(
        c.object("route", "192.0.2.0/24AS64999").unwrap().kind,
        AnswerKind::NotFound
    );
    let p: Prefix = "192.0.2.0/24".parse().unwrap();
    assert_eq!(c.route_origins(&p).unwrap(), [Asn::new(65001)]);
    let exact = c.route_search(&p, RouteSearch::Exact).unwrap();
    assert_eq!(exact.data, obj.data);
    let more = c.route_search(&p, RouteSearch::AllMore).unwrap();
    let more = more.text();
    assert!(more.contains("route:          192.0.2.0/25"), "{more}");
    assert!(more.contains("route:          192.0.2.128/25"));
    assert!(!more.contains("route:          192.0.2.0/24"));
    let less = c
        .route_search(&"192.0.2.0/25".parse().unwrap(), RouteSearch::AllLess)
        .unwrap();
    let less = less.text();
    assert!(less.contains("route:          192.0.2.0/24"), "{less}");
    assert!(less.contains("route:          192.0.2.0/25"));
    let one = c
        .route_search(&"192.0.2.0/25".parse().unwrap(), RouteSearch::OneLess)
        .unwrap();
    assert!(one.text().contains("route:          192.0.2.0/24"));
    assert!(!one.text().contains("route:          192.0.2.0/25"));
    // Answers parsed as RPSL objects.
    let objs = c.route_objects(&p, RouteSearch::AllMore).unwrap();
    let mut keys: Vec<&str> = objs.iter().map(|o| o.key()).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["192.0.2.0/25", "192.0.2.128/25"]);
    assert!(objs.iter().all(|o| o.class_name() == "route"));
    let o = c
        .object_parsed("route", "192.0.2.0/24AS65001")
        .unwrap()
        .unwrap();
    assert_eq!(
        (o.key(), o.get("origin")),
        ("192.0.2.0/24", Some("AS65001"))
    );
    assert_eq!(o.get("source"), Some("TESTDB"));
    assert!(c
        .object_parsed("route", "192.0.2.0/24AS64999")
        .unwrap()
        .is_none());
    assert!(c.route_objects(&p, RouteSearch::ExactOrigins).is_err());
    // !s changes the sources for this connection only.
    c.sources(&["OTHERDB"]).unwrap();
    assert_eq!(c.source_list().unwrap(), ["OTHERDB"]);
    assert!(c.set_members("AS-A", false).unwrap().is_empty());
    assert!(!c.set_members("AS65000:AS-CUST", false).unwrap().is_empty());
}

#[test]
fn ripe_style_queries_in_persistent_mode() {
    let Some((addr, _serial)) = irrd() else {
        return;
    };
    let mut c = WhoisClient::connect(&addr, opts()).unwrap();
    let a = c.ripe("-K -T route -i origin AS65001").unwrap();
    assert_eq!(a.kind, AnswerKind::Data);
    let text = a.text();
    // -K: key fields only, one space after the attribute name.
    assert!(
        text.contains("route: 192.0.2.0/24\norigin: AS65001"),
        "{text}"
    );
    assert!(!text.contains("descr:"), "-K keeps key fields only: {text}");
    assert_eq!(text.matches("route: ").count(), 4, "{text}");
    assert_eq!(
        c.ripe("-T route -i origin AS64999").unwrap().kind,
        AnswerKind::NotFound
    );
    match c.ripe("-Z").unwrap().kind {
        AnswerKind::Error(m) => assert!(m.contains("Unrecognised flag"), "{m}"),
        k => panic!("expected an error answer, got {k:?}"),
    }
    // The connection stays usable after RIPE-style answers.
    assert_eq!(c.version().unwrap(), "IRRd -- version 4.5.4");
    assert!(matches!(c.ripe("!v"), Err(WhoisError::InvalidQuery { .. })));
}

#[test]
fn pipelined_answers_arrive_in_order() {
    let Some((addr, _serial)) = irrd() else {
        return;
    };
    let mut all: Vec<&str> = QUERIES
        .iter()
        .copied()
        .filter(|q| *q != "!s-lc")
        .take(19)
        .collect();
    all.insert(7, "-K -T route -i origin AS65001");
    assert_eq!(all.len(), 20);
    // One at a time on one connection, then all 20 in one write on another.
    let mut c = WhoisClient::connect(&addr, opts()).unwrap();
    let single: Vec<Answer> = all.iter().map(|q| c.query(q).unwrap()).collect();
    let mut p = WhoisClient::connect(&addr, opts()).unwrap();
    let piped = p.pipeline(&all).unwrap();
    assert_eq!(piped.len(), 20);
    for ((q, a), b) in all.iter().zip(&single).zip(&piped) {
        assert_eq!(normalize(&wire(q, a)), normalize(&wire(q, b)), "{q}");
    }
    // A long pipeline goes out in batches and still lines up.
    let many: Vec<&str> = (0..500)
        .map(|i| if i % 2 == 0 { "!v" } else { "!gAS65099" })
        .collect();
    let answers = p.pipeline(&many).unwrap();
    assert_eq!(answers.len(), 500);
    for (i, a) in answers.iter().enumerate() {
        let want = if i % 2 == 0 {
            AnswerKind::Data
        } else {
            AnswerKind::NotFound
        };
        assert_eq!(a.kind, want, "answer {i}");
    }
}

#[test]
fn persistent_mode_keeps_the_connection() {
    let Some((addr, _serial)) = irrd() else {
        return;
    };
    let mut c = WhoisClient::connect(&addr, opts()).unwrap();
    for _ in 0..5 {
        assert_eq!(c.version().unwrap(), "IRRd -- version 4.5.4");
    }
    // `!!` again gets no answer and does not put the stream out of step.
    let a = c.pipeline(&["!!", "!v", "!!", "!gAS65099"]).unwrap();
    assert_eq!(a[0].kind, AnswerKind::Empty);
    assert_eq!(a[1].text(), "IRRd -- version 4.5.4");
    assert_eq!(a[3].kind, AnswerKind::NotFound);
    c.quit().unwrap();
    // Without `!!`, IRRd closes after one answer: what the raw reference sees.
    assert!(raw_socket(&addr, "!v").ends_with(b"C\n"));
}

#[test]
fn server_error_answers() {
    let Some((addr, _serial)) = irrd() else {
        return;
    };
    let mut c = WhoisClient::connect(&addr, opts()).unwrap();
    let a = c.query("!r192.0.2.0/24,X").unwrap();
    assert_eq!(
        a.kind,
        AnswerKind::Error("Invalid route search option: X".into())
    );
    assert_eq!(a.to_irrd_wire(), raw_socket(&addr, "!r192.0.2.0/24,X"));
    assert!(matches!(
        c.query("!zzz").unwrap().kind,
        AnswerKind::Error(_)
    ));
    // Typed helpers turn F answers into Err(Server).
    let e = c.sources(&["NOSUCHSOURCE"]).unwrap_err();
    assert!(matches!(e, WhoisError::Server(_)), "{e:?}");
    assert_eq!(e.kind(), "server");
    // Still in step afterwards.
    assert_eq!(c.version().unwrap(), "IRRd -- version 4.5.4");
    // Queries that would smuggle a second line are refused locally.
    assert!(matches!(
        c.query("!v\n!gAS1"),
        Err(WhoisError::InvalidQuery { .. })
    ));
    assert!(matches!(
        c.set_members("AS-A,1", false),
        Err(WhoisError::InvalidQuery { .. })
    ));
}

/// `!t` on connect: IRRd accepts it (`C`) and keeps to it: told one
/// second, it drops a connection idle for longer, while one connected
/// without `!t` keeps IRRd's 30 s. A value IRRd refuses fails the connect
/// with a typed error; one below a second is refused before connecting.
#[test]
fn idle_timeout_is_sent_and_kept() {
    let Some((addr, _guard)) = irrd() else { return };
    let with = |t: Option<Duration>| WhoisOptions {
        idle_timeout: t,
        ..opts()
    };
    let mut c = WhoisClient::connect(&addr, with(Some(Duration::from_secs(1000)))).unwrap();
    assert_eq!(c.version().unwrap(), "IRRd -- version 4.5.4");
    let mut short = WhoisClient::connect(&addr, with(Some(Duration::from_secs(1)))).unwrap();
    let mut none = WhoisClient::connect(&addr, with(None)).unwrap();
    assert_eq!(short.version().unwrap(), "IRRd -- version 4.5.4");
    thread::sleep(Duration::from_millis(2500));
    let e = short.version().unwrap_err();
    assert!(
        matches!(e, WhoisError::Closed { .. } | WhoisError::Io { .. }),
        "{e:?}"
    );
    assert_eq!(none.version().unwrap(), "IRRd -- version 4.5.4");
    assert_eq!(c.version().unwrap(), "IRRd -- version 4.5.4");
    match WhoisClient::connect(&addr, with(Some(Duration::from_secs(1001)))) {
        Err(WhoisError::Server(m)) => assert!(m.contains("Invalid value for timeout"), "{m}"),
        other => panic!("{other:?}"),
    }
    match WhoisClient::connect(&addr, with(Some(Duration::from_millis(500)))) {
        Err(e) => assert_eq!(e.code(), "invalid-query"),
        Ok(_) => panic!("half a second accepted"),
    }
}

// ---------------------------------------------------------------- fake servers

/// A one-connection server on loopback running `serve` on the accepted
/// stream; returns its address.
fn fake(serve: impl FnOnce(TcpStream) + Send + 'static) -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    thread::spawn(move || {
        if let Ok((s, _)) = l.accept() {
            serve(s);
        }
    });
    addr
}

fn fake_opts(read_ms: u64) -> WhoisOptions {
    WhoisOptions {
        read_timeout: Duration::from_millis(read_ms),
        client_name: None,
        idle_timeout: None,
        ..WhoisOptions::default()
    }
}

/// Reads the client's bytes until `lines` newlines were seen.
fn read_lines(s: &mut TcpStream, lines: usize) {
    let mut seen = 0;
    let mut b = [0u8; 1];
    while seen < lines && s.read(&mut b).unwrap_or(0) == 1 {
        if b[0] == b'\n' {
            seen += 1;
        }
    }
}

#[test]
fn silent_server_times_out() {
    let addr = fake(|s| {
        thread::sleep(Duration::from_secs(5));
        drop(s);
    });
    let mut c = WhoisClient::connect(&addr, fake_opts(300)).unwrap();
    let t = Instant::now();
    let e = c.query("!v").unwrap_err();
    let took = t.elapsed();
    assert_eq!(
        e,
        WhoisError::Timeout {
            what: "read",
            after: Duration::from_millis(300)
        }
    );
    assert!(
        took >= Duration::from_millis(250) && took < Duration::from_secs(2),
        "{took:?}"
    );
    // The stream is out of step now: further queries are refused.
    assert!(matches!(c.query("!v"), Err(WhoisError::Closed { .. })));
}

#[test]
fn dripping_server_hits_the_answer_timeout() {
    let addr = fake(|mut s| {
        read_lines(&mut s, 2);
        let _ = s.write_all(b"A1000\n");
        for _ in 0..100 {
            if s.write_all(b"x").is_err() {
                return;
            }
            thread::sleep(Duration::from_millis(50));
        }
    });
    let opts = WhoisOptions {
        answer_timeout: Some(Duration::from_millis(400)),
        ..fake_opts(1000)
    };
    let mut c = WhoisClient::connect(&addr, opts).unwrap();
    let t = Instant::now();
    let e = c.query("!v").unwrap_err();
    assert!(
        matches!(e, WhoisError::Timeout { what: "answer", .. }),
        "{e:?}"
    );
    assert!(t.elapsed() < Duration::from_secs(2));
}

#[test]
fn connect_refused_and_connect_timeout() {
    // A port that was just free: connection refused.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let e = WhoisClient::connect(&format!("127.0.0.1:{port}"), fake_opts(300)).unwrap_err();
    assert!(matches!(e, WhoisError::Connect { .. }), "{e:?}");
    assert_eq!(e.kind(), "connect");
    let e = WhoisClient::connect("no-port-here", fake_opts(300)).unwrap_err();
    assert!(matches!(e, WhoisError::Connect { .. }), "{e:?}");
}

#[test]
fn huge_length_header_is_refused_before_allocating() {
    let addr = fake(|mut s| {
        read_lines(&mut s, 2);
        let _ = s.write_all(b"A999999999\n");
        thread::sleep(Duration::from_secs(2));
    });
    let mut c = WhoisClient::connect(&addr, fake_opts(2000)).unwrap();
    let t = Instant::now();
    assert_eq!(
        c.query("!gAS1").unwrap_err(),
        WhoisError::TooLarge {
            limit: 64 * 1024 * 1024
        }
    );
    assert!(t.elapsed() < Duration::from_secs(1));
}

#[test]
fn cap_applies_to_ripe_answers_and_small_caps() {
    let addr = fake(|mut s| {
        read_lines(&mut s, 2);
        let _ = s.write_all(b"A100\n");
        let _ = s.write_all(&[b'x'; 100]);
        let _ = s.write_all(b"C\n");
        thread::sleep(Duration::from_secs(1));
    });
    let opts = WhoisOptions {
        max_answer_bytes: 50,
        ..fake_opts(2000)
    };
    let mut c = WhoisClient::connect(&addr, opts).unwrap();
    assert_eq!(
        c.query("!gAS1").unwrap_err(),
        WhoisError::TooLarge { limit: 50 }
    );

    // A RIPE-style answer that never ends: stops at the cap.
    let addr = fake(|mut s| {
        read_lines(&mut s, 2);
        for _ in 0..10_000 {
            if s.write_all(b"remarks: endless\n").is_err() {
                return;
            }
        }
    });
    let opts = WhoisOptions {
        max_answer_bytes: 10_000,
        ..fake_opts(2000)
    };
    let mut c = WhoisClient::connect(&addr, opts).unwrap();
    assert_eq!(
        c.query("-i origin AS1").unwrap_err(),
        WhoisError::TooLarge { limit: 10_000 }
    );
}

#[test]
fn malformed_framing_is_a_protocol_error() {
    for reply in [
        &b"X\n"[..],
        b"A3\nabcD\n",
        b"Ax\n",
        b"%% Access denied\n",
        b"CC",
    ] {
        let addr = fake(move |mut s| {
            read_lines(&mut s, 2);
            let _ = s.write_all(reply);
            thread::sleep(Duration::from_millis(500));
        });
        let mut c = WhoisClient::connect(&addr, fake_opts(2000)).unwrap();
        let e = c.query("!v").unwrap_err();
        assert!(matches!(e, WhoisError::Protocol { .. }), "{reply:?}: {e:?}");
    }
}

#[test]
fn close_mid_answer_and_fake_answers() {
    let addr = fake(|mut s| {
        read_lines(&mut s, 2);
        let _ = s.write_all(b"A10\nabc");
    });
    let mut c = WhoisClient::connect(&addr, fake_opts(2000)).unwrap();
    assert!(matches!(
        c.query("!v").unwrap_err(),
        WhoisError::Closed { .. }
    ));

    // Every answer kind, delivered one byte at a time, plus a RIPE-style
    // answer ended by the server closing the connection.
    let addr = fake(|mut s| {
        read_lines(&mut s, 6);
        for b in b"A5\nAS1 \nC\nC\nD\nE\nF no such thing\n".iter() {
            let _ = s.write_all(&[*b]);
            let _ = s.flush();
        }
        read_lines(&mut s, 1);
        let _ = s.write_all(b"route: 192.0.2.0/24\n");
    });
    let mut c = WhoisClient::connect(&addr, fake_opts(2000)).unwrap();
    let a = c
        .pipeline(&["!iX", "!sX", "!gAS1", "!mX,Y", "!rZ"])
        .unwrap();
    let kinds: Vec<AnswerKind> = a.iter().map(|a| a.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            AnswerKind::Data,
            AnswerKind::Empty,
            AnswerKind::NotFound,
            AnswerKind::MultipleCopies,
            AnswerKind::Error("no such thing".into())
        ]
    );
    assert_eq!(a[0].data, b"AS1 \n");
    let r = c.query("-r 192.0.2.0/24").unwrap();
    assert_eq!(r.text(), "route: 192.0.2.0/24");
}

/// What the client sends on connect: `!!`, then `!n` and `!t` written
/// together (one round trip), the timeout rounded up to whole seconds.
#[test]
fn connect_sends_name_and_idle_timeout() {
    let (tx, rx) = std::sync::mpsc::channel();
    let addr = fake(move |mut s| {
        let mut got = Vec::new();
        let mut b = [0u8; 1];
        while got.iter().filter(|&&c| c == b'\n').count() < 3 && s.read(&mut b).unwrap_or(0) == 1 {
            got.push(b[0]);
        }
        let _ = s.write_all(b"C\nC\n");
        read_lines(&mut s, 1);
        let _ = s.write_all(b"A4\nok!\nC\n");
        let _ = tx.send(String::from_utf8(got).unwrap());
    });
    let opts = WhoisOptions {
        client_name: Some("probe".into()),
        idle_timeout: Some(Duration::from_millis(119_001)),
        ..fake_opts(2000)
    };
    let mut c = WhoisClient::connect(&addr, opts).unwrap();
    assert_eq!(c.query("!v").unwrap().text(), "ok!");
    assert_eq!(rx.recv().unwrap(), "!!\n!nprobe\n!t120\n");
}
