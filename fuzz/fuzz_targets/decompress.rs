//! Fuzzes compression detection and decompression (`routeguard::io`) on
//! arbitrary bytes under a small output cap: no panic, hang or unbounded
//! allocation, never more output than the cap, plain input back unchanged,
//! and the three ways in (bytes in memory, a reader read whole, a streaming
//! reader read a few bytes at a time) agree on the outcome.
#![no_main]
use std::borrow::Cow;
use std::io::{Cursor, Read};
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use routeguard::io::{self, Compression, IoError, Limits};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the cap (0 to 1 MiB in 4 KiB steps, and a few
    // tiny ones); the rest is the input.
    let Some((&pick, input)) = data.split_first() else { return };
    let cap = match pick {
        0..=15 => u64::from(pick),
        _ => u64::from(pick) << 12,
    };
    let limits = Limits::new(cap);
    let name = Path::new("fuzz");
    let kind = Compression::detect(input);

    let mem = io::decompress(input, &limits);
    match (&mem, kind) {
        (Ok(Cow::Borrowed(b)), Compression::None) => assert_eq!(*b, input),
        (Ok(Cow::Borrowed(_)), _) => panic!("compressed input came back as it was"),
        (Ok(Cow::Owned(_)), Compression::None) => panic!("plain input was copied"),
        (Err(e), Compression::None) => {
            assert_eq!(e.code(), "too-large", "{e}");
            assert!(input.len() as u64 > cap);
        }
        _ => {}
    }
    if let Ok(out) = &mem {
        assert!(out.len() as u64 <= cap, "{} bytes past a cap of {cap}", out.len());
    }
    if let Err(e) = &mem {
        // In memory: no path, and never an open or read failure.
        assert!(e.path().as_os_str().is_empty());
        assert!(matches!(e.code(), "corrupt" | "too-large"), "{e}");
    }

    // A reader, read whole.
    let whole = io::read_from(Cursor::new(input), name, &limits);
    assert_eq!(whole.is_ok(), mem.is_ok(), "{whole:?} vs {mem:?}");
    if let (Ok(a), Ok(b)) = (&whole, &mem) {
        assert_eq!(&a[..], &b[..]);
    }

    // A streaming reader, a few bytes at a time.
    let mut stream = io::open_reader(Cursor::new(input.to_vec()), name, &limits)
        .expect("opening a reader only reads its first bytes");
    assert_eq!(stream.compression(), kind);
    let mut out = Vec::new();
    let mut buf = [0u8; 7];
    let streamed = loop {
        match stream.read(&mut buf) {
            Ok(0) => break Ok(()),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) => break Err(IoError::from_io(e, name)),
        }
        assert!(out.len() as u64 <= cap, "streamed {} bytes past a cap of {cap}", out.len());
    };
    assert_eq!(streamed.is_ok(), mem.is_ok(), "{streamed:?} vs {mem:?}");
    match (&streamed, &mem) {
        (Ok(()), Ok(b)) => assert_eq!(&out[..], &b[..]),
        (Err(e), _) => {
            assert_eq!(stream.error(), Some(e), "the input keeps the error it returned");
            assert!(stream.read(&mut buf).is_err(), "reading goes on failing");
        }
        _ => {}
    }
});
