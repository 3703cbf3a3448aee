fn main() { TcpListener::bind("0.0.0.0:7100").unwrap(); }
