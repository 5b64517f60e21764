# Documents of the health record (S3, SSE-KMS, versioned, private, TLS only, reached only through
# presigned URLs), their metadata and shares (DynamoDB), the meeting links of the teleconsults
# (DynamoDB), and the bucket that receives access logs.
data "aws_caller_identity" "current" {}

# ---------------------------------------------------------------------------- access logs
resource "aws_s3_bucket" "logs" {
  # checkov:skip=CKV_AWS_145: S3 server access logs and ALB access logs can only be delivered to SSE-S3 (AES256) buckets
  # checkov:skip=CKV_AWS_18: this is the access-log bucket; logging it into itself would loop
  bucket = "${var.name}-logs-${data.aws_caller_identity.current.account_id}"
  tags   = var.tags
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# S3 server access logs and ALB access logs can only be written to SSE-S3 buckets.
resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    id     = "expirar-logs"
    status = "Enabled"

    filter {}

    transition {
      days          = 30
      storage_class = "STANDARD_IA"
    }

    expiration {
      days = var.log_retention_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

data "aws_elb_service_account" "current" {}

data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "SoTLS"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.logs.arn, "${aws_s3_bucket.logs.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    sid       = "LogsDeAcessoDoS3"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.logs.arn}/s3/*"]

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
    resources = ["${aws_s3_bucket.logs.arn}/alb/*"]

    principals {
      type        = "AWS"
      identifiers = [data.aws_elb_service_account.current.arn]
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json
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

resource "aws_s3_bucket" "documents" {
  bucket = "${var.name}-documentos-${data.aws_caller_identity.current.account_id}"
  tags   = var.tags
}

resource "aws_s3_bucket_public_access_block" "documents" {
  bucket                  = aws_s3_bucket.documents.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "documents" {
  bucket = aws_s3_bucket.documents.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "documents" {
  bucket = aws_s3_bucket.documents.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    # One data key per bucket instead of one KMS call per object.
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "documents" {
  bucket = aws_s3_bucket.documents.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_logging" "documents" {
  bucket        = aws_s3_bucket.documents.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "s3/documentos/"
}

resource "aws_s3_bucket_lifecycle_configuration" "documents" {
  bucket = aws_s3_bucket.documents.id

  rule {
    id     = "documentos"
    status = "Enabled"

    filter {}

    # Old records are rarely read: cheaper storage, same durability and encryption.
    transition {
      days          = var.documents_ia_after_days
      storage_class = "STANDARD_IA"
    }

    # A replaced or deleted document stays recoverable for a while, then goes.
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  # Drafts are read once, at confirmation, and deleted after it; whatever is left (never
  # confirmed, or re-posted through a leaked URL afterwards) goes within a day or two, every
  # version of it. Shorter than the rule above wherever both apply, so this one wins.
  rule {
    id     = "rascunhos"
    status = "Enabled"

    filter {
      prefix = local.documents_draft_prefix
    }

    expiration {
      days = 1
    }

    noncurrent_version_expiration {
      noncurrent_days = 1
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.documents]
}

data "aws_iam_policy_document" "documents" {
  statement {
    sid       = "SoTLS"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.documents.arn, "${aws_s3_bucket.documents.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # Every object is written with our key, never another one or none.
  statement {
    sid       = "SoComAChaveDoProntuario"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.documents.arn}/*"]

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
    resources = ["${aws_s3_bucket.documents.arn}/${local.documents_key_pattern}"]

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

resource "aws_s3_bucket_policy" "documents" {
  bucket = aws_s3_bucket.documents.id
  policy = data.aws_iam_policy_document.documents.json

  depends_on = [aws_s3_bucket_public_access_block.documents]
}

# Uploads come straight from the browser on the app's origin as presigned POSTs (a multipart
# form whose signed policy pins key, type and exact length); downloads are presigned GETs.
resource "aws_s3_bucket_cors_configuration" "documents" {
  bucket = aws_s3_bucket.documents.id

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
