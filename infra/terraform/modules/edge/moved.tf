# The bucket went into module "bucket": the same objects at new addresses, never destroyed
# and recreated.

moved {
  from = aws_s3_bucket.web
  to   = module.web.aws_s3_bucket.this
}

moved {
  from = aws_s3_bucket_public_access_block.web
  to   = module.web.aws_s3_bucket_public_access_block.this
}

moved {
  from = aws_s3_bucket_ownership_controls.web
  to   = module.web.aws_s3_bucket_ownership_controls.this
}

moved {
  from = aws_s3_bucket_server_side_encryption_configuration.web
  to   = module.web.aws_s3_bucket_server_side_encryption_configuration.this
}

moved {
  from = aws_s3_bucket_versioning.web
  to   = module.web.aws_s3_bucket_versioning.this
}

moved {
  from = aws_s3_bucket_logging.web
  to   = module.web.aws_s3_bucket_logging.this[0]
}

moved {
  from = aws_s3_bucket_lifecycle_configuration.web
  to   = module.web.aws_s3_bucket_lifecycle_configuration.this
}

moved {
  from = aws_s3_bucket_policy.web
  to   = module.web.aws_s3_bucket_policy.this
}
