//! Host-only network clients: placeholder, being written.
