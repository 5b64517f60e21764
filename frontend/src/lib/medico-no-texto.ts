/**
 * How a message refers to a doctor, by the title their shown name starts with (the title they
 * chose, issue 19): "a médica" for Dra., "o médico" for Dr., "o(a) médico(a)" without one. The
 * same rule as the consulta service's e-mails (`referencia_ao_medico`).
 */
export interface MedicoNoTexto {
  /** "médica", "médico" or "médico(a)". */
  substantivo: string;
  /** "a médica". */
  o: string;
  /** "da médica". */
  do: string;
}

const TITULO = /^\s*dr(a)?\.?\s/i;

/** The title a doctor's name starts with ("dra aline": "Dra."), if any (the medico service's
 * rule for not giving a name a second one). */
export function tituloDoMedico(nome: string): "Dr." | "Dra." | null {
  const titulo = TITULO.exec(nome);
  if (!titulo) return null;
  return titulo[1] ? "Dra." : "Dr.";
}

export function medicoNoTexto(nomeExibido: string): MedicoNoTexto {
  const titulo = tituloDoMedico(nomeExibido);
  if (!titulo) return { substantivo: "médico(a)", o: "o(a) médico(a)", do: "do(a) médico(a)" };
  return titulo === "Dra."
    ? { substantivo: "médica", o: "a médica", do: "da médica" }
    : { substantivo: "médico", o: "o médico", do: "do médico" };
}

/** The first letter in capitals ("A médica não entrou..."). */
export function inicialMaiuscula(texto: string): string {
  return texto.charAt(0).toUpperCase() + texto.slice(1);
}
