/** The doctor's title by their own choice (issue 19), as the medico service applies it. */

import { tituloDoMedico } from "@/lib/medico-no-texto";

interface ComTratamento {
  nome: string;
  tratamento?: "Dr." | "Dra." | null;
}

/** `Dra. Aline Gomes`: the name with the chosen title (the service's `nome_exibido`). */
export function nomeDoMedico(m: ComTratamento): string {
  // A name typed with its title already ("Dra. Helena Costa") is not given a second one.
  return m.tratamento && !tituloDoMedico(m.nome) ? `${m.tratamento} ${m.nome}` : m.nome;
}

/** "da médica" for a doctor who chose Dra., "do médico" otherwise (messages about them). */
export function doMedico(m: ComTratamento): string {
  return m.tratamento === "Dra." ? "da médica" : "do médico";
}

/** "Olá, Dra. Renata": the title (chosen or typed) and the first name. */
export function saudacao(m: ComTratamento): string {
  const partes = nomeDoMedico(m).split(/\s+/);
  const titulo = /^dra?\.?$/i.test(partes[0] ?? "") ? `${partes[0]} ${partes[1] ?? ""}` : partes[0];
  return `Olá, ${titulo?.trim() ?? ""}`;
}
