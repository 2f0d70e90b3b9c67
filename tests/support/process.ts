import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const mainScript = path.join(repoRoot, 'api/dist/main.js');

export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs the real entry point (what `npm start` runs) and waits until it prints `until`, or exits. */
export async function runMain(env: Record<string, string>, until: RegExp | null = /Cocreate is running/, timeoutMs = 90_000): Promise<Started> {
  const child = spawn(process.execPath, [mainScript], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  if (until) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${until}; output:\n${output}`)), timeoutMs);
      const check = () => {
        if (until.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      void exited.then((code) => {
        clearTimeout(timer);
        if (!until.test(output)) reject(new Error(`exited with ${code} before ${until}; output:\n${output}`));
      });
    });
  }
  return { child, output: () => output, exited };
}
