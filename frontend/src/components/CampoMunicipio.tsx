import { useEffect, useId, useMemo, useState, type KeyboardEvent, type ReactNode } from "react";
import {
  buscarMunicipios,
  carregarMunicipios,
  chaveMunicipio,
  municipioPorChave,
  normalizar,
  rotuloMunicipio,
  type Municipio,
} from "@/lib/municipios";
import "./CampoMunicipio.css";

interface Props {
  rotulo: string;
  name: string;
  /** The chosen municipality's key (`sao-paulo-sp`), or `""`. */
  valor: string;
  /** Called with the chosen municipality, or `null` when the field is cleared. */
  aoEscolher: (municipio: Municipio | null) => void;
  dica?: ReactNode;
  placeholder?: string;
}

/**
 * A field to pick one of the 5,570 municipalities by typing part of its name: an ARIA 1.2
 * combobox (arrow keys, Enter, Escape; suggestions announced), ignoring accents and case.
 */
export function CampoMunicipio({ rotulo, name, valor, aoEscolher, dica, placeholder }: Props) {
  const id = useId();
  const [lista, setLista] = useState<Municipio[] | null>(null);
  const [texto, setTexto] = useState("");
  const [aberto, setAberto] = useState(false);
  const [ativo, setAtivo] = useState(-1);
  const [falhou, setFalhou] = useState(false);

  useEffect(() => {
    let vigente = true;
    carregarMunicipios().then(
      (municipios) => vigente && setLista(municipios),
      () => vigente && setFalhou(true),
    );
    return () => {
      vigente = false;
    };
  }, []);

  const escolhido = lista ? municipioPorChave(lista, valor) : undefined;
  // What the field shows follows the chosen value (e.g. a shared link or "back").
  useEffect(() => {
    setTexto(escolhido ? rotuloMunicipio(escolhido) : "");
  }, [escolhido]);

  const sugestoes = useMemo(
    () => (lista && aberto ? buscarMunicipios(lista, texto) : []),
    [lista, aberto, texto],
  );

  function escolher(m: Municipio) {
    setTexto(rotuloMunicipio(m));
    setAberto(false);
    setAtivo(-1);
    if (chaveMunicipio(m) !== valor) aoEscolher(m);
  }

  function aoSair() {
    setAberto(false);
    setAtivo(-1);
    if (!texto.trim()) {
      if (valor) aoEscolher(null);
      return;
    }
    // A full "Nome – UF" typed (or pasted) counts as chosen; anything else goes back.
    const exato = lista?.find((m) => normalizar(rotuloMunicipio(m)) === normalizar(texto));
    if (exato) escolher(exato);
    else setTexto(escolhido ? rotuloMunicipio(escolhido) : "");
  }

  function aoTeclar(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!aberto) return setAberto(true);
      const passo = e.key === "ArrowDown" ? 1 : -1;
      setAtivo((i) => (sugestoes.length ? (i + passo + sugestoes.length) % sugestoes.length : -1));
    } else if (e.key === "Enter" && aberto && sugestoes.length) {
      e.preventDefault();
      escolher(sugestoes[Math.max(ativo, 0)]!);
    } else if (e.key === "Escape" && aberto) {
      e.preventDefault();
      setAberto(false);
      setAtivo(-1);
    }
  }

  const listaId = `${id}-lista`;
  const mostrarLista = aberto && texto.trim() !== "";
  const dicaId = dica || falhou ? `${id}-dica` : undefined;
  return (
    <div className="campo campo-municipio">
      <label htmlFor={id}>{rotulo}</label>
      <div className="campo-municipio__caixa">
        <input
          id={id}
          name={name}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={mostrarLista}
          aria-controls={listaId}
          aria-activedescendant={mostrarLista && ativo >= 0 ? `${id}-op-${ativo}` : undefined}
          aria-describedby={dicaId}
          placeholder={placeholder}
          value={texto}
          onChange={(e) => {
            setTexto(e.target.value);
            setAberto(true);
            setAtivo(-1);
          }}
          onKeyDown={aoTeclar}
          onBlur={aoSair}
        />
        <ul
          id={listaId}
          role="listbox"
          aria-label={rotulo}
          className="campo-municipio__lista"
          hidden={!mostrarLista}
        >
          {sugestoes.map((m, i) => (
            <li
              key={m.codigo}
              id={`${id}-op-${i}`}
              role="option"
              aria-selected={i === ativo}
              className="campo-municipio__opcao"
              // mousedown, not click: the input must not lose focus (and close the list) first.
              onMouseDown={(e) => {
                e.preventDefault();
                escolher(m);
              }}
            >
              {m.nome} <span className="campo-municipio__uf">– {m.uf}</span>
            </li>
          ))}
        </ul>
      </div>
      {mostrarLista && lista && sugestoes.length === 0 && (
        <span className="campo__dica">Nenhum município com esse nome.</span>
      )}
      <span className="visualmente-oculto" aria-live="polite">
        {mostrarLista && lista
          ? sugestoes.length === 1
            ? "1 município sugerido"
            : `${sugestoes.length} municípios sugeridos`
          : ""}
      </span>
      {dicaId && (
        <span id={dicaId} className={falhou ? "campo__erro" : "campo__dica"}>
          {falhou ? "Não foi possível carregar a lista de municípios. Recarregue a página." : dica}
        </span>
      )}
    </div>
  );
}
