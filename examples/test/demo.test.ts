import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const demo = fileURLToPath(new URL('../demo/demo.mjs', import.meta.url));

describe('the demo', () => {
  it('runs the story against the embedded emulator, with clean output', () => {
    const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _, ...env } = process.env;
    const run = spawnSync(process.execPath, [demo], { encoding: 'utf8', env, timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines.find((l) => l.includes('cold start'))).toMatch(/AWS\s+AWS\s+AWS\s+AWS/);
    expect(lines.find((l) => l.includes('warm'))).toMatch(/cache\s+cache\s+cache\s+cache/);
    expect(lines.find((l) => l.includes('SSM throttled'))).toMatch(/stale/);
    // The refreshes the throttled reads left running filled the cache: the next invocation is all hits.
    expect(lines.find((l) => l.includes('recovered'))).toMatch(/recovered\s+cache\s+cache\s+cache\s+cache/);
    // The rotated secret shows up after maxAge, and the deployed flag after the AppConfig poll interval.
    const password = (event: string) =>
      lines
        .find((l) => l.includes(event))
        ?.trim()
        .split(/\s+/)
        .at(-2);
    expect(password('secret rotated')).toBe(password('cold start'));
    expect(password('maxAge passed')).not.toBe(password('cold start'));
    expect(
      lines
        .find((l) => l.includes('flags deployed'))
        ?.trim()
        .endsWith('false'),
    ).toBe(true);
    expect(
      lines
        .find((l) => l.includes('recovered'))
        ?.trim()
        .endsWith('true'),
    ).toBe(true);
    expect(run.stdout).not.toContain('first-password');
    expect(run.stdout).not.toContain('second-password');
  });
});
