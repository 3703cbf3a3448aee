# The websocket gateway of the NLP stack. It runs in the `websocket` container that
# nlp/compose.yml builds from this folder: 8001 is a port of that container, published on
# the host as 3457, so it collides with nothing on the host.
import uvicorn
from starlette.applications import Starlette

app = Starlette()

if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=8001)
