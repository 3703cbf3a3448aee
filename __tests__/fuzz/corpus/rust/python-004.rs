import os
PORT = int(os.environ.get("PORT", 8002))
METRICS_PORT = 9003

def main():
    start_http_server(METRICS_PORT, addr="127.0.0.1")
    uvicorn.run("app:app", host="0.0.0.0", port=PORT)
    asyncio.run(asyncio.start_server(handle, "::1", 9004))
