# Delivery: GitHub (CodeStar connection) -> CodeBuild runs buildspec.yml (make test, then the five
# images tagged with the commit) -> for each environment in order: [manual approval] -> the
# migrations as one-off ECS tasks -> rolling ECS deploy of every service (circuit breaker and
# rollback are on the services).
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
  region  = data.aws_region.current.id
}

resource "aws_codestarconnections_connection" "this" {
  name          = substr("${var.name}-github", 0, 32)
  provider_type = "GitHub"
  tags          = var.tags
}

# ---------------------------------------------------------------------------- artifacts
module "artifacts" {
  source = "../bucket"

  name        = "${var.name}-pipeline-${local.account}"
  kms_key_arn = var.kms_key_arn
  access_logs = { bucket = var.access_logs_bucket, prefix = "s3/pipeline/" }

  lifecycle_rules = [{
    id                   = "artefatos-antigos"
    expiration_days      = 90
    noncurrent_days      = 7
    abort_multipart_days = 1
  }]

  tags = var.tags
}

# ---------------------------------------------------------------------------- images
# One repository per service, shared by every environment: the image tested once is the image
# promoted from dev to prod.
resource "aws_ecr_repository" "this" {
  for_each = toset(var.services)

  name                 = "${var.repository_prefix}/${each.key}"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = var.kms_key_arn
  }

  tags = var.tags
}

resource "aws_ecr_lifecycle_policy" "this" {
  for_each = aws_ecr_repository.this

  repository = each.value.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Guardar as ultimas ${var.images_kept} imagens (rollback)"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = var.images_kept }
      action       = { type = "expire" }
    }]
  })
}

# ---------------------------------------------------------------------------- CodeBuild
resource "aws_cloudwatch_log_group" "build" {
  name              = "/healthmed/${var.name}/codebuild"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "codebuild_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codebuild.amazonaws.com"]
    }
  }
}

# One role per project: each gets only what its step does. The test step runs the repository's
# code (make test) before any review of what it might do with a role: it can write its logs and
# artifacts and nothing else (no ECR push, no ecs:RunTask, no iam:PassRole).
locals {
  partition = data.aws_partition.current.partition
  clusters  = [for e in var.environments : "arn:${local.partition}:ecs:${local.region}:${local.account}:cluster/${e.cluster_name}"]
  codebuild = toset(["testes", "imagens", "migracoes", "web"])
}

resource "aws_iam_role" "codebuild" {
  for_each = local.codebuild

  name               = "${var.name}-codebuild-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.codebuild_assume.json
  tags               = var.tags
}

# What every build needs: its log stream, the pipeline's artifacts and their key.
data "aws_iam_policy_document" "codebuild_base" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.build.arn}:*"]
  }

  statement {
    sid       = "Artefatos"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
    resources = ["${module.artifacts.arn}/*"]
  }

  statement {
    sid       = "Chave"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"]
    resources = distinct([var.kms_key_arn, var.logs_kms_key_arn])
  }
}

data "aws_iam_policy_document" "codebuild_imagens" {
  # checkov:skip=CKV_AWS_111: ecr:GetAuthorizationToken has no resource-level permission
  # checkov:skip=CKV_AWS_356: same action; the pushes are scoped to the project's repositories
  source_policy_documents = [data.aws_iam_policy_document.codebuild_base.json]

  statement {
    sid       = "LoginNoECR"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # this action has no resource-level permission
  }

  statement {
    sid = "EnviarImagens"
    actions = [
      "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:DescribeImages",
      "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart",
    ]
    resources = [for r in aws_ecr_repository.this : r.arn]
  }
}

# The migration step: read the service, register a revision with the new image, run it once in
# the environment's cluster, and follow it.
data "aws_iam_policy_document" "codebuild_migracoes" {
  # checkov:skip=CKV_AWS_111: ecs:RegisterTaskDefinition and DescribeTaskDefinition have no resource-level permission
  # checkov:skip=CKV_AWS_356: same actions; RunTask, DescribeServices and DescribeTasks are scoped to the clusters
  source_policy_documents = [data.aws_iam_policy_document.codebuild_base.json]

  statement {
    sid       = "DefinicoesDeTarefa"
    actions   = ["ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition"]
    resources = ["*"] # no resource-level permission
  }

  statement {
    sid       = "Servicos"
    actions   = ["ecs:DescribeServices"]
    resources = [for e in var.environments : "arn:${local.partition}:ecs:${local.region}:${local.account}:service/${e.cluster_name}/*"]
  }

  statement {
    sid       = "RodarMigracao"
    actions   = ["ecs:RunTask"]
    resources = ["arn:${local.partition}:ecs:${local.region}:${local.account}:task-definition/healthmed-*:*"]

    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = local.clusters
    }
  }

  statement {
    sid       = "AcompanharMigracao"
    actions   = ["ecs:DescribeTasks"]
    resources = [for e in var.environments : "arn:${local.partition}:ecs:${local.region}:${local.account}:task/${e.cluster_name}/*"]
  }

  statement {
    sid       = "PassarPapeisDasTarefas"
    actions   = ["iam:PassRole"]
    resources = ["arn:${local.partition}:iam::${local.account}:role/healthmed-*"]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# The web step: the environments' web buckets, their keys, and the invalidation.
data "aws_iam_policy_document" "codebuild_web" {
  # checkov:skip=CKV_AWS_111: cloudfront:ListDistributions has no resource-level permission
  # checkov:skip=CKV_AWS_356: same action; buckets and keys are scoped by name and alias
  source_policy_documents = [data.aws_iam_policy_document.codebuild_base.json]

  statement {
    sid       = "BucketsWeb"
    actions   = ["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["arn:${local.partition}:s3:::healthmed-*-web-${local.account}", "arn:${local.partition}:s3:::healthmed-*-web-${local.account}/*"]
  }

  statement {
    sid       = "ChavesWeb"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = ["arn:${local.partition}:kms:${local.region}:${local.account}:key/*"]

    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/healthmed-*-web"]
    }
  }

  statement {
    sid       = "Invalidacao"
    actions   = ["cloudfront:ListDistributions", "cloudfront:CreateInvalidation"]
    resources = ["*"] # ListDistributions has no resource-level permission
  }
}

resource "aws_iam_role_policy" "codebuild" {
  for_each = local.codebuild

  name = "codebuild-${each.key}"
  role = aws_iam_role.codebuild[each.key].id
  policy = {
    testes    = data.aws_iam_policy_document.codebuild_base.json
    imagens   = data.aws_iam_policy_document.codebuild_imagens.json
    migracoes = data.aws_iam_policy_document.codebuild_migracoes.json
    web       = data.aws_iam_policy_document.codebuild_web.json
  }[each.key]
}

# make test, on Debian (the project's tests drive Debian's Chromium), not privileged.
resource "aws_codebuild_project" "test" {
  name           = "${var.name}-testes"
  description    = "make test (buildspec.yml, HEALTHMED_ETAPA=testes)"
  service_role   = aws_iam_role.codebuild["testes"].arn
  build_timeout  = 90
  encryption_key = var.kms_key_arn

  source {
    type      = "CODEPIPELINE"
    buildspec = "buildspec.yml"
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    compute_type = "BUILD_GENERAL1_LARGE"
    image        = var.test_image
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "HEALTHMED_ETAPA"
      value = "testes"
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build.name
    }
  }

  tags = var.tags
}

# The images, once the tests passed: docker needs privileged mode.
resource "aws_codebuild_project" "build" {
  # checkov:skip=CKV_AWS_316: building container images with docker needs privileged mode; the project runs only our buildspec from main
  name           = "${var.name}-build"
  description    = "Imagens dos cinco servicos, enviadas ao ECR (buildspec.yml, HEALTHMED_ETAPA=imagens)"
  service_role   = aws_iam_role.codebuild["imagens"].arn
  build_timeout  = 60
  encryption_key = var.kms_key_arn

  source {
    type      = "CODEPIPELINE"
    buildspec = "buildspec.yml"
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    compute_type    = "BUILD_GENERAL1_MEDIUM"
    image           = var.build_image
    type            = "LINUX_CONTAINER"
    privileged_mode = true # docker build

    environment_variable {
      name  = "HEALTHMED_ETAPA"
      value = "imagens"
    }

    environment_variable {
      name  = "ECR_REGISTRY"
      value = "${local.account}.dkr.ecr.${local.region}.amazonaws.com"
    }

    environment_variable {
      name  = "ECR_PREFIX"
      value = var.repository_prefix
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build.name
    }
  }

  tags = var.tags
}

resource "aws_codebuild_project" "migrate" {
  name           = "${var.name}-migracoes"
  description    = "Migracoes de cada servico como tarefa ECS avulsa, antes do deploy"
  service_role   = aws_iam_role.codebuild["migracoes"].arn
  build_timeout  = 30
  encryption_key = var.kms_key_arn

  source {
    type      = "CODEPIPELINE"
    buildspec = <<-YAML
      version: 0.2
      phases:
        build:
          commands:
            - bash infra/scripts/ecs-migrate.sh "$CLUSTER" "$CODEBUILD_SRC_DIR_imagens"
    YAML
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = var.build_image
    type         = "LINUX_CONTAINER"
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build.name
    }
  }

  tags = var.tags
}

# The web app of one environment: build, sync to its bucket, invalidate the entry point.
resource "aws_codebuild_project" "web" {
  name           = "${var.name}-web"
  description    = "App web: build, envio ao bucket do ambiente, invalidacao no CloudFront"
  service_role   = aws_iam_role.codebuild["web"].arn
  build_timeout  = 20
  encryption_key = var.kms_key_arn

  source {
    type      = "CODEPIPELINE"
    buildspec = <<-YAML
      version: 0.2
      phases:
        install:
          runtime-versions:
            nodejs: 20
        build:
          commands:
            # buildspec 0.2 keeps one shell for all commands: a bare `cd frontend` would leave
            # the next lines in frontend/ (and frontend/dist would not exist there).
            - npm --prefix frontend ci --no-audit --no-fund && npm --prefix frontend run build
            - aws s3 sync frontend/dist "s3://healthmed-$AMBIENTE-web-$CONTA" --delete --exclude index.html
            - aws s3 cp frontend/dist/index.html "s3://healthmed-$AMBIENTE-web-$CONTA/index.html" --cache-control no-cache
            - DIST=$(aws cloudfront list-distributions --query "DistributionList.Items[?Comment=='HealthMed healthmed-$AMBIENTE'].Id | [0]" --output text)
            - aws cloudfront create-invalidation --distribution-id "$DIST" --paths /index.html
    YAML
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = var.build_image
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "CONTA"
      value = local.account
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build.name
    }
  }

  tags = var.tags
}

# ---------------------------------------------------------------------------- CodePipeline
data "aws_iam_policy_document" "pipeline_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codepipeline.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "pipeline" {
  name               = "${var.name}-codepipeline"
  assume_role_policy = data.aws_iam_policy_document.pipeline_assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "pipeline" {
  # checkov:skip=CKV_AWS_111: the ECS deploy action needs ecs:RegisterTaskDefinition, which has no resource-level permission
  # checkov:skip=CKV_AWS_356: same action; PassRole is limited to healthmed-* roles passed to ECS tasks
  statement {
    sid       = "Artefatos"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:GetBucketVersioning"]
    resources = [module.artifacts.arn, "${module.artifacts.arn}/*"]
  }

  statement {
    sid       = "Chave"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"]
    resources = [var.kms_key_arn]
  }

  statement {
    sid       = "GitHub"
    actions   = ["codestar-connections:UseConnection"]
    resources = [aws_codestarconnections_connection.this.arn]
  }

  statement {
    sid       = "Builds"
    actions   = ["codebuild:StartBuild", "codebuild:BatchGetBuilds"]
    resources = [aws_codebuild_project.test.arn, aws_codebuild_project.build.arn, aws_codebuild_project.migrate.arn, aws_codebuild_project.web.arn]
  }

  statement {
    sid = "DeployECS"
    actions = [
      "ecs:DescribeServices", "ecs:DescribeTaskDefinition", "ecs:DescribeTasks", "ecs:ListTasks",
      "ecs:RegisterTaskDefinition", "ecs:UpdateService", "ecs:TagResource",
    ]
    resources = ["*"] # RegisterTaskDefinition and Describe* have no resource-level permission
  }

  statement {
    sid       = "PassarPapeisDasTarefas"
    actions   = ["iam:PassRole"]
    resources = ["arn:${data.aws_partition.current.partition}:iam::${local.account}:role/healthmed-*"]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "pipeline" {
  name   = "pipeline"
  role   = aws_iam_role.pipeline.id
  policy = data.aws_iam_policy_document.pipeline.json
}

resource "aws_codepipeline" "this" {
  name          = var.name
  role_arn      = aws_iam_role.pipeline.arn
  pipeline_type = "V2"

  artifact_store {
    location = module.artifacts.id
    type     = "S3"

    encryption_key {
      id   = var.kms_key_arn
      type = "KMS"
    }
  }

  stage {
    name = "Fonte"

    action {
      name             = "GitHub"
      category         = "Source"
      owner            = "AWS"
      provider         = "CodeStarSourceConnection"
      version          = "1"
      output_artifacts = ["fonte"]

      configuration = {
        ConnectionArn    = aws_codestarconnections_connection.this.arn
        FullRepositoryId = var.repository
        BranchName       = var.branch
      }
    }
  }

  stage {
    name = "TestesEImagens"

    action {
      name             = "make-test"
      category         = "Build"
      owner            = "AWS"
      provider         = "CodeBuild"
      version          = "1"
      run_order        = 1
      input_artifacts  = ["fonte"]
      output_artifacts = ["testes"]

      configuration = {
        ProjectName = aws_codebuild_project.test.name
      }
    }

    action {
      name             = "imagens"
      category         = "Build"
      owner            = "AWS"
      provider         = "CodeBuild"
      version          = "1"
      run_order        = 2
      input_artifacts  = ["fonte"]
      output_artifacts = ["imagens"]

      configuration = {
        ProjectName = aws_codebuild_project.build.name
      }
    }
  }

  dynamic "stage" {
    for_each = var.environments

    content {
      name = "Deploy-${stage.value.name}"

      dynamic "action" {
        for_each = stage.value.require_approval ? [1] : []

        content {
          name      = "Aprovacao"
          category  = "Approval"
          owner     = "AWS"
          provider  = "Manual"
          version   = "1"
          run_order = 1

          configuration = {
            CustomData = "Promover para ${stage.value.name}? Confira os alarmes e o painel do ambiente anterior."
          }
        }
      }

      action {
        name            = "Migracoes"
        category        = "Build"
        owner           = "AWS"
        provider        = "CodeBuild"
        version         = "1"
        run_order       = 2
        input_artifacts = ["fonte", "imagens"]

        configuration = {
          ProjectName   = aws_codebuild_project.migrate.name
          PrimarySource = "fonte"
          EnvironmentVariables = jsonencode([
            { name = "CLUSTER", value = stage.value.cluster_name, type = "PLAINTEXT" },
          ])
        }
      }

      dynamic "action" {
        for_each = toset(stage.value.services)

        content {
          name            = "ECS-${action.value}"
          category        = "Deploy"
          owner           = "AWS"
          provider        = "ECS"
          version         = "1"
          run_order       = 3
          input_artifacts = ["imagens"]

          configuration = {
            ClusterName       = stage.value.cluster_name
            ServiceName       = action.value
            FileName          = "imagedefinitions-${action.value}.json"
            DeploymentTimeout = "30"
          }
        }
      }

      # The web app last: the API it calls is already the new one.
      action {
        name            = "Web"
        category        = "Build"
        owner           = "AWS"
        provider        = "CodeBuild"
        version         = "1"
        run_order       = 4
        input_artifacts = ["fonte"]

        configuration = {
          ProjectName = aws_codebuild_project.web.name
          EnvironmentVariables = jsonencode([
            { name = "AMBIENTE", value = stage.value.name, type = "PLAINTEXT" },
          ])
        }
      }
    }
  }

  tags = var.tags
}
