import './lib/env.mjs';
await import('@aws-sdk/client-ssm'); await import('@aws-sdk/client-secrets-manager');
const t0 = performance.now();
await import(process.argv[2]);
console.log((performance.now()-t0).toFixed(1));
