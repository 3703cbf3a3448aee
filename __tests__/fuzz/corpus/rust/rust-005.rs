async fn main() {
    warp::serve(routes).run(([0, 0, 0, 0], 3030)).await;
    HttpServer::new(|| App::new()).bind(("127.0.0.1", 8080))?.run().await
}
