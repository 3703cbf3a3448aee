fn main() {
    // TcpListener::bind("0.0.0.0:1111")
    /* let port = 2222; server.bind(("0.0.0.0", port)) */
    info!("metrics listening at http://0.0.0.0:8765");
    println!("listening on 0.0.0.0:3333");
    let url = "http://0.0.0.0:4444/metrics";
    let stream = TcpStream::connect("127.0.0.1:5555").unwrap();
    let client = reqwest::get("http://localhost:6666").await?;
    let db = TcpStream::connect(("db.internal", 5432));
}
