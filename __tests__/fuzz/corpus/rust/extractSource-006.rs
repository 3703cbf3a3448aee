fn broken( {
    let x = ;
}

fn main() {
    let listener = TcpListener::bind("0.0.0.0:7300").unwrap();
}
