/** The camera and microphone: asked once, released when the page goes away. */
import { useCallback, useEffect, useState } from "react";

export type Midia =
  { estado: "pedindo" } | { estado: "pronta"; stream: MediaStream } | { estado: "negada"; mensagem: string };

/** A clear message for each way getUserMedia fails. */
export function mensagemDeMidia(erro: unknown): string {
  const nome = erro instanceof DOMException ? erro.name : "";
  if (nome === "NotAllowedError" || nome === "SecurityError")
    return (
      "Você não permitiu o acesso à câmera e ao microfone. Libere o acesso nas permissões do " +
      "navegador (o ícone ao lado do endereço) e tente de novo."
    );
  if (nome === "NotFoundError" || nome === "OverconstrainedError")
    return "Nenhuma câmera ou microfone foi encontrado neste aparelho.";
  if (nome === "NotReadableError")
    return "A câmera ou o microfone está em uso por outro aplicativo. Feche-o e tente de novo.";
  if (!navigator.mediaDevices)
    return "Este navegador não permite vídeo nesta página (é preciso uma conexão segura, https).";
  return "Não foi possível acessar a câmera e o microfone.";
}

export function useMidiaLocal() {
  const [midia, setMidia] = useState<Midia>({ estado: "pedindo" });
  const [tentativa, setTentativa] = useState(0);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let vivo = true;
    setMidia({ estado: "pedindo" });
    (async () => {
      try {
        if (!navigator.mediaDevices) throw new Error("sem mediaDevices");
        stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
        if (!vivo) {
          for (const t of stream.getTracks()) t.stop();
          return;
        }
        setMidia({ estado: "pronta", stream });
      } catch (erro) {
        if (vivo) setMidia({ estado: "negada", mensagem: mensagemDeMidia(erro) });
      }
    })();
    return () => {
      vivo = false;
      for (const t of stream?.getTracks() ?? []) t.stop();
    };
  }, [tentativa]);

  const tentarDeNovo = useCallback(() => setTentativa((t) => t + 1), []);
  return { midia, tentarDeNovo };
}
