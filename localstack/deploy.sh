#!/usr/bin/env bash
# Deploys the CDK app (stacks MlopsImages and Mlops) to a running LocalStack with cdklocal.
#
#   docker compose -f localstack/docker-compose.yml up -d --wait
#   localstack/deploy.sh                      # MLOPS_EDITION=pro (default): the whole stack
#   MLOPS_EDITION=community localstack/deploy.sh   # without Batch, ECR, Cognito and the HTTP API
#
# Environment:
#   MLOPS_EDITION          pro | community (default pro; see localstack/README.md for what each deploys)
#   LOCALSTACK_AUTH_TOKEN  required with MLOPS_EDITION=pro (the container reads it; checked here to fail early)
#   AWS_ENDPOINT_URL       LocalStack's gateway (default http://localhost:4566)
#   AWS_DEFAULT_REGION     default us-east-1
#   SKIP_BUILD=1           reuse the jars already built
#   SKIP_TRAINER_IMAGE=1   (pro) don't push the trainer image with jib; the stack then gets a dummy digest and
#                          training jobs cannot start
#   CDK_CONTEXT            extra "-c k=v" arguments for cdklocal deploy, e.g. "-c alarmEmail=me@example.com"
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
edition="${MLOPS_EDITION:-pro}"
export AWS_ENDPOINT_URL="${AWS_ENDPOINT_URL:-http://localhost:4566}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
# LocalStack accepts any credentials; account 000000000000 is its default
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
# cdklocal reads these to point the CDK CLI at LocalStack
export AWS_ENDPOINT_URL_S3="${AWS_ENDPOINT_URL_S3:-$AWS_ENDPOINT_URL}"
account=000000000000

step() { printf '\n==> %s\n' "$*" >&2; }
fail() { printf 'deploy.sh: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 not found: $2"; }

step "checking prerequisites (edition: $edition)"
case "$edition" in
  pro|community) ;;
  *) fail "MLOPS_EDITION must be pro or community, got '$edition'" ;;
esac
need docker "install Docker; LocalStack and its Lambda functions run in containers"
docker info >/dev/null 2>&1 || fail "docker is installed but no engine answers (is the daemon running, may this user use it?)"
need java "install a JDK 17+"
need mvn "install Maven 3.8+"
need node "install Node 20+ (the CDK CLI runs on it)"
need npm "install npm (comes with Node)"
need curl "install curl"
need aws "install the AWS CLI v2 (reads the stack outputs and the ECR repository)"
if [ "$edition" = pro ] && [ -z "${LOCALSTACK_AUTH_TOKEN:-}" ]; then
  fail "LOCALSTACK_AUTH_TOKEN is not set: the full stack needs LocalStack Pro (Batch, ECR, Cognito, HTTP APIs).
  Export your token (app.localstack.cloud > Auth Tokens) before 'docker compose up', or deploy the reduced stack:
  MLOPS_EDITION=community $0"
fi
curl -fsS "$AWS_ENDPOINT_URL/_localstack/health" >/dev/null 2>&1 \
  || fail "LocalStack does not answer at $AWS_ENDPOINT_URL: docker compose -f localstack/docker-compose.yml up -d --wait"
info="$(curl -fsS "$AWS_ENDPOINT_URL/_localstack/info" 2>/dev/null || true)"
echo "LocalStack: $info" >&2
if [ "$edition" = pro ]; then
  # /_localstack/info says {"edition": "community"|"pro", "is_license_activated": true|false, ...}
  if grep -Eq '"edition": *"community"|"is_license_activated": *false' <<<"$info"; then
    fail "this LocalStack is the community edition or its licence did not activate (see above), so it has no
  Batch, ECR, Cognito or HTTP APIs. Start localstack/localstack-pro with LOCALSTACK_AUTH_TOKEN set, or deploy the
  reduced stack: MLOPS_EDITION=community $0"
  fi
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "building the Lambda jars (mvn -B -DskipTests package)"
  (cd "$root" && mvn -B -q -DskipTests package)
fi

step "installing the CDK CLI and cdklocal (npm ci in infra-cdk)"
(cd "$root/infra-cdk" && npm ci --no-audit --no-fund)
cdklocal="$root/infra-cdk/node_modules/.bin/cdklocal"
[ -x "$cdklocal" ] || fail "npm ci did not install cdklocal (aws-cdk-local in infra-cdk/package.json)"

context=(-c "edition=$edition")
# shellcheck disable=SC2206 # word splitting of CDK_CONTEXT is intended
extra=(${CDK_CONTEXT:-})

cd "$root/infra-cdk"
step "cdklocal bootstrap aws://$account/$AWS_DEFAULT_REGION"
"$cdklocal" bootstrap "aws://$account/$AWS_DEFAULT_REGION" "${context[@]}" "${extra[@]}"

if [ "$edition" = pro ]; then
  step "cdklocal deploy MlopsImages (the trainer's ECR repository)"
  "$cdklocal" deploy MlopsImages --require-approval never "${context[@]}" "${extra[@]}"
  digest="sha256:$(printf '0%.0s' $(seq 64))"
  if [ "${SKIP_TRAINER_IMAGE:-0}" != 1 ]; then
    repo_uri="$(aws --endpoint-url "$AWS_ENDPOINT_URL" ecr describe-repositories --repository-names mlops-trainer \
      --query 'repositories[0].repositoryUri' --output text)" \
      || fail "no ECR repository mlops-trainer after deploying MlopsImages"
    tag="localstack-$(date +%Y%m%d%H%M%S)"
    step "pushing the trainer image with jib to $repo_uri:$tag (LocalStack's registry is plain HTTP)"
    (cd "$root" && mvn -B -q -pl functions/trainer -am package jib:build -DskipTests \
        -Dtrainer.image="$repo_uri:$tag" -Djib.allowInsecureRegistries=true -DsendCredentialsOverHttp=true \
        -Djib.to.auth.username=test -Djib.to.auth.password=test)
    digest="$(cat "$root/functions/trainer/target/jib-image.digest")"
  else
    echo "SKIP_TRAINER_IMAGE=1: deploying with a dummy trainer digest; Train will fail" >&2
  fi
  context+=(-c "trainerImageDigest=$digest")
  step "cdklocal deploy Mlops"
  "$cdklocal" deploy Mlops --require-approval never "${context[@]}" "${extra[@]}"
else
  step "cdklocal deploy --all (community: no MlopsImages stack; Mlops without Batch, Cognito and the HTTP API)"
  "$cdklocal" deploy --all --require-approval never "${context[@]}" "${extra[@]}"
fi

step "stack outputs"
aws --endpoint-url "$AWS_ENDPOINT_URL" cloudformation describe-stacks --stack-name Mlops \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text
echo "deployed ($edition). Next: localstack/smoke.sh" >&2
