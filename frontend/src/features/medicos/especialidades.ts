import { normalizar } from "@/lib/municipios";

/**
 * The specialties whose name has, for every typed word, a word starting with it (no accents, any
 * case, any order): "cir plas" finds "Cirurgia Plástica". An empty text keeps them all.
 */
export function filtrarEspecialidades<T extends { nome: string }>(lista: T[], texto: string): T[] {
  const termos = normalizar(texto).split(" ").filter(Boolean);
  if (termos.length === 0) return lista;
  return lista.filter((e) => {
    const palavras = normalizar(e.nome).split(" ");
    return termos.every((t) => palavras.some((p) => p.startsWith(t)));
  });
}
