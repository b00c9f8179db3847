import { markdownTable } from '../lib/format.mjs';
import { evaluate, lastWindowSeconds, SERVICES, SETTINGS } from './model.mjs';
import { describeFlags } from './options.mjs';

const number = (value, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function serviceTable(options, service) {
  const results = SETTINGS.map((setting) => evaluate(options, service, setting));
  const quotaHeaders = service.quotaNames.map((name) => `largest fleet, ${name}: mean / refresh peak / deploy wave`);
  const rows = results.map((r) => [
    r.setting.name,
    `${r.perRefresh} ${r.operation}`,
    `${number(r.expected, 3)} · ${number(r.simulated, 3)}`,
    number(r.fleetMean, 1),
    `${number(r.peaks.wave)} / ${number(r.peaks.afterWave)} / ${number(r.peaks.last)}`,
    ...r.largest.map(
      (l) =>
        `${number(l.mean)} / ${number(l.refreshPeak)} / ${number(l.wave)}` +
        (service.quotaNames.length === 1 ? ` (${number(l.quota)} TPS)` : ''),
    ),
  ]);
  return markdownTable(
    [
      'setting',
      'calls per refresh',
      'calls/s per container: formula · simulated',
      `fleet mean TPS (${number(options.containers)} containers)`,
      `busiest second (calls): deploy wave / after it / last ${lastWindowSeconds(options)} s`,
      ...quotaHeaders,
    ],
    rows,
  );
}

/** The model's results for both services, as Markdown. */
export function fleetReport(options) {
  const flags = describeFlags(options);
  const lines = [
    `\`node bench/fleet.mjs${flags ? ` ${flags}` : ''}\`: ${number(options.containers)} containers × ${number(options.rps)} requests/s × ` +
      `${options.keys} keys, maxAge ${options.maxAge} s, concurrency ${options.concurrency}, API latency ` +
      `${options.latencyMs} ms, jitter ${options.jitter}, deploy wave ${options.waveSeconds} s, ${options.duration} s simulated.`,
  ];
  for (const service of Object.values(SERVICES)) {
    lines.push('', `**${service.title}**`, '', serviceTable(options, service));
  }
  return lines.join('\n');
}
