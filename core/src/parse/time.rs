//! RFC 3339 timestamps (`2025-07-20T09:31:33Z`) to and from Unix seconds,
//! as validator exports write them (UTC, `Z` or a numeric offset).

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn num(s: &[u8]) -> Option<i64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    s.iter().try_fold(0i64, |acc, c| {
        acc.checked_mul(10)?.checked_add(i64::from(c - b'0'))
    })
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)` into Unix seconds; `None`
/// for anything else (fractions are dropped, the offset applied).
///
/// ```
/// use routeguard::parse::time::parse_rfc3339;
/// assert_eq!(parse_rfc3339("2025-07-20T11:31:33+02:00"), Some(1_753_003_893));
/// assert_eq!(parse_rfc3339("2025-07-20"), None);
/// ```
#[must_use]
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 {
        return None;
    }
    let sep_ok = b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && b.get(13) == Some(&b':')
        && b.get(16) == Some(&b':');
    if !sep_ok {
        return None;
    }
    let y = num(b.get(0..4)?)?;
    let mo = num(b.get(5..7)?)?;
    let d = num(b.get(8..10)?)?;
    let h = num(b.get(11..13)?)?;
    let mi = num(b.get(14..16)?)?;
    let se = num(b.get(17..19)?)?;
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut rest = b.get(19..)?;
    if rest.first() == Some(&b'.') {
        let n = rest
            .iter()
            .skip(1)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if n == 0 {
            return None;
        }
        rest = rest.get(1 + n..)?;
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let oh = num(&[*h1, *h2])?;
            let om = num(&[*m1, *m2])?;
            let o = oh * 3600 + om * 60;
            if *sign == b'+' {
                o
            } else {
                -o
            }
        }
        _ => return None,
    };
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se - offset)
}

/// The calendar month (UTC) holding Unix time `t`: its year, month (1–12),
/// and its first and one-past-last second.
pub(crate) fn month_of(t: i64) -> (i64, i64, i64, i64) {
    let (y, m, _) = civil_from_days(t.div_euclid(86_400));
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    (
        y,
        m,
        days_from_civil(y, m, 1) * 86_400,
        days_from_civil(ny, nm, 1) * 86_400,
    )
}

/// Formats Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (UTC, proleptic
/// Gregorian), the form every routeguard output writes.
///
/// ```
/// use routeguard::parse::time::format_rfc3339;
/// assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
/// assert_eq!(format_rfc3339(1_753_003_893), "2025-07-20T09:31:33Z");
/// ```
#[must_use]
pub fn format_rfc3339(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_leap_days_centuries_and_negative_times() {
        assert_eq!(format_rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(format_rfc3339(4_102_444_800), "2100-01-01T00:00:00Z");
        for t in [-1, 0, 951_782_400, 1_753_003_893, 4_102_444_800] {
            assert_eq!(parse_rfc3339(&format_rfc3339(t)), Some(t));
        }
    }

    #[test]
    fn roundtrip() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2025-03-09T21:45:54Z"), Some(1_741_556_754));
        assert_eq!(
            parse_rfc3339("2025-03-09T22:45:54+01:00"),
            Some(1_741_556_754)
        );
        assert_eq!(
            parse_rfc3339("2025-03-09T21:45:54.123Z"),
            Some(1_741_556_754)
        );
        assert_eq!(format_rfc3339(1_741_556_754), "2025-03-09T21:45:54Z");
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
        for t in [0i64, 951_782_400, 1_753_453_058, 4_102_444_800, -86_400] {
            assert_eq!(parse_rfc3339(&format_rfc3339(t)), Some(t));
        }
        for bad in [
            "",
            "2025-03-09",
            "2025-13-09T21:45:54Z",
            "2025-03-09T21:45:54",
            "2025-03-09T21:45:54+0100",
            "x025-03-09T21:45:54Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }
}
