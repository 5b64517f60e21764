import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";

export interface Aba<K extends string> {
  chave: K;
  rotulo: string;
}

interface Props<K extends string> {
  rotulo: string;
  abas: Aba<K>[];
  ativa: K;
  aoTrocar: (chave: K) => void;
  children: ReactNode;
}

/** WAI-ARIA tabs: arrow keys move between tabs, the panel is labelled by the active tab. */
export function Abas<K extends string>({ rotulo, abas, ativa, aoTrocar, children }: Props<K>) {
  const base = useId();
  const botoes = useRef<(HTMLButtonElement | null)[]>([]);

  function teclado(evento: KeyboardEvent<HTMLDivElement>) {
    const atual = abas.findIndex((a) => a.chave === ativa);
    let proxima: number;
    if (evento.key === "ArrowRight") proxima = (atual + 1) % abas.length;
    else if (evento.key === "ArrowLeft") proxima = (atual - 1 + abas.length) % abas.length;
    else if (evento.key === "Home") proxima = 0;
    else if (evento.key === "End") proxima = abas.length - 1;
    else return;
    evento.preventDefault();
    const aba = abas[proxima];
    if (aba) {
      aoTrocar(aba.chave);
      botoes.current[proxima]?.focus();
    }
  }

  return (
    <>
      <div className="abas" role="tablist" aria-label={rotulo} onKeyDown={teclado}>
        {abas.map((aba, i) => (
          <button
            key={aba.chave}
            ref={(el) => {
              botoes.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-aba-${aba.chave}`}
            aria-selected={aba.chave === ativa}
            aria-controls={`${base}-painel`}
            tabIndex={aba.chave === ativa ? 0 : -1}
            onClick={() => aoTrocar(aba.chave)}
          >
            {aba.rotulo}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-painel`} aria-labelledby={`${base}-aba-${ativa}`}>
        {children}
      </div>
    </>
  );
}
