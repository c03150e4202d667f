/**
 * Child processes and throwaway databases for the HTTP load bench and the fault test: `techbridge serve` and
 * `techbridge import` run as separate processes, exactly as an operator runs them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = resolve(ROOT, 'bin/techbridge.js');
export const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresAnswers(url = PG_ADMIN_URL): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** A fresh PostgreSQL database next to the admin URL's; drop() removes it (forcing out leftover connections). */
export async function createPgDatabase(prefix: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface ServerChild {
  url: string;
  proc: ChildProcess;
  /** everything the server wrote to stderr so far */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node bin/techbridge.js --db <db> serve --port 0` and resolves once it prints its address.
 * `env` is added to a clean copy of the environment (DATABASE_URL/TECHBRIDGE_DB/REDIS_URL of the caller are dropped).
 * BENCH_SERVER_NODE_ARGS (space-separated) goes to node before the script, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
 * to profile the server during a bench (Node refuses --cpu-prof in NODE_OPTIONS; the workers of `serve --workers N`
 * inherit the flags; profiles are written when the server stops).
 */
export async function startServerChild(db: string, env: Record<string, string> = {}, timeoutMs = 600_000, root = ROOT): Promise<ServerChild> {
  const base = { ...process.env };
  for (const k of ['DATABASE_URL', 'TECHBRIDGE_DB', 'REDIS_URL', 'PORT', 'HOST']) delete base[k];
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, resolve(root, 'bin/techbridge.js'), '--db', db, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...base, SEED_DEMO: 'false', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (d: string) => {
    err += d;
    if (err.length > 1_000_000) err = err.slice(-500_000);
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${err.slice(-2000)}`)), timeoutMs);
    const onData = () => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        proc.stderr!.off('data', onData);
        resolveUrl(m[1]);
      }
    };
    proc.stderr!.on('data', onData);
    proc.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? sig}) before listening:\n${err.slice(-2000)}`));
    });
  });
  return {
    url,
    proc,
    log: () => err,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Runs `node bin/techbridge.js <args>` to completion. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }> {
  const base = { ...process.env };
  for (const k of ['DATABASE_URL', 'TECHBRIDGE_DB', 'REDIS_URL']) delete base[k];
  const t0 = performance.now();
  return new Promise((done) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('exit', (code, signal) => done({ code, signal, stdout, stderr, ms: performance.now() - t0 }));
  });
}

function procStat(pid: number | string): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
}

/**
 * CPU seconds (user + system) the server has used so far, from /proc (Linux): the process and its children (the
 * workers of `serve --workers N`), plus the CPU of children that have already exited.
 */
export function cpuSeconds(pid: number): number {
  try {
    const f = procStat(pid);
    let ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    for (const e of readdirSync('/proc')) {
      if (!/^\d+$/.test(e) || Number(e) === pid) continue;
      try {
        const c = procStat(e);
        if (Number(c[1]) === pid) ticks += Number(c[11]) + Number(c[12]);
      } catch {
        /* gone meanwhile */
      }
    }
    return ticks / 100;
  } catch {
    return NaN;
  }
}

/** CPU seconds used so far by the local PostgreSQL server's processes (all of them: backends, writer, WAL …). */
export function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const raw = readFileSync(`/proc/${e}/stat`, 'utf8');
      if (!raw.includes(' (postgres) ')) continue;
      const f = raw.split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone meanwhile */
    }
  }
  return ticks / 100;
}
