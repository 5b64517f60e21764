/**
 * The "Nome do médico" filter of the search: what of the typed text goes to the URL and the API.
 *
 * The server finds a doctor when every typed word is the start of a word of the name, in any
 * order, ignoring case and accents and the titles patients type (dr, dra); it refuses fewer than
 * 2 or more than 80 characters and a text of titles only (422). The field never sends those:
 * until there is something to look for, the search runs without a name.
 */

export const NOME_MINIMO = 2;
export const NOME_MAXIMO = 80;
/** How long typing must pause before the search runs again (each keystroke would be a request). */
export const ESPERA_DIGITACAO_MS = 400;

const TITULOS = new Set(["dr", "dra", "doutor", "doutora"]);

/** The value of `nome` to search for `texto`, or `""` for no name filter yet. */
export function nomeParaBusca(texto: string): string {
  const limpo = texto.trim().replace(/\s+/g, " ").slice(0, NOME_MAXIMO).trim();
  if (limpo.length < NOME_MINIMO) return "";
  const palavras = limpo
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return palavras.some((p) => !TITULOS.has(p)) ? limpo : "";
}
