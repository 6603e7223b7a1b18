import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForPort } from './free-port.js';
import { startProcess, type ManagedProcess } from './managed-process.js';
import { descendants } from './process-cpu.js';

/**
 * nginx instances the benchmark starts itself: each with its own prefix, config and pid file in a temp
 * directory, in the foreground (`daemon off`) so that it is our child and dies with a signal from us.
 * One worker each, so that the reverse proxy is compared with a single gateway process like for like.
 */

export interface RunningNginx {
  process: ManagedProcess;
  port: number;
  /** The master and its worker(s), for CPU accounting. */
  pids(): number[];
  stop(): Promise<void>;
}

function mainConfig(dir: string, name: string, http: string): string {
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${user}worker_processes 1;
daemon off;
master_process on;
pid ${join(dir, `${name}.pid`)};
error_log ${join(dir, `${name}-error.log`)} warn;
events { worker_connections 4096; multi_accept on; }
http {
  access_log off;
  server_tokens off;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  client_body_temp_path ${join(dir, `${name}-body`)};
  proxy_temp_path ${join(dir, `${name}-proxy`)};
  fastcgi_temp_path ${join(dir, `${name}-fastcgi`)};
  uwsgi_temp_path ${join(dir, `${name}-uwsgi`)};
  scgi_temp_path ${join(dir, `${name}-scgi`)};
${http}
}
`;
}

/** A fake OpenAI upstream: nginx answers every chat completion with a fixed JSON body and reads nothing else. */
export function upstreamServerBlock(port: number, responseJson: string): string {
  if (responseJson.includes("'")) throw new Error('the fixed response must not contain a single quote');
  return `  server {
    listen 127.0.0.1:${port} backlog=4096;
    location = /v1/chat/completions {
      default_type application/json;
      return 200 '${responseJson}';
    }
    location / { return 404; }
  }`;
}

/** A plain keep-alive reverse proxy to `upstreamPort`: the reference for what "a proxy hop" costs. */
export function proxyServerBlock(port: number, upstreamPort: number): string {
  return `  upstream fake_upstream {
    server 127.0.0.1:${upstreamPort};
    keepalive 64;
    keepalive_requests 10000000;
  }
  server {
    listen 127.0.0.1:${port} backlog=4096;
    location / {
      proxy_pass http://fake_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }`;
}

export async function startNginx(binary: string, dir: string, name: string, port: number, http: string): Promise<RunningNginx> {
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, `${name}.conf`);
  writeFileSync(configFile, mainConfig(dir, name, http));
  // -e: the startup error log goes to our directory too, never to /var/log/nginx.
  const nginxProcess = startProcess(`nginx-${name}`, binary, ['-p', dir, '-c', configFile, '-e', join(dir, `${name}-error.log`)], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    await Promise.race([
      waitForPort(port, 10_000),
      new Promise((_, reject) => nginxProcess.child.once('exit', (code) => reject(new Error(`nginx ${name} exited (${code}): ${nginxProcess.stderr()}`)))),
    ]);
  } catch (error) {
    await nginxProcess.stop('SIGKILL', 1_000);
    throw error;
  }
  return {
    process: nginxProcess,
    port,
    pids: () => [nginxProcess.pid, ...descendants(nginxProcess.pid)],
    // SIGTERM is nginx's fast shutdown: the master stops its workers and removes its pid file.
    stop: () => nginxProcess.stop('SIGTERM', 5_000),
  };
}
