package main

var (
	port    = flag.Int("port", 8085, "HTTP port")
	workers = flag.Int("workers", 8, "worker count")
)

func main() {
	addr := flag.String("metrics-addr", ":9100", "metrics address")
	var dbPort int
	flag.IntVar(&dbPort, "db-port", 5432, "database port")
	pflag.IntP("admin-port", "a", 9092, "admin port")
	flag.StringVar(&httpPort, "http-port", getEnv("WHOAMI_PORT_NUMBER", "80"), "give me a port number")
	flag.Parse()
	go http.ListenAndServe(*addr, metrics)
}
