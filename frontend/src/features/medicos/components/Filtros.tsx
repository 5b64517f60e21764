import { Selecao } from "@/components/Campo";
import { CIDADES, chaveCidade } from "@/lib/cidades";
import type { Especialidade } from "../api/listar-especialidades";

export interface ValoresFiltro {
  especialidade: string;
  /** `""` anywhere, `minha-localizacao`, or a city key. */
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

/** The search filters; each change searches again (results are announced politely). */
export function Filtros({ valores, especialidades, aoMudar, localizando }: Props) {
  const temLocal = valores.perto !== "";
  return (
    <form
      className="filtros"
      role="search"
      aria-label="Filtros da busca"
      onSubmit={(e) => e.preventDefault()}
    >
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
      <Selecao
        rotulo="Perto de"
        name="perto"
        value={valores.perto}
        onChange={(e) => aoMudar("perto", e.target.value)}
        dica={localizando ? "Obtendo sua localização…" : undefined}
      >
        <option value="">Qualquer lugar</option>
        <option value="minha-localizacao">Minha localização atual</option>
        <optgroup label="Cidades">
          {CIDADES.map((c) => (
            <option key={chaveCidade(c)} value={chaveCidade(c)}>
              {c.nome} – {c.uf}
            </option>
          ))}
        </optgroup>
      </Selecao>
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
        <option value="">{temLocal ? "Mais perto" : "Nome"}</option>
        <option value="avaliacao">Melhor avaliados</option>
        <option value="proximo_horario">Horário mais próximo</option>
      </Selecao>
    </form>
  );
}
