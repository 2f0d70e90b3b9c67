import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { startEmbeddedPostgres, type EmbeddedDb } from '@cocreate/api/db/embedded';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A throw-away embedded PostgreSQL for one test run; removed again on stop. */
export async function throwAwayPostgres(database: string): Promise<EmbeddedDb & { dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-test-'));
  const db = await startEmbeddedPostgres(dir, await freePort(), database);
  return {
    ...db,
    dir,
    async stop() {
      await db.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
