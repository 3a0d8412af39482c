//! Fuzzes bgpq4's command line reader (`filter::bgpq4::args`) on arbitrary
//! argument vectors (the input split at NUL bytes, like a C argv): no
//! panic, hang or unbounded allocation.
//!
//! * An error's exit status is 1 or 255, and the usage goes with status 1
//!   only; a `FATAL ERROR:` message with 255 only.
//! * An accepted command line has an as-path width C's `int` holds, and
//!   none of its objects classifies as the `EXCEPT` keyword.
//! * `prefix_object`, `range_object` and `asn_object` accept any word.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::filter::bgpq4::args::{
    asn_object, classify_object, parse_args, prefix_object, range_object, Command, ObjectKind,
};
use routeguard::model::Family;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let argv: Vec<String> = text.split('\0').map(str::to_owned).take(64).collect();
    match parse_args(&argv, Some("RADB")) {
        Ok(Command::Run { options, .. }) => {
            assert!(options.as_width <= i32::MAX as usize);
            for o in &options.objects {
                assert_ne!(classify_object(o), ObjectKind::Except);
            }
        }
        Ok(Command::Version(v)) => assert!(v.contains("version: 1.9")),
        Err(e) => {
            let code = e.exit_code();
            assert!(code == 1 || code == 255, "{e:?}");
            if !e.stdout().is_empty() {
                assert_eq!(code, 1);
            }
            if e.stderr().starts_with(b"FATAL ERROR:") {
                assert_eq!(code, 255);
            }
            assert!(!e.code().is_empty());
        }
    }
    for w in argv.iter().take(4) {
        let _ = classify_object(w);
        let _ = prefix_object(w);
        let _ = asn_object(w, false);
        for f in [Family::V4, Family::V6] {
            let _ = range_object(w, f, None);
            let _ = range_object(w, f, Some(24));
        }
    }
});
