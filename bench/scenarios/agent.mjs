// Scenario 6: the agent's cache-hit throughput and p99 latency next to a bare node:http server, measured by the
// agent package's own load script (packages/agent/bench/load.mjs), and its read latency across expiries with and
// without refresh-ahead (packages/agent/bench/expiry.mjs), when those scripts and the agent build exist.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { AGENT_DIR } from '../lib/paths.mjs';

const SCRIPT = `${AGENT_DIR}bench/load.mjs`;
const SECONDS = 5;
const EXPIRY_SCRIPT = `${AGENT_DIR}bench/expiry.mjs`;
const EXPIRY_SECONDS = 10;
const TIMEOUT_MS = 90_000;

function run(script = SCRIPT, seconds = SECONDS) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, String(seconds)],
      { cwd: AGENT_DIR, env: process.env, timeout: TIMEOUT_MS, maxBuffer: 1 << 20 },
      // The script exits 1 when the agent falls under its own threshold; its figures are still valid.
      (error, stdout, stderr) => resolve({ error, stdout, stderr }),
    );
  });
}

/** Finds the two targets in the script's output: a JSON line if it prints one, else its Markdown table. */
export function parseLoadOutput(stdout) {
  const lines = stdout.split('\n').map((line) => line.trim());
  return fromJson(lines) ?? fromTable(lines);
}

/** `[{ name, rps, p99 }]` or `{ results: [...] }` on one line, p99 in milliseconds. */
function fromJson(lines) {
  const found = {};
  for (const line of lines) {
    if (!line.startsWith('{') && !line.startsWith('[')) continue;
    try {
      const data = JSON.parse(line);
      for (const entry of Array.isArray(data) ? data : (data.results ?? [])) {
        if (typeof entry?.name === 'string') found[kindOf(entry.name)] = { rps: entry.rps, p99: entry.p99 };
      }
    } catch {
      // not JSON after all
    }
  }
  return complete(found);
}

/** A Markdown table whose header names a `req/s` column and a `p99` column with its unit (s, ms or µs). */
function fromTable(lines) {
  const found = {};
  let columns;
  for (const line of lines) {
    if (!line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (columns === undefined) {
      const rps = cells.findIndex((cell) => /req\/s/i.test(cell));
      const p99 = cells.findIndex((cell) => /p99/i.test(cell));
      if (rps !== -1 && p99 !== -1) columns = { rps, p99, toMs: msPerUnit(cells[p99]) };
      continue;
    }
    if (cells[0]?.startsWith('---')) continue;
    const number = (cell) => Number(String(cell).replaceAll(',', ''));
    found[kindOf(cells[0])] ??= { rps: number(cells[columns.rps]), p99: number(cells[columns.p99]) * columns.toMs };
  }
  return complete(found);
}

function msPerUnit(header) {
  if (/µs|us\b/.test(header)) return 1e-3;
  if (/\(s\)/.test(header)) return 1e3;
  return 1;
}

function complete(found) {
  const ok = (entry) => Number.isFinite(entry?.rps) && Number.isFinite(entry?.p99);
  return ok(found.agent) && ok(found.bare) ? { agent: found.agent, bare: found.bare } : undefined;
}

function kindOf(name) {
  if (/agent/i.test(name)) return 'agent';
  if (/bare/i.test(name)) return 'bare';
  return 'other';
}

/**
 * The expiry script's Markdown table (`| target | p50 (ms) | p99 (ms) | max (ms) | reads over 10 ms | AWS calls |`):
 * the agent at its defaults (refresh-ahead) and with `PARAMKIT_AGENT_REFRESH_AHEAD=off`, by column name.
 */
export function parseExpiryOutput(stdout) {
  const found = {};
  let columns;
  for (const line of stdout.split('\n').map((text) => text.trim())) {
    if (!line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (columns === undefined) {
      const at = (pattern) => cells.findIndex((cell) => pattern.test(cell));
      columns = { p50: at(/p50/), p99: at(/p99/), max: at(/max/), slow: at(/reads over/), calls: at(/calls/) };
      if (Object.values(columns).includes(-1)) return undefined;
      continue;
    }
    if (cells[0]?.startsWith('---')) continue;
    const kind = /=off/i.test(cells[0] ?? '') ? 'off' : /defaults/i.test(cells[0] ?? '') ? 'ahead' : undefined;
    if (kind === undefined) continue;
    found[kind] = Object.fromEntries(
      Object.entries(columns).map(([key, index]) => [key, Number(String(cells[index]).replaceAll(',', ''))]),
    );
  }
  const ok = (entry) => entry !== undefined && Object.values(entry).every(Number.isFinite);
  return ok(found.ahead) && ok(found.off) ? found : undefined;
}

async function expiryRows() {
  if (!existsSync(EXPIRY_SCRIPT)) return { rows: [], note: 'agent across expiry: no expiry script' };
  const { error, stdout, stderr } = await run(EXPIRY_SCRIPT, EXPIRY_SECONDS);
  const result = parseExpiryOutput(stdout);
  if (result === undefined) {
    const reason = error?.killed ? 'timed out' : `no figures in its output${stderr ? `: ${stderr.trim()}` : ''}`;
    return { rows: [], note: `agent across expiry: ${reason}` };
  }
  const reads = (EXPIRY_SECONDS * 1000).toLocaleString('en-US');
  const row = (what, unit, key) => ({
    scenario: 6,
    measure: `agent across expiry (\`expiry.mjs ${EXPIRY_SECONDS}\`: ${reads} reads of one secret, TTL 1 s, 20 ms latency): ${what} (paramkit: refresh-ahead 0.8, the default; baseline: refresh-ahead off, as the AWS extension)`,
    short: `agent across expiry: ${what}`,
    unit,
    paramkit: result.ahead[key],
    baseline: result.off[key],
    chart: false,
  });
  return {
    rows: [
      row('p50', 'ms', 'p50'),
      row('p99', 'ms', 'p99'),
      row('max', 'ms', 'max'),
      row('reads over 10 ms', 'calls', 'slow'),
      row('calls to AWS', 'calls', 'calls'),
    ],
  };
}

export async function agent() {
  if (!existsSync(SCRIPT) || !existsSync(`${AGENT_DIR}dist/index.js`)) return { rows: [], note: 'agent: not built' };
  const { error, stdout, stderr } = await run();
  const result = parseLoadOutput(stdout);
  const rows = [];
  const notes = [];
  if (result === undefined) {
    const reason = error?.killed ? 'timed out' : `no figures in its output${stderr ? `: ${stderr.trim()}` : ''}`;
    notes.push(`agent: not built (load script ${reason})`);
  } else {
    const row = (measure, unit, key) => ({
      scenario: 6,
      measure,
      unit,
      paramkit: result.agent[key],
      baseline: result.bare[key],
      chart: false,
    });
    rows.push(
      row(`agent cache hit (\`load.mjs ${SECONDS}\`): requests per second, higher is better`, 'req/s', 'rps'),
      row('agent cache hit: p99 latency', 'ms', 'p99'),
    );
  }
  const expiry = await expiryRows();
  rows.push(...expiry.rows);
  if (expiry.note) notes.push(expiry.note);
  return notes.length > 0 ? { rows, note: notes.join(' ') } : { rows };
}
