package main

const adminPort = 9091

func main() {
	r.Run(":8083")
	e.Start("0.0.0.0:8084")
	app.Listen(fmt.Sprintf(":%d", adminPort))
}
