#[derive(Parser)]
struct Args {
    /// Where to listen
    #[arg(long, env = "LISTEN_ADDR", default_value = "0.0.0.0:9990")]
    listen: SocketAddr,
    #[clap(long, default_value = "[::]:8765")]
    metrics: SocketAddr,
    #[arg(long, default_value_t = 8080)]
    port: u16,
    #[arg(long, default_value_t = DEFAULT_ADMIN_PORT)]
    admin_port: u16,
    #[arg(long, default_value_t = 8)]
    workers: usize,
    #[arg(long, default_value = "127.0.0.1:8081")]
    cdn_endpoint: String,
}
const DEFAULT_ADMIN_PORT: u16 = 9000;
