# The mocked plan of an environment: `terraform test -test-directory=../../tests` from
# envs/<env> (tests/infra/test_terraform_cli.py runs it for dev, qa and prod, offline).
# The AWS provider is mocked: no account, no credentials. The data sources whose values the code
# parses or formats get realistic values; every other computed attribute is invented by Terraform.
# What this proves: the whole configuration plans (counts, for_each keys, types, references and
# the provider's own argument checks); what only AWS can prove is listed in docs/deploy.md.

mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_data "aws_region" {
    defaults = {
      id          = "sa-east-1"
      name        = "sa-east-1"
      description = "South America (Sao Paulo)"
    }
  }
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:iam::123456789012:user/plano"
      user_id    = "AIDAPLANO"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition          = "aws"
      dns_suffix         = "amazonaws.com"
      reverse_dns_prefix = "com.amazonaws"
    }
  }
  mock_data "aws_elb_service_account" {
    defaults = {
      arn = "arn:aws:iam::507241528517:root"
    }
  }
}

mock_provider "aws" {
  alias = "us_east_1"

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_data "aws_region" {
    defaults = {
      id   = "us-east-1"
      name = "us-east-1"
    }
  }
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:iam::123456789012:user/plano"
      user_id    = "AIDAPLANO"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }
}

variables {
  image_tag                  = "0123456789abcdef0123456789abcdef01234567"
  cloudfront_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000001"
  alb_certificate_arn        = "arn:aws:acm:sa-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000002"
  alarm_emails               = ["plantao@healthmed.example.com.br"]
}

run "plano" {
  command = plan
}
