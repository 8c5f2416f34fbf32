#!/usr/bin/env bash
# Smoke test of the ECR API with the real `aws` CLI (v1 or v2): the seeds' repository-management commands against
# a local Berth, unchanged but for --endpoint-url.
#
#   examples/ecr-smoke.sh
#
# Starts `./berth serve` on a free loopback port with a temporary data directory and the root credentials from
# BERTH_ROOT_ACCESS_KEY_ID / BERTH_ROOT_SECRET_ACCESS_KEY (made up here when unset), points an isolated `aws`
# configuration at it, then: create-repository (IMMUTABLE, scanOnPush), get-login-password and a push over /v2/
# with it, describe-repositories, list-images, describe-images, delete-repository --force. Prints each step; exits
# non-zero at the first failure. Needs aws, curl, python3 and sha256sum.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/lib/servers.sh
. "$repo_root/scripts/lib/servers.sh"
for tool in aws curl python3 sha256sum; do
  command -v "$tool" >/dev/null || { echo "ecr-smoke: $tool is required" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/berth-ecr-smoke.XXXXXX")
BERTH_PID=
cleanup() {
  stop_group "$BERTH_PID"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export BERTH_ROOT_ACCESS_KEY_ID=${BERTH_ROOT_ACCESS_KEY_ID:-AKIASMOKE$(date +%s)}
export BERTH_ROOT_SECRET_ACCESS_KEY=${BERTH_ROOT_SECRET_ACCESS_KEY:-smoke-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
export BERTH_ACCOUNT_ID=${BERTH_ACCOUNT_ID:-123456789012}
echo "ecr-smoke: starting ./berth serve (log $work/server.log)"
start_berth "$repo_root" "$work/server.log" "$work/data" "${BERTH_START_TIMEOUT:-600}" || exit $?
endpoint=$BERTH_URL
host=${endpoint#http://}

# An aws configuration of its own: nothing of the user's profile, credentials or endpoints leaks in.
export AWS_CONFIG_FILE=$work/aws-config AWS_SHARED_CREDENTIALS_FILE=$work/aws-credentials
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_ECR
aws configure set aws_access_key_id "$BERTH_ROOT_ACCESS_KEY_ID"
aws configure set aws_secret_access_key "$BERTH_ROOT_SECRET_ACCESS_KEY"
aws configure set region us-east-1
aws configure set output json

ecr() { aws ecr "$@" --endpoint-url "$endpoint"; }
fail() { echo "ecr-smoke: FAIL: $*" >&2; exit 1; }
expect() { # expect WHAT ACTUAL WANTED
  [[ $2 == "$3" ]] || fail "$1: got '$2', want '$3'"
  echo "  ok: $1 = $2"
}

echo "ecr-smoke: create-repository"
created=$(ecr create-repository --repository-name acme/app --image-tag-mutability IMMUTABLE \
  --image-scanning-configuration scanOnPush=true)
field() { python3 -c 'import json,sys; d=json.load(sys.stdin)
for k in sys.argv[1].split("."): d=d[int(k)] if k.isdigit() else d[k]
print(d)' "$1"; }
expect imageTagMutability "$(field repository.imageTagMutability <<<"$created")" IMMUTABLE
expect scanOnPush "$(field repository.imageScanningConfiguration.scanOnPush <<<"$created")" True
expect repositoryUri "$(field repository.repositoryUri <<<"$created")" "$host/acme/app"

echo "ecr-smoke: get-login-password, then a push over /v2/ with it"
password=$(ecr get-login-password)
auth=(-u "AWS:$password")
expect "GET /v2/" "$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$endpoint/v2/")" 200
printf '{"architecture":"amd64","os":"linux"}' >"$work/config.json"
head -c 4096 /dev/urandom >"$work/layer.bin"
push_blob() {
  local digest="sha256:$(sha256sum "$1" | cut -d' ' -f1)"
  expect "push $(basename "$1")" "$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -X POST \
    -H 'Content-Type: application/octet-stream' --data-binary "@$1" \
    "$endpoint/v2/acme/app/blobs/uploads/?digest=$digest")" 201 >&2
  echo "$digest"
}
config_digest=$(push_blob "$work/config.json")
layer_digest=$(push_blob "$work/layer.bin")
cat >"$work/manifest.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"$config_digest","size":$(stat -c %s "$work/config.json")},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"$layer_digest","size":4096}]}
JSON
put_manifest() {
  curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -X PUT \
    -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$work/manifest.json" \
    "$endpoint/v2/acme/app/manifests/1.0.0"
}
expect "PUT manifest 1.0.0" "$(put_manifest)" 201
expect "PUT manifest 1.0.0 again (immutable)" "$(put_manifest)" 400
manifest_digest="sha256:$(sha256sum "$work/manifest.json" | cut -d' ' -f1)"

echo "ecr-smoke: describe-repositories"
described=$(ecr describe-repositories --repository-names acme/app)
expect "described name" "$(field repositories.0.repositoryName <<<"$described")" acme/app
expect "described mutability" "$(field repositories.0.imageTagMutability <<<"$described")" IMMUTABLE

echo "ecr-smoke: list-images"
listed=$(ecr list-images --repository-name acme/app)
expect "listed tag" "$(field imageIds.0.imageTag <<<"$listed")" 1.0.0
expect "listed digest" "$(field imageIds.0.imageDigest <<<"$listed")" "$manifest_digest"

echo "ecr-smoke: describe-images"
images=$(ecr describe-images --repository-name acme/app --image-ids imageTag=1.0.0)
expect "image digest" "$(field imageDetails.0.imageDigest <<<"$images")" "$manifest_digest"
expect "image size" "$(field imageDetails.0.imageSizeInBytes <<<"$images")" \
  "$((4096 + $(stat -c %s "$work/config.json")))"

echo "ecr-smoke: delete-repository --force"
deleted=$(ecr delete-repository --repository-name acme/app --force)
expect "deleted name" "$(field repository.repositoryName <<<"$deleted")" acme/app
if ecr describe-repositories --repository-names acme/app >"$work/gone.out" 2>&1; then
  fail "acme/app is still described after delete-repository"
fi
grep -q RepositoryNotFoundException "$work/gone.out" || fail "expected RepositoryNotFoundException: $(cat "$work/gone.out")"
echo "  ok: describe-repositories after delete: RepositoryNotFoundException"

echo "ecr-smoke: PASS"
