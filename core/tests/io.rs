//! The file opener (`routeguard::io`): every compression by its magic
//! bytes whatever the file is called, multi-member inputs, the output cap,
//! corrupt and truncated data, read failures, and random round trips.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use routeguard::io::{self, Compression, IoError, Limits};

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn bzip2(data: &[u8]) -> Vec<u8> {
    let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn xz(data: &[u8]) -> Vec<u8> {
    let mut e = xz2::write::XzEncoder::new(Vec::new(), 1);
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn zstd(data: &[u8]) -> Vec<u8> {
    zstd::encode_all(data, 1).unwrap()
}

fn compress(c: Compression, data: &[u8]) -> Vec<u8> {
    match c {
        Compression::None => data.to_vec(),
        Compression::Gzip => gzip(data),
        Compression::Bzip2 => bzip2(data),
        Compression::Xz => xz(data),
        Compression::Zstd => zstd(data),
    }
}

/// The input split into `parts` pieces, each compressed on its own and the
/// results concatenated (gzip members, bzip2/xz streams, zstd frames).
fn compress_parts(c: Compression, data: &[u8], parts: usize) -> Vec<u8> {
    let step = data.len().div_ceil(parts.max(1)).max(1);
    let mut out = Vec::new();
    let mut chunks: Vec<&[u8]> = data.chunks(step).collect();
    while chunks.len() < parts {
        chunks.push(&[]);
    }
    for chunk in chunks {
        out.extend(compress(c, chunk));
    }
    out
}

const COMPRESSED: [Compression; 4] = [
    Compression::Gzip,
    Compression::Bzip2,
    Compression::Xz,
    Compression::Zstd,
];

/// A fresh directory for one test.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("routeguard-io-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn sample() -> Vec<u8> {
    let mut v = Vec::new();
    for i in 0..20_000u32 {
        writeln!(
            v,
            "AS{},10.{}.{}.0/24,24,ripe",
            64_496 + i % 100,
            i / 256 % 256,
            i % 256
        )
        .unwrap();
    }
    v
}

/// Every way to read a file, all of which must agree.
fn read_every_way(path: &Path, limits: &Limits) -> Result<Vec<u8>, IoError> {
    let whole = io::read(path, limits);
    let mut streamed = Vec::new();
    let s = io::open(path, limits).and_then(|mut input| {
        input
            .read_to_end(&mut streamed)
            .map_err(|e| IoError::from_io(e, path))
    });
    let from = io::read_from(std::fs::File::open(path).unwrap(), path, limits);
    let mut reader_streamed = Vec::new();
    let rs = io::open_reader(std::fs::File::open(path).unwrap(), path, limits).and_then(|mut i| {
        i.read_to_end(&mut reader_streamed)
            .map_err(|e| IoError::from_io(e, path))
    });
    let raw = std::fs::read(path).unwrap();
    let mem = io::decompress(&raw, limits).map(|c| c.into_owned());
    match &whole {
        Ok(w) => {
            assert_eq!(s.map(|_| &streamed), Ok(w), "open");
            assert_eq!(from.as_ref(), Ok(w), "read_from");
            assert_eq!(rs.map(|_| &reader_streamed), Ok(w), "open_reader");
            assert_eq!(mem.as_ref(), Ok(w), "decompress");
        }
        Err(e) => {
            assert_eq!(s.unwrap_err().code(), e.code(), "open: {e}");
            assert_eq!(from.unwrap_err().code(), e.code(), "read_from: {e}");
            assert_eq!(rs.unwrap_err().code(), e.code(), "open_reader: {e}");
            assert_eq!(mem.unwrap_err().code(), e.code(), "decompress: {e}");
        }
    }
    whole
}

#[test]
fn every_compression_by_content_whatever_the_name() {
    let d = dir("names");
    let data = sample();
    for c in Compression::ALL {
        // Names that say nothing, or the wrong thing.
        for name in ["vrps.json", "vrps.csv.bz2", "dump.gz", "noext"] {
            let p = write(&d, name, &compress(c, &data));
            assert_eq!(
                read_every_way(&p, &Limits::default()).unwrap(),
                data,
                "{c} as {name}"
            );
            assert_eq!(io::open(&p, &Limits::default()).unwrap().compression(), c);
        }
    }
}

#[test]
fn gzip_named_vrps_json_loads_as_vrps() {
    let d = dir("gzjson");
    let json =
        br#"{"roas":[{"asn":"AS64500","prefix":"192.0.2.0/24","maxLength":24,"ta":"ripe"}]}"#;
    let p = write(&d, "vrps.json", &gzip(json));
    let bytes = io::read(&p, &Limits::default()).unwrap();
    let loaded = routeguard::parse::load(&bytes, &Default::default()).unwrap();
    assert_eq!(loaded.set.vrps.len(), 1);
}

#[test]
fn multi_member_inputs_are_read_whole() {
    let d = dir("multi");
    let data = sample();
    for c in COMPRESSED {
        for parts in [2, 3, 7] {
            let bytes = compress_parts(c, &data, parts);
            let p = write(&d, "m", &bytes);
            assert_eq!(
                read_every_way(&p, &Limits::default()).unwrap(),
                data,
                "{c} x{parts}"
            );
        }
        // Empty members in between are fine too.
        let mut bytes = compress(c, b"");
        bytes.extend(compress(c, b"abc"));
        bytes.extend(compress(c, b""));
        bytes.extend(compress(c, b"def"));
        let p = write(&d, "e", &bytes);
        assert_eq!(
            read_every_way(&p, &Limits::default()).unwrap(),
            b"abcdef",
            "{c}"
        );
    }
}

#[test]
fn zstd_skippable_frames_are_skipped() {
    let d = dir("skippable");
    // A skippable frame (magic 0x184D2A50, 4-byte length, payload) first,
    // as pzstd writes, then two frames.
    let mut bytes = vec![0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3];
    bytes.extend(zstd(b"one "));
    bytes.extend(zstd(b"two"));
    assert_eq!(Compression::detect(&bytes), Compression::Zstd);
    let p = write(&d, "s.json", &bytes);
    assert_eq!(read_every_way(&p, &Limits::default()).unwrap(), b"one two");
}

#[test]
fn empty_and_tiny_files() {
    let d = dir("empty");
    for (name, bytes) in [
        ("empty.gz", &b""[..]),
        ("one", b"x"),
        ("magic-prefix", b"\x1f"),
        ("bz", b"BZ"),
    ] {
        let p = write(&d, name, bytes);
        assert_eq!(
            read_every_way(&p, &Limits::default()).unwrap(),
            bytes,
            "{name}"
        );
        let input = io::open(&p, &Limits::default()).unwrap();
        assert_eq!(input.compression(), Compression::None);
        assert_eq!(input.source_len(), Some(bytes.len() as u64));
    }
    // An empty compressed stream is empty output.
    for c in COMPRESSED {
        let p = write(&d, "z", &compress(c, b""));
        assert_eq!(read_every_way(&p, &Limits::default()).unwrap(), b"", "{c}");
    }
}

#[test]
fn truncated_and_corrupt_data_is_a_typed_error() {
    let d = dir("corrupt");
    let data = sample();
    for c in COMPRESSED {
        let full = compress(c, &data);
        for cut in [Compression::MAGIC_LEN, 12, full.len() / 2, full.len() - 1] {
            let p = write(&d, "t.json", &full[..cut]);
            let e = read_every_way(&p, &Limits::default()).unwrap_err();
            assert!(
                matches!(&e, IoError::Corrupt { compression, path, .. } if *compression == c && path == &p),
                "{c} cut at {cut}: {e:?}"
            );
            assert_eq!(e.code(), "corrupt");
            let msg = e.to_string();
            assert!(
                msg.starts_with(&format!("{}: invalid {c} data: ", p.display())),
                "{msg}"
            );
        }
        // The magic number and then garbage.
        let mut junk = full[..Compression::MAGIC_LEN].to_vec();
        junk.extend(b"this is no compressed stream at all, not even close; ".repeat(20));
        let p = write(&d, "j", &junk);
        let e = read_every_way(&p, &Limits::default()).unwrap_err();
        assert_eq!(e.code(), "corrupt", "{c}: {e}");
        // A good member followed by garbage.
        let mut tail = full.clone();
        tail.extend(b"\x00garbage after the stream");
        let p = write(&d, "g", &tail);
        let e = read_every_way(&p, &Limits::default()).unwrap_err();
        assert_eq!(e.code(), "corrupt", "{c}: {e}");
    }
}

#[test]
fn checksums_catch_flipped_bytes() {
    let d = dir("flip");
    let data = sample();
    // gzip (CRC-32), bzip2 (block and stream CRCs) and xz (CRC-64) carry
    // checksums; so does zstd when the encoder writes one (zstd -d's
    // default, not the library's).
    let mut zstd_checked = zstd::stream::Encoder::new(Vec::new(), 1).unwrap();
    zstd_checked.include_checksum(true).unwrap();
    zstd_checked.write_all(&data).unwrap();
    let zstd_checked = zstd_checked.finish().unwrap();
    for (c, full) in [
        (Compression::Gzip, gzip(&data)),
        (Compression::Bzip2, bzip2(&data)),
        (Compression::Xz, xz(&data)),
        (Compression::Zstd, zstd_checked),
    ] {
        // The stored checksum itself, near the end.
        let mut bad = full.clone();
        let at = match c {
            Compression::Gzip => bad.len() - 6,
            Compression::Bzip2 => bad.len() - 3,
            Compression::Xz => bad.len() - 20,
            _ => bad.len() - 2,
        };
        bad[at] ^= 0x55;
        let p = write(&d, "f", &bad);
        let e = read_every_way(&p, &Limits::default()).unwrap_err();
        assert_eq!(e.code(), "corrupt", "{c}: {e}");
    }
}

#[test]
fn the_output_cap_is_a_typed_error() {
    let d = dir("cap");
    let data = sample();
    let n = data.len() as u64;
    for c in Compression::ALL {
        let p = write(&d, "c", &compress_parts(c, &data, 2));
        // Exactly the size passes, one byte less does not.
        assert_eq!(read_every_way(&p, &Limits::new(n)).unwrap(), data, "{c}");
        for cap in [0, 1, n / 2, n - 1] {
            let e = read_every_way(&p, &Limits::new(cap)).unwrap_err();
            assert_eq!(
                e,
                IoError::TooLarge {
                    path: p.clone(),
                    compression: c,
                    limit: cap
                },
                "{c} cap {cap}"
            );
            assert_eq!(e.code(), "too-large");
        }
    }
    // A bomb: 64 MiB of zeros compress to little; a 1 MiB cap stops it
    // after 1 MiB, without the rest ever being held.
    let zeros = vec![0u8; 64 << 20];
    for c in COMPRESSED {
        let bomb = compress(c, &zeros);
        assert!(bomb.len() < 1 << 20, "{c}: {}", bomb.len());
        let p = write(&d, "bomb", &bomb);
        let e = io::read(&p, &Limits::new(1 << 20)).unwrap_err();
        assert_eq!(e.code(), "too-large", "{c}");
        let mut input = io::open(&p, &Limits::new(1 << 20)).unwrap();
        let mut sink = Vec::new();
        let err = input.read_to_end(&mut sink).unwrap_err();
        assert_eq!(sink.len(), 1 << 20, "{c}: what came out before the error");
        assert_eq!(IoError::from_io(err, &p).code(), "too-large");
        assert_eq!(input.error().map(IoError::code), Some("too-large"));
        // And it stays failed.
        assert!(input.fill_buf().is_err());
    }
    assert_eq!(Limits::default().max_output, 16 << 30);
    assert_eq!(Limits::default().with_max_output(5), Limits::new(5));
}

#[test]
fn open_and_read_failures_name_the_path() {
    let d = dir("fail");
    let missing = d.join("missing.json");
    for e in [
        io::read(&missing, &Limits::default()).unwrap_err(),
        io::open(&missing, &Limits::default()).unwrap_err(),
    ] {
        assert!(
            matches!(
                &e,
                IoError::Open {
                    kind: std::io::ErrorKind::NotFound,
                    os_code: Some(2),
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(e.code(), "open");
        assert_eq!(e.path(), missing);
        assert!(
            e.to_string()
                .starts_with(&format!("cannot open {}: ", missing.display())),
            "{e}"
        );
        let crate_error = routeguard::Error::from(e);
        assert_eq!(crate_error.kind(), "io");
    }
    // A directory opens (on Unix) but cannot be read.
    let e = io::read(&d, &Limits::default()).unwrap_err();
    assert_eq!(e.code(), "read", "{e:?}");
    assert_eq!(e.os_code(), Some(21));
    assert!(
        e.to_string()
            .starts_with(&format!("cannot read {}: ", d.display())),
        "{e}"
    );
}

/// Hands out its bytes `step` at a time, then fails (if `fail`).
struct Trickle {
    data: Vec<u8>,
    pos: usize,
    step: usize,
    fail: bool,
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.data.len() {
            if self.fail {
                return Err(std::io::Error::from_raw_os_error(5));
            }
            return Ok(0);
        }
        let n = self.step.min(buf.len()).min(self.data.len() - self.pos);
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[test]
fn readers_that_trickle_or_fail() {
    let data = sample();
    let name = Path::new("<stdin>");
    for c in Compression::ALL {
        let bytes = compress(c, &data);
        let t = Trickle {
            data: bytes.clone(),
            pos: 0,
            step: 1,
            fail: false,
        };
        assert_eq!(
            io::read_from(t, name, &Limits::default()).unwrap(),
            data,
            "{c}"
        );
        // A source that fails half-way: a read error, not corrupt data.
        let half = bytes[..bytes.len() / 2].to_vec();
        let t = Trickle {
            data: half.clone(),
            pos: 0,
            step: 4096,
            fail: true,
        };
        let e = io::read_from(t, name, &Limits::default()).unwrap_err();
        assert!(
            matches!(&e, IoError::Read { os_code: Some(5), path, .. } if path == name),
            "{c}: {e:?}"
        );
        let t = Trickle {
            data: half,
            pos: 0,
            step: 4096,
            fail: true,
        };
        let mut input = io::open_reader(t, name, &Limits::default()).unwrap();
        let mut sink = Vec::new();
        let err = input.read_to_end(&mut sink).unwrap_err();
        assert_eq!(IoError::from_io(err, Path::new("x")).code(), "read", "{c}");
        assert_eq!(input.error().and_then(IoError::os_code), Some(5));
    }
}

#[test]
fn progress_reports_the_compressed_bytes() {
    let d = dir("progress");
    let mut data = Vec::new();
    for _ in 0..8 {
        data.extend(sample());
    }
    let bytes = bzip2(&data);
    let p = write(&d, "p.bz2", &bytes);
    let mut seen = Vec::new();
    let out = io::read_with_progress(&p, &Limits::default(), &mut |done, total| {
        seen.push((done, total))
    })
    .unwrap();
    assert_eq!(out, data);
    assert!(seen.len() > 1, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
    assert_eq!(seen.last(), Some(&(bytes.len() as u64, bytes.len() as u64)));
    // A plain file is one read: nothing to report.
    let plain = write(&d, "p.txt", &data);
    let mut calls = 0;
    io::read_with_progress(&plain, &Limits::default(), &mut |_, _| calls += 1).unwrap();
    assert_eq!(calls, 0);
    // Streaming reports as the file is consumed.
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let s2 = std::sync::Arc::clone(&seen);
    let mut input = io::open_with_progress(&p, &Limits::default(), move |done, total| {
        s2.lock().unwrap().push((done, total))
    })
    .unwrap();
    let mut sink = Vec::new();
    input.read_to_end(&mut sink).unwrap();
    assert_eq!(sink, data);
    let seen = seen.lock().unwrap();
    assert!(!seen.is_empty());
    assert!(
        seen.iter().all(|&(d, t)| d <= t && t == bytes.len() as u64),
        "{seen:?}"
    );
}

#[test]
fn streaming_lines_from_a_compressed_dump() {
    let d = dir("lines");
    let data = sample();
    let p = write(&d, "dump.db", &compress_parts(Compression::Gzip, &data, 4));
    let input = io::open(&p, &Limits::default()).unwrap();
    assert_eq!(input.path(), p);
    let lines: Vec<String> = input.lines().map(Result::unwrap).collect();
    assert_eq!(lines.len(), 20_000);
    assert_eq!(lines[0], "AS64496,10.0.0.0/24,24,ripe");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Random bytes through each compressor (in 1 to 3 members) and back
    /// through the opener, whole and streaming.
    #[test]
    fn round_trip(data in proptest::collection::vec(any::<u8>(), 0..4096), parts in 1usize..4, which in 0usize..5) {
        let c = Compression::ALL[which];
        let bytes = if c == Compression::None { data.clone() } else { compress_parts(c, &data, parts) };
        let back = io::decompress(&bytes, &Limits::default()).unwrap();
        // Plain random bytes may start with a magic number by chance.
        if c != Compression::None || Compression::detect(&data) == Compression::None {
            prop_assert_eq!(&back[..], &data[..]);
            let mut streamed = Vec::new();
            io::open_reader(std::io::Cursor::new(bytes.clone()), Path::new("r"), &Limits::default())
                .unwrap()
                .read_to_end(&mut streamed)
                .unwrap();
            prop_assert_eq!(streamed, data);
        }
    }

    /// Arbitrary bytes after each magic number: an error or some output,
    /// never a panic and never more than the cap.
    #[test]
    fn arbitrary_bytes_respect_the_cap(tail in proptest::collection::vec(any::<u8>(), 0..512), which in 0usize..4, cap in 0u64..2048) {
        let magic: &[u8] = match which {
            0 => b"\x1f\x8b\x08\x00",
            1 => b"BZh9",
            2 => b"\xfd7zXZ\x00",
            _ => b"\x28\xb5\x2f\xfd",
        };
        let mut bytes = magic.to_vec();
        bytes.extend(&tail);
        if let Ok(out) = io::decompress(&bytes, &Limits::new(cap)) {
            prop_assert!(out.len() as u64 <= cap);
        }
        let mut input = io::open_reader(std::io::Cursor::new(bytes), Path::new("r"), &Limits::new(cap)).unwrap();
        let mut out = Vec::new();
        let r = input.read_to_end(&mut out);
        prop_assert!(out.len() as u64 <= cap);
        prop_assert_eq!(r.is_err(), input.error().is_some());
    }
}
