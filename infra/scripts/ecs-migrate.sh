#!/usr/bin/env bash
# Run each service's migrations as a one-off ECS task with the NEW image, before its rollout:
# register a revision of the service's task definition with the new image, run it once with
# `python -m libs.runner <service> --migrar`, wait, and fail the deploy on a non-zero exit.
#   bash infra/scripts/ecs-migrate.sh <cluster> <dir with imagedefinitions-*.json>
# Migrations must be backward compatible (expand, then contract in a later release): the old
# tasks keep serving while the new schema is applied.
# The task is polled with this script's own deadline (MIGRACAO_PRAZO_SEGUNDOS, default one hour),
# not `aws ecs wait tasks-stopped`, which gives up after about 10 minutes (100 polls, 6 s apart)
# and would fail the deploy while a long migration (a new index on a large table) still runs.
set -euo pipefail
cluster="${1:?cluster}"
images="${2:?directory of imagedefinitions-*.json}"
prazo="${MIGRACAO_PRAZO_SEGUNDOS:-3600}"
intervalo="${MIGRACAO_INTERVALO_SEGUNDOS:-10}"

# Waits until the task stopped; fails when the deadline passes first.
esperar_parar() {
  local task="$1" service="$2" fim=$((SECONDS + prazo)) status
  while :; do
    status=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" \
      --query 'tasks[0].lastStatus' --output text)
    [ "$status" = "STOPPED" ] && return 0
    if [ "$SECONDS" -ge "$fim" ]; then
      echo "migração de $service ainda em $status após ${prazo}s: a tarefa $task segue rodando;" \
        "veja os logs e pare-a (aws ecs stop-task) antes de tentar de novo" >&2
      return 1
    fi
    sleep "$intervalo"
  done
}

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
  esperar_parar "$task" "$service"
  code=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" \
    --query 'tasks[0].containers[0].exitCode' --output text)
  if [ "$code" != "0" ]; then
    echo "migração de $service falhou (saída $code): veja os logs da tarefa $task" >&2
    exit 1
  fi
done
