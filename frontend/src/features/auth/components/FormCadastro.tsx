import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Campo } from "@/components/Campo";
import { CampoSenha } from "@/components/CampoSenha";
import { cpfValido, mascararCpf, soDigitos } from "@/lib/cpf";
import { mascararTelefone } from "@/lib/mascaras";
import { ErroApi } from "@/lib/problem";
import { useEnvio } from "@/lib/use-envio";
import { cadastrarPaciente } from "../api/cadastrar";
import { entrar } from "../api/entrar";

interface Dados {
  nome: string;
  email: string;
  cpf: string;
  telefone: string;
  data_nascimento: string;
  senha: string;
  confirmacao: string;
}

const VAZIO: Dados = {
  nome: "",
  email: "",
  cpf: "",
  telefone: "",
  data_nascimento: "",
  senha: "",
  confirmacao: "",
};

/** CPF and phone are masked while typed; the other fields are kept as typed. */
function mascarar(campo: keyof Dados, valor: string): string {
  if (campo === "cpf") return mascararCpf(valor);
  if (campo === "telefone") return mascararTelefone(valor);
  return valor;
}

/** The checks the browser can do before asking the server (which checks everything again). */
export function validarCadastro(d: Dados): Record<string, string> {
  const erros: Record<string, string> = {};
  if (d.nome.trim().length < 2) erros.nome = "Informe seu nome completo";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim())) erros.email = "Informe um e-mail válido";
  if (!soDigitos(d.cpf)) erros.cpf = "Informe seu CPF";
  else if (!cpfValido(d.cpf)) erros.cpf = "CPF inválido: confira os números";
  const fone = soDigitos(d.telefone);
  if (d.telefone.trim() && (fone.length < 10 || fone.length > 13))
    erros.telefone = "Telefone com DDD, ex.: (11) 91234-5678";
  if (d.senha.length < 8) erros.senha = "A senha deve ter pelo menos 8 caracteres";
  else if (d.senha !== d.confirmacao) erros.confirmacao = "As senhas não conferem";
  return erros;
}

/** A 409 names the identifier already taken only in its message: put it on that field. */
function conflitoPorCampo(falha: unknown): Record<string, string> {
  if (!(falha instanceof ErroApi) || falha.status !== 409) return {};
  const texto = falha.message;
  if (/cpf/i.test(texto)) return { cpf: texto };
  if (/e-?mail/i.test(texto)) return { email: texto };
  return {};
}

/** Patient sign-up; on success the patient is logged in. */
export function FormCadastro({ aoConcluir }: { aoConcluir: () => void }) {
  const [dados, setDados] = useState<Dados>(VAZIO);
  const [conflito, setConflito] = useState<Record<string, string>>({});
  const envio = useEnvio();

  function mudar(campo: keyof Dados, valor: string) {
    setDados((atual) => ({ ...atual, [campo]: mascarar(campo, valor) }));
  }

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    setConflito({});
    const erros = validarCadastro(dados);
    if (Object.keys(erros).length) {
      envio.definirErros(erros);
      const primeiro = Object.keys(erros)[0];
      if (primeiro) document.querySelector<HTMLElement>(`[name="${primeiro}"]`)?.focus();
      return;
    }
    const ok = await envio.enviar(async () => {
      try {
        await cadastrarPaciente({
          nome: dados.nome.trim(),
          email: dados.email.trim(),
          cpf: soDigitos(dados.cpf),
          senha: dados.senha,
          ...(dados.telefone.trim() ? { telefone: dados.telefone.trim() } : {}),
          ...(dados.data_nascimento ? { data_nascimento: dados.data_nascimento } : {}),
        });
      } catch (falha) {
        setConflito(conflitoPorCampo(falha));
        throw falha;
      }
      await entrar({ email: dados.email.trim(), senha: dados.senha });
    });
    if (ok) aoConcluir();
  }

  const erro = (campo: keyof Dados) => conflito[campo] ?? envio.erros[campo];
  return (
    <form className="formulario" onSubmit={enviar} noValidate aria-label="Criar conta de paciente">
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <Campo
        rotulo="Nome completo"
        name="nome"
        autoComplete="name"
        value={dados.nome}
        onChange={(e) => mudar("nome", e.target.value)}
        erro={erro("nome")}
        required
      />
      <Campo
        rotulo="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        value={dados.email}
        onChange={(e) => mudar("email", e.target.value)}
        erro={erro("email")}
        required
      />
      <Campo
        rotulo="CPF"
        name="cpf"
        inputMode="numeric"
        placeholder="000.000.000-00"
        value={dados.cpf}
        onChange={(e) => mudar("cpf", e.target.value)}
        erro={erro("cpf")}
        required
      />
      <div className="linha linha--2">
        <Campo
          rotulo="Celular (opcional)"
          name="telefone"
          type="tel"
          autoComplete="tel-national"
          placeholder="(11) 91234-5678"
          value={dados.telefone}
          onChange={(e) => mudar("telefone", e.target.value)}
          erro={erro("telefone")}
        />
        <Campo
          rotulo="Nascimento (opcional)"
          name="data_nascimento"
          type="date"
          autoComplete="bday"
          value={dados.data_nascimento}
          onChange={(e) => mudar("data_nascimento", e.target.value)}
          erro={erro("data_nascimento")}
        />
      </div>
      <CampoSenha
        rotulo="Senha"
        name="senha"
        autoComplete="new-password"
        dica="Pelo menos 8 caracteres; evite senhas comuns."
        value={dados.senha}
        onChange={(e) => mudar("senha", e.target.value)}
        erro={erro("senha")}
        required
      />
      <CampoSenha
        rotulo="Repita a senha"
        name="confirmacao"
        autoComplete="new-password"
        value={dados.confirmacao}
        onChange={(e) => mudar("confirmacao", e.target.value)}
        erro={erro("confirmacao")}
        required
      />
      <Botao type="submit" largo carregando={envio.enviando}>
        Criar conta
      </Botao>
    </form>
  );
}
