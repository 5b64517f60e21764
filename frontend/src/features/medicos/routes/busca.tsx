import { useState } from "react";
import { useSearchParams } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Carregando, Vazio } from "@/components/Estados";
import { Pagina } from "@/components/Pagina";
import { carregarMunicipios, municipioPorChave, rotuloMunicipio } from "@/lib/municipios";
import { useRecurso } from "@/lib/use-recurso";
import { buscarMedicos, type FiltrosBusca } from "../api/buscar-medicos";
import { listarEspecialidades } from "../api/listar-especialidades";
import { nomeParaBusca } from "../busca-por-nome";
import { CartaoMedico } from "../components/CartaoMedico";
import { Filtros, type ValoresFiltro } from "../components/Filtros";
import { MapaResultados } from "../components/MapaResultados";
import { filtrosAtivos } from "../resultado";
import "../medicos.css";

const POR_PAGINA = 10;

function numero(texto: string | null): number | undefined {
  const n = texto === null || texto === "" ? NaN : Number(texto);
  return Number.isFinite(n) ? n : undefined;
}

/** End of the day `dias` days from now (local time), as the API's `disponivel_ate`. */
function ateDias(dias: number): string {
  const fim = new Date();
  fim.setDate(fim.getDate() + dias);
  fim.setHours(23, 59, 59, 0);
  return fim.toISOString();
}

/**
 * The API query for what the URL says (the URL is the state: it can be shared and reloaded).
 * `perto` is a municipality's key (its seat's coordinates are used) or `minha-localizacao`
 * with the browser's `lat`/`lon`.
 */
async function consulta(
  params: URLSearchParams,
): Promise<{ filtros: FiltrosBusca; origem?: { lat: number; lon: number; rotulo: string } }> {
  const filtros: FiltrosBusca = { pagina: numero(params.get("pagina")) ?? 1, por_pagina: POR_PAGINA };
  const nome = nomeParaBusca(params.get("nome") ?? "");
  if (nome) filtros.nome = nome;
  const especialidade = params.get("especialidade");
  if (especialidade) filtros.especialidade = especialidade;
  const perto = params.get("perto");
  const municipio =
    perto && perto !== "minha-localizacao" ? municipioPorChave(await carregarMunicipios(), perto) : undefined;
  const lat = municipio?.lat ?? numero(params.get("lat"));
  const lon = municipio?.lon ?? numero(params.get("lon"));
  let origem: { lat: number; lon: number; rotulo: string } | undefined;
  if (lat !== undefined && lon !== undefined) {
    filtros.lat = lat;
    filtros.lon = lon;
    origem = { lat, lon, rotulo: municipio ? rotuloMunicipio(municipio) : "Você" };
    const raio = numero(params.get("raio"));
    if (raio) filtros.raio_km = raio;
  }
  const nota = numero(params.get("nota"));
  if (nota) filtros.avaliacao_min = nota;
  const disponivel = numero(params.get("disponivel"));
  if (disponivel) filtros.disponivel_ate = ateDias(disponivel);
  const ordenar = params.get("ordenar");
  if (ordenar === "avaliacao" || ordenar === "proximo_horario" || ordenar === "distancia")
    filtros.ordenar = ordenar;
  return { filtros, origem };
}

/** /buscar: find a doctor by name, specialty, place, distance and rating. */
export function BuscaRota() {
  const [params, setParams] = useSearchParams();
  const [localizando, setLocalizando] = useState(false);
  const [erroLocal, setErroLocal] = useState<string | null>(null);
  // On a phone the filters fold behind a button so the results start on the first screen.
  const [filtrosAbertos, setFiltrosAbertos] = useState(false);
  const especialidades = useRecurso(listarEspecialidades, []);
  const chave = params.toString();
  const resultado = useRecurso(async () => {
    const { filtros, origem } = await consulta(new URLSearchParams(chave));
    return { ...(await buscarMedicos(filtros)), origem, raioKm: filtros.raio_km ?? undefined };
  }, [chave]);
  const comMapa = params.get("mapa") === "1";

  const valores: ValoresFiltro = {
    nome: params.get("nome") ?? "",
    especialidade: params.get("especialidade") ?? "",
    perto: params.get("perto") ?? "",
    raio: params.get("raio") ?? "",
    nota: params.get("nota") ?? "",
    disponivel: params.get("disponivel") ?? "",
    ordenar: params.get("ordenar") ?? "",
  };

  function aplicar(mudancas: Record<string, string | null>) {
    const proximos = new URLSearchParams(params);
    for (const [campo, valor] of Object.entries(mudancas)) {
      if (valor) proximos.set(campo, valor);
      else proximos.delete(campo);
    }
    proximos.delete("pagina");
    setParams(proximos, { replace: true });
  }

  function aoMudar(campo: keyof ValoresFiltro, valor: string) {
    if (campo !== "perto") return aplicar({ [campo]: valor });
    setErroLocal(null);
    if (valor !== "minha-localizacao")
      return aplicar({ perto: valor, lat: null, lon: null, ...(valor ? {} : { raio: null }) });
    if (!("geolocation" in navigator)) {
      setErroLocal("Seu navegador não informa a localização. Digite uma cidade.");
      return;
    }
    setLocalizando(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocalizando(false);
        aplicar({
          perto: valor,
          lat: pos.coords.latitude.toFixed(4),
          lon: pos.coords.longitude.toFixed(4),
        });
      },
      () => {
        setLocalizando(false);
        setErroLocal("Não foi possível obter sua localização (permissão negada?). Digite uma cidade.");
      },
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 600_000 },
    );
  }

  const emUso = filtrosAtivos(valores);
  const nomes = new Map(
    especialidades.estado === "pronto" ? especialidades.dados.map((e) => [e.slug, e.nome]) : [],
  );
  const pagina = numero(params.get("pagina")) ?? 1;

  return (
    <Pagina titulo="Buscar médicos" className="busca">
      <p className="subtitulo">Filtre por nome, especialidade, local e avaliação de outros pacientes.</p>
      <div className="busca__grade">
        <button
          type="button"
          className="botao botao--secundario busca__abrir-filtros"
          aria-expanded={filtrosAbertos}
          aria-controls="filtros-da-busca"
          onClick={() => setFiltrosAbertos((a) => !a)}
        >
          Filtros
          {emUso > 0 && (
            <span className="contador">
              {emUso}
              <span className="visualmente-oculto"> em uso</span>
            </span>
          )}
        </button>
        <aside
          id="filtros-da-busca"
          className={`cartao busca__filtros${filtrosAbertos ? " busca__filtros--abertos" : ""}`}
        >
          {especialidades.estado === "erro" && <Alerta tipo="erro">{especialidades.mensagem}</Alerta>}
          <Filtros
            valores={valores}
            especialidades={especialidades.estado === "pronto" ? especialidades.dados : []}
            aoMudar={aoMudar}
            localizando={localizando}
          />
          {erroLocal && <Alerta tipo="erro">{erroLocal}</Alerta>}
        </aside>
        <section className="busca__resultados" aria-labelledby="titulo-resultados">
          <h2 id="titulo-resultados" className="visualmente-oculto">
            Resultados
          </h2>
          <div className="busca__cabecalho">
            <div aria-live="polite" className="busca__contagem">
              {resultado.estado === "pronto" &&
                (resultado.dados.total === 1
                  ? "1 médico encontrado"
                  : `${resultado.dados.total} médicos encontrados`)}
            </div>
            <button
              type="button"
              className="botao botao--secundario busca__alternar-mapa"
              aria-pressed={comMapa}
              onClick={() =>
                setParams(
                  (p) => {
                    if (comMapa) p.delete("mapa");
                    else p.set("mapa", "1");
                    return p;
                  },
                  { replace: true },
                )
              }
            >
              Mostrar no mapa
            </button>
          </div>
          {resultado.estado === "carregando" && <Carregando texto="Buscando médicos…" />}
          {resultado.estado === "erro" && <Alerta tipo="erro">{resultado.mensagem}</Alerta>}
          {resultado.estado === "pronto" && resultado.dados.itens.length === 0 && (
            <Vazio titulo="Nenhum médico encontrado">
              <p>
                {valores.nome
                  ? "Confira o nome (basta o começo de cada palavra) ou tire outros filtros."
                  : "Tente outra especialidade, aumente a distância ou reduza a avaliação mínima."}
              </p>
            </Vazio>
          )}
          {resultado.estado === "pronto" && resultado.dados.itens.length > 0 && (
            <>
              {comMapa && (
                <MapaResultados
                  medicos={resultado.dados.itens}
                  origem={resultado.dados.origem}
                  raioKm={resultado.dados.raioKm}
                />
              )}
              <ul className="lista-medicos">
                {resultado.dados.itens.map((m) => (
                  <CartaoMedico key={m.id} medico={m} nomesEspecialidades={nomes} />
                ))}
              </ul>
              {resultado.dados.total > POR_PAGINA && (
                <nav className="paginacao" aria-label="Páginas de resultados">
                  <button
                    type="button"
                    className="botao botao--secundario"
                    disabled={pagina <= 1}
                    onClick={() => setParams((p) => (p.set("pagina", String(pagina - 1)), p))}
                  >
                    Anterior
                  </button>
                  <span>
                    Página {pagina} de {Math.ceil(resultado.dados.total / POR_PAGINA)}
                  </span>
                  <button
                    type="button"
                    className="botao botao--secundario"
                    disabled={pagina * POR_PAGINA >= resultado.dados.total}
                    onClick={() => setParams((p) => (p.set("pagina", String(pagina + 1)), p))}
                  >
                    Próxima
                  </button>
                </nav>
              )}
            </>
          )}
        </section>
      </div>
    </Pagina>
  );
}
