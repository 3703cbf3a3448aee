rust
let l = TcpListener::bind(addr);
