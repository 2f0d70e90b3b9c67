// Register import benchmark: a 20,000-unit register (25,000 owner rows; co-owners and owners of
// two units among them), dry run then apply into an empty community, then the same file again,
// then an updated file; as CSV (GB18030) and as XLSX. Reports wall time per step and the peak
// memory (RSS) of the process doing the import, one per format, with what it held before the first
// import (tsx, MikroORM, the libraries) as the baseline; the files are written by the parent and
// PostgreSQL runs in its own processes, neither is counted.
//   npx tsx bench/register-import.ts            (from tests/; UNITS=20000 by default)
// Not part of `npm test`: timing figures belong here, not in tests.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { migrate, openOrm } from '@cocreate/api/db/orm';
import { createCommunity } from '@cocreate/api/seed/community';
import { AuditService } from '@cocreate/api/audit/audit.service';
import { RegisterService } from '@cocreate/api/register/register.service';
import { ImportMode } from '@cocreate/api/register/register.rules';
import { systemClock } from '@cocreate/api/shared/clock';
import type { ViewerContext } from '@cocreate/api/community/viewer';
import { throwAwayPostgres } from '../support/postgres.js';

const UNITS = Number(process.env.UNITS ?? 20_000);
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];

function registerRows(version: number): string[][] {
  const rows: string[][] = [['楼栋', '单元', '房号', '专有部分面积', '业主姓名', '手机号', '产权证号']];
  let person = 0;
  for (let i = 0; i < UNITS; i++) {
    const building = 1 + Math.floor(i / 500);
    const entrance = 1 + Math.floor((i % 500) / 100);
    const room = `${1 + Math.floor((i % 100) / 2)}0${1 + (i % 2)}`;
    // The updated file changes every 100th unit's area.
    const area = (60 + (i % 160) + (version > 0 && i % 100 === 0 ? 0.5 : 0.25)).toFixed(2);
    const owner = () => {
      const n = person++;
      return [`${SURNAMES[n % 10]}业主${n}`, `13${String(100_000_000 + n).slice(-9)}`];
    };
    const first = i % 20 === 19 ? [`${SURNAMES[(person - 1) % 10]}业主${person - 1}`, `13${String(100_000_000 + person - 1).slice(-9)}`] : owner();
    rows.push([String(building), String(entrance), room, area, first[0]!, first[1]!, `不动产权第${i}号`]);
    if (i % 4 === 0) {
      const co = owner();
      rows.push([String(building), String(entrance), room, area, co[0]!, co[1]!, '']);
    }
  }
  return rows;
}

const csv = (rows: string[][]) => iconv.encode(rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'gb18030');
async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('业主名册');
  for (const r of rows) ws.addRow(r.map((c, i) => (i === 3 && /^\d/.test(c) ? Number(c) : c)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const peak = () => process.resourceUsage().maxRSS * 1024;

/** One format's five steps, in a process of its own that only reads the prepared files: its peak RSS is the import's. */
async function importSteps(url: string, format: 'CSV' | 'XLSX', dir: string): Promise<void> {
  const orm = await openOrm(url, { pool: { min: 0, max: 10 } });
  try {
    const community = await createCommunity(
      orm.em.fork(),
      {
        name: `基准 ${format}`,
        timezone: 'Asia/Shanghai',
        buildings: [],
        units: [],
        people: [
          { email: `admin-${format.toLowerCase()}@bench.test`, displayName: '管理员', phone: '13000000000', roles: ['ADMIN'], department: null, units: [] },
        ],
      },
      randomUUID(),
    );
    const [admin] = await orm.em.fork().execute<{ id: string }[]>('select id from person where community_id = ?', [community.id]);
    const viewer: ViewerContext = {
      id: admin!.id,
      communityId: community.id,
      roles: ['ADMIN'] as ViewerContext['roles'],
      department: null,
      sessionTokenHash: '',
    };
    const service = new RegisterService(systemClock, new AuditService(systemClock), () => {
      throw new Error('the benchmark hands over bytes itself');
    });
    const baseline = peak();
    const step = async (what: string, name: string, dryRun: boolean) => {
      const bytes = fs.readFileSync(path.join(dir, name));
      const file = { id: randomUUID(), name, size: bytes.length, contentType: '', sha256: createHash('sha256').update(bytes).digest('hex') };
      const started = performance.now();
      const result = await service.importFile(orm.em.fork(), viewer, file, bytes, { dryRun, mode: ImportMode.MERGE });
      const seconds = (performance.now() - started) / 1000;
      const s = result.summary;
      console.log(
        `${format.padEnd(4)} ${what.padEnd(22)} ${seconds.toFixed(2).padStart(6)} s   peak RSS so far ${mb(peak()).padStart(7)} (+${mb(peak() - baseline)} over the baseline)   ` +
          `units +${s.unitsCreated} ~${s.unitsUpdated} =${s.unitsUnchanged}, owners +${s.ownersCreated} ~${s.ownersUpdated} =${s.ownersUnchanged}, problems ${result.problemCount}, applied ${result.applied}`,
      );
    };
    console.log(`${format}: peak RSS before the first import ${mb(baseline)}`);
    const ext = format.toLowerCase();
    await step('dry run (empty)', `original.${ext}`, true);
    await step('apply (empty)', `original.${ext}`, false);
    await step('dry run (same file)', `original.${ext}`, true);
    await step('apply (same file)', `original.${ext}`, false);
    await step('apply (updated file)', `updated.${ext}`, false);
  } finally {
    await orm.close();
  }
}

if (process.argv[2] === '--steps') {
  await importSteps(process.env.BENCH_DATABASE_URL!, process.argv[3] as 'CSV' | 'XLSX', process.argv[4]!);
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-register-bench-'));
  const original = registerRows(0);
  fs.writeFileSync(path.join(dir, 'original.csv'), csv(original));
  fs.writeFileSync(path.join(dir, 'updated.csv'), csv(registerRows(1)));
  fs.writeFileSync(path.join(dir, 'original.xlsx'), await xlsx(original));
  fs.writeFileSync(path.join(dir, 'updated.xlsx'), await xlsx(registerRows(1)));
  console.log(
    `${UNITS} units, ${original.length - 1} rows; CSV (GB18030) ${mb(fs.statSync(path.join(dir, 'original.csv')).size)}, XLSX ${mb(fs.statSync(path.join(dir, 'original.xlsx')).size)}; Node ${process.version}, ${os.cpus().length} cores`,
  );
  const pg = await throwAwayPostgres('cocreate_bench_register');
  try {
    const orm = await openOrm(pg.url);
    await migrate(orm);
    await orm.close();
    for (const format of ['CSV', 'XLSX']) {
      execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--steps', format, dir], {
        stdio: 'inherit',
        env: { ...process.env, BENCH_DATABASE_URL: pg.url },
      });
    }
  } finally {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
