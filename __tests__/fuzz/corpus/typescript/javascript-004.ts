const port = Number(process.env.PORT ?? 3005);
app.listen(port);
const adminPort = parseInt(process.env.ADMIN_PORT || '3006', 10);
admin.listen(adminPort);
export const config = { port: process.env.PORT || 3007 };
const redisPort = process.env.REDIS_PORT ?? 6379;
