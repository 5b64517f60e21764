#!/usr/bin/env bash
# Build the five service images from docker/service.Dockerfile, tag them with the commit, push
# them to ECR and write imagedefinitions-<service>.json (image by digest) for the ECS deploys.
#   ECR_REGISTRY=<account>.dkr.ecr.<region>.amazonaws.com ECR_PREFIX=healthmed \
#     bash infra/scripts/build-images.sh <commit>
set -euo pipefail
tag="${1:?commit SHA}"
: "${ECR_REGISTRY:?}" "${ECR_PREFIX:?}" "${AWS_REGION:?}"
services=(auth medico paciente consulta prontuario)

aws ecr get-login-password --region "$AWS_REGION" |
  docker login --username AWS --password-stdin "$ECR_REGISTRY"

for service in "${services[@]}"; do
  image="$ECR_REGISTRY/$ECR_PREFIX/$service:$tag"
  docker build -f docker/service.Dockerfile --build-arg SERVICE="$service" -t "$image" .
  docker push "$image"
  # Deploy by digest: what runs is exactly what was tested and pushed.
  digest=$(docker inspect --format '{{index .RepoDigests 0}}' "$image")
  printf '[{"name":"%s","imageUri":"%s"}]\n' "$service" "$digest" > "imagedefinitions-$service.json"
done
