import { useRecurso } from "@/lib/use-recurso";
import { obterPaciente } from "../api/obter-paciente";

/** "Olá, Ana": the patient's first name from their profile (silent while loading). */
export function SaudacaoPaciente({ pacienteId }: { pacienteId: string }) {
  const perfil = useRecurso(() => obterPaciente(pacienteId), [pacienteId]);
  const primeiro = perfil.estado === "pronto" ? perfil.dados.nome.split(" ")[0] : null;
  return <>{primeiro ? `Olá, ${primeiro}` : "Área do paciente"}</>;
}
