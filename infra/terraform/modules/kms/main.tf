# One customer-managed key for one purpose (logs, database, data, ...), rotated every year.
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

data "aws_iam_policy_document" "this" {
  # checkov:skip=CKV_AWS_109: a key policy's "*" is this key; account root administers it through IAM (the AWS default key policy)
  # checkov:skip=CKV_AWS_111: a key policy's "*" is this key; writes are confined to it
  # checkov:skip=CKV_AWS_356: in a key policy the resource "*" means this key only
  # The account administers the key through IAM (the AWS default key policy).
  statement {
    sid       = "ContaAdministraPorIAM"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  # AWS services that encrypt on our behalf (SNS, CloudTrail, CloudFront...), for this account.
  dynamic "statement" {
    for_each = length(local.other_principals) > 0 ? [1] : []

    content {
      sid       = "ServicosAWSUsamAChave"
      actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = local.other_principals
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [data.aws_caller_identity.current.account_id]
      }
    }
  }

  # CloudWatch Logs names the log group in the encryption context: only this account's groups.
  dynamic "statement" {
    for_each = length(local.logs_principals) > 0 ? [1] : []

    content {
      sid       = "CloudWatchLogsUsaAChave"
      actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = local.logs_principals
      }

      condition {
        test     = "ArnLike"
        variable = "kms:EncryptionContext:aws:logs:arn"
        values   = ["arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:*"]
      }
    }
  }
}

locals {
  principals       = [for s in var.service_principals : replace(s, "REGION", data.aws_region.current.id)]
  logs_principals  = [for p in local.principals : p if startswith(p, "logs.")]
  other_principals = [for p in local.principals : p if !startswith(p, "logs.")]
}

resource "aws_kms_key" "this" {
  description             = var.description
  enable_key_rotation     = true
  rotation_period_in_days = var.rotation_period_in_days
  deletion_window_in_days = var.deletion_window_in_days
  policy                  = data.aws_iam_policy_document.this.json
  tags                    = var.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.alias}"
  target_key_id = aws_kms_key.this.key_id
}
