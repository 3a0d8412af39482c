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
