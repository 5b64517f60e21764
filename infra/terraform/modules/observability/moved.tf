# The bucket went into module "bucket": the same objects at new addresses, never destroyed
# and recreated (the account's audit trail).

moved {
  from = aws_s3_bucket.trail[0]
  to   = module.trail[0].aws_s3_bucket.this
}

moved {
  from = aws_s3_bucket_public_access_block.trail[0]
  to   = module.trail[0].aws_s3_bucket_public_access_block.this
}

moved {
  from = aws_s3_bucket_ownership_controls.trail[0]
  to   = module.trail[0].aws_s3_bucket_ownership_controls.this
}

moved {
  from = aws_s3_bucket_server_side_encryption_configuration.trail[0]
  to   = module.trail[0].aws_s3_bucket_server_side_encryption_configuration.this
}

moved {
  from = aws_s3_bucket_versioning.trail[0]
  to   = module.trail[0].aws_s3_bucket_versioning.this
}

moved {
  from = aws_s3_bucket_logging.trail[0]
  to   = module.trail[0].aws_s3_bucket_logging.this[0]
}

moved {
  from = aws_s3_bucket_lifecycle_configuration.trail[0]
  to   = module.trail[0].aws_s3_bucket_lifecycle_configuration.this
}

moved {
  from = aws_s3_bucket_policy.trail[0]
  to   = module.trail[0].aws_s3_bucket_policy.this
}
