fn main() { TcpListener::bind("0.0.0.0:1").unwrap(); }
