#!/usr/bin/env bash
# Run each service's migrations as a one-off ECS task with the NEW image, before its rollout:
# register a revision of the service's task definition with the new image, run it once with
# `python -m libs.runner <service> --migrar`, wait, and fail the deploy on a non-zero exit.
#   bash infra/scripts/ecs-migrate.sh <cluster> <dir with imagedefinitions-*.json>
# Migrations must be backward compatible (expand, then contract in a later release): the old
# tasks keep serving while the new schema is applied.
set -euo pipefail
cluster="${1:?cluster}"
images="${2:?directory of imagedefinitions-*.json}"

for defs in "$images"/imagedefinitions-*.json; do
  service=$(jq -r '.[0].name' "$defs")
  image=$(jq -r '.[0].imageUri' "$defs")
  current=$(aws ecs describe-services --cluster "$cluster" --services "$service" \
    --query 'services[0]' --output json)
  taskdef=$(jq -r '.taskDefinition' <<<"$current")
  network=$(jq -c '.networkConfiguration' <<<"$current")

  new=$(aws ecs describe-task-definition --task-definition "$taskdef" --query taskDefinition --output json |
    jq --arg image "$image" '.containerDefinitions[0].image = $image
      | {family, taskRoleArn, executionRoleArn, networkMode, containerDefinitions, volumes,
         requiresCompatibilities, cpu, memory, runtimePlatform}')
  revision=$(aws ecs register-task-definition --cli-input-json "$new" \
    --query 'taskDefinition.taskDefinitionArn' --output text)

  overrides=$(jq -nc --arg s "$service" \
    '{containerOverrides: [{name: $s, command: ["python", "-m", "libs.runner", $s, "--migrar"]}]}')
  task=$(aws ecs run-task --cluster "$cluster" --launch-type FARGATE --task-definition "$revision" \
    --network-configuration "$network" --overrides "$overrides" --started-by "migracao-$service" \
    --query 'tasks[0].taskArn' --output text)
  echo "migrando $service: $task"
  aws ecs wait tasks-stopped --cluster "$cluster" --tasks "$task"
  code=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" \
    --query 'tasks[0].containers[0].exitCode' --output text)
  if [ "$code" != "0" ]; then
    echo "migração de $service falhou (saída $code): veja os logs da tarefa $task" >&2
    exit 1
  fi
done
