import { useEffect } from "react";
import { Link } from "react-router";
import { Pagina } from "@/components/Pagina";
import { formatarDataHoraCurta } from "@/lib/format";
import { encerrarSessao } from "@/lib/session";
import { lerResumo, plural } from "../encerramento";
import "../encerramento.css";

/** /conta-encerrada: the confirmation after the patient closed the account (no session left). */
export function ContaEncerradaRota() {
  const resumo = lerResumo();
  // The server already ended every session of the account: this only forgets it here.
  useEffect(() => encerrarSessao("saiu"), []);
  return (
    <div className="cartao cartao--estreito">
      <Pagina titulo="Conta encerrada">
        <p>Sua conta foi encerrada e você saiu do HealthMed.</p>
        {resumo && (
          <ul>
            <li>Encerrada em {formatarDataHoraCurta(resumo.encerrada_em)}.</li>
            <li>
              {plural(
                resumo.consultas_canceladas,
                "consulta cancelada",
                "consultas canceladas",
                "Nenhuma consulta a cancelar",
              )}
              .
            </li>
            <li>
              {plural(
                resumo.compartilhamentos_revogados,
                "compartilhamento do prontuário encerrado",
                "compartilhamentos do prontuário encerrados",
                "Nenhum compartilhamento ativo",
              )}
              .
            </li>
          </ul>
        )}
        <p>
          Seu prontuário fica guardado por 20 anos, como exige a lei. Para pedir uma cópia dele, fale com o
          atendimento e informe o protocolo
          {resumo ? (
            <>
              {" "}
              <strong className="protocolo">{resumo.protocolo}</strong>
            </>
          ) : (
            " que aparece nesta página logo depois do encerramento"
          )}
          .
        </p>
        <Link to="/" className="botao">
          Ir para o início
        </Link>
      </Pagina>
    </div>
  );
}
