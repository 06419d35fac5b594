//! The SEB hashes against values computed by hand with
//! `printf '%s' "$url$key" | sha256sum`, each refusal, and the URL behind proxies.

use std::net::IpAddr;

use super::*;

/// `printf '%s' synaq-seb-config-example | sha256sum`.
const CONFIG_KEY: &str = "94772b2b883c6abfba6badebef6c96d15a4a84d558a58a904d33edef77a63dfb";
/// `printf '%s' synaq-seb-browser-example | sha256sum`.
const BROWSER_KEY: &str = "c6eb73aca688ad209048f067131085d3fb1016b95386c4209179fcdd60bb7cdd";
const URL: &str = "https://exam.example.kz/exam";
/// `printf '%s' "https://exam.example.kz/exam$CONFIG_KEY" | sha256sum`.
const CONFIG_HASH: &str = "abda3ec1ad4cda49e9457e3bcd07a8aae22c4910a6b7367438e5eb904a26bd0d";
/// `printf '%s' "https://exam.example.kz/exam$BROWSER_KEY" | sha256sum`.
const REQUEST_HASH: &str = "093ccc909ce1d164fb84f67104be954b75e47b7a11db43a19b380d74b04e96ef";

const PROCTORING_MD: &str = include_str!("../../docs/proctoring.md");

fn keys() -> SebKeys {
    SebKeys::parse(CONFIG_KEY, &[BROWSER_KEY.to_owned()]).unwrap()
}

fn headers<'a>(config: &'a str, request: &'a str) -> SebHeaders<'a> {
    SebHeaders {
        config_key_hash: Some(config),
        request_hash: Some(request),
    }
}

#[test]
fn the_worked_example_hashes_as_computed_by_hand() {
    let k = keys();
    assert_eq!(request_hash(URL, &k.config_key), CONFIG_HASH);
    assert_eq!(request_hash(URL, &k.browser_exam_keys[0]), REQUEST_HASH);
    // By hand, too, for the start and the socket upgrade.
    assert_eq!(
        request_hash("https://exam.example.kz/api/v1/exam/start", &k.config_key),
        "3dcbade47b6fff51d5bcf1d20f9d2e823b0911cf344c56f5c71bf77375618436"
    );
    assert_eq!(
        request_hash("wss://exam.example.kz/ws/exam", &k.config_key),
        "714c701a5e7995ad7bfe35e75adb6c6301407a977ff464d6e455fb00a9949b14"
    );
    assert_eq!(verify(&k, URL, headers(CONFIG_HASH, REQUEST_HASH)), Ok(()));
}

#[test]
fn the_documentation_quotes_the_worked_example() {
    for value in [CONFIG_KEY, BROWSER_KEY, CONFIG_HASH, REQUEST_HASH] {
        assert!(
            PROCTORING_MD.contains(value),
            "docs/proctoring.md lacks {value}"
        );
    }
}

#[test]
fn an_uppercase_key_or_header_is_the_same_key() {
    let k = SebKeys::parse(
        &CONFIG_KEY.to_ascii_uppercase(),
        &[BROWSER_KEY.to_ascii_uppercase()],
    )
    .unwrap();
    assert_eq!(k, keys());
    let upper = CONFIG_HASH.to_ascii_uppercase();
    assert_eq!(verify(&k, URL, headers(&upper, REQUEST_HASH)), Ok(()));
}

#[test]
fn a_missing_header_is_headers_missing() {
    let k = keys();
    for h in [
        SebHeaders::default(),
        SebHeaders {
            config_key_hash: Some(CONFIG_HASH),
            request_hash: None,
        },
        SebHeaders {
            config_key_hash: None,
            request_hash: Some(REQUEST_HASH),
        },
    ] {
        assert_eq!(verify(&k, URL, h), Err(SebError::HeadersMissing));
    }
    assert_eq!(SebError::HeadersMissing.code(), "seb_headers_missing");
}

#[test]
fn a_wrong_config_key_hash_names_the_config_key() {
    let k = keys();
    // The browser key's hash in the config header, a hash of another URL, junk, a short value.
    let other_url = request_hash("https://exam.example.kz/me", &k.config_key);
    for sent in [
        REQUEST_HASH,
        other_url.as_str(),
        "zz",
        "",
        &CONFIG_HASH[..63],
    ] {
        assert_eq!(
            verify(&k, URL, headers(sent, REQUEST_HASH)),
            Err(SebError::ConfigKeyMismatch),
            "{sent}"
        );
    }
    assert_eq!(
        SebError::ConfigKeyMismatch.code(),
        "seb_config_key_mismatch"
    );
}

#[test]
fn a_wrong_request_hash_names_the_browser_exam_key() {
    let k = keys();
    let mut flipped = REQUEST_HASH.to_owned();
    flipped.replace_range(63.., "e");
    for sent in [CONFIG_HASH, flipped.as_str(), "not hex at all"] {
        assert_eq!(
            verify(&k, URL, headers(CONFIG_HASH, sent)),
            Err(SebError::BrowserExamKeyMismatch),
            "{sent}"
        );
    }
    assert_eq!(
        SebError::BrowserExamKeyMismatch.code(),
        "seb_browser_exam_key_mismatch"
    );
}

#[test]
fn any_listed_browser_exam_key_is_admitted_and_an_unlisted_one_is_not() {
    let second = "1".repeat(64);
    let k = SebKeys::parse(CONFIG_KEY, &[second.clone(), BROWSER_KEY.to_owned()]).unwrap();
    assert_eq!(verify(&k, URL, headers(CONFIG_HASH, REQUEST_HASH)), Ok(()));
    let by_second = request_hash(URL, &Key::parse(&second).unwrap());
    assert_eq!(verify(&k, URL, headers(CONFIG_HASH, &by_second)), Ok(()));
    let only_second = SebKeys::parse(CONFIG_KEY, &[second]).unwrap();
    assert_eq!(
        verify(&only_second, URL, headers(CONFIG_HASH, REQUEST_HASH)),
        Err(SebError::BrowserExamKeyMismatch)
    );
}

#[test]
fn the_hash_covers_the_whole_url_with_its_query() {
    let k = keys();
    let with_query = "https://exam.example.kz/exam?lang=ru";
    assert_ne!(request_hash(with_query, &k.config_key), CONFIG_HASH);
    assert_eq!(
        verify(&k, with_query, headers(CONFIG_HASH, REQUEST_HASH)),
        Err(SebError::ConfigKeyMismatch)
    );
}

#[test]
fn settings_are_refused_naming_the_field() {
    let bad = |c: &str, b: &[&str]| {
        let b: Vec<String> = b.iter().map(|s| (*s).to_owned()).collect();
        SebKeys::parse(c, &b).unwrap_err().field
    };
    assert_eq!(bad("abc", &[BROWSER_KEY]), "config_key");
    assert_eq!(bad(&"g".repeat(64), &[BROWSER_KEY]), "config_key");
    assert_eq!(bad(CONFIG_KEY, &[]), "browser_exam_keys");
    assert_eq!(
        bad(CONFIG_KEY, &[BROWSER_KEY, "12"]),
        "browser_exam_keys[1]"
    );
    assert_eq!(
        bad(
            CONFIG_KEY,
            &[BROWSER_KEY, &BROWSER_KEY.to_ascii_uppercase()]
        ),
        "browser_exam_keys[1]"
    );
    let many: Vec<String> = (0..33).map(|i| format!("{i:064x}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert_eq!(bad(CONFIG_KEY, &many), "browser_exam_keys");
    assert_eq!(
        SebKeys::parse(CONFIG_KEY, &[]).unwrap_err().to_string(),
        "browser_exam_keys: list at least one Browser Exam Key"
    );
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn target<'a>(peer: &str, path: &'a str) -> RequestTarget<'a> {
    RequestTarget {
        peer: ip(peer),
        scheme: "http",
        host: Some("10.0.0.5:8080"),
        path_and_query: path,
        forwarded: None,
        x_forwarded_proto: None,
        x_forwarded_host: None,
        websocket: false,
    }
}

#[test]
fn without_proxies_the_url_is_what_the_server_was_sent() {
    let none = TrustedProxies::default();
    let mut t = target("203.0.113.9", "/api/v1/exam/start?x=1");
    assert_eq!(
        absolute_url(t, &none),
        "http://10.0.0.5:8080/api/v1/exam/start?x=1"
    );
    t.websocket = true;
    t.path_and_query = "/ws/exam";
    assert_eq!(absolute_url(t, &none), "ws://10.0.0.5:8080/ws/exam");
    t.path_and_query = "";
    t.websocket = false;
    assert_eq!(absolute_url(t, &none), "http://10.0.0.5:8080/");
}

#[test]
fn forwarding_headers_of_an_untrusted_peer_are_ignored() {
    let trusted = TrustedProxies::parse("10.0.0.0/8").unwrap();
    let mut t = target("203.0.113.9", "/exam");
    t.x_forwarded_proto = Some("https");
    t.x_forwarded_host = Some("exam.example.kz");
    t.forwarded = Some("proto=https;host=exam.example.kz");
    assert_eq!(absolute_url(t, &trusted), "http://10.0.0.5:8080/exam");
}

#[test]
fn a_trusted_proxy_s_x_forwarded_headers_give_scheme_and_host() {
    let trusted = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1").unwrap();
    let mut t = target("10.1.2.3", "/exam");
    t.x_forwarded_proto = Some("https");
    t.x_forwarded_host = Some("exam.example.kz");
    assert_eq!(absolute_url(t, &trusted), URL);
    // A list: the last element is the trusted proxy's own.
    t.x_forwarded_host = Some("evil.example, exam.example.kz");
    t.x_forwarded_proto = Some("http, HTTPS");
    assert_eq!(absolute_url(t, &trusted), URL);
    t.websocket = true;
    t.path_and_query = "/ws/exam";
    assert_eq!(absolute_url(t, &trusted), "wss://exam.example.kz/ws/exam");
    // Only proto sent: the host stays the server's.
    let mut t = target("127.0.0.1", "/exam");
    t.x_forwarded_proto = Some("https");
    assert_eq!(absolute_url(t, &trusted), "https://10.0.0.5:8080/exam");
}

#[test]
fn a_trusted_proxy_s_forwarded_header_wins_over_x_forwarded() {
    let trusted = TrustedProxies::parse("10.0.0.1").unwrap();
    let mut t = target("10.0.0.1", "/exam");
    t.forwarded = Some(
        "for=198.51.100.1;proto=http;host=a.example, for=203.0.113.7;Proto=https;Host=\"exam.example.kz\"",
    );
    t.x_forwarded_host = Some("other.example");
    t.x_forwarded_proto = Some("http");
    assert_eq!(absolute_url(t, &trusted), URL);
}

#[test]
fn junk_forwarded_values_are_ignored() {
    let trusted = TrustedProxies::parse("10.0.0.1").unwrap();
    let mut t = target("10.0.0.1", "/exam");
    t.x_forwarded_proto = Some("gopher");
    t.x_forwarded_host = Some("exam.example.kz/evil path");
    assert_eq!(absolute_url(t, &trusted), "http://10.0.0.5:8080/exam");
    t.x_forwarded_host = Some("[2001:db8::1]:8443");
    assert_eq!(absolute_url(t, &trusted), "http://[2001:db8::1]:8443/exam");
}

#[test]
fn proxies_parse_as_addresses_and_blocks() {
    let p = TrustedProxies::parse(" 10.0.0.0/8 ,192.168.1.7, 2001:db8::/32,").unwrap();
    assert!(p.trusts(ip("10.255.0.1")));
    assert!(!p.trusts(ip("11.0.0.1")));
    assert!(p.trusts(ip("192.168.1.7")));
    assert!(!p.trusts(ip("192.168.1.8")));
    assert!(p.trusts(ip("2001:db8:1::5")));
    assert!(!p.trusts(ip("2001:db9::5")));
    assert!(p.trusts(ip("::ffff:10.1.1.1")), "IPv4-mapped IPv6");
    let odd = TrustedProxies::parse("172.16.0.0/12").unwrap();
    assert!(odd.trusts(ip("172.31.255.255")));
    assert!(!odd.trusts(ip("172.32.0.0")));
    assert!(
        TrustedProxies::parse("0.0.0.0/0")
            .unwrap()
            .trusts(ip("8.8.8.8"))
    );
    assert!(TrustedProxies::parse("").unwrap().is_empty());
    assert!(!TrustedProxies::default().trusts(ip("127.0.0.1")));
    for bad in [
        "10.0.0.0/33",
        "::/129",
        "localhost",
        "10.0.0/8",
        "1.2.3.4/x",
    ] {
        assert!(TrustedProxies::parse(bad).is_err(), "{bad}");
    }
}
