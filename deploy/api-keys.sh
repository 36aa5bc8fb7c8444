#!/usr/bin/env bash
# Makes API keys for the Flywheel services: one random key per client, and an env file that holds only the keys'
# SHA-256 digests and the clients' roles (what the services need), never a key.
#
#   deploy/api-keys.sh [--force] [ENV_FILE]
#
# ENV_FILE (default deploy/api-keys.env, which docker-compose.yml reads) gets
#   FLYWHEEL_SECURITY_API_KEYS_<CLIENT>_KEY_SHA256=<64 hex digits>
#   FLYWHEEL_SECURITY_API_KEYS_<CLIENT>_ROLES=<roles>
# and ENV_FILE with .keys instead of .env (mode 600) gets the keys themselves, <client>=<key>, to hand to the
# callers (FLYWHEEL_API_KEY for the command line, Authorization: Bearer <key> for HTTP clients). For Kubernetes:
#   deploy/api-keys.sh --force deploy/k8s/base/api-keys.env     (the Secret flywheel-api-keys is generated from it)
# An existing ENV_FILE is kept unless --force is given. Clients and roles: docs/operations.md, "Security".
set -euo pipefail

# client name (letters and digits only: it becomes part of an environment variable's name) and its roles
CLIENTS=(
  "feeder:ingest"
  "predictor:predict"
  "operator:admin,read"
  "dashboard:read"
)

force=false
if [[ "${1:-}" == "--force" ]]; then
  force=true
  shift
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
env_file="${1:-$here/api-keys.env}"
keys_file="${env_file%.env}.keys"
if [[ "$keys_file" == "$env_file" ]]; then
  keys_file="$env_file.keys"
fi
if [[ -e "$env_file" && "$force" != true ]]; then
  echo "$env_file exists; keeping it (pass --force to make new keys, which invalidates the old ones)" >&2
  exit 1
fi

sha256() {
  if command -v sha256sum >/dev/null; then
    sha256sum | cut -d' ' -f1
  else
    shasum -a 256 | cut -d' ' -f1
  fi
}

# 24 random bytes as 48 hex digits; above the services' minimum of 16 characters.
new_key() {
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n'
}

umask 077
env_tmp="$(mktemp "${env_file}.XXXXXX")"
keys_tmp="$(mktemp "${keys_file}.XXXXXX")"
trap 'rm -f "$env_tmp" "$keys_tmp"' EXIT
{
  echo "# Flywheel API clients, made by deploy/api-keys.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ): SHA-256 digests and roles"
  echo "# only; the keys are in $(basename "$keys_file"), not here."
} >"$env_tmp"
echo "# Flywheel API keys (client=key), made with $(basename "$env_file"); keep secret." >"$keys_tmp"
for entry in "${CLIENTS[@]}"; do
  client="${entry%%:*}"
  roles="${entry#*:}"
  key="$(new_key)"
  upper="$(printf '%s' "$client" | tr '[:lower:]' '[:upper:]')"
  printf 'FLYWHEEL_SECURITY_API_KEYS_%s_KEY_SHA256=%s\n' "$upper" "$(printf '%s' "$key" | sha256)" >>"$env_tmp"
  printf 'FLYWHEEL_SECURITY_API_KEYS_%s_ROLES=%s\n' "$upper" "$roles" >>"$env_tmp"
  printf '%s=%s\n' "$client" "$key" >>"$keys_tmp"
done
# The digests are no secret, but the file is read by compose and kustomize only: 644.
chmod 644 "$env_tmp"
chmod 600 "$keys_tmp"
mv "$env_tmp" "$env_file"
mv "$keys_tmp" "$keys_file"
trap - EXIT
echo "wrote $env_file (digests and roles) and $keys_file (the keys: ${CLIENTS[*]%%:*})"
