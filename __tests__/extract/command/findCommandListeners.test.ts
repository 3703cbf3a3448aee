import { describe, expect, it } from '@jest/globals';
import { findArgvListeners, findCommandListeners } from '../../../src/extract/command/findCommandListeners.js';
import type { CommandListener } from '../../../src/extract/command/types.js';
import { cpuMillis } from '../../helpers/cpuTime.js';

/**
 * A command with each expected port literal marked `⟦...⟧`: the marks are removed and their
 * positions become the expected offsets, so every case states its exact columns.
 */
interface Case {
  cmd: string;
  program: string;
  flag: string | string[];
  hostIp?: string | null;
  protocol?: 'tcp' | 'udp';
  endPort?: number;
  soft?: true;
}

function unmark(marked: string): { command: string; literals: Array<{ offset: number; literal: string }> } {
  let command = '';
  const literals: Array<{ offset: number; literal: string }> = [];
  for (let i = 0; i < marked.length; ) {
    if (marked.startsWith('⟦', i)) {
      const close = marked.indexOf('⟧', i);
      const literal = marked.slice(i + 1, close);
      literals.push({ offset: command.length, literal });
      command += literal;
      i = close + 1;
    } else {
      command += marked.charAt(i);
      i++;
    }
  }
  return { command, literals };
}

function expected(c: Case): CommandListener[] {
  const { literals } = unmark(c.cmd);
  return literals.map(({ offset, literal }, i) => {
    const port = Number(literal.split('-')[0]);
    const flag = Array.isArray(c.flag) ? (c.flag[i] ?? '') : c.flag;
    const protocol = flag === '-U' ? 'udp' : (c.protocol ?? 'tcp');
    const listener = { port, endPort: c.endPort ?? port, protocol, hostIp: c.hostIp ?? null, offset, literal, flag, program: c.program };
    return c.soft ? { ...listener, soft: c.soft } : listener;
  });
}

const LISTENERS: Case[] = [
  // seed 001
  { cmd: 'redis-server --port ⟦6379⟧', program: 'redis-server', flag: '--port' },
  { cmd: 'postgres -D /tmp/pgdata -p ⟦5432⟧', program: 'postgres', flag: '-p' },
  { cmd: 'postgres -p ⟦5432⟧', program: 'postgres', flag: '-p' },
  // generic flags
  { cmd: 'redis-server /etc/redis/redis.conf --port ⟦6380⟧', program: 'redis-server', flag: '--port' },
  { cmd: 'redis-server --port=⟦6381⟧ --bind 127.0.0.1', program: 'redis-server', flag: '--port', hostIp: '127.0.0.1' },
  { cmd: "redis-server --port '⟦6382⟧'", program: 'redis-server', flag: '--port' },
  { cmd: 'redis-server \\\n    --port ⟦6383⟧', program: 'redis-server', flag: '--port' },
  { cmd: 'prometheus --web.listen-address=:⟦9501⟧', program: 'prometheus', flag: '--web.listen-address' },
  { cmd: 'code-server --bind-addr "[::]:⟦8083⟧"', program: 'code-server', flag: '--bind-addr', hostIp: '::' },
  { cmd: 'exporter --metrics-port ⟦9102⟧ --http-port=⟦8084⟧', program: 'exporter', flag: ['--metrics-port', '--http-port'] },
  { cmd: 'app --listen 0.0.0.0:⟦7000⟧', program: 'app', flag: '--listen', hostIp: '0.0.0.0' },
  { cmd: 'app --bind=localhost:⟦7001⟧', program: 'app', flag: '--bind', hostIp: '127.0.0.1' },
  { cmd: 'etcd --listen http://0.0.0.0:⟦2379⟧', program: 'etcd', flag: '--listen', hostIp: '0.0.0.0' },
  { cmd: 'uvicorn main:app --host 0.0.0.0 --port ⟦8003⟧', program: 'uvicorn', flag: '--port', hostIp: '0.0.0.0' },
  { cmd: 'goserver -addr :⟦8087⟧', program: 'goserver', flag: '-addr' },
  { cmd: 'consul agent -dev -http-port=⟦8500⟧', program: 'consul', flag: '-http-port' },
  { cmd: 'npm run dev -- --port ⟦3004⟧', program: 'npm', flag: '--port' },
  { cmd: 'mongod --bind_ip 127.0.0.1 --port ⟦27018⟧', program: 'mongod', flag: '--port', hostIp: '127.0.0.1' },
  // well-known servers' own flags
  { cmd: 'postgres -c port=⟦5433⟧', program: 'postgres', flag: '-c port' },
  { cmd: 'postgres -p⟦5434⟧ -h 127.0.0.1', program: 'postgres', flag: '-p', hostIp: '127.0.0.1' },
  { cmd: 'python -m http.server ⟦8000⟧', program: 'http.server', flag: 'http.server' },
  { cmd: 'python3 -m http.server ⟦8001⟧ --bind 127.0.0.1', program: 'http.server', flag: 'http.server', hostIp: '127.0.0.1' },
  { cmd: 'php -S localhost:⟦8002⟧ -t public', program: 'php', flag: '-S', hostIp: '127.0.0.1' },
  { cmd: 'bundle exec rails server -b 0.0.0.0 -p ⟦3000⟧', program: 'rails', flag: '-p', hostIp: '0.0.0.0' },
  { cmd: 'gunicorn -w 4 -b 127.0.0.1:⟦8004⟧ app:app', program: 'gunicorn', flag: '-b', hostIp: '127.0.0.1' },
  { cmd: 'flask run --port ⟦5000⟧', program: 'flask', flag: '--port' },
  { cmd: 'python -m flask run -h 0.0.0.0 -p ⟦5001⟧', program: 'flask', flag: '-p', hostIp: '0.0.0.0' },
  { cmd: 'npx vite --port ⟦5173⟧ --strictPort', program: 'vite', flag: '--port' },
  { cmd: 'next dev -p ⟦3001⟧', program: 'next', flag: '-p' },
  { cmd: 'http-server ./dist -p ⟦8080⟧', program: 'http-server', flag: '-p' },
  { cmd: 'serve -s build -l ⟦5002⟧', program: 'serve', flag: '-l' },
  { cmd: 'serve -l tcp://0.0.0.0:⟦5003⟧', program: 'serve', flag: '-l', hostIp: '0.0.0.0' },
  { cmd: 'mysqld --port=⟦3306⟧', program: 'mysqld', flag: '--port' },
  { cmd: 'memcached -p ⟦11211⟧ -U ⟦11212⟧', program: 'memcached', flag: ['-p', '-U'] },
  { cmd: 'caddy file-server --listen :⟦2015⟧', program: 'caddy', flag: '--listen' },
  { cmd: 'python manage.py runserver 0.0.0.0:⟦8005⟧', program: 'manage.py', flag: 'runserver', hostIp: '0.0.0.0' },
  { cmd: 'pg_ctl -D data -o "-p ⟦5436⟧" start', program: 'pg_ctl', flag: '-p' },
  // network tools in their listening forms
  { cmd: 'socat TCP-LISTEN:⟦9000⟧,fork,reuseaddr TCP:backend:80', program: 'socat', flag: 'TCP-LISTEN' },
  { cmd: 'socat udp4-listen:⟦5354⟧,bind=127.0.0.1 -', program: 'socat', flag: 'udp4-listen', protocol: 'udp', hostIp: '127.0.0.1' },
  { cmd: 'nc -l ⟦9001⟧', program: 'nc', flag: '-l' },
  { cmd: 'nc -lvp ⟦9002⟧', program: 'nc', flag: '-p' },
  { cmd: 'nc -l 127.0.0.1 ⟦9003⟧', program: 'nc', flag: '-l', hostIp: '127.0.0.1' },
  { cmd: 'ncat -lu ⟦5353⟧', program: 'ncat', flag: '-l', protocol: 'udp' },
  { cmd: 'ssh -N -L ⟦8081⟧:db:5432 bastion', program: 'ssh', flag: '-L', hostIp: '127.0.0.1' },
  { cmd: 'ssh -fN -L0.0.0.0:⟦8088⟧:db:5432 bastion', program: 'ssh', flag: '-L', hostIp: '0.0.0.0' },
  { cmd: 'ssh -D ⟦1080⟧ proxy', program: 'ssh', flag: '-D', hostIp: '127.0.0.1' },
  { cmd: 'kubectl -n prod port-forward svc/api ⟦8086⟧:80 :9090', program: 'kubectl', flag: 'port-forward', hostIp: '127.0.0.1' },
  { cmd: 'kubectl port-forward pod/db ⟦5440⟧ --address 0.0.0.0', program: 'kubectl', flag: 'port-forward', hostIp: '0.0.0.0' },
  // containers: the host side of a published port
  { cmd: 'docker run -d -p 127.0.0.1:⟦8082⟧:80 nginx', program: 'docker', flag: '-p', hostIp: '127.0.0.1' },
  { cmd: 'docker run -dp ⟦8089⟧:80 nginx', program: 'docker', flag: '-p' },
  { cmd: 'docker container run --rm --publish=[::1]:⟦8090⟧:80 nginx', program: 'docker', flag: '--publish', hostIp: '::1' },
  { cmd: 'podman run --publish ⟦5300⟧:53/udp dns', program: 'podman', flag: '--publish', protocol: 'udp' },
  { cmd: 'docker run -p ⟦9000-9001⟧:8000-8001 app', program: 'docker', flag: '-p', endPort: 9001 },
  // a host range for one container port: Docker binds one free port of it, a soft claim
  { cmd: 'docker run -p ⟦8000-8010⟧:80 app', program: 'docker', flag: '-p', endPort: 8010, soft: true },
  {
    cmd: `sh -c 'podman run --publish 127.0.0.1:⟦7000-7005⟧:53/udp dns'`,
    program: 'podman',
    flag: '--publish',
    endPort: 7005,
    hostIp: '127.0.0.1',
    protocol: 'udp',
    soft: true,
  },
  { cmd: 'docker run --network host redis:7 redis-server --port ⟦6390⟧', program: 'redis-server', flag: '--port' },
  // what stands in front of the program
  { cmd: 'PORT=⟦3002⟧ node server.js', program: 'node', flag: 'PORT' },
  { cmd: 'cd web && exec nohup env NODE_ENV=production PORT=⟦3003⟧ node server.js', program: 'node', flag: 'PORT' },
  { cmd: 'export PORT=⟦4000⟧ && npm start', program: 'export', flag: 'PORT' },
  { cmd: 'sudo -u postgres ${pkgs.postgresql}/bin/postgres -p ⟦5435⟧', program: 'postgres', flag: '-p' },
  { cmd: 'timeout 30s nice -n 5 redis-server --port ⟦6384⟧', program: 'redis-server', flag: '--port' },
  { cmd: 'bash -c "redis-server --port ⟦6385⟧"', program: 'redis-server', flag: '--port' },
  { cmd: `sh -ec 'sleep 1; exec memcached -p ⟦11213⟧'`, program: 'memcached', flag: '-p' },
  { cmd: 'redis-server --port ⟦6386⟧ && redis-cli -p 6386 ping', program: 'redis-server', flag: '--port' },
  { cmd: 'if true; then redis-server --port ⟦6387⟧; fi', program: 'redis-server', flag: '--port' },
];

describe('findCommandListeners: listeners, with the exact offset of each literal', () => {
  it.each(LISTENERS)('$cmd', (c) => {
    expect(findCommandListeners(unmark(c.cmd).command)).toEqual(expected(c));
  });
});

const NOT_LISTENERS: string[] = [
  // seed 001: clients and references
  'redis-cli -p 6379 ping',
  '${pkgs.redis}/bin/redis-server --port ${toString ports.databases.redis}',
  '${pkgs.redis}/bin/redis-cli -p ${toString ports.databases.redis} ping',
  '${pkgs.postgresql_18}/bin/postgres -D $PGDATA -p ${toString ports.databases.postgresql}',
  'nc -z localhost ${toString ports.databases.postgresql}',
  // clients
  'pg_isready -h localhost -p 5432',
  'psql -p 5432 -U postgres',
  'mysql -P 3306 -h 127.0.0.1',
  'curl -sf http://localhost:3000/health',
  'wget -qO- http://localhost:8080',
  'nc localhost 5432',
  'nc -z -w1 localhost 5432',
  'telnet localhost 25',
  'echo "listening on --port 8080"',
  "printf '%s\\n' --port 9090",
  'ssh -p 2222 deploy@host',
  'ssh -R 8080:localhost:80 host',
  'migrate --host db.internal --port 5432 up',
  'vault login -address=https://127.0.0.1:8200',
  'app --upstream http://localhost:3000',
  'app --addr http://localhost:3000',
  // references and invalid ports
  'server --port $PORT',
  'server --port=${PORT:-8080}',
  'server --listen "0.0.0.0:$PORT"',
  'server --port 0',
  'server --port 70000',
  'server --port abc',
  'python3 -m http.server 404{{.PC_REPLICA_NUM}}',
  // no listener flag, or a flag that means something else for this program
  'bun run dev',
  "nginx -g 'daemon off;'",
  'some-tool -p 8080',
  'rails console -p 3000',
  'python -m http.server',
  'python -c "import http.server" 8000',
  'server --unix /run/app.sock --listen /run/app2.sock',
  // containers: no host port, any free one, or ranges Docker refuses
  'docker run -p 80 nginx',
  'docker run -p 127.0.0.1::80 nginx',
  'docker run -p 8000-8010:80-81 app',
  'docker run -p 8000:80-81 app',
  'docker run -P nginx',
  'docker run nginx --port 8080',
  'docker run --network host -p 8080:80 nginx',
  'docker compose up -d',
  'docker exec -it db psql -p 5432',
  // text that is no command
  '# redis-server --port 6379',
  'cat <<EOF\nredis-server --port 6379\nEOF',
  'redis-server --port',
  '',
  // prototype names must not reach Object's own members
  'constructor --constructor 80',
  'hasOwnProperty -p 80 --toString 81',
];

describe('findCommandListeners: clients, references and prose claim nothing', () => {
  it.each(NOT_LISTENERS)('%s', (command) => {
    expect(findCommandListeners(command)).toEqual([]);
  });
});

describe('findCommandListeners: robustness', () => {
  it('stops unwrapping after a bounded number of wrappers', () => {
    expect(findCommandListeners(`${'nohup '.repeat(10_000)}redis-server --port 6379`)).toEqual([]);
  });

  it('stays fast on a long hostile line', () => {
    const started = cpuMillis();
    findCommandListeners(`server ${'--port 1 '.repeat(20_000)}`);
    findCommandListeners(`bash -c "${'bash -c '.repeat(1000)}"`);
    findCommandListeners(`docker run ${'x '.repeat(200_000)}`);
    expect(cpuMillis() - started).toBeLessThan(2000);
  });

  it('reads a program behind a hundred thousand assignments', () => {
    const prefix = `env ${'A=1 '.repeat(100_000)}redis-server --port `;
    expect(findCommandListeners(`${prefix}6379`)).toEqual([
      { port: 6379, endPort: 6379, protocol: 'tcp', hostIp: null, offset: prefix.length, literal: '6379', flag: '--port', program: 'redis-server' },
    ]);
  });
});

describe('findArgvListeners', () => {
  it('places each literal in its own argument, with no shell splitting or quote removal', () => {
    expect(findArgvListeners(['redis-server', '--port', '6379', '--bind', '127.0.0.1'])).toEqual([
      { port: 6379, endPort: 6379, protocol: 'tcp', hostIp: '127.0.0.1', offset: 0, literal: '6379', flag: '--port', program: 'redis-server', argIndex: 2 },
    ]);
    expect(findArgvListeners(['sh', '-c', 'exec nc -l 9000'])).toEqual([
      { port: 9000, endPort: 9000, protocol: 'tcp', hostIp: null, offset: 11, literal: '9000', flag: '-l', program: 'nc', argIndex: 2 },
    ]);
    expect(findArgvListeners(['echo', '--port 1'])).toEqual([]);
    expect(findArgvListeners(['app', '--port="8080"'])).toEqual([]);
  });
});
