#!/usr/bin/env bash
# Smoke test of a LocalStack deployment made by localstack/deploy.sh.
#
#   MLOPS_EDITION=pro (default): the loop through the HTTP API: publish the model config, upload a dataset,
#     start training-pipeline (POST /v1/models/{model}/trainings), wait for the approval request, approve it
#     (./mlops approve --endpoint --token), wait for the deployment, call POST /v1/models/{model}/predict.
#   MLOPS_EDITION=community: no HTTP API, Cognito or Batch; the functions are invoked directly with API Gateway
#     payload 2.0 events carrying the claims a JWT authorizer would pass: publish, upload, a local training
#     written to the LocalStack bucket, start training-pipeline through the control function (it stops at
#     Train: no Batch), promote the local version, predict through the inference function.
#
# Environment: AWS_ENDPOINT_URL (default http://localhost:4566), SMOKE_MODEL (credit-risk), SMOKE_ROWS (2000),
#   SMOKE_TIMEOUT seconds to wait for each asynchronous step (900), SMOKE_DATASET a CSV to upload instead of
#   generating one; MLOPS_TOKEN_DS / MLOPS_TOKEN_APPROVER / MLOPS_TOKEN_CLIENT bearer tokens to use instead of
#   creating Cognito users (pro).
# Assumptions (not checked on a machine with Docker when written, see localstack/README.md): LocalStack's
# Cognito lets admin-initiate-auth ADMIN_USER_PASSWORD_AUTH through although the stack's client only enables
# SRP and the pool requires TOTP MFA; the HTTP API answers at http://<api-id>.execute-api.localhost.localstack.cloud:4566.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
edition="${MLOPS_EDITION:-pro}"
model="${SMOKE_MODEL:-credit-risk}"
rows="${SMOKE_ROWS:-2000}"
timeout_s="${SMOKE_TIMEOUT:-900}"
export AWS_ENDPOINT_URL="${AWS_ENDPOINT_URL:-http://localhost:4566}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

n=0
step() { n=$((n + 1)); printf '\n==> [%d] %s\n' "$n" "$*" >&2; }
fail() { printf 'smoke.sh: FAILED: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 not found: $2"; }
awsl() { aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"; }
output() { # the value of the Mlops stack output whose key contains $1
  awsl cloudformation describe-stacks --stack-name Mlops \
    --query "Stacks[0].Outputs[?contains(OutputKey, '$1')].OutputValue | [0]" --output text
}
mlops() { (cd "$root" && ./mlops "$@"); }

step "prerequisites"
need aws "install the AWS CLI v2 (awslocal works too, but this script passes --endpoint-url itself)"
need jq "install jq"
need curl "install curl"
curl -fsS "$AWS_ENDPOINT_URL/_localstack/health" >/dev/null 2>&1 || fail "LocalStack does not answer at $AWS_ENDPOINT_URL (docker compose -f localstack/docker-compose.yml up -d --wait; then localstack/deploy.sh)"
awsl cloudformation describe-stacks --stack-name Mlops >/dev/null 2>&1 || fail "no stack Mlops: run localstack/deploy.sh first"
bucket="$(output BucketName)"
[ -n "$bucket" ] && [ "$bucket" != None ] || fail "the Mlops stack has no BucketName output"
echo "bucket: $bucket" >&2
label="$(jq -r '.label.name' "$root/models/$model/model.json")"
export MLOPS_STORE="s3://$bucket"

step "publish models/$model/model.json to s3://$bucket (./mlops models publish)"
mlops models publish --model "$model" >&2

step "dataset: generate $rows rows and upload it"
dataset_file="${SMOKE_DATASET:-}"
if [ -z "$dataset_file" ]; then
  # ./mlops train writes its generated data set under datasets/{model}/ of the store; a throwaway local store
  MLOPS_HOME="$work/home" MLOPS_STORE="$work/home/store" mlops train --model "$model" --rows "$rows" >&2
  dataset_file="$(find "$work/home/store/datasets/$model" -name '*.csv' | head -n 1)"
  [ -n "$dataset_file" ] || fail "./mlops train wrote no CSV under datasets/$model/"
fi
dataset_key="datasets/$model/smoke-$(date -u +%Y%m%dT%H%M%SZ).csv"
awsl s3 cp "$dataset_file" "s3://$bucket/$dataset_key" >&2
echo "dataset: s3://$bucket/$dataset_key" >&2

# the first data row as a predict instance: numbers stay numbers, the label column is dropped
instance="$(head -n 2 "$dataset_file" | jq -R -s --arg lbl "$label" '
  split("\n") | map(select(length > 0) | split(",")) as [$h, $r]
  | [range(0; $h | length) | select($h[.] != $lbl) | {key: $h[.], value: ($r[.] | tonumber? // .)}]
  | from_entries')"
predict_body="$(jq -c -n --argjson i "$instance" '{instances: [$i]}')"

if [ "$edition" = community ]; then
  fn() { # physical name of the stack's Lambda function whose logical id starts with $1
    awsl cloudformation list-stack-resources --stack-name Mlops --query \
      "StackResourceSummaries[?ResourceType=='AWS::Lambda::Function' && starts_with(LogicalResourceId, '$1')].PhysicalResourceId | [0]" \
      --output text
  }
  invoke() { # invoke <function> <method> <path> <user> <group> [body]: prints the HTTP status and body
    local event
    event="$(jq -c -n --arg m "$2" --arg p "$3" --arg u "$4" --arg g "[$5]" --arg b "${6:-}" '{
      version: "2.0", routeKey: ($m + " " + $p), rawPath: $p, rawQueryString: "",
      headers: {"content-type": "application/json", accept: "application/json"},
      requestContext: {accountId: "000000000000", apiId: "local", domainName: "localhost", domainPrefix: "local",
        http: {method: $m, path: $p, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "smoke.sh"},
        authorizer: {jwt: {claims: {username: $u, sub: $u, "cognito:groups": $g}, scopes: null}},
        requestId: "smoke", routeKey: ($m + " " + $p), stage: "$default", time: "", timeEpoch: 0},
      body: (if $b == "" then null else $b end), isBase64Encoded: false}')"
    awsl lambda invoke --function-name "$1:live" --cli-binary-format raw-in-base64-out \
      --payload "$event" "$work/response.json" >/dev/null
    # an API Gateway v2 proxy response; a function error has no statusCode and prints as "null {...}"
    jq -r '"\(.statusCode) \(if .isBase64Encoded == true then (.body | @base64d) else (.body // tostring) end)"' \
      "$work/response.json"
  }
  control="$(fn ServingControl)"; inference="$(fn ServingInference)"
  echo "functions: $control, $inference" >&2

  step "control function: GET /v1/health"
  out="$(invoke "$control" GET /v1/health smoke analyst)"; echo "$out" >&2
  [ "${out%% *}" = 200 ] || fail "health: $out"

  step "control function: POST /v1/models/$model/trainings as ds-alice (starts training-pipeline)"
  out="$(invoke "$control" POST "/v1/models/$model/trainings" ds-alice data-scientist \
    "$(jq -c -n --arg d "$dataset_key" '{dataset: $d}')")"; echo "$out" >&2
  [ "${out%% *}" = 202 ] || fail "training start: $out"
  execution="$(jq -r '.executionArn' <<<"${out#* }")"
  sleep 10
  status="$(awsl stepfunctions describe-execution --execution-arn "$execution" --query status --output text)"
  echo "training-pipeline $execution: $status (community: expected to stop at Train, there is no Batch)" >&2

  step "train locally into the LocalStack bucket and promote the version (stands in for Batch)"
  MLOPS_HOME="$work/home2" mlops train --model "$model" --data "$dataset_file" >&2
  version="$(MLOPS_HOME="$work/home2" mlops models list --model "$model" | awk '$2 ~ /^v[0-9]+$/ {v=$2} END {print v}')"
  [ -n "$version" ] || fail "no version of $model registered in s3://$bucket"
  MLOPS_HOME="$work/home2" mlops models promote --model "$model" --version "$version" --reason "localstack smoke" >&2

  step "inference function: POST /v1/models/$model/predict"
  out="$(invoke "$inference" POST "/v1/models/$model/predict" smoke-client client "$predict_body")"; echo "$out" >&2
  [ "${out%% *}" = 200 ] || fail "predict: $out"
  jq -e '.predictions[0].probability >= 0' <<<"${out#* }" >/dev/null || fail "no probability in: $out"
  printf '\nsmoke.sh: PASSED (community: %s served %s)\n' "$model" "$version" >&2
  exit 0
fi

step "API and identities"
api_out="$(output ApiUrl)"
api_id="$(sed -E 's#^[a-z]+://##; s#\..*##' <<<"$api_out")"
api="${SMOKE_API_URL:-http://$api_id.execute-api.localhost.localstack.cloud:4566}"
echo "API: $api (stack output: $api_out)" >&2
token() { # token <user> <group> <env var holding a ready token>
  if [ -n "${!3:-}" ]; then printf '%s' "${!3}"; return; fi
  local pool client password
  pool="$(output UserPoolId)"; client="$(output UserPoolClientId)"
  [ -n "$pool" ] && [ "$pool" != None ] || fail "no UserPoolId output (external issuer?): set $3"
  password="Smoke-$(date +%s)-Aa1!"
  awsl cognito-idp admin-create-user --user-pool-id "$pool" --username "$1" --message-action SUPPRESS >/dev/null 2>&1 || true
  awsl cognito-idp admin-set-user-password --user-pool-id "$pool" --username "$1" --password "$password" --permanent >/dev/null
  awsl cognito-idp admin-add-user-to-group --user-pool-id "$pool" --username "$1" --group-name "$2" >/dev/null
  awsl cognito-idp admin-initiate-auth --user-pool-id "$pool" --client-id "$client" --auth-flow ADMIN_USER_PASSWORD_AUTH \
    --auth-parameters "USERNAME=$1,PASSWORD=$password" --query 'AuthenticationResult.AccessToken' --output text \
    || fail "no token for $1 from LocalStack's Cognito (MFA or auth flow enforced?): set $3 to a token instead"
}
ds_token="$(token smoke-ds data-scientist MLOPS_TOKEN_DS)"
approver_token="$(token smoke-approver approver MLOPS_TOKEN_APPROVER)"
client_token="$(token smoke-client client MLOPS_TOKEN_CLIENT)"
call() { # call <token> <method> <path> [body]: prints the HTTP status and body
  local args=(-sS -o "$work/body" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" -H 'Accept: application/json')
  [ $# -ge 4 ] && args+=(-H 'Content-Type: application/json' --data "$4")
  local code; code="$(curl "${args[@]}" "$api$3")"
  printf '%s %s' "$code" "$(cat "$work/body")"
}

step "GET /v1/health"
out="$(curl -fsS "$api/v1/health")" || fail "the API does not answer at $api (set SMOKE_API_URL)"; echo "$out" >&2

step "POST /v1/models/$model/trainings (data-scientist)"
out="$(call "$ds_token" POST "/v1/models/$model/trainings" "$(jq -c -n --arg d "$dataset_key" '{dataset: $d}')")"
echo "$out" >&2
[ "${out%% *}" = 202 ] || fail "training start: $out"
execution="$(jq -r '.executionArn' <<<"${out#* }")"

step "waiting for the approval request of $execution (Batch trains; up to ${timeout_s}s)"
deadline=$((SECONDS + timeout_s)); approval=""
while [ -z "$approval" ]; do
  status="$(awsl stepfunctions describe-execution --execution-arn "$execution" --query status --output text)"
  case "$status" in FAILED|TIMED_OUT|ABORTED)
    awsl stepfunctions describe-execution --execution-arn "$execution" --query '[error,cause]' --output text >&2
    fail "training-pipeline ended $status before asking for approval" ;;
  esac
  out="$(call "$approver_token" GET /v1/approvals)"
  approval="$(jq -r --arg m "$model" '.approvals[]? | select(.model == $m) | .id' <<<"${out#* }" 2>/dev/null | head -n 1)"
  [ -n "$approval" ] && break
  [ $SECONDS -lt $deadline ] || fail "no approval request within ${timeout_s}s (execution $status)"
  sleep 10
done
echo "approval: $approval" >&2

step "approve $approval (./mlops approve --endpoint --token)"
mlops approve "$approval" --comment "LocalStack smoke test" --endpoint "$api" --token "$approver_token" >&2

step "waiting for the version to take traffic"
version="${approval#*.}"
deadline=$((SECONDS + timeout_s))
until out="$(call "$approver_token" GET "/v1/models/$model/deployment")" \
    && jq -e --arg v "$version" '.deployment.champion == $v or .deployment.challenger == $v' <<<"${out#* }" >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || fail "$version is not deployed after ${timeout_s}s: $out"
  sleep 10
done
echo "$out" >&2

step "POST /v1/models/$model/predict (client)"
out="$(call "$client_token" POST "/v1/models/$model/predict" "$predict_body")"; echo "$out" >&2
[ "${out%% *}" = 200 ] || fail "predict: $out"
jq -e '.predictions[0].probability >= 0' <<<"${out#* }" >/dev/null || fail "no probability in: $out"
printf '\nsmoke.sh: PASSED (%s %s approved, deployed and serving)\n' "$model" "$version" >&2
