server.listen({ port: 3001, host: '0.0.0.0' });
Bun.serve({ port: 3002, fetch(request) { return new Response("ok"); } });
Deno.serve({ port: 8000, hostname: "127.0.0.1" }, handler);
const wss = new WebSocketServer({ port: 3003 });
const options = { port: 3004 };
fastify.listen(options);
