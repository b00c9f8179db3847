// Imported first: the AWS SDK warns on Node.js 20 that later releases will need Node.js 22. The demo runs on 20
// on purpose, so the warning is switched off before any SDK module loads.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
