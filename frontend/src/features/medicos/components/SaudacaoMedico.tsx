import { useRecurso } from "@/lib/use-recurso";
import { obterMedico } from "../api/obter-medico";
import { saudacao } from "../tratamento";

/** "Olá, Dra. Renata": the doctor's title (chosen in the profile or typed) and first name. */
export function SaudacaoMedico({ medicoId }: { medicoId: string }) {
  const perfil = useRecurso(() => obterMedico(medicoId), [medicoId]);
  if (perfil.estado !== "pronto") return <>Área do médico</>;
  return <>{saudacao(perfil.dados)}</>;
}
