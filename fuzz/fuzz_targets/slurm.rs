//! Fuzzes SLURM parsing and application; a parsed file re-serialises to a
//! file that parses to the same value.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::{Slurm, VrpSet};

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = Slurm::parse(data) {
        let again = Slurm::parse(s.to_json().as_bytes()).expect("to_json output must parse");
        assert_eq!(again, s);
        let mut set = VrpSet::new();
        s.apply(&mut set);
    }
});
