package main
func main() { http.ListenAndServe(":7400", nil) }
