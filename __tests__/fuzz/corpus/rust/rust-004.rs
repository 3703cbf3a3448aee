fn main() {
    let addr: SocketAddr = "0.0.0.0:9999".parse().unwrap();
    let upstream: SocketAddr = "10.0.0.5:9999".parse().unwrap();
    hyper::Server::bind(&addr).serve(service);
}
