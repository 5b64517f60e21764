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

  user_pool_add_ons {
    advanced_security_mode = "ENFORCED"
  }

  email_configuration {
    email_sending_account = "DEVELOPER"
    source_arn            = aws_sesv2_email_identity.this.arn
    from_email_address    = "HealthMed <nao-responda@${var.email_domain}>"
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
