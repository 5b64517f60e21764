/**
 * The room on Amazon Chime SDK (aws profile): the API hands the caller the `Meeting` and
 * `Attendee` Chime returned; the SDK carries audio and video. The camera and microphone stream
 * the page already previews is what the SDK sends (mute and camera-off toggle its tracks, as in
 * the WebRTC room). The SDK is loaded only when a Chime room opens (it is large).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { EstadoSala } from "./use-sala-webrtc";

/** What the room needs to know of the SDK's events, to say where the call stands. */
export type EventoChime =
  | { tipo: "iniciou" }
  | { tipo: "video_remoto"; presente: boolean }
  | { tipo: "parou"; codigo: number; terminal: boolean }
  | { tipo: "falhou"; mensagem: string };

/** MeetingSessionStatusCode.Left: the attendee left on purpose. */
const SAIU = 1;

/** The room's state after an SDK event (pure: tested without the SDK). */
export function proximoEstado(atual: EstadoSala, evento: EventoChime, outro: string): EstadoSala {
  switch (evento.tipo) {
    case "iniciou":
      return atual.fase === "conectada"
        ? atual
        : { fase: "aguardando", mensagem: `Aguardando ${outro} entrar na sala…` };
    case "video_remoto":
      return evento.presente
        ? { fase: "conectada" }
        : { fase: "aguardando", mensagem: `Aguardando ${outro} entrar na sala…` };
    case "parou":
      if (evento.codigo === SAIU) return { fase: "encerrada" };
      return evento.terminal
        ? { fase: "recusada", mensagem: "A reunião terminou ou não está mais disponível." }
        : { fase: "caiu", mensagem: "A conexão caiu. Verifique sua internet e reconecte." };
    case "falhou":
      return { fase: "caiu", mensagem: evento.mensagem };
  }
}

type Credenciais = { Meeting?: Record<string, unknown> | null; Attendee?: Record<string, unknown> | null };

export function useSalaChime({
  sala,
  local,
  ativa,
  outro,
}: {
  sala: Credenciais;
  local: MediaStream | null;
  ativa: boolean;
  outro: string;
}) {
  const [estado, setEstado] = useState<EstadoSala>({ fase: "conectando" });
  const [remoto, setRemoto] = useState<MediaStream | null>(null);
  const [tentativa, setTentativa] = useState(0);
  const parar = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (!ativa || !local || !sala.Meeting || !sala.Attendee) return;
    let vivo = true;
    const aplicar = (evento: EventoChime) => vivo && setEstado((e) => proximoEstado(e, evento, outro));
    setEstado({ fase: "conectando" });
    (async () => {
      try {
        const chime = await import("amazon-chime-sdk-js");
        const logger = new chime.ConsoleLogger("healthmed-sala", chime.LogLevel.WARN);
        const sessao = new chime.DefaultMeetingSession(
          new chime.MeetingSessionConfiguration(sala.Meeting, sala.Attendee),
          logger,
          new chime.DefaultDeviceController(logger),
        );
        const av = sessao.audioVideo;
        const audio = new Audio();
        audio.autoplay = true;
        const telaRemota = document.createElement("video");
        av.addObserver({
          audioVideoDidStart: () => aplicar({ tipo: "iniciou" }),
          audioVideoDidStop: (status) =>
            aplicar({ tipo: "parou", codigo: status.statusCode(), terminal: status.isTerminal() }),
          videoTileDidUpdate: (tile) => {
            if (tile.localTile || tile.isContent || tile.tileId === null) return;
            av.bindVideoElement(tile.tileId, telaRemota);
            if (vivo) setRemoto(telaRemota.srcObject as MediaStream | null);
            aplicar({ tipo: "video_remoto", presente: true });
          },
          videoTileWasRemoved: () => {
            if (vivo) setRemoto(null);
            aplicar({ tipo: "video_remoto", presente: false });
          },
        });
        await av.startAudioInput(local);
        await av.startVideoInput(local);
        await av.bindAudioElement(audio);
        av.start();
        av.startLocalVideoTile();
        parar.current = () => {
          av.stopLocalVideoTile();
          av.stop();
          audio.srcObject = null;
        };
      } catch (erro) {
        aplicar({ tipo: "falhou", mensagem: `Não foi possível entrar na reunião (${String(erro)}).` });
      }
    })();
    return () => {
      vivo = false;
      parar.current();
      parar.current = () => undefined;
    };
  }, [ativa, local, sala, outro, tentativa]);

  const reconectar = useCallback(() => setTentativa((n) => n + 1), []);
  const marcarSaida = useCallback(() => {
    parar.current();
    parar.current = () => undefined;
    setRemoto(null);
    setEstado({ fase: "encerrada" });
  }, []);
  return { estado, remoto, reconectar, marcarSaida };
}
