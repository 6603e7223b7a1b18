import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const JAJU_BIN = resolve('bin/jaju.js');

/** Starts `jaju serve …` as its own process; resolves with the URL it prints once it listens and its banner is complete. */
export function spawnServe(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [JAJU_BIN, 'serve', ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within 60 s:\n${output}`));
    }, 60_000);
    const poll = setInterval(() => {
      const match = /jaju listening on (http:\/\/\S+)/.exec(output);
      // The banner's last line: a slow machine delivers the banner in several pieces.
      if (match && /\n {2}config: +\S.*\n/.test(output)) {
        clearTimeout(timer);
        clearInterval(poll);
        resolvePromise({ child, url: match[1]!, output: () => output });
      }
    }, 20);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`serve exited (${code ?? signal}):\n${output}`));
    });
  });
}

/** Sends a signal and resolves with the exit code once the process is gone. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolvePromise) => {
    child.once('exit', (code) => resolvePromise(code));
    child.kill(signal);
  });
}
