//! RPSL parsing (RFC 2622, RFC 4012): placeholder, being written.
