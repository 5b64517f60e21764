import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { listarEspecialidades } from "@/features/medicos/api/listar-especialidades";
import { NOME_MAXIMO, nomeParaBusca } from "@/features/medicos/busca-por-nome";
import { useSessao } from "@/lib/session";
import { useRecurso } from "@/lib/use-recurso";
import "./landing.css";

/** /: what HealthMed is, with the doctor search as the first thing to do. */
export function LandingRota() {
  const navegar = useNavigate();
  const sessao = useSessao();
  const [especialidade, setEspecialidade] = useState("");
  const [nome, setNome] = useState("");
  const especialidades = useRecurso(listarEspecialidades, []);

  function buscar(evento: FormEvent) {
    evento.preventDefault();
    const criterios = new URLSearchParams();
    if (especialidade) criterios.set("especialidade", especialidade);
    const nomeBuscado = nomeParaBusca(nome);
    if (nomeBuscado) criterios.set("nome", nomeBuscado);
    const consulta = criterios.toString();
    navegar(consulta ? `/buscar?${consulta}` : "/buscar");
  }

  return (
    <div className="landing">
      <section className="heroi" aria-labelledby="heroi-titulo">
        <h1 id="heroi-titulo">Consulte um médico sem sair de casa</h1>
        <p className="heroi__texto">
          Encontre especialistas por perto ou em todo o Brasil, agende em poucos cliques e faça sua
          teleconsulta com segurança.
        </p>
        <form className="busca-rapida" role="search" onSubmit={buscar}>
          <label htmlFor="busca-especialidade" className="visualmente-oculto">
            Especialidade
          </label>
          <select
            id="busca-especialidade"
            value={especialidade}
            onChange={(e) => setEspecialidade(e.target.value)}
          >
            <option value="">Todas as especialidades</option>
            {especialidades.estado === "pronto" &&
              especialidades.dados.map((e) => (
                <option key={e.slug} value={e.slug}>
                  {e.nome}
                </option>
              ))}
          </select>
          <label htmlFor="busca-nome" className="visualmente-oculto">
            Nome do médico (opcional)
          </label>
          <input
            id="busca-nome"
            type="search"
            placeholder="Nome do médico (opcional)"
            autoComplete="off"
            maxLength={NOME_MAXIMO}
            value={nome}
            onChange={(e) => setNome(e.target.value)}
          />
          <button type="submit" className="botao">
            Buscar médicos
          </button>
        </form>
        {!sessao && (
          <p className="heroi__contas">
            É médico? <Link to="/entrar?perfil=medico">Entre com seu CRM</Link>. Novo por aqui?{" "}
            <Link to="/cadastro">Crie sua conta de paciente</Link>.
          </p>
        )}
      </section>
      <section className="vantagens" aria-label="Como funciona">
        <article className="cartao">
          <h2>Encontre</h2>
          <p>Procure pelo nome ou filtre por especialidade, distância e avaliação de outros pacientes.</p>
        </article>
        <article className="cartao">
          <h2>Agende</h2>
          <p>Veja a agenda da semana e reserve o horário que cabe no seu dia.</p>
        </article>
        <article className="cartao">
          <h2>Consulte</h2>
          <p>Entre na sala de vídeo no horário e compartilhe exames com o médico, por tempo limitado.</p>
        </article>
      </section>
    </div>
  );
}
