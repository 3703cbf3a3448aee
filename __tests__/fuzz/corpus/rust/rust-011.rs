fn main() {
    let listener = TcpListener::bind("0.0.0.0:7000").unwrap();
}

#[cfg(test)]
mod tests {
    #[test]
    fn binds() { TcpListener::bind("0.0.0.0:7001").unwrap(); }
}

#[tokio::test]
async fn serves() { TcpListener::bind("0.0.0.0:7002").await.unwrap(); }

#[cfg(not(test))]
fn production() { TcpListener::bind("0.0.0.0:7003").unwrap(); }
