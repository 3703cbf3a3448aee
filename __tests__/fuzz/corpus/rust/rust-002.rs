async fn main() {
    let listener = TcpListener::bind("127.0.0.1:3000").await.unwrap();
}
