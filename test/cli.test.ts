import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve('bin/techbridge.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-cli-'));
const db = path.join(dir, 'cli.db');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, '--db', db, ...args], { env: { ...process.env, LOG_LEVEL: 'silent' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('techbridge CLI', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports JSON Lines idempotently, reports bad rows, prints stats as JSON, exports', async () => {
    const file = path.join(dir, 'a.jsonl');
    fs.writeFileSync(file, [
      { id: 'CLI-1', title: '风电主轴承滚道感应淬火工艺', summary: '针对3MW以上风电主轴承，采用中频感应淬火与回火一体化工艺，硬化层深度6–8mm，软带宽度≤20mm。', field: '新能源/风电', org: '瓦房店示例轴承研究院', region: '大连市', trl: 7, keywords: ['风电轴承', '感应淬火'] },
      { id: 'CLI-2', title: '坏行', summary: '…', field: '', org: '', region: '沈阳市', trl: 'high', keywords: [] },
    ].map((r) => JSON.stringify(r)).join('\n'));
    const first = await cli('import', 'achievements', file);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/line 2\torg\t/);
    expect(first.stdout).toMatch(/line 2\ttrl\t/);
    expect(first.stdout).toContain('1 created');
    const again = await cli('import', 'achievements', file, '--json');
    const report = JSON.parse(again.stdout);
    expect(report).toMatchObject({ created: 0, unchanged: 1, skipped: 1 });
    const stats = await cli('stats', '--json');
    const s = JSON.parse(stats.stdout);
    expect(s).toMatchObject({ organisations: 1, users: 0, achievements: { published: 1, total: 1 }, demands: { total: 0 } });
    const out = path.join(dir, 'out.csv');
    expect((await cli('export', 'achievements', out)).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('风电主轴承滚道感应淬火工艺');
    const strict = await cli('import', 'achievements', file, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('refused (--strict)');
  }, 60_000);

  it('imports credit records for entities on and off the platform, reporting bad rows', async () => {
    const file = path.join(dir, 'credit.jsonl');
    fs.writeFileSync(file, [
      { uscc: '91350100M000100Y43', kind: 'penalty', severity: 'ordinary', title: '未按规定公示信息', source_type: 'authority', source_name: '某市市场监督管理局', document_no: '市监罚〔2026〕12号', date: '2026-03-02' },
      { uscc: '91350100M000100Y44', kind: 'penalty', severity: 'ordinary', source_name: 'x', date: '2026-03-02' },
      { uscc: '91110000600037341L', kind: 'serious_list', source_name: '某市市场监督管理局', date: '2026-13-01' },
    ].map((r) => JSON.stringify(r)).join('\n'));
    const r = await cli('import', 'credit', file, '--json');
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ total: 3, created: 1, skipped: 2 });
    expect(report.problems.map((p: { line: number; field: string }) => `${p.line}:${p.field}`)).toEqual(['2:uscc', '3:legal_basis', '3:date']);
  }, 60_000);

  it('creates the first admin, and fails with one line and a non-zero exit on bad input', async () => {
    const ok = await cli('admin', 'create', '--email', 'root@example.cn', '--password', 'Root#2026x');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('admin created');
    const dup = await cli('admin', 'create', '--email', 'root@example.cn', '--password', 'Root#2026x');
    expect(dup.code).not.toBe(0);
    expect(dup.stderr.trim().split('\n')).toHaveLength(1);
    expect(dup.stderr).toContain('EMAIL_TAKEN');
    const weak = await cli('admin', 'create', '--email', 'x@example.cn', '--password', 'short');
    expect(weak.stderr).toMatch(/password/);
    const missing = await cli('import', 'achievements', path.join(dir, 'nope.jsonl'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/file not found/);
    const kind = await cli('import', 'widgets', path.join(dir, 'a.jsonl'));
    expect(kind.stderr).toMatch(/achievements, demands or credit/);
    const badDb = await run(process.execPath, [BIN, '--db', 'mysql://nope', 'stats']).catch((e) => e);
    expect(badDb.code).not.toBe(0);
  }, 60_000);
});
