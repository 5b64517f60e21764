/** CEP and phone masks while typing, like the CPF's (`cpf.ts`): what the server accepts, shown
 * the way Brazilians write it. */
import { soDigitos } from "./cpf";

/** Up to 8 digits, progressively as `00000-000`. */
export function mascararCep(texto: string): string {
  const d = soDigitos(texto).slice(0, 8);
  return d.length <= 5 ? d : `${d.slice(0, 5)}-${d.slice(5)}`;
}

/**
 * A phone with area code, progressively as `(11) 91234-5678` (mobile, 11 digits) or
 * `(11) 3123-4567` (landline, 10); with the country code (12-13 digits starting with 55)
 * as `+55 (11) 91234-5678`.
 */
export function mascararTelefone(texto: string): string {
  const todos = soDigitos(texto).slice(0, 13);
  const pais = todos.length > 11 && todos.startsWith("55") ? "+55 " : "";
  const d = pais ? todos.slice(2) : todos.slice(0, 11);
  if (d.length === 0) return pais.trim();
  if (d.length <= 2) return `${pais}(${d}`;
  const numero = d.slice(2);
  const corte = numero.length > 8 ? 5 : 4;
  const partes = numero.length > corte ? `${numero.slice(0, corte)}-${numero.slice(corte)}` : numero;
  return `${pais}(${d.slice(0, 2)}) ${partes}`;
}
