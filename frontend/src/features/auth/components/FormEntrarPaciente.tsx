import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Campo } from "@/components/Campo";
import { CampoSenha } from "@/components/CampoSenha";
import { cpfValido, pareceCpf, soDigitos } from "@/lib/cpf";
import type { Sessao } from "@/lib/session";
import { useEnvio } from "@/lib/use-envio";
import { entrar } from "../api/entrar";

/** Patient login: one field takes the e-mail or the CPF, told apart by what was typed. */
export function FormEntrarPaciente({ aoEntrar }: { aoEntrar: (sessao: Sessao) => void }) {
  const [identificador, setIdentificador] = useState("");
  const [senha, setSenha] = useState("");
  const envio = useEnvio();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    const texto = identificador.trim();
    const porCpf = pareceCpf(texto);
    if (!texto) return envio.definirErros({ identificador: "Informe seu e-mail ou CPF" });
    if (porCpf && !cpfValido(texto)) return envio.definirErros({ identificador: "CPF inválido" });
    if (!porCpf && !texto.includes("@")) {
      return envio.definirErros({ identificador: "Informe um e-mail ou um CPF válido" });
    }
    if (!senha) return envio.definirErros({ senha: "Informe sua senha" });
    await envio.enviar(async () => {
      const credenciais = porCpf ? { cpf: soDigitos(texto), senha } : { email: texto, senha };
      aoEntrar(await entrar(credenciais));
    });
  }

  const erroIdentificador = envio.erros.identificador ?? envio.erros.email ?? envio.erros.cpf;
  return (
    <form className="formulario" onSubmit={enviar} noValidate aria-label="Entrar como paciente">
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <Campo
        rotulo="E-mail ou CPF"
        name="identificador"
        autoComplete="username"
        value={identificador}
        onChange={(e) => setIdentificador(e.target.value)}
        erro={erroIdentificador}
        required
      />
      <CampoSenha
        rotulo="Senha"
        name="senha"
        autoComplete="current-password"
        value={senha}
        onChange={(e) => setSenha(e.target.value)}
        erro={envio.erros.senha}
        required
      />
      <Botao type="submit" largo carregando={envio.enviando}>
        Entrar
      </Botao>
    </form>
  );
}
