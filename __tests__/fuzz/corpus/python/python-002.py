if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)
    uvicorn.run(app, host="127.0.0.1", port=8000)
    web.run_app(app, port=8080)
    dash_app.run_server(port=8050)
    tornado_app.listen(8888)
