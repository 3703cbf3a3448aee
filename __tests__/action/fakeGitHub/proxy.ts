// A forward proxy as a self-hosted runner's network has one: it answers CONNECT by tunnelling
// to one local port, whatever host the client names, and notes each tunnel asked for. A
// client that ignores the proxy cannot reach the names only it resolves.
import { createServer } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

export interface TunnelProxy {
  url: string;
  /** `host:port` of each CONNECT, in order. */
  tunnels: string[];
  stop(): Promise<void>;
}

export async function startTunnelProxy(targetPort: number): Promise<TunnelProxy> {
  const tunnels: string[] = [];
  const sockets: Socket[] = [];
  const proxy = createServer();
  proxy.on('connect', (request, client: Socket) => {
    tunnels.push(request.url ?? '');
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    sockets.push(client, upstream);
  });
  await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    tunnels,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((closed) => proxy.close(() => closed()));
    },
  };
}
