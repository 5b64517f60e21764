provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Projeto  = "healthmed"
      Ambiente = "dev"
    }
  }
}

# CloudFront's certificate, its web ACL and the WAF logs live in us-east-1.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = {
      Projeto  = "healthmed"
      Ambiente = "dev"
    }
  }
}
