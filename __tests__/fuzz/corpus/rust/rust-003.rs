fn main() {
    let port = 9100;
    let a = std::net::TcpListener::bind(("0.0.0.0", port)).unwrap();
    let addr = SocketAddr::from(([127, 0, 0, 1], 9200));
    axum::Server::bind(&addr).serve(app.into_make_service());
}
