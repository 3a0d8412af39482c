//! Fuzzes the batch validation over Arrow-style columns
//! (`validate::batch::validate_origins`) and the allocation-free prefix
//! parsers under it (`Prefix::parse_bytes{,_relaxed}`).
//!
//! * `parse_bytes` is `None` exactly where `Prefix::parse` fails (and
//!   likewise relaxed); non-UTF-8 never parses.
//! * The input, split at `\n`, is a string column (32- or 64-bit offsets,
//!   or views with a data buffer) with a validity bitmap and an origin
//!   column drawn from the bytes. Every row's state is what `origin_state`
//!   gives the row's prefix (null rows and malformed rows: `NULL`), and the
//!   first malformed row is the one reported.
//! * Offsets drawn from the bytes themselves (unsorted, negative, past the
//!   data) never panic.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use routeguard::validate::batch::{validate_origins, Origins, Strings, Validity, NULL, ROV_WORDS};
use routeguard::validate::rov::origin_state;
use routeguard::{Asn, Prefix, RovIndex, Vrp};

fn index() -> &'static RovIndex {
    static INDEX: OnceLock<RovIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let v = |p: &str, m: u8, a: u32| Vrp::new(p.parse().unwrap(), m, Asn::new(a)).unwrap();
        RovIndex::new(&[
            v("10.0.0.0/8", 16, 1),
            v("10.1.0.0/16", 24, 2),
            v("10.1.0.0/16", 16, 0),
            v("192.0.2.0/24", 24, 3),
            v("2001:db8::/32", 48, 4),
            v("2001:db8:1::/48", 48, 5),
        ])
    })
}

fuzz_target!(|data: &[u8]| {
    let text = std::str::from_utf8(data).ok();
    assert_eq!(Prefix::parse_bytes(data), text.and_then(|s| Prefix::parse(s).ok()));
    assert_eq!(
        Prefix::parse_bytes_relaxed(data),
        text.and_then(|s| Prefix::parse_relaxed(s).ok())
    );

    let Some((&mode, rest)) = data.split_first() else { return };
    let relaxed = mode & 1 != 0;
    let rows: Vec<&[u8]> = rest.split(|&b| b == b'\n').collect();
    let n = rows.len();
    // Validity and origins from the rows' own bytes.
    let valid_bits: Vec<u8> = (0..n.div_ceil(8))
        .map(|k| if mode & 2 != 0 { 0xff } else { rest.get(k).copied().unwrap_or(0xff) | 0x55 })
        .collect();
    let origins: Vec<u32> = rows.iter().map(|r| r.first().map_or(0, |&b| u32::from(b % 7))).collect();
    let validity = (mode & 4 != 0).then(|| Validity::new(&valid_bits, 0));
    let mut flat = Vec::new();
    let mut off32 = vec![0i32];
    for r in &rows {
        flat.extend_from_slice(r);
        off32.push(i32::try_from(flat.len()).unwrap_or(i32::MAX));
    }
    let off64: Vec<i64> = off32.iter().map(|&o| i64::from(o)).collect();
    let mut views = Vec::with_capacity(16 * n);
    let mut at = 0u32;
    for r in &rows {
        let len = u32::try_from(r.len()).unwrap_or(u32::MAX);
        views.extend_from_slice(&len.to_le_bytes());
        if r.len() <= 12 {
            let mut inline = [0u8; 12];
            inline[..r.len()].copy_from_slice(r);
            views.extend_from_slice(&inline);
        } else {
            views.extend_from_slice(&r[..4]);
            views.extend_from_slice(&0u32.to_le_bytes());
            views.extend_from_slice(&at.to_le_bytes());
        }
        at = at.saturating_add(len);
    }
    let buffers = [flat.as_slice()];
    let strings = match (mode >> 3) % 3 {
        0 => Strings::Offsets32 { offsets: &off32, data: &flat, validity },
        1 => Strings::Offsets64 { offsets: &off64, data: &flat, validity },
        _ => Strings::Views { views: &views, buffers: &buffers, validity },
    };
    let column = Origins::U32(&origins).with(validity);
    let mut states = vec![0u8; n + usize::from(mode & 0x40 != 0)];
    let bad = validate_origins(index(), &strings, &column, relaxed, &mut states, None);
    let mut first_bad = None;
    for (i, r) in rows.iter().enumerate() {
        let is_valid = validity.is_none_or(|v| v.is_valid(i));
        let parsed = std::str::from_utf8(r).ok().and_then(|s| {
            if relaxed { Prefix::parse_relaxed(s).ok() } else { Prefix::parse(s).ok() }
        });
        let want = match (is_valid, parsed) {
            (false, _) => NULL,
            (true, None) => {
                first_bad.get_or_insert(i);
                NULL
            }
            (true, Some(p)) => {
                let origin = Some(Asn::new(origins[i]));
                let (state, _) = origin_state(index(), &p, origin);
                let word = state.as_str();
                u8::try_from(ROV_WORDS.iter().position(|w| *w == word).unwrap()).unwrap()
            }
        };
        assert_eq!(states[i], want, "row {i} {:?}", String::from_utf8_lossy(r));
    }
    if mode & 0x40 != 0 {
        assert_eq!(states[n], NULL, "a row past the columns");
    }
    assert_eq!(bad.map(|b| b.row), first_bad);

    // Offsets taken from the bytes: anything, never a panic.
    let wild: Vec<i32> = rest
        .chunks(4)
        .map(|c| i32::from_le_bytes([c[0], *c.get(1).unwrap_or(&0), *c.get(2).unwrap_or(&0), *c.get(3).unwrap_or(&0)]))
        .collect();
    let strings = Strings::Offsets32 { offsets: &wild, data: rest, validity: None };
    let mut states = vec![0u8; wild.len()];
    let _ = validate_origins(index(), &strings, &Origins::I8(&[]).with(None), relaxed, &mut states, None);
});
