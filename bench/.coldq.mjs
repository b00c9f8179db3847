import './lib/env.mjs';
import { startBenchEmulator } from './lib/emulator.mjs';
import { runChild } from './lib/child.mjs';
const em = await startBenchEmulator();
const CHILD = new URL('./children/cold-start.mjs', import.meta.url).pathname;
const libs=(process.argv[2]??'paramkit,middy').split(','); const res=Object.fromEntries(libs.map(l=>[l,[]]));
for (let i=0;i<Number(process.argv[3]??7);i++) for (const lib of libs) res[lib].push(await runChild(CHILD,[lib]));
for (const lib of libs){ const m=(k)=>{const a=res[lib].map(r=>r[k]).sort((x,y)=>x-y); return a[a.length>>1].toFixed(1)}; console.log(lib,'import',m('importMs'),'first',m('firstFetchMs'),'total',m('totalMs'));}
process.exit(0);
