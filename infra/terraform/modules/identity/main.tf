# Identity in the aws profile: a Cognito user pool (patients and doctors, with the attributes the
# auth service needs to find a doctor by CRM+UF and a patient by the keyed hash of the CPF) and
# the app client the auth service calls; SES sends the pool's and the product's e-mail.
resource "aws_cognito_user_pool" "this" {
  name                = var.name
  deletion_protection = "ACTIVE"
  # Threat protection (compromised credentials, adaptive authentication) needs the Plus tier.
  user_pool_tier = "PLUS"

  # The username is the account's id (a UUID the auth service assigns): it resolves CRM+UF, CPF
  # and e-mail to it itself, and one e-mail may belong to a doctor and to a patient. Hence no
  # username_attributes = ["email"], which would refuse a UUID as the username.
  auto_verified_attributes = ["email"]

  username_configuration {
    case_sensitive = false
  }

  # The API's rule (at least 8 characters, not a common password) is checked by the auth service
  # before Cognito sees the password; the pool must not refuse what the contract accepts.
  password_policy {
    minimum_length                   = 8
    require_lowercase                = false
    require_uppercase                = false
    require_numbers                  = false
    require_symbols                  = false
    temporary_password_validity_days = 3
    password_history_size            = 5
  }

  mfa_configuration = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    # Accounts are created by the product's registration (auth service), not by self sign-up.
    allow_admin_create_user_only = true
  }

  # AUDIT, not ENFORCED: every sign-in reaches Cognito from the auth tasks (server-side
  # InitiateAuth), so without the user's context data the risk engine would see a handful of NAT
  # addresses for all patients and doctors, and enforcement would block or challenge them at
  # random. Passing the user's IP (UserContextData) needs enable_propagate_additional_user_context
  # _data, which Cognito allows only on a client with a secret; this client is public. AUDIT still
  # scores and logs every sign-in and reports compromised credentials (docs/aws.md); the product
  # limits guesses itself (per account and per IP, services/auth).
  user_pool_add_ons {
    advanced_security_mode = "AUDIT"
  }

  # The reset e-mail must carry "<usuario_id>:<code>" (the API's single recovery token).
  lambda_config {
    custom_message = aws_lambda_function.mensagem.arn
  }

  # Cognito refuses an SES identity that is not yet verified, and the identity is created in this
  # same apply: the first apply sends through Cognito's own mail (COGNITO_DEFAULT, 50 a day), the
  # operator publishes the DKIM records (output ses_dkim_records), and once SES says verified,
  # email_via_ses = true moves the pool to SES (docs/deploy.md).
  email_configuration {
    email_sending_account = var.email_via_ses ? "DEVELOPER" : "COGNITO_DEFAULT"
    source_arn            = var.email_via_ses ? aws_sesv2_email_identity.this.arn : null
    from_email_address    = var.email_via_ses ? "HealthMed <nao-responda@${var.email_domain}>" : null
  }

  schema {
    name                = "email"
    attribute_data_type = "String"
    required            = true
    mutable             = true

    string_attribute_constraints {
      min_length = 3
      max_length = 254
    }
  }

  schema {
    name                = "crm"
    attribute_data_type = "String"
    mutable             = true

    string_attribute_constraints {
      min_length = 1
      max_length = 10
    }
  }

  schema {
    name                = "uf"
    attribute_data_type = "String"
    mutable             = true

    string_attribute_constraints {
      min_length = 2
      max_length = 2
    }
  }

  # HMAC-SHA256 of the CPF (hex): the CPF itself never leaves the paciente service.
  schema {
    name                = "cpf_hash"
    attribute_data_type = "String"
    mutable             = true

    string_attribute_constraints {
      min_length = 64
      max_length = 64
    }
  }

  # "medico" or "paciente": fixed when the account is created.
  schema {
    name                = "papel"
    attribute_data_type = "String"
    mutable             = false

    string_attribute_constraints {
      min_length = 6
      max_length = 8
    }
  }

  tags = var.tags
}

# Access tokens carry the role as a group (cognito:groups); custom attributes only reach ID tokens.
resource "aws_cognito_user_group" "papel" {
  for_each = toset(["medico", "paciente"])

  name         = each.key
  user_pool_id = aws_cognito_user_pool.this.id
  description  = "Papel ${each.key} do HealthMed (lido dos tokens de acesso por todos os servicos)"
}

resource "aws_cognito_user_pool_client" "this" {
  name         = "${var.name}-api"
  user_pool_id = aws_cognito_user_pool.this.id

  # A public client: the auth service relays the user's password, no client secret to leak.
  generate_secret               = false
  explicit_auth_flows           = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  # Every refresh (GetTokensFromRefreshToken) returns a new refresh token and ends the old one
  # after the grace period, so a stolen refresh token that is used again is seen (the auth
  # service ends the session) instead of staying valid for its whole life. The grace period is
  # the local provider's (HEALTHMED_REFRESH_TOLERANCIA_SEGUNDOS): a lost answer may be retried.
  refresh_token_rotation {
    feature                    = "ENABLED"
    retry_grace_period_seconds = var.refresh_retry_grace_seconds
  }

  access_token_validity  = var.access_token_minutes
  id_token_validity      = var.access_token_minutes
  refresh_token_validity = var.refresh_token_days

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }

  read_attributes  = ["email", "email_verified", "custom:crm", "custom:uf", "custom:cpf_hash", "custom:papel"]
  write_attributes = ["email", "custom:crm", "custom:uf", "custom:cpf_hash", "custom:papel"]
}

resource "aws_sesv2_email_identity" "this" {
  email_identity = var.email_domain
  tags           = var.tags
}

# ---------------------------------------------------------------------------- CustomMessage
# infra/lambda/cognito_mensagem/handler.py: the password-reset e-mail links to the web app with
# the token the API takes; every other message is left as Cognito writes it.
# The zip is built by `make lambda` (infra/lambda/empacotar.py, reproducible) before any plan:
# the pipeline and docs/deploy.md run it first; no archive provider.
locals {
  mensagem_zip = "${path.module}/../../../lambda/build/cognito_mensagem.zip"
}

data "aws_iam_policy_document" "mensagem_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "mensagem" {
  name               = "${var.name}-cognito-mensagem"
  assume_role_policy = data.aws_iam_policy_document.mensagem_assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "mensagem_logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.mensagem.arn}:*"]
  }
  statement {
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"] # X-Ray has no resource-level permissions
  }
}

resource "aws_iam_role_policy" "mensagem" {
  name   = "logs"
  role   = aws_iam_role.mensagem.id
  policy = data.aws_iam_policy_document.mensagem_logs.json
}

resource "aws_cloudwatch_log_group" "mensagem" {
  name              = "/aws/lambda/${var.name}-cognito-mensagem"
  retention_in_days = 365 # a year, like every log group of the estate; the trigger logs little
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

resource "aws_lambda_function" "mensagem" {
  # checkov:skip=CKV_AWS_116: Cognito calls this trigger synchronously; a dead-letter queue only serves asynchronous invocations
  # checkov:skip=CKV_AWS_117: the function reaches nothing on the network (it only rewrites the event), so it needs no VPC
  # checkov:skip=CKV_AWS_272: the code is built from the reviewed repository by the pipeline; code signing adds a signing profile per environment, not planned yet
  # checkov:skip=CKV_AWS_173: its only variable is the public origin of the app, not a secret
  function_name                  = "${var.name}-cognito-mensagem"
  role                           = aws_iam_role.mensagem.arn
  runtime                        = "python3.12"
  handler                        = "handler.handler"
  filename                       = local.mensagem_zip
  source_code_hash               = filebase64sha256(local.mensagem_zip)
  timeout                        = 5
  memory_size                    = 128
  reserved_concurrent_executions = 20

  environment {
    variables = { HEALTHMED_PUBLIC_ORIGIN = var.public_origin }
  }

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_cloudwatch_log_group.mensagem]
  tags       = var.tags
}

resource "aws_lambda_permission" "mensagem" {
  statement_id  = "CognitoCustomMessage"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.mensagem.function_name
  principal     = "cognito-idp.amazonaws.com"
  source_arn    = aws_cognito_user_pool.this.arn
}
