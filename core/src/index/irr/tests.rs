use super::*;

/// A database of minimal objects (lenient: no mnt-by, admin-c…), none skipped.
fn db(text: &str) -> IrrDb {
    let mut b = IrrDbBuilder::new(RpslOptions::lenient());
    let r = b.add_text(text.as_bytes(), None).unwrap();
    assert_eq!(r.skipped, 0, "{:?}", r.warnings);
    b.build()
}

#[test]
fn masks() {
    assert_eq!(mask(0), 0);
    assert_eq!(mask(1), 1 << 127);
    assert_eq!(mask(128), u128::MAX);
}

#[test]
fn host_routes_and_default() {
    let d = db("route: 0.0.0.0/0\norigin: AS1\nsource: A\n\nroute: 10.0.0.1/32\norigin: AS2\nsource: A\n\nroute6: ::/0\norigin: AS3\nsource: A\n");
    let host: Prefix = "10.0.0.1/32".parse().unwrap();
    assert!(d.routes_more_specific(&host).is_empty());
    assert_eq!(d.routes_covering(&host).len(), 2);
    let all: Prefix = "0.0.0.0/0".parse().unwrap();
    assert_eq!(d.routes_more_specific(&all).len(), 1);
    let v6: Prefix = "2001:db8::/128".parse().unwrap();
    assert_eq!(d.routes_covering(&v6).len(), 1);
    assert_eq!(d.stats().routes_v4, 2);
}

#[test]
fn duplicates_within_a_source_collapse() {
    let d = db("route: 10.0.0.0/8\norigin: AS1\ndescr: old\nsource: A\n\nroute: 10.0.0.0/8\norigin: AS1\ndescr: new\nsource: a\n\nroute: 10.0.0.0/8\norigin: AS1\nsource: B\n");
    let r = d.routes_exact(&"10.0.0.0/8".parse().unwrap());
    assert_eq!(r.len(), 2);
    assert_eq!(d.object(r[0].id).unwrap().get("descr"), Some("new"));
    assert_eq!(d.len(), 3);
}

#[test]
fn heap_accounts_for_the_arena() {
    let text = "mntner: M\nsource: A\n";
    let d = db(text);
    assert!(d.heap_bytes() >= text.len());
    assert_eq!(d.object_bytes(ObjId(0)).unwrap(), b"mntner: M\nsource: A");
    assert!(d.object(ObjId(1)).is_none());
}

#[test]
fn send_sync() {
    fn f<T: Send + Sync>() {}
    f::<IrrDb>();
    f::<IrrDbBuilder>();
}

#[test]
fn covering_walks_the_parent_chain() {
    // Siblings between the query and its ancestors in preorder.
    let d = db("route: 10.0.0.0/8\norigin: AS1\nsource: A\n\nroute: 10.0.0.0/16\norigin: AS2\nsource: A\n\nroute: 10.0.1.0/24\norigin: AS3\nsource: A\n\nroute: 10.0.2.0/24\norigin: AS4\nsource: A\n\nroute: 10.1.0.0/16\norigin: AS5\nsource: A\n");
    let got: Vec<String> = d
        .routes_covering(&"10.0.3.0/24".parse().unwrap())
        .iter()
        .map(|r| r.prefix.to_string())
        .collect();
    assert_eq!(got, ["10.0.0.0/8", "10.0.0.0/16"]);
    let got = d.routes_covering(&"10.1.0.1/32".parse().unwrap());
    assert_eq!(got.len(), 2);
    assert_eq!(
        d.routes_more_specific(&"10.0.0.0/8".parse().unwrap()).len(),
        4
    );
}
