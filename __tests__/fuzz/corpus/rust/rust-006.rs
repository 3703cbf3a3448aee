fn main() {
    let l = TcpListener::bind(if acme_ipv6 { "[::]:443" } else { "0.0.0.0:443" });
}
