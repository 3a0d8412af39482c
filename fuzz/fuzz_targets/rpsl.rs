//! Fuzzes the RPSL lexer, object conversion, validation and typed views on
//! arbitrary bytes: no panic, hang or unbounded allocation. Also checks
//! that the streaming `RpslReader` (small buffer, no size limit) yields
//! exactly the objects the zero-copy lexer yields, and that lenient
//! `parse_all` keeps exactly the objects the reader's `next_object` keeps.
#![no_main]
use std::io::BufReader;

use libfuzzer_sys::fuzz_target;
use routeguard::parse::rpsl::{self, RpslOptions, RpslReader};

fuzz_target!(|data: &[u8]| {
    let mut lexed = Vec::new();
    for item in rpsl::objects(data) {
        match item {
            Ok(raw) => {
                let _ = raw.class_name();
                for a in raw.attributes().flatten() {
                    let _ = a.first_word();
                    let _ = a.text();
                }
                if let Ok(obj) = raw.to_object() {
                    let _ = rpsl::typed(&obj);
                }
                lexed.push(Ok((raw.text.to_vec(), raw.line)));
            }
            Err(e) => lexed.push(Err(e)),
        }
    }
    let opts = RpslOptions {
        max_object_bytes: usize::MAX,
        ..RpslOptions::lenient()
    };
    let mut r = RpslReader::new(BufReader::with_capacity(7, data), opts);
    let mut read = Vec::new();
    while let Some(x) = r.next_raw() {
        read.push(x.map(|(b, l)| (b.to_vec(), l)));
    }
    assert_eq!(read, lexed, "reader and lexer disagree");

    let lenient = RpslOptions::lenient();
    let all = rpsl::parse_all(data, &lenient).expect("lenient never fails");
    let mut r = RpslReader::new(BufReader::with_capacity(5, data), lenient);
    let mut objs = Vec::new();
    while let Some(o) = r.next_object() {
        objs.push(o.expect("lenient never fails"));
    }
    assert_eq!(objs, all.objects);
    // Strict mode: Ok only when lenient skipped nothing.
    if let Ok(strict) = rpsl::parse_all(data, &RpslOptions::default()) {
        assert_eq!(all.skipped + all.deleted, 0);
        assert_eq!(strict.objects, all.objects);
    }
});
