# One private S3 bucket with what every bucket of the estate has: public access blocked, ACLs off
# (BucketOwnerEnforced), default encryption (the caller's KMS key, or SSE-S3 where the caller
# passes null), versioning, access logging into the access-log bucket, lifecycle rules, and a
# policy that denies any request not over TLS, merged with the caller's own statements.
resource "aws_s3_bucket" "this" {
  # checkov:skip=CKV_AWS_145: the key is the caller's; only the access-log bucket (module data) passes null, because S3 server access logs and ALB logs can only be delivered to SSE-S3 buckets; test_so_o_bucket_de_logs_usa_sse_s3 keeps every other caller on its KMS key
  # checkov:skip=CKV_AWS_18: logging is the caller's; only the access-log bucket goes without (logging it into itself would loop); test_todo_bucket_menos_o_de_logs_registra_acessos keeps every other caller logging
  bucket = var.name
  tags   = var.tags
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    # One data key per bucket instead of one KMS call per object.
    bucket_key_enabled = var.kms_key_arn != null
  }
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = var.versioning ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket_logging" "this" {
  count = var.access_logs == null ? 0 : 1

  bucket        = aws_s3_bucket.this.id
  target_bucket = var.access_logs.bucket
  target_prefix = var.access_logs.prefix
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  # checkov:skip=CKV_AWS_300: checkov does not expand these dynamic rules; every rule aborts incomplete multipart uploads (abort_multipart_days is a required attribute of lifecycle_rules, and test_todo_bucket_aborta_envios_multipart_incompletos checks every caller)
  bucket = aws_s3_bucket.this.id

  dynamic "rule" {
    for_each = var.lifecycle_rules

    content {
      id     = rule.value.id
      status = "Enabled"

      # A null prefix is an empty filter: the rule applies to every object.
      filter {
        prefix = rule.value.prefix
      }

      dynamic "transition" {
        for_each = rule.value.transitions

        content {
          days          = transition.value.days
          storage_class = transition.value.storage_class
        }
      }

      dynamic "expiration" {
        for_each = rule.value.expiration_days == null ? [] : [rule.value.expiration_days]

        content {
          days = expiration.value
        }
      }

      dynamic "noncurrent_version_expiration" {
        for_each = rule.value.noncurrent_days == null ? [] : [rule.value.noncurrent_days]

        content {
          noncurrent_days = noncurrent_version_expiration.value
        }
      }

      abort_incomplete_multipart_upload {
        days_after_initiation = rule.value.abort_multipart_days
      }
    }
  }

  # Rules about noncurrent versions need versioning on first.
  depends_on = [aws_s3_bucket_versioning.this]
}

data "aws_iam_policy_document" "this" {
  source_policy_documents = var.policy_documents

  statement {
    sid       = "SoTLS"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]

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
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.this.json

  # With the public access block in place first, no policy is ever evaluated without it.
  depends_on = [aws_s3_bucket_public_access_block.this]
}
