import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from './postgres.js';
import { runMain } from './process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Starts the app exactly as `npm start` does (portal + API + embedded PostgreSQL + demo seed) on fresh data. */
export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-e2e-'));
  const port = await freePort();
  const app = await runMain({ DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()) });
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  return async () => {
    app.child.kill('SIGTERM');
    await app.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
