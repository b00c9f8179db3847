// One cold start, in a fresh process: import a library's SSM entry point, then fetch one parameter from the
// emulator (AWS_ENDPOINT_URL comes from the parent). Prints {"importMs","firstFetchMs","totalMs"} as JSON.
import '../lib/env.mjs';
import { performance } from 'node:perf_hooks';
import { NAMES } from '../lib/emulator.mjs';
import { PARAMKIT_DIST } from '../lib/paths.mjs';

const loaders = {
  async paramkit() {
    const { getParameter } = await import(`${PARAMKIT_DIST}ssm/index.js`);
    return () => getParameter(NAMES.hit.parameter);
  },
  async powertools() {
    const { getParameter } = await import('@aws-lambda-powertools/parameters/ssm');
    return () => getParameter(NAMES.hit.parameter);
  },
  async middy() {
    const [{ default: middy }, { default: ssm }] = await Promise.all([import('@middy/core'), import('@middy/ssm')]);
    // Returns a function so that building the handler (which starts middy's prefetch) is timed as the fetch.
    return async () => {
      const handler = middy(async (_event, context) => context.value).use(
        ssm({ fetchData: { value: NAMES.hit.parameter }, setToContext: true }),
      );
      return handler({}, {});
    };
  },
};

const library = process.argv[2];
const load = loaders[library];
if (load === undefined) throw new Error(`unknown library '${library}'`);
const start = performance.now();
const fetchOne = await load();
const imported = performance.now();
const value = await fetchOne();
const done = performance.now();
if (value === undefined || value === null) throw new Error(`${library}: no value fetched`);
console.log(JSON.stringify({ importMs: imported - start, firstFetchMs: done - imported, totalMs: done - start }));
