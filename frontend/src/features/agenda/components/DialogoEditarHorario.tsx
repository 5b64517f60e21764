import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Campo } from "@/components/Campo";
import { Dialogo } from "@/components/Dialogo";
import { dataLocal, horaLocal } from "@/lib/format";
import { useEnvio } from "@/lib/use-envio";
import { editarHorario, type Horario } from "../api/horarios";
import { CamposInicioFim } from "./CamposInicioFim";

interface Props {
  horario: Horario | null;
  aoSalvar: (horario: Horario) => void;
  aoFechar: () => void;
}

/** Moves one slot to another day or time. */
export function DialogoEditarHorario({ horario, aoSalvar, aoFechar }: Props) {
  return (
    <Dialogo aberto={horario !== null} titulo="Editar horário" aoFechar={aoFechar}>
      {horario && <Formulario key={horario.id} horario={horario} aoSalvar={aoSalvar} aoFechar={aoFechar} />}
    </Dialogo>
  );
}

function Formulario({ horario, aoSalvar, aoFechar }: Props & { horario: Horario }) {
  const inicio = new Date(horario.inicio);
  const [data, setData] = useState(dataLocal(inicio));
  const [de, setDe] = useState(horaLocal(inicio));
  const [ate, setAte] = useState(horaLocal(new Date(horario.fim)));
  const envio = useEnvio();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    const novoInicio = new Date(`${data}T${de}:00`);
    const novoFim = new Date(`${data}T${ate}:00`);
    if (!(novoFim > novoInicio)) return envio.definirErros({ fim: "O fim deve ser depois do início" });
    let salvo: Horario | null = null;
    const ok = await envio.enviar(async () => {
      salvo = await editarHorario(horario.id, novoInicio, novoFim);
    });
    if (ok && salvo) aoSalvar(salvo);
  }

  return (
    <form className="formulario" onSubmit={enviar} noValidate>
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <Campo rotulo="Dia" name="data" type="date" value={data} onChange={(e) => setData(e.target.value)} />
      <CamposInicioFim inicio={de} fim={ate} mudarInicio={setDe} mudarFim={setAte} erros={envio.erros} />
      <div className="acoes-form">
        <Botao variante="secundario" onClick={aoFechar}>
          Voltar
        </Botao>
        <Botao type="submit" carregando={envio.enviando}>
          Salvar
        </Botao>
      </div>
    </form>
  );
}
