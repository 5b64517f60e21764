output "distribution_domain_name" {
  description = "Domain name of the CloudFront distribution (point the DNS aliases here)."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "distribution_id" {
  description = "Id of the distribution (for invalidations after a web deploy)."
  value       = aws_cloudfront_distribution.this.id
}

output "api_id" {
  description = "Id of the HTTP API."
  value       = aws_apigatewayv2_api.this.id
}

output "api_endpoint" {
  description = "Endpoint of the HTTP API (answers only through CloudFront)."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "route_keys" {
  description = "Every route of the HTTP API, as generated from the routing table."
  value       = sort(keys(aws_apigatewayv2_route.this))
}

output "web_bucket" {
  description = "Bucket of the web app's static files."
  value       = module.web.id
}

output "web_acl_arn" {
  description = "ARN of the WAF web ACL."
  value       = aws_wafv2_web_acl.this.arn
}
