/** CPF: mask while typing and check-digit validation (the same rule the server applies). */

/** Only the digits of a text. */
export function soDigitos(texto: string): string {
  return texto.replace(/\D/g, "");
}

/** Formats up to 11 digits progressively as `000.000.000-00` (for an input's value). */
export function mascararCpf(texto: string): string {
  const d = soDigitos(texto).slice(0, 11);
  if (d.length <= 3) return d;
  if (d.length <= 6) return `${d.slice(0, 3)}.${d.slice(3)}`;
  if (d.length <= 9) return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`;
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
}

function digitoVerificador(digitos: number[]): number {
  const peso = digitos.length + 1;
  const soma = digitos.reduce((total, d, i) => total + d * (peso - i), 0);
  const resto = (soma * 10) % 11;
  return resto === 10 ? 0 : resto;
}

/** Whether a CPF (with or without punctuation) has 11 digits and valid check digits. */
export function cpfValido(texto: string): boolean {
  const d = soDigitos(texto);
  if (d.length !== 11 || /^(\d)\1{10}$/.test(d)) return false;
  const numeros = [...d].map(Number);
  const primeiro = digitoVerificador(numeros.slice(0, 9));
  const segundo = digitoVerificador([...numeros.slice(0, 9), primeiro]);
  return numeros[9] === primeiro && numeros[10] === segundo;
}

/** Whether what a patient typed to log in looks like a CPF rather than an e-mail. */
export function pareceCpf(texto: string): boolean {
  return !texto.includes("@") && /^[\d.\-\s]+$/.test(texto.trim());
}
