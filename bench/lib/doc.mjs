import { readFileSync, writeFileSync } from 'node:fs';

/** Replaces what lies between `<!-- name:start -->` and `<!-- name:end -->` in a Markdown file. */
export function replaceSection(path, name, content) {
  const text = readFileSync(path, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to < from) throw new Error(`${path}: markers ${start} … ${end} not found`);
  writeFileSync(path, `${text.slice(0, from + start.length)}\n${content.trim()}\n${text.slice(to)}`);
}
