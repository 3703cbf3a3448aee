const DNS_PORT: u16 = 5353;

fn main() {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, DNS_PORT)).unwrap();
}
