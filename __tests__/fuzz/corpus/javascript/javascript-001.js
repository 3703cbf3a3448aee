import express from 'express';
const app = express();
app.listen(3000, () => console.log(`listening on http://localhost:3000`));
http.createServer(handler).listen(8080, '127.0.0.1');
