import { execFile } from 'node:child_process';

/**
 * Runs a bench child script with Node.js and parses the JSON it prints on its last line. Bounded by a timeout;
 * asynchronous, so that the emulator in this process keeps answering the child.
 */
export function runChild(script, args, { nodeArgs = [], timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...nodeArgs, script, ...args],
      { env: process.env, timeout: timeoutMs, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${script} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
          return;
        }
        const last = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve(JSON.parse(last));
        } catch {
          reject(new Error(`${script} printed no JSON result: ${stdout}${stderr}`));
        }
      },
    );
  });
}
