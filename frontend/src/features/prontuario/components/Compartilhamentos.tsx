import { useState } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { contagem, formatarDataHoraCurta } from "@/lib/format";
import { mensagemDoProblema, problemaDe } from "@/lib/problem";
import { revogar, type Compartilhamento } from "../api/compartilhamentos";
import type { MedicoConhecido } from "../api/meus-medicos";

interface Props {
  pacienteId: string;
  compartilhamentos: Compartilhamento[];
  medicos: MedicoConhecido[];
  aoMudar: (texto: string) => void;
}

/** Who has (or had) access, until when; an active share can be revoked at once. */
export function Compartilhamentos({ pacienteId, compartilhamentos, medicos, aoMudar }: Props) {
  const [ocupado, setOcupado] = useState<string | null>(null);
  const [erro, setErro] = useState<string | null>(null);
  const nomes = new Map(medicos.map((m) => [m.id, m.nome]));

  async function revogarAcesso(c: Compartilhamento) {
    setOcupado(c.id);
    setErro(null);
    try {
      await revogar(pacienteId, c.id);
      aoMudar(`Acesso de ${nomes.get(c.medico_id) ?? "médico"} revogado.`);
    } catch (falha) {
      setErro(mensagemDoProblema(problemaDe(falha)));
    } finally {
      setOcupado(null);
    }
  }

  if (compartilhamentos.length === 0)
    return <p className="subtitulo">Você ainda não compartilhou seu prontuário.</p>;
  return (
    <>
      {erro && <Alerta tipo="erro">{erro}</Alerta>}
      <ul className="compartilhamentos">
        {compartilhamentos.map((c) => {
          const nome = nomes.get(c.medico_id) ?? "Médico";
          return (
            <li key={c.id} className="compartilhamento">
              <div>
                <strong>{nome}</strong>
                <span className="documento__meta">
                  {c.documentos
                    ? contagem(c.documentos.length, "documento", "documentos")
                    : "Todo o prontuário"}{" "}
                  ·{" "}
                  {c.ativo
                    ? `até ${formatarDataHoraCurta(c.expira_em)}`
                    : c.revogado_em
                      ? `revogado em ${formatarDataHoraCurta(c.revogado_em)}`
                      : `expirou em ${formatarDataHoraCurta(c.expira_em)}`}
                </span>
              </div>
              {c.ativo ? (
                <Botao
                  variante="secundario"
                  onClick={() => revogarAcesso(c)}
                  carregando={ocupado === c.id}
                  aria-label={`Revogar acesso de ${nome}`}
                >
                  Revogar
                </Botao>
              ) : (
                <span className="selo selo--cancelada">Encerrado</span>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
