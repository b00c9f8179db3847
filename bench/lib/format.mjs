/** A figure with its unit, as printed in the tables. */
export function formatValue(value, unit) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'ns':
      return `${Math.round(value)} ns`;
    case 'us':
      return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} µs`;
    case 'ms':
      return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
    case 's':
      return `${value < 10 ? value.toFixed(1) : Math.round(value)} s`;
    case 'calls':
      return String(value);
    case 'bytes':
      return value >= 1e6 ? `${(value / 2 ** 20).toFixed(2)} MiB` : `${Math.round(value).toLocaleString('en-US')} B`;
    case 'req/s':
      return Math.round(value).toLocaleString('en-US');
    default:
      return String(value);
  }
}

/** `a ÷ b` as a multiplier with two significant digits, or a dash when either is missing. */
export function formatRatio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '—';
  return `${Number((a / b).toPrecision(2))}×`;
}

/** A Markdown table from a header row and body rows; columns after the first two are right-aligned. */
export function markdownTable(header, rows) {
  const align = header.map((_, i) => (i < 2 ? '---' : '---:'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The main results table: one line per measure, absolute figures and ratios. */
export function resultsTable(rows) {
  const header = [
    '#',
    'measure',
    'paramkit',
    'Powertools',
    'middy',
    'baseline',
    'paramkit ÷ Powertools',
    'paramkit ÷ baseline',
  ];
  return markdownTable(
    header,
    rows.map((row) => [
      row.scenario,
      row.measure,
      formatValue(row.paramkit, row.unit),
      formatValue(row.powertools, row.unit),
      formatValue(row.middy, row.unit),
      formatValue(row.baseline, row.unit),
      formatRatio(row.paramkit, row.powertools),
      formatRatio(row.paramkit, row.baseline),
    ]),
  );
}

/** API calls by operation for the rows that carry them (scenario 3). */
export function callsTable(rows) {
  const detailed = rows.filter((row) => row.detail !== undefined);
  const describe = (calls) =>
    Object.entries(calls ?? {})
      .map(([operation, count]) => `${count} ${operation}`)
      .join(' + ') || '—';
  return markdownTable(
    ['#', 'measure', 'paramkit', 'Powertools', 'middy'],
    detailed.map((row) => [
      row.scenario,
      row.measure,
      describe(row.detail.paramkit),
      describe(row.detail.powertools),
      describe(row.detail.middy),
    ]),
  );
}
