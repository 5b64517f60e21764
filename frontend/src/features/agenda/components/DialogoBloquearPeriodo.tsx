import { useId, useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Campo } from "@/components/Campo";
import { Dialogo } from "@/components/Dialogo";
import { dataLocal, formatarDataHoraCurta, formatarHora, somarDias } from "@/lib/format";
import { useEnvio } from "@/lib/use-envio";
import { bloquearPeriodo, type Bloqueio } from "../api/horarios";
import { periodoDoBloqueio, resumoDoBloqueio, situacaoDoMantido } from "../bloqueio";
import { CamposInicioFim } from "./CamposInicioFim";

interface Props {
  aberto: boolean;
  /** After the block: what it did and where the period starts (to show that week). */
  aoBloquear: (feito: Bloqueio, de: Date) => void;
  aoFechar: () => void;
}

/**
 * Blocks a period (holiday, congress): pick it, see what would go, confirm. The period is kept even
 * when no slot goes, so that none is opened in it later.
 */
export function DialogoBloquearPeriodo({ aberto, aoBloquear, aoFechar }: Props) {
  return (
    <Dialogo aberto={aberto} titulo="Bloquear período" aoFechar={aoFechar}>
      <Formulario aoBloquear={aoBloquear} aoFechar={aoFechar} />
    </Dialogo>
  );
}

function Formulario({ aoBloquear, aoFechar }: Omit<Props, "aberto">) {
  const amanha = dataLocal(somarDias(new Date(), 1));
  const [primeiroDia, setPrimeiroDia] = useState(amanha);
  const [ultimoDia, setUltimoDia] = useState(amanha);
  const [horaInicio, setHoraInicio] = useState("");
  const [horaFim, setHoraFim] = useState("");
  // What the server said would happen for `periodo`; any change to the fields discards it, so
  // what is confirmed is always what was shown.
  const [previa, setPrevia] = useState<{ periodo: { de: Date; ate: Date }; bloqueio: Bloqueio } | null>(null);
  const envio = useEnvio();
  const dicaHorarios = useId();
  const resumoId = useId();

  function mudar(setter: (valor: string) => void) {
    return (valor: string) => {
      setter(valor);
      setPrevia(null);
    };
  }

  async function simular(evento: FormEvent) {
    evento.preventDefault();
    const periodo = periodoDoBloqueio({ primeiroDia, ultimoDia, horaInicio, horaFim });
    if ("erros" in periodo) return envio.definirErros(periodo.erros);
    await envio.enviar(async () => {
      const bloqueio = await bloquearPeriodo(periodo.de, periodo.ate, true);
      setPrevia({ periodo, bloqueio });
    });
  }

  async function confirmar() {
    if (!previa) return;
    let feito: Bloqueio | null = null;
    const ok = await envio.enviar(async () => {
      feito = await bloquearPeriodo(previa.periodo.de, previa.periodo.ate, false);
    });
    if (ok && feito) aoBloquear(feito, previa.periodo.de);
  }

  return (
    <form className="formulario bloqueio" onSubmit={simular} noValidate aria-label="Período a bloquear">
      <p className="bloqueio__explicacao">
        Os horários livres do período são removidos da sua agenda e nenhum horário novo pode ser aberto nele
        até você remover o bloqueio. Horários com consulta ficam: recuse ou cancele essas consultas em
        Consultas, se precisar.
      </p>
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <div className="linha linha--2">
        <Campo
          rotulo="Primeiro dia"
          name="primeiro_dia"
          type="date"
          value={primeiroDia}
          onChange={(e) => mudar(setPrimeiroDia)(e.target.value)}
          erro={envio.erros.de}
          required
        />
        <Campo
          rotulo="Último dia"
          name="ultimo_dia"
          type="date"
          value={ultimoDia}
          onChange={(e) => mudar(setUltimoDia)(e.target.value)}
          erro={envio.erros.ate}
          required
        />
      </div>
      <fieldset className="bloqueio__horarios" aria-describedby={dicaHorarios}>
        <legend>Horários (opcional)</legend>
        <p id={dicaHorarios} className="campo__dica">
          O início vale para o primeiro dia e o fim para o último. Em branco, os dias inteiros.
        </p>
        <CamposInicioFim
          inicio={horaInicio}
          fim={horaFim}
          mudarInicio={mudar(setHoraInicio)}
          mudarFim={mudar(setHoraFim)}
          erros={{}}
        />
      </fieldset>
      {previa && (
        <div className="bloqueio__previa" role="status" aria-labelledby={resumoId}>
          <p id={resumoId} className="bloqueio__resumo">
            {resumoDoBloqueio(previa.bloqueio.removidos, previa.bloqueio.mantidos.length, true)}
          </p>
          {previa.bloqueio.mantidos.length > 0 && (
            <ul className="bloqueio__mantidos" aria-label="Horários com consulta que serão mantidos">
              {previa.bloqueio.mantidos.map((h) => (
                <li key={h.id}>
                  <span className="bloqueio__quando">
                    {formatarDataHoraCurta(h.inicio)}–{formatarHora(h.fim)}
                  </span>
                  {" — "}
                  <span className={`bloqueio__situacao bloqueio__situacao--${h.status}`}>
                    {situacaoDoMantido(h.status)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="acoes-form">
        <Botao variante="secundario" onClick={aoFechar}>
          Voltar
        </Botao>
        {previa ? (
          <Botao onClick={confirmar} carregando={envio.enviando}>
            Confirmar bloqueio
          </Botao>
        ) : (
          <Botao type="submit" carregando={envio.enviando}>
            Ver o que será removido
          </Botao>
        )}
      </div>
    </form>
  );
}
