// app.listen(1111);
const response = await fetch('http://localhost:2222/api');
const redis = new Redis({ port: 6379, host: 'cache' });
const client = createClient({ url: 'redis://localhost:6380' });
console.log('listening on 0.0.0.0:3333');
this.handler = this.handler.bind(this);
axios.get('http://127.0.0.1:4444');
