#!/usr/bin/env bash
# What the Terraform checks of `make test` need (tests/infra/test_terraform_cli.py): a terraform
# binary and a filesystem mirror of the AWS provider, so init, validate and the mocked plan run
# offline. A machine that already has both (this project's machine image: terraform on PATH, the
# mirror in /opt/tf-plugins) is left alone. Elsewhere (CodeBuild, GitHub Actions, a laptop) both
# are installed under .venv-terraform/, once, from releases.hashicorp.com and the registry:
#   .venv-terraform/bin/terraform       Terraform $TERRAFORM_VERSION, checked against SHA256SUMS
#   .venv-terraform/plugins/            `terraform providers mirror` of the estate's providers
set -euo pipefail
cd "$(dirname "$0")/../.."
version="${TERRAFORM_VERSION:-1.11.4}"
dest=.venv-terraform
mirrors=(/opt/tf-plugins /usr/share/terraform/plugins "$HOME/.terraform.d/plugins" "$dest/plugins")

tem_espelho() {
  local m
  for m in "${mirrors[@]}"; do
    compgen -G "$m/registry.terraform.io/hashicorp/aws/*/*/terraform-provider-aws_*" >/dev/null && return 0
  done
  return 1
}

terraform_bin=$(command -v terraform || true)
[ -z "$terraform_bin" ] && [ -x "$dest/bin/terraform" ] && terraform_bin="$dest/bin/terraform"
if [ -n "$terraform_bin" ] && tem_espelho; then
  exit 0
fi

case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "terraform-offline: arquitetura $(uname -m) sem binário do Terraform" >&2; exit 1 ;;
esac

if [ -z "$terraform_bin" ]; then
  echo "terraform-offline: instalando o Terraform $version em $dest/bin" >&2
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  base="https://releases.hashicorp.com/terraform/$version"
  zip="terraform_${version}_linux_${arch}.zip"
  curl -fsSL "$base/$zip" -o "$tmp/$zip"
  curl -fsSL "$base/terraform_${version}_SHA256SUMS" -o "$tmp/SHA256SUMS"
  (cd "$tmp" && grep " $zip\$" SHA256SUMS | sha256sum -c -)
  mkdir -p "$dest/bin"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("terraform", sys.argv[2])' \
    "$tmp/$zip" "$dest/bin"
  chmod +x "$dest/bin/terraform"
  terraform_bin="$dest/bin/terraform"
fi

if ! tem_espelho; then
  echo "terraform-offline: espelhando o provedor AWS em $dest/plugins" >&2
  # prod calls every module: its requirements are the estate's.
  plugins="$PWD/$dest/plugins"
  (cd infra/terraform/envs/prod && "$terraform_bin" providers mirror -platform="linux_$arch" "$plugins")
fi
