#!/usr/bin/env bash
# LocalStack runs this once it is ready (docker-compose.yml mounts init/ready.d at /etc/localstack/init/ready.d).
# It creates nothing on purpose: cdklocal deploys every resource from the CDK app (localstack/deploy.sh), so
# LocalStack and AWS get the same template. It only leaves a line in the container log that deploy.sh's users
# can wait for: docker compose -f localstack/docker-compose.yml logs localstack | grep 'mlops: ready'
set -euo pipefail
echo "mlops: ready; next: localstack/deploy.sh (MLOPS_EDITION=${MLOPS_EDITION:-pro}), then localstack/smoke.sh"
