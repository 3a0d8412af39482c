//! Fuzzes the AS path text parser and the route-line parser (`PREFIX
//! PATH...` and `bgpdump -m` lines) on arbitrary bytes: no panic, hang or
//! unbounded allocation.
//!
//! * A parsed path displays to text that parses back to the same segments
//!   (after merging adjacent AS_SEQUENCEs, which text cannot express).
//! * `compressed_sequence` is `None` exactly when an AS_SET is present, is
//!   never longer than `length`, and survives `dedup_prepends`.
//! * Every route line that parses yields a prefix that displays and parses
//!   back, and the streaming `RouteReader` yields what `route_lines` yields.
//! * The `PREFIX ORIGIN` reading of a line (`parse_origin_line`, strict and
//!   relaxed) agrees with its path reading: same prefix, the path's RFC 6811
//!   origin; `origin_lines` numbers what it yields like `route_lines`.
//! * The event readers (`route_events`, `RouteEventReader`), which expand a
//!   prefix2as MOAS line into one event per origin, yield the same events.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::parse::bgp::{
    origin_lines, parse_origin_line, parse_route_line, parse_route_line_with, route_events,
    route_lines, RouteEventReader, RouteLineOptions, RouteReader,
};
use routeguard::{AsPath, Prefix, Segment};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(p) = AsPath::parse(s) {
        let back = AsPath::parse(&p.to_string()).expect("display parses");
        assert_eq!(back, p);
        let has_as_set = p.segments.iter().any(|g| matches!(g, Segment::Set(_)));
        let c = p.compressed_sequence();
        assert_eq!(c.is_none(), has_as_set);
        if let Some(c) = &c {
            assert!(c.len() <= p.length());
        }
        assert_eq!(p.dedup_prepends().compressed_sequence(), c);
        assert_eq!(p.asns().count() == 0, p.is_empty());
    }
    if let Ok(Some(r)) = parse_route_line(s) {
        assert_eq!(Prefix::parse(&r.prefix.to_string()), Ok(r.prefix));
    }
    for opts in [RouteLineOptions::new(), RouteLineOptions::new().relaxed(true)] {
        let line = s.split('\n').next().unwrap_or("");
        let path = parse_route_line_with(line, &opts);
        match (parse_origin_line(line, &opts), path) {
            (Ok(Some(o)), Ok(Some(r))) => {
                assert_eq!(o.prefix, r.prefix);
                assert_eq!(o.origin, r.path.origin());
            }
            (Ok(Some(o)), p) => panic!("origin line {o:?} but path line {p:?}"),
            (Ok(None), p) => assert_eq!(p, Ok(None)),
            // An origin line also fails when the path is empty.
            (Err(_), Ok(Some(r))) => assert!(r.path.is_empty()),
            (Err(_), _) => {}
        }
        let n = origin_lines(s, &opts).filter(|r| r.is_ok()).count();
        assert!(n <= s.split('\n').count());
    }
    let lines: Vec<_> = route_lines(s).collect();
    let read: Vec<_> = RouteReader::new(std::io::BufReader::with_capacity(5, data)).collect();
    assert_eq!(read, lines, "reader and route_lines disagree");
    let opts = RouteLineOptions::new();
    let events: Vec<_> = route_events(s, &opts).take(10_000).collect();
    let read: Vec<_> = RouteEventReader::new(std::io::BufReader::with_capacity(5, data), &opts)
        .take(10_000)
        .collect();
    assert_eq!(read, events, "event reader and route_events disagree");
});
