import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Campo, Selecao } from "@/components/Campo";
import { dataLocal } from "@/lib/format";
import { useEnvio } from "@/lib/use-envio";
import { criarHorarios } from "../api/horarios";
import { CamposInicioFim } from "./CamposInicioFim";

function amanha(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return dataLocal(d);
}

/** A local date and time (what the doctor typed, in their own time zone) as an instant. */
function instante(data: string, hora: string): Date {
  return new Date(`${data}T${hora}:00`);
}

/** Opens a window of slots: a day, start and end, the length of each slot, weekly repeats. */
export function FormNovosHorarios({
  aoCriar,
}: {
  /** `ignorados`: slots of a weekly repeat skipped because they fall in a blocked period. */
  aoCriar: (quantos: number, primeiro: Date, ignorados: number) => void;
}) {
  const [data, setData] = useState(amanha);
  const [inicio, setInicio] = useState("08:00");
  const [fim, setFim] = useState("12:00");
  const [duracao, setDuracao] = useState("30");
  const [repetir, setRepetir] = useState("0");
  const envio = useEnvio();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    if (!data || !inicio || !fim) return envio.definirErros({ data: "Informe o dia e os horários" });
    const de = instante(data, inicio);
    const ate = instante(data, fim);
    if (ate <= de) return envio.definirErros({ fim: "O fim deve ser depois do início" });
    await envio.enviar(async () => {
      const criados = await criarHorarios({
        inicio: de.toISOString(),
        fim: ate.toISOString(),
        duracao_minutos: Number(duracao),
        ...(repetir !== "0" ? { repetir_semanas: Number(repetir) } : {}),
      });
      aoCriar(criados.horarios.length, de, criados.ignorados_por_bloqueio ?? 0);
    });
  }

  return (
    <form className="formulario" onSubmit={enviar} noValidate aria-label="Abrir horários">
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <Campo
        rotulo="Dia"
        name="data"
        type="date"
        value={data}
        onChange={(e) => setData(e.target.value)}
        erro={envio.erros.data}
        required
      />
      <CamposInicioFim
        inicio={inicio}
        fim={fim}
        mudarInicio={setInicio}
        mudarFim={setFim}
        erros={envio.erros}
        required
      />
      <Selecao
        rotulo="Duração de cada consulta"
        name="duracao_minutos"
        value={duracao}
        onChange={(e) => setDuracao(e.target.value)}
        erro={envio.erros.duracao_minutos}
      >
        {[15, 20, 30, 40, 45, 60].map((m) => (
          <option key={m} value={m}>
            {m} minutos
          </option>
        ))}
      </Selecao>
      <Selecao
        rotulo="Repetir"
        name="repetir_semanas"
        value={repetir}
        onChange={(e) => setRepetir(e.target.value)}
        erro={envio.erros.repetir_semanas}
      >
        <option value="0">Só neste dia</option>
        {Array.from({ length: 12 }, (_, i) => i + 1).map((n) => (
          <option key={n} value={n}>
            Mais {n} {n === 1 ? "semana" : "semanas"}
          </option>
        ))}
      </Selecao>
      <Botao type="submit" carregando={envio.enviando}>
        Abrir horários
      </Botao>
    </form>
  );
}
