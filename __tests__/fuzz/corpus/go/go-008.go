package main

func main() {
	// http.ListenAndServe(":1111", nil)
	resp, _ := http.Get("http://localhost:2222/health")
	conn, _ := net.Dial("tcp", "127.0.0.1:3333")
	log.Printf("listening on 0.0.0.0:4444")
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	cmd.Run()
}
