//! BGP roles (RFC 9234 §4.1): what the local AS is to its neighbour on one
//! session. Route-leak prevention ([`crate::validate::leak`], the OTC rules
//! of RFC 9234 §5) and ASPA verification ([`crate::validate::aspa`], which
//! picks its algorithm from the role) both take it.

use std::fmt;
use std::str::FromStr;

use super::UnknownWord;

/// A BGP speaker's role on one session, as configured locally: "I am the …
/// of my neighbour" (RFC 9234 §4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Local AS is the neighbour's transit provider (the neighbour is a
    /// customer).
    Provider,
    /// Local AS is a customer of the neighbour (a provider).
    Customer,
    /// Local AS is a route server (the neighbour is an RS-client).
    RouteServer,
    /// Local AS is a route-server client (the neighbour is a route server,
    /// transparent or not).
    RsClient,
    /// Lateral peers.
    Peer,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 5] = [
        Role::Provider,
        Role::Customer,
        Role::RouteServer,
        Role::RsClient,
        Role::Peer,
    ];

    /// `provider`, `customer`, `rs`, `rs-client`, `peer`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Provider => "provider",
            Role::Customer => "customer",
            Role::RouteServer => "rs",
            Role::RsClient => "rs-client",
            Role::Peer => "peer",
        }
    }

    /// The RFC 9234 BGP Role capability value (0 Provider, 1 RS,
    /// 2 RS-Client, 3 Customer, 4 Peer).
    pub const fn code(self) -> u8 {
        match self {
            Role::Provider => 0,
            Role::RouteServer => 1,
            Role::RsClient => 2,
            Role::Customer => 3,
            Role::Peer => 4,
        }
    }

    /// The role the neighbour must have (RFC 9234 §4.2 allowed pairs).
    pub const fn remote(self) -> Role {
        match self {
            Role::Provider => Role::Customer,
            Role::Customer => Role::Provider,
            Role::RouteServer => Role::RsClient,
            Role::RsClient => Role::RouteServer,
            Role::Peer => Role::Peer,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = UnknownWord;
    /// Accepts `provider`, `customer`, `rs` (or `route-server`), `rs-client`
    /// (or `route-server-client`), `peer` (or `lateral`); any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "provider" => Role::Provider,
            "customer" => Role::Customer,
            "rs" | "route-server" => Role::RouteServer,
            "rs-client" | "route-server-client" => Role::RsClient,
            "peer" | "lateral" => Role::Peer,
            _ => {
                return Err(UnknownWord::new(
                    "role",
                    s,
                    "provider, customer, rs, rs-client or peer",
                ))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_codes_and_pairs() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
            assert_eq!(r.remote().remote(), r);
        }
        let codes: Vec<u8> = Role::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(codes, [0, 3, 1, 2, 4]);
        assert_eq!("Route-Server".parse::<Role>(), Ok(Role::RouteServer));
        let e = "sibling".parse::<Role>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown role \"sibling\" (expected provider, customer, rs, rs-client or peer)"
        );
    }
}
