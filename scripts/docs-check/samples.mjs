// Reads the ```ts samples of the documentation and groups them into modules, following the fence words described
// in docs/contributing.md ("Code samples in the documentation").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FENCE = /^(\s*)```ts\b(.*)$/;
const CLOSE = /^\s*```\s*$/;
/** Fence words: how a block joins a module, and whether the module is run. */
const WORD = /^(?:continued|ignore|aws|norun|file=[\w.-]+\.ts|seed=[\w.-]+)$/;
const USAGE = 'continued, ignore, aws, norun, file=<name>.ts or seed=<name>';

/** The Markdown files whose samples are checked: the README and every page under docs/. */
export function pages(root) {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

/** The ```ts blocks of one page: their code, the line of their first code line (1-based) and their fence words. */
function blocksOf(root, page) {
  const lines = readFileSync(join(root, page), 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1].length;
    const words = open[2].trim().split(/\s+/).filter(Boolean);
    for (const word of words) {
      if (!WORD.test(word)) throw new Error(`${page}:${i + 1}: unknown fence word '${word}' (use ${USAGE})`);
    }
    const code = [];
    let end = i + 1;
    while (end < lines.length && !CLOSE.test(lines[end] ?? '')) {
      code.push((lines[end] ?? '').slice(indent));
      end++;
    }
    if (end === lines.length) throw new Error(`${page}:${i + 1}: code block is not closed`);
    blocks.push({ code, line: i + 2, words });
    i = end;
  }
  return blocks;
}

const wordValue = (words, key) => words.find((word) => word.startsWith(`${key}=`))?.slice(key.length + 1);

/**
 * Groups a page's blocks into modules: other blocks start one, `continued` blocks join the one before. A module is
 * compile-only when any of its blocks says `aws` or `norun`; `seed=` on any of its blocks names its seed file.
 */
export function modulesOf(root, page) {
  const modules = [];
  for (const block of blocksOf(root, page)) {
    const { words, line } = block;
    if (words.includes('ignore')) continue;
    let module;
    if (words.includes('continued')) {
      module = modules.at(-1);
      if (!module) throw new Error(`${page}:${line - 1}: a 'continued' block needs a block before it`);
      if (wordValue(words, 'file')) throw new Error(`${page}:${line - 1}: a 'continued' block cannot be a file=`);
    } else {
      const name = wordValue(words, 'file') ?? `${String(modules.length + 1).padStart(2, '0')}.ts`;
      if (modules.some((other) => other.name === name)) {
        throw new Error(`${page}:${line - 1}: a second module named ${name}`);
      }
      module = { page, name, line, blocks: [], compileOnly: false, seed: undefined };
      modules.push(module);
    }
    module.blocks.push(block);
    if (words.includes('aws') || words.includes('norun')) module.compileOnly = true;
    const seed = wordValue(words, 'seed');
    if (seed) {
      if (module.seed && module.seed !== seed) throw new Error(`${page}:${line - 1}: a second seed for one module`);
      module.seed = seed;
    }
  }
  return modules;
}

/** The text of a module and where each of its blocks starts in it, to map generated lines back to the page. */
export function textOf(module) {
  const text = [];
  const segments = [];
  for (const block of module.blocks) {
    segments.push({ from: text.length + 1, to: text.length + block.code.length, line: block.line });
    text.push(...block.code);
  }
  // `export {}` makes a sample without imports a module too, so that top-level await is allowed.
  return { text: `${text.join('\n')}\nexport {};\n`, segments };
}
