output "vpc_id" {
  description = "Id of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "Ids of the public subnets, one per zone."
  value       = [for s in aws_subnet.public : s.id]
}

output "private_subnet_ids" {
  description = "Ids of the private subnets, one per zone."
  value       = [for s in aws_subnet.private : s.id]
}

output "database_subnet_ids" {
  description = "Ids of the database subnets, one per zone."
  value       = [for s in aws_subnet.database : s.id]
}

output "nat_public_ips" {
  description = "Public addresses of the NAT gateways (what outside services see)."
  value       = [for e in aws_eip.nat : e.public_ip]
}
