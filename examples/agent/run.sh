#!/usr/bin/env bash
# Starts the emulator and paramkit-agent on this machine, reads secrets and parameters through the agent with
# curl, then stops both. Needs the packages built (`npm test` does it, or `pnpm -r --filter './packages/**' run build`)
# and curl. Everything listens on loopback only (127.0.0.1 and ::1).
set -euo pipefail
cd "$(dirname "$0")/../.."

EMULATOR_PORT=${EMULATOR_PORT:-4566}
export PARAMETERS_SECRETS_EXTENSION_HTTP_PORT=${PARAMETERS_SECRETS_EXTENSION_HTTP_PORT:-2773}
# In Lambda, AWS_SESSION_TOKEN is set for you; callers send it back in X-Aws-Parameters-Secrets-Token.
export AWS_SESSION_TOKEN=${AWS_SESSION_TOKEN:-example-session-token}
# The emulator accepts any credentials; the AWS SDK inside the agent needs some.
export AWS_ACCESS_KEY_ID=example AWS_SECRET_ACCESS_KEY=example AWS_REGION=us-east-1
export PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL=${PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL:-warn}
AGENT="http://127.0.0.1:${PARAMETERS_SECRETS_EXTENSION_HTTP_PORT}"
TOKEN_HEADER="X-Aws-Parameters-Secrets-Token: ${AWS_SESSION_TOKEN}"

node packages/emulator/dist/cli.js --port "$EMULATOR_PORT" --seed examples/agent/seed.json >/dev/null &
EMULATOR_PID=$!
node packages/agent/dist/bin.js --endpoint "http://127.0.0.1:${EMULATOR_PORT}" &
AGENT_PID=$!
trap 'kill "$AGENT_PID" "$EMULATOR_PID" 2>/dev/null || true' EXIT

# /ping needs no token; wait (at most 5 s) until the agent answers it.
for _ in $(seq 50); do
  curl -sf "${AGENT}/ping" >/dev/null && break
  sleep 0.1
done

show() {
  echo "\$ curl $1"
  curl -s -w '\n→ HTTP %{http_code}\n\n' -H "$TOKEN_HEADER" "${AGENT}$1"
}

show '/secretsmanager/get?secretId=app%2Fdb'
show '/secretsmanager/get?secretId=app%2Fcert'
show '/systemsmanager/parameters/get?name=%2Fapp%2Fdb%2Fpassword&withDecryption=true'
show '/systemsmanager/parameters/get?name=%2Fapp%2Fflag&label=prod'
show '/systemsmanager/parameters/get-by-path?path=%2Fapp&recursive=true'
show '/secretsmanager/batch-get?secretId=app%2Fdb&secretId=app%2Fmissing'
show '/secretsmanager/get?secretId=app%2Fmissing'
show '/systemsmanager/parameters/get?name=%2Fapp%2Fflag&version=latest'
echo "\$ curl /secretsmanager/get?secretId=app%2Fdb   (without the token)"
curl -s -w '\n→ HTTP %{http_code}\n\n' "${AGENT}/secretsmanager/get?secretId=app%2Fdb"
echo "\$ curl /metrics?format=prometheus"
curl -s -H "$TOKEN_HEADER" "${AGENT}/metrics?format=prometheus" | grep -E '^paramkit_agent_(requests_total|cache_hits_total|upstream_calls_total)'
