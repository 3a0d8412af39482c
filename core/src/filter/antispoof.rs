//! Source address validation (BCP 38, RFC 2827; BCP 84, RFC 3704): placeholder, filled in by the antispoof branch.
