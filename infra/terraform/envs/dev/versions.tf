terraform {
  required_version = ">= 1.10, < 2.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }

  # Partial configuration: the state bucket is given at init (docs/operations.md):
  #   terraform init -backend-config="bucket=healthmed-tfstate-<account>"
  # S3 locks the state itself (use_lockfile); the DynamoDB lock table is deprecated in Terraform.
  backend "s3" {
    key          = "healthmed/dev/terraform.tfstate"
    region       = "sa-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
