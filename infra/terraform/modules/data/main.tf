# Documents of the health record (S3, SSE-KMS, versioned, private, TLS only, reached only through
# presigned URLs), their metadata and shares (DynamoDB), the meeting links of the teleconsults
# (DynamoDB), and the bucket that receives access logs.
data "aws_caller_identity" "current" {}

# ---------------------------------------------------------------------------- access logs
module "logs" {
  source = "../bucket"

  name = "${var.name}-logs-${data.aws_caller_identity.current.account_id}"
  # S3 server access logs and ALB access logs can only be written to SSE-S3 buckets.
  kms_key_arn = null
  # This is the access-log bucket; logging it into itself would loop.
  access_logs = null

  lifecycle_rules = [{
    id                   = "expirar-logs"
    transitions          = [{ days = 30, storage_class = "STANDARD_IA" }]
    expiration_days      = var.log_retention_days
    noncurrent_days      = 30
    abort_multipart_days = 7
  }]

  policy_documents = [data.aws_iam_policy_document.logs.json]
  tags             = var.tags
}

data "aws_elb_service_account" "current" {}

data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "LogsDeAcessoDoS3"
    actions   = ["s3:PutObject"]
    resources = ["${module.logs.arn}/s3/*"]

    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }

  statement {
    sid       = "LogsDoALB"
    actions   = ["s3:PutObject"]
    resources = ["${module.logs.arn}/alb/*"]

    principals {
      type        = "AWS"
      identifiers = [data.aws_elb_service_account.current.arn]
    }
  }
}

# ---------------------------------------------------------------------------- documents
# Layout (services/prontuario/adapters/armazenamento_s3.py): a presigned POST writes a draft,
# envios/<paciente>/<documento>; confirmation copies the checked version of it to
# <paciente>/<documento>, which nothing else writes. A leaked POST can only rewrite a draft.
locals {
  documents_draft_prefix = "envios/"
  # A confirmed document's key: two UUIDs (IAM's ? is any one character); no draft key matches.
  uuid_pattern          = "????????-????-????-????-????????????"
  documents_key_pattern = "${local.uuid_pattern}/${local.uuid_pattern}"
}

module "documents" {
  source = "../bucket"

  name        = "${var.name}-documentos-${data.aws_caller_identity.current.account_id}"
  kms_key_arn = var.kms_key_arn
  access_logs = { bucket = module.logs.id, prefix = "s3/documentos/" }

  lifecycle_rules = [
    {
      id = "documentos"
      # Old records are rarely read: cheaper storage, same durability and encryption.
      transitions = [{ days = var.documents_ia_after_days, storage_class = "STANDARD_IA" }]
      # A replaced or deleted document stays recoverable for a while, then goes.
      noncurrent_days      = var.noncurrent_version_days
      abort_multipart_days = 1
    },
    {
      # Drafts are read once, at confirmation, and deleted after it; whatever is left (never
      # confirmed, or re-posted through a leaked URL afterwards) goes within a day or two, every
      # version of it. Shorter than the rule above wherever both apply, so this one wins.
      id                   = "rascunhos"
      prefix               = local.documents_draft_prefix
      expiration_days      = 1
      noncurrent_days      = 1
      abort_multipart_days = 1
    },
  ]

  policy_documents = [data.aws_iam_policy_document.documents.json]
  tags             = var.tags
}

data "aws_iam_policy_document" "documents" {
  # Every object is written with our key, never another one or none.
  statement {
    sid       = "SoComAChaveDoProntuario"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["${module.documents.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringNotEqualsIfExists"
      variable = "s3:x-amz-server-side-encryption-aws-kms-key-id"
      values   = [var.kms_key_arn]
    }
  }

  # A confirmed document is written once, by confirmation's CopyObject with If-None-Match: *.
  # A write without that header is refused whoever signed it: a presigned POST (even one signed
  # before uploads went to drafts) never reaches a document's key.
  statement {
    sid       = "DocumentoGravadoUmaVez"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["${module.documents.arn}/${local.documents_key_pattern}"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Null"
      variable = "s3:if-none-match"
      values   = ["true"]
    }
  }
}

# Uploads come straight from the browser on the app's origin as presigned POSTs (a multipart
# form whose signed policy pins key, type and exact length); downloads are presigned GETs.
resource "aws_s3_bucket_cors_configuration" "documents" {
  bucket = module.documents.id

  cors_rule {
    allowed_methods = ["GET", "POST"]
    allowed_origins = var.allowed_origins
    allowed_headers = ["content-type", "content-md5", "x-amz-*"]
    max_age_seconds = 600
  }
}

# ---------------------------------------------------------------------------- DynamoDB
# Record metadata, single table: a patient's documents and the shares of them.
#   document: paciente_id = <patient>, documento_id = "doc#<id>"
#   share:    paciente_id = <patient>, documento_id = "share#<id>", medico_id, expira_em
# The GSI answers "what has been shared with this doctor" (sparse: only shares carry medico_id).
resource "aws_dynamodb_table" "documentos" {
  name                        = "${var.name}-prontuario"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "paciente_id"
  range_key                   = "documento_id"
  deletion_protection_enabled = true

  attribute {
    name = "paciente_id"
    type = "S"
  }

  attribute {
    name = "documento_id"
    type = "S"
  }

  attribute {
    name = "medico_id"
    type = "S"
  }

  attribute {
    name = "expira_em"
    type = "S"
  }

  global_secondary_index {
    name            = "compartilhamentos_por_medico"
    hash_key        = "medico_id"
    range_key       = "expira_em"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = var.tags
}

# Meeting links of the teleconsults (Chime SDK meeting ids), gone after the consult's day.
resource "aws_dynamodb_table" "reunioes" {
  name                        = "${var.name}-reunioes"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "consulta_id"
  deletion_protection_enabled = true

  attribute {
    name = "consulta_id"
    type = "S"
  }

  ttl {
    attribute_name = "expira_em_epoch"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = var.tags
}
