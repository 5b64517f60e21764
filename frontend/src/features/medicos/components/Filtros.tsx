import { useEffect, useRef, useState } from "react";
import { Botao } from "@/components/Botao";
import { Campo, Selecao } from "@/components/Campo";
import { CampoMunicipio } from "@/components/CampoMunicipio";
import { chaveMunicipio } from "@/lib/municipios";
import type { Especialidade } from "../api/listar-especialidades";
import { ESPERA_DIGITACAO_MS, NOME_MAXIMO, nomeParaBusca } from "../busca-por-nome";

export interface ValoresFiltro {
  /** Part of the doctor's name (`""`: any name); see `nomeParaBusca`. */
  nome: string;
  especialidade: string;
  /** `""` anywhere, `minha-localizacao`, or a municipality's key (`sao-paulo-sp`). */
  perto: string;
  raio: string;
  nota: string;
  /** Days ahead within which the doctor must have a free slot (`""`: any time). */
  disponivel: string;
  ordenar: string;
}

interface Props {
  valores: ValoresFiltro;
  especialidades: Especialidade[];
  aoMudar: (campo: keyof ValoresFiltro, valor: string) => void;
  localizando: boolean;
}

/**
 * The doctor's name: searches once typing pauses (or at Enter), not at every keystroke. What the
 * field shows is its own state; the URL's value replaces it only when it changed elsewhere
 * (back button, a shared link), so a trailing space or a lone letter being typed is kept.
 */
function CampoNome({ valor, aoMudar }: { valor: string; aoMudar: (valor: string) => void }) {
  const [texto, setTexto] = useState(valor);
  const aplicar = useRef(aoMudar);
  useEffect(() => {
    aplicar.current = aoMudar;
  });
  useEffect(() => {
    setTexto((atual) => (nomeParaBusca(atual) === valor ? atual : valor));
  }, [valor]);
  useEffect(() => {
    const proximo = nomeParaBusca(texto);
    if (proximo === valor) return;
    const espera = setTimeout(() => aplicar.current(proximo), ESPERA_DIGITACAO_MS);
    return () => clearTimeout(espera);
  }, [texto, valor]);
  return (
    <Campo
      rotulo="Nome do médico"
      name="nome"
      type="search"
      autoComplete="off"
      enterKeyHint="search"
      maxLength={NOME_MAXIMO}
      placeholder="Ex.: Helena Costa"
      dica="Parte do nome, com ou sem acentos"
      value={texto}
      onChange={(e) => setTexto(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") aplicar.current(nomeParaBusca(texto));
      }}
    />
  );
}

/** The search filters; each change searches again (results are announced politely). */
export function Filtros({ valores, especialidades, aoMudar, localizando }: Props) {
  const temLocal = valores.perto !== "";
  const temNome = valores.nome !== "";
  const minhaLocalizacao = valores.perto === "minha-localizacao";
  return (
    <form
      className="filtros"
      role="search"
      aria-label="Filtros da busca"
      onSubmit={(e) => e.preventDefault()}
    >
      <CampoNome valor={valores.nome} aoMudar={(v) => aoMudar("nome", v)} />
      <Selecao
        rotulo="Especialidade"
        name="especialidade"
        value={valores.especialidade}
        onChange={(e) => aoMudar("especialidade", e.target.value)}
      >
        <option value="">Todas as especialidades</option>
        {especialidades.map((e) => (
          <option key={e.slug} value={e.slug}>
            {e.nome}
          </option>
        ))}
      </Selecao>
      <div className="filtros__local">
        <CampoMunicipio
          rotulo="Perto de"
          name="perto"
          valor={minhaLocalizacao ? "" : valores.perto}
          aoEscolher={(m) => aoMudar("perto", m ? chaveMunicipio(m) : "")}
          placeholder={minhaLocalizacao ? "Sua localização atual" : "Qualquer lugar"}
          dica={
            localizando
              ? "Obtendo sua localização…"
              : minhaLocalizacao
                ? "Buscando perto de onde você está."
                : undefined
          }
        />
        <Botao
          variante="texto"
          className="filtros__minha-localizacao"
          carregando={localizando}
          onClick={() => aoMudar("perto", minhaLocalizacao ? "" : "minha-localizacao")}
        >
          {minhaLocalizacao ? "Não usar minha localização" : "Usar minha localização atual"}
        </Botao>
      </div>
      <Selecao
        rotulo="Distância máxima"
        name="raio"
        value={temLocal ? valores.raio : ""}
        onChange={(e) => aoMudar("raio", e.target.value)}
        disabled={!temLocal}
        dica={temLocal ? undefined : "Escolha um local para filtrar por distância"}
      >
        <option value="">Qualquer distância</option>
        {[5, 10, 25, 50, 100, 500].map((km) => (
          <option key={km} value={km}>
            Até {km} km
          </option>
        ))}
      </Selecao>
      <Selecao
        rotulo="Avaliação mínima"
        name="nota"
        value={valores.nota}
        onChange={(e) => aoMudar("nota", e.target.value)}
      >
        <option value="">Qualquer avaliação</option>
        {[3, 4, 4.5].map((n) => (
          <option key={n} value={n}>
            {String(n).replace(".", ",")} estrelas ou mais
          </option>
        ))}
      </Selecao>
      <Selecao
        rotulo="Com horário livre"
        name="disponivel"
        value={valores.disponivel}
        onChange={(e) => aoMudar("disponivel", e.target.value)}
      >
        <option value="">Em qualquer data</option>
        <option value="1">Até amanhã</option>
        <option value="3">Nos próximos 3 dias</option>
        <option value="7">Nos próximos 7 dias</option>
        <option value="30">Nos próximos 30 dias</option>
      </Selecao>
      <Selecao
        rotulo="Ordenar por"
        name="ordenar"
        value={valores.ordenar}
        onChange={(e) => aoMudar("ordenar", e.target.value)}
      >
        <option value="">{temNome ? "Mais parecidos com o nome" : temLocal ? "Mais perto" : "Nome"}</option>
        <option value="avaliacao">Melhor avaliados</option>
        <option value="proximo_horario">Horário mais próximo</option>
      </Selecao>
    </form>
  );
}
