output "alarm_topic_arn" {
  description = "SNS topic every alarm notifies."
  value       = aws_sns_topic.this.arn
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "trail_arn" {
  description = "ARN of the CloudTrail trail, or null where another environment owns it."
  value       = try(aws_cloudtrail.this[0].arn, null)
}
