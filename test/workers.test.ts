/**
 * `techbridge serve --workers 2` end to end on the embedded database: one primary, two worker processes sharing one
 * port and one SQLite file. Every request goes over a new TCP connection (no keep-alive), so the primary hands
 * consecutive requests to alternating workers.
 *
 * Outbox polling is set to a minute here: a listing written through one worker can reach the other one in time only
 * through the primary's relay of the wake-up (ClusterBus).
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/kernel/config.js';
import { createPlatform } from '../src/platform.js';
import { PASSWORD } from './factories.js';
import { freePort, jsonOrNull, prepareAccounts } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** One request on a fresh connection (agent: false), so the cluster may route it to any worker. */
function call(port: number, method: string, url: string, opts: { cookie?: string; body?: unknown } = {}): Promise<{ status: number; json: any; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      {
        host: '127.0.0.1', port, method, path: url, agent: false,
        headers: { ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}), ...(opts.cookie ? { cookie: opts.cookie } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          const json = jsonOrNull(text);
          resolve({ status: res.statusCode ?? 0, json, text, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** Child processes of `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const cmd = fs.readFileSync(`/proc/${e}/cmdline`, 'utf8');
      if (Number(stat.split(') ')[1].split(' ')[1]) === pid && cmd.includes('techbridge.js')) out.push(Number(e));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const linux = process.platform === 'linux';

describe.skipIf(!linux)('serve --workers 2 (embedded SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-workers-'));
  const db = path.join(dir, 'workers.db');
  let port = 0;
  let proc: ChildProcess;
  let exit: Promise<number | null>;
  const log: string[] = [];
  let adminEmail = '';
  let orgId = '';

  const waitFor = async (what: () => boolean | Promise<boolean>, ms: number, label: string) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await what()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${label} not within ${ms} ms:\n${log.join('')}`);
  };

  async function signIn(): Promise<string> {
    const r = await call(port, 'POST', '/api/auth/login', { body: { email: adminEmail, password: PASSWORD } });
    if (r.status !== 200) throw new Error(`login: ${r.status} ${r.text}`);
    const set = r.headers['set-cookie'] ?? [];
    return set.find((c) => c.startsWith('tb_session='))!.split(';')[0];
  }

  const demand = (title: string, keywords: string[]) => ({
    title, description: `${title}：需要成熟工艺与中试验证，可在辽宁本地开展联合攻关，要求提供技术方案与样件。`, keywords,
    industries: [], field: '先进装备制造', regionCode: '210100', modes: ['co_development'], organisationId: orgId, submit: true,
  });

  beforeAll(async () => {
    ({ adminEmail, orgId } = await prepareAccounts({ TECHBRIDGE_DB: db }));
    port = await freePort();
    const env = {
      ...process.env, DATABASE_URL: '', TECHBRIDGE_DB: db, REDIS_URL: '', SEED_DEMO: 'false', LOG_LEVEL: 'warn', WEB_DIST: '',
      OUTBOX_POLL_MS: '60000', SHUTDOWN_DRAIN_MS: '200', SHUTDOWN_GRACE_MS: '2000', PORT: '', HOST: '127.0.0.1', WORKERS: '',
    };
    proc = spawn(process.execPath, [path.join(ROOT, 'bin/techbridge.js'), 'serve', '--port', String(port), '--workers', '2'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout!.on('data', (d) => log.push(String(d)));
    proc.stderr!.on('data', (d) => log.push(String(d)));
    exit = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    await waitFor(() => /listening on http:\/\/127\.0\.0\.1:\d+\s+\(2 workers/.test(log.join('')), 120_000, 'both workers listening');
  }, 150_000);

  afterAll(async () => {
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      for (const c of childrenOf(proc.pid!)) process.kill(c, 'SIGKILL');
      proc.kill('SIGKILL');
      await exit;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const workerIds = async (n: number) => {
    const ids = new Set<string>();
    for (let i = 0; i < n; i++) {
      const m = await call(port, 'GET', '/metrics');
      expect(m.status).toBe(200);
      ids.add(/^techbridge_worker_id (\d+)$/m.exec(m.text)?.[1] ?? '?');
    }
    return ids;
  };

  it('runs two worker processes on one port, both answering', async () => {
    expect(childrenOf(proc.pid!)).toHaveLength(2);
    const ids = await workerIds(8);
    expect(ids.size).toBe(2);
    expect([...ids].every((id) => /^[1-9]\d*$/.test(id))).toBe(true);
  });

  it('shares sessions: a sign-in through one worker is recognised by both', async () => {
    const cookie = await signIn();
    for (let i = 0; i < 6; i++) {
      const me = await call(port, 'GET', '/api/auth/me', { cookie });
      expect(me.status).toBe(200);
      expect(me.json.user.email).toBe(adminEmail);
    }
  });

  it('makes a listing written through one worker matchable through every worker at once (wake-up relayed by the primary)', async () => {
    const cookie = await signIn();
    const c = await call(port, 'POST', '/api/demands', { cookie, body: demand('高炉煤气余压发电透平叶片修复需求', ['透平叶片', '余压发电', '激光熔覆']) });
    expect(c.status, c.text).toBe(201);
    const a = await call(port, 'POST', `/api/demands/${c.json.id}/approve`, { cookie, body: {} });
    expect(a.status, a.text).toBe(200);
    const t0 = Date.now();
    // polling is a minute away: both workers must have it within 2 s through the relayed wake-up
    let streak = 0;
    while (streak < 6 && Date.now() - t0 < 2000) {
      const r = await call(port, 'POST', '/api/match', { body: { text: '透平叶片 激光熔覆 余压发电', kind: 'demands', top: 20 } });
      expect(r.status).toBe(200);
      streak = (r.json.items as { id: string }[]).some((i) => i.id === c.json.id) ? streak + 1 : 0;
    }
    expect(streak, 'six consecutive matches (alternating workers) held the new listing').toBe(6);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('takes concurrent writes from both workers on one SQLite file: every acknowledged write is stored once', async () => {
    const cookie = await signIn();
    const titles = Array.from({ length: 30 }, (_, i) => `并发写入验证需求第${i + 1}号：铸件缩孔检测`);
    const res = await Promise.all(titles.map((t) => call(port, 'POST', '/api/demands', { cookie, body: { ...demand(t, ['缩孔检测']), submit: false } })));
    expect(res.map((r) => r.status)).toEqual(titles.map(() => 201));
    const p = await createPlatform(loadConfig({ TECHBRIDGE_DB: db, LOG_LEVEL: 'silent', SEED_DEMO: 'false' }, { webDist: null }), { migrate: false });
    try {
      const rows = await p.ctx.db.selectFrom('demands').select('title').where('title', 'like', '并发写入验证需求%').execute();
      expect(rows.map((r) => r.title).sort()).toEqual([...titles].sort());
    } finally {
      await p.close();
    }
  });

  it('restarts a worker killed with SIGKILL, and keeps answering', async () => {
    const before = childrenOf(proc.pid!);
    expect(before).toHaveLength(2);
    process.kill(before[0], 'SIGKILL');
    await waitFor(() => /worker \d+ \(pid \d+\) exited \(SIGKILL\): starting a new one/.test(log.join('')), 10_000, 'restart notice');
    await waitFor(() => {
      const now = childrenOf(proc.pid!);
      return now.length === 2 && !now.includes(before[0]);
    }, 30_000, 'replacement worker');
    // the replacement builds its index and listens; from then on both answer again
    await waitFor(async () => (await workerIds(6)).size === 2, 60_000, 'both workers answering');
    for (let i = 0; i < 6; i++) expect((await call(port, 'GET', '/api/demands?pageSize=1')).status).toBe(200);
  }, 90_000);

  it('stops the primary and every worker on SIGTERM, exit code 0', async () => {
    const workers = childrenOf(proc.pid!);
    proc.kill('SIGTERM');
    expect(await exit).toBe(0);
    await waitFor(() => workers.every((w) => !fs.existsSync(`/proc/${w}`) || /\) Z /.test(fs.readFileSync(`/proc/${w}/stat`, 'utf8'))), 10_000, 'workers gone');
  }, 30_000);
});
