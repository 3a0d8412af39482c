//! Fuzzes the VRP snapshot reader (`parse::snapshot::decode`).
//!
//! * Any input is a set or a typed `invalid-snapshot` error, never a panic,
//!   and counts never allocate past what the input can hold.
//! * A set that decodes is written back by `render::snapshot::encode` and
//!   decodes equal (the reader accepts nothing the writer cannot say).
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::parse::snapshot::decode;
use routeguard::render::snapshot::encode;

fuzz_target!(|data: &[u8]| {
    // Most random inputs fail on the magic: give the fuzzer a valid start.
    let mut input = routeguard::parse::snapshot::MAGIC.to_vec();
    input.extend_from_slice(data);
    for bytes in [data, &input[..]] {
        match decode(bytes) {
            Ok(set) => assert_eq!(decode(&encode(&set)).expect("own output"), set),
            Err(e) => assert_eq!(e.code(), "invalid-snapshot"),
        }
    }
});
