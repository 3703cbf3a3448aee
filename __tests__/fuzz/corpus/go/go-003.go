package main

func main() {
	srv := &http.Server{Addr: ":8081", Handler: mux}
	log.Fatal(srv.ListenAndServe())
}
