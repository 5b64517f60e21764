import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useSessao } from "@/lib/session";

/** /: what HealthMed is, with the doctor search as the first thing to do. */
export function LandingRota() {
  const navegar = useNavigate();
  const sessao = useSessao();
  const [termo, setTermo] = useState("");

  function buscar(evento: FormEvent) {
    evento.preventDefault();
    const params = new URLSearchParams();
    if (termo.trim()) params.set("q", termo.trim());
    navegar(`/buscar${params.size ? `?${params}` : ""}`);
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
          <label htmlFor="busca-termo" className="visualmente-oculto">
            Especialidade
          </label>
          <input
            id="busca-termo"
            type="search"
            placeholder="Especialidade, ex.: cardiologia"
            value={termo}
            onChange={(e) => setTermo(e.target.value)}
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
          <p>Filtre por especialidade, distância e avaliação de outros pacientes.</p>
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
