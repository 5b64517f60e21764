import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Campo } from "@/components/Campo";
import { CampoSenha } from "@/components/CampoSenha";
import {
  CamposEndereco,
  MENSAGEM_ENDERECO_INCOMPLETO,
  enderecoDe,
  enderecoParaEnvio,
} from "@/components/CamposEndereco";
import { mascararTelefone } from "@/lib/mascaras";
import { useEnvio } from "@/lib/use-envio";
import { atualizarPaciente } from "../api/atualizar-paciente";
import type { Paciente } from "../api/obter-paciente";

/** The patient's own data: name, e-mail, phone, birth date and address (the CPF never changes). */
export function FormPerfil({ paciente, aoSalvar }: { paciente: Paciente; aoSalvar: () => void }) {
  const [nome, setNome] = useState(paciente.nome);
  const [email, setEmail] = useState(paciente.email);
  const [telefone, setTelefone] = useState(mascararTelefone(paciente.telefone ?? ""));
  const [nascimento, setNascimento] = useState(paciente.data_nascimento ?? "");
  const [endereco, setEndereco] = useState(enderecoDe(paciente.endereco));
  const [senhaAtual, setSenhaAtual] = useState("");
  const envio = useEnvio();
  // The e-mail is where password recovery goes: changing it asks for the current password.
  const trocaEmail = email.trim().toLowerCase() !== paciente.email.toLowerCase();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    const paraEnvio = enderecoParaEnvio(endereco);
    if (paraEnvio === "incompleto") return envio.definirErros({ endereco: MENSAGEM_ENDERECO_INCOMPLETO });
    const ok = await envio.enviar(async () => {
      await atualizarPaciente(paciente.id, {
        nome: nome.trim(),
        email: email.trim(),
        telefone: telefone.trim() || null,
        data_nascimento: nascimento || null,
        endereco: paraEnvio,
        ...(trocaEmail ? { senha_atual: senhaAtual } : {}),
      });
    });
    if (ok) aoSalvar();
  }

  return (
    <form className="formulario" onSubmit={enviar} noValidate aria-label="Meus dados">
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <Campo rotulo="CPF" name="cpf" value={paciente.cpf} readOnly dica="O CPF não pode ser alterado." />
      <Campo
        rotulo="Nome completo"
        name="nome"
        autoComplete="name"
        value={nome}
        onChange={(e) => setNome(e.target.value)}
        erro={envio.erros.nome}
      />
      <Campo
        rotulo="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        erro={envio.erros.email}
        dica="É também o seu login."
      />
      {trocaEmail && (
        <CampoSenha
          rotulo="Senha atual"
          name="senha_atual"
          autoComplete="current-password"
          dica="Para trocar o e-mail. Avisaremos o endereço antigo e encerraremos as suas outras sessões."
          value={senhaAtual}
          onChange={(e) => setSenhaAtual(e.target.value)}
          erro={envio.erros.senha_atual}
          required
        />
      )}
      <div className="linha linha--2">
        <Campo
          rotulo="Celular"
          name="telefone"
          type="tel"
          autoComplete="tel-national"
          value={telefone}
          placeholder="(11) 91234-5678"
          onChange={(e) => setTelefone(mascararTelefone(e.target.value))}
          erro={envio.erros.telefone}
        />
        <Campo
          rotulo="Nascimento"
          name="data_nascimento"
          type="date"
          autoComplete="bday"
          value={nascimento}
          onChange={(e) => setNascimento(e.target.value)}
          erro={envio.erros.data_nascimento}
        />
      </div>
      <fieldset className="campo escolha">
        <legend>Endereço</legend>
        {envio.erros.endereco && <span className="campo__erro">{envio.erros.endereco}</span>}
        <div className="formulario">
          <CamposEndereco
            endereco={endereco}
            mudar={(campo, valor) => setEndereco((e) => ({ ...e, [campo]: valor }))}
            erros={envio.erros}
            pessoal
          />
        </div>
      </fieldset>
      <Botao type="submit" carregando={envio.enviando}>
        Salvar
      </Botao>
    </form>
  );
}
