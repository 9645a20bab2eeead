import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export interface Balancer {
  url: string;
  /** The backends' ports; a rolling restart swaps one at a time. */
  setBackends(ports: number[]): void;
  close(): Promise<void>;
}

/**
 * A TCP load balancer like the proxy in deploy/nginx.conf, minus HTTP: each connection goes to the
 * next backend in turn, and a backend that refuses the connection (a draining or stopped node) is
 * skipped for the next one — nginx's `proxy_next_upstream error`.
 */
export async function startBalancer(initial: number[]): Promise<Balancer> {
  let backends = [...initial];
  let turn = 0;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const start = turn++;
    const tryBackend = (attempt: number) => {
      if (attempt >= backends.length) return client.destroy();
      const port = backends[(start + attempt) % backends.length]!;
      const upstream = tcpConnect(port, '127.0.0.1');
      let connected = false;
      upstream.on('error', () => {
        if (connected) client.destroy();
        else tryBackend(attempt + 1);
      });
      upstream.once('connect', () => {
        connected = true;
        client.pipe(upstream);
        upstream.pipe(client);
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    setBackends(ports) {
      backends = [...ports];
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
