package main

func main() {
	go http.ListenAndServe(":8080", nil)
	l, err := net.Listen("tcp", "127.0.0.1:9000")
	pc, err := net.ListenPacket("udp", `:5353`)
}
