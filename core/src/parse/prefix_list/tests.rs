use super::*;

fn parse(text: &str) -> PrefixLists {
    parse_prefix_list(text.as_bytes(), None).unwrap()
}

fn strs(l: &PrefixList) -> Vec<String> {
    l.ranges.iter().map(ToString::to_string).collect()
}

#[test]
fn cisco_forms() {
    let l = parse("no ip prefix-list NN\nip prefix-list NN permit 192.0.2.0/24\nip prefix-list NN seq 10 permit 10.0.0.0/8 ge 16 le 24\nip prefix-list NN permit 10.0.0.0/8 ge 30\nip prefix-list NN permit 172.16.0.0/12 le 16\n");
    assert_eq!(l.format, Some(PrefixListFormat::Cisco));
    let nn = l.get("NN").unwrap();
    assert_eq!(nn.family, Some(Family::V4));
    assert_eq!(
        strs(nn),
        [
            "10.0.0.0/8^16-24",
            "10.0.0.0/8^30-32",
            "172.16.0.0/12^12-16",
            "192.0.2.0/24"
        ]
    );
}

/// The block-list forms' edges, as they were before they shared one
/// reader: XR refuses an empty entry, XPL skips it; a trailing comma
/// before the end keyword is fine; an unclosed block is an error at the
/// end of the input.
#[test]
fn block_list_edges() {
    let l = parse("prefix-set P\n  10.0.0.0/8 le 24,\n  192.0.2.0/24,\nend-set\n!\n");
    assert_eq!(
        strs(l.get("P").unwrap()),
        ["10.0.0.0/8^8-24", "192.0.2.0/24"]
    );
    let l =
        parse("xpl ip-prefix-list X\n  10.0.0.0 8 ge 16 le 24,\n  ,\n  192.0.2.0 24\n  end-list\n");
    assert_eq!(l.format, Some(PrefixListFormat::HuaweiXpl));
    let x = l.get("X").unwrap();
    assert_eq!(x.family, Some(Family::V4));
    assert_eq!(strs(x), ["10.0.0.0/8^16-24", "192.0.2.0/24"]);
    // (input, line of the error, words of its message)
    let errors = [
        (
            "prefix-set P\n  10.0.0.0/8,\n  ,192.0.2.0/24\nend-set\n",
            3,
            "an empty entry",
        ),
        (
            "prefix-set P\n  10.0.0.0/8,\n  192.0.2.0/24\n",
            4,
            "prefix-set without end-set",
        ),
        (
            "prefix-set P Q\n  10.0.0.0/8\nend-set\n",
            1,
            "after the set name",
        ),
        (
            "xpl ip-prefix-list X\n  10.0.0.0 8\n",
            3,
            "xpl list without end-list",
        ),
        (
            "policy-options {\n  prefix-list A {\n    192.0.2.0/24;\n  }\n",
            5,
            "unbalanced { (missing })",
        ),
    ];
    for (text, line, words) in errors {
        let e = parse_prefix_list(text.as_bytes(), None).unwrap_err();
        assert_eq!(e.line(), line, "{text:?}: {e}");
        assert!(e.to_string().contains(words), "{text:?}: {e}");
    }
}
