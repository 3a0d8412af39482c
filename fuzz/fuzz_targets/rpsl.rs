//! Fuzzes the RPSL lexer, object conversion, validation and typed views on
//! arbitrary bytes: no panic, hang or unbounded allocation. Also checks
//! that typed views straight from the raw objects (`typed_raw`, the
//! `typed()` iterator, the `objects_str` path) equal the typed views of the
//! owned objects, and
//! that the streaming `RpslReader` (small buffer, no size limit) yields
//! exactly the objects the zero-copy lexer yields, and that lenient
//! `parse_all` keeps exactly the objects the reader's `next_object` keeps.
#![no_main]
use std::io::BufReader;

use libfuzzer_sys::fuzz_target;
use routeguard::model::rpsl::TypedObject;
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
                let direct = rpsl::typed_raw(&raw);
                match raw.to_object() {
                    Ok(obj) => {
                        let owned = rpsl::typed(&obj);
                        if let Ok(TypedObject::AutNum(a)) = &owned {
                            for l in &a.policy {
                                let _ = rpsl::parse_policy_line(l);
                            }
                        }
                        assert_eq!(direct, owned, "typed_raw and typed disagree");
                    }
                    Err(e) => assert_eq!(direct, Err(e)),
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
    let one_by_one: Vec<_> = rpsl::objects(data)
        .map(|r| r.and_then(|raw| rpsl::typed_raw(&raw)))
        .collect();
    assert_eq!(rpsl::objects(data).typed().collect::<Vec<_>>(), one_by_one);
    if let Ok(s) = std::str::from_utf8(data) {
        assert_eq!(rpsl::objects_str(s).typed().collect::<Vec<_>>(), one_by_one);
    }

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
