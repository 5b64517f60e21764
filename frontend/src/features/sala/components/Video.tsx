import { useEffect, useRef } from "react";

interface Props {
  stream: MediaStream | null;
  rotulo: string;
  /** The own preview: muted (no echo) and mirrored. */
  proprio?: boolean;
  semVideo?: string;
}

/** A video tile; shows `semVideo` while there is nothing to play. */
export function Video({ stream, rotulo, proprio, semVideo }: Props) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return (
    <figure className={`sala-video${proprio ? " sala-video--proprio" : ""}`}>
      <video ref={ref} autoPlay playsInline muted={proprio} aria-label={rotulo} hidden={!stream} />
      {!stream && <div className="sala-video__vazio">{semVideo}</div>}
      <figcaption>{rotulo}</figcaption>
    </figure>
  );
}
