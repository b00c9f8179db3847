// Imported first by every bench entry point: settles the environment before any AWS SDK module loads.
// The SDK warns on Node.js 20 that later releases need Node.js 22; credentials are dummies for the emulator;
// IMDS is off so that no lookup leaves loopback; Powertools and paramkit settings come from code only.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'bench';
process.env.AWS_SECRET_ACCESS_KEY = 'bench';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
for (const name of Object.keys(process.env)) {
  if (name.startsWith('POWERTOOLS_') || name === 'AWS_PROFILE' || name === 'AWS_SESSION_TOKEN') {
    delete process.env[name];
  }
}
