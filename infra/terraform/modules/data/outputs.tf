output "documents_bucket" {
  description = "Name of the documents bucket."
  value       = module.documents.id
}

output "documents_bucket_arn" {
  description = "ARN of the documents bucket."
  value       = module.documents.arn
}

output "documents_draft_prefix" {
  description = "Key prefix of the documents bucket where uploads land before confirmation (expired after a day)."
  value       = local.documents_draft_prefix
}

output "documents_key_pattern" {
  description = "IAM resource pattern (after the bucket ARN) of confirmed documents' keys, <paciente>/<documento>; no draft key matches it."
  value       = local.documents_key_pattern
}

output "logs_bucket" {
  description = "Name of the access-logs bucket, known only once its policy is in place."
  value       = module.logs.id
  # The ALB (and S3, CloudFront) check at creation that they may write there: whoever reads this
  # name waits for the whole bucket, policy included, not just the bucket's name.
  depends_on = [module.logs]
}

output "logs_bucket_domain_name" {
  description = "Domain name of the access-logs bucket."
  value       = module.logs.bucket_domain_name
}

output "records_table" {
  description = "Name of the record-metadata table (PK paciente_id, SK documento_id)."
  value       = aws_dynamodb_table.documentos.name
}

output "records_table_arn" {
  description = "ARN of the record-metadata table."
  value       = aws_dynamodb_table.documentos.arn
}

output "meetings_table" {
  description = "Name of the meeting-links table (PK consulta_id)."
  value       = aws_dynamodb_table.reunioes.name
}

output "meetings_table_arn" {
  description = "ARN of the meeting-links table."
  value       = aws_dynamodb_table.reunioes.arn
}
