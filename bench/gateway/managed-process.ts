import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A child process the benchmark started and must stop, whatever happens. */
export interface ManagedProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Everything it wrote to stderr (last 16 KiB), for error messages. */
  stderr(): string;
  /** Sends `signal`, waits up to `graceMs`, then SIGKILL. Safe to call twice. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export function startProcess(name: string, command: string, args: string[], options: SpawnOptions = {}): ManagedProcess {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  let errorText = '';
  child.stderr?.on('data', (piece: Buffer) => {
    errorText = (errorText + piece.toString('utf8')).slice(-16_384);
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
  });
  return {
    name,
    pid: child.pid,
    child,
    stderr: () => errorText,
    async stop(signal = 'SIGTERM', graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
      if ((await Promise.race([exited.then(() => 'done' as const), timer])) === 'late') {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Waits for a line starting with `prefix` on the child's stdout; rejects if it exits first or time runs out. */
export function waitForLine(process: ManagedProcess, prefix: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => finish(new Error(`${process.name}: no "${prefix}" line within ${timeoutMs} ms\n${process.stderr()}`)), timeoutMs);
    const onData = (piece: Buffer) => {
      buffered += piece.toString('utf8');
      for (const line of buffered.split('\n')) if (line.startsWith(prefix)) return finish(undefined, line.slice(prefix.length).trim());
    };
    const onExit = (code: number | null) => finish(new Error(`${process.name} exited (${code}) before it was ready:\n${process.stderr()}`));
    function finish(error: Error | undefined, value?: string) {
      clearTimeout(timer);
      process.child.stdout?.off('data', onData);
      process.child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value!);
    }
    process.child.stdout?.on('data', onData);
    process.child.once('exit', onExit);
  });
}
