//! Which classes exist and, for the typed ones, which attributes they
//! define, which are mandatory and which single-valued (RFC 2622, RFC 2725,
//! RFC 4012, the RIPE and IRRd schemas).

/// Every class name accepted (lowercase): RFC 2622/2725/4012, RIPE, APNIC,
/// AFRINIC, LACNIC, IRRd, and dn42's own classes.
pub const KNOWN_CLASSES: &[&str] = &[
    "as-block",
    "as-set",
    "aut-num",
    "dictionary",
    "dns",
    "domain",
    "filter-set",
    "inet-rtr",
    "inet6num",
    "inetnum",
    "ipv6-site",
    "irt",
    "key-cert",
    "limerick",
    "mntner",
    "organisation",
    "peering-set",
    "person",
    "poem",
    "poetic-form",
    "registry",
    "repository",
    "role",
    "route",
    "route-set",
    "route6",
    "rtr-set",
    "schema",
    "tinc-key",
    "tinc-keyset",
];

/// Whether a class name (any case) is known.
pub fn is_known_class(name: &str) -> bool {
    KNOWN_CLASSES.iter().any(|c| c.eq_ignore_ascii_case(name))
}

/// Attributes every typed class accepts.
const COMMON: &[&str] = &[
    "descr",
    "remarks",
    "notify",
    "mnt-by",
    "changed",
    "source",
    "admin-c",
    "tech-c",
    "created",
    "last-modified",
    "org",
    "abuse-c",
    "mnt-ref",
];

/// The schema of a typed class.
#[derive(Debug)]
pub struct ClassSchema {
    /// The class name.
    pub class: &'static str,
    /// Primary-key attributes (checked in both modes).
    pub key: &'static [&'static str],
    /// Mandatory attributes (checked in strict mode).
    pub mandatory: &'static [&'static str],
    /// Single-valued attributes. Strict mode rejects a repeat; lenient
    /// mode rejects a repeated class attribute or `source` and only warns
    /// about other repeats (dn42's multi-origin routes).
    pub single: &'static [&'static str],
    /// Attributes of this class beyond the ones every typed class accepts
    /// (`descr`, `remarks`, `mnt-by`, `source`, `admin-c`, …).
    pub extra: &'static [&'static str],
}

impl ClassSchema {
    /// Whether the class defines an attribute (lowercase name).
    pub fn knows(&self, attr: &str) -> bool {
        COMMON.contains(&attr) || self.extra.contains(&attr) || self.key.contains(&attr)
    }
}

const ROUTE_EXTRA: &[&str] = &[
    "origin",
    "holes",
    "mp-holes",
    "member-of",
    "inject",
    "mp-inject",
    "aggr-mtd",
    "aggr-bndry",
    "export-comps",
    "mp-export-comps",
    "components",
    "mp-components",
    "mnt-lower",
    "mnt-routes",
    "pingable",
    "ping-hdl",
    "rpki-ov-state",
    "max-length",
    "geoidx",
    "roa-uri",
    "cross-mnt",
    "cross-nfy",
    "status",
];

const SET_EXTRA: &[&str] = &["members", "mp-members", "mbrs-by-ref", "member-of"];

const CONTACT_EXTRA: &[&str] = &[
    "address",
    "phone",
    "fax-no",
    "e-mail",
    "nic-hdl",
    "abuse-mailbox",
    "trouble",
    "pgp-key",
];

const INETNUM_EXTRA: &[&str] = &[
    "netname",
    "country",
    "status",
    "geofeed",
    "geoloc",
    "language",
    "mnt-lower",
    "mnt-routes",
    "mnt-domains",
    "mnt-irt",
    "sponsoring-org",
    "assignment-size",
    "rev-srv",
];

/// The schemas of the typed classes.
pub const SCHEMAS: &[ClassSchema] = &[
    ClassSchema {
        class: "route",
        key: &["route", "origin"],
        mandatory: &["route", "origin", "mnt-by", "source"],
        single: &["route", "origin", "source", "max-length"],
        extra: ROUTE_EXTRA,
    },
    ClassSchema {
        class: "route6",
        key: &["route6", "origin"],
        mandatory: &["route6", "origin", "mnt-by", "source"],
        single: &["route6", "origin", "source", "max-length"],
        extra: ROUTE_EXTRA,
    },
    ClassSchema {
        class: "aut-num",
        key: &["aut-num"],
        mandatory: &[
            "aut-num", "as-name", "admin-c", "tech-c", "mnt-by", "source",
        ],
        single: &[
            "aut-num",
            "as-name",
            "source",
            "org",
            "status",
            "sponsoring-org",
        ],
        extra: &[
            "as-name",
            "member-of",
            "import",
            "export",
            "mp-import",
            "mp-export",
            "default",
            "mp-default",
            "import-via",
            "export-via",
            "mnt-routes",
            "mnt-lower",
            "status",
            "sponsoring-org",
            "cross-mnt",
            "cross-nfy",
        ],
    },
    ClassSchema {
        class: "as-set",
        key: &["as-set"],
        mandatory: &["as-set", "admin-c", "tech-c", "mnt-by", "source"],
        single: &["as-set", "source"],
        extra: SET_EXTRA,
    },
    ClassSchema {
        class: "route-set",
        key: &["route-set"],
        mandatory: &["route-set", "admin-c", "tech-c", "mnt-by", "source"],
        single: &["route-set", "source"],
        extra: SET_EXTRA,
    },
    ClassSchema {
        class: "mntner",
        key: &["mntner"],
        mandatory: &["mntner", "admin-c", "upd-to", "auth", "mnt-by", "source"],
        single: &["mntner", "source"],
        extra: &[
            "auth",
            "upd-to",
            "mnt-nfy",
            "referral-by",
            "auth-override",
            "abuse-mailbox",
        ],
    },
    ClassSchema {
        class: "person",
        key: &["person", "nic-hdl"],
        mandatory: &[
            "person", "address", "phone", "e-mail", "nic-hdl", "mnt-by", "source",
        ],
        single: &["person", "nic-hdl", "source"],
        extra: CONTACT_EXTRA,
    },
    ClassSchema {
        class: "role",
        key: &["role", "nic-hdl"],
        mandatory: &["role", "address", "e-mail", "nic-hdl", "mnt-by", "source"],
        single: &["role", "nic-hdl", "source"],
        extra: CONTACT_EXTRA,
    },
    ClassSchema {
        class: "organisation",
        key: &["organisation"],
        mandatory: &["organisation", "org-name", "mnt-by", "source"],
        single: &["organisation", "org-name", "org-type", "source"],
        extra: &[
            "org-name",
            "org-type",
            "address",
            "phone",
            "fax-no",
            "e-mail",
            "abuse-mailbox",
            "ref-nfy",
            "geoloc",
            "language",
            "country",
            "mnt-lower",
        ],
    },
    ClassSchema {
        class: "irt",
        key: &["irt"],
        mandatory: &[
            "irt",
            "address",
            "e-mail",
            "abuse-mailbox",
            "admin-c",
            "tech-c",
            "mnt-by",
            "source",
        ],
        single: &["irt", "source"],
        extra: &[
            "address",
            "phone",
            "fax-no",
            "e-mail",
            "abuse-mailbox",
            "signature",
            "encryption",
            "auth",
            "irt-nfy",
            "upd-to",
        ],
    },
    ClassSchema {
        class: "inetnum",
        key: &["inetnum"],
        mandatory: &[
            "inetnum", "netname", "country", "admin-c", "tech-c", "status", "mnt-by", "source",
        ],
        single: &["inetnum", "netname", "status", "source"],
        extra: INETNUM_EXTRA,
    },
    ClassSchema {
        class: "inet6num",
        key: &["inet6num"],
        mandatory: &[
            "inet6num", "netname", "country", "admin-c", "tech-c", "status", "mnt-by", "source",
        ],
        single: &["inet6num", "netname", "status", "source"],
        extra: INETNUM_EXTRA,
    },
];

/// The schema of a typed class (lowercase name).
pub fn schema(class: &str) -> Option<&'static ClassSchema> {
    SCHEMAS.iter().find(|s| s.class == class)
}
