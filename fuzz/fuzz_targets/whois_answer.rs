//! Fuzzes the whois answer framing (`routeguard::net::whois::framing`): arbitrary
//! server bytes are parsed answer by answer, as the client does.
//!
//! * `parse_answer` returns `Ok(None)`, an answer with `0 < consumed <= len`,
//!   or a typed error; never panics.
//! * Rendering an answer (`to_irrd_wire`) and parsing it again gives the same
//!   answer, consuming exactly the rendered bytes; every strict prefix of the
//!   rendered bytes needs more input (`Ok(None)`).
//! * Incremental = whole: parsing the first answer from the input cut at a
//!   fuzzer-chosen point either needs more bytes, fails, or gives the same
//!   answer as parsing the whole input.
//! * A small cap never yields data longer than the cap; RIPE-style framing
//!   obeys the same rules (consumed bytes end in `\n\n\n`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::net::whois::framing::{
    parse_answer, parse_answer_limited, parse_ripe_answer, parse_ripe_answer_at_eof,
};
use routeguard::net::whois::AnswerKind;

fuzz_target!(|data: &[u8]| {
    let cut = data.first().map_or(0, |b| *b as usize) % (data.len() + 1);
    let whole_first = parse_answer(data);
    match parse_answer(&data[..cut]) {
        Ok(Some(a)) => assert_eq!(
            whole_first.as_ref().ok().cloned().flatten(),
            Some(a),
            "cut changed the answer"
        ),
        Ok(None) | Err(_) => {}
    }

    let mut rest = data;
    let mut n = 0;
    while let Ok(Some((a, used))) = parse_answer(rest) {
        assert!(
            used > 0 && used <= rest.len(),
            "consumed {used} of {}",
            rest.len()
        );
        let wire = a.to_irrd_wire();
        assert_eq!(
            parse_answer(&wire),
            Ok(Some((a.clone(), wire.len()))),
            "render/parse round trip"
        );
        for k in [0, 1, wire.len() / 2, wire.len().saturating_sub(1)] {
            if k < wire.len() {
                assert_eq!(parse_answer(&wire[..k]), Ok(None), "prefix {k} of {wire:?}");
            }
        }
        rest = &rest[used..];
        n += 1;
        assert!(n <= data.len());
    }

    if let Ok(Some((a, _))) = parse_answer_limited(data, 16) {
        assert!(a.data.len() <= 16);
    }

    let mut rest = data;
    while let Ok(Some((a, used))) = parse_ripe_answer(rest, 64) {
        assert!(used >= 3 && used <= rest.len());
        assert!(rest[..used].ends_with(b"\n\n\n"));
        assert!(a.data.len() <= 64);
        if a.kind == AnswerKind::Data {
            assert_eq!(
                parse_ripe_answer(&a.to_ripe_wire(), 64),
                Ok(Some((a.clone(), a.data.len() + 3)))
            );
        }
        rest = &rest[used..];
    }
    if let Ok(a) = parse_ripe_answer_at_eof(data, 64) {
        assert!(a.data.len() <= 64);
    }
});
