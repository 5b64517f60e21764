import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { salvarArquivo } from "@/lib/arquivo";
import { useEnvio } from "@/lib/use-envio";
import { baixarCalendario } from "../api/calendario";

interface Props {
  consultaId: string;
  /** Who the appointment is with, so each button of a list has its own accessible name. */
  com: string;
  quando: string;
}

/** Downloads the appointment's .ics file, to open in Google, Apple or Outlook calendars. */
export function AdicionarAoCalendario({ consultaId, com, quando }: Props) {
  const envio = useEnvio();

  async function baixar() {
    await envio.enviar(async () => {
      const { arquivo, nome } = await baixarCalendario(consultaId);
      salvarArquivo(arquivo, nome);
    });
  }

  return (
    <>
      <Botao
        variante="secundario"
        onClick={baixar}
        carregando={envio.enviando}
        aria-label={`Adicionar ao calendário: consulta com ${com}, ${quando}`}
        title="Baixa um arquivo .ics para o Google Agenda, o Calendário da Apple ou o Outlook"
      >
        Adicionar ao calendário
      </Botao>
      {envio.erro && (
        <div className="calendario__erro">
          <Alerta tipo="erro">{envio.erro}</Alerta>
        </div>
      )}
    </>
  );
}
