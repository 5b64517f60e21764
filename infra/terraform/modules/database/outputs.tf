output "address" {
  description = "Host name of the primary."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "Port of PostgreSQL."
  value       = aws_db_instance.this.port
}

output "database_name" {
  description = "Name of the database."
  value       = aws_db_instance.this.db_name
}

output "replica_addresses" {
  description = "Host names of the read replicas (the hosts of the database-url-leitura secret); empty without replicas."
  value       = aws_db_instance.replica[*].address
}

output "replica_identifiers" {
  description = "Identifiers of the read replicas (CloudWatch dimensions); empty without replicas."
  value       = aws_db_instance.replica[*].identifier
}

output "instance_identifier" {
  description = "Identifier of the primary (CloudWatch dimension)."
  value       = aws_db_instance.this.identifier
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret holding the master credentials (rotated by RDS)."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "security_group_id" {
  description = "Security group of the database; services add their own ingress rule."
  value       = aws_security_group.this.id
}
