//! The resolver interface (IRRd semantics over a local database or whois): placeholder.
