import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { useEnvio } from "@/lib/use-envio";
import { exportarDados } from "../api/exportar";

/** Downloads all of the patient's data in one file (the LGPD right of access and portability). */
export function ExportarDados({ pacienteId }: { pacienteId: string }) {
  const envio = useEnvio();

  async function baixar() {
    await envio.enviar(async () => {
      const arquivo = await exportarDados(pacienteId);
      const url = URL.createObjectURL(arquivo);
      const link = document.createElement("a");
      link.href = url;
      link.download = "healthmed-meus-dados.zip";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  }

  return (
    <div className="exportar">
      <p className="subtitulo">Baixe uma cópia de todos os seus dados e documentos (LGPD).</p>
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <Botao variante="secundario" onClick={baixar} carregando={envio.enviando}>
        Baixar todos os meus dados
      </Botao>
    </div>
  );
}
