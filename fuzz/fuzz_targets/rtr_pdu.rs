//! Fuzzes the RTR PDU codec and client session (`routeguard::net::rtr`):
//! arbitrary cache bytes are decoded PDU by PDU and fed to a session in
//! fuzzer-chosen chunks.
//!
//! * `decode` returns `Ok(None)`, a PDU with `8 <= consumed <= len`, or a
//!   typed error whose encapsulated bytes come from the input; never panics.
//! * A decoded PDU re-encodes, and the encoding decodes to the same PDU in
//!   its own ASPA layout.
//! * Chunking does not matter: the session fed the bytes in chunks gives
//!   the same events and output as fed all at once (a third run applies
//!   each delta to a `PayloadSet` and rejects the ones that fail).
//! * Everything the session writes is a whole number of PDUs, each a Reset
//!   Query, Serial Query or Error Report; after an error it stays closed.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::net::rtr::pdu::{decode, AspaLayout, Pdu};
use routeguard::net::rtr::session::{Event, PayloadSet, Session, SessionOptions};

fn run(data: &[u8], chunk: usize, opts: SessionOptions, apply: bool) -> (Vec<Event>, Vec<u8>) {
    let mut s = Session::new(opts);
    s.start();
    let mut out = s.take_output();
    let mut events = Vec::new();
    let mut store = PayloadSet::new();
    for c in data.chunks(chunk.max(1)) {
        for e in s.feed(c) {
            if let (true, Event::Update(d)) = (apply, &e) {
                if let Err(err) = store.apply(d) {
                    s.reject(&err);
                }
            }
            events.push(e);
        }
        out.extend(s.take_output());
    }
    (events, out)
}

fuzz_target!(|data: &[u8]| {
    let (head, data) = match data.split_first() {
        Some((h, rest)) => (*h, rest),
        None => return,
    };
    let layout = match head % 3 {
        0 => AspaLayout::Auto,
        1 => AspaLayout::Bis10,
        _ => AspaLayout::Bis14,
    };
    let mut rest = data;
    while let Ok(Some((p, n))) = decode(rest, layout) {
        assert!(n >= 8 && n <= rest.len());
        let again = p.to_bytes().expect("a decoded PDU encodes");
        let own = match &p {
            Pdu::Aspa { wire, .. } => AspaLayout::of(*wire),
            _ => layout,
        };
        assert_eq!(decode(&again, own), Ok(Some((p, again.len()))));
        rest = &rest[n..];
    }
    if let Err(e) = decode(rest, layout) {
        assert!(e.pdu.len() <= rest.len());
    }

    let version = match (head >> 2) % 4 {
        3 => None,
        v => Some(v),
    };
    let opts = SessionOptions { version, aspa_layout: layout };
    let chunk = usize::from(head >> 4) + 1;
    // Without applying (a rejected delta stops the session at a point that
    // depends on the chunking), the chunking must not matter.
    let whole = run(data, data.len().max(1), opts, false);
    let chunked = run(data, chunk, opts, false);
    assert_eq!(whole, chunked, "chunking changed the outcome");
    let _ = run(data, chunk, opts, true);
    let mut out = whole.1.as_slice();
    while !out.is_empty() {
        let (p, n) = decode(out, AspaLayout::Auto).expect("own output decodes").expect("whole PDUs");
        assert!(matches!(
            p,
            Pdu::ResetQuery { .. } | Pdu::SerialQuery { .. } | Pdu::ErrorReport(_)
        ));
        out = &out[n..];
    }
});
