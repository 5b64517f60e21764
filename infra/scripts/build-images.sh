#!/usr/bin/env bash
# Build the five service images from docker/service.Dockerfile, tag them with the commit, push
# them to ECR and write imagedefinitions-<service>.json (image by digest) for the ECS deploys.
#   ECR_REGISTRY=<account>.dkr.ecr.<region>.amazonaws.com ECR_PREFIX=healthmed \
#     bash infra/scripts/build-images.sh <commit>
# The tasks run on linux/amd64 (Fargate, cpu_architecture X86_64): the image is built for that
# platform even on an arm64 laptop. The repositories' tags are immutable, so a commit whose images
# are already there (the operator's bootstrap push, then the pipeline's first run of the same
# commit; or a retried pipeline) is not pushed again: the images already in ECR are deployed, by
# their digest.
set -euo pipefail
tag="${1:?commit SHA}"
: "${ECR_REGISTRY:?}" "${ECR_PREFIX:?}" "${AWS_REGION:?}"
platform="${HEALTHMED_PLATFORM:-linux/amd64}"
services=(auth medico paciente consulta prontuario)

aws ecr get-login-password --region "$AWS_REGION" |
  docker login --username AWS --password-stdin "$ECR_REGISTRY"

for service in "${services[@]}"; do
  repository="$ECR_PREFIX/$service"
  image="$ECR_REGISTRY/$repository:$tag"
  digest=$(aws ecr describe-images --region "$AWS_REGION" --repository-name "$repository" \
    --image-ids imageTag="$tag" --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true)
  if [[ "$digest" == sha256:* ]]; then
    echo "$image já está no ECR ($digest): não é reconstruída (tags imutáveis)"
  else
    docker build --platform "$platform" -f docker/service.Dockerfile \
      --build-arg SERVICE="$service" -t "$image" .
    docker push "$image"
    digest=$(aws ecr describe-images --region "$AWS_REGION" --repository-name "$repository" \
      --image-ids imageTag="$tag" --query 'imageDetails[0].imageDigest' --output text)
  fi
  # Deploy by digest: what runs is exactly what was tested and pushed.
  printf '[{"name":"%s","imageUri":"%s@%s"}]\n' "$service" "$ECR_REGISTRY/$repository" "$digest" \
    > "imagedefinitions-$service.json"
done
