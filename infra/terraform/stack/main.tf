# One HealthMed environment, composed from the modules: keys, then the core (network, database,
# data, identity, cluster), then the per-service stacks (one ecs_service per service), then the
# edge, the alarms and (in the environment that owns it) the delivery pipeline.
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  name     = "healthmed-${var.environment}"
  services = ["auth", "medico", "paciente", "consulta", "prontuario"]
  tags     = merge(var.tags, { Projeto = "healthmed", Ambiente = var.environment, GerenciadoPor = "terraform" })
  origin   = "https://${var.domain_names[0]}"
  registry = coalesce(var.image_registry, "${data.aws_caller_identity.current.account_id}.dkr.ecr.${data.aws_region.current.id}.amazonaws.com/healthmed")
}

# ---------------------------------------------------------------------------- keys
module "kms_logs" {
  source = "../modules/kms"

  alias              = "${local.name}-logs"
  description        = "HealthMed ${var.environment}: CloudWatch Logs"
  service_principals = ["logs.REGION.amazonaws.com"]
  tags               = local.tags
}

module "kms_dados" {
  source = "../modules/kms"

  alias       = "${local.name}-dados"
  description = "HealthMed ${var.environment}: documentos e metadados do prontuario"
  tags        = local.tags
}

module "kms_banco" {
  source = "../modules/kms"

  alias       = "${local.name}-banco"
  description = "HealthMed ${var.environment}: RDS, snapshots, Performance Insights"
  tags        = local.tags
}

module "kms_app" {
  source = "../modules/kms"

  alias              = "${local.name}-app"
  description        = "HealthMed ${var.environment}: segredos, alarmes, artefatos do pipeline"
  service_principals = ["cloudwatch.amazonaws.com", "cloudtrail.amazonaws.com"]
  tags               = local.tags
}

module "kms_web" {
  source = "../modules/kms"

  alias              = "${local.name}-web"
  description        = "HealthMed ${var.environment}: bucket do aplicativo web (lido pelo CloudFront)"
  service_principals = ["cloudfront.amazonaws.com"]
  tags               = local.tags
}

module "kms_waf_logs" {
  source = "../modules/kms"
  providers = {
    aws = aws.us_east_1
  }

  alias              = "${local.name}-waf-logs"
  description        = "HealthMed ${var.environment}: logs do WAF (us-east-1)"
  service_principals = ["logs.REGION.amazonaws.com"]
  tags               = local.tags
}

# ---------------------------------------------------------------------------- core
module "network" {
  source = "../modules/network"

  name               = local.name
  cidr               = var.vpc_cidr
  azs                = var.azs
  single_nat_gateway = var.single_nat_gateway
  logs_kms_key_arn   = module.kms_logs.key_arn
  tags               = local.tags
}

module "database" {
  source = "../modules/database"

  name                   = local.name
  vpc_id                 = module.network.vpc_id
  subnet_ids             = module.network.database_subnet_ids
  instance_class         = var.db_instance_class
  allocated_storage      = var.db_allocated_storage
  multi_az               = var.db_multi_az
  read_replicas          = var.db_read_replicas
  replica_instance_class = var.db_replica_instance_class
  backup_retention_days  = var.db_backup_retention_days
  kms_key_arn            = module.kms_banco.key_arn
  logs_kms_key_arn       = module.kms_logs.key_arn
  log_retention_days     = var.log_retention_days
  tags                   = local.tags
}

module "data" {
  source = "../modules/data"

  name            = local.name
  kms_key_arn     = module.kms_dados.key_arn
  allowed_origins = [for d in var.domain_names : "https://${d}"]
  tags            = local.tags
}

module "identity" {
  source = "../modules/identity"

  name             = local.name
  email_domain     = var.email_domain
  email_via_ses    = var.email_via_ses
  public_origin    = local.origin
  logs_kms_key_arn = module.kms_logs.key_arn
  tags             = local.tags
}

module "cluster" {
  source = "../modules/cluster"

  name                       = local.name
  vpc_id                     = module.network.vpc_id
  private_subnet_ids         = module.network.private_subnet_ids
  certificate_arn            = var.alb_certificate_arn
  database_security_group_id = module.database.security_group_id
  access_logs_bucket         = module.data.logs_bucket
  logs_kms_key_arn           = module.kms_logs.key_arn
  secrets_kms_key_arn        = module.kms_app.key_arn
  secret_names = concat(
    [for s in local.services : "database-url-${s}"],
    ["service-token", "chave-hash", "chave-dados", "prontuario-chave-auditoria"],
    var.db_read_replicas > 0 ? ["database-url-leitura"] : [],
  )
  tags = local.tags
}

# ---------------------------------------------------------------------------- services
locals {
  secrets = module.cluster.secret_arns

  common_environment = {
    HEALTHMED_PROFILE       = "aws"
    HEALTHMED_LOG_FORMAT    = "json"
    HEALTHMED_PUBLIC_ORIGIN = local.origin
    HEALTHMED_SERVICE_URLS  = jsonencode({ for s in local.services : s => "http://${s}:8000" })
    HEALTHMED_JWKS_URL      = module.identity.jwks_url
    HEALTHMED_JWT_ISSUER    = module.identity.issuer
    HEALTHMED_JWT_AUDIENCE  = module.identity.client_id
    HEALTHMED_AWS_REGION    = data.aws_region.current.id
    # The client's address: the header CloudFront's viewer-request function writes with the
    # viewer's IP (replacing any the client sent; only CloudFront reaches the ALB). Nobody's
    # X-Forwarded-For is trusted (uvicorn's default, 127.0.0.1 only): with "*" the client chose
    # its own address, dodging per-IP limits and forging the record's access log.
    HEALTHMED_CABECALHO_IP_CLIENTE = "x-healthmed-ip-cliente"
  }

  # Least privilege in secrets too: every service has its own database URL (its own PostgreSQL
  # role, owner of its schema only: docs/deploy.md), and only the keys its settings require
  # (segredos_exigidos in services/<name>/settings.py; tests/infra checks that they agree).
  common_secrets = {
    HEALTHMED_SERVICE_TOKEN = local.secrets["service-token"]
  }

  service_environment = {
    auth = {
      HEALTHMED_COGNITO_USER_POOL_ID = module.identity.user_pool_id
      HEALTHMED_COGNITO_CLIENT_ID    = module.identity.client_id
      HEALTHMED_SES_IDENTITY_ARN     = module.identity.ses_identity_arn
      HEALTHMED_EMAIL_REMETENTE      = "HealthMed <nao-responda@${var.email_domain}>"
    }
    medico   = {}
    paciente = {}
    consulta = {
      HEALTHMED_REUNIOES_TABELA = module.data.meetings_table
    }
    prontuario = {
      HEALTHMED_DOCUMENTOS_BUCKET        = module.data.documents_bucket
      HEALTHMED_PRONTUARIO_TABELA        = module.data.records_table
      HEALTHMED_DOCUMENTOS_KMS           = module.kms_dados.key_arn
      HEALTHMED_PRONTUARIO_ARMAZENAMENTO = "aws"
      # Prescriptions and certificates signed by one KMS key per doctor (the statements
      # "ChavesDeAssinatura*" below); without it, issuing them answers 503.
      HEALTHMED_PRONTUARIO_ASSINATURA = "kms"
    }
  }

  # (auth: identity is Cognito's in the aws profile, no signing key of our own.)
  service_secrets = {
    auth = {
      HEALTHMED_DATABASE_URL = local.secrets["database-url-auth"]
      HEALTHMED_CHAVE_HASH   = local.secrets["chave-hash"]
    }
    medico = {
      HEALTHMED_DATABASE_URL = local.secrets["database-url-medico"]
    }
    paciente = {
      HEALTHMED_DATABASE_URL = local.secrets["database-url-paciente"]
      HEALTHMED_CHAVE_HASH   = local.secrets["chave-hash"]
      HEALTHMED_CHAVE_DADOS  = local.secrets["chave-dados"]
    }
    consulta = {
      HEALTHMED_DATABASE_URL = local.secrets["database-url-consulta"]
      HEALTHMED_CHAVE_HASH   = local.secrets["chave-hash"]
    }
    prontuario = {
      HEALTHMED_DATABASE_URL               = local.secrets["database-url-prontuario"]
      HEALTHMED_CHAVE_DADOS                = local.secrets["chave-dados"]
      HEALTHMED_PRONTUARIO_CHAVE_AUDITORIA = local.secrets["prontuario-chave-auditoria"]
    }
  }

  # Where read replicas exist (prod), the services named here read what tolerates seconds of
  # lag from them: medico's search (~68% of all database time, docs/capacity.md), specialties and
  # public profile. The URL is a secret like the primary's (medico's role; every replica's host, in
  # libpq's multi-host form: libs.db.Replicas spreads the tasks and skips a lost replica).
  replica_secrets = {
    medico = { HEALTHMED_DATABASE_URL_LEITURA = try(local.secrets["database-url-leitura"], null) }
  }
}

# Least privilege: each service's task role reaches only its own AWS resources.
data "aws_iam_policy_document" "auth" {
  statement {
    sid = "Cognito"
    actions = [
      # What services/auth/adapters/provedor_cognito.py calls with its role; InitiateAuth,
      # GlobalSignOut, ForgotPassword and ConfirmForgotPassword are authorised by the app client
      # or the user's token, not by IAM.
      "cognito-idp:AdminCreateUser", "cognito-idp:AdminSetUserPassword",
      "cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminUpdateUserAttributes",
      "cognito-idp:AdminUserGlobalSignOut", "cognito-idp:AdminDeleteUser",
    ]
    resources = [module.identity.user_pool_arn]
  }

  statement {
    sid       = "Email"
    actions   = ["ses:SendEmail"]
    resources = [module.identity.ses_identity_arn]
  }
}

data "aws_iam_policy_document" "consulta" {
  # checkov:skip=CKV_AWS_111: Chime SDK meetings are created at run time, their ARNs cannot be named in advance
  # checkov:skip=CKV_AWS_356: same; everything else in this policy names its resource
  statement {
    sid       = "Reunioes"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"]
    resources = [module.data.meetings_table_arn]
  }

  statement {
    sid       = "ChimeSDK"
    actions   = ["chime:CreateMeeting", "chime:GetMeeting", "chime:DeleteMeeting", "chime:CreateAttendee", "chime:DeleteAttendee"]
    resources = ["*"] # meetings are created at run time; their ARNs cannot be known in advance
  }

  statement {
    sid       = "ChaveDosDados"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [module.kms_dados.key_arn]
  }
}

locals {
  regiao_e_conta = "${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}"
  tag_do_medico  = "healthmed:medico"
}

data "aws_iam_policy_document" "prontuario" {
  # checkov:skip=CKV_AWS_111: KMS CreateKey has no ARN before the key exists; it is bound by key spec, usage and the doctor's tag instead
  # checkov:skip=CKV_AWS_356: same; every other statement names its resources
  statement {
    sid = "Rascunhos"
    # Uploads land here. PutObject: this role signs the browser's presigned POST.
    # GetObject/GetObjectVersion: confirmation reads the version it checks, and CopyObject
    # reads it as its source. DeleteObject: the draft after confirmation, or bytes that failed it.
    actions   = ["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject"]
    resources = ["${module.data.documents_bucket_arn}/${module.data.documents_draft_prefix}*"]
  }

  statement {
    sid = "Documentos"
    # PutObject: only confirmation's CopyObject of the checked draft version (If-None-Match: *).
    # GetObject/GetObjectVersion: downloads and the export read the version recorded then.
    # No DeleteObject: the service never deletes a confirmed document.
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
    resources = ["${module.data.documents_bucket_arn}/${module.data.documents_key_pattern}"]
  }

  statement {
    sid       = "ListarDocumentos"
    actions   = ["s3:ListBucket"]
    resources = [module.data.documents_bucket_arn]
  }

  statement {
    sid = "Metadados"
    actions = [
      "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
      "dynamodb:Query", "dynamodb:TransactWriteItems", "dynamodb:ConditionCheckItem",
    ]
    resources = [module.data.records_table_arn, "${module.data.records_table_arn}/index/*"]
  }

  statement {
    sid = "ChaveDosDados"
    # SSE-KMS of drafts and documents: Decrypt to read (and as CopyObject's source),
    # GenerateDataKey to write (the POST, and CopyObject's destination).
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [module.kms_dados.key_arn]
  }

  # Signing keys, one per doctor, created on the doctor's first prescription or certificate
  # (services/prontuario/adapters/assinatura_kms.py). The role creates only P-256 signing keys
  # tagged with the doctor, names them only under alias/healthmed/medico/, and uses only keys
  # carrying that tag: never the data key, nor any other key of the account.
  statement {
    sid       = "ChavesDeAssinaturaCriar"
    actions   = ["kms:CreateKey"]
    resources = ["*"] # a key's ARN does not exist before CreateKey
    condition {
      test     = "StringEquals"
      variable = "kms:KeySpec"
      values   = ["ECC_NIST_P256"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:KeyUsage"
      values   = ["SIGN_VERIFY"]
    }
    condition {
      test     = "Null"
      variable = "aws:RequestTag/${local.tag_do_medico}"
      values   = ["false"]
    }
  }

  statement {
    sid = "ChavesDeAssinaturaEtiquetar"
    # CreateKey's Tags parameter: only the doctor's tag, and nothing else.
    actions   = ["kms:TagResource"]
    resources = ["arn:aws:kms:${local.regiao_e_conta}:key/*"]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "aws:TagKeys"
      values   = [local.tag_do_medico]
    }
  }

  statement {
    sid       = "ChavesDeAssinaturaNomear"
    actions   = ["kms:CreateAlias"]
    resources = ["arn:aws:kms:${local.regiao_e_conta}:alias/healthmed/medico/*"]
  }

  statement {
    sid = "ChavesDeAssinaturaUsar"
    # GetPublicKey: the certificate of the doctor's key; Sign: the PAdES signature;
    # CreateAlias: the key side of naming it; ScheduleKeyDeletion: the spare key of two
    # first documents that raced (the other one's alias won).
    actions   = ["kms:GetPublicKey", "kms:Sign", "kms:DescribeKey", "kms:CreateAlias", "kms:ScheduleKeyDeletion"]
    resources = ["arn:aws:kms:${local.regiao_e_conta}:key/*"]
    condition {
      test     = "Null"
      variable = "aws:ResourceTag/${local.tag_do_medico}"
      values   = ["false"]
    }
  }
}

locals {
  # Only the services that call AWS APIs have a task policy (medico and paciente need none). The
  # keys are known at plan time even while the JSON is not (create_task_policy below).
  task_policies = {
    auth       = data.aws_iam_policy_document.auth.json
    consulta   = data.aws_iam_policy_document.consulta.json
    prontuario = data.aws_iam_policy_document.prontuario.json
  }
}

module "service" {
  source   = "../modules/ecs_service"
  for_each = var.services

  name                     = each.key
  image                    = "${local.registry}/${each.key}:${var.image_tag}"
  cpu                      = each.value.cpu
  memory                   = each.value.memory
  min_capacity             = each.value.min_capacity
  max_capacity             = each.value.max_capacity
  cpu_target_percent       = var.cpu_target_percent
  requests_per_task_target = var.requests_per_task_target

  environment         = merge(local.common_environment, local.service_environment[each.key])
  secrets             = merge(local.common_secrets, local.service_secrets[each.key], var.db_read_replicas > 0 ? lookup(local.replica_secrets, each.key, {}) : {})
  secrets_kms_key_arn = module.kms_app.key_arn
  create_task_policy  = contains(keys(local.task_policies), each.key)
  task_policy_json    = lookup(local.task_policies, each.key, null)

  cluster_arn                   = module.cluster.cluster_arn
  cluster_name                  = module.cluster.cluster_name
  vpc_id                        = module.network.vpc_id
  subnet_ids                    = module.network.private_subnet_ids
  tasks_security_group_id       = module.cluster.tasks_security_group_id
  listener_arn                  = module.cluster.listener_arn
  listener_rule_priority        = 10 * (index(local.services, each.key) + 1)
  alb_arn_suffix                = module.cluster.alb_arn_suffix
  origin_verify_secret          = module.cluster.origin_verify_secret
  service_connect_namespace_arn = module.cluster.service_connect_namespace_arn
  logs_kms_key_arn              = module.kms_logs.key_arn
  log_retention_days            = var.log_retention_days
  tags                          = local.tags
}

# ---------------------------------------------------------------------------- edge
module "edge" {
  source = "../modules/edge"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  name                       = local.name
  domain_names               = var.domain_names
  cloudfront_certificate_arn = var.cloudfront_certificate_arn
  private_subnet_ids         = module.network.private_subnet_ids
  vpc_link_security_group_id = module.cluster.vpc_link_security_group_id
  alb_listener_arn           = module.cluster.listener_arn
  alb_domain_name            = var.alb_domain_name
  jwt_issuer                 = module.identity.issuer
  jwt_audience               = module.identity.client_id
  origin_verify_secret       = module.cluster.origin_verify_secret
  throttling_rate_limit      = var.api_rate_limit
  throttling_burst_limit     = var.api_burst_limit
  rate_limit_per_5_minutes   = var.waf_rate_limit_per_5_minutes
  access_logs_bucket         = module.data.logs_bucket
  logs_kms_key_arn           = module.kms_logs.key_arn
  waf_logs_kms_key_arn       = module.kms_waf_logs.key_arn
  web_kms_key_arn            = module.kms_web.key_arn
  log_retention_days         = var.log_retention_days
  tags                       = local.tags
}

# ---------------------------------------------------------------------------- alarms
module "observability" {
  source = "../modules/observability"

  name                   = local.name
  region                 = data.aws_region.current.id
  services               = { for k, s in module.service : k => { target_group_arn_suffix = s.target_group_arn_suffix } }
  cluster_name           = module.cluster.cluster_name
  alb_arn_suffix         = module.cluster.alb_arn_suffix
  db_instance_identifier = module.database.instance_identifier
  db_replica_identifiers = module.database.replica_identifiers
  db_max_connections     = var.db_connections_alarm
  dynamodb_tables        = [module.data.records_table, module.data.meetings_table]
  api_id                 = module.edge.api_id
  alarm_emails           = var.alarm_emails
  kms_key_arn            = module.kms_app.key_arn
  create_cloudtrail      = var.cloudtrail
  documents_bucket_arn   = module.data.documents_bucket_arn
  access_logs_bucket     = module.data.logs_bucket
  logs_kms_key_arn       = module.kms_logs.key_arn
  tags                   = local.tags
}

# ---------------------------------------------------------------------------- delivery
module "pipeline" {
  source = "../modules/pipeline"
  count  = var.pipeline == null ? 0 : 1

  name               = "healthmed"
  repository         = var.pipeline.repository
  branch             = var.pipeline.branch
  repository_prefix  = "healthmed"
  services           = local.services
  environments       = var.pipeline.environments
  access_logs_bucket = module.data.logs_bucket
  kms_key_arn        = module.kms_app.key_arn
  logs_kms_key_arn   = module.kms_logs.key_arn
  tags               = local.tags
}
