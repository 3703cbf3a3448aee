#![cfg(test)]
fn helper() { TcpListener::bind("0.0.0.0:7004").unwrap(); }
