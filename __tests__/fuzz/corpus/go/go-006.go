package main

func main() {
	conn, _ := net.ListenUDP("udp", &net.UDPAddr{Port: 5354})
	flags := []cli.Flag{&cli.IntFlag{Name: "port", Value: 8086}, &cli.IntFlag{Name: "retries", Value: 3}}
	pool.Run(10)
}
