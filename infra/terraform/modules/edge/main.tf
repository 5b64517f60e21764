# The public edge: CloudFront (WAF in front) serves the web app from a private bucket and sends
# /api/* to an API Gateway HTTP API, whose routes are the rows of the repository's routing table
# (gateway/rotas.json, the same file the local gateway reads); a VPC link carries them to the
# internal ALB, which forwards to the service the row names.

# ---------------------------------------------------------------------------- routing table
locals {
  routing_table = jsondecode(file("${path.module}/../../../../gateway/rotas.json"))

  # Rows for this profile, as the local gateway reads them (gateway/routing.py): no or empty
  # "perfis" means every profile. "WS" rows are WebSockets, which an HTTP API does not carry
  # (on AWS the video goes through Chime SDK instead).
  rotas = {
    for r in local.routing_table.rotas : "${upper(r.metodo)} ${r.caminho}" => r
    if contains(coalescelist(try(r.perfis, []), ["aws"]), "aws") && upper(r.metodo) != "WS"
  }

  servicos = toset([for r in values(local.rotas) : r.servico])
}

# ---------------------------------------------------------------------------- API Gateway
resource "aws_apigatewayv2_vpc_link" "this" {
  name               = var.name
  subnet_ids         = var.private_subnet_ids
  security_group_ids = [var.vpc_link_security_group_id]
  tags               = var.tags
}

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  protocol_type = "HTTP"
  description   = "API publica do HealthMed (${var.name}); rotas geradas de gateway/rotas.json"
  tags          = var.tags
}

# One integration per service: the same ALB listener, with a header naming the service that the
# listener rule of that service matches.
resource "aws_apigatewayv2_integration" "this" {
  for_each = local.servicos

  api_id                 = aws_apigatewayv2_api.this.id
  description            = "Servico ${each.key}"
  integration_type       = "HTTP_PROXY"
  integration_method     = "ANY"
  integration_uri        = var.alb_listener_arn
  connection_type        = "VPC_LINK"
  connection_id          = aws_apigatewayv2_vpc_link.this.id
  payload_format_version = "1.0"
  timeout_milliseconds   = 29000

  tls_config {
    server_name_to_verify = var.alb_domain_name
  }

  request_parameters = {
    "overwrite:header.x-healthmed-servico" = each.key
  }
}

# Cognito access tokens are checked at the edge too (the services check them again: zero trust).
# Access tokens carry no "aud": API Gateway compares the audience with their client_id claim.
resource "aws_apigatewayv2_authorizer" "this" {
  api_id           = aws_apigatewayv2_api.this.id
  name             = "${var.name}-cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = var.jwt_issuer
    audience = [var.jwt_audience]
  }
}

resource "aws_apigatewayv2_route" "this" {
  # checkov:skip=CKV_AWS_309: rows marked "publica" in gateway/rotas.json (login, recovery, registration, the search, the FHIR reads of practitioners and slots) are public by contract; a test keeps that column equal to what each service's OpenAPI requires
  for_each = local.rotas

  api_id             = aws_apigatewayv2_api.this.id
  route_key          = "${upper(each.value.metodo)} ${each.value.caminho}"
  target             = "integrations/${aws_apigatewayv2_integration.this[each.value.servico].id}"
  authorization_type = try(each.value.publica, false) ? "NONE" : "JWT"
  authorizer_id      = try(each.value.publica, false) ? null : aws_apigatewayv2_authorizer.this.id
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/healthmed/${var.name}/api-gateway"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

resource "aws_apigatewayv2_stage" "this" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit  = var.throttling_rate_limit
    throttling_burst_limit = var.throttling_burst_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format = jsonencode({
      requestId   = "$context.requestId"
      ip          = "$context.identity.sourceIp"
      method      = "$context.httpMethod"
      route       = "$context.routeKey"
      status      = "$context.status"
      latencyMs   = "$context.responseLatency"
      integration = "$context.integrationErrorMessage"
    })
  }

  tags = var.tags
}

# ---------------------------------------------------------------------------- web app bucket
data "aws_caller_identity" "current" {}

module "web" {
  source = "../bucket"

  name        = "${var.name}-web-${data.aws_caller_identity.current.account_id}"
  kms_key_arn = var.web_kms_key_arn
  access_logs = { bucket = var.access_logs_bucket, prefix = "s3/web/" }

  lifecycle_rules = [{
    id                   = "versoes-antigas"
    noncurrent_days      = 30
    abort_multipart_days = 1
  }]

  policy_documents = [data.aws_iam_policy_document.web.json]
  tags             = var.tags
}

# Only this distribution reads the bucket (origin access control); the module adds TLS only.
data "aws_iam_policy_document" "web" {
  statement {
    sid       = "CloudFrontLe"
    actions   = ["s3:GetObject"]
    resources = ["${module.web.arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.this.arn]
    }
  }
}

# ---------------------------------------------------------------------------- CloudFront
resource "aws_cloudfront_origin_access_control" "this" {
  name                              = var.name
  description                       = "Bucket do aplicativo web"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# /api/auth/login -> /auth/login: API Gateway's routes are the table's paths, without /api.
resource "aws_cloudfront_function" "api_prefix" {
  name    = "${var.name}-api-prefixo"
  runtime = "cloudfront-js-2.0"
  comment = "Tira o prefixo /api e escreve o IP de quem pediu"
  publish = true
  # x-healthmed-ip-cliente: the viewer's address as CloudFront saw it, overwriting whatever the
  # client sent under that name; the services take the client's IP from it (libs/ip_do_cliente).
  code = <<-JS
    function handler(event) {
      var request = event.request;
      request.uri = request.uri.replace(/^\/api(?=\/|$)/, "") || "/";
      request.headers["x-healthmed-ip-cliente"] = { value: event.viewer.ip };
      return request;
    }
  JS
}

# Every app route (/sala/..., /medicos/...) answers with the app; files keep their path. Done
# here rather than with custom error pages, which would also turn the API's 404s into HTML.
resource "aws_cloudfront_function" "spa" {
  name    = "${var.name}-spa"
  runtime = "cloudfront-js-2.0"
  comment = "Rotas do aplicativo servem index.html"
  publish = true
  code    = <<-JS
    function handler(event) {
      var request = event.request;
      if (!/\.[a-zA-Z0-9]+$/.test(request.uri)) {
        request.uri = "/index.html";
      }
      return request;
    }
  JS
}

data "aws_cloudfront_cache_policy" "disabled" {
  name = "Managed-CachingDisabled"
}

data "aws_cloudfront_cache_policy" "optimized" {
  name = "Managed-CachingOptimized"
}

data "aws_cloudfront_origin_request_policy" "api" {
  name = "Managed-AllViewerExceptHostHeader"
}

# The product's security headers, the same values in every profile (gateway/seguranca.py holds
# them; tests/infra checks these equal CSP_AWS and CABECALHOS): the managed policy has no CSP.
# A service's own stricter policy (a document download's sandbox) is kept: override = false.
resource "aws_cloudfront_response_headers_policy" "security" {
  name    = "${var.name}-seguranca"
  comment = "HealthMed ${var.name}: CSP, frame, nosniff, referrer, HSTS"

  security_headers_config {
    content_security_policy {
      content_security_policy = join("; ", [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self' https://*.chime.aws wss://*.chime.aws https://*.amazonaws.com",
        "media-src 'self' blob:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ])
      override = false
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }

    content_type_options {
      override = true
    }

    referrer_policy {
      referrer_policy = "same-origin"
      override        = true
    }

    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      preload                    = true # asks nothing by itself: the list takes a domain only when submitted
      override                   = true
    }
  }
}

resource "aws_cloudfront_distribution" "this" {
  # checkov:skip=CKV_AWS_310: one region by design (health data stays in sa-east-1); the S3 and API origins are regional and Multi-AZ already
  # checkov:skip=CKV_AWS_374: patients and doctors travel; abuse is handled by WAF rules and rate limits, not by country
  # checkov:skip=CKV2_AWS_47: the Log4j rules (KnownBadInputsRuleSet) are on; the check also wants AnonymousIpList, which would block patients behind VPNs and corporate proxies
  # checkov:skip=CKV_AWS_86: every viewer request is logged by WAF (aws-waf-logs-*) and every API call by API Gateway; legacy CloudFront logs need bucket ACLs, which our buckets disable
  enabled             = true
  is_ipv6_enabled     = true
  comment             = "HealthMed ${var.name}"
  aliases             = var.domain_names
  default_root_object = "index.html"
  price_class         = var.price_class
  web_acl_id          = aws_wafv2_web_acl.this.arn
  http_version        = "http2and3"

  origin {
    origin_id                = "web"
    domain_name              = module.web.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.this.id
  }

  origin {
    origin_id   = "api"
    domain_name = replace(aws_apigatewayv2_api.this.api_endpoint, "https://", "")

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }

    custom_header {
      name  = "x-origin-verify"
      value = var.origin_verify_secret
    }
  }

  default_cache_behavior {
    target_origin_id           = "web"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.optimized.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.spa.arn
    }
  }

  ordered_cache_behavior {
    path_pattern               = "/api/*"
    target_origin_id           = "api"
    viewer_protocol_policy     = "https-only"
    allowed_methods            = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.disabled.id
    origin_request_policy_id   = data.aws_cloudfront_origin_request_policy.api.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.api_prefix.arn
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
      locations        = []
    }
  }

  viewer_certificate {
    acm_certificate_arn      = var.cloudfront_certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  tags = var.tags
}

# ---------------------------------------------------------------------------- WAF
resource "aws_wafv2_web_acl" "this" {
  provider = aws.us_east_1

  name        = var.name
  description = "HealthMed ${var.name}: regras gerenciadas da AWS e limite por IP"
  scope       = "CLOUDFRONT"

  default_action {
    allow {}
  }

  # Enderecos conhecidos por abuso (bots, reconhecimento).
  rule {
    name     = "AWSManagedRulesAmazonIpReputationList"
    priority = 0

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesAmazonIpReputationList"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "AWSManagedRulesAmazonIpReputationList"
      sampled_requests_enabled   = true
    }
  }

  # OWASP comum: XSS, LFI, tamanhos.
  rule {
    name     = "AWSManagedRulesCommonRuleSet"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesCommonRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "AWSManagedRulesCommonRuleSet"
      sampled_requests_enabled   = true
    }
  }

  # Entradas sabidamente maliciosas (Log4j, Java deserialization).
  rule {
    name     = "AWSManagedRulesKnownBadInputsRuleSet"
    priority = 2

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "AWSManagedRulesKnownBadInputsRuleSet"
      sampled_requests_enabled   = true
    }
  }

  # Injecao de SQL.
  rule {
    name     = "AWSManagedRulesSQLiRuleSet"
    priority = 3

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesSQLiRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "AWSManagedRulesSQLiRuleSet"
      sampled_requests_enabled   = true
    }
  }

  # Requests per 5 minutes from one address; above it WAF answers 429 for a while.
  rule {
    name     = "limite-por-ip"
    priority = 100

    action {
      block {
        custom_response {
          response_code = 429
        }
      }
    }

    statement {
      rate_based_statement {
        limit              = var.rate_limit_per_5_minutes
        aggregate_key_type = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "limite-por-ip"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = var.name
    sampled_requests_enabled   = true
  }

  tags = var.tags
}

# WAF logs must go to a log group named aws-waf-logs-*, in the web ACL's region.
resource "aws_cloudwatch_log_group" "waf" {
  provider = aws.us_east_1

  name              = "aws-waf-logs-${var.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.waf_logs_kms_key_arn
  tags              = var.tags
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  provider = aws.us_east_1

  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]

  # Never log credentials or tokens.
  redacted_fields {
    single_header {
      name = "authorization"
    }
  }

  redacted_fields {
    single_header {
      name = "cookie"
    }
  }
}
