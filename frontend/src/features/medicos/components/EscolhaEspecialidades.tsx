import { useId, useState } from "react";
import { contagem } from "@/lib/format";
import type { Especialidade } from "../api/listar-especialidades";
import { filtrarEspecialidades } from "../especialidades";

interface Props {
  especialidades: Especialidade[];
  escolhidas: Set<string>;
  alternar: (slug: string) => void;
  erro?: string | undefined;
}

/**
 * The doctor's specialties: the chosen ones first (each removable), then the CFM list narrowed
 * by typing part of a name ("cir plas"), as native checkboxes (keyboard and screen readers as
 * usual), instead of 55 checkboxes to scroll through.
 */
export function EscolhaEspecialidades({ especialidades, escolhidas, alternar, erro }: Props) {
  const [texto, setTexto] = useState("");
  const id = useId();
  const visiveis = filtrarEspecialidades(especialidades, texto);
  const nomes = new Map(especialidades.map((e) => [e.slug, e.nome]));
  return (
    <fieldset className="campo escolha escolha-especialidades">
      <legend>Especialidades</legend>
      {escolhidas.size > 0 && (
        <ul className="escolhidas" aria-label="Especialidades escolhidas">
          {[...escolhidas].map((slug) => (
            <li key={slug}>
              <span>{nomes.get(slug) ?? slug}</span>
              <button
                type="button"
                className="escolhidas__remover"
                aria-label={`Remover ${nomes.get(slug) ?? slug}`}
                onClick={() => alternar(slug)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-busca`}>Buscar especialidade</label>
      <input
        id={`${id}-busca`}
        type="search"
        autoComplete="off"
        placeholder="Ex.: cardio, cirurgia plástica"
        value={texto}
        onChange={(e) => setTexto(e.target.value)}
        aria-describedby={`${id}-contagem`}
        onKeyDown={(e) => {
          // Enter picks the only match instead of submitting the whole profile.
          if (e.key !== "Enter") return;
          e.preventDefault();
          if (visiveis.length === 1) alternar(visiveis[0]!.slug);
        }}
      />
      <span id={`${id}-contagem`} className="campo__dica" aria-live="polite">
        {texto.trim()
          ? `${contagem(visiveis.length, "especialidade encontrada", "especialidades encontradas")}`
          : `${contagem(especialidades.length, "especialidade", "especialidades")} do CFM`}
      </span>
      <div className="lista-rolavel">
        {visiveis.map((e) => (
          <label key={e.slug} className="opcao">
            <input type="checkbox" checked={escolhidas.has(e.slug)} onChange={() => alternar(e.slug)} />
            {e.nome}
          </label>
        ))}
      </div>
      {erro && <span className="campo__erro">{erro}</span>}
    </fieldset>
  );
}
