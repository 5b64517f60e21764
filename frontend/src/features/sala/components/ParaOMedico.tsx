import { useEffect, useState } from "react";
import { Link } from "react-router";
import { formatarDataHoraCurta } from "@/lib/format";
import { useRecurso } from "@/lib/use-recurso";
import { compartilhadosComigo, verPresencas } from "../api/sala";
import { INTERVALO_DA_ESPERA_MS, pacienteNaSala } from "../espera";

/**
 * On the doctor's screen before joining: whether the patient is already waiting in the room,
 * asked again every few seconds (a failed read says nothing rather than something wrong).
 */
export function EsperaDoPaciente({ consultaId, paciente }: { consultaId: string; paciente: string }) {
  const [esperando, setEsperando] = useState<boolean | null>(null);
  useEffect(() => {
    let vigente = true;
    const ler = () =>
      verPresencas(consultaId).then(
        (p) => vigente && setEsperando(pacienteNaSala(p)),
        () => vigente && setEsperando(null),
      );
    void ler();
    const relogio = setInterval(ler, INTERVALO_DA_ESPERA_MS);
    return () => {
      vigente = false;
      clearInterval(relogio);
    };
  }, [consultaId]);
  if (esperando === null) return null;
  return (
    <p className={`sala__espera${esperando ? " sala__espera--presente" : ""}`} role="status">
      {esperando
        ? `${paciente} já está na sala esperando por você.`
        : `${paciente} ainda não entrou na sala.`}
    </p>
  );
}

/** The patient's documents the doctor may open during the call (in another tab: the call goes on). */
export function DocumentosDoPaciente({ pacienteId, paciente }: { pacienteId: string; paciente: string }) {
  const compartilhados = useRecurso(compartilhadosComigo, []);
  if (compartilhados.estado !== "pronto") return null;
  const share = compartilhados.dados.find((c) => c.paciente_id === pacienteId);
  if (!share) return <p className="sala__documentos">{paciente} não compartilhou documentos com você.</p>;
  return (
    <p className="sala__documentos">
      <Link to={`/compartilhados/${pacienteId}`} target="_blank" rel="noopener noreferrer">
        Documentos compartilhados por {paciente} (abre em outra aba)
      </Link>{" "}
      · acesso até {formatarDataHoraCurta(share.expira_em)}
    </p>
  );
}
