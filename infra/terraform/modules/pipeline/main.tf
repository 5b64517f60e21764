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

resource "aws_iam_role" "codebuild" {
  name               = "${var.name}-codebuild"
  assume_role_policy = data.aws_iam_policy_document.codebuild_assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "codebuild" {
  # checkov:skip=CKV_AWS_111: ecr:GetAuthorizationToken and ecs:RegisterTaskDefinition/Describe* have no resource-level permissions
  # checkov:skip=CKV_AWS_356: same actions; everything that has resource-level permissions is scoped below
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

  statement {
    sid       = "LoginNoECR"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # this action has no resource-level permission
  }

  statement {
    sid = "EnviarImagens"
    actions = [
      "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload",
      "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart",
    ]
    resources = ["arn:${data.aws_partition.current.partition}:ecr:${local.region}:${local.account}:repository/${var.repository_prefix}/*"]
  }

  # The migration step: read the service, register a revision with the new image, run it once.
  statement {
    sid       = "Migracoes"
    actions   = ["ecs:DescribeServices", "ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition", "ecs:RunTask", "ecs:DescribeTasks"]
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

  # The web step: the environments' web buckets, their keys, and the invalidation.
  statement {
    sid       = "BucketsWeb"
    actions   = ["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::healthmed-*-web-${local.account}", "arn:${data.aws_partition.current.partition}:s3:::healthmed-*-web-${local.account}/*"]
  }

  statement {
    sid       = "ChavesWeb"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = ["arn:${data.aws_partition.current.partition}:kms:${local.region}:${local.account}:key/*"]

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
  name   = "build-e-migracoes"
  role   = aws_iam_role.codebuild.id
  policy = data.aws_iam_policy_document.codebuild.json
}

# make test, on Debian (the project's tests drive Debian's Chromium), not privileged.
resource "aws_codebuild_project" "test" {
  name           = "${var.name}-testes"
  description    = "make test (buildspec.yml, HEALTHMED_ETAPA=testes)"
  service_role   = aws_iam_role.codebuild.arn
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
  service_role   = aws_iam_role.codebuild.arn
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
  service_role   = aws_iam_role.codebuild.arn
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
  service_role   = aws_iam_role.codebuild.arn
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
            - cd frontend && npm ci --no-audit --no-fund && npm run build
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
