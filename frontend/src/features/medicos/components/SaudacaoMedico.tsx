import { useRecurso } from "@/lib/use-recurso";
import { obterMedico } from "../api/obter-medico";

/** "Olá, Dra. Renata": the doctor's title and first name from their profile. */
export function SaudacaoMedico({ medicoId }: { medicoId: string }) {
  const perfil = useRecurso(() => obterMedico(medicoId), [medicoId]);
  if (perfil.estado !== "pronto") return <>Área do médico</>;
  const partes = perfil.dados.nome.split(/\s+/);
  const titulo = /^dra?\.?$/i.test(partes[0] ?? "") ? `${partes[0]} ${partes[1] ?? ""}` : partes[0];
  return <>{`Olá, ${titulo?.trim()}`}</>;
}
