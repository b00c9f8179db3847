// Runs AWS's Node.js sample (get-secret.mjs, copied by the test) 50 times at once in one process, as 50
// concurrent invocations would; the sample's handler is called as Lambda calls it.
const { handler } = await import(process.argv[2]);
const count = Number(process.argv[3]);
await Promise.all(Array.from({ length: count }, () => handler({})));
